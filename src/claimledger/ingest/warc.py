"""Web archives: HTML pages from WARC and WARC.gz files, streamed with warcio.

The archive is read record by record (warcio's ``ArchiveIterator``), so memory
is bounded by one record, never by the archive. Only ``response`` records of
an HTTP 200 with an HTML body become reports; each report's ``path`` is
``ARCHIVE#OFFSET`` (the record's byte offset in the file, compressed offset
for .warc.gz, so ``warcio extract`` or a range request finds it again), its
``url`` the record's WARC-Target-URI and its ``record_id`` the WARC-Record-ID.

A damaged archive (truncated gzip, broken record) yields one error naming the
archive and the offset where reading stopped; the reports before it are kept.
warcio stops quietly at the end of a truncated file, so damage is detected
here: a record whose block is shorter than its Content-Length, or bytes left
over after the last whole record.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
from warcio.archiveiterator import ArchiveIterator

from claimledger.config import Limits
from claimledger.ingest.errors import IngestError, display
from claimledger.ingest.web import fetch_errors, page_report, parse_content_type
from claimledger.records import RawReport

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_HEADER_LINE = 64 * 1024  # a WARC or HTTP header line longer than this is damage
TRAILING_BYTES = 4  # the blank lines after the last record of an uncompressed WARC


def is_archive(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def read_warc(path: str | Path, limits: Limits = Limits(),
              progress: Callable[[int], None] | None = None) -> Iterator[RawReport | IngestError]:
    """Yield a report (or a one-line error) for every HTML response record, in archive order.

    ``progress`` is told the bytes of each record as it is read (the rest of
    the file at the end, damaged or not), so they add up to the file's size.
    """
    name = display(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield IngestError(f"{name}: cannot read ({exc.strerror or exc})")
        return
    with stream:
        yield from _records(stream, str(path), os.fstat(stream.fileno()).st_size, limits, progress)


def read_warc_url(url: str, limits: Limits, client: httpx.Client) -> Iterator[RawReport | IngestError]:
    """The same, streamed from an http(s) URL as it downloads (object storage, Common Crawl's
    CC-NEWS over https) with ``client`` (:func:`~claimledger.ingest.web.new_client`): no record is
    kept on disk and memory is bounded by one record."""
    try:
        with fetch_errors(url), client.stream("GET", url) as response:
            response.raise_for_status()
            declared = response.headers.get("content-length", "")
            yield from _records(_Body(response), url, int(declared) if declared.isdigit() else None, limits, None)
    except IngestError as exc:
        yield exc


class _Body:
    """A streaming HTTP body as the read-only file warcio needs (it counts offsets itself)."""

    def __init__(self, response: httpx.Response):
        self._chunks = response.iter_bytes()  # Content-Encoding undone; a .warc.gz's own gzip is warcio's
        self._buffer = bytearray()

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        size = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def tell(self) -> int:
        raise OSError("a download cannot tell its position")  # warcio then counts the bytes itself


def _records(stream, name: str, size: int | None, limits: Limits,
             progress: Callable[[int], None] | None) -> Iterator[RawReport | IngestError]:
    """The reports of an archive read from ``stream`` (``size`` bytes long when known)."""
    shown = display(name)
    records = ArchiveIterator(stream)
    records.reader.readline = _bounded_readline(records.reader.readline)
    end = 0  # where the last whole record ends
    try:
        for record in records:
            html = _html_response(record)
            body = record.content_stream().read(limits.max_file_bytes + 1) if html else None
            offset = records.get_record_offset()  # after the read: warcio finds it by reading to the record's end
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError("record cut short")
            if progress is not None:
                progress(offset + records.get_record_length() - end)
            end = offset + records.get_record_length()
            if body is None:
                continue
            where = f"{name}#{offset}"
            if len(body) > limits.max_file_bytes:
                yield IngestError(f"{display(where)}: record is over the {limits.max_file_bytes:,}-byte limit")
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            try:
                report = page_report(body, html[0], html[1], uri, display(f"{where} ({uri})"))
            except IngestError as exc:
                yield exc
                continue
            report.path = where
            report.record_id = record.rec_headers.get_header("WARC-Record-ID")
            report.published = report.published or _last_modified(record)
            yield report
        if size is not None and size - end > TRAILING_BYTES:
            raise EOFError("unreadable bytes after the last whole record")
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged input; the batch goes on
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        yield IngestError(f"{shown}: archive damaged after offset {end:,}, later records skipped ({reason})")
    if progress is not None and size is not None:
        progress(size - end)


def _last_modified(record) -> str | None:
    """The day of the response's Last-Modified header when the page has no date of its own, and only
    when it is before the day of the capture (WARC-Date): a header of the capture's own day is most
    often the server rendering the page, not the article's date."""
    modified = record.http_headers.get_header("Last-Modified") if record.http_headers else None
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    try:
        day = parsedate_to_datetime(modified).date().isoformat() if modified else None
    except (TypeError, ValueError):
        return None
    return day if day and captured and day < captured else None


def _bounded_readline(readline):
    """warcio reads header lines with an unbounded ``readline``: a gzip bomb of zeros
    (no newline for gigabytes) was read whole into memory. Cap every line."""
    def bounded(length=None):
        return readline(MAX_HEADER_LINE if length is None or length > MAX_HEADER_LINE else length)
    return bounded


def _html_response(record) -> tuple[str, str | None] | None:
    """(media type, charset) of an HTTP 200 response record with an HTML body, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media, charset = parse_content_type(record.http_headers.get_header("Content-Type") or "")
    return (media, charset) if media in HTML_TYPES else None
