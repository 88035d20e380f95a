"""The ledger of stored reports, built once per set of reports and kept in the store.

Every front end that shows the ledger (``export``, ``report``, ``serve``, ``changes``,
``watch``, the Python API) asks :func:`stored_ledger`. A snapshot's key hashes all the
ledger is a function of: the reports (ids and content hashes: a stored extraction never
changes), the :class:`~claimledger.ledger.params.LedgerParams`, the ledger's code and
data, and the encoder. An unchanged store is answered from its snapshot; any change of
the set rebuilds.

What a rebuild reuses is the sentence vectors: analyze stores them with each report
(:mod:`claimledger.ledger.vectors`), so a build reads them in one query and embeds only
texts the store has no vector for (a store older than the vectors table, another
encoder), storing those too. The stages themselves (entities, grouping, conflicts) run
over all the reports again: each depends on the whole set.

A read-only store is answered from its snapshot when it has one, else built in memory.
"""
from __future__ import annotations

import hashlib
import logging
import zlib
from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy as np
from pydantic import TypeAdapter, ValidationError

import claimledger
from claimledger.heap import collector_paused, no_collection_at_exit
from claimledger.ledger import build_ledger
from claimledger.ledger.embeddings import encoder_tag, known_vectors, text_key
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams
from claimledger.ledger.vectors import TextVectors, embedded, from_bytes, texts_to_embed
from claimledger.records import Ledger, StoredReport
from claimledger.store.repository import Store

log = logging.getLogger(__name__)

_LEDGER = TypeAdapter(Ledger)  # typed JSON both ways: a snapshot reads back as the records it was built as


@lru_cache(maxsize=1)
def code_tag() -> str:
    """A hash of the ledger package's code and data and of the record types: a snapshot built by
    other code is never read as this code's ledger."""
    digest = hashlib.blake2b(claimledger.__version__.encode(), digest_size=16)
    package = Path(claimledger.__file__).parent
    for path in sorted([package / "records.py", *(package / "ledger").rglob("*")]):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def snapshot_key(reports: list[StoredReport], params: LedgerParams) -> str:
    """What the ledger of ``reports`` is a function of, hashed."""
    return _key([(r.id, r.content_hash) for r in reports], params)


def _key(reports: list[tuple[str, str]], params: LedgerParams) -> str:
    """:func:`snapshot_key` of the reports given as ``(report id, content hash)``."""
    digest = hashlib.sha256(f"{code_tag()}\0{encoder_tag()}\0{params!r}\0".encode())
    for doc, content in sorted(reports):
        digest.update(f"{doc}:{content}\n".encode())
    return digest.hexdigest()


def kept_ledger(store: Store, story: str | None = None, *, params: LedgerParams = DEFAULT_PARAMS) -> Ledger | None:
    """The kept snapshot of the ledger of every stored report (or one story's), if one reads back: found by
    the reports' ids and content hashes alone, so a command showing it loads only what it shows."""
    return _snapshot(store, _key(store.report_keys(story), params))


@collector_paused()
def _snapshot(store: Store, key: str) -> Ledger | None:
    """The ledger kept under ``key``; None when there is none, or it does not read back (damaged, or
    written by an incompatible version: it is rebuilt with a warning, losing it costs only time)."""
    no_collection_at_exit()
    blob = store.snapshot(key)
    if blob is not None:
        try:
            return _LEDGER.validate_json(zlib.decompress(blob))
        except (zlib.error, ValidationError) as exc:
            log.warning("rebuilding the ledger: its stored snapshot does not read back (%s)", exc)
    return None


@collector_paused()
def stored_ledger(store: Store, reports: list[StoredReport], *, params: LedgerParams = DEFAULT_PARAMS) -> Ledger:
    """The ledger of ``reports`` (stored in ``store``): its snapshot (:func:`_snapshot`), else built and kept."""
    key = snapshot_key(reports, params)
    if (ledger := _snapshot(store, key)) is not None:
        return ledger
    # The vectors of every stored report are all the store holds: read them all, rather than work out
    # each report's texts to look them up (about half a CPU second a thousand reports).
    every = len(reports) >= store.count()
    vectors = from_bytes(store.vectors(encoder_tag(), None)) if every else _vectors(store, reports)
    held = len(vectors)
    with known_vectors(vectors):
        ledger = build_ledger(reports, params=params)
    if store.writable:
        if len(vectors) > held:  # the build embedded texts the store lacked (analysed by older code)
            _keep_vectors(store, reports, vectors, held)
        store.save_snapshot(key, zlib.compress(_LEDGER.dump_json(ledger)))
    return ledger


def _keep_vectors(store: Store, reports: list[StoredReport], vectors: dict[str, np.ndarray], held: int) -> None:
    """Store the vectors a build computed (those of ``vectors`` after the first ``held``), and those of
    the reports' other texts the store lacks, computed now: all of :func:`texts_to_embed`, as analyze
    would have stored them."""
    texts = {text_key(t): t for r in reports for t in texts_to_embed(r.extraction)}
    kept = {k: v.astype("<f4").tobytes() for k, v in islice(vectors.items(), held, None)}
    rest = [t for k, t in texts.items() if k not in vectors]
    if rest:
        kept.update(embedded(rest).by_key)
    store.add_vectors(TextVectors(encoder_tag(), kept))


def _vectors(store: Store, reports: list[StoredReport]) -> dict[str, np.ndarray]:
    """The vectors of every text the build embeds for ``reports``: those the store holds, and the rest
    computed now and stored (when the store can be written)."""
    texts = {text_key(t): t for r in reports for t in texts_to_embed(r.extraction)}
    known = from_bytes(store.vectors(encoder_tag(), texts))
    missing = [t for k, t in texts.items() if k not in known]
    if missing:
        computed = embedded(missing)
        known.update(from_bytes(computed.by_key))
        if store.writable:
            store.add_vectors(computed)
    return known
