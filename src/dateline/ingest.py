"""Ingest: files, directories and JSON/JSONL/Parquet records → `RawInput`.

Every input that cannot be read becomes an `InputError` naming the file (and line)
and the reason; the caller reports it and goes on with the rest of the batch.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, LimitError
from .limits import bounded_lines, open_regular, read_bounded

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet"}
FEED_SUFFIXES = {".rss", ".atom", ".rdf", ".xml"}
WARC_NAMES = (".warc", ".warc.gz", ".arc", ".arc.gz")
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | PARQUET_SUFFIXES | FEED_SUFFIXES
)

# Keys a JSON record may use for its body and metadata, in order of preference.
TEXT_KEYS = ("text", "body", "content", "articleBody")
HTML_KEYS = ("html", "raw_html")
META_KEYS = {
    "title": ("title", "headline"),
    "published": ("published", "date", "datePublished", "published_at", "pubdate"),
    "updated": ("updated", "dateModified", "modified", "updated_at"),
    "authors": ("authors", "author", "byline"),
    "publisher": ("publisher", "source", "site_name", "sitename"),
    "language": ("language", "lang"),
    "url": ("url", "link"),
}

# Python's JSON parser recurses once per level; a hostile file nests deeper than the stack.
TOO_DEEP = "JSON nested too deeply to parse (thousands of levels); not a news record"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class RawInput:
    """One article as read from its source, before extraction."""

    text: str
    format: str  # "text" | "html"
    path: str | None = None
    url: str | None = None
    encoding: str | None = None
    record: int | None = None
    container: str = "file"  # "file" | "json" | "jsonl" | "parquet" | "warc" | "feed": how it was packaged
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How errors and summaries name this input: path, with the record number if any."""
        name = self.path or self.url or "<input>"
        return f"{name}:{self.record}" if self.record is not None else name

    @property
    def id(self) -> str:
        """Content hash of the normalised input: the document id, stable across re-ingests."""
        return document_id(self.text, self.format)


def document_id(text: str, fmt: str) -> str:
    normalised = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    normalised = "\n".join(line.rstrip() for line in normalised.strip().split("\n"))
    digest = hashlib.sha256(f"{fmt}\x00{normalised}".encode()).hexdigest()
    return digest[:32]


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text: BOM, then the declared charset, then UTF-8, then detection.

    Raises InputError for binary data and for text that mixes valid UTF-8 with invalid
    bytes (decoding it any single way would silently corrupt part of it).
    """
    if not data.strip():
        raise InputError(source, "empty file" if not data else "file holds only whitespace")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(source, f"byte-order mark says {name} but: {exc.reason}") from None
    bomless = _bomless_utf16(data)
    if bomless:
        try:
            return data.decode(bomless), bomless
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(source, "binary file (NUL or control bytes), not text, HTML or JSON")
    # Valid UTF-8 with multi-byte sequences is UTF-8 whatever the page declares: legacy
    # encodings almost never form such sequences by chance, and CMSs often keep a stale
    # "iso-8859-1" in their templates after moving to UTF-8.
    if _has_utf8_multibyte(data):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common on the web; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _has_utf8_multibyte(data):
        raise InputError(
            source,
            f"invalid UTF-8 at byte {first_bad} in a file that is otherwise UTF-8 "
            "(mixed encodings); convert it to UTF-8 or declare its charset",
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, f"invalid UTF-8 at byte {first_bad} and no charset detected")
    return str(best), codecs.lookup(best.encoding).name


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII markup leaves every other byte NUL."""
    sample = data[:512]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _has_utf8_multibyte(data: bytes) -> bool:
    """Whether the non-ASCII bytes are (nearly) all valid UTF-8 sequences.

    CP949, Shift_JIS, EUC-JP and GB18030 text forms UTF-8-like byte runs by chance, but
    under half of its high bytes (measured: 22-49%); UTF-8 with a few stray bytes is the reverse.
    """
    sample = data[:200_000]
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if high == 0:
        return False
    covered = sum(len(m) for m in _UTF8_MULTIBYTE.findall(sample))
    return covered >= 4 and covered >= 0.7 * high


