"""The `dateline` command: a thin shell over the library (batch, store, models)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from . import __version__
from .batch import Summary, count_inputs, documents, extracted, ingest
from .engines import ENGINES
from .errors import DatelineError
from .settings import DB_ENV, Settings, default_db
from .store import Store
from .store_pg import open_store
from .watch import watch as watch_paths

app = typer.Typer(
    help="News articles to sourced, time-resolved, geolocated event data (schema dateline/1).",
    no_args_is_help=True,
    add_completion=False,
)
# Piped output (make demo, CI logs) would otherwise be cut to 80 columns.
out = Console(width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 140)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"DuckDB store file or postgresql:// URL (default: ${DB_ENV}, else ./dateline.duckdb).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=100_000, help="At most this many rows.")]
PathsArg = Annotated[list[Path], typer.Argument(help="Files or directories (walked recursively).")]
_DEFAULTS = Settings()
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this many bytes.")
]
MaxCharsOption = Annotated[
    int, typer.Option("--max-chars", min=1, help="Refuse articles whose text is longer than this.")
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout", min=0, help="Seconds each document may spend in extraction and in annotation (0: none)."
    ),
]


def _open(db: str | None, read_only: bool = True) -> Store:
    try:
        return open_store(db or default_db(), read_only=read_only)
    except DatelineError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None


def _report_failures(summary: Summary) -> None:
    for failure in summary.failed:
        source, reason = escape(printable(failure.source)), escape(printable(failure.reason))
        err.print(f"[red]failed[/red] {source}: {reason}", markup=True, highlight=False, soft_wrap=True)


def printable(text: str) -> str:
    """`text` with control characters escaped, so that a file name holding a newline
    still gives one line per failure."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def _print_documents(docs: Any, format: str, summary: Summary, strict: bool) -> None:
    if format not in {"json", "jsonl"}:
        err.print("error: --format must be json or jsonl")
        raise typer.Exit(2)
    if format == "json":
        collected = list(docs)
        if len(collected) == 1:
            sys.stdout.write(collected[0].to_json(indent=2) + "\n")
        elif collected:
            sys.stdout.write(
                json.dumps([d.to_dict() for d in collected], ensure_ascii=False, indent=2) + "\n"
            )
    else:
        for doc in docs:
            sys.stdout.write(doc.to_json() + "\n")
            sys.stdout.flush()
    _report_failures(summary)
    if summary.failed and (strict or summary.read == len(summary.failed)):
        raise typer.Exit(1)


FormatOption = Annotated[str, typer.Option("--format", help="json (one document, indented) or jsonl.")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit 1 if any input failed.")]


@app.command()
def process(
    paths: PathsArg,
    format: FormatOption = "jsonl",
    strict: StrictOption = False,
    max_bytes: MaxBytesOption = _DEFAULTS.max_bytes,
    max_chars: MaxCharsOption = _DEFAULTS.max_chars,
    timeout: TimeoutOption = _DEFAULTS.timeout,
) -> None:
    """Print dateline/1 documents for files or directories, without a store."""
    summary = Summary()
    settings = Settings(max_bytes=max_bytes, max_chars=max_chars, timeout=timeout)
    _print_documents(documents(paths, settings, summary), format, summary, strict)


@app.command()
def extract(
    paths: PathsArg,
    format: FormatOption = "jsonl",
    strict: StrictOption = False,
    max_bytes: MaxBytesOption = _DEFAULTS.max_bytes,
    max_chars: MaxCharsOption = _DEFAULTS.max_chars,
    timeout: TimeoutOption = _DEFAULTS.timeout,
) -> None:
    """Print dateline/1 documents with only article and source filled (no NLP; fast)."""
    summary = Summary()
    settings = Settings(max_bytes=max_bytes, max_chars=max_chars, timeout=timeout)
    _print_documents(extracted(paths, settings, summary), format, summary, strict)


class _RateColumn(ProgressColumn):
    """Articles per second over the recent window, as rich measures it."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} art/s" if task.speed else "– art/s")


@app.command("ingest")
def ingest_cmd(
    paths: PathsArg,
    db: DbOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any input failed.")] = False,
    aliases: Annotated[
        Path | None,
        typer.Option("--aliases", help="TSV of name variants: canonical name, then aliases (tab-separated)."),
    ] = None,
    max_bytes: MaxBytesOption = _DEFAULTS.max_bytes,
    max_chars: MaxCharsOption = _DEFAULTS.max_chars,
    timeout: TimeoutOption = _DEFAULTS.timeout,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="local (process pool) or ray (Ray Data: files read by the workers, model held by actors).",
        ),
    ] = "local",
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="With --engine ray: cluster to join (default: local).")
    ] = None,
    processes: Annotated[
        int,
        typer.Option("--processes", min=1, max=256, help="Worker processes (model loaded once each)."),
    ] = 1,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="After the paths, keep ingesting new files that appear in them (either engine).",
        ),
    ] = False,
    max_idle: Annotated[
        float | None,
        typer.Option(
            "--max-idle", min=0, help="With --watch: stop after this many seconds without new files."
        ),
    ] = None,
    poll: Annotated[
        float, typer.Option("--poll", min=0.05, help="With --watch: seconds between scans of the folders.")
    ] = 1.0,
) -> None:
    """Process files or directories and store the documents (re-ingesting is a no-op)."""
    if engine not in ENGINES:
        err.print(f"error: --engine must be one of: {', '.join(ENGINES)}")
        raise typer.Exit(2)
    settings = Settings(
        aliases=str(aliases) if aliases else None, max_bytes=max_bytes, max_chars=max_chars, timeout=timeout
    )
    store = _open(db, read_only=False)
    started = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None if watch else count_inputs(paths))

        def tick(summary: Summary) -> None:
            done = summary.stored + summary.skipped + len(summary.failed)
            progress.update(task, completed=done, description=f"stored {summary.stored}")

        try:
            if watch:
                summary = watch_paths(
                    paths,
                    store,
                    settings,
                    processes=processes,
                    poll=poll,
                    max_idle=max_idle,
                    on_document=tick,
                    engine=engine,
                    ray_address=ray_address,
                )
            else:
                summary = ingest(paths, store, settings, tick, processes, engine, ray_address)
        except DatelineError as exc:
            store.close()
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
    store.close()
    seconds = time.perf_counter() - started
    _report_failures(summary)
    err.print(
        f"read {summary.read} · stored {summary.stored} · skipped (already stored) "
        f"{summary.skipped} · failed {len(summary.failed)} in {seconds:.1f} s "
        f"({summary.stored / seconds if seconds else 0:.2f} stored/s)  → {escape(store.path)}"
    )
    if summary.failed and strict:
        raise typer.Exit(1)


def _emit(rows: list[dict[str, Any]], as_json: bool, columns: list[str], title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n")
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        # Titles and names come from the web; "[/b]" in one must print, not be read as markup.
        table.add_row(*(escape(_cell(row.get(c))) for c in columns))
    out.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


@app.command()
def articles(
    search: Annotated[str | None, typer.Option("--search", help="Text in title or body.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before (ISO date).")] = None,
    db: DbOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List stored articles."""
    with _open(db) as store:
        rows = store.articles(search=search, since=since, until=until, limit=limit)
    _emit(rows, as_json, ["id", "published", "title", "publisher", "authors"], "articles")


@app.command()
def entities(
    name: Annotated[str | None, typer.Option("--name", help="Part of the name.")] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="PERSON, ORG, GPE, LOC, FAC, NORP, EQUIPMENT, ...")
    ] = None,
    db: DbOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List entities across the store, one row per name and type."""
    with _open(db) as store:
        rows = store.entities(name=name, type=type, limit=limit)
    _emit(rows, as_json, ["name", "type", "country", "sector", "articles", "mentions"], "entities")


@app.command()
def events(
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Part of an actor's or recipient's name.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after this day (ISO date).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before this day (ISO date).")] = None,
    db: DbOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List events, merged across mentions and articles."""
    with _open(db) as store:
        rows = store.events(type=type, actor=actor, since=since, until=until, limit=limit)
    _emit(
        rows,
        as_json,
        ["day", "type", "actors", "recipients", "place", "modality", "num_mentions", "num_sources"],
        "events",
    )


