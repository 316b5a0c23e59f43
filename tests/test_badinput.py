"""Hostile input end to end: every bad file is one clear failure, every good one is stored."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.batch import Summary, documents
from dateline.cli import printable
from dateline.errors import InputError, LimitError
from dateline.ingest import iter_inputs, iter_paths
from dateline.settings import Settings
from dateline.store import Store
from tests.badinput import (
    write_bad_inputs,
    write_good_articles,
    write_hostile_articles,
    write_slow_page,
    write_unreadable,
)


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    code = "from dateline.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.slow
def test_ingest_survives_every_bad_input(tmp_path):
    root = tmp_path / "in"
    good = write_good_articles(root / "good", 9)
    hostile = write_hostile_articles(root / "hostile")
    bad = write_bad_inputs(root)
    unreadable, blocked = write_unreadable(root)
    db = str(tmp_path / "store.duckdb")

    result = _run("ingest", str(root), "--db", db)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    expected_failures = len(bad) + (1 if blocked else 0)
    assert len(lines) == expected_failures, result.stderr
    for item in bad:
        label = printable(str(root / item.source))
        matching = [line for line in lines if line.startswith(f"failed {label}: ")]
        assert len(matching) == 1, (item, result.stderr)
        reason = matching[0][len(f"failed {label}: ") :]
        assert re.search(item.reason, reason), (item, reason)
    if blocked:
        assert any(str(unreadable) in line and "Permission denied" in line for line in lines)

    with Store(db, read_only=True) as store:
        titles = {row["title"] for row in store.articles(limit=1000)}
    expected_titles = _titles(good) | set(hostile) | {"JSONL good", "JSONL good too"}
    if not blocked:
        expected_titles.add(_title_of(unreadable))
    assert titles == expected_titles
    assert f"stored {len(expected_titles)}" in result.stderr

    strict = _run("ingest", str(root), "--db", db, "--strict")
    assert strict.returncode == 1
    assert f"skipped (already stored) {len(expected_titles)}" in strict.stderr


def _titles(paths: list[Path]) -> set[str]:
    titles = set()
    for item in iter_inputs(paths):
        assert not isinstance(item, InputError), item
        titles.add(item.metadata.get("title") or _title_of_text(item.text))
    return titles


def _title_of(path: Path) -> str:
    path.chmod(0o644)
    return _title_of_text(path.read_text(encoding="utf-8"))


def _title_of_text(text: str) -> str:
    if "<title>" in text:
        return text.split("<title>", 1)[1].split("</title>", 1)[0]
    return text.split("\n", 1)[0]


def test_explicit_paths_that_are_not_files(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    items = list(iter_inputs([fifo, tmp_path / "missing.txt"]))
    reasons = [i.reason for i in items if isinstance(i, InputError)]
    assert len(reasons) == 2
    assert "not a regular file" in reasons[0]
    assert "no such file" in reasons[1]


def test_max_bytes_refuses_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Port workers met the minister on Monday.\n" * 1000)
    (item,) = list(iter_inputs([path], max_bytes=1000))
    assert isinstance(item, LimitError)
    assert "over the limit max_bytes=1,000" in item.reason


def test_max_chars_is_a_per_file_limit_error(tmp_path):
    good = write_good_articles(tmp_path, 3)
    summary = Summary()
    docs = list(documents([tmp_path], Settings(max_chars=300), summary))
    assert docs == []
    assert len(summary.failed) == 3
    assert all("over max_chars=300" in f.reason for f in summary.failed)
    assert {f.source for f in summary.failed} == {str(good[0]), str(good[1]), f"{good[2]}:1"}


@pytest.mark.slow
def test_timeout_turns_a_slow_page_into_a_failure(tmp_path):
    slow = write_slow_page(tmp_path)
    write_good_articles(tmp_path / "good", 2)
    summary = Summary()
    docs = list(documents([tmp_path], Settings(timeout=1), summary))
    assert len(docs) == 2
    assert [f.source for f in summary.failed] == [str(slow)]
    assert "extraction took longer than the time limit of 1 s" in summary.failed[0].reason


def test_markup_in_titles_is_printed_not_interpreted(tmp_path):
    from typer.testing import CliRunner

    from dateline.cli import app

    title = "Budget row [/b] ends as [bold]unions[/bold] walk out"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(f'{{"title": "{title}", "text": "{_story_text()}"}}\n', encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(feed), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["articles", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert "[/b]" in listed.output and "[bold]unions[/bold]" in listed.output


def _story_text() -> str:
    return "Union leaders in Santos walked out of budget talks with the ports secretariat on Friday."


def test_jsonl_is_read_a_line_at_a_time(tmp_path):
    story = "Ministers met in Lima\u2028on Monday to sign the accord, officials said."
    lines = [
        json.dumps({"title": f"r{i}", "text": f"{story} ({i})"}, ensure_ascii=False).encode()
        for i in range(50)
    ]
    lines[10] = b'{"text": "caf\xe9 owners met in Lima caf\xc3\xa9 and caf\xc3\xa9 again"}'  # mixed encodings
    lines[20] = json.dumps({"text": "x" * 5000}).encode()
    feed = tmp_path / "wire.jsonl"
    feed.write_bytes(b"\n".join(lines) + b"\n")
    assert feed.stat().st_size > 1000  # the whole file is over the limit; each line is not

    items = list(iter_inputs([feed], max_bytes=1000))
    errors = {i.source: i.reason for i in items if isinstance(i, InputError)}
    assert errors.keys() == {f"{feed}:11", f"{feed}:21"}
    assert "mixed encodings" in errors[f"{feed}:11"]
    assert "line is over the limit max_bytes=1,000" in errors[f"{feed}:21"]
    records = [i for i in items if not isinstance(i, InputError)]
    assert [r.record for r in records] == [n for n in range(1, 51) if n not in (11, 21)]
    assert all("\u2028" in r.text for r in records)  # not split at U+2028


def test_utf16_jsonl(tmp_path):
    feed = tmp_path / "export.jsonl"
    feed.write_text(
        '{"text": "Grüße aus Köln: the mayor met dock workers."}\n{"text": "B"}\n', encoding="utf-16"
    )
    items = list(iter_inputs([feed]))
    assert [(i.record, i.encoding) for i in items] == [(1, "utf-16"), (2, "utf-16")]


def test_walk_does_not_recurse_per_directory_level(tmp_path):
    # A hostile archive can nest directories deeper than Python's recursion limit. The
    # limit is lowered here rather than the tree made 1,000+ deep, because Python 3.11's
    # shutil.rmtree (pytest's clean-up) itself recurses per level and would fail on it.
    deep = tmp_path
    for _ in range(400):
        deep = deep / "d"
        deep.mkdir()
    (deep / "bottom.txt").write_text("Talks\n\nThe mayor of Lima met dock workers on Monday.\n")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        found = list(iter_paths([tmp_path]))
    finally:
        sys.setrecursionlimit(limit)
    assert found == [deep / "bottom.txt"]