def sniff_format(text: str) -> str:
    head = text.lstrip()[:1024].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(r"<(body|article|p|div)\b", head):
        return "html"
    return "text"


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (meta charset or http-equiv)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def is_known(path: Path) -> bool:
    """Whether a directory walk should read this file (by its name)."""
    return path.suffix.lower() in KNOWN_SUFFIXES or path.name.lower().endswith(WARC_NAMES) or not path.suffix


def read_path(path: Path, max_bytes: int = 20_000_000) -> Iterator[RawInput | InputError]:
    """The inputs held in one file: one for text/HTML, one per record for JSON, JSONL,
    Parquet (rows), WARC (HTML responses) and RSS/Atom feeds (items)."""
    label = str(path)
    if path.name.lower().endswith(WARC_NAMES):
        from .warc import read_warc  # streamed: a crawl may be far over max_bytes

        yield from read_warc(path, max_record_bytes=max_bytes)
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _stream_jsonl(path, max_bytes)
        return
    if suffix in PARQUET_SUFFIXES:
        from .parquet import read_parquet  # row group by row group, like JSONL line by line

        yield from read_parquet(path, max_bytes)
        return
    try:
        data = read_bounded(path, max_bytes)
    except InputError as exc:
        yield exc
        return
    if suffix in FEED_SUFFIXES:
        from .feeds import is_feed, read_feed

        if suffix != ".xml" or is_feed(data):
            yield from read_feed(data, label)
            return
    if suffix in JSON_SUFFIXES:
        yield from _read_json(data, label)
    else:
        try:
            yield from [_read_document(data, label, suffix)]
        except InputError as exc:
            yield exc


def _read_document(data: bytes, label: str, suffix: str) -> RawInput:
    text, encoding = decode(data, label, meta_charset(data))
    if suffix in HTML_SUFFIXES:
        fmt = "html"
    elif suffix in TEXT_SUFFIXES:
        fmt = "text"
    else:
        fmt = sniff_format(text)
    return RawInput(text=text, format=fmt, path=label, encoding=encoding)


