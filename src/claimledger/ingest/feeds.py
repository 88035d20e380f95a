"""RSS and Atom feeds (feedparser): each entry becomes a report.

An entry that carries its article (Atom ``content``, RSS ``content:encoded``)
is read from the feed; one that carries only a summary is read from the page
it links to (see :mod:`claimledger.ingest.web`, whose client reaches only
public addresses unless told otherwise: a hostile feed cannot point its
entries at this machine). A feed may be a URL or a file on disk; both are
size-capped. A feed that declares XML entities is
refused outright: feedparser does not expand external entities, but a feed
has no honest use for them (external-entity file reads, entity-expansion
bombs), so refusing them is the simplest safe rule.
"""
from __future__ import annotations

import calendar
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import httpx

from claimledger.config import Limits
from claimledger.ingest.errors import IngestError, display
from claimledger.ingest.html import parse_html
from claimledger.ingest.web import fetch, is_url, read_url
from claimledger.records import RawReport

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/feed+xml",
)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(slots=True)
class FeedEntry:
    """One feed item: ``key`` (its link, else its guid) identifies it across polls."""

    key: str
    link: str | None
    title: str | None
    published: str | None
    outlet: str | None
    content: str | None  # the entry's full HTML content, when it carries one


def read_feed(source: str, limits: Limits = Limits(), *, client: httpx.Client | None = None) -> list[FeedEntry]:
    """The entries of the feed at a URL or file path, in feed order; raises :class:`IngestError`."""
    name = display(source)
    data = fetch(source, limits, accept=FEED_TYPES, client=client).body if is_url(source) else _read_file(source, limits)
    if _ENTITY.search(data):
        raise IngestError(f"{name}: feed declares XML entities; refused (external entities could read local files)")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        reason = " ".join(str(parsed.get("bozo_exception", "")).split())[:160]
        raise IngestError(f"{name}: not an RSS or Atom feed ({reason or 'unreadable'})")
    outlet = (parsed.feed.get("title") or "").strip() or None
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip() or None
        key = link or (item.get("id") or "").strip()
        if not key:
            continue  # nothing identifies it across polls
        content = "\n".join(c.get("value", "") for c in item.get("content", [])).strip() or None
        entries.append(FeedEntry(
            key=key, link=link, title=(item.get("title") or "").strip() or None,
            published=_day(item.get("published_parsed") or item.get("updated_parsed")),
            outlet=outlet, content=content,
        ))
    return entries


def entry_report(entry: FeedEntry, limits: Limits = Limits(), *, client: httpx.Client | None = None) -> RawReport:
    """The report an entry stands for; its ``url`` is the entry's key, so a later poll knows it."""
    report = parse_html(f"<html><body><article>{entry.content}</article></body></html>", name=display(entry.key),
                        limits=limits) if entry.content else None
    if report is None:
        if not entry.link or not is_url(entry.link):
            raise IngestError(f"{display(entry.key)}: feed entry has no article text and no page to fetch")
        report = read_url(entry.link, limits, client=client)
    report.url = entry.key
    report.title = entry.title or report.title
    report.outlet = entry.outlet or report.outlet  # the feed names its publisher; a page may give only its host
    report.published = entry.published or report.published
    return report


def new_entries(entries: list[FeedEntry], known: set[str]) -> Iterator[FeedEntry]:
    """Entries whose key is not in ``known`` (keys of stored reports), each once."""
    seen = set(known)
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            yield entry


def _read_file(source: str, limits: Limits) -> bytes:
    path, name = Path(source), display(source)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{name}: not a regular file")
        if info.st_size > limits.max_file_bytes:
            raise IngestError(f"{name}: feed is {info.st_size:,} bytes, over the {limits.max_file_bytes:,}-byte limit")
        with open(path, "rb") as f:
            return f.read(limits.max_file_bytes)
    except FileNotFoundError:
        raise IngestError(f"{name}: no such feed file") from None
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _day(parsed) -> str | None:
    """feedparser's UTC struct_time as an ISO day."""
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()


__all__ = ["FEED_TYPES", "FeedEntry", "entry_report", "new_entries", "read_feed"]
