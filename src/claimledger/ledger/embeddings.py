"""Sentence embeddings for grouping statements into claims.

The vectors come from the encoder named by ``CLAIMLEDGER_ENCODER`` (see
:mod:`.encoders` for the names and their weights). Nothing is downloaded at
run time.

Statement vectors are cached per text (keyed by a hash of the text) in memory
and on disk, so an incremental rebuild of the ledger only embeds new statements. The
disk cache is one ``.npz`` file: ``CLAIMLEDGER_EMBED_CACHE`` when set (empty:
none), else the file :func:`use_store_cache` chose next to the store. It is
written atomically, holds at most :data:`MAX_CACHED` vectors (the most
recently used; ``CLAIMLEDGER_EMBED_CACHE_MAX`` changes the bound), is tied to the model's weights, and a corrupt or foreign file
is ignored with a warning: losing it costs only time.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimledger.ledger.encoders import DEFAULT_ENCODER, Encoder, get_encoder

DIM = 384
MAX_CACHED = 100_000  # vectors kept on disk: about 150 MB, the statements of several thousand reports

log = logging.getLogger(__name__)


def encoder_name() -> str:
    """The configured encoder: ``CLAIMLEDGER_ENCODER``, else :data:`~.encoders.DEFAULT_ENCODER`."""
    return os.environ.get("CLAIMLEDGER_ENCODER") or DEFAULT_ENCODER


def _model() -> Encoder:
    return get_encoder(encoder_name())


_cache: dict[str, np.ndarray] = {}  # text key → vector, least recently used first
_on_disk: dict[Path, set[str]] = {}  # cache files read or written, and the keys each holds
_store_cache: Path | None = None
_lock = threading.Lock()


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()


def use_store_cache(target: str) -> None:
    """Keep vectors next to the store ``target``: ``<file>.embeddings.npz`` for an SQLite file,
    else a file named by a hash of the URL in the user's cache folder (the URL may hold a password)."""
    global _store_cache
    if "://" in target:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimledger"
        digest = hashlib.blake2b(target.encode(), digest_size=8).hexdigest()
        _store_cache = base / f"embeddings-{digest}.npz"
    else:
        _store_cache = Path(target + ".embeddings.npz")


def _disk_path() -> Path | None:
    configured = os.environ.get("CLAIMLEDGER_EMBED_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    return _store_cache


def _model_tag() -> str:
    """Which encoder, weights and computation made the vectors: a cache made otherwise is not used."""
    model = get_encoder(encoder_name())  # loads no weights: a run served by the cache never does
    return f"{model.name}-{model.tag}"


def _load_disk(path: Path) -> None:
    _on_disk[path] = set()
    if not path.exists():
        return
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vecs, tag = data["keys"], data["vectors"], str(data["model"])
        if keys.ndim != 1 or vecs.shape != (len(keys), DIM) or vecs.dtype != np.float32:
            raise ValueError("arrays of the wrong shape")
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        log.warning("%s: ignoring an unreadable embedding cache (%s)", path, exc)
        return
    if tag != _model_tag():
        log.warning("%s: ignoring an embedding cache made by other model weights", path)
        return
    for k, v in zip(keys.astype(str).tolist(), vecs):
        _cache.setdefault(k, v)
    _on_disk[path] = set(keys.astype(str).tolist())


def _save_disk(path: Path) -> None:
    """The most recently used vectors, written to a temporary file then renamed (never a half-written cache)."""
    try:
        bound = int(os.environ.get("CLAIMLEDGER_EMBED_CACHE_MAX") or MAX_CACHED)
    except ValueError:
        log.warning("CLAIMLEDGER_EMBED_CACHE_MAX is not a whole number; keeping %d vectors", MAX_CACHED)
        bound = MAX_CACHED
    keys = list(_cache)[-max(bound, 1):]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                np.savez(out, keys=np.array(keys, dtype="S24"), model=np.array(_model_tag()),
                         vectors=np.stack([_cache[k] for k in keys]) if keys else np.zeros((0, DIM), np.float32))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        log.warning("%s: cannot write the embedding cache (%s)", path, exc)
        return
    _on_disk[path] = set(keys)


def embed(texts: Sequence[str], *, cache: bool = True) -> np.ndarray:
    """Unit sentence vectors for ``texts``, computing only those not cached.

    ``cache=False`` is for texts embedded once and never again (a report's
    opening, placed in a story on arrival): caching them would only grow
    memory and the cache file with every report of a stream.
    """
    if not cache:
        with _lock:
            return _model().encode(texts)
    with _lock:
        path = _disk_path()
        if path is not None and path not in _on_disk:
            _load_disk(path)
        keys = [_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in _cache}.items())
        if missing:
            vecs = _model().encode([t for _, t in missing])
            for (k, _), v in zip(missing, vecs):
                _cache[k] = v
        for k in dict.fromkeys(keys):  # most recently used last
            _cache[k] = _cache.pop(k)
        if path is not None and not _on_disk[path].issuperset(keys):
            _save_disk(path)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([_cache[k] for k in keys])
