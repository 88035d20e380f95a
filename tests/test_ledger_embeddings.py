"""Sentence vectors: a build given known vectors reads them and keeps what it computes apart;
elsewhere a bounded in-memory cache; a vector never depends on the texts embedded with it."""
from __future__ import annotations

import numpy as np
import pytest

from claimledger.ledger import embeddings

TEXTS = ["The ferry left the harbour with 40 passengers on board.",
         "Divers found the missing boat near the northern pier.",
         "The council voted to close the old bridge to lorries."]


@pytest.fixture
def fresh(monkeypatch):
    """Empty in-memory caches: a build's and the one kept while analysing."""
    monkeypatch.setattr(embeddings, "_cache", {})
    monkeypatch.setattr(embeddings, "_recent", {})


def no_model():
    raise AssertionError("the model ran although every vector was known")


def test_known_vectors_are_read_and_what_is_computed_joins_them_not_the_cache(fresh, monkeypatch):
    first = embeddings.embed(TEXTS[:2], cache=False)
    known = {embeddings.text_key(t): v for t, v in zip(TEXTS[:2], first)}
    with embeddings.known_vectors(known):
        both = embeddings.embed(TEXTS)
    assert np.array_equal(both[:2], first)  # bit for bit: vectors stored at analysis equal fresh ones
    assert set(known) == {embeddings.text_key(t) for t in TEXTS} and embeddings._cache == {}
    monkeypatch.setattr(embeddings, "_model", no_model)
    with embeddings.known_vectors(known):
        assert np.array_equal(embeddings.embed(TEXTS[::-1]), both[::-1])


def test_texts_embedded_once_leave_no_trace_in_the_cache(fresh):
    """A report's opening is embedded on arrival and never again: a stream must not grow the cache with it."""
    once = embeddings.embed(TEXTS, cache=False)
    assert embeddings._cache == {}
    assert np.array_equal(once, embeddings.embed(TEXTS))


def test_the_cache_keeps_only_the_most_recently_used(fresh, monkeypatch):
    monkeypatch.setattr(embeddings, "MAX_CACHED", 2)
    embeddings.embed(TEXTS[:2])
    embeddings.embed(TEXTS[2:])
    embeddings.embed(TEXTS[:1])  # used again: newer than TEXTS[1]
    assert set(embeddings._cache) == {embeddings.text_key(TEXTS[0]), embeddings.text_key(TEXTS[2])}


def test_a_vector_does_not_depend_on_the_texts_embedded_with_it():
    model = embeddings._model()
    together = model.encode(TEXTS + ["A short one.", "Another statement of exactly this many words here."])
    alone = np.concatenate([model.encode([t]) for t in TEXTS])
    assert np.array_equal(together[:3], alone)  # bit for bit, so cached and fresh vectors agree
    assert float(together[0] @ together[1]) < 0.99  # and they are real, distinct sentence vectors
