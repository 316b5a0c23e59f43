from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import dateline
from dateline.batch import Summary, documents
from dateline.models import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "pulse-2023-09-18-kim-russia.txt"

# The evaluation scripts (eval/score_<area>.py) are imported by tests/test_eval_<area>.py.
sys.path.insert(0, str(ROOT / "eval"))


@pytest.fixture(scope="session")
def expected() -> dict[str, dict]:
    return json.loads((Path(__file__).parent / "expected.json").read_text(encoding="utf-8"))


def fixture_key(doc: Document) -> str:
    name = Path(doc.source.path or "").name
    return f"{name}#{doc.source.record}" if doc.source.record is not None else name


@pytest.fixture(scope="session")
def fixture_docs() -> dict[str, Document]:
    """Every test fixture processed once for the session, keyed like expected.json."""
    summary = Summary()
    docs = {fixture_key(d): d for d in documents([DATA], dateline.Settings(), summary)}
    assert not summary.failed, summary.failed
    return docs


def entity_by_name(doc: Document, name: str) -> dateline.Entity:
    matches = [e for e in doc.entities if e.name == name]
    assert matches, f"{name!r} not among {[e.name for e in doc.entities]}"
    return matches[0]


HOSTILE = (
    "Ministry statement <script>window.__pwned = 'script'</script>\n\n"
    "Officials in Lima said on Monday that the Peruvian Army met protest leaders in Cusco. "
    "The notice read <img src=x onerror=\"window.__pwned = 'onerror'\"> and "
    "<a href=\"javascript:window.__pwned = 'link'\">click here</a> before it was removed.\n"
)


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, fixture_docs: dict[str, Document]) -> Path:
    """A store of every fixture, the demo articles and one article full of hostile markup."""
    folder = tmp_path_factory.mktemp("served")
    (folder / "hostile-markup.txt").write_text(HOSTILE, encoding="utf-8")
    path = folder / "served.duckdb"
    with dateline.Store(path) as store:
        for doc in fixture_docs.values():
            store.add(doc)
        summary = dateline.ingest([ROOT / "demo" / "articles", folder / "hostile-markup.txt"], store)
    assert not summary.failed, summary.failed
    return path