def _stream_jsonl(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    """JSONL a line at a time: a file of any size, `max_bytes` applying to each line.

    Lines are split on b"\\n" only (a JSON string may hold U+2028 or U+0085 raw, which
    str.splitlines() would split on) and decoded one by one, so one badly encoded line
    costs its record, not the whole file.
    """
    label = str(path)
    try:
        handle, _ = open_regular(path)
    except InputError as exc:
        yield exc
        return
    with handle:
        head = handle.read(8192)
        if _looks_binary(head) and not any(head.startswith(bom) for bom, _ in _BOMS):
            yield InputError(label, "binary file (NUL or control bytes), not text, HTML or JSON")
            return
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from _utf16_jsonl(path, max_bytes)  # its newlines are two bytes wide
            return
        handle.seek(0)
        seen = False
        try:
            for number, line in bounded_lines(handle, max_bytes):
                seen = seen or line is None or bool(line.strip())
                if line is None:
                    yield LimitError(f"{label}:{number}", f"line is over the limit max_bytes={max_bytes:,}")
                elif line.strip():
                    yield _jsonl_record(line, label, number)
        except OSError as exc:
            yield InputError(label, f"cannot read: {exc.strerror or exc}")
            return
    if not seen:
        yield InputError(label, "empty file" if not head else "file holds only whitespace")


def _utf16_jsonl(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    label = str(path)
    try:
        text, encoding = decode(read_bounded(path, max_bytes), label)
    except InputError as exc:
        yield exc
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_record(line, label, number, encoding)


def _jsonl_record(
    line: bytes | str, label: str, number: int, encoding: str | None = None
) -> RawInput | InputError:
    where = f"{label}:{number}"
    try:
        text, encoding = decode(line, where) if isinstance(line, bytes) else (line, encoding)
        return record_input(json.loads(text), label, number, encoding, "jsonl")
    except InputError as exc:
        return exc
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return InputError(where, TOO_DEEP)


def _read_json(data: bytes, label: str) -> Iterator[RawInput | InputError]:
    try:
        text, encoding = decode(data, label)
        obj = json.loads(text)
    except InputError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield InputError(label, f"malformed JSON: {exc.msg} at line {exc.lineno}")
        return
    except RecursionError:
        yield InputError(label, TOO_DEEP)
        return
    items = obj if isinstance(obj, list) else [obj]
    for number, item in enumerate(items, start=1):
        try:
            yield record_input(item, label, number if isinstance(obj, list) else None, encoding, "json")
        except InputError as exc:
            yield exc


def record_input(
    obj: Any, path: str | None, number: int | None, encoding: str | None, container: str
) -> RawInput:
    """A JSON record or Parquet row (a dict with a text or html field plus optional
    metadata) as RawInput."""
    where = f"{path}:{number}" if number is not None else (path or "<record>")
    if not isinstance(obj, dict):
        raise InputError(where, f"record is a JSON {type(obj).__name__}, expected an object")
    _refuse_lone_surrogates(obj, where)
    body, fmt = None, "text"
    for key in HTML_KEYS:
        if isinstance(obj.get(key), str) and obj[key].strip():
            body, fmt = obj[key], "html"
            break
    if body is None:
        for key in TEXT_KEYS:
            if isinstance(obj.get(key), str) and obj[key].strip():
                body = obj[key]
                break
    if body is None:
        wanted = ", ".join((*TEXT_KEYS, *HTML_KEYS))
        raise InputError(where, f"record has no non-empty text field (one of: {wanted})")
    metadata: dict[str, Any] = {}
    for field_name, keys in META_KEYS.items():
        for key in keys:
            value = obj.get(key)
            if value not in (None, "", []):
                metadata[field_name] = value
                break
    url = metadata.pop("url", None)
    return RawInput(
        text=body,
        format=fmt,
        path=path,
        url=url if isinstance(url, str) else None,
        encoding=encoding,
        record=number,
        container=container,
        metadata=metadata,
    )


def _refuse_lone_surrogates(obj: dict[str, Any], where: str) -> None:
    # JSON may spell half of a UTF-16 pair ("\ud800") that no UTF-8 text can hold; it
    # would pass here and fail later, when the document is printed or stored.
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            where, f"record holds an unpaired UTF-16 surrogate escape (\\u{ord(exc.object[exc.start]):04x})"
        ) from None


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Files under the given paths, directories walked recursively in sorted order.

    Hidden files and directories are skipped; symlink loops are not followed twice.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def _walk(root: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    # A stack of directory listings rather than recursion: a hostile archive may nest
    # directories deeper than Python's recursion limit.
    stack: list[Iterator[Path]] = []
    listing = _listing(root, seen_dirs)
    if isinstance(listing, InputError):
        yield listing
        return
    stack.append(iter(listing))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            continue
        elif entry.is_dir():
            listing = _listing(entry, seen_dirs)
            if isinstance(listing, InputError):
                yield listing
            else:
                stack.append(iter(listing))
        elif entry.is_file():
            if is_known(entry):
                yield entry
        elif entry.is_symlink():
            yield InputError(str(entry), _link_reason(entry))


def _listing(directory: Path, seen_dirs: set[tuple[int, int]]) -> list[Path] | InputError:
    """The entries of a directory in name order; none if it was walked already (a link loop)."""
    try:
        # (device, inode) rather than realpath(), which costs a system call per level.
        info = directory.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            return []
        seen_dirs.add(key)
        return sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        return InputError(str(directory), f"cannot list directory: {exc.strerror or exc}")


def _link_reason(link: Path) -> str:
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back to itself)"
    return "broken symbolic link (its target does not exist)"


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = 20_000_000
) -> Iterator[RawInput | InputError]:
    """Every input under `paths`, each a RawInput or the InputError that explains why not."""
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item, max_bytes)


def from_value(
    value: str | bytes,
    *,
    format: str | None = None,
    path: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> RawInput:
    """A RawInput from text or bytes handed to the Python API."""
    label = path or url or "<input>"
    if isinstance(value, bytes):
        text, encoding = decode(value, label, meta_charset(value))
    else:
        if not value.strip():
            raise InputError(label, "empty text")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            reason = f"text is not valid Unicode at character {exc.start}: {exc.reason}"
            raise InputError(label, reason) from None
        text, encoding = value, None
    fmt = format or sniff_format(text)
    if fmt not in ("text", "html"):
        raise InputError(label, f"unknown format {fmt!r}; use 'text' or 'html'")
    return RawInput(
        text=text, format=fmt, path=path, url=url, encoding=encoding, metadata=dict(metadata or {})
    )
