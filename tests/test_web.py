"""The web UI over HTTP (no browser): pages, filters, search, the API, security headers, token, upload limits."""
from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from loopback import dripping

from claimledger.config import Limits
from claimledger.extract.pipeline import extract_reports
from claimledger.ingest import read_paths
from claimledger.records import RawReport
from claimledger.store import Store
from claimledger.web.app import create_app, is_loopback
from claimledger.web.state import JOB_TTL, MAX_FINISHED, MAX_PENDING, LedgerState
from claimledger.web.upload import MAX_UPLOAD_BYTES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAGES = ["/", "/claims", "/claims/c1", "/sentences/d1.a0", "/reports/d1", "/sources", "/figures", "/timeline",
         "/graph", "/map", "/upload"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "ledger.db"
    with Store.open(path) as store:
        for extraction in extract_reports([r for r in read_paths([EXAMPLES]) if isinstance(r, RawReport)]):
            store.add(extraction)
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture(scope="module")
def private_client(db):
    """A UI allowed to fetch from this machine (``serve --allow-private-addresses``), downloads cut at 3 s."""
    with TestClient(create_app(db, allow_private=True, limits=Limits(fetch_seconds=3)),
                    base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_strict_headers_and_no_script(client, path):
    r = client.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe" not in csp and "script-src" not in csp
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in r.text.lower() and " style=" not in r.text and "<style" not in r.text


def test_claim_filters_narrow_the_list(client):
    every = client.get("/claims").text.count('<a href="/claims/c')
    api = client.get("/api/claims").json()
    assert every == len(api) > 3
    single = [c for c in api if c["status"] == "single_source"]
    r = client.get("/claims", params={"status": "single_source"})
    assert r.text.count('<a href="/claims/c') == len(single)
    dated = [c for c in api if (c["last_reported"] or "") >= "2025-03-06"]
    assert client.get("/claims", params={"since": "2025-03-06"}).text.count('<a href="/claims/c') == len(dated)


def test_search_finds_sentences_and_treats_query_text_as_words(client):
    r = client.get("/claims", params={"q": "spillway gates"})
    found = re.findall(r'<a href="/claims/(c\d+)">', r.text)
    assert found
    claims = {c["id"]: c for c in client.get("/api/claims").json()}
    sentences = {a["id"]: a["sentence"].lower() for a in client.get("/api/attributions").json()}
    for cid in found:
        # words match by their stem: "gates" finds "gate" too
        assert any("spillway" in sentences[a] and "gate" in sentences[a] for a in claims[cid]["attribution_ids"])
    for hostile in ['" OR 1=1 --', "gates'); DROP TABLE reports; --", "NEAR(a b) * ^", "\x00", "a" * 5000]:
        r = client.get("/claims", params={"q": hostile})
        assert r.status_code == 200
    assert client.get("/api/documents").json()  # the store is intact


def test_search_stems_words_and_ignores_accents(db):
    from claimledger.ledger import build_ledger
    from claimledger.report.context import LedgerContext
    from claimledger.report.places import find_places
    from claimledger.web.search import SentenceIndex

    with Store.open(db, create=False) as store:
        reports = store.reports()
    index = SentenceIndex()
    index.rebuild(LedgerContext(reports, build_ledger(reports)))
    plural, singular = index.search("gates"), index.search("gate")
    assert plural and set(plural) == set(singular)
    accented = RawReport(text="Officials in Gdańsk said the harbour valves were shut on Monday.", title="Harbour")
    with Store.open(db.parent / "accents.db") as store:
        for extraction in extract_reports([accented]):
            store.add(extraction)
        few = store.reports()
    ctx = LedgerContext(few, build_ledger(few))
    index.rebuild(ctx)
    assert index.search("Gdansk") == index.search("gdańsk") != []
    assert [p[0] for p in find_places(ctx)] == ["Gdańsk"]  # the map keeps the diacritic place
    assert index.search("valve") == index.search("valves") != []


def test_api_mirrors_the_export(client):
    ledger = client.get("/api/ledger").json()
    assert ledger["schema"] == "claimledger/1"
    for section in ("documents", "attributions", "figures", "claims", "timeline"):
        assert client.get(f"/api/{section}").json() == ledger[section]
    first = ledger["claims"][0]
    assert client.get(f"/api/claims/{first['id']}").json() == first
    assert client.get("/api/claims/c99999").status_code == 404
    assert client.get("/api/nothing").status_code == 404
    jsonld = client.get("/api/ledger.jsonld")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    reviews = [n for n in jsonld.json()["@graph"] if n.get("@type") == "ClaimReview"]
    assert reviews and all(r["url"].startswith("http://127.0.0.1:8000/claims/c") for r in reviews)


def test_claim_page_marks_each_mention_and_draws_the_chain(client):
    claim = client.get("/api/claims").json()[0]
    r = client.get(f"/claims/{claim['id']}")
    assert r.text.count('<blockquote class="quote"') == len(claim["attribution_ids"]) + len(claim["figure_ids"])
    assert '<mark class="content">' in r.text and '<svg xmlns="http://www.w3.org/2000/svg" class="chain"' in r.text
    for aid in claim["attribution_ids"]:
        assert f'href="/sentences/{aid}"' in r.text


def test_unknown_ids_are_404(client):
    for path in ["/claims/c0x", "/sentences/d1.a99999", "/sentences/../../etc/passwd", "/reports/d999",
                 "/source?key=e999"]:
        assert client.get(path).status_code == 404


def test_briefing_downloads(client):
    html = client.get("/briefing.html")
    assert "style-src 'unsafe-inline'" in html.headers["content-security-policy"]
    assert "script" not in html.headers["content-security-policy"]
    assert html.text.count('class="cite"') > 10
    md = client.get("/briefing.md", params={"since": "2025-03-05"})
    assert md.headers["content-type"].startswith("text/markdown") and "## What changed since 2025-03-05" in md.text


def test_cross_origin_form_posts_are_refused(client):
    r = client.post("/upload", data={"text": "The mayor said the bridge reopened."},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/upload", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403


def test_uploads_are_bounded_in_size_and_type(client):
    big = client.post("/upload", files={"file": ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 200_000))})
    assert big.status_code == 200 and "Not added" in big.text and "larger than" in big.text
    exe = client.post("/upload", files={"file": ("../../evil.exe", b"MZ\x90\x00binary")})
    assert "Not added" in exe.text and "unsupported file type .exe" in exe.text
    empty = client.post("/upload", data={"text": "   "})
    assert "Not added" in empty.text


def test_pasted_report_is_analysed_and_added(client):
    before = len(client.get("/api/documents").json())
    r = client.post("/upload", data={
        "title": "Ferry <b>resumes</b>", "outlet": "Harbour Gazette", "date": "2025-03-09",
        "text": "The ferry between Brennick and Lowfield resumed on Sunday, the port authority said. "
                "About 200 passengers crossed in the first hour, the operator said."}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    status = client.get(r.headers["location"])
    assert "<progress" in status.text
    deadline = time.monotonic() + 180
    while "See the claims" not in status.text and "Failed" not in status.text and time.monotonic() < deadline:
        time.sleep(0.5)
        status = client.get(r.headers["location"])
    assert "See the claims" in status.text, status.text
    documents = client.get("/api/documents").json()
    assert len(documents) == before + 1
    assert documents[-1]["title"] == "Ferry <b>resumes</b>" and documents[-1]["published"] == "2025-03-09"
    assert "Ferry &lt;b&gt;resumes&lt;/b&gt;" in client.get(f"/reports/{documents[-1]['id']}").text


def _wait_for(client, location):
    status = client.get(location)
    deadline = time.monotonic() + 180
    while "See the claims" not in status.text and "Failed" not in status.text and time.monotonic() < deadline:
        time.sleep(0.5)
        status = client.get(location)
    return status


def test_a_page_fetched_by_address_is_added(private_client, tmp_path):
    client = private_client
    page = tmp_path / "ferry.html"
    page.write_text(
        "<html><head><title>Ferry strike ends</title></head><body><article><h1>Ferry strike ends</h1>"
        "<p>The ferry crews returned to work on Tuesday after a week-long strike, the union said in a statement.</p>"
        "<p>About 300 crew members had walked out over pay, according to the port authority, which said "
        "that services between the two islands would be back to normal by Thursday.</p></article></body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ferry.html"
        before = len(client.get("/api/documents").json())
        r = client.post("/upload", data={"fetch": url}, follow_redirects=False)
        assert r.status_code == 303
        assert "See the claims" in _wait_for(client, r.headers["location"]).text
        documents = client.get("/api/documents").json()
        assert len(documents) == before + 1 and documents[-1]["url"] == url
        # the page as fetched is kept, to check citations against: offered as a download, never rendered
        doc = documents[-1]["id"]
        link = f'<a href="/reports/{doc}/original">page as fetched</a>'
        assert link in client.get(f"/reports/{doc}").text and link.split(">")[0] not in client.get("/reports/d1").text
        kept = client.get(f"/reports/{doc}/original")
        assert kept.content == page.read_bytes()
        assert kept.headers["content-disposition"] == f'attachment; filename="{doc}-original.html"'
        assert kept.headers["content-security-policy"] == "sandbox"
        assert client.get("/reports/d1/original").status_code == 404
    finally:
        server.shutdown()


@pytest.mark.parametrize("address", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x"])
def test_only_web_addresses_are_fetched(client, address):
    r = client.post("/upload", data={"fetch": address})
    assert r.status_code == 200 and "Not added" in r.text and "http://" in r.text


def test_a_token_guards_every_request_when_set(db):
    with TestClient(create_app(db, token="s3cret-token"), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 401
        assert c.get("/api/claims").status_code == 401
        assert c.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/claims", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
        first = c.get("/?token=s3cret-token")
        assert first.status_code == 200 and "httponly" in first.headers["set-cookie"].lower()
        assert c.get("/claims").status_code == 200  # the cookie carries it from now on


def test_serve_binds_loopback_by_default_and_knows_what_is_not():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org")


def test_a_page_address_inside_is_refused_by_default(client, tmp_path):
    (tmp_path / "secret.html").write_text("<html><body><article><p>" + "internal words " * 30 + "</p></article></body></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for host in ("127.0.0.1", "localhost", "2130706433", "0x7f000001"):
            r = client.post("/upload", data={"fetch": f"http://{host}:{server.server_address[1]}/secret.html"},
                            follow_redirects=False)
            status = _wait_for(client, r.headers["location"])
            assert "Failed" in status.text and "is not a public address" in status.text
    finally:
        server.shutdown()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "a@127.0.0.1"])
def test_a_forged_host_is_refused(client, host):
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends Host: evil.example."""
    r = client.get("/api/claims", headers={"host": host})
    assert r.status_code == 421 and "unknown host name" in r.text
    r = client.post("/upload", data={"text": "x"}, headers={"host": host, "origin": f"http://{host}"})
    assert r.status_code == 421


def test_loopback_names_the_bound_address_and_allowed_hosts_are_answered(db):
    with TestClient(create_app(db, host="192.0.2.7", allow_hosts=("ledger.lan",)),
                    base_url="http://127.0.0.1:8000") as c:
        for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "192.0.2.7:8000", "ledger.lan"):
            assert c.get("/api/claims", headers={"host": host}).status_code == 200, host
        assert c.get("/api/claims", headers={"host": "other.lan"}).status_code == 421


@pytest.mark.parametrize("origin", ["https://127.0.0.1:8000", "http://127.0.0.1:9000", "http://127.0.0.1",
                                    "http://localhost:8000", "null"])
def test_an_origin_with_another_scheme_host_or_port_is_refused(client, origin):
    r = client.post("/upload", data={"text": "The mayor said the bridge reopened."}, headers={"origin": origin})
    assert r.status_code == 403


def test_the_same_origin_is_accepted(client):
    r = client.post("/upload", data={"text": " "}, headers={"origin": "http://127.0.0.1:8000"})
    assert r.status_code == 200 and "Not added" in r.text


def test_a_dripping_page_is_cut_at_the_deadline_while_a_pasted_report_goes_through(private_client):
    client = private_client
    with dripping() as url:
        slow = client.post("/upload", data={"fetch": url}, follow_redirects=False).headers["location"]
        pasted = client.post("/upload", data={
            "title": "Pier reopens", "text": "The pier at Lowfield reopened on Monday after repairs, the council "
                                             "said. About 30 boats used it in the first hour, the harbour master said."},
            follow_redirects=False).headers["location"]
        done = _wait_for(client, pasted)
        assert "See the claims" in done.text  # analysed while the slow page was still being fetched
        assert "fetching the page" in client.get(slow).text
        failed = _wait_for(client, slow)
        assert "Failed" in failed.text and "download took over 3 s; cut off" in failed.text


def test_the_queue_is_bounded_busy_is_503(private_client):
    client = private_client
    with dripping() as url:
        answers = [client.post("/upload", data={"fetch": url}, follow_redirects=False) for _ in range(MAX_PENDING + 2)]
        assert [a.status_code for a in answers] == [303] * MAX_PENDING + [503, 503]
        assert "busy" in answers[-1].text and "try again" in answers[-1].text
        for a in answers[:MAX_PENDING]:
            assert "Failed" in _wait_for(client, a.headers["location"]).text
    assert client.post("/upload", data={"fetch": url}, follow_redirects=False).status_code == 303  # room again


def test_finished_jobs_expire(tmp_path):
    state = LedgerState(tmp_path / "jobs.db")
    try:
        old = state.new_job("old")
        old.finish()
        old.ended -= JOB_TTL + 1
        recent = state.new_job("recent")
        recent.finish("failed to read")
        state.new_job("new")
        assert old.id not in state.jobs and recent.id in state.jobs
        for n in range(MAX_FINISHED + 5):
            state.new_job(str(n)).finish()
        state.new_job("last")  # jobs are forgotten when a new one comes
        assert sum(j.finished for j in state.jobs.values()) == MAX_FINISHED
    finally:
        state.close()


def test_claim_page_says_who_supports_and_who_denies(client):
    claims = client.get("/api/claims").json()
    contested = [c for c in claims if "denies" in c["stances"].values()]
    assert contested
    claim = contested[0]
    page = client.get(f"/claims/{claim['id']}").text
    assert "Denied by:" in page
    deniers = [a for a, relation in claim["stances"].items() if relation == "denies"]
    assert any(f'href="/sentences/{a}"' in page.split("Denied by:")[1].split("</p>")[0] for a in deniers)


def test_briefing_top_caps_the_first_page(client):
    md = client.get("/briefing.md", params={"top": 1}).text
    first = md[md.index("## First page"):md.index("## Appendix")]
    assert all(part.count("\n- ") <= 1 for part in first.split("\n### ")[1:])
    assert client.get("/briefing.md", params={"top": 0}).status_code == 422
    html = client.get("/briefing.html").text
    assert html.index('<section id="first-page">') < html.index('<section id="appendix">')


def test_a_report_pasted_twice_is_added_once_and_another_outlets_copy_of_it_as_a_copy(tmp_path):
    """Every upload is read from a new temporary folder: that is not a new place for the same report."""
    text = ("The night bus between Orrin and Tamsford will stop running in June, the transport board said. "
            "Drivers' union secretary Hal Brede said the route had been profitable for years.")
    with TestClient(create_app(tmp_path / "pasted.db"), base_url="http://127.0.0.1:8000") as client:
        def paste(outlet: str) -> str:
            r = client.post("/upload", data={"title": "Night bus to stop", "outlet": outlet, "text": text},
                            follow_redirects=False)
            return _wait_for(client, r.headers["location"]).text

        assert "See the claims" in paste("Orrin Echo")
        assert "already in the ledger" in paste("Orrin Echo")
        assert "already in the ledger" not in paste("Tamsford Weekly")
        documents = client.get("/api/documents").json()
    assert [(d["outlet"], d["copy_of"]) for d in documents] == [("Orrin Echo", None), ("Tamsford Weekly", "d1")]
