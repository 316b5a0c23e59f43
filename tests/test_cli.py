"""The CLI is a thin shell: check its contract with the user."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dateline.cli import app
from tests.conftest import DATA

runner = CliRunner()


def test_process_json_one_file():
    result = runner.invoke(app, ["process", str(DATA / "scrape.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "dateline/1" and doc["source"]["path"].endswith("scrape.txt")


def test_process_jsonl_directory():
    result = runner.invoke(app, ["process", str(DATA), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 6
    assert all(d["source"]["path"] for d in lines)


def test_ingest_then_query(tmp_path, monkeypatch):
    db = tmp_path / "cli.duckdb"
    monkeypatch.setenv("DATELINE_DB", str(db))
    result = runner.invoke(app, ["ingest", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "stored 6" in result.output and db.exists()
    again = runner.invoke(app, ["ingest", str(DATA)])
    assert "stored 0" in again.output and "skipped (already stored) 6" in again.output
    for command in (["articles"], ["entities", "--type", "PERSON"], ["events"], ["quotes"], ["places"]):
        listed = runner.invoke(app, [*command, "--json"])
        assert listed.exit_code == 0, listed.output
        assert isinstance(json.loads(listed.stdout), list) and json.loads(listed.stdout)
    articles = json.loads(runner.invoke(app, ["articles", "--json"]).stdout)
    shown = runner.invoke(app, ["show", articles[0]["id"][:10]])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == articles[0]["id"]
    speakers = json.loads(runner.invoke(app, ["quotes", "--speaker", "Siregar", "--json"]).stdout)
    assert speakers and all("Siregar" in (q["speaker"] or "") for q in speakers)


def test_strict_exit_code(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("Title\n\nThe mayor of Lima met reporters on Monday.", encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    loose = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert loose.exit_code == 0 and "empty.txt: empty file" in loose.output
    strict = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--strict"])
    assert strict.exit_code == 1


def test_query_without_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store" in result.output
