"""Fetching reports from URLs: bounded fetches, one-line errors, the page kept for citation checks."""
from __future__ import annotations

import http.server
import socket
import threading
import zlib

import httpx
import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.config import Limits
from claimledger.ingest import IngestError
from claimledger.ingest.web import fetch, read_url
from claimledger.store import Store

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Ferry service to Ostra halted after engine fire</title>
<meta property="og:site_name" content="Island Herald">
<meta property="article:published_time" content="2024-06-10T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry service to Ostra halted after engine fire</h1>
<p>The ferry operator suspended all crossings to Ostra on Monday after a fire broke out in the engine room of
its largest vessel, the harbour master said.</p>
<p>"Nobody was hurt and the crew put the fire out within twenty minutes," operator spokesman Ruben Kael told
reporters. He said about 150 passengers had been taken back to port by a second boat.</p>
<p>The island council said it could not confirm when crossings would resume.</p>
</article><footer>Copyright Island Herald</footer></body></html>"""


def client_for(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True, max_redirects=5)


def test_a_page_is_read_and_its_bytes_kept():
    body = PAGE.encode("utf-8")
    client = client_for(lambda request: httpx.Response(200, content=body, headers={"content-type": "text/html; charset=utf-8"}))
    report = read_url("https://herald.example/ferry", client=client)
    assert report.title == "Ferry service to Ostra halted after engine fire"
    assert "Ruben Kael told" in report.text and "Sport" not in report.text
    assert report.url == "https://herald.example/ferry"
    assert report.published == "2024-06-10"
    assert report.original == body


def test_a_page_in_a_declared_legacy_charset_is_decoded():
    body = PAGE.replace("utf-8", "windows-1252").replace("Ruben Kael", "Rubén Kael").encode("cp1252")
    client = client_for(lambda request: httpx.Response(200, content=body, headers={"content-type": "text/html"}))
    assert "Rubén Kael" in read_url("https://herald.example/ferry", client=client).text


def test_a_plain_text_page_is_read_as_a_text_report():
    text = "title: Ostra ferry back in service\n\nThe ferry to Ostra sailed again on Thursday, the operator said, three days after the engine fire."
    client = client_for(lambda request: httpx.Response(200, text=text, headers={"content-type": "text/plain"}))
    report = read_url("https://herald.example/ferry.txt", client=client)
    assert report.title == "Ostra ferry back in service"
    assert report.text.startswith("The ferry to Ostra sailed again")


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (lambda r: httpx.Response(404, text="gone"), "HTTP 404 Not Found"),
        (lambda r: httpx.Response(503, text="busy"), "HTTP 503"),
        (lambda r: httpx.Response(200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"}),
         "content type application/pdf is not one of"),
        (lambda r: httpx.Response(302, headers={"location": f"/hop{len(r.url.path)}"}), "more than 5 redirects"),
        (lambda r: (_ for _ in ()).throw(httpx.ConnectError("Name or service not known", request=r)), "cannot connect"),
        (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("timed out", request=r)), "timed out"),
        (lambda r: httpx.Response(200, text="<html><body><nav>Home</nav></body></html>", headers={"content-type": "text/html"}),
         "no article text"),
    ],
)
def test_fetch_failures_are_one_line_errors_naming_the_url(handler, message):
    with pytest.raises(IngestError) as caught:
        read_url("https://herald.example/ferry", client=client_for(handler))
    text = str(caught.value)
    assert text.startswith("https://herald.example/ferry: ") and message in text and "\n" not in text


def test_redirects_up_to_five_are_followed():
    def handler(request):
        hops = int(request.url.params.get("n", "0"))
        if hops < 5:
            return httpx.Response(301, headers={"location": f"/ferry?n={hops + 1}"})
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    report = read_url("https://herald.example/ferry", client=client_for(handler))
    assert report.url == "https://herald.example/ferry?n=5"


def test_a_body_over_the_size_limit_is_cut_off_not_buffered():
    served = []

    def endless():
        for _ in range(10_000):
            served.append(1)
            yield b"<p>" + b"x" * 1021

    client = client_for(lambda r: httpx.Response(200, content=endless(), headers={"content-type": "text/html"}))
    with pytest.raises(IngestError, match="over the 50,000-byte limit"):
        fetch("https://herald.example/big", Limits(max_file_bytes=50_000), client=client)
    assert len(served) < 100  # stopped reading soon after the cap


def test_a_declared_length_over_the_limit_is_refused_before_reading():
    client = client_for(lambda r: httpx.Response(200, content=b"x" * 2000, headers={"content-type": "text/html"}))
    with pytest.raises(IngestError, match="response is 2,000 bytes"):
        fetch("https://herald.example/big", Limits(max_file_bytes=1000), client=client)


def test_only_http_urls_are_fetched():
    with pytest.raises(IngestError, match="not an http"):
        fetch("file:///etc/passwd")


@pytest.fixture
def site():
    """A web server on 127.0.0.1 serving PAGE at /ferry.html (and 404 elsewhere)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/ferry.html":
                self.send_error(404)
                return
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_analyze_a_url_stores_the_report_and_its_compressed_page(site, tmp_path):
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(app, ["analyze", f"{site}/ferry.html", f"{site}/missing.html", "--db", str(db),
                                      "--allow-private-addresses"])  # the test site is on loopback
    assert "analysed 1" in result.stdout and "errors 1" in result.stdout
    assert f"{site}/missing.html: HTTP 404" in result.stderr
    with Store.open(db) as store:
        [report] = store.reports()
        assert report.extraction.report.url == f"{site}/ferry.html"
        assert any(a.source and a.source.name == "Ruben Kael" for a in report.extraction.attributions)
        assert store.original(report.id) == PAGE.encode()
        assert store.known_urls([f"{site}/ferry.html", f"{site}/missing.html"]) == {f"{site}/ferry.html"}
    import sqlite3

    with sqlite3.connect(db) as connection:
        [(blob,)] = connection.execute("SELECT body FROM originals").fetchall()
    assert zlib.decompress(blob) == PAGE.encode() and len(blob) < len(PAGE.encode())


def test_analyze_offline_url_is_one_line_and_exit_1(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(app, ["analyze", f"http://127.0.0.1:{port}/news", "--db", str(tmp_path / "l.db"),
                                      "--allow-private-addresses"])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"http://127.0.0.1:{port}/news: cannot connect")
