"""Adding a report from the browser (a file, pasted text or a page address): checked, read,
extracted and stored in the background.

The uploaded bytes are written under a fixed name of our choosing in a
private temporary folder (the client's file name never touches the file
system) and read by the same :func:`claimledger.ingest.read_paths` as the
command line, so the same size, type and encoding checks apply.

Pages are fetched on threads of their own (:data:`FETCHERS`), bounded by the
whole-download deadline and reaching public addresses only (unless the server
was started with ``--allow-private-addresses``); only the fetched bytes go to
the one worker that parses and analyses, so a slow server never holds up a
pasted report. How many jobs may wait is bounded in
:class:`~claimledger.web.state.LedgerState`.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from claimledger.analysis import analyse_into
from claimledger.ingest import IngestError, read_paths
from claimledger.ingest.errors import display
from claimledger.ingest.files import FORMATS
from claimledger.ingest.web import fetch, fetched_report, is_url, new_client
from claimledger.records import RawReport
from claimledger.web.state import Job, LedgerState

#: Largest upload or pasted text accepted, in bytes.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: Extensions accepted for upload: the report formats the command line reads.
UPLOAD_TYPES = tuple(sorted(FORMATS))
#: Pages fetched at once (each is bounded by ``Limits.fetch_seconds``).
FETCHERS = 2

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimledger-upload")
_fetchers = ThreadPoolExecutor(max_workers=FETCHERS, thread_name_prefix="claimledger-fetch")


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
    _worker.submit(_run, state, job, lambda: _read_bytes(data, suffix, state))


def submit_url(state: LedgerState, job: Job, url: str) -> None:
    """Fetch a page on a fetch thread, then analyse it on the worker, bounded as on the command line."""
    _fetchers.submit(_fetch, state, job, url)


def _fetch(state: LedgerState, job: Job, url: str) -> None:
    job.step = "fetching the page"
    try:
        with new_client(allow_private=state.allow_private) as client:
            page = fetch(url, state.limits, client=client)
    except IngestError as exc:
        job.finish(str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - the status page shows it; the server goes on
        job.finish(f"{display(url)}: fetch failed ({type(exc).__name__})")
        return
    job.step = "queued"
    _worker.submit(_run, state, job, lambda: _parse(page, url, state))


def _parse(page, url: str, state: LedgerState) -> list:
    try:
        return [fetched_report(page, display(url), state.limits)]
    except IngestError as exc:
        return [exc]


def _read_bytes(data: bytes, suffix: str, state: LedgerState) -> list:
    with tempfile.TemporaryDirectory(prefix="claimledger-upload-") as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        return [i if isinstance(i, RawReport) else IngestError(str(i).replace(str(path), "the upload"))
                for i in read_paths([path], state.limits)]


def _run(state: LedgerState, job: Job, read: Callable[[], list]) -> None:
    """Read, then add through the same path as ``claimledger analyze`` (copies, stories, one transaction each)."""
    try:
        job.step, job.done = "reading", 1
        items = read()
        if not any(isinstance(i, RawReport) for i in items):
            job.messages += [str(i) for i in items]
            raise UploadRejected("no report could be read from it")
        job.step, job.done = "extracting who said what", 2
        tally = analyse_into(state.store, items, model=None, limits=state.limits, on_error=job.messages.append,
                             story=state.story)
        job.added += tally.added or []
        if tally.already:
            job.messages.append("this report is already in the ledger")
        job.step, job.done = "rebuilding the ledger", 4
        state.snapshot()
        job.finish()
    except Exception as exc:  # noqa: BLE001 - the status page shows it; the server goes on
        job.finish(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
