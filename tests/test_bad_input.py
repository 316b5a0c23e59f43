"""Bad input for extraction and `dateline extract`: a result or a clear error, never a crash.

Every input here is generated at run time (nothing large is committed).
"""

from __future__ import annotations

import contextlib
import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import DatelineError, ExtractionError
from dateline.extract import MAX_HTML_CHARS, _without_heavy_blocks, extract
from dateline.ingest import RawInput
from tests.conftest import DATA

PARA = "<p>" + "Dock workers returned to work on Thursday after the union accepted a pay rise. " * 4 + "</p>"
runner = CliRunner()


def html(body: str) -> RawInput:
    return RawInput(text=body, format="html", path="generated.html")


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n ",
        "<html><body></body></html>",
        "<html><body><script>var a = 1;</script></body></html>",
        "\x00\x01\x02 binary-looking text \xff\xfe",
    ],
)
def test_empty_pages_are_a_clear_error(page):
    with pytest.raises(ExtractionError, match=r"generated\.html"):
        extract(html(page))


def test_truncated_page_still_gives_title_and_text():
    page = (
        "<html><head><title>Port strike ends | Harbour Post</title></head>"
        "<body><article><h1>Port strike ends</h1>"
    )
    article = extract(html(page + PARA * 3 + "<p>The union sa"))
    assert article.title == "Port strike ends"
    assert "Dock workers returned" in article.text


@pytest.mark.parametrize("depth", [100_000])
def test_deeply_nested_tags(depth):
    page = "<html><body>" + "<div>" * depth + PARA * 3 + "</div>" * depth + "</body></html>"
    try:
        article = extract(html(page))
    except ExtractionError as exc:  # the parser caps depth: an error naming the page is fine
        assert "generated.html" in str(exc)
    else:
        assert "Dock workers" in article.text


def test_unclosed_nesting():
    page = "<html><body>" + "<div><span><b>" * 30_000 + PARA * 3
    try:
        extract(html(page))
    except ExtractionError as exc:
        assert "generated.html" in str(exc)


def test_fifty_megabyte_page_is_refused_with_its_size():
    page = "<html><body><article>" + PARA * (50_000_000 // len(PARA)) + "</article></body></html>"
    with pytest.raises(ExtractionError, match=r"over the 5,000,000"):
        extract(html(page))


def test_fifty_megabyte_text_is_refused():
    text = "Dock workers returned to work on Thursday after a pay deal.\n\n" * 800_000
    with pytest.raises(ExtractionError, match="characters"):
        extract(RawInput(text=text, format="text", path="big.txt"))


def test_large_page_of_scripts_is_read_without_them():
    page = (
        "<html><head><title>Port strike ends</title>"
        + "<script>"
        + "x" * (MAX_HTML_CHARS + 10)
        + "</script></head><body><article><h1>Port strike ends</h1>"
        + PARA * 3
        + "</article></body></html>"
    )
    article = extract(html(page))
    assert "Dock workers returned" in article.text


def test_heavy_block_removal_is_linear_and_exact():
    assert (
        _without_heavy_blocks("<p>a</p><script>x<y</script><p>b</p><STYLE>q</style>c") == "<p>a</p><p>b</p>c"
    )
    assert _without_heavy_blocks("<p>a</p><script>never closed <p>b</p>") == "<p>a</p>"
    hostile = "<script>" * 200_000
    assert _without_heavy_blocks(hostile) == ""


def test_extract_cli_reports_each_bad_file_and_goes_on(tmp_path):
    (tmp_path / "good.html").write_text((DATA / "page.html").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "nothing.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(docs) == 1
    doc = docs[0]
    assert doc["schema"] == "dateline/1" and doc["source"]["path"].endswith("good.html")
    assert doc["article"]["title"] and doc["article"]["text"]
    assert doc["entities"] == doc["events"] == doc["times"] == doc["places"] == doc["quotes"] == []
    for name in ("empty.html", "binary.html", "nothing.html"):
        assert name in result.stderr
    strict = runner.invoke(app, ["extract", str(tmp_path), "--strict"])
    assert strict.exit_code == 1


def test_extract_cli_json_for_one_file_and_records():
    result = runner.invoke(app, ["extract", str(DATA / "records.jsonl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["source"]["record"] for d in docs] == [1, 2, 3]
    assert all(d["source"]["path"].endswith("records.jsonl") for d in docs)


def test_extract_cli_rejects_unknown_format():
    result = runner.invoke(app, ["extract", str(DATA / "scrape.txt"), "--format", "xml"])
    assert result.exit_code == 2


def test_no_exception_escapes_extract_for_odd_markup():
    pages = [
        "<html><body><h1>" + "x" * 10_000 + "</h1>" + PARA * 2,
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@id": 3}],'
        ' "headline": 5, "datePublished": ["x"]}</script></head><body>' + PARA * 3,
        "<html><head><meta property='og:title' content=''><time datetime='not a date'></time></head><body>"
        + PARA * 3,
        "<?xml version='1.0' encoding='utf-8'?><html><body>" + PARA * 3 + "</body></html>",
    ]
    for page in pages:
        with contextlib.suppress(DatelineError):  # an error is fine; any other exception fails
            extract(html(page))
