"""Web archives: HTML responses streamed out of WARC and WARC.gz files built here with warcio."""
from __future__ import annotations

import io
import sqlite3
from io import BytesIO
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.cli import app
from claimledger.ingest import IngestError
from claimledger.ingest.inputs import input_size, read_inputs
from claimledger.ingest.warc import read_warc
from claimledger.ingest.web import new_client
from claimledger.records import RawReport

PAGES = {
    "https://tidings.example/quarry": (
        "Quarry blast rattles windows in Brenholt",
        "A blast at the Brenholt quarry shook houses across the village on Friday morning, residents said. "
        "The quarry's owner, Calder Stone, said the charge had been within its permit. "
        "\"We measured the vibration and it was below the legal limit,\" site manager Ada Voss told the paper.",
    ),
    "https://tidings.example/quarry-council": (
        "Council orders review of quarry permit",
        "Brenholt's council ordered a review of the quarry's blasting permit on Monday after about 60 residents "
        "complained of cracked plaster. Councillor Hugo Brandt said the review would take six weeks. "
        "The owner denied that the blast had damaged any house.",
    ),
}


def html(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | Local</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article></body></html>").encode()


def write_archive(path, gzip: bool = True) -> dict[str, str]:
    """An archive with the two pages plus records that are not reports; returns record ids by URI."""
    ids = {}
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(str(path), {"software": "test"}))

        def response(uri, status, ctype, payload):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(payload), http_headers=headers)
            writer.write_record(record)
            return record.rec_headers.get_header("WARC-Record-ID")

        request = writer.create_warc_record("https://tidings.example/quarry", "request", payload=BytesIO(b"GET /quarry HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        for uri, (title, body) in PAGES.items():
            ids[uri] = response(uri, "200 OK", "text/html; charset=utf-8", html(title, body))
        response("https://tidings.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
        response("https://tidings.example/gone", "404 Not Found", "text/html", html("Not found", "Nothing here " * 20))
    return ids


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_reports_with_record_id_and_offset(tmp_path, gzip):
    archive = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    ids = write_archive(archive, gzip)
    reports = list(read_warc(archive))
    assert all(isinstance(r, RawReport) for r in reports)
    assert [r.url for r in reports] == list(PAGES)
    assert [r.record_id for r in reports] == [ids[u] for u in PAGES]
    assert reports[0].title == "Quarry blast rattles windows in Brenholt"
    assert "site manager Ada Voss" in reports[0].text and "Home | Local" not in reports[0].text
    for report in reports:  # the offset in the path finds the record again
        name, _, offset = report.path.rpartition("#")
        assert name == str(archive)
        with open(archive, "rb") as f:
            f.seek(int(offset))
            record = next(iter(ArchiveIterator(f)))
            assert record.rec_headers.get_header("WARC-Record-ID") == report.record_id


def test_a_truncated_archive_keeps_the_records_before_the_damage(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive)
    data = archive.read_bytes()
    second = [r for r in read_warc(archive)][1].path.rpartition("#")[2]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(second) + 60])  # part way into the second page's record
    items = list(read_warc(cut))
    assert [r.url for r in items if isinstance(r, RawReport)] == ["https://tidings.example/quarry"]
    [error] = [e for e in items if isinstance(e, IngestError)]
    assert str(error).startswith(f"{cut}: archive damaged after offset") and "\n" not in str(error)


def test_read_inputs_routes_archives_and_files(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive)
    note = tmp_path / "note.txt"
    note.write_text("title: Quarry reopens\n\nThe Brenholt quarry reopened on Tuesday, its owner said, after the review.")
    items = list(read_inputs([str(archive), str(note), str(tmp_path / "missing.warc.gz")]))
    assert [i.url if isinstance(i, RawReport) else str(i) for i in items] == [
        *PAGES, None, f"{tmp_path / 'missing.warc.gz'}: no such file or folder",
    ]


def crawl_folder(tmp_path) -> Path:
    """A folder holding an archive (one level down), a report file and a file that is not a report."""
    folder = tmp_path / "crawl"
    (folder / "2024").mkdir(parents=True)
    write_archive(folder / "2024" / "part-1.warc.gz")
    (folder / "note.txt").write_text("The Brenholt quarry reopened on Tuesday, its owner said, after the review.")
    (folder / "ignored.csv").write_text("a,b\n")
    return folder


def test_archives_inside_a_folder_are_read_with_the_other_reports(tmp_path):
    items = list(read_inputs([str(crawl_folder(tmp_path))]))
    assert all(isinstance(i, RawReport) for i in items)
    assert [i.url for i in items] == [*PAGES, None]


def test_the_bytes_read_add_up_to_the_input_size_even_past_damage(tmp_path):
    """What the progress bar counts: every record's bytes as it is read, the whole file by the end."""
    folder = crawl_folder(tmp_path)
    data = (folder / "2024" / "part-1.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    steps: list[int] = []
    items = list(read_inputs([str(folder)], progress=steps.append))
    expected = sum(p.stat().st_size for p in folder.rglob("*") if p.suffix != ".csv" and p.is_file())
    assert input_size([str(folder)]) == sum(steps) == expected
    assert len(steps) > 4 and all(step >= 0 for step in steps)  # record by record, not the archive at once
    assert sum(isinstance(i, IngestError) for i in items) == 1  # the cut archive, read to its end all the same
    assert input_size([str(folder), "https://tidings.example/quarry"]) is None  # a page's size is not known


def test_a_terminal_sees_the_share_read_and_the_time_left(tmp_path, monkeypatch):
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive)
    screen = io.StringIO()
    monkeypatch.setattr("claimledger.cli.stderr", Console(file=screen, force_terminal=True, width=140))
    result = CliRunner().invoke(app, ["analyze", str(archive), "--db", str(tmp_path / "l.db")])
    assert "analysed 2" in result.stdout
    shown = screen.getvalue()
    assert "2 reports" in shown and "reports/s" in shown and "100%" in shown and "0:00:00" in shown


def test_analyze_an_archive_stores_record_ids(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    ids = write_archive(archive)
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(app, ["analyze", str(archive), "--db", str(db)])
    assert "analysed 2" in result.stdout, result.stdout + result.stderr
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT r.url, r.path, o.record_id FROM reports r JOIN originals o ON o.report_id = r.id ORDER BY r.id"
        ).fetchall()
    assert [(url, rid) for url, _, rid in rows] == [(u, ids[u]) for u in PAGES]
    assert all(path.startswith(f"{archive}#") for _, path, _ in rows)


def test_an_interrupted_run_resumes_without_redoing_stored_reports(tmp_path):
    """Kill `analyze` mid-archive (SIGKILL, as a crash would), run it again: only the rest is analysed."""
    import importlib.util
    import re
    import subprocess
    import sys
    import time
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("make_warc", Path(__file__).parents[1] / "bench" / "make_warc.py")
    make_warc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_warc)
    archive, db, total = tmp_path / "news.warc.gz", tmp_path / "ledger.db", 200
    make_warc.write_warc(archive, total)
    command = [sys.executable, "-c", "from claimledger.cli import app; app()", "analyze", str(archive), "--db", str(db)]

    def stored() -> int:
        try:
            with sqlite3.connect(db) as connection:
                return connection.execute("SELECT count(*) FROM reports").fetchone()[0]
        except sqlite3.Error:
            return 0

    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while stored() == 0 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.kill()
    first.wait()
    done = stored()
    assert 0 < done < total, f"the run was not stopped mid-batch ({done} of {total} stored)"

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    summary = re.search(r"analysed (\d+).*already stored (\d+), errors (\d+)", again.stdout)
    assert summary, again.stdout + again.stderr
    assert tuple(map(int, summary.groups())) == (total - done, done, 0)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*), count(DISTINCT path) FROM reports").fetchone() == (total, total)


def test_an_archive_at_a_url_is_streamed_record_by_record(tmp_path):
    """A .warc.gz in object storage (here a local web server) is read as it downloads."""
    import functools
    import http.server
    import threading

    ids = write_archive(tmp_path / "crawl.warc.gz")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with new_client(allow_private=True) as client:  # the test server is on loopback
            items = list(read_inputs([f"{base}/crawl.warc.gz", f"{base}/missing.warc.gz"], client=client))
    finally:
        server.shutdown()
    reports = [i for i in items if isinstance(i, RawReport)]
    assert [r.url for r in reports] == list(PAGES) and [r.record_id for r in reports] == [ids[u] for u in PAGES]
    local = [r.path.rpartition("#")[2] for r in read_warc(tmp_path / "crawl.warc.gz")]
    assert [r.path for r in reports] == [f"{base}/crawl.warc.gz#{offset}" for offset in local]
    assert [str(i) for i in items if isinstance(i, IngestError)] == [f"{base}/missing.warc.gz: HTTP 404 File not found"]
