"""The ``claimledger report`` and ``claimledger serve`` commands, registered by :mod:`claimledger.cli`.

Kept apart from ``cli.py`` so the CLI module stays a list of commands;
errors print one line and set the exit code, as everywhere in the CLI.
"""
from __future__ import annotations

import ipaddress
import os
import re
import secrets
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from claimledger.config import Settings
from claimledger.ledger import build_ledger
from claimledger.report.briefing import build_briefing, render_html, render_markdown
from claimledger.report.context import LedgerContext
from claimledger.store import Store, StoreError

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL [default: $CLAIMLEDGER_DB or claimledger.db]"),
]


class BriefingFormat(str, Enum):
    html = "html"
    md = "md"


def _fail(message: str) -> typer.Exit:
    _err.print(Text("error: " + re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", message), style="red"))
    return typer.Exit(2)


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write")],
    db: DbOption = None,
    format: Annotated[BriefingFormat, typer.Option("--format", help="html (one self-contained file) or md")] =
    BriefingFormat.html,
    since: Annotated[str | None, typer.Option(help="Also say what changed since this date (YYYY-MM-DD)")] = None,
) -> None:
    """Write the briefing: established, single-origin and disputed claims, figures, timeline, sources; every sentence cited."""
    if since is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", since):
        raise _fail(f"--since {since!r}: expected a date such as 2024-10-18")
    try:
        with Store.open(db or Settings.from_env().database, create=False) as store:
            reports = store.reports()
    except StoreError as exc:
        raise _fail(str(exc)) from None
    ctx = LedgerContext(reports, build_ledger(reports))
    briefing = build_briefing(ctx, since=since)
    body = render_html(ctx, briefing) if format is BriefingFormat.html else render_markdown(ctx, briefing)
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    cited = len(briefing.order)
    _out.print(f"wrote {output}: {sum(len(s.sentences) + len(s.rows) for s in briefing.sections)} cited lines, "
               f"{cited} cited sentences or reports")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback requires a token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the web UI over the ledger (read it, search it, add reports)."""
    import uvicorn

    from claimledger.web.app import create_app

    token = None
    if not is_loopback(host):
        token = os.environ.get("CLAIMLEDGER_TOKEN") or secrets.token_urlsafe(24)
    try:
        app = create_app(db or Settings.from_env().database, token=token)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    _out.print(f"claimledger serving {db or Settings.from_env().database} at {url}")
    if token:
        _out.print("bound beyond this machine: the token above is required (or set CLAIMLEDGER_TOKEN)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
