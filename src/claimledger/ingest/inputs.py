"""What ``claimledger analyze`` accepts on its command line: URLs, web archives, files and folders.

Each input is routed to its reader; like :func:`read_paths`, the result is a
lazy stream of reports and one-line errors, so a web archive of any size is
read as the batch goes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from urllib.parse import urlsplit

import httpx

from claimledger.config import Limits
from claimledger.ingest.errors import IngestError
from claimledger.ingest.files import paths_size, read_paths
from claimledger.ingest.warc import is_archive, read_warc_url
from claimledger.ingest.web import is_url, new_client, read_url
from claimledger.records import RawReport


def read_inputs(
    inputs: Iterable[str], limits: Limits = Limits(), *, client: httpx.Client | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[RawReport | IngestError]:
    """Yield a report or an error for every report in ``inputs``, in order.

    ``http(s)://`` inputs are fetched (a ``.warc``/``.warc.gz`` URL streamed
    record by record as it downloads); anything else is read as report files,
    web archives or folders (see :func:`read_paths`, which tells ``progress``
    the bytes it reads).
    """
    own = None
    try:
        for item in inputs:
            if is_url(item):
                if client is None:
                    client = own = new_client()
                if is_archive(urlsplit(item).path):
                    yield from read_warc_url(item, limits, client)
                    continue
                try:
                    yield read_url(item, limits, client=client)
                except IngestError as exc:
                    yield exc
            else:
                yield from read_paths([item], limits, progress)
    finally:
        if own is not None:
            own.close()


def input_size(inputs: Iterable[str]) -> int | None:
    """The bytes of input a run over ``inputs`` reads, or None when a URL is among them (its size is
    not known before it is fetched): what a progress bar needs for a share and a time left."""
    inputs = list(inputs)
    return None if any(is_url(item) for item in inputs) else paths_size(inputs)
