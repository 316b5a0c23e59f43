"""Entities: spaCy NER corrected by bundled lexicons, mentions joined per referent,
titles, affiliations and actor codes (country + sector).

Conventions (what joins what, how actor codes are chosen) are in docs/actors.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from . import gazetteer as gz
from .canon import known_actors
from .lexicon import lines, rows
from .models import Actor, Article, Entity, Mention
from .nlp import text_of
from .registry import register

SPACY_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "PRODUCT": "OTHER",
    "LAW": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LANGUAGE": "OTHER",
}
# Designations: Tu-160, Tu-95MS, Kh-47M2, MiG-31, F-16, Su-35, S-400, KN-23, J-20.
_DESIGNATION = re.compile(
    r"\b(?:(?:Tupolev|Sukhoi|Mikoyan|Ilyushin|Antonov|Boeing|Lockheed(?: Martin)?|Northrop)\s+)?"
    r"(?:[A-Z]/)?(?:[A-Z][A-Za-z]{0,3}|[A-Z]{2,4})-\d{1,4}[A-Z0-9]{0,4}\b"
)
# A lexicon name's model suffix: "Leopard 2A6", "Iskander-M", "Hwasong-18", "Hsiung Feng III".
_MODEL_SUFFIX = r"(?:-[A-Z0-9][\w-]*|\s(?:\d[\w-]*|[A-Z]{1,3}\d[\w-]*|III|II|IV))?(?![\w-])"
# Named vessels: "USS John Finn", "HMS Diamond", "BRP Sierra Madre".
_VESSEL = re.compile(r"\b(?:USS|HMS|HMAS|HMCS|BRP|INS|JS|ROKS|RFS|PNS|TCG|KRI|HNLMS)(?:\s[A-Z][\w'-]+){1,3}")
# A short designation before a weapon class noun: "K2 main battle tanks", "K9 howitzers".
_CLASS_DESIGNATION = re.compile(
    r"\b[A-Z]{1,3}\d{1,3}[A-Z]?(?=\s(?:[a-z-]+\s){0,2}(?:tanks?|howitzers?|drones?|jets?|fighters?|"
    r"missiles?|rockets?|launchers?|helicopters?|bombers?|submarines?|frigates?|destroyers?|rifles?)\b)"
)
# A parenthesised acronym: "(IDF)", "(MoD)", "(ICBMs)".
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
# Words that start a person's name in the model's spans but are honorifics or titles.
_NAME_PARTICLES = re.compile(r"^(?:bin|bint|ibn|al|el|da|de|van|von|der)\b", re.I)


# Romanised Korean names ("Han Seung-woo", "Kim Jong-un"): the small model often misses
# or splits them; the shape is distinctive enough to take as a person.
_KOREAN_NAME = re.compile(r"\b[A-Z][a-z]{1,4} [A-Z][a-z]+-[a-z]+\b")


@dataclass
class Candidate:
    start: int  # char offsets into article.text
    end: int
    type: str
    text: str
    source: str  # "spacy" | "lexicon" | "pattern"


@dataclass
class Cluster:
    type: str
    mentions: list[Candidate] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    name: str | None = None


@cache
def _equipment() -> frozenset[str]:
    return frozenset(lines("equipment.txt"))


def _alternation(names: Iterable[str]) -> str:
    """A regex matching any of `names`, the longest one that fits first, written as a
    trie ("Iskander(?:-M)?" rather than "Iskander-M|Iskander"): the engine reads shared
    beginnings once instead of trying hundreds of names one by one at every character.
    It matches what the plain alternation sorted longest first matches."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + emit(trie) + ")"


@cache
def _equipment_re() -> re.Pattern[str]:
    return re.compile(r"\b" + _alternation(_equipment()) + _MODEL_SUFFIX)


@cache
def _organisations_re() -> re.Pattern[str]:
    """Known organisations and IGOs by name and acronym, longest first, whole words."""
    names = set(known_actors())
    for acronym, full in (r[:2] for r in rows("igos.tsv")):
        names.update((acronym, full))
    return re.compile(r"(?<![\w-])" + _alternation(names) + r"(?![\w-])")


@cache
def _facility_re() -> re.Pattern[str]:
    nouns = sorted(lines("facility_nouns.txt"), key=len, reverse=True)
    return re.compile(r"\b((?:[A-Z][\w'’-]+\s){1,3})((?i:" + "|".join(re.escape(n) for n in nouns) + r"))\b")


@cache
def titles_table() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r[0], r[1]) for r in rows("titles.tsv")), key=lambda r: -len(r[0])))


@cache
def title_nouns() -> frozenset[str]:
    # The head of "minister of defense" is "minister", of "defense minister" "minister".
    return frozenset(t.split(" of ")[0].split()[-1] for t, _ in titles_table())


@cache
def _org_sectors() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1]) for r in rows("org_sectors.tsv"))


