"""Browser tests: Playwright driving Debian's Chromium against a live server on 127.0.0.1.

Needs the ``playwright`` Python package (a test dependency) and Debian's
Chromium at /usr/bin/chromium (``apt-get install -y chromium``); Playwright's
own browser download is never used. Without them the tests skip, saying why.
Screenshots go to ``test-artifacts/``.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

#: A report written to attack every page: script tags, attribute breakouts, javascript: links, Markdown and HTML
#: injection, in the header fields as well as the body. Each payload sets window.__pwned or opens a dialog if it runs.
HOSTILE = """title: <script>window.__pwned=1</script>Flood "><img src=x onerror="window.__pwned=1">
url: javascript:window.__pwned=1
outlet: <b onmouseover="window.__pwned=1">Evil Press</b>
date: 2025-03-06

The mayor of Dorhaven said "<script>window.__pwned=1;alert(1)</script>" after about 500 residents were evacuated to Kyiv on Monday.

Officials said "><img src=x onerror=alert(1)> at least 300 soldiers [click me](javascript:alert(1)) had arrived, according to the regional governor.

A spokesman for the <svg onload=alert(1)> ministry said that ![x](javascript:alert(1)) and <a href="javascript:alert(1)">this link</a> were false.

The agency said # Heading | a | b | and **bold** `code` <iframe src="javascript:alert(1)"></iframe> text was never confirmed.
"""

def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium with Playwright (needs /usr/bin/chromium)")


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return "Debian's Chromium is not installed: apt-get install -y chromium (provides /usr/bin/chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory) -> Path:
    """A store built from examples/ plus the hostile report."""
    from claimledger.extract.pipeline import extract_reports
    from claimledger.ingest import read_paths
    from claimledger.records import RawReport
    from claimledger.store import Store

    folder = tmp_path_factory.mktemp("reports")
    for path in (ROOT / "examples").iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "99_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "ledger.db"
    reports = [r for r in read_paths([folder]) if isinstance(r, RawReport)]
    with Store.open(db) as store:
        for extraction in extract_reports(reports):
            store.add(extraction)
    return db


@pytest.fixture(scope="session")
def server(ledger_db):
    """The UI on a free port of 127.0.0.1, served by uvicorn in a thread."""
    import uvicorn

    from claimledger.web.app import create_app

    app = create_app(ledger_db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    app.state.ledger.snapshot()  # build the ledger before the first page is timed
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """Everything a page did that a hostile report could cause: dialogs, page errors, CSP reports, requests."""

    def __init__(self, page, allowed_origin: str | None):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.foreign: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append(m.text))
        page.on("request", lambda r: None if allowed_origin and r.url.startswith(allowed_origin)
                else self.foreign.append(r.url))


@pytest.fixture()
def page(browser, server):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.watch = Watch(pg, server)
    yield pg
    context.close()

