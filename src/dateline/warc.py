"""WARC files → one `RawInput` per HTML response (or resource) record, numbered in the file.

Web archives are streamed record by record (warcio), never read whole, so a large
crawl costs one record's memory. A truncated or malformed record is an `InputError`
for that record; the iterator cannot find the next record boundary after a broken
one, so reading stops there, keeping every record already read.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .ingest import WARC_NAMES, RawInput, decode, meta_charset

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_NAMES)


def read_warc(path: Path, max_record_bytes: int = 20_000_000) -> Iterator[RawInput | InputError]:
    """Each HTML response or resource record of a WARC (or ARC) file, gzipped or not."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    label = str(path)
    number = 0
    try:
        with path.open("rb") as stream:
            if not _looks_like_warc(stream.read(65536)):
                yield InputError(
                    label, "not a WARC or ARC file (no WARC/ or filedesc:// header at its start)"
                )
                return
            stream.seek(0)
            for record in ArchiveIterator(stream, arc2warc=True):
                number += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                item = _record_input(record, label, number, max_record_bytes)
                if item is not None:
                    yield item
        if number == 0:
            yield InputError(label, "no WARC records found: not a WARC or ARC file, or empty")
    except OSError as exc:
        yield InputError(label, f"cannot read: {exc.strerror or exc}")
    except (ArchiveLoadFailed, EOFError, ValueError) as exc:
        yield InputError(f"{label}:{number + 1}", f"truncated or malformed WARC record: {exc}")
    except Exception as exc:  # zlib, http parsing: any failure inside a damaged record
        yield InputError(f"{label}:{number + 1}", f"unreadable WARC record ({type(exc).__name__}): {exc}")


def _looks_like_warc(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _record_input(record: object, label: str, number: int, max_bytes: int) -> RawInput | InputError | None:
    where = f"{label}:{number}"
    headers = getattr(record, "http_headers", None)
    content_type = (
        (headers.get_header("Content-Type") if headers else None) or getattr(record, "content_type", "") or ""
    )
    if not any(t in content_type.lower() for t in _HTML_TYPES):
        return None  # images, scripts, robots.txt: not articles
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    try:
        data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    except Exception as exc:  # a damaged chunked or gzip body belongs to this record only
        return InputError(where, f"truncated or malformed response body ({type(exc).__name__}): {exc}")
    if len(data) > max_bytes:
        return InputError(where, f"response body over the limit of {max_bytes:,} bytes")
    # warcio returns a cut record's bytes without complaint: what its length promised
    # and the file did not deliver is left on the record's limited reader.
    missing = getattr(getattr(record, "raw_stream", None), "limit", 0)
    if isinstance(missing, int) and missing > 0:
        return InputError(where, f"truncated WARC record: the file ends {missing:,} bytes before it does")
    declared = None
    match = _CHARSET.search(content_type)
    if match:
        declared = match.group(1)
    try:
        text, encoding = decode(data, where, declared or meta_charset(data))
    except InputError as exc:
        return exc
    return RawInput(
        text=text, format="html", path=label, url=url, encoding=encoding, record=number, container="warc"
    )
