"""Generate the hostile and broken input corpus into a folder (never committed: some inputs are huge).

Run ``python tests/hostile/make_corpus.py DIR`` to look at it; the tests and
``scripts/hardening_figures.py`` call :func:`make_corpus`. Big inputs are
written sparse or streamed in chunks, so making the corpus needs little memory.

Layout under ``DIR``::

    reports/   the folder given to ``claimledger analyze`` (walked)
    archives/  web archives, named on the command line (folders are not searched for them)
    feeds/     feeds, given to ``claimledger watch --once``
    outside/   what symlinks and external entities point at; must never reach the ledger

Every :class:`Case` says which input it is and what must happen to it:
``error`` (a one-line error naming it, matching ``expect``), ``stored``, or
``any`` (either, for inputs that are hostile in form but hold a readable
report: the entities are left unexpanded and the article is kept).
"""
from __future__ import annotations

import gzip
import os
import random
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

#: Written into outside/secret.txt: if it ever shows up in the ledger, a symlink or an entity leaked it.
SECRET = "SECRET-OUTSIDE-MARKER-7f3a"

GOOD_REPORT = (
    "title: Ferry service suspended after harbour collision\n"
    "date: 2031-03-02\n\n"
    "The harbour master said on Monday that about 40 passengers were taken off the ferry after it struck the pier.\n\n"
    "\"Nobody was badly hurt,\" a coastguard spokeswoman, Ilse Varga, told reporters.\n"
)
GOOD_LAST = (
    "# Inquiry opens into harbour collision\n\n"
    "Investigators said on Tuesday that the ferry's rudder had failed twice in the past year. "
    "The operator denied that maintenance had been skipped.\n"
)
ARTICLE = ("<p>The regional council said on Friday that 120 homes had been flooded after the river burst its banks. "
           "Residents were told to boil their water, a spokesman added.</p>")


@dataclass(frozen=True, slots=True)
class Case:
    """One input of the corpus and what the tool must do with it."""

    label: str  # what it is, for the figures table
    path: str  # relative to the corpus root
    outcome: str  # "error", "stored" or "any"
    expect: str = ""  # a fragment the error line must contain (lower case)
    via: str = "folder"  # how it is given: "folder" (walked), "arg" (named on analyze), "feed" (watch --once)