@cache
def _generic_titles() -> frozenset[str]:
    """Titles whose sector is their organisation's ("spokesman", "director", "commander")."""
    return frozenset(r[0] for r in rows("titles.tsv") if len(r) > 2 and r[2] == "org")


def _title_match(title: str) -> tuple[str, str] | None:
    """The longest title-lexicon phrase in a title, with its sector."""
    folded = " " + title.casefold().replace("-", " ") + " "
    for phrase, sector in titles_table():
        if f" {phrase.replace('-', ' ')} " in folded:
            return phrase, sector
    return None


def title_sector(title: str) -> str | None:
    """Sector of a title phrase: the longest title-lexicon phrase it contains."""
    match = _title_match(title)
    return match[1] if match else None


def org_sector(name: str) -> str | None:
    folded = " " + re.sub(r"[^\w ]", " ", name.casefold()) + " "
    for word, sector in _org_sectors():
        if f" {word} " in folded:
            return sector
    return None


def _lexicon_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for regex, kind, source in (
        (_DESIGNATION, "EQUIPMENT", "pattern"),
        (_VESSEL, "EQUIPMENT", "pattern"),
        (_CLASS_DESIGNATION, "EQUIPMENT", "pattern"),
        (_equipment_re(), "EQUIPMENT", "lexicon"),
        (_organisations_re(), "ORG", "lexicon"),
    ):
        for m in regex.finditer(text):
            found.append(Candidate(m.start(), m.end(), kind, m.group(0), source))
    for m in _KOREAN_NAME.finditer(text):
        found.append(Candidate(m.start(), m.end(), "PERSON", m.group(0), "pattern"))
    for m in _facility_re().finditer(text):
        name = m.group(1).strip()
        # "the Knevichi airfield": the name part must be a proper name, not "The".
        words = [w for w in name.split() if w.lower() not in {"the", "a", "an"}]
        if not words or not all(w[0].isupper() for w in words):
            continue
        start = m.start(1) + m.group(1).index(words[0])
        found.append(Candidate(start, m.end(), "FAC", text[start : m.end()], "pattern"))
    return found


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim "the", possessives, dangling hyphens and punctuation from a span."""
    lead = re.match(r"(?:the|The)\s+", text[start:end])
    if lead:
        start += lead.end()
    while end > start:
        # A final period stays after an initial ("U.S."), goes after a word.
        m = re.search(r"(?:['’]s|['’]|[-–,;:\s]|(?<![A-Z])\.)$", text[start:end])
        if not m:
            break
        end -= len(m.group(0))
    return start, end


def _spacy_candidates(doc: Doc, text: str) -> list[Candidate]:
    found = []
    for ent in doc.ents:
        kind = SPACY_TYPES.get(ent.label_)
        if kind is None:
            continue
        end = ent.end_char
        if "(" in ent.text:  # "Intergovernmental Authority on Development (IGAD": two names
            end = ent.start_char + ent.text.index("(")
        start, end = _clean_span(text, ent.start_char, end)
        if kind in {"ORG", "GPE"} and _titled_name(doc, ent):
            kind = "PERSON"  # "Vice-President Moody Awori" tagged ORG, "President Bush" GPE
        if kind == "PERSON":
            start = _skip_titles(text, start, end)
        if end <= start:
            continue
        span_text = text[start:end]
        if not any(ch.isupper() for ch in span_text):
            continue  # "hypersonic missiles" tagged PERSON: a common noun phrase
        if kind == "PERSON" and end == ent.end_char:
            end = _extend_name(doc, ent.end)
            span_text = text[start:end]
        found.append(Candidate(start, end, kind, span_text, "spacy"))
    return _join_split_names(text, found)


def _titled_name(doc: Doc, ent: Span) -> bool:
    """An organisation or place the model found right after a person's title
    ("Vice-President Moody Awori", "President Bush"): capitalised words that name no
    organisation, country or capital are a person's name."""
    words = [t.text for t in ent]
    before = doc[ent.start - 1] if ent.start > 0 else None
    if not (
        before is not None
        and before.lower_ in title_nouns()
        and before.text[:1].isupper()
        and len(words) <= 4
        and all(w[:1].isupper() and w.isalpha() for w in words)
    ):
        return False  # the common case, decided before any lexicon lookup
    if ent.label_ == "GPE":
        key = gz.norm(ent.text)
        return not (gz.country_code(ent.text) or key in gz.regions() or _is_city(ent.text, _CITY_POPULATION))
    return len(words) >= 2 and org_sector(ent.text) is None and _org_code(ent.text) == (None, None, None)


def _extend_name(doc: Doc, i: int) -> int:
    """ "Min Aung" + "Hlaing": capitalised proper nouns the model left out of any entity,
    right after a person's span (ending before token `i`), are the rest of the name."""
    end = doc[i - 1].idx + len(doc[i - 1].text)
    while (
        i < len(doc)
        and doc[i - 1].whitespace_ == " "
        and doc[i].pos_ == "PROPN"
        and doc[i].text[:1].isupper()
        and not doc[i].ent_type_
        and doc[i].text.casefold() not in _title_words()
    ):
        end = doc[i].idx + len(doc[i].text)
        i += 1
    return end


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for phrase, _ in titles_table() for w in phrase.split())


