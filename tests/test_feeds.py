"""RSS and Atom feeds: entries read from the feed or their page, only new ones added, entities refused."""
from __future__ import annotations

from pathlib import Path

import feedparser
import httpx
import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.ingest import IngestError
from claimledger.ingest.feeds import entry_report, new_entries, read_feed
from claimledger.store import Store

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
RSS, ATOM = FEEDS / "valley.rss", FEEDS / "valley.atom"


def test_rss_entries_carry_their_article_date_and_outlet():
    entries = read_feed(str(RSS))
    assert [e.key for e in entries] == [
        "https://courier.example/2031/04/02/varnow-spillway", "https://courier.example/2031/04/03/varnow-farmers"]
    report = entry_report(entries[0])
    assert report.title == "Engineers order spillway opened at Lake Varnow dam"
    assert report.published == "2031-04-02" and report.outlet == "Varnow Valley Courier"
    assert "spokeswoman Ilse Marrow told reporters" in report.text
    assert "Engineers opened the spillway on Tuesday." not in report.text  # the summary is not the article


def test_atom_entries_without_a_link_are_known_by_their_id():
    entries = read_feed(str(ATOM))
    assert [e.key for e in entries] == [
        "https://post.example/news/dam-inspection", "urn:uuid:0b6f2a34-5c1e-4d8e-9a7b-6e3d2c1b0a02"]
    report = entry_report(entries[1])
    assert report.url == "urn:uuid:0b6f2a34-5c1e-4d8e-9a7b-6e3d2c1b0a02"
    assert report.text.startswith("Most of the 400 residents") and report.published == "2031-04-03"


def test_an_entry_with_only_a_summary_is_read_from_its_page(tmp_path):
    feed = tmp_path / "summary.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        "<item><title>Bridge closed</title><link>https://wire.example/bridge</link>"
        "<description>The Holm bridge is shut.</description></item></channel></rss>")
    page = ("<html><head><title>Bridge closed</title></head><body><article><p>The Holm bridge over the Varnow was "
            "closed on Friday after engineers found a crack in one of its piers, the county said. A county "
            "spokesman, Eli Brandt, said repairs would take at least three weeks.</p></article></body></html>")
    fetched = []

    def handler(request):
        fetched.append(str(request.url))
        return httpx.Response(200, text=page, headers={"content-type": "text/html"})

    [entry] = read_feed(str(feed))
    report = entry_report(entry, client=httpx.Client(transport=httpx.MockTransport(handler)))
    assert fetched == ["https://wire.example/bridge"]
    assert "Eli Brandt, said repairs" in report.text and report.url == "https://wire.example/bridge"
    assert report.outlet == "Wire"


def test_new_entries_skips_known_keys_and_repeats():
    entries = read_feed(str(RSS)) * 2
    assert [e.key for e in new_entries(entries, {entries[0].key})] == [entries[1].key]


def test_a_feed_with_an_external_entity_is_refused_and_never_reads_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7731")
    feed = tmp_path / "xxe.rss"
    feed.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<rss version='2.0'><channel><title>Evil</title><item><title>&xxe;</title>"
        "<link>https://evil.example/a</link><description>&xxe;</description>"
        "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>&xxe; "
        + "padding words " * 20 + "</content:encoded></item></channel></rss>")
    with pytest.raises(IngestError, match="declares XML entities; refused"):
        read_feed(str(feed))
    # and feedparser itself, asked directly, does not expand the entity into the entries
    assert "TOPSECRET" not in repr(feedparser.parse(feed.read_bytes()).entries)


def test_a_file_that_is_not_a_feed_is_one_error(tmp_path):
    junk = tmp_path / "junk.xml"
    junk.write_text("this is not xml at all <<<")
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        read_feed(str(junk))
    with pytest.raises(IngestError, match="no such feed file"):
        read_feed(str(tmp_path / "missing.rss"))


def test_watch_once_adds_new_entries_then_nothing(tmp_path):
    db = str(tmp_path / "ledger.db")
    first = CliRunner().invoke(app, ["watch", str(RSS), "--db", db, "--once"], catch_exceptions=False)
    assert first.exit_code == 0, first.stdout + first.stderr
    assert "2 new entries; analysed 2" in first.stdout
    assert "new claim" in first.stdout or "new person" in first.stdout  # the ledger's changes are listed
    again = CliRunner().invoke(app, ["watch", str(RSS), "--db", db, "--once"], catch_exceptions=False)
    assert "2 entries, none new" in again.stdout
    atom = CliRunner().invoke(app, ["watch", str(ATOM), "--db", db, "--once"], catch_exceptions=False)
    assert "2 new entries; analysed 2" in atom.stdout
    with Store.open(db) as store:
        assert store.count() == 4
        assert {r.extraction.report.outlet for r in store.reports()} == {"Varnow Valley Courier", "Fennick Evening Post"}


