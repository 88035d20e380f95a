"""Web archives: HTML pages from WARC and WARC.gz files, streamed with warcio.

The archive is read record by record (warcio's ``ArchiveIterator``), so memory
is bounded by one record, never by the archive. Only ``response`` records of
an HTTP 200 with an HTML body become reports; each report's ``path`` is
``ARCHIVE#OFFSET`` (the record's byte offset in the file, compressed offset
for .warc.gz, so ``warcio extract`` or a range request finds it again), its
``url`` the record's WARC-Target-URI and its ``record_id`` the WARC-Record-ID.

A damaged archive (truncated gzip, broken record) yields one error naming the
archive and the offset where reading stopped; the reports before it are kept.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimledger.config import Limits
from claimledger.ingest.errors import IngestError, display
from claimledger.ingest.web import parse_content_type, page_report
from claimledger.records import RawReport

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def read_warc(path: str | Path, limits: Limits = Limits()) -> Iterator[RawReport | IngestError]:
    """Yield a report (or a one-line error) for every HTML response record, in archive order."""
    name = display(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield IngestError(f"{name}: cannot read ({exc.strerror or exc})")
        return
    with stream:
        records = ArchiveIterator(stream)
        offset = 0
        try:
            for record in records:
                offset = records.get_record_offset()
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                media, charset = parse_content_type(record.http_headers.get_header("Content-Type") or "")
                if media not in HTML_TYPES:
                    continue
                where = f"{path}#{offset}"
                body = record.content_stream().read(limits.max_file_bytes + 1)
                if len(body) > limits.max_file_bytes:
                    yield IngestError(f"{display(where)}: record is over the {limits.max_file_bytes:,}-byte limit")
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                try:
                    report = page_report(body, media, charset, uri, display(f"{where} ({uri})"))
                except IngestError as exc:
                    yield exc
                    continue
                report.path = where
                report.record_id = record.rec_headers.get_header("WARC-Record-ID")
                yield report
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
            reason = " ".join(str(exc).split())[:160] or type(exc).__name__
            yield IngestError(f"{name}: archive damaged after offset {offset:,}, later records skipped ({reason})")