def _skip_titles(text: str, start: int, end: int) -> int:
    """ "Prince Abdulaziz", "Senior General Min Aung Hlaing": titles are not the name."""
    for word in re.finditer(r"\S+", text[start:end]):
        if not (word.group(0)[:1].isupper() and word.group(0).casefold() in _title_words()):
            return start + word.start()
    return end


def _join_split_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """The model splits some names in two ("Min" + "Aung Hlaing", "Prince Abdulaziz" +
    "bin Salman"): adjacent person spans, or one followed by a name particle, are one."""
    joined: list[Candidate] = []
    for c in cands:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.type == c.type == "PERSON"
            and text[prev.end : c.start] == " "
            and (_NAME_PARTICLES.match(c.text) or " " not in prev.text or " " not in c.text)
        ):
            prev.end, prev.text = c.end, text[prev.start : c.end]
            continue
        joined.append(c)
    return joined


def _people_of(name: str) -> str | None:
    """The country of a people named by a nationality and a plural ("Bosnian Serbs" → BIH,
    "Sri Lankan Tamils" → LKA), else None. A person's name never ends in a plural noun."""
    words = name.split()
    last = words[-1] if len(words) >= 2 else ""
    if not (last[:1].isupper() and last.endswith("s") and last[-2:] not in {"ss", "us", "is"}):
        return None
    for n in (2, 1):
        country = gz.demonym_country(" ".join(words[:n])) if len(words) > n else None
        if country:
            return country
    return None


def _retype(c: Candidate) -> Candidate:
    """Correct the model's type with the lexicons (countries, demonyms, IGOs, equipment)."""
    if c.source != "spacy":
        return c
    if c.text in _equipment() or _DESIGNATION.fullmatch(c.text):
        c.type = "EQUIPMENT"
    elif gz.country_code(c.text) and c.type in {"GPE", "LOC", "ORG", "PERSON", "NORP"}:
        c.type = "GPE"
    elif gz.demonym_country(c.text) and c.type in {"NORP", "GPE", "PERSON", "ORG"}:
        c.type = "NORP"
    elif c.type == "PERSON" and _people_of(c.text):
        c.type = "NORP"  # "Bosnian Serbs", "Iraqi Kurds": a people, not a person
    elif gz.norm(c.text) in gz.igos() or c.text in known_actors():
        c.type = "ORG"
    return c


_CITY_POPULATION = 100_000  # a model span of a city this large is taken as the city
_FILL_POPULATION = 300_000  # a city this large the model did not tag is added


def _is_city(name: str, population: int, own_name: bool = False) -> bool:
    """A capital, or a city of at least `population` so named; with `own_name`, only by the
    city's own name, not one of its alternate names (Topeka, Kansas, called itself
    "Google" for a month in 2010, which the gazetteer keeps)."""
    key = gz.norm(name)
    return key in gz.capitals() or any(
        c.population >= population and (not own_name or gz.norm(c.name) == key) for c in gz.cities_named(name)
    )


