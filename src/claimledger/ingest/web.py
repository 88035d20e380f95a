"""Reports from the web: fetch a URL with httpx, extract the article with trafilatura.

Every fetch is bounded: connect and read timeouts, at most
:data:`MAX_REDIRECTS` redirects, a body capped at ``Limits.max_file_bytes``
(read as a stream, so a huge or endless response is cut off, not buffered),
and a checked content type. Failures raise :class:`IngestError` with one line
naming the URL. The fetched page is kept on the report
(:attr:`RawReport.original`) so the store can hold it for checking citations.
"""
from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from claimledger.config import Limits
from claimledger.ingest.errors import IngestError, display
from claimledger.ingest.encoding import declared_charset, decode
from claimledger.ingest.html import parse_html
from claimledger.ingest.text import parse_text
from claimledger.records import RawReport

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "claimledger/0.1 (+evidence ledger for news reports)"


@dataclass(slots=True)
class Page:
    """A fetched response body with the URL it finally came from."""

    url: str
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    body: bytes


def is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in ("http", "https")


def new_client() -> httpx.Client:
    """An httpx client with the fetch bounds of this module (callers close it)."""
    return httpx.Client(
        timeout=TIMEOUT, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT}
    )


def fetch(url: str, limits: Limits = Limits(), *, accept: tuple[str, ...] = PAGE_TYPES,
          client: httpx.Client | None = None) -> Page:
    """GET ``url`` within the bounds above; raises :class:`IngestError` on any failure."""
    name = display(url)
    if not is_url(url):
        raise IngestError(f"{name}: not an http(s) URL")
    own = client is None
    client = client or new_client()
    try:
        with fetch_errors(url), client.stream("GET", url) as response:
            response.raise_for_status()
            media, charset = parse_content_type(response.headers.get("content-type", ""))
            if media not in accept:
                raise IngestError(f"{name}: content type {display(media or '(none)')} is not one of {', '.join(accept)}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_file_bytes:
                raise IngestError(f"{name}: response is {int(declared):,} bytes, over the {limits.max_file_bytes:,}-byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_file_bytes:
                    raise IngestError(f"{name}: response is over the {limits.max_file_bytes:,}-byte limit")
            return Page(url=str(response.url), content_type=media, charset=charset, body=bytes(body))
    finally:
        if own:
            client.close()


@contextmanager
def fetch_errors(url: str) -> Iterator[None]:
    """httpx's failures, each as a one-line :class:`IngestError` naming ``url``."""
    name = display(url)
    try:
        yield
    except httpx.HTTPStatusError as exc:
        status = exc.response.status_code
        raise IngestError(f"{name}: HTTP {status} {exc.response.reason_phrase}".rstrip()) from None
    except httpx.TooManyRedirects:
        raise IngestError(f"{name}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise IngestError(f"{name}: timed out") from None
    except httpx.ConnectError as exc:
        raise IngestError(f"{name}: cannot connect (offline or host unreachable: {_reason(exc)})") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise IngestError(f"{name}: fetch failed ({type(exc).__name__}: {_reason(exc)})") from None


def read_url(url: str, limits: Limits = Limits(), *, client: httpx.Client | None = None) -> RawReport:
    """Fetch a page and read its article; the page bytes are kept as ``original``."""
    page = fetch(url, limits, client=client)
    report = page_report(page.body, page.content_type, page.charset, page.url, display(url))
    report.original = page.body
    return report


def page_report(body: bytes, content_type: str, charset: str | None, url: str, name: str) -> RawReport:
    """The report in an HTML or plain-text page body (also used for web-archive records)."""
    if content_type == "text/plain":
        text = decode(body, name, charset)
        report = parse_text(text)
        report.url = report.url or url
        if not report.text.strip():
            raise IngestError(f"{name}: no report text in the page")
        return report
    text = decode(body, name, charset or declared_charset(body))
    report = parse_html(text, url=url) if text.strip() else None
    if report is None:
        raise IngestError(f"{name}: no article text found in the page")
    report.url = url  # the URL it was fetched from, not the page's own claim of canonical URL
    return report


def parse_content_type(header: str) -> tuple[str, str | None]:
    """A Content-Type header as (media type, Python codec name or None); UTF-8 is None (the default)."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            try:
                charset = codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                charset = None
    return media.strip().lower(), None if charset == "utf-8" else charset


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
