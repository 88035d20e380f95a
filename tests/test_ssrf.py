"""Outbound requests reach public addresses only: every form of a loopback address is refused for pages,
feeds and feed entries, redirects are checked hop by hop, the connection goes to the address that was
checked, and a download is cut at its deadline. No test sends traffic beyond this machine: servers
listen on loopback, and a public address is only ever a resolver's answer handed to a mock transport."""
from __future__ import annotations

import httpx
import pytest
from loopback import dripping, serving
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.config import Limits
from claimledger.ingest import IngestError, web
from claimledger.ingest.feeds import FeedEntry, entry_report, read_feed
from claimledger.ingest.web import PublicOnly, fetch, is_public, new_client, read_url

PAGE = ("<html><head><title>Internal status</title></head><body><article><p>The internal service said on Monday "
        "that every one of the 12 nodes was healthy, the operator told staff in a note.</p></article></body></html>")
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Internal</title><item><title>Status</title>"
        "<link>https://news.example/a</link><description>ok</description></item></channel></rss>")


@pytest.fixture
def internal():
    """An internal service on loopback: a page at /page.html and a feed at /feed.rss."""
    with serving({"/page.html": (200, {"Content-Type": "text/html"}, PAGE.encode()),
                 "/feed.rss": (200, {"Content-Type": "application/rss+xml"}, FEED.encode())}) as (port, hits):
        yield port, hits


#: Ways to write an address of this machine in a URL's host (0177.0.0.1 is octal, 2130706433 decimal).
FORMS = ["127.0.0.1", "localhost", "0x7f000001", "2130706433", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "[::1]",
         "0.0.0.0"]


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_a_loopback_address_is_refused_for_pages_and_feeds(internal, form):
    port, hits = internal
    for url, read in ((f"http://{form}:{port}/page.html", read_url), (f"http://{form}:{port}/feed.rss", read_feed)):
        with pytest.raises(IngestError) as caught:
            read(url)
        message = str(caught.value)
        assert message.startswith(f"{url}: ") and "\n" not in message
        assert "is not a public address" in message or "not a valid http(s) URL" in message, message
    assert hits == []  # nothing reached the internal service


def test_a_feed_entry_pointing_inside_is_refused(internal):
    port, hits = internal
    entry = FeedEntry(key="https://news.example/a", link=f"http://2130706433:{port}/page.html", title="Status",
                      published=None, outlet="Internal", content=None)
    with new_client() as client, pytest.raises(IngestError, match="is not a public address"):
        entry_report(entry, client=client)
    assert hits == []


def test_analyze_and_watch_refuse_inside_addresses_unless_allowed(internal, tmp_path):
    port, hits = internal
    db = str(tmp_path / "ledger.db")
    refused = CliRunner().invoke(app, ["analyze", f"http://localhost:{port}/page.html", "--db", db])
    assert refused.exit_code == 1 and "is not a public address" in refused.stderr and hits == []
    watched = CliRunner().invoke(app, ["watch", "--once", f"http://0x7f000001:{port}/feed.rss", "--db", db])
    assert watched.exit_code == 1 and "is not a public address" in watched.stderr and hits == []
    allowed = CliRunner().invoke(app, ["analyze", f"http://127.0.0.1:{port}/page.html", "--db", db,
                                       "--allow-private-addresses"])
    assert allowed.exit_code == 0 and "analysed 1" in allowed.stdout and hits == ["/page.html"]


@pytest.fixture
def outside(monkeypatch):
    """127.0.0.2 stands in for a public server: the real check, except that this one address passes."""
    real = web.is_public
    monkeypatch.setattr(web, "is_public", lambda address: address == "127.0.0.2" or real(address))


@pytest.mark.parametrize("target", ["127.0.0.1", "localhost", "2130706433"])
def test_a_redirect_to_loopback_is_refused(internal, outside, target):
    port, hits = internal
    location = f"http://{target}:{port}/page.html"
    with serving({"/go": (302, {"Location": location}, b"")}, host="127.0.0.2") as (hop, hop_hits):
        with pytest.raises(IngestError) as caught:
            read_url(f"http://127.0.0.2:{hop}/go")
    assert hop_hits == ["/go"] and hits == []  # the first hop was fetched, the redirect never followed
    assert str(caught.value) == f"http://127.0.0.2:{hop}/go: refused: {target} is not a public address " \
                                "(--allow-private-addresses fetches it)"


