"""Cross-document identity: one key per real-world person, organisation or place.

Within an article the entities stage already joins "Sergei Shoigu", "Shoigu" and "the
Russian defense chief". Across articles the store needs a key that is the same for
"Kim Jong-un" and "Kim Jong Un", for "IDF" and "Israel Defense Forces", and for a
user's own spelling variants ("Sergey Shoygu"), which they list in an aliases file:

    # canonical name <TAB> alias <TAB> alias ...
    Sergei Shoigu	Sergey Shoygu	Sergei Kuzhugetovich Shoigu

Conventions are in docs/actors.md.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from .errors import ConfigError
from .lexicon import rows
from .models import Entity


@cache
def known_actors() -> dict[str, tuple[str, str | None, str | None]]:
    """Known organisation name or alias, as written → (canonical name, country, sector),
    from the bundled actor list (data/actors.tsv)."""
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for row in rows("actors.tsv"):
        name, country, sector = row[0], row[1], row[2]
        entry = (name, None if country == "-" else country, None if sector == "-" else sector)
        for alias in [name, *(a for a in (row[3] if len(row) > 3 else "").split(";") if a.strip())]:
            found[alias.strip()] = entry
    return found


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Name key: accents, case, hyphens, periods and a leading "the" do not count
    ("Kim Jong-un" = "Kim Jong Un", "Sébastien Lecornu" = "Sebastien Lecornu")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'").replace("'s ", " ")
    text = re.sub(r"[-‐–_/]", " ", text)
    text = re.sub(r"[.,\"()]", "", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(text.split())


def read_aliases(path: str | Path) -> dict[str, str]:
    """Normalised alias → canonical name, from a user's TSV file (each line: the canonical
    name, then its aliases, tab-separated; `#` starts a comment line)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read aliases file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"aliases file {path} is not UTF-8 text") from None
    aliases: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        names = [cell.strip() for cell in line.split("\t") if cell.strip()]
        if len(names) < 2:
            raise ConfigError(
                f"{path}:{number}: expected a canonical name and at least one alias, separated by tabs"
            )
        for alias in names:
            aliases[normalise(alias)] = names[0]
    return aliases


def canonical_name(entity: Entity, aliases: dict[str, str]) -> str:
    """The name under which the store files an entity across documents: the user's
    canonical name for an alias, else the bundled actor list's, else the entity's own."""
    key = normalise(entity.name)
    if key in aliases:
        return aliases[key]
    known = known_actors().get(entity.name)
    return known[0] if known else entity.name


def surname(name: str) -> str | None:
    """The last word of a person's name of two words or more, normalised ("shoigu");
    a hyphenated given name stays whole ("Kim Jong-un" → "jong un")."""
    words = name.split()
    return normalise(words[-1]) if len(words) > 1 else None
