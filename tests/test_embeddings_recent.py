"""Texts embedded while analysing (``embed(cache=False)`` within ``analysing()``): a repeat later in
the run is read, not embedded again, from a bounded cache of their own, kept per encoder and apart
from a build's cache; outside a run nothing is kept."""
from __future__ import annotations

import numpy as np
import pytest

from claimledger.ledger import embeddings
from claimledger.ledger.encoders import get_encoder
from test_ledger_embeddings import fresh  # noqa: F401  (a fixture)

TEXTS = ["Troops were sent to the border on Monday, the ministry said.",
         "troops",
         "The council voted to close the old bridge to lorries."]


def no_model():
    raise AssertionError("the model ran although every vector had been computed in this run")


def test_a_repeat_is_read_not_embedded_again(fresh, monkeypatch):
    with embeddings.analysing():
        first = embeddings.embed(TEXTS, cache=False)
    assert embeddings._cache == {}  # a build's cache is not filled while analysing
    outside = embeddings.embed(TEXTS[:1], cache=False)  # a build's embed of missing vectors: computed again
    assert np.array_equal(outside[0], first[0])
    monkeypatch.setattr(embeddings, "_model", no_model)
    with embeddings.analysing():
        again = embeddings.embed([TEXTS[1], TEXTS[0], TEXTS[1]], cache=False)
    assert np.array_equal(again, first[[1, 0, 1]])
    with pytest.raises(AssertionError, match="the model ran"):
        embeddings.embed(TEXTS[:1], cache=False)


def test_the_analysing_cache_keeps_only_the_most_recently_used(fresh, monkeypatch):
    monkeypatch.setattr(embeddings, "MAX_RECENT", 2)
    with embeddings.analysing():
        embeddings.embed(TEXTS[:2], cache=False)
        embeddings.embed(TEXTS[2:], cache=False)
        embeddings.embed(TEXTS[:1], cache=False)  # used again: newer than TEXTS[1]
    name = embeddings.encoder_name()
    assert set(embeddings._recent) == {(name, embeddings.text_key(TEXTS[0])), (name, embeddings.text_key(TEXTS[2]))}


def test_another_encoder_does_not_read_the_first_ones_vectors(fresh, monkeypatch):
    monkeypatch.delenv("CLAIMLEDGER_ENCODER", raising=False)
    with embeddings.analysing():
        default = embeddings.embed(TEXTS, cache=False)
        monkeypatch.setenv("CLAIMLEDGER_ENCODER", "static")
        static = embeddings.embed(TEXTS, cache=False)
    assert static.shape == (3, get_encoder("static").dim) != default.shape  # the static table's vectors
