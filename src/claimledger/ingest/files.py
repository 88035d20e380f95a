"""Reading reports from files and folders, one error per bad input.

Every input is untrusted: sizes are checked with ``stat`` before anything is
read, binary and non-UTF-8 files are refused with a message naming them,
folder walks never leave the folder through a symlink and never open
devices or pipes. A bad input yields an :class:`IngestError` and the walk
goes on.
"""
from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from claimledger.config import Limits
from claimledger.ingest.encoding import declared_charset, decode
from claimledger.ingest.errors import IngestError, display
from claimledger.ingest.html import parse_html
from claimledger.ingest.text import iso_date, parse_markdown, parse_text
from claimledger.ingest.warc import is_archive, read_warc
from claimledger.records import RawReport

#: Report formats by file extension.
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".jsonl": "jsonl",
}
_JSONL_FIELDS = ("title", "url", "outlet", "published")


def read_paths(paths: Iterable[str | os.PathLike[str]], limits: Limits = Limits(),
               progress: Callable[[int], None] | None = None) -> Iterator[RawReport | IngestError]:
    """Yield a report or an error for every report file under ``paths``, in order.

    Folders are walked recursively in sorted order; files there with other
    extensions, and hidden files, are skipped silently. A file named
    explicitly must have a supported extension. Web archives (``.warc``,
    ``.warc.gz``), named or found in a folder, are streamed record by record.
    ``progress`` is told the bytes of each file (each archive record) read;
    over a whole run they add up to :func:`paths_size`.
    """
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except FileNotFoundError:
            yield IngestError(f"{display(path)}: no such file or folder")
            continue
        except OSError as exc:
            yield IngestError(f"{display(path)}: cannot read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, path.resolve(), limits, progress)
        elif path.suffix.lower() not in FORMATS and not is_archive(path):
            expected = ", ".join(sorted(FORMATS))
            yield IngestError(f"{display(path)}: unsupported file type {display(path.suffix or '(none)')} (expected {expected})")
        else:
            yield from _read_file(path, limits, progress)


def paths_size(paths: Iterable[str | os.PathLike[str]]) -> int:
    """The bytes :func:`read_paths` will read from ``paths`` (found by ``stat`` alone, before reading)."""
    total = 0
    for path in _report_files(paths):
        try:
            total += path.stat().st_size
        except OSError:
            continue  # read_paths reports it
    return total


def _report_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The regular files :func:`read_paths` reads, in its order (a bad input is left to it to report)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from (p for p, error in _entries(path, path.resolve()) if error is None)
        elif path.is_file() and (path.suffix.lower() in FORMATS or is_archive(path)):
            yield path


def _walk(folder: Path, root: Path, limits: Limits, progress: Callable[[int], None] | None) -> Iterator[RawReport | IngestError]:
    for path, error in _entries(folder, root):
        if error is not None:
            yield error
        else:
            yield from _read_file(path, limits, progress)


def _entries(folder: Path, root: Path) -> Iterator[tuple[Path, IngestError | None]]:
    """The report files under ``folder`` (sorted, recursive) and an error for each entry refused."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, IngestError(f"{display(folder)}: cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        supported = path.suffix.lower() in FORMATS or is_archive(path)
        if entry.is_symlink():
            try:
                target = path.resolve()
            except (OSError, RuntimeError):  # a loop: RuntimeError before Python 3.13, OSError after
                if supported:
                    yield path, IngestError(f"{display(path)}: symlink loop, not followed")
                continue
            if not target.is_relative_to(root):
                if supported or target.is_dir():
                    yield path, IngestError(f"{display(path)}: symlink points outside {display(root)}, not followed")
                continue
            if target.is_dir():
                continue  # its target is inside the folder and walked on its own
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(path, root)
        elif supported:
            yield path, None


def _read_file(path: Path, limits: Limits, progress: Callable[[int], None] | None) -> Iterator[RawReport | IngestError]:
    name = display(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield IngestError(f"{name}: not a regular file (device, pipe or socket), skipped")
            return
        if is_archive(path):  # a web archive is streamed record by record, whatever its size
            yield from read_warc(path, limits, progress)
            return
        if progress is not None:
            progress(info.st_size)  # a report file is read whole: it counts as read from the start
        kind = FORMATS[path.suffix.lower()]
        if info.st_size == 0:
            yield IngestError(f"{name}: empty file")
            return
        if kind == "jsonl":
            yield from _read_jsonl(path, limits)
            return
        if info.st_size > limits.max_file_bytes:
            yield IngestError(f"{name}: file is {info.st_size:,} bytes, over the {limits.max_file_bytes:,}-byte limit")
            return
        with open(path, "rb") as f:
            data = f.read(limits.max_file_bytes + 1)
    except OSError as exc:
        yield IngestError(f"{name}: cannot read ({exc.strerror or exc})")
        return
    if len(data) > limits.max_file_bytes:  # grew after stat
        yield IngestError(f"{name}: file is over the {limits.max_file_bytes:,}-byte limit")
        return
    try:
        report = _parse(kind, data, name, limits)
    except IngestError as exc:
        yield exc
        return
    report.path = str(path)
    yield report


def _parse(kind: str, data: bytes, name: str, limits: Limits) -> RawReport:
    encoding = declared_charset(data) if kind == "html" else None
    text = decode(data, name, encoding)
    if not text.strip():
        raise IngestError(f"{name}: contains only whitespace")
    if kind == "html":
        report = parse_html(text, name=name, limits=limits)
        if report is None:
            raise IngestError(f"{name}: no article text found in the page")
        return report
    report = parse_markdown(text) if kind == "markdown" else parse_text(text)
    if not report.text.strip():
        raise IngestError(f"{name}: no report text after the header and title")
    return report


def _read_jsonl(path: Path, limits: Limits) -> Iterator[RawReport | IngestError]:
    """One report per line, streamed: memory is bounded by the line limit, not the file size."""
    name = display(path)
    with open(path, "rb") as f:
        lineno = 0
        while line := f.readline(limits.max_jsonl_line_bytes + 1):
            lineno += 1
            if len(line) > limits.max_jsonl_line_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):
                    line = f.readline(1 << 20)
                yield IngestError(f"{name}: line {lineno} is over the {limits.max_jsonl_line_bytes:,}-byte limit")
                continue
            if not line.strip():
                continue
            try:
                report = _jsonl_report(line, f"{name}: line {lineno}")
            except IngestError as exc:
                yield exc
                continue
            report.path = f"{path}#{lineno}"
            yield report


def _jsonl_report(line: bytes, where: str) -> RawReport:
    line_text = decode(line, where)
    try:
        record = json.loads(line_text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise IngestError(f"{where}: not usable JSON ({type(exc).__name__})") from None
    if not isinstance(record, dict):
        raise IngestError(f"{where}: not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise IngestError(f"{where}: no `text` field with report text")
    fields = {k: record[k].strip() for k in _JSONL_FIELDS if isinstance(record.get(k), str) and record[k].strip()}
    if "published" in fields:
        fields["published"] = iso_date(fields["published"])
    return RawReport(text=body, **fields)