def test_the_check_is_made_at_the_resolver_and_the_checked_address_is_the_one_connected(monkeypatch):
    looked_up, sent = [], []

    def resolve(host, port):
        looked_up.append((host, port))
        return ["93.184.216.34"] if len(looked_up) == 1 else ["127.0.0.1"]  # a rebinding answer the 2nd time

    def inner(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    monkeypatch.setattr(web, "resolve", resolve)
    client = httpx.Client(transport=PublicOnly(httpx.MockTransport(inner)), follow_redirects=True)
    page = fetch("https://news.example:8443/a?b=1", client=client)
    [request] = sent
    assert looked_up == [("news.example", 8443)]
    assert request.url == httpx.URL("https://93.184.216.34:8443/a?b=1")  # pinned to the address checked
    assert request.headers["host"] == "news.example:8443"  # the server still sees its name
    assert request.extensions["sni_hostname"] == "news.example"  # and TLS checks the certificate for it
    assert page.url == "https://news.example:8443/a?b=1"
    with pytest.raises(IngestError, match="refused: news.example is not a public address"):
        fetch("https://news.example:8443/a", client=client)  # the next request resolves again: now inside
    assert len(sent) == 1


def test_a_name_with_any_private_answer_is_refused(monkeypatch):
    monkeypatch.setattr(web, "resolve", lambda host, port: ["93.184.216.34", "10.0.0.7"])
    client = httpx.Client(transport=PublicOnly(httpx.MockTransport(lambda r: httpx.Response(200))))
    with pytest.raises(IngestError, match="not a public address"):
        fetch("http://mixed.example/", client=client)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1",
    "::ffff:10.0.0.1", "2002:7f00:1::", "64:ff9b::a00:1", "2001:db8::1"])
def test_addresses_that_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses(address):
    assert is_public(address)


def test_refusals_do_not_tell_an_open_port_from_a_closed_one(internal):
    port, _ = internal
    with serving({}) as (closed, _):
        pass  # shut now: nothing listens on it
    messages = []
    for p in (port, closed):
        with pytest.raises(IngestError) as caught:
            read_url(f"http://127.0.0.1:{p}/page.html")
        messages.append(str(caught.value).split(": ", 1)[1])
    assert messages[0] == messages[1]
    # allowed to connect, a closed port reads as a port that never answers (a connect timeout) does
    with new_client(allow_private=True) as client, pytest.raises(IngestError) as refused:
        read_url(f"http://127.0.0.1:{closed}/page.html", client=client)

    def silent(request):
        raise httpx.ConnectTimeout("timed out", request=request)

    with pytest.raises(IngestError) as timed_out:
        read_url(f"http://127.0.0.1:{closed}/page.html", client=httpx.Client(transport=httpx.MockTransport(silent)))
    assert str(refused.value) == str(timed_out.value)


def test_a_dripping_download_is_cut_at_the_whole_download_deadline():
    with dripping() as url, new_client(allow_private=True) as client:
        with pytest.raises(IngestError, match=r"download took over 1.5 s; cut off"):
            fetch(url, Limits(fetch_seconds=1.5), client=client)


def test_an_international_name_is_resolved_and_sent_in_its_dns_form(monkeypatch):
    looked_up, sent = [], []
    monkeypatch.setattr(web, "resolve", lambda host, port: looked_up.append(host) or ["93.184.216.34"])

    def inner(request):
        sent.append(request)
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    fetch("https://münchen.example/a", client=httpx.Client(transport=PublicOnly(httpx.MockTransport(inner))))
    assert looked_up == ["xn--mnchen-3ya.example"]
    assert sent[0].extensions["sni_hostname"] == "xn--mnchen-3ya.example"
    assert sent[0].headers["host"] == "xn--mnchen-3ya.example"
