"""Adding a report from the browser (a file, pasted text or a page address): checked, read,
extracted and stored in a background thread.

The uploaded bytes are written under a fixed name of our choosing in a
private temporary folder (the client's file name never touches the file
system) and read by the same :func:`claimledger.ingest.read_paths` as the
command line, so the same size, type and encoding checks apply.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from claimledger.config import Limits
from claimledger.analysis import analyse_into
from claimledger.ingest import IngestError, read_paths
from claimledger.ingest.files import FORMATS
from claimledger.ingest.web import is_url, read_url
from claimledger.records import RawReport
from claimledger.web.state import Job, LedgerState

#: Largest upload or pasted text accepted, in bytes.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: Extensions accepted for upload: the report formats the command line reads.
UPLOAD_TYPES = tuple(sorted(FORMATS))

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimledger-upload")


class UploadRejected(ValueError):
    """An upload refused before analysis; the message is one line for the user."""


def check_upload(name: str, data: bytes) -> str:
    """The extension to store the upload under, or :class:`UploadRejected`."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in FORMATS:
        raise UploadRejected(f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(UPLOAD_TYPES)}")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"file is larger than {MAX_UPLOAD_BYTES // 1024} KiB")
    if not data.strip():
        raise UploadRejected("file is empty")
    return suffix


def check_url(url: str) -> str:
    """A page address to fetch, or :class:`UploadRejected` (only http and https)."""
    url = url.strip()
    if not is_url(url) or len(url) > 2000:
        raise UploadRejected("the address must be an http:// or https:// URL")
    return url


def submit(state: LedgerState, job: Job, data: bytes, suffix: str) -> None:
    """Analyse an uploaded or pasted report in the background; the job records each step."""
    _executor.submit(_run, state, job, lambda: _read_bytes(data, suffix))


def submit_url(state: LedgerState, job: Job, url: str) -> None:
    """Fetch a page and analyse it in the background, bounded as on the command line."""
    _executor.submit(_run, state, job, lambda: _read_url(url))


def _read_bytes(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory(prefix="claimledger-upload-") as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        return [i if isinstance(i, RawReport) else IngestError(str(i).replace(str(path), "the upload"))
                for i in read_paths([path], Limits())]


def _read_url(url: str) -> list:
    try:
        return [read_url(url, Limits())]
    except IngestError as exc:
        return [exc]


def _run(state: LedgerState, job: Job, read: Callable[[], list]) -> None:
    """Read, then add through the same path as ``claimledger analyze`` (copies, stories, one transaction each)."""
    try:
        job.step, job.done = "reading", 1
        items = read()
        if not any(isinstance(i, RawReport) for i in items):
            job.messages += [str(i) for i in items]
            raise UploadRejected("no report could be read from it")
        job.step, job.done = "extracting who said what", 2
        tally = analyse_into(state.store, items, model=None, limits=Limits(), on_error=job.messages.append,
                             story=state.story)
        job.added += tally.added or []
        if tally.already:
            job.messages.append("this report is already in the ledger")
        job.step, job.done = "rebuilding the ledger", 4
        state.snapshot()
        job.step, job.done = "done", 5
    except Exception as exc:  # noqa: BLE001 - the status page shows it; the server goes on
        job.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        job.step = "failed"
