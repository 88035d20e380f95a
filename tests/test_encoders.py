"""Sentence encoders chosen by name: the registry, agreement of the ONNX graphs with the NumPy MiniLM,
the shipped static table, and tags that keep vectors of different encoders apart."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import claimledger
from claimledger.ledger import embeddings, encoders
from claimledger.ledger.encoders import (
    DEFAULT_ENCODER,
    ENCODERS,
    MiniLM,
    OnnxMiniLM,
    StaticEncoder,
    UnknownEncoder,
    get_encoder,
)

TEXTS = ["The ferry left the harbour with 40 passengers on board.",
         "Divers found the missing boat near the northern pier on Tuesday.",
         "The council voted to close the old bridge to lorries.",
         "Officials said the fire was started deliberately, police told reporters.",
         "Shares in the company fell 12% after it warned that profits would miss forecasts."]
#: (statement, a paraphrase of it, an unrelated statement)
PARAPHRASES = [
    ("The ferry sank off the coast with 40 passengers on board.",
     "A ferry carrying forty passengers went down off the coast.",
     "The central bank raised interest rates by half a point."),
    ("Police arrested two men after the robbery at the jewellery shop.",
     "Two men were detained by police following the jewellery store robbery.",
     "The football season opens next weekend with a derby."),
    ("The earthquake killed at least 300 people in the region.",
     "At least 300 people died in the quake that struck the region.",
     "The company launched a new smartphone with a larger screen."),
]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1)


def test_every_registered_name_builds_its_encoder():
    assert {"minilm", "minilm-onnx", "minilm-onnx-int8", "static"} <= set(ENCODERS)
    assert DEFAULT_ENCODER in ENCODERS
    for name in ENCODERS:
        assert get_encoder(name).name == name


def test_an_unknown_name_is_refused_with_the_known_ones():
    with pytest.raises(UnknownEncoder) as refused:
        get_encoder("word2vec")
    assert "word2vec" in str(refused.value)
    assert all(name in str(refused.value) for name in ENCODERS)


def test_the_onnx_graph_gives_the_numpy_minilm_vectors():
    numpy_vecs = get_encoder("minilm").encode(TEXTS)
    onnx_vecs = get_encoder("minilm-onnx").encode(TEXTS)
    assert onnx_vecs.dtype == np.float32 and onnx_vecs.shape == (len(TEXTS), 384)
    assert cosines(numpy_vecs, onnx_vecs).min() > 0.999
    assert float(onnx_vecs[0] @ onnx_vecs[2]) < 0.9  # distinct sentences, distinct vectors


@pytest.mark.parametrize("name", ["minilm-onnx", "static"])
def test_a_vector_does_not_depend_on_the_texts_encoded_with_it(name):
    encoder = get_encoder(name)
    together = encoder.encode(TEXTS)
    alone = np.concatenate([encoder.encode([t]) for t in TEXTS])
    assert np.array_equal(together, alone)  # bit for bit, so stored and fresh vectors agree


def test_a_lone_text_is_run_once_and_gets_the_bits_it_gets_beside_others(monkeypatch):
    encoder = get_encoder("minilm-onnx")
    lone = "The lighthouse keeper said the lamp had failed twice this winter."
    same_length = next(t for t in ("The harbour master said the crane had broken down twice this spring.",
                                   "The harbour master said the crane had failed twice this spring.",
                                   "The harbour master said the crane had failed twice this winter.")
                       if len(encoder.tokenizer.encode(t).ids) == len(encoder.tokenizer.encode(lone).ids))
    beside = encoder.encode([lone, same_length])[0]  # a run of two rows
    rows = []
    session = encoder._session
    real_run = session.run
    monkeypatch.setattr(session, "run", lambda names, feeds: rows.append(len(feeds["input_ids"])) or real_run(names, feeds))
    alone = encoder.encode([lone])
    assert rows == [1]  # no copy run beside it
    assert np.array_equal(alone[0], beside)


def test_the_default_encoder_writes_nothing_to_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    vecs = OnnxMiniLM().encode(TEXTS)
    assert np.array_equal(vecs, get_encoder("minilm-onnx").encode(TEXTS))
    assert not list(tmp_path.rglob("*"))  # its graph is made in memory: nothing kept outside the store


def test_a_kept_graph_is_reused_and_made_again_when_corrupt(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    whole = bytes(range(256)) * 64
    made = []

    def make() -> bytes:
        made.append(1)
        return whole

    assert encoders._cached_graph("g.graph", make) == whole and made == [1]
    assert encoders._cached_graph("g.graph", make) == whole and made == [1]  # read back, not made again
    kept = tmp_path / "claimledger" / "g.graph"
    stored = kept.read_bytes()
    assert not list(tmp_path.rglob("*.tmp"))
    for corrupt in (stored[: len(stored) // 2], stored[:5000] + bytes([stored[5000] ^ 1]) + stored[5001:], b""):
        kept.write_bytes(corrupt)
        assert encoders._cached_graph("g.graph", make) == whole
        assert kept.read_bytes() == stored  # made again and put back
    assert made == [1, 1, 1, 1]


def test_the_int8_graph_stays_close_to_minilm_and_is_made_once(monkeypatch, tmp_path):
    import onnxruntime.quantization

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    int8 = OnnxMiniLM(int8=True)
    vecs = int8.encode(TEXTS)
    assert cosines(vecs, get_encoder("minilm").encode(TEXTS)).min() > 0.95
    assert np.array_equal(vecs[:1], int8.encode(TEXTS[:1]))  # one scale per batch would break this
    made = list((tmp_path / "claimledger").glob("minilm-int8-*.graph"))
    assert len(made) == 1 and not list(tmp_path.rglob("*.tmp"))

    def no_quantising(*args, **kwargs):
        raise AssertionError("quantised again although the graph was in the cache folder")
    monkeypatch.setattr(onnxruntime.quantization, "quantize_dynamic", no_quantising)
    assert np.array_equal(OnnxMiniLM(int8=True).encode(TEXTS[:2]), vecs[:2])


def test_the_static_table_ships_in_the_package_and_ranks_paraphrases_first():
    static = get_encoder("static")
    assert static.path.is_relative_to(claimledger.__path__[0]) and static.path.stat().st_size < 10_000_000
    vecs = static.encode([t for triple in PARAPHRASES for t in triple]).reshape(len(PARAPHRASES), 3, -1)
    assert vecs.dtype == np.float32 and vecs.shape[2] == static.dim
    assert np.allclose(np.linalg.norm(vecs, axis=2), 1, atol=1e-5)
    for text, paraphrase, unrelated in vecs:
        assert text @ paraphrase > text @ unrelated + 0.1


def test_the_vector_tag_names_the_encoder(monkeypatch):
    tags = {}
    for name in ENCODERS:
        monkeypatch.setenv("CLAIMLEDGER_ENCODER", name)
        tags[name] = embeddings.encoder_tag()
        assert tags[name].startswith(name + "-")
    assert len(set(tags.values())) == len(ENCODERS)


def test_the_tag_changes_with_the_weights(tmp_path):
    minilm = MiniLM()
    other = tmp_path / "minilm"
    other.mkdir()
    (other / "model.safetensors").symlink_to(minilm.model_dir / "model.safetensors")
    (other / "config.json").write_text((minilm.model_dir / "config.json").read_text().replace("}", ', "x": 1}', 1))
    assert MiniLM(other).tag != minilm.tag
    table = tmp_path / "static.npz"
    shutil.copy(get_encoder("static").path, table)
    with open(table, "ab") as f:
        f.write(b"\0")
    assert StaticEncoder(table).tag != get_encoder("static").tag


def test_the_store_reads_back_vectors_of_an_encoder_of_another_length(monkeypatch):
    from claimledger.ledger.vectors import embedded, from_bytes

    monkeypatch.setenv("CLAIMLEDGER_ENCODER", "static")
    computed = embedded(TEXTS[:2])  # what analyze stores with a report
    assert computed.encoder.startswith("static-")
    read = from_bytes(computed.by_key)
    assert set(read) == set(computed.by_key)
    assert all(v.shape == (get_encoder("static").dim,) for v in read.values())


def test_the_command_line_names_an_unknown_encoder_in_one_line(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("Officials said on Monday that the ferry carried 40 passengers, the coastguard told reporters.\n")
    exe = Path(sys.executable).with_name("claimledger")
    done = subprocess.run([str(exe), "analyze", str(report), "--db", str(tmp_path / "s.db")], capture_output=True,
                          text=True, env={**os.environ, "CLAIMLEDGER_ENCODER": "word2vec"}, timeout=300)
    assert done.returncode == 2
    assert "unknown sentence encoder 'word2vec'" in done.stderr and "minilm-onnx" in done.stderr
    assert "Traceback" not in done.stderr
