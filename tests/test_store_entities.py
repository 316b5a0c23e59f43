"""One canonical entity per referent across stored documents, with a user's aliases file."""

from __future__ import annotations

import pytest

import dateline
from dateline import store as store_module
from dateline.batch import ingest
from dateline.canon import normalise, read_aliases
from dateline.errors import ConfigError, StoreError
from dateline.settings import Settings
from dateline.store import Store

ARTICLES = {
    "a.txt": "Russian Defense Minister Sergei Shoigu inspected troops near Rostov on Monday.",
    "b.txt": "Shoigu told officers in Moscow on Tuesday that more tanks would reach the front.",
    "c.txt": "Defense Minister Sergey Shoygu met Chinese officials in Beijing on Friday.",
    "d.txt": "The Israel Defense Forces said on Sunday its jets had struck targets in Lebanon.",
    "e.txt": "The IDF said on Monday that two soldiers were wounded near the border with Lebanon.",
}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(f"Report {name}\n\n{text}\n", encoding="utf-8")
    return folder


def test_surname_and_acronym_join_across_articles(tmp_path, corpus):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([corpus], store)
        rows = store.entities(name="Shoigu")
        assert [(r["name"], r["articles"]) for r in rows] == [("Sergei Shoigu", 2)]
        idf = store.entities(name="IDF")
        assert [(r["name"], r["articles"], r["country"], r["sector"]) for r in idf] == [
            ("Israel Defense Forces", 2, "ISR", "MIL")
        ]


def test_aliases_file_joins_spelling_variants_already_stored(tmp_path, corpus):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("# mine\nSergei Shoigu\tSergey Shoygu\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([corpus], store)
        assert len(store.entities(name="Sho")) == 2  # "Shoygu" is not "Shoigu" without the file
        ingest([corpus], store, Settings(aliases=str(aliases)))  # nothing new; re-files
        rows = store.entities(name="Shoygu")
        assert [(r["name"], r["articles"]) for r in rows] == [("Sergei Shoigu", 3)]
        assert sorted(rows[0]["names"]) == ["Sergei Shoigu", "Sergey Shoygu", "Shoigu"]


def test_two_people_with_one_surname_keep_a_lone_surname_apart(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        for i, text in enumerate(
            [
                "Senator Jack Reed spoke in Washington on Monday.",
                "Actress Donna Reed was remembered in Denison on Monday.",
                "Reed said on Tuesday that the bill would pass.",
            ]
        ):
            store.add(dateline.process(f"Title {i}\n\n{text}", format="text", path=f"{i}.txt"))
        names = {r["name"] for r in store.entities(name="Reed")}
        assert {"Jack Reed", "Donna Reed"} <= names


def test_bad_aliases_file_names_file_and_line(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text("Sergei Shoigu\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"aliases.tsv:1: expected a canonical name"):
        read_aliases(path)
    with pytest.raises(ConfigError, match="cannot read aliases file"):
        read_aliases(tmp_path / "missing.tsv")


def test_names_normalise_across_spellings():
    assert normalise("Kim Jong-un") == normalise("Kim Jong Un") == normalise("KIM JONG-UN")
    assert normalise("Sébastien Lecornu") == normalise("Sebastien Lecornu")


def test_migration_keys_entities_stored_before_it(tmp_path, corpus, monkeypatch):
    path = tmp_path / "old.duckdb"
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    monkeypatch.setattr(Store, "_insert_canon", lambda self, docs: None)
    with Store(path) as store:
        ingest([corpus], store)
        assert store.schema_version() == 1
    monkeypatch.undo()
    with pytest.raises(StoreError, match="has schema version 1, this dateline needs 2"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.schema_version() == 2
        assert store.entities(name="Sergei Shoigu")[0]["articles"] == 1
