"""Reports from the web: fetch a URL with httpx, extract the article with trafilatura.

Every fetch is bounded: connect and read timeouts and a deadline on the whole
download (:attr:`Limits.fetch_seconds`), at most :data:`MAX_REDIRECTS`
redirects, a body capped at ``Limits.max_file_bytes`` (read as a stream, so a
huge or endless response is cut off, not buffered), and a checked content
type. Failures raise :class:`IngestError` with one line naming the URL. The
fetched page is kept on the report (:attr:`RawReport.original`) so the store
can hold it for checking citations.

Requests go only to public addresses (:class:`PublicOnly`): a page, a feed, a
feed entry's link or a redirect that leads to this machine or a private
network is refused, whatever form its address takes, unless the user asks
otherwise (``--allow-private-addresses``). A fetch that cannot connect says
so in one message, whatever the reason, so errors do not tell an open port
from a closed one.
"""
from __future__ import annotations

import codecs
import ipaddress
import socket
import time
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


class NotPublic(httpx.ConnectError):
    """A request to an address that is not public: refused before any connection is made."""


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (numeric forms such as ``2130706433`` included, as the
    system reads them); the one place names are looked up, so tests can stand in for DNS."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet: not loopback, private, link-local,
    multicast, reserved or unspecified, IPv4 or IPv6, nor an IPv6 form carrying such an IPv4
    address (mapped ``::ffff:127.0.0.1``, 6to4, NAT64)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(str(ip.ipv4_mapped))
        embedded = ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None and not is_public(str(embedded)):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class PublicOnly(httpx.BaseTransport):
    """A transport that connects only to public addresses, and to the very address it checked.

    The host of every request (each redirect is a request of its own, so each
    is checked) is resolved once; if any address it resolves to is not
    public the request is refused (:class:`NotPublic`). Otherwise the request
    is sent to that address, with the ``Host`` header and the TLS server name
    (SNI, and so the certificate check) still the host's name: a DNS answer
    that changes between check and connection (rebinding) cannot move the
    request. Connections are not kept alive, so one made for one host name is
    never reused for another that shares its address.
    """

    def __init__(self, inner: httpx.BaseTransport | None = None):
        self.inner = inner or httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0), trust_env=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.raw_host.decode("ascii")  # IDNA-encoded, as DNS and TLS want it
        port = url.port or {"http": 80, "https": 443}.get(url.scheme, 0)
        addresses = resolve(host, port)
        if not addresses or not all(is_public(a) for a in addresses):
            raise NotPublic(f"{url.host} is not a public address", request=request)
        pinned = httpx.Request(request.method, url.copy_with(host=addresses[0]), headers=request.headers,
                               stream=request.stream, extensions={**request.extensions, "sni_hostname": host})
        return self.inner.handle_request(pinned)

    def close(self) -> None:
        self.inner.close()


def new_client(*, allow_private: bool = False) -> httpx.Client:
    """An httpx client with the fetch bounds of this module (callers close it).

    It reaches public addresses only (:class:`PublicOnly`) unless
    ``allow_private``; proxies named in the environment are used only then,
    since through a proxy the address connected to cannot be checked.
    """
    return httpx.Client(
        timeout=TIMEOUT, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT},
        transport=None if allow_private else PublicOnly(), trust_env=allow_private,
    )


def fetch(url: str, limits: Limits = Limits(), *, accept: tuple[str, ...] = PAGE_TYPES,
          client: httpx.Client | None = None) -> Page:
    """GET ``url`` within the bounds above; raises :class:`IngestError` on any failure."""
    name = display(url)
    if not is_url(url):
        raise IngestError(f"{name}: not an http(s) URL")
    own = client is None
    client = client or new_client()
    deadline = time.monotonic() + limits.fetch_seconds
    try:
        with fetch_errors(url), client.stream("GET", url, timeout=_timeout(limits)) as response:
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
                if time.monotonic() > deadline:
                    raise IngestError(f"{name}: download took over {limits.fetch_seconds:g} s; cut off")
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
    except NotPublic as exc:
        raise IngestError(f"{name}: refused: {display(exc)} (--allow-private-addresses fetches it)") from None
    except (httpx.ConnectError, httpx.ConnectTimeout):  # one message: refused, unreachable and silent look alike
        raise IngestError(f"{name}: cannot connect (offline, no such host, or nothing answers there)") from None
    except httpx.TimeoutException:
        raise IngestError(f"{name}: timed out") from None
    except httpx.InvalidURL:
        raise IngestError(f"{name}: not a valid http(s) URL") from None
    except httpx.HTTPError as exc:
        raise IngestError(f"{name}: fetch failed ({type(exc).__name__}: {_reason(exc)})") from None


def read_url(url: str, limits: Limits = Limits(), *, client: httpx.Client | None = None) -> RawReport:
    """Fetch a page and read its article; the page bytes are kept as ``original``."""
    return fetched_report(fetch(url, limits, client=client), display(url), limits)


def fetched_report(page: Page, name: str, limits: Limits = Limits()) -> RawReport:
    """The report in a fetched page, its bytes kept as ``original`` (parsing apart from fetching, so
    they can run on different threads)."""
    report = page_report(page.body, page.content_type, page.charset, page.url, name, limits)
    report.original = page.body
    return report


def page_report(body: bytes, content_type: str, charset: str | None, url: str, name: str,
                limits: Limits = Limits()) -> RawReport:
    """The report in an HTML or plain-text page body (also used for web-archive records)."""
    if content_type == "text/plain":
        text = decode(body, name, charset)
        report = parse_text(text)
        report.url = report.url or url
        if not report.text.strip():
            raise IngestError(f"{name}: no report text in the page")
        return report
    text = decode(body, name, charset or declared_charset(body))
    report = parse_html(text, url=url, name=name, limits=limits) if text.strip() else None
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


def _timeout(limits: Limits) -> httpx.Timeout:
    """The module's timeouts, none longer than the whole download may take."""
    return httpx.Timeout(min(TIMEOUT.read, limits.fetch_seconds), connect=min(TIMEOUT.connect, limits.fetch_seconds))


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
