"""Ingest: bad inputs give one clear error each and never stop the batch."""

from __future__ import annotations

import os

import pytest

from dateline.batch import Summary, documents
from dateline.errors import InputError
from dateline.ingest import decode, iter_inputs

GOOD = "Harbour talks resume\n\n2024.02.01 09:00:00\n\nThe mayor of Busan met union leaders on Monday.\n"


@pytest.fixture
def messy_dir(tmp_path):
    (tmp_path / "good one.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "mixed.txt").write_bytes(
        "Caf\u00e9 owners in Seoul said ".encode() + b"\xff\xfe broken" + "\u00e9t\u00e9".encode()
    )
    (tmp_path / "feed.jsonl").write_text(
        '{"title": "A", "text": "The foreign minister of Chile visited Lima on Monday."}\n'
        "{not json}\n"
        '{"title": "no body"}\n',
        encoding="utf-8",
    )
    (tmp_path / "서울 news\nline.txt").write_text(GOOD.replace("Busan", "Incheon"), encoding="utf-8")
    os.symlink(tmp_path / "missing-target.txt", tmp_path / "dangling.txt")
    return tmp_path


def test_batch_goes_on_past_bad_files(messy_dir):
    summary = Summary()
    docs = list(documents([messy_dir], summary=summary))
    assert len(docs) == 3  # two good text files and one good JSONL record
    reasons = {os.path.basename(f.source): f.reason for f in summary.failed}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "invalid UTF-8" in reasons["mixed.txt"]
    assert "malformed JSON line" in reasons["feed.jsonl:2"]
    assert "no non-empty text field" in reasons["feed.jsonl:3"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert {d.source.record for d in docs if d.source.path.endswith(".jsonl")} == {1}


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    items = list(iter_inputs([tmp_path / "nope"]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "no such file" in items[0].reason


def test_oversized_file_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    (item,) = list(iter_inputs([big], max_bytes=100))
    assert isinstance(item, InputError) and "over the limit max_bytes=100" in item.reason


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Grüße aus Köln".encode("utf-16"), "utf-16"),
        (b"\xef\xbb\xbfplain text", "utf-8"),
        ("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e in Montr\u00e9al".encode("cp1252"), None),
    ],
)
def test_decoding(data, encoding):
    text, used = decode(data, "x")
    assert text.strip()
    if encoding:
        assert used.replace("-sig", "") == encoding
    else:
        assert "Montréal" in text


def test_declared_charset_wins(tmp_path):
    page = tmp_path / "page.html"
    html = (
        '<html><head><meta charset="euc-kr"><title>t</title></head>'
        "<body><p>서울 시장이 월요일 회의를 열었다.</p></body></html>"
    )
    page.write_bytes(html.encode("euc-kr"))
    (raw,) = list(iter_inputs([page]))
    assert not isinstance(raw, InputError)
    assert "서울" in raw.text and raw.encoding == "euc_kr"
