"""The sentence-vector cache on disk: reused across runs, atomic, bounded, and a bad file is only lost time."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from claimledger.ledger import embeddings

TEXTS = ["The ferry left the harbour with 40 passengers on board.",
         "Divers found the missing boat near the northern pier.",
         "The council voted to close the old bridge to lorries."]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty in-memory cache and a cache file in a temporary folder."""
    monkeypatch.setattr(embeddings, "_cache", {})
    monkeypatch.setattr(embeddings, "_on_disk", {})
    path = tmp_path / "store.db.embeddings.npz"
    monkeypatch.setenv("CLAIMLEDGER_EMBED_CACHE", str(path))
    return path


def forget(monkeypatch):
    """A new process: nothing in memory, and the model must not be needed when the disk has the vectors."""
    monkeypatch.setattr(embeddings, "_cache", {})
    monkeypatch.setattr(embeddings, "_on_disk", {})


def no_model():
    raise AssertionError("the model ran although every vector was cached")


def test_a_second_run_reads_vectors_from_disk(fresh, monkeypatch):
    first = embeddings.embed(TEXTS)
    assert fresh.exists() and not list(fresh.parent.glob("*.tmp"))
    forget(monkeypatch)
    monkeypatch.setattr(embeddings, "_model", no_model)
    again = embeddings.embed(TEXTS[::-1])
    assert np.array_equal(again, first[::-1])  # bit for bit: incremental and batch rebuilds agree


def test_texts_embedded_once_leave_no_trace_in_the_cache(fresh):
    """A report's opening is embedded on arrival and never again: a stream must not grow the cache with it."""
    once = embeddings.embed(TEXTS, cache=False)
    assert not fresh.exists() and embeddings._cache == {}
    assert np.array_equal(once, embeddings.embed(TEXTS))


def test_a_corrupt_cache_is_ignored_with_a_warning(fresh, monkeypatch, caplog):
    fresh.write_bytes(b"PK\x03\x04 not really a zip file")
    with caplog.at_level(logging.WARNING, logger=embeddings.__name__):
        vecs = embeddings.embed(TEXTS[:1])
    assert vecs.shape == (1, embeddings.DIM)
    assert "ignoring an unreadable embedding cache" in caplog.text
    forget(monkeypatch)  # rewritten whole: the next run uses it
    monkeypatch.setattr(embeddings, "_model", no_model)
    assert np.array_equal(embeddings.embed(TEXTS[:1]), vecs)


def test_the_cache_keeps_only_the_most_recently_used(fresh, monkeypatch):
    monkeypatch.setattr(embeddings, "MAX_CACHED", 2)
    embeddings.embed(TEXTS[:2])
    embeddings.embed(TEXTS[2:])
    embeddings.embed(TEXTS[:1])  # used again: newer than TEXTS[1]
    with np.load(fresh) as data:
        kept = set(data["keys"].astype(str))
    assert kept == {embeddings._key(TEXTS[0]), embeddings._key(TEXTS[2])}


def test_the_bound_can_be_raised(fresh, monkeypatch):
    monkeypatch.setattr(embeddings, "MAX_CACHED", 1)
    monkeypatch.setenv("CLAIMLEDGER_EMBED_CACHE_MAX", "3")
    embeddings.embed(TEXTS)
    with np.load(fresh) as data:
        assert len(data["keys"]) == 3


def test_a_cache_from_other_weights_is_not_used(fresh, monkeypatch, caplog):
    embeddings.embed(TEXTS[:1])
    forget(monkeypatch)
    monkeypatch.setattr(embeddings, "_model_tag", lambda: "other-weights")
    monkeypatch.setattr(embeddings, "_model", no_model)
    with caplog.at_level(logging.WARNING, logger=embeddings.__name__), pytest.raises(AssertionError):
        embeddings.embed(TEXTS[:1])
    assert "other model weights" in caplog.text


def test_store_cache_sits_next_to_an_sqlite_file_and_hides_a_url(monkeypatch, tmp_path):
    monkeypatch.delenv("CLAIMLEDGER_EMBED_CACHE", raising=False)
    monkeypatch.setattr(embeddings, "_store_cache", None)
    embeddings.use_store_cache(str(tmp_path / "story.db"))
    assert embeddings._disk_path() == tmp_path / "story.db.embeddings.npz"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    embeddings.use_store_cache("postgresql://analyst:secret@db.example/ledger")
    path = embeddings._disk_path()
    assert path.parent == tmp_path / "cache" / "claimledger" and "secret" not in str(path)
    monkeypatch.setenv("CLAIMLEDGER_EMBED_CACHE", "")
    assert embeddings._disk_path() is None  # set empty: no disk cache


def test_a_vector_does_not_depend_on_the_texts_embedded_with_it():
    model = embeddings._model()
    together = model.encode(TEXTS + ["A short one.", "Another statement of exactly this many words here."])
    alone = np.concatenate([model.encode([t]) for t in TEXTS])
    assert np.array_equal(together[:3], alone)  # bit for bit, so cached and fresh vectors agree
    assert float(together[0] @ together[1]) < 0.99  # and they are real, distinct sentence vectors
