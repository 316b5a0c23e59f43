"""The Ray engine gives the same documents as the local engine, on a local Ray."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.batch import Summary, documents, ingest
from dateline.settings import Settings
from dateline.store import Store
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