def make_corpus(root: Path) -> list[Case]:
    """Write every input under ``root``; return the cases, in the order they are listed in the docs."""
    reports, archives, feeds, outside = (root / d for d in ("reports", "archives", "feeds", "outside"))
    for folder in (reports, archives, feeds, outside):
        folder.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"The outside secret is {SECRET}. It said so.\n" * 3, encoding="utf-8")
    (outside / "inside-dir.txt").write_text(GOOD_REPORT.replace("40", "41"), encoding="utf-8")
    rng = random.Random(6)
    cases: list[Case] = []

    def add(case: Case, data: bytes | None = None) -> None:
        if data is not None:
            (root / case.path).write_bytes(data)
        cases.append(case)

    add(Case("good report (first)", "reports/000-good.txt", "stored"), GOOD_REPORT.encode())
    add(Case("empty file", "reports/empty.txt", "error", "empty"), b"")
    add(Case("whitespace only", "reports/whitespace.md", "error", "whitespace"), b" \n\t\n   \r\n\n")
    add(Case("binary bytes", "reports/binary.txt", "error", "binary"), rng.randbytes(64 * 1024))
    add(Case("invalid UTF-8", "reports/invalid-utf8.txt", "error", "utf-8"),
        b"The mayor said the strike was over \xff\xfe\xc3\x28 on Monday.\n" * 20)
    add(Case("UTF-16 without BOM", "reports/utf16-nobom.txt", "error", "utf-16"),
        ("The mayor said the strike was over on Monday. " * 40).encode("utf-16-le"))
    with open(reports / "huge-100mb.txt", "wb") as f:  # sparse: 100 MB on paper, nothing on disk
        f.truncate(100 * 1024 * 1024)
    add(Case("100 MB text (sparse)", "reports/huge-100mb.txt", "error", "byte limit"))
    with open(reports / "million-lines.txt", "wb") as f:
        line = b"Officials said 12 boats were missing.\n"
        for _ in range(1000):
            f.write(line * 1000)
    add(Case("1,000,000-line text", "reports/million-lines.txt", "error", "limit"))
    add(Case("HTML nested 10,000 deep", "reports/nested.html", "error", "reports/nested.html"),
        ("<html><body>" + "<div>" * 10_000 + ARTICLE + "</div>" * 10_000 + "</body></html>").encode())
    add(Case("HTML with a 15 MB attribute", "reports/huge-attribute.html", "error", "reports/huge-attribute.html"),
        b"<html><body><div title=\"" + b"A" * (15 * 1024 * 1024) + b"\">" + ARTICLE.encode() + b"</div></body></html>")
    add(Case("HTML entity bomb (billion laughs)", "reports/entity-bomb.html", "any"),
        _billion_laughs("html").encode())
    add(Case("HTML with external entity (XXE)", "reports/xxe.html", "error", "reports/xxe.html"),
        (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{outside}/secret.txt">]>'
         "<html><body><p>&xxe;</p></body></html>").encode())
    add(Case("Markdown quotes nested 10,000 deep", "reports/nested-quotes.md", "error", "reports/nested-quotes.md"),
        (">" * 10_000 + " The council said 5 roads were shut.\n").encode())
    add(Case("Markdown of 100,000 open brackets", "reports/brackets.md", "any"),
        ("[" * 100_000 + "\n").encode())
    with open(reports / "huge-line.jsonl", "wb") as f:  # a 50 MB line, then a good one: the file goes on
        f.write(b'{"text": "')
        chunk = b"The port said 3 cranes failed. " * 32768  # 1 MiB
        for _ in range(50):
            f.write(chunk)
        f.write(b'"}\n')
        f.write(('{"text": "The fire brigade said on Sunday that 14 firefighters fought the blaze at the depot for six '
                 'hours.", "title": "Depot fire", "url": "../../../../etc/passwd"}\n').encode())
    add(Case("JSONL line of 50 MB", "reports/huge-line.jsonl", "error", "line 1 is over"))
    add(Case("JSONL record after it (url '../../etc/passwd')", "reports/huge-line.jsonl#2", "stored"))
    add(Case("JSONL nested 100,000 deep", "reports/deep.jsonl", "error", "line 1"),
        b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n")
    add(Case("file name with '..' and backslashes", "reports/up..\\..\\escape.txt", "error", "empty"), b"")
    add(Case("file name with newline and terminal escapes", "reports/evil\n\x1b[2Jname.txt", "error", "empty"), b"")
    _symlink(outside / "secret.txt", reports / "secret-link.txt")
    add(Case("symlink to a file outside", "reports/secret-link.txt", "error", "outside"))
    _symlink(outside, reports / "outside-dir")
    add(Case("symlink to a folder outside", "reports/outside-dir", "error", "outside"))
    _symlink(Path("/dev/zero"), reports / "dev-zero.txt")
    add(Case("symlink to /dev/zero", "reports/dev-zero.txt", "error", "outside"))
    _symlink(reports / "loop.txt", reports / "loop.txt")
    add(Case("symlink loop", "reports/loop.txt", "error", "loop.txt"))
    os.mkfifo(reports / "fifo.txt")
    add(Case("named pipe (FIFO)", "reports/fifo.txt", "error", "not a regular file"))
    with open(reports / "short-paragraphs-20mb.html", "w", encoding="ascii") as f:
        short_paragraphs(f, 20 * 1024 * 1024 - 4096)  # just under the file cap
    add(Case("HTML of 20 MB of short paragraphs", "reports/short-paragraphs-20mb.html", "error", "characters of html"))
    with open(reports / "short-paragraphs-2mb.html", "w", encoding="ascii") as f:
        short_paragraphs(f, 2 * 1024 * 1024)
    add(Case("HTML of 2 MB of short paragraphs (48,000 elements)", "reports/short-paragraphs-2mb.html", "error",
             "html elements"))
    with open(reports / "short-paragraphs-19k.html", "w", encoding="ascii") as f:
        short_paragraphs(f, 19_000 * len(PARAGRAPH))
    add(Case("HTML of 19,000 short paragraphs (under the element bound)", "reports/short-paragraphs-19k.html", "error",
             "characters, over"))
    add(Case("good report (last)", "reports/zzz-good.md", "stored"), GOOD_LAST.encode())

    warc = _warc_record(ARTICLE)
    add(Case("truncated WARC.gz", "archives/truncated.warc.gz", "error", "truncated.warc.gz", "arg"),
        gzip.compress(warc)[: len(gzip.compress(warc)) // 2])
    add(Case("truncated WARC (plain)", "archives/truncated.warc", "error", "truncated.warc", "arg"), warc[: len(warc) // 2])
    with open(archives / "bomb.warc.gz", "wb") as f:
        _write_zero_bomb(f, 2 * 1024**3)
    add(Case("zip bomb (2 GB of zeros) renamed .warc.gz", "archives/bomb.warc.gz", "error", "bomb.warc.gz", "arg"))
    add(Case("binary renamed .warc.gz", "archives/random.warc.gz", "error", "random.warc.gz", "arg"),
        rng.randbytes(4096))
    add(Case("path argument with '..'", "reports/../reports/000-good.txt", "stored", via="arg"))

    add(Case("RSS with external entity (XXE)", "feeds/xxe.rss", "error", "xxe.rss", "feed"),
        (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{outside}/secret.txt">]>'
         '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>'
         "<link>https://news.example/a</link><description>&xxe;</description></item></channel></rss>").encode())
    add(Case("RSS entity bomb (billion laughs)", "feeds/bomb.rss", "error", "bomb.rss", "feed"),
        _billion_laughs("rss").encode())
    return cases


PARAGRAPH = "<p>The council said the ferry was late.</p>\n"


def short_paragraphs(f, size: int) -> None:
    """Write an HTML page of ``size`` characters made of one short paragraph repeated: the shape whose
    cost grew faster than its size in trafilatura (a 2 MB page took 48 s before pages were bounded)."""
    head, tail = "<html><head><title>Harbour news</title></head><body><article>\n", "</article></body></html>\n"
    f.write(head)
    count = max(1, (size - len(head) - len(tail)) // len(PARAGRAPH))
    for done in range(0, count, 10_000):
        f.write(PARAGRAPH * min(10_000, count - done))
    f.write(tail)


def _billion_laughs(kind: str) -> str:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    if kind == "html":
        return f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><body><p>&lol9;</p>{ARTICLE}</body></html>'
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>&lol9;</title>'
            "<item><title>&lol9;</title><link>https://news.example/b</link><description>&lol9;</description>"
            "</item></channel></rss>")


def _warc_record(body_html: str) -> bytes:
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            f"<html><head><title>Flood</title></head><body>{body_html * 3}</body></html>").encode()
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/flood\r\n"
            "WARC-Date: 2031-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:0f0e0d0c-0b0a-0908-0706-050403020100>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _write_zero_bomb(f, size: int) -> None:
    """One gzip member inflating to ``size`` zero bytes (a few MB on disk).

    Deflating gigabytes takes half a minute, so one block of zeros is deflated
    once, ended with a full flush (which resets the compressor, making every
    later copy byte-identical) and repeated; CRC and length are computed.
    """
    block = bytes(8 * 1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(block)
    compressor.flush(zlib.Z_FULL_FLUSH)
    deflated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
    crc = 0
    for _ in range(size // len(block)):
        f.write(deflated)
        crc = zlib.crc32(block, crc)
    f.write(compressor.flush())
    f.write(struct.pack("<II", crc, size & 0xFFFFFFFF))


def _symlink(target: Path, link: Path) -> None:
    if link.is_symlink():
        link.unlink()
    link.symlink_to(target)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py DIR")
    for case in make_corpus(Path(sys.argv[1])):
        print(f"{case.outcome:7} {case.via:6} {case.path!r}  ({case.label})")