def _repair_places(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Cities the model typed as people or organisations ("Kyiv" as PERSON, "Bamako" as
    ORG) become GPE, unless the word is part of a person's full name in the article
    ("Lloyd Austin"); countries, large cities and capitals it missed are added from the
    gazetteer ("Uzbekistan opened the bridge", which the small model leaves untagged)."""
    name_words = {w for c in cands if c.type == "PERSON" and " " in c.text for w in c.text.split()}
    for c in cands:
        if (
            c.source == "spacy"
            and c.type in {"PERSON", "ORG", "NORP", "OTHER", "FAC", "LOC"}
            and c.text not in name_words
            and c.text not in known_actors()
            # An organisation's name is a city's only by the city's own name ("Google").
            and _is_city(c.text, _CITY_POPULATION, own_name=c.type == "ORG")
        ):
            c.type = "GPE"
    taken = sorted((c.start, c.end) for c in cands)
    added: list[Candidate] = []
    # Which tokens are proper nouns, from one array of the parse's tags: a Token object
    # is made only for those, not for every word of the article.
    proper = (doc.to_array("POS") == PROPN).tolist() if len(doc) else []
    i = 0
    while i < len(proper):
        if proper[i] and doc[i].text[:1].isupper() and doc[i].text not in name_words:
            for size in (2, 1):
                if i + size <= len(proper) and all(proper[i : i + size]):
                    span = doc[i : i + size]
                    start, end = span.start_char, span.end_char
                    free = all(end <= s or start >= e for s, e in taken)
                    if free and (_is_city(span.text, _FILL_POPULATION) or gz.country_code(span.text)):
                        added.append(Candidate(start, end, "GPE", span.text, "gazetteer"))
                        i += size - 1
                        break
        i += 1
    return cands + added


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    # Rules and lexicons beat the model; then longer spans beat shorter ones.
    rank = {"pattern": 0, "lexicon": 0, "spacy": 2, "gazetteer": 3}
    ordered = sorted(cands, key=lambda c: (rank[c.source], -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in ordered:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _add_acronyms(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "Israel Defense Forces (IDF)": an acronym in brackets right after a name whose
    words it abbreviates is a mention of the same type (joined later by _attach_acronyms)."""
    by_end = {c.end: c for c in cands}
    starts = {c.start for c in cands}
    added = []
    for m in _PAREN_ACRONYM.finditer(text):
        before = by_end.get(m.start() - 1) if text[m.start() - 1 : m.start()] == " " else None
        if before is None or m.start(1) in starts or before.type in {"PERSON", "NORP"}:
            continue
        letters = m.group(1).rstrip("s") if m.group(1).endswith("s") and len(m.group(1)) > 2 else m.group(1)
        words = list(re.finditer(r"[\w-]+", before.text))
        if _expansion("".join(ch for ch in letters if ch.isupper()), words):
            added.append(Candidate(m.start(1), m.end(1), before.type, m.group(1), "pattern"))
    return sorted(cands + added, key=lambda c: c.start)


def _tokens_for(doc: Doc, c: Candidate) -> Span | None:
    return doc.char_span(c.start, c.end, alignment_mode="expand")


def _premodifier_title(doc: Doc, span: Span) -> tuple[str | None, int]:
    """The title phrase right before a name ("Russian Defense Minister" Sergei Shoigu,
    "Chief of Staff Lt. Gen." Herzi Halevi, "Deputy Prime Minister and Defense Minister",
    "Minister of Oceans and Fisheries")."""
    i = span.start - 1
    words: list[Token] = []
    while i >= 0 and i >= span.sent.start:
        tok = doc[i]
        if tok.is_punct and tok.text not in {"-", "."}:
            break
        joins_titles = (
            tok.lower_ in {"of", "and"}
            and words
            and words[0].text[:1].isupper()
            and i > span.sent.start
            and (doc[i - 1].lower_ in title_nouns() or doc[i - 1].text[:1].isupper())
        )
        if tok.pos_ in {"DET", "VERB", "AUX", "ADP", "CCONJ", "PRON", "NUM"} and not joins_titles:
            break
        if tok.ent_type_ == "PERSON" and tok.text.casefold() not in _title_words():
            break
        if not (
            joins_titles
            or tok.text[:1].isupper()
            or tok.lower_ in title_nouns()
            or tok.pos_ in {"ADJ", "NOUN", "PROPN"}
        ):
            break
        words.insert(0, tok)
        i -= 1
    while words and (
        words[0].lower_ in {"of", "and"}
        or (
            words[0].lower_ not in _title_words()
            and not (words[0].text[:1].isupper() or words[0].pos_ == "ADJ")
        )
    ):
        words.pop(0)
    if not words or not any(t.lower_ in title_nouns() for t in words):
        return None, span.start
    return doc[words[0].i : words[-1].i + 1].text, words[0].i


def _apposition_title(span: Span) -> tuple[str | None, Span | None]:
    """An appositive title: after a name ("Cheong Seong-chang, director of … at Sejong
    Institute"; "Selcuk Bayraktar, the company's chairman and …") or before it ("the group's
    military spokesman, Yahya Saree"). Articles and possessors are not part of the title."""
    doc, root = span.doc, span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.lower_ in title_nouns():
            cut = {t.i for c in child.children if c.dep_ in {"cc", "conj"} for t in c.subtree}
            ids = [t.i for t in child.subtree if t.i not in cut]
            return _title_words_from(doc[ids[0] : ids[-1] + 1])
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and head.lower_ in title_nouns():
        return _title_words_from(doc[head.left_edge.i : head.i + 1])
    return None, None


def _title_words_from(phrase: Span) -> tuple[str | None, Span | None]:
    start = phrase.start
    for tok in phrase:
        if tok.pos_ == "DET" or tok.tag_ == "POS" or tok.dep_ == "poss":
            start = tok.i + 1
    if start >= phrase.end:
        return None, None
    title = phrase.doc[start : phrase.end]
    return title.text.strip(" ,"), title


def _person_title(doc: Doc, span: Span, cands: list[Candidate]) -> tuple[str | None, str | None, int | None]:
    """(title, affiliation, where a premodifier title starts) of a person's mention."""
    title, first = _premodifier_title(doc, span)
    if title:
        return title, None, doc[first].idx
    title, app = _apposition_title(span)
    affiliation = None
    if app is not None:
        orgs = [o for o in cands if o.type == "ORG" and app.start_char <= o.start < app.end_char]
        affiliation = orgs[-1].text if orgs else None
    return title, affiliation, None


def _person_key_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name) if t]


