"""Bundled data files (lexicons, gazetteer additions), loaded once and lazily.

Files live in `dateline/data/` with their sources in `data/NOTICE`. Lines starting
with `#` are comments; TSV files are tab-separated.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _read(name: str) -> list[str]:
    text = resources.files("dateline").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-comment lines of a bundled list file, stripped."""
    return tuple(line.strip() for line in _read(name))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Non-comment rows of a bundled TSV file, each cell stripped (empty cells kept)."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _read(name))
