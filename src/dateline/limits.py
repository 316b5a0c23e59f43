"""Per-document limits: bounded reads and a wall-clock limit on extraction and annotation.

A news crawl holds pages no parser was written for (a megabyte on one line, markup
nested a hundred thousand deep, text built to make a regular expression backtrack).
One such page must become one failure in the batch summary, not a hung ingest.

Why a signal rather than a process per document: extraction and annotation run in
the worker's main thread and are Python, lxml and `re` code, all of which let a
SIGALRM handler raise at the next check; that costs nothing per document, where a
fresh process per document would cost far more than the work itself. Where no alarm
is available (Windows, or a thread other than the main one, such as an API server's
worker thread) the time limit is not enforced and `max_bytes` / `max_chars` alone
bound the work; `time_limit_enforced()` says which case applies.
"""

from __future__ import annotations

import errno
import re
import signal
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from .errors import InputError, LimitError


def time_limit_enforced() -> bool:
    """True when `time_limit` can interrupt work here (a SIGALRM platform, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, source: str, stage: str) -> Iterator[None]:
    """Raise LimitError naming `source` and `stage` when the block runs over `seconds`.

    `None` or a value <= 0 means no limit. An outer limit already running is kept:
    it is re-armed with what is left of it when the block ends. After the first alarm
    the timer keeps firing at short intervals, because a library's broad `except
    Exception` may swallow one LimitError; it cannot swallow every one.
    """
    if not seconds or seconds <= 0 or not time_limit_enforced():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise LimitError(source, f"{stage} took longer than the time limit of {seconds:g} s (timeout)")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, seconds, min(max(seconds / 10, 0.05), 1.0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            # 1 µs rather than 0, because 0 would disarm an outer limit that is already due.
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6))


def open_regular(path: Path) -> tuple[BinaryIO, int]:
    """An open binary handle on a regular file, and its size; InputError naming the file if not.

    Pipes, devices and sockets are refused, because reading one could block forever.
    """
    label = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(label, "not a regular file (a pipe, device or socket); refused")
        return path.open("rb"), info.st_size
    except OSError as exc:
        raise InputError(label, _os_reason(exc)) from None


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing it before reading when it is over `max_bytes`.

    Never reads more than `max_bytes + 1` bytes, even from a file that grows while it is read.
    """
    label = str(path)
    handle, size = open_regular(path)
    with handle:
        if size > max_bytes:
            raise LimitError(label, f"file is {size:,} bytes, over the limit max_bytes={max_bytes:,}")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(label, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise LimitError(label, f"file grew past max_bytes={max_bytes:,} while being read")
    return data


def bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the newline) for each line split on b"\\n" alone;
    None instead of the bytes for a line longer than `max_bytes`, which is skipped in
    bounded chunks rather than held in memory."""
    number = 0
    while line := handle.readline(max_bytes + 1):
        number += 1
        body = line[:-1] if line.endswith(b"\n") else line
        if len(body) <= max_bytes:
            yield number, body
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
        yield number, None


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; cannot read"
    return f"cannot read: {exc.strerror or exc}"


# A DOCTYPE whose internal subset declares an entity. Real news pages never do this; an
# entity-expansion bomb ("billion laughs") always does.
_ENTITY_DECLARATION = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*?<!ENTITY", re.I)
# The DOCTYPE comes first in a document; looking further would only cost time.
_PROLOGUE_CHARS = 65_536


def refuse_entity_declarations(markup: str, source: str) -> None:
    """Raise InputError when HTML/XML declares its own entities (a possible expansion bomb).

    Our parsers do not expand such entities, so the page is no danger to memory, but it
    would be stored as its unexpanded "&lol9;" references: a document that is not an
    article. Refusing it names the file and the reason instead.
    """
    if _ENTITY_DECLARATION.search(markup[:_PROLOGUE_CHARS]):
        raise InputError(
            source, "declares XML entities in its DOCTYPE (a possible entity-expansion bomb); refused"
        )