def annotate_entities_records(doc: Doc, article: Article) -> list[Entity]:
    text = text_of(doc)
    cands = _resolve_overlaps([_retype(c) for c in _spacy_candidates(doc, text)] + _lexicon_candidates(text))
    cands = _add_acronyms(text, _resolve_overlaps(_repair_places(doc, cands)))
    title_spans: list[tuple[int, int]] = []
    person_meta: dict[int, tuple[str | None, str | None]] = {}  # cand index -> (title, affiliation)
    for idx, c in enumerate(cands):
        if c.type != "PERSON":
            continue
        span = _tokens_for(doc, c)
        if span is None:
            continue
        title, affiliation, title_start = _person_title(doc, span, cands)
        if title_start is not None:
            title_spans.append((title_start, span.start_char))
        person_meta[idx] = (title, affiliation)
    # A model ORG inside a title phrase ("Defense" in "Russian Defense Minister") is not an entity.
    keep = [
        i
        for i, c in enumerate(cands)
        if not (
            c.type in {"ORG", "PERSON"}
            and c.source == "spacy"
            and any(s <= c.start and c.end <= e for s, e in title_spans)
        )
    ]
    clusters = _cluster(
        doc, [cands[i] for i in keep], {keep.index(i): m for i, m in person_meta.items() if i in keep}
    )
    _propagate_names(text, clusters, cands)
    _titles_of_propagated(doc, clusters, cands)
    _attach_title_references(doc, text, clusters, cands)
    _attach_acronyms(text, clusters)
    return _finish(doc, text, clusters, article)


def _titles_of_propagated(doc: Doc, clusters: list[Cluster], cands: list[Candidate]) -> None:
    """Titles around surnames found by propagation ("Lazzarini, the commissioner-general of UNRWA")."""
    for cl in clusters:
        for m in cl.mentions:
            span = _tokens_for(doc, m) if m.source == "propagated" else None
            if span is None:
                continue
            title, affiliation, _ = _person_title(doc, span, cands)
            if title and title not in cl.titles:
                cl.titles.append(title)
            cl.affiliation = cl.affiliation or affiliation


def _cluster(
    doc: Doc, cands: list[Candidate], person_meta: dict[int, tuple[str | None, str | None]]
) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    persons: list[Cluster] = []
    singles: list[tuple[int, Candidate]] = []
    for idx, c in enumerate(cands):
        if c.type == "PERSON" and len(_person_key_tokens(c.text)) == 1:
            singles.append((idx, c))
            continue
        key = _key(c)
        cluster = by_key.get(key)
        if cluster is None:
            cluster = Cluster(type=c.type)
            by_key[key] = cluster
            clusters.append(cluster)
            if c.type == "PERSON":
                persons.append(cluster)
        cluster.mentions.append(c)
        title, affiliation = person_meta.get(idx, (None, None))
        if title and title not in cluster.titles:
            cluster.titles.append(title)
        if affiliation and not cluster.affiliation:
            cluster.affiliation = affiliation
    # Single-name mentions ("Kim", "Shoigu") join the full name that contains them; when
    # two people share the name, the one mentioned most recently before wins.
    for idx, c in singles:
        word = c.text
        matches = [p for p in persons if any(word in _person_key_tokens(m.text) for m in p.mentions)]
        target: Cluster | None = None
        if len(matches) == 1:
            target = matches[0]
        elif matches:
            before = [
                (max(m.start for m in p.mentions if m.start < c.start), p)
                for p in matches
                if any(m.start < c.start for m in p.mentions)
            ]
            target = max(before, key=lambda x: x[0])[1] if before else matches[0]
        if target is None:
            key = _key(c)
            target = by_key.get(key)
            if target is None:
                target = Cluster(type="PERSON")
                by_key[key] = target
                clusters.append(target)
        target.mentions.append(c)
        title, affiliation = person_meta.get(idx, (None, None))
        if title and title not in target.titles:
            target.titles.append(title)
    for cl in clusters:
        cl.mentions.sort(key=lambda m: m.start)
    return clusters


def _propagate_names(text: str, clusters: list[Cluster], cands: list[Candidate]) -> None:
    """Surnames and given names of a named person the model did not tag ("Siregar said")
    join that person; with two people of one surname, the nearest one named before wins."""
    persons = [cl for cl in clusters if cl.type == "PERSON"]
    tokens: dict[str, list[Cluster]] = {}
    for cl in persons:
        for m in cl.mentions:
            parts = _person_key_tokens(m.text)
            if len(parts) > 1:
                for part in parts:
                    # "al-Burhan" opens a sentence as "Al-Burhan".
                    for form in {part, part[:1].upper() + part[1:]}:
                        if len(form) > 2 and cl not in tokens.setdefault(form, []):
                            tokens[form].append(cl)
    if not tokens:
        return
    taken = [(c.start, c.end, c) for c in cands]
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + r")(?![\w-])"
    )
    for hit in pattern.finditer(text):
        blocking = [c for s, e, c in taken if not (hit.end() <= s or hit.start() >= e)]
        # A model tag of the same word as ORG/LOC ("Dissanayake" as ORG, "Lazzarini" as
        # GPE) gives way, as does a city found by the gazetteer alone.
        if any(
            not (
                c.source == "gazetteer"
                or (
                    c.source == "spacy"
                    and c.text == hit.group(0)
                    and c.type in {"ORG", "LOC", "NORP", "OTHER", "GPE"}
                    and not gz.country_code(c.text)
                    and not gz.demonym_country(c.text)
                )
            )
            for c in blocking
        ):
            continue
        for c in blocking:
            for cl in clusters:
                if c in cl.mentions:
                    cl.mentions.remove(c)
        owners = tokens[hit.group(0)]
        before = [
            (max((x.start for x in cl.mentions if x.start < hit.start()), default=-1), cl) for cl in owners
        ]
        owner = max(before, key=lambda b: b[0])[1]
        owner.mentions.append(Candidate(hit.start(), hit.end(), "PERSON", hit.group(0), "propagated"))
        taken.append((hit.start(), hit.end(), owner.mentions[-1]))
    for cl in clusters:
        cl.mentions.sort(key=lambda x: x.start)