def test_watch_rejects_a_bad_interval(tmp_path):
    result = CliRunner().invoke(app, ["watch", str(RSS), "--db", str(tmp_path / "l.db"), "--every", "soon"])
    assert result.exit_code == 2 and "--every 'soon': not an interval" in result.stderr


def test_watch_stops_trying_a_dead_link_after_three_polls_and_stores_a_syndicated_entry_as_a_copy(tmp_path,
                                                                                                  monkeypatch):
    """A page that cannot be fetched is retried for three polls; the same text under another link is
    stored once, as a copy of the first entry (an echo of it, not a second origin)."""
    rss = RSS.read_text()
    first_item = rss[rss.index("<item>"):rss.index("</item>") + len("</item>")]
    repeat = first_item.replace("varnow-spillway", "varnow-spillway-syndicated")  # the same text under another link
    dead = ("<item><title>Bridge closed</title><link>http://127.0.0.1:9/bridge</link>"
            "<description>The Holm bridge is shut.</description></item>")
    feed = tmp_path / "valley.rss"
    feed.write_text(rss.replace("</channel>", repeat + dead + "</channel>"))
    polls = []

    def sleep(seconds):
        polls.append(seconds)
        if len(polls) == 4:
            raise KeyboardInterrupt  # how a watch ends: Ctrl-C while it waits

    monkeypatch.setattr("claimledger.cli.time.sleep", sleep)
    result = CliRunner().invoke(app, ["watch", str(feed), "--db", str(tmp_path / "l.db"), "--every", "1s"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "4 new entries; analysed 3 (1 near-copy of stored reports), already stored 0, errors 1" in lines[0]
    assert [line.split(": ", 1)[1] for line in lines if line[:4].isdigit()][1:] == [
        "1 new entry; analysed 0, already stored 0, errors 1"] * 2 + ["4 entries, none new"]
    errors = [line for line in result.stderr.splitlines() if "127.0.0.1:9/bridge" in line]
    assert len(errors) == 3 and "not tried again" in errors[2] and "not tried again" not in errors[1]
    with Store.open(tmp_path / "l.db") as store:
        reports = {r.extraction.report.url: r for r in store.reports()}
    carried = next(r for url, r in reports.items() if url.endswith("varnow-spillway-syndicated"))
    first = next(r for url, r in reports.items() if url.endswith("varnow-spillway"))
    assert (carried.copy_of, first.copy_of, carried.content_hash) == (first.id, None, first.content_hash)


def test_watch_exits_like_analyze_when_its_feed_cannot_be_read(tmp_path, monkeypatch):
    db = str(tmp_path / "l.db")
    missing = CliRunner().invoke(app, ["watch", "--once", str(tmp_path / "missing.rss"), "--db", db])
    assert missing.exit_code == 1 and missing.stderr.strip().endswith("missing.rss: no such feed file")
    junk = tmp_path / "junk.rss"
    junk.write_text("not a feed <<<")
    assert CliRunner().invoke(app, ["watch", "--once", str(junk), "--db", db]).exit_code == 1
    dead = tmp_path / "dead.rss"  # read, but its one new entry cannot be added
    dead.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Gone</title>"
                    "<link>http://127.0.0.1:9/gone</link><description>Gone.</description></item></channel></rss>")
    failed = CliRunner().invoke(app, ["watch", "--once", str(dead), "--db", db])
    assert failed.exit_code == 1 and "errors 1" in failed.stdout
    polls = []

    def sleep(seconds):
        polls.append(seconds)
        if len(polls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("claimledger.cli.time.sleep", sleep)
    never = CliRunner().invoke(app, ["watch", str(tmp_path / "missing.rss"), "--db", db, "--every", "1s"])
    assert never.exit_code == 1 and len(never.stderr.strip().splitlines()) == 2  # one line a poll, exit 1
    ok = CliRunner().invoke(app, ["watch", "--once", str(RSS), "--db", db])
    assert ok.exit_code == 0
