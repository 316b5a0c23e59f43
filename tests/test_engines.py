"""Engines, batched writes, resumable and watched ingest: the same documents whatever the route."""

from __future__ import annotations

import importlib.util
import os
import signal
import threading
import time
from pathlib import Path

import duckdb
import pytest

import dateline
from dateline import engines
from dateline.batch import Summary, documents, ingest
from dateline.errors import ConfigError, StoreError
from dateline.settings import Settings
from dateline.store import Store
from dateline.watch import watch
from tests.conftest import DATA, ROOT

PAIR = (
    "Envoys meet\n\n2024.06.03 09:00:00\n\n"
    "Brazilian President Lucas Moreira met Argentine President Sofia Ibarra in Brasilia on Saturday."
)
LONGER = PAIR + " The talks lasted two hours."


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    _corpus_module().generate(out, 6, words=150, html_share=0.5, seed=7)
    return out


def _stored_documents(db: Path) -> dict[str, dict]:
    with Store(db, read_only=True) as store:
        ids = [row[0] for row in store.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        return {i: store.get(i).to_dict() for i in ids}  # type: ignore[union-attr]


def test_corpus_generator_writes_distinct_articles_of_the_asked_length(tmp_path):
    paths = _corpus_module().generate(tmp_path, 8, words=600, html_share=0.0, seed=3)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 8
    assert all(580 <= len(t.split()) <= 760 for t in texts)


def test_the_last_inputs_go_out_in_shrinking_shares_so_workers_finish_together():
    feed = engines._Feed(iter(range(150)), batch_size=32, workers=2)  # type: ignore[arg-type]
    chunks = list(iter(feed.chunk, []))
    # Whole chunks while more than one per worker is left, then half of what is left each
    # time: no worker is handed a full chunk when the others are about to run dry.
    assert [len(c) for c in chunks] == [32, 32, 32, 27, 14, 7, 3, 2, 1]
    assert [i for c in chunks for i in c] == list(range(150))
    assert [len(c) for c in iter(engines._Feed(iter(range(64)), 32, 2).chunk, [])] == [32, 16, 8, 4, 2, 1, 1]
    assert list(iter(engines._Feed(iter(()), 32, 2).chunk, [])) == []


@pytest.mark.slow
def test_process_pool_gives_the_same_documents_as_one_process(corpus, tmp_path):
    settings = Settings(batch_size=2)
    one = [d.to_dict() for d in documents([corpus, DATA], settings)]
    two = [d.to_dict() for d in documents([corpus, DATA], settings, processes=2)]
    assert len(one) == 12 and one == two
    for p in (1, 2):
        with Store(tmp_path / f"p{p}.duckdb") as store:
            summary = ingest([corpus, DATA], store, settings, processes=p)
        assert summary.stored == 12 and not summary.failed
    assert _stored_documents(tmp_path / "p1.duckdb") == _stored_documents(tmp_path / "p2.duckdb")


@pytest.mark.slow
def test_pool_reports_bad_files_and_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text(PAIR, encoding="utf-8")
    summary = Summary()
    docs = list(documents([tmp_path], Settings(), summary, processes=2))
    assert len(docs) == 1
    assert [(Path(f.source).name, f.reason) for f in summary.failed] == [("empty.txt", "empty file")]


def test_a_worker_that_cannot_start_ends_the_run_with_the_reason(tmp_path):
    # The pool's workers cannot load this model: the run must stop with a ConfigError
    # naming it, not wait for ever on chunks that no worker will answer.
    (tmp_path / "ok.txt").write_text(PAIR, encoding="utf-8")
    settings = Settings(model=str(tmp_path / "no-such-model"))
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            list(documents([tmp_path], settings, processes=2))
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(timeout=60)
    assert not runner.is_alive(), "the pool hung on a worker that could not start"
    assert len(outcome) == 1 and isinstance(outcome[0], ConfigError)
    assert "could not start" in str(outcome[0]) and "no-such-model" in str(outcome[0])


def test_interrupted_ingest_resumes_without_duplicates_or_losses(corpus, tmp_path):
    settings = Settings(batch_size=2)
    with Store(tmp_path / "full.duckdb") as store:
        ingest([corpus], store, settings)
        full = store.counts()

    def interrupt(summary: Summary) -> None:
        if summary.stored >= 2:
            raise KeyboardInterrupt

    db = tmp_path / "resumed.duckdb"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest([corpus], store, settings, on_document=interrupt)
    with Store(db) as store:
        assert 0 < store.counts()["articles"] < full["articles"]
        second = ingest([corpus], store, settings)
        assert second.skipped == 2 and second.stored == full["articles"] - 2
        assert store.counts() == full
    assert _stored_documents(db) == _stored_documents(tmp_path / "full.duckdb")


def _two_papers() -> tuple[dateline.Document, dateline.Document]:
    a = dateline.process(PAIR, format="text", metadata={"publisher": "Paper A"})
    b = dateline.process(LONGER, format="text", metadata={"publisher": "Paper B"})
    return a, b


def test_the_store_is_asked_what_it_holds_once_per_batch_not_per_input(corpus):
    asked: list[list[str]] = []

    def stored(ids):
        asked.append(list(ids))
        return set(ids[:1])  # the first of each batch is stored already

    summary = Summary()
    got = list(documents([corpus], Settings(batch_size=4), summary, stored=stored))
    assert [len(ids) for ids in asked] == [4, 2]
    assert summary.skipped == 2 and len(got) == 4


def test_add_many_skips_repeats_and_stored_documents():
    a, b = _two_papers()
    with Store(":memory:") as store:
        assert store.add(a) is True
        assert store.add_many([a, b, b]) == [False, True, False]
        rows = store.events(type="CONSULT")
        assert store.counts()["articles"] == 2
    assert len(rows) == 1 and rows[0]["num_mentions"] == 2 and rows[0]["num_sources"] == 2


def test_batch_merges_events_like_single_writes():
    a, b = _two_papers()
    with Store(":memory:") as one, Store(":memory:") as batch:
        one.add(a)
        one.add(b)
        batch.add_many([a, b])
        assert one.events() == batch.events() and one.counts() == batch.counts()
        # A meeting: PLOVER codes both participants as actors.
        assert [r["actors"] for r in batch.events(actor="moreira")] == [["Lucas Moreira", "Sofia Ibarra"]]
        assert batch.events(actor="nobody") == []


def test_a_document_that_cannot_be_written_costs_only_itself(monkeypatch):
    a = dateline.process(PAIR, format="text")
    b = dateline.process(LONGER, format="text")
    with Store(":memory:") as store:
        original = store._insert_batch

        def refuse_b(docs):
            if any(d.id == b.id for d in docs):
                raise duckdb.ConstraintException("simulated constraint failure")
            original(docs)

        monkeypatch.setattr(store, "_insert_batch", refuse_b)
        results = store.add_many([a, b])
        assert results[0] is True and isinstance(results[1], StoreError)
        assert store.has(a.id) and not store.has(b.id)
        assert store.counts()["articles"] == 1


def test_watch_picks_up_files_as_they_arrive(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text(PAIR, encoding="utf-8")

    def later() -> None:
        time.sleep(0.6)
        (inbox / "second.txt").write_text(LONGER, encoding="utf-8")
        (inbox / "empty.txt").write_bytes(b"")

    writer = threading.Thread(target=later)
    writer.start()
    with Store(tmp_path / "w.duckdb") as store:
        summary = watch([inbox], store, poll=0.1, max_idle=1.5)
        writer.join()
        assert store.counts()["articles"] == 2
    assert summary.stored == 2 and [Path(f.source).name for f in summary.failed] == ["empty.txt"]


def _in_thread(target, timeout: float) -> list:
    """Run `target` in a thread; [its result] or [the exception it raised]; fails on a hang."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(target())
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(timeout=timeout)
    assert not runner.is_alive(), "the pool hung on a worker that died"
    return outcome


def test_an_input_that_kills_its_worker_fails_alone_and_the_rest_is_stored(tmp_path, monkeypatch):
    # The worker given this text SIGKILLs itself, as the out-of-memory killer would. Its
    # chunk-mate and the other chunks must still be stored, the run must end, and the one
    # input that kills a worker by itself must fail with its name and the signal.
    monkeypatch.setattr(engines, "_TEST_KILL_MARKER", "Kill-this-worker")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    texts = [PAIR, LONGER, PAIR + " Kill-this-worker.", LONGER + " They met again.", PAIR + " Both spoke."]
    for number, text in enumerate(texts):
        (inbox / f"{number}.txt").write_text(text, encoding="utf-8")
    settings = Settings(batch_size=2)  # the killer shares its chunk with 3.txt
    with Store(tmp_path / "k.duckdb") as store:
        [summary] = _in_thread(lambda: ingest([inbox], store, settings, processes=2), timeout=120)
        assert isinstance(summary, Summary), summary
        assert [(Path(f.source).name, f.reason) for f in summary.failed] == [
            (
                "2.txt",
                "the worker process died while processing it "
                "(killed by SIGKILL, as by the out-of-memory killer)",
            )
        ]
        assert summary.stored == 4 and store.counts()["articles"] == 4
    expected = [d.to_dict() for d in documents([inbox / f"{n}.txt" for n in (0, 1, 3, 4)], settings)]
    stored = _stored_documents(tmp_path / "k.duckdb")
    assert sorted(stored) == sorted(d["id"] for d in expected)
    assert all(stored[d["id"]] == d for d in expected)


@pytest.mark.slow
def test_a_worker_killed_from_outside_mid_run_loses_nothing(corpus, tmp_path, monkeypatch):
    # A worker killed while it holds a chunk (the kernel's choice, not the input's fault):
    # its chunk is run again input by input on a new worker and every document is stored.
    pools: list[engines._Pool] = []

    class Watched(engines._Pool):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(engines, "_Pool", Watched)
    killed: list[int] = []

    def killer() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for worker in list(pools[0].workers) if pools else []:
                if worker.ready and worker.tasks:
                    os.kill(worker.process.pid, signal.SIGKILL)
                    killed.append(worker.process.pid)
                    break
            time.sleep(0.005)

    settings = Settings(batch_size=2)  # 6 files: three chunks of two, none of one input
    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    [docs] = _in_thread(lambda: list(documents([corpus], settings, processes=2)), timeout=180)
    thread.join()
    assert killed, "no worker was seen at work"
    assert [d.to_dict() for d in docs] == [d.to_dict() for d in documents([corpus], settings)]


def test_a_worker_killed_while_starting_is_replaced(tmp_path, monkeypatch):
    # The first worker is killed before it reports (as the out-of-memory killer would while
    # the model loads): another takes its place and every input is stored.
    monkeypatch.setattr(engines, "_TEST_START_DEATHS", 1)
    for number, text in enumerate([PAIR, LONGER, PAIR + " Both spoke."]):
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    [docs] = _in_thread(lambda: list(documents([tmp_path], Settings(batch_size=1), processes=2)), timeout=120)
    assert sorted(d.id for d in docs) == sorted(d.id for d in documents([tmp_path], Settings()))


def test_workers_that_keep_dying_while_starting_end_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "_TEST_START_DEATHS", 100)
    (tmp_path / "ok.txt").write_text(PAIR, encoding="utf-8")
    [outcome] = _in_thread(lambda: list(documents([tmp_path], processes=2)), timeout=120)
    assert isinstance(outcome, ConfigError) and "died while starting" in str(outcome)
    assert "SIGKILL" in str(outcome)