def _key(c: Candidate) -> str:
    if c.type == "GPE":
        code = gz.country_code(c.text)
        if code:
            return f"country:{code}"
    if c.type == "ORG" and gz.norm(c.text) in gz.igos():
        return f"igo:{gz.igos()[gz.norm(c.text)][0]}"
    if c.type == "NORP":
        code = gz.demonym_country(c.text)
        if code:
            return f"norp:{code}"
    return f"{c.type}:{gz.norm(c.text)}"


_THE = re.compile(r"\b[Tt]he\s+")
_APPOSED = re.compile(r",\s*(?:the|a|an)\s+")
_WORD = re.compile(r"[\w-]+")


def _title_references(text: str) -> list[tuple[int, int, list[str], str]]:
    """(start, end, modifier words, head) of "the <up to 3 words> <title noun>" phrases."""
    found = []
    for the in _THE.finditer(text):
        words: list[re.Match[str]] = []
        for w in _WORD.finditer(text, the.end()):
            gap = text[(words[-1].end() if words else the.end()) : w.start()]
            if len(words) == 4 or (words and gap.strip()):
                break
            words.append(w)
        for k, w in enumerate(words):
            if w.group(0).islower() and w.group(0) in title_nouns():
                mods = [x.group(0).lower() for x in words[:k]]
                found.append((words[0].start(), w.end(), mods, w.group(0)))
                break
    return found


def _attach_title_references(doc: Doc, text: str, clusters: list[Cluster], cands: list[Candidate]) -> None:
    """Title-only references ("the Russian defense chief") join the one person whose
    titles contain every modifier word and whose title has the head noun (or a synonym)."""
    # Nationality adjectives may sit inside the reference ("the Russian defense chief").
    occupied = [(c.start, c.end) for c in cands if c.type not in {"NORP", "GPE"}]
    persons = [cl for cl in clusters if cl.type == "PERSON" and cl.titles]
    name_ends = {m.end for cl in persons for m in cl.mentions}
    for start, end, modifiers, head in _title_references(text):
        if any(not (end <= s or start >= e) for s, e in occupied):
            continue
        if any(_APPOSED.fullmatch(text, e, start) for e in name_ends if start - 8 <= e < start):
            continue  # "Lazzarini, the commissioner-general": his title, not another mention
        phrase_sector = title_sector(" ".join([*modifiers, head]))
        matches = []
        for cl in persons:
            title_words = " ".join(cl.titles).lower().replace("-", " ").split()
            mod_ok = all(w in title_words for w in modifiers)
            head_ok = head in title_words or (
                phrase_sector is not None and phrase_sector == title_sector(" ".join(cl.titles))
            )
            if mod_ok and head_ok:
                matches.append(cl)
        if len(matches) == 1:
            matches[0].mentions.append(Candidate(start, end, "PERSON", text[start:end], "title"))
            occupied.append((start, end))


def _attach_acronyms(text: str, clusters: list[Cluster]) -> None:
    """ "intercontinental ballistic missiles (ICBMs)": the acronym and its expansion are one."""
    for cl in clusters:
        for mention in list(cl.mentions):
            if not (
                text[mention.start - 1 : mention.start] == "(" and text[mention.end : mention.end + 1] == ")"
            ):
                continue
            if cl.type == "EQUIPMENT" and _join_designation(text, cl, mention, clusters):
                break  # its mentions now belong to the name's cluster
            acronym = mention.text.rstrip("s")
            if not acronym.isupper() or len(acronym) < 2:
                continue
            words = _expansion(acronym, list(re.finditer(r"[\w-]+", text[: mention.start - 1])))
            if not words:
                continue
            exp_start, exp_end = words[0].start(), words[-1].end()
            for other in clusters:
                if other is not cl and any(m.start == exp_start and m.end == exp_end for m in other.mentions):
                    cl.mentions.extend(other.mentions)
                    other.mentions = []
                    break
            else:
                if all(m.start != exp_start for m in cl.mentions):
                    cl.mentions.append(
                        Candidate(exp_start, exp_end, cl.type, text[exp_start:exp_end], "acronym")
                    )
            cl.mentions.sort(key=lambda m: m.start)


