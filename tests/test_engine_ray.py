"""The Ray engine gives the same documents as the local engine, on a local Ray."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from dateline import engine_ray
from dateline.batch import Summary, documents, ingest
from dateline.engine_ray import run_ray
from dateline.ingest import RawInput
from dateline.models import Document
from dateline.settings import Settings
from dateline.store import Store
from dateline.watch import watch
from tests.conftest import DATA

pytest.importorskip("ray", reason="Ray is needed for --engine ray: pip install 'dateline[ray]'")
pytest.importorskip("pyarrow", reason="pyarrow is needed for the Ray engine's Parquet shards")

# Ray and its dependencies raise deprecation warnings of their own on import and start.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::FutureWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


def test_ray_engine_matches_local_engine(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text('{"title": "no body"}\n', encoding="utf-8")
    paths = [DATA, tmp_path]
    settings = Settings(batch_size=2)
    local, remote = Summary(), Summary()
    expected = [d.to_dict() for d in documents(paths, settings, local)]
    got = [d.to_dict() for d in documents(paths, settings, remote, processes=2, engine="ray")]
    assert len(expected) == 6 and got == expected
    assert [(Path(f.source).name, f.reason) for f in remote.failed] == [
        (Path(f.source).name, f.reason) for f in local.failed
    ]
    with Store(tmp_path / "ray.duckdb") as store:
        summary = ingest([DATA], store, settings, processes=1, engine="ray")
        assert summary.stored == 6 and store.counts()["articles"] == 6


def _mixed_folder(root: Path) -> Path:
    """Every input kind next to each other: the fixtures, their records as Parquet, bad files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = root / "mixed"
    shutil.copytree(DATA, folder)
    lines = (DATA / "records.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    keys = list(dict.fromkeys(key for row in rows for key in row))
    table = pa.table({key: [row.get(key) for row in rows] for key in keys})
    pq.write_table(table, folder / "records.parquet", row_group_size=2)
    pq.write_table(table.slice(0, 1).drop_columns(["text"]), folder / "no-body.parquet")
    (folder / "truncated.parquet").write_bytes((folder / "records.parquet").read_bytes()[:300])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad.jsonl").write_text('{"title": "no body"}\n{not json}\n', encoding="utf-8")
    return folder


def _failures(summary: Summary) -> list[tuple[str, str]]:
    return [(Path(f.source).name, f.reason) for f in summary.failed]


def test_ray_engine_reads_every_format_on_the_workers_and_matches_local(tmp_path):
    folder = _mixed_folder(tmp_path)
    settings = Settings(batch_size=2)
    local, remote = Summary(), Summary()
    expected = [d.to_dict() for d in documents([folder, tmp_path / "missing.txt"], settings, local)]
    got = [d.to_dict() for d in documents([folder, tmp_path / "missing.txt"], settings, remote, engine="ray")]
    assert len(expected) == 9 and got == expected
    assert [d["source"]["format"] for d in got].count("json") == 6  # 3 JSONL + 3 Parquet rows

    def rows_of(name: str) -> list[dict]:
        docs = [dict(d, source={**d["source"], "path": None}) for d in got]
        return [d for d, full in zip(docs, got, strict=True) if Path(full["source"]["path"]).name == name]

    assert rows_of("records.parquet") == rows_of("records.jsonl") != []
    assert _failures(remote) == _failures(local)
    assert {name for name, _ in _failures(local)} >= {
        "truncated.parquet",
        "no-body.parquet:1",
        "empty.txt",
        "bad.jsonl:1",
        "bad.jsonl:2",
        "missing.txt",
    }
    assert remote.read == local.read


def test_ray_ingest_skips_what_is_stored_before_any_nlp(tmp_path):
    folder = _mixed_folder(tmp_path)
    settings = Settings(batch_size=4)
    with Store(tmp_path / "ray.duckdb") as store:
        first = ingest([folder], store, settings, engine="ray")
        # records.parquet holds the articles of records.jsonl: the same content hashes.
        assert (first.stored, first.skipped) == (6, 3) and store.counts()["articles"] == 6
        asked: list[list[str]] = []

        def stored_ids(ids):
            asked.append(list(ids))
            return store.stored_ids(ids)

        # Inputs the store holds never reach the actors, so no document comes back for them.
        summary = Summary()
        assert list(documents([folder], settings, summary, stored_ids, engine="ray")) == []
    assert (summary.skipped, len(summary.failed)) == (9, len(first.failed))
    # The readable inputs' distinct ids, asked a batch at a time as the inputs stream in.
    assert all(0 < len(ids) <= 4 for ids in asked) and len({i for ids in asked for i in ids}) == 6


def test_watch_with_the_ray_engine_starts_ray_once_and_takes_new_files(tmp_path, monkeypatch):
    import ray

    inits: list[dict] = []
    real_init = ray.init

    def counting_init(*args, **kwargs):
        inits.append(kwargs)
        return real_init(*args, **kwargs)

    monkeypatch.setattr(ray, "init", counting_init)
    annotators: list[object] = []
    real_remote = ray.remote

    def counting_remote(*args, **kwargs):
        if args and args[0] is engine_ray._Annotator:
            annotators.append(args[0])
        return real_remote(*args, **kwargs)

    monkeypatch.setattr(ray, "remote", counting_remote)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(DATA / "scrape.txt", inbox / "first.txt")

    def later() -> None:
        time.sleep(1.0)
        shutil.copy(DATA / "records.jsonl", inbox / "second.jsonl")
        (inbox / "empty.txt").write_bytes(b"")

    writer = threading.Thread(target=later)
    writer.start()
    with Store(tmp_path / "w.duckdb") as store:
        summary = watch([inbox], store, poll=0.2, max_idle=3.0, engine="ray")
        writer.join()
        assert store.counts()["articles"] == 4
    assert summary.stored == 4 and [Path(f.source).name for f in summary.failed] == ["empty.txt"]
    assert len(inits) == 1 and not ray.is_initialized()
    # Two scans found files; the actors (and their models) were started for the first only.
    assert len(annotators) == 1 and engine_ray._session.actors == {}


def test_ray_engine_streams_a_bounded_number_of_batches_ahead():
    # One actor, batches of 2: the driver holds at most two batches at the actor and the
    # one being gathered, so the first document comes back long before the input ends.
    pulled: list[int] = []

    def inputs():
        for number in range(40):
            pulled.append(number)
            yield RawInput(
                f"Envoys meet {number}\n\nThe envoys met in Lima on Monday, officials said.", "text"
            )

    outcomes = run_ray(inputs(), Settings(batch_size=2), processes=1)
    raw, first = next(outcomes)
    assert raw.text.startswith("Envoys meet 0") and isinstance(first, Document)
    assert len(pulled) <= 2 * (2 + 1)
    rest = list(outcomes)
    assert len(rest) == 39 and all(isinstance(doc, Document) for _, doc in rest)
    assert [raw.text.split("\n")[0] for raw, _ in rest] == [f"Envoys meet {n}" for n in range(1, 40)]


def test_cli_watch_with_the_ray_engine(tmp_path):
    from typer.testing import CliRunner

    from dateline.cli import app

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(DATA / "records.jsonl", inbox / "records.jsonl")
    db = tmp_path / "cli.duckdb"
    args = [
        "ingest",
        str(inbox),
        "--db",
        str(db),
        "--engine",
        "ray",
        "--watch",
        "--max-idle",
        "1",
        "--poll",
        "0.2",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3


def test_ray_actors_that_cannot_start_end_the_run_with_the_reason(tmp_path):
    from dateline.errors import ConfigError

    settings = Settings(model=str(tmp_path / "no-such-model"))
    with pytest.raises(ConfigError, match=r"could not start.*no-such-model"):
        list(documents([DATA], settings, processes=2, engine="ray"))
    assert engine_ray._session.actors == {}


def test_an_input_that_kills_its_ray_actor_fails_alone_and_the_rest_is_stored(tmp_path, monkeypatch):
    # As with the local pool: the actor given this text SIGKILLs itself; the run goes on
    # on a new actor, and only the input that kills an actor by itself fails.
    from dateline import engines

    monkeypatch.setattr(engines, "_TEST_KILL_MARKER", "Kill-this-worker")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pair = (DATA / "scrape.txt").read_text(encoding="utf-8")
    texts = [pair, pair + " One.", pair + " Kill-this-worker.", pair + " Two.", pair + " Three."]
    for number, text in enumerate(texts):
        (inbox / f"{number}.txt").write_text(text, encoding="utf-8")
    settings = Settings(batch_size=2)  # the killer shares its batch with 3.txt
    with Store(tmp_path / "k.duckdb") as store:
        summary = ingest([inbox], store, settings, processes=2, engine="ray")
        assert [Path(f.source).name for f in summary.failed] == ["2.txt"]
        assert summary.failed[0].reason.startswith("the Ray actor processing it died (")
        assert summary.stored == 4 and store.counts()["articles"] == 4


def test_ray_engine_on_a_cluster_of_two_nodes_matches_local(tmp_path):
    # Two Ray nodes (two raylets, each with its own object store) on this machine: the
    # actors are spread over both, inputs and documents cross between them, and the
    # driver joins through --ray-address as it would a cluster of several machines.
    import ray
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 1, "object_store_memory": 80 * 1024 * 1024},
    )
    try:
        cluster.add_node(num_cpus=1, object_store_memory=80 * 1024 * 1024)
        cluster.wait_for_nodes()
        settings = Settings(batch_size=2)
        expected = [d.to_dict() for d in documents([DATA], settings)]
        summary = Summary()
        with engine_ray.ray_session(cluster.address):
            got = documents([DATA], settings, summary, processes=2, engine="ray", ray_address=cluster.address)
            assert [d.to_dict() for d in got] == expected and not summary.failed
            # the run's actors: one on each node, not both on one (an actor holds no CPU)
            nodes = {ray.get(actor.node.remote()) for actor in engine_ray._actors(settings, 2)}
            assert len(nodes) == 2
        assert len(expected) == 6
    finally:
        cluster.shutdown()