@app.command("export")
def export_cmd(
    format: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet or gdelt (GDELT-style tab-separated).")
    ] = "jsonl",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file (needed for parquet).")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after this day (ISO date).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before this day (ISO date).")] = None,
    db: DbOption = None,
) -> None:
    """Export merged events with counts, actor codes, place and sources (docs/export.md)."""
    from .export import merged_events, write

    with _open(db) as store:
        rows = merged_events(store, type=type, since=since, until=until)
    try:
        if format == "parquet" or output is None:
            write(rows, format, sys.stdout, output)
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                write(rows, format, handle, output)
    except BrokenPipeError:  # the reader (head, less) stopped early
        return
    except (DatelineError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if output:
        err.print(f"exported {len(rows)} events → {output}")


@app.command()
def quotes(
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Part of the speaker's name or description.")
    ] = None,
    db: DbOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List quotations with their speakers."""
    with _open(db) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    _emit(rows, as_json, ["published", "speaker", "speaker_text", "text"], "quotes")


@app.command()
def places(
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code.")] = None,
    db: DbOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List geocoded places across the store."""
    with _open(db) as store:
        rows = store.places(country=country, limit=limit)
    _emit(rows, as_json, ["name", "country", "precision", "lat", "lon", "articles"], "places")


@app.command()
def show(
    id: Annotated[str, typer.Argument(help="Document id (or its first 6+ characters).")],
    db: DbOption = None,
) -> None:
    """Print one stored document as dateline/1 JSON."""
    with _open(db) as store:
        doc = store.get(id)
    if doc is None:
        err.print(f"error: no single document with id {id!r}", markup=False)
        raise typer.Exit(1)
    sys.stdout.write(doc.to_json(indent=2) + "\n")


@app.command()
def summary(db: DbOption = None, limit: LimitOption = 10) -> None:
    """Print short tables of the events, people and places in the store."""
    with _open(db) as store:
        counts = store.counts()
        ev = store.events(limit=limit)
        people = store.entities(type="PERSON", limit=limit)
        pl = store.places(limit=limit)
    out.print(f"{counts['articles']} articles · {counts['events']} events · {counts['entities']} entities")
    _emit(ev, False, ["day", "type", "actors", "recipients", "place", "modality", "num_mentions"], "events")
    _emit(people, False, ["name", "country", "sector", "articles", "mentions"], "people")
    _emit(pl, False, ["name", "country", "precision", "lat", "lon", "articles"], "places")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    refresh: Annotated[
        float,
        typer.Option("--refresh", min=0, help="Seconds between checks for new data in the store (0: never)."),
    ] = 5.0,
) -> None:
    """Serve the read-only REST API (OpenAPI docs at /docs) and the web page."""
    from .serve import run  # FastAPI and uvicorn load only for this command

    with _open(db) as store:  # refuses a missing or foreign file with the usual message
        path = store.path
    err.print(f"serving {path} read-only at http://{host}:{port}/  (API docs: /docs)")
    try:
        run(path, host, port, refresh)
    except DatelineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """News articles to sourced, time-resolved, geolocated event data (schema dateline/1)."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
