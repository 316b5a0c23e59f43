"""The DuckDB store: whole documents, idempotent re-ingest, round trips, merged events."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dateline
from dateline.batch import ingest
from dateline.errors import StoreError
from dateline.models import Article, Caption, Document, Entity, Mention, Source
from dateline.store import Store
from tests.conftest import DATA

PAIR = (
    "Envoys meet\n\n2024.06.03 09:00:00\n\n"
    "Brazilian President Lucas Moreira met Argentine President Sofia Ibarra in Brasilia on Saturday."
)


def test_ingest_is_idempotent(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest([DATA], store)
        second = ingest([DATA], store)
        counts = store.counts()
    assert first.stored == 6 and not first.failed
    assert second.stored == 0 and second.skipped == 6
    assert counts["articles"] == 6


def test_migrations_recorded(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        assert store.schema_version() == 1
        assert store.migrate() == []
    with Store(path, read_only=True) as store:
        assert store.schema_version() == 1


def test_failed_write_stores_nothing(tmp_path, monkeypatch):
    doc = dateline.process(PAIR, format="text")
    with Store(tmp_path / "s.duckdb") as store:
        original = store._insert

        def half_then_fail(d):
            original(d)
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "_insert", half_then_fail)
        with pytest.raises(RuntimeError):
            store.add(doc)
        monkeypatch.undo()
        assert store.counts() == dict.fromkeys(store.counts(), 0)
        assert store.add(doc) is True


def test_events_merge_across_documents(tmp_path):
    a = dateline.process(PAIR, format="text", metadata={"publisher": "Paper A"})
    b = dateline.process(
        PAIR + " The talks lasted two hours.", format="text", metadata={"publisher": "Paper B"}
    )
    with Store(tmp_path / "s.duckdb") as store:
        store.add(a)
        store.add(b)
        rows = store.events(type="CONSULT")
    assert len(rows) == 1
    row = rows[0]
    assert row["num_mentions"] == 2 and row["num_articles"] == 2 and row["num_sources"] == 2
    assert row["actors"] == ["Lucas Moreira"] and row["recipients"] == ["Sofia Ibarra"]
    assert row["day"] == "2024-06-01"


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_queries_use_parameters(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([DATA], store)
        hostile = "'; DROP TABLE articles; --"
        assert store.articles(search=hostile) == []
        assert store.entities(name=hostile) == []
        assert store.counts()["articles"] == 6


text_st = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@st.composite
def documents(draw):
    body = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=5, max_size=300))
    start = draw(st.integers(0, len(body) - 1))
    end = draw(st.integers(start + 1, len(body)))
    return Document(
        id=draw(st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)),
        source=Source(path=draw(text_st), format="text"),
        article=Article(
            title=draw(st.none() | text_st),
            authors=draw(st.lists(text_st, max_size=3)),
            captions=[Caption(text=draw(text_st), credit=draw(st.none() | text_st))],
            text=body,
        ),
        entities=[
            Entity(
                id="ent1",
                name=draw(text_st) or "x",
                type="PERSON",
                mentions=[Mention(text=body[start:end], start=start, end=end)],
            )
        ],
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_round_trip(tmp_path, doc):
    with Store(":memory:") as store:
        assert store.add(doc)
        back = store.get(doc.id)
    assert back is not None and back.to_dict() == doc.to_dict()
    assert Document.from_json(doc.to_json()) == doc
