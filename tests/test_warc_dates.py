"""A page in a web archive with no date of its own is dated by its Last-Modified header, when that
is older than the capture."""
from __future__ import annotations

from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.ingest.warc import read_warc

BODY = ("A blast at the Brenholt quarry shook houses across the village, residents said. "
        "The owner said the charge had been within its permit, and the council ordered a review.")


def archive(path, modified: str | None) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = [("Content-Type", "text/html; charset=utf-8")] + ([("Last-Modified", modified)] if modified else [])
        page = f"<html><head><title>Quarry blast</title></head><body><article><p>{BODY}</p></article></body></html>"
        record = writer.create_warc_record(
            "https://tidings.example/quarry", "response", payload=BytesIO(page.encode()),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "2024-10-25T08:00:00Z"},
        )
        writer.write_record(record)


def test_last_modified_before_the_capture_dates_the_page(tmp_path):
    archive(tmp_path / "a.warc", "Tue, 22 Oct 2024 17:05:00 GMT")
    (report,) = list(read_warc(tmp_path / "a.warc"))
    assert report.published == "2024-10-22"


def test_last_modified_on_the_capture_day_or_missing_is_no_date(tmp_path):
    archive(tmp_path / "b.warc", "Fri, 25 Oct 2024 07:59:00 GMT")
    archive(tmp_path / "c.warc", None)
    assert [r.published for r in read_warc(tmp_path / "b.warc")] == [None]
    assert [r.published for r in read_warc(tmp_path / "c.warc")] == [None]
