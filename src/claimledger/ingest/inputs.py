"""What ``claimledger analyze`` accepts on its command line: URLs, web archives, files and folders.

Each input is routed to its reader; like :func:`read_paths`, the result is a
lazy stream of reports and one-line errors, so a web archive of any size is
read as the batch goes.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from claimledger.config import Limits
from claimledger.ingest.errors import IngestError
from claimledger.ingest.files import read_paths
from claimledger.ingest.warc import is_archive, read_warc
from claimledger.ingest.web import is_url, new_client, read_url
from claimledger.records import RawReport


def read_inputs(
    inputs: Iterable[str], limits: Limits = Limits(), *, client: httpx.Client | None = None
) -> Iterator[RawReport | IngestError]:
    """Yield a report or an error for every report in ``inputs``, in order.

    ``http(s)://`` inputs are fetched, ``.warc``/``.warc.gz`` files streamed,
    anything else read as report files or folders (see :func:`read_paths`).
    """
    own = None
    try:
        for item in inputs:
            if is_url(item):
                if client is None:
                    client = own = new_client()
                try:
                    yield read_url(item, limits, client=client)
                except IngestError as exc:
                    yield exc
            elif is_archive(item) and Path(item).is_file():
                yield from read_warc(item, limits)
            else:
                yield from read_paths([item], limits)
    finally:
        if own is not None:
            own.close()