def _join_designation(text: str, cl: Cluster, mention: Candidate, clusters: list[Cluster]) -> bool:
    """ "the Kinzhal (Kh-47M2)": a weapon's name and its bracketed designation are one."""
    before = mention.start - 2  # the name ends right before " ("
    for other in clusters:
        if other is not cl and other.type == "EQUIPMENT" and any(m.end == before for m in other.mentions):
            other.mentions.extend(cl.mentions)
            other.mentions.sort(key=lambda m: m.start)
            cl.mentions = []
            return True
    return False


def _expansion(acronym: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The shortest run of words just before "(" that the acronym abbreviates: every word
    gives its first letter, a word may give more ("intercontinental" → "IC")."""

    def fits(letters: str, run: list[str]) -> bool:
        if not run:
            return not letters
        if not letters or letters[0] != run[0][0]:
            return False
        word = run[0]
        # Take 1..n letters from this word (in order), then the rest from the next words.
        for taken in range(1, len(letters) + 1):
            if _is_subsequence(letters[1:taken], word[1:]) and fits(letters[taken:], run[1:]):
                return True
        return False

    target = acronym.lower()
    for k in range(1, min(len(target), len(words)) + 1):
        run = words[-k:]
        if fits(target, [w.group(0).lower() for w in run]):
            return run
    return []


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "OPP"})
# Where a capital is only a place: the object of these prepositions or of motion verbs.
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "around", "over", "across", "inside", "from"})
_MOTION_VERBS = frozenset(
    {"visit", "travel", "arrive", "fly", "reach", "return", "head", "go", "come", "move"}
)
_POSSESSIVE_COUNTRY = re.compile(r"([A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})['’]s\s+(?:[A-Z][\w.-]*\s+){0,5}$")


def _acts_as_government(doc: Doc, cl: Cluster) -> bool:
    """ "Moscow said", "Kyiv's request", "warned Ankara": a capital that acts or is acted
    upon stands for its government (CAMEO's convention); "talks in Vienna" is a place."""
    for m in cl.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        head = root.head
        if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
            return True
        if root.dep_ == "dobj" and head.lemma_ not in _MOTION_VERBS:
            return True
        if root.dep_ == "pobj" and head.lower_ not in _PLACE_PREPOSITIONS:
            governor = head.head
            if not (head.lower_ == "to" and governor.lemma_ in _MOTION_VERBS):
                return True
    return False


def _possessive_country(text: str, start: int) -> str | None:
    """ "Niger's General Tiani", "Taiwan's Ministry of National Defense" → NER, TWN."""
    m = _POSSESSIVE_COUNTRY.search(text[max(0, start - 80) : start])
    if not m:
        return None
    words = m.group(1).split()
    for k in range(len(words)):
        code = gz.country_code(" ".join(words[k:]))
        if code:
            return code
    return None


def _org_code(name: str) -> tuple[str | None, str | None, str | None]:
    """(country, sector, kb_id) of an organisation's name from the IGO and actor lists."""
    igo = gz.igos().get(gz.norm(name))
    if igo:
        return None, "IGO", f"igo:{igo[0]}"
    known = known_actors().get(name)
    if known:
        return known[1], known[2], None
    return _country_in(name), org_sector(name), None


def _place_code(doc: Doc, cl: Cluster, name: str) -> tuple[str | None, str | None, str | None]:
    code = gz.country_code(name)
    if code:
        return code, None, f"iso3166:{code}"
    capital = gz.capitals().get(gz.norm(name))
    if capital:
        return capital, "GOV" if _acts_as_government(doc, cl) else None, None
    region = gz.subdivision_country(name)
    if region:
        return region, None, None
    cities = gz.cities_named(name)
    return (gz.alpha2_to_alpha3().get(cities[0].country2) if cities else None), None, None


def _home_country(doc: Doc, article: Article, coded: list[tuple[Cluster, str | None]]) -> str | None:
    """The country the article is mostly about: the one its places, nationalities and
    organisations name most often, the dateline's breaking ties. People and institutions
    with a bare domestic title ("Prime Minister Shehbaz Sharif") belong to it."""
    votes: dict[str, float] = defaultdict(float)
    for cl, country in coded:
        if country:
            votes[country] += len(cl.mentions)
    if article.dateline:
        place = _country_in(article.dateline) or _capital_or_city_country(article.dateline)
        if place:
            votes[place] += 2
    return max(votes, key=lambda c: votes[c]) if votes else None


def _capital_or_city_country(dateline: str) -> str | None:
    words = re.match(r"[A-Za-z .'-]+", dateline)
    if not words:
        return None
    name = words.group(0).strip().title()
    cities = gz.cities_named(name)
    return gz.alpha2_to_alpha3().get(cities[0].country2) if cities else None


def _person_code(
    text: str, cl: Cluster, orgs: dict[str, tuple[str | None, str | None]], home: str | None
) -> tuple[str | None, str | None]:
    title_text = " ".join(cl.titles)
    country = _country_in(title_text) or _possessive_country(text, _title_start(text, cl))
    match = _title_match(title_text) if title_text else None
    sector = match[1] if match else None
    org: tuple[str | None, str | None] | None = None
    named = _organisations_re().search(title_text) if title_text else None
    if named:
        org = _org_code(named.group(0))[:2]
    elif cl.affiliation:
        org = orgs.get(cl.affiliation) or _org_code(cl.affiliation)[:2]
    elif title_text:
        org = (None, org_sector(title_text))
    generic = match is not None and match[0] in _generic_titles()
    if org:
        country = country or org[0]
        if org[1] and (sector is None or generic):
            sector = org[1]
        elif generic and (named or cl.affiliation):
            # "director for games at Google": the director of an organisation whose sector
            # is unknown is not thereby a government official.
            sector = None
    if org and org[1] == "IGO":
        country = None
    elif country is None and sector in _STATE_SECTORS:
        country = home
    return country, sector


def _title_start(text: str, cl: Cluster) -> int:
    """Where the person's first name mention starts, before any title words."""
    first = min(
        (m for m in cl.mentions if m.source not in {"title", "propagated"}),
        key=lambda m: m.start,
        default=cl.mentions[0],
    )
    return first.start


def _finish(doc: Doc, text: str, clusters: list[Cluster], article: Article) -> list[Entity]:
    clusters = [cl for cl in clusters if cl.mentions]
    names: dict[int, str] = {}
    codes: dict[int, tuple[str | None, str | None, str | None]] = {}
    for cl in clusters:
        real = [m for m in cl.mentions if m.source not in {"title", "acronym", "propagated"}] or cl.mentions
        name = max(real, key=lambda m: (len(m.text), -m.start)).text
        code: tuple[str | None, str | None, str | None] = (None, None, None)
        if cl.type == "GPE":
            code = _place_code(doc, cl, name)
            if code[2] and code[0] in gz.countries():
                name = gz.countries()[code[0]].name
        elif cl.type == "NORP":
            code = (gz.demonym_country(name) or _people_of(name), None, None)
        elif cl.type == "ORG":
            code = min((_org_code(m.text) for m in real), key=lambda c: (c[0] is None, c[1] is None))
            code = (code[0] or _possessive_country(text, real[0].start), code[1], code[2])
        names[id(cl)], codes[id(cl)] = name, code
    home = _home_country(doc, article, [(cl, codes[id(cl)][0]) for cl in clusters if cl.type != "PERSON"])
    orgs: dict[str, tuple[str | None, str | None]] = {}
    for cl in clusters:
        country, sector, kb_id = codes[id(cl)]
        # A domestic institution ("Ministry of National Defense") or a place the gazetteer
        # does not know ("Paletwa") is taken to be in the country the article is about.
        if country is None and (cl.type == "GPE" or (cl.type == "ORG" and sector in _STATE_SECTORS)):
            codes[id(cl)] = (home, sector, kb_id)
        if cl.type == "ORG":
            orgs.update((m.text, codes[id(cl)][:2]) for m in cl.mentions)
    entities: list[Entity] = []
    for cl in clusters:
        country, sector, kb_id = codes[id(cl)]
        if cl.type == "PERSON":
            country, sector = _person_code(text, cl, orgs, home)
        entities.append(
            Entity(
                id="",
                name=names[id(cl)],
                type=cl.type,  # type: ignore[arg-type]
                mentions=[Mention(text=m.text, start=m.start, end=m.end) for m in cl.mentions],
                titles=cl.titles,
                affiliation=cl.affiliation,
                actor=Actor(country=country, sector=sector),
                kb_id=kb_id,
            )
        )
    entities.sort(key=lambda e: e.mentions[0].start)
    for author in article.authors:
        entities.append(
            Entity(
                id="",
                name=author,
                type="PERSON",
                titles=["author"],
                affiliation=article.publisher,
                actor=Actor(country=None, sector="JRN"),
                role="author",
            )
        )
    for number, entity in enumerate(entities, start=1):
        entity.id = f"ent{number}"
    return entities


def _country_in(text: str | None) -> str | None:
    """The first country named or implied (by demonym) in a phrase, the longest name at
    each word first ("South Korean", "Democratic Republic of the Congo", "Royal Australian Navy")."""
    if not text:
        return None
    words = re.findall(r"[\w.'’-]+", text)
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        for size in range(min(6, len(words) - i), 0, -1):
            candidate = " ".join(words[i : i + size])
            code = gz.demonym_country(candidate) or gz.country_code(candidate)
            if code:
                return code
    return None


@register("entities", "entities.rules.v2")
def annotate_entities(doc: Doc, article: Article, **_: Any) -> list[Entity]:
    """Entities of the article body, plus its authors (role "author", no mentions)."""
    return annotate_entities_records(doc, article)
