"""Sentence embeddings for grouping statements into claims.

The vectors come from the encoder named by ``CLAIMLEDGER_ENCODER`` (see
:mod:`.encoders` for the names and their weights). Nothing is downloaded at
run time.

Vectors are looked up per text, by :func:`text_key` (a hash of the text).
A ledger built from a store runs inside :func:`known_vectors`, given the
vectors the store holds (computed when each report was analysed, see
:mod:`.vectors`): :func:`embed` reads them there and adds what it computes
to that mapping only. Elsewhere (a store-less build, a training script) a
bounded in-memory cache spares a process from embedding a text twice. Texts
embedded while analysing (``cache=False`` within :func:`analysing`) have a
smaller cache of their own: a statement, a counted noun or a wire story's
sentence met again in a later report of the run is not embedded again.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice

import numpy as np

from claimledger.ledger.encoders import DEFAULT_ENCODER, Encoder, get_encoder

DIM = 384
MAX_CACHED = 100_000  # vectors kept in memory outside a build: about 150 MB
MAX_RECENT = 20_000  # vectors of texts embedded while analysing, kept for repeats: about 30 MB


def encoder_name() -> str:
    """The configured encoder: ``CLAIMLEDGER_ENCODER``, else :data:`~.encoders.DEFAULT_ENCODER`."""
    return os.environ.get("CLAIMLEDGER_ENCODER") or DEFAULT_ENCODER


def _model() -> Encoder:
    return get_encoder(encoder_name())


_cache: dict[str, np.ndarray] = {}  # text key → vector, least recently used first (outside known_vectors)
_recent: dict[tuple[str, str], np.ndarray] = {}  # (encoder, text key) → vector, least recently used first
_known: ContextVar[dict[str, np.ndarray] | None] = ContextVar("known_vectors", default=None)
_analysing: ContextVar[bool] = ContextVar("analysing", default=False)
_lock = threading.Lock()


def text_key(text: str) -> str:
    """What a text's vector is stored under: 24 hex digits of a hash of its UTF-8 bytes."""
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()


def dimension() -> int:
    """Length of the configured encoder's vectors (:data:`DIM` for the MiniLM encoders; the static one differs)."""
    return get_encoder(encoder_name()).dim


def encoder_tag() -> str:
    """Which encoder, weights and computation made the vectors: vectors made otherwise are not used."""
    model = get_encoder(encoder_name())  # loads no weights: a run served by the cache never does
    return f"{model.name}-{model.tag}"


@contextmanager
def known_vectors(vectors: dict[str, np.ndarray]) -> Iterator[dict[str, np.ndarray]]:
    """Within the block, :func:`embed` takes vectors from ``vectors`` (:func:`text_key` → vector)
    and adds those it computes to it, not to the process's cache: a build given its store's
    vectors holds them only while it runs, and the caller sees what it had to compute."""
    token = _known.set(vectors)
    try:
        yield vectors
    finally:
        _known.reset(token)


@contextmanager
def analysing() -> Iterator[None]:
    """Within the block, :func:`embed` with ``cache=False`` reads and keeps the last
    :data:`MAX_RECENT` vectors it computed in this process (the engines' extraction step)."""
    token = _analysing.set(True)
    try:
        yield
    finally:
        _analysing.reset(token)


def embed(texts: Sequence[str], *, cache: bool = True) -> np.ndarray:
    """Unit sentence vectors for ``texts``, computing only those not cached.

    ``cache=False`` is for texts embedded once (a report's opening, placed in
    a story on arrival; a report's texts, which go to the store): caching them
    would only grow memory with every report of a stream. Within
    :func:`analysing` they are kept apart, the last :data:`MAX_RECENT` only,
    so a repeat later in the run is not embedded again.
    """
    if not cache:
        with _lock:
            return _recently_embedded(texts) if _analysing.get() else _model().encode(texts)
    known = _known.get()
    table = _cache if known is None else known
    with _lock:
        keys = [text_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in table}.items())
        if missing:
            vecs = _model().encode([t for _, t in missing])
            for (k, _), v in zip(missing, vecs):
                table[k] = v
        out = np.stack([table[k] for k in keys]) if keys else np.zeros((0, DIM), dtype=np.float32)
        if known is None:
            for k in dict.fromkeys(keys):  # most recently used last; the oldest beyond the bound go
                _cache[k] = _cache.pop(k)
            for k in list(islice(_cache, max(len(_cache) - MAX_CACHED, 0))):
                del _cache[k]
        return out


def _recently_embedded(texts: Sequence[str]) -> np.ndarray:
    """Vectors of ``texts`` from :data:`_recent`, the missing ones computed in one call and kept."""
    name = encoder_name()
    keys = [(name, text_key(t)) for t in texts]
    missing = {k: t for k, t in zip(keys, texts) if k not in _recent}
    if missing:
        for k, v in zip(missing, _model().encode(list(missing.values()))):
            _recent[k] = v.copy()  # not a view: a kept row must not keep its whole batch alive
    if not keys:
        return np.zeros((0, dimension()), dtype=np.float32)
    out = np.stack([_recent[k] for k in keys])
    for k in dict.fromkeys(keys):  # most recently used last; the oldest beyond the bound go
        _recent[k] = _recent.pop(k)
    for k in list(islice(_recent, max(len(_recent) - MAX_RECENT, 0))):
        del _recent[k]
    return out
