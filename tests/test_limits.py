"""The per-document time limit interrupts what it must and leaves everything else alone."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from dateline.errors import InputError, LimitError
from dateline.limits import refuse_entity_declarations, time_limit, time_limit_enforced
from tests.badinput import ENTITY_BOMB, QUADRATIC_BOMB

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no SIGALRM on this platform")


def test_catastrophic_regex_is_interrupted():
    # Without the limit this match backtracks for longer than the age of the universe.
    message = r"page\.html: extraction took longer than the time limit of 0\.3 s"
    with pytest.raises(LimitError, match=message), time_limit(0.3, "page.html", "extraction"):
        re.match(r"(a+)+$", "a" * 40 + "b")


def test_a_library_swallowing_the_first_alarm_is_stopped_by_the_next():
    def stubborn() -> None:
        try:
            while True:
                sum(range(10_000))
        except Exception:
            pass  # what a careless `except Exception` in a parser does
        while True:
            sum(range(10_000))

    with pytest.raises(LimitError), time_limit(0.2, "x", "annotation"):
        stubborn()


def test_fast_work_passes_and_the_timer_is_disarmed():
    with time_limit(5, "x", "extraction"):
        total = sum(range(1000))
    assert total == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_outer_limit_survives_an_inner_one():
    with pytest.raises(LimitError, match="outer"), time_limit(0.5, "x", "outer"):
        with time_limit(5, "x", "inner"):
            pass
        while True:
            sum(range(10_000))


@pytest.mark.parametrize("seconds", [None, 0, -1])
def test_no_limit(seconds):
    with time_limit(seconds, "x", "extraction"):
        time.sleep(0.01)


def test_other_threads_run_unlimited_rather_than_crash():
    outcome: list[object] = []

    def work() -> None:
        outcome.append(time_limit_enforced())
        with time_limit(0.01, "x", "extraction"):
            time.sleep(0.05)
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == [False, "done"]


@pytest.mark.parametrize("markup", [ENTITY_BOMB, QUADRATIC_BOMB])
def test_entity_declarations_refused(markup):
    with pytest.raises(InputError, match="entity-expansion bomb"):
        refuse_entity_declarations(markup, "bomb.html")


def test_ordinary_doctypes_pass():
    for markup in (
        "<!DOCTYPE html><html><body><p>&amp; &copy;</p></body></html>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html></html>',
        "<p>A page that mentions <!ENTITY in its text, without a DOCTYPE.</p>",
    ):
        refuse_entity_declarations(markup, "ok.html")


def test_a_failing_custom_annotator_does_not_end_the_batch(tmp_path):
    from dateline.batch import Summary, documents
    from dateline.registry import register
    from dateline.settings import Settings

    @register("quotes", "quotes.broken.test")
    def broken(doc, article, **_):
        raise RuntimeError("bug in a plug-in")

    (tmp_path / "a.txt").write_text("Talks\n\nThe mayor of Lima met dock workers on Monday.\n")
    summary = Summary()
    docs = list(documents([tmp_path], Settings(quotes="quotes.broken.test"), summary))
    assert docs == []
    assert len(summary.failed) == 1 and "bug in a plug-in" in summary.failed[0].reason
