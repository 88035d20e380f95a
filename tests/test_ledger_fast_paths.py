"""The ledger's faster paths give what the plain computations give (bit for bit)."""
from __future__ import annotations

import gc
import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from claimledger.ledger.heap import collector_paused
from claimledger.ledger.matching import (
    IdfWeights,
    _token_set,
    collection_idf,
    pair_features,
    text_profile,
    unique_keys,
    unique_pairs,
)
from claimledger.ledger.stance_model import remembered_rows, stance_scores

SENTENCES = [
    "North Korea has sent 10,000 troops to Russia, South Korea's spy agency said.",
    "Some 10,000 North Korean troops are in Russia, according to the NIS.",
    "The Kremlin denied that any North Korean soldiers were in Russia.",
    "Pyongyang did not send troops, its foreign ministry said on Monday.",
    "About 3,000 more soldiers are being prepared, officials told reporters.",
    "The Pentagon said it could not confirm the reports.",
]


def test_unique_keys_and_pairs_are_numpys():
    rng = np.random.default_rng(7)
    keys = rng.integers(0, 500, size=2000)
    assert np.array_equal(unique_keys(keys), np.unique(keys))
    assert len(unique_keys(keys[:1])) == 1 and len(unique_keys(keys[:0])) == 0
    pairs = rng.integers(0, 40, size=(300, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    assert np.array_equal(unique_pairs(pairs, 40), np.unique(np.sort(pairs, axis=1), axis=0))


def test_token_set_once_per_unordered_pair_equals_the_scorer():
    random.seed(3)
    words = "troops sent russia korea denied not the 10,000 officials said spy agency".split()
    first = [" ".join(random.choices(words, k=random.randint(0, 9))) for _ in range(500)]
    second = [" ".join(random.choices(words, k=random.randint(0, 9))) for _ in range(500)]
    first += second[:50]
    second += first[:50]  # the same pairs the other way round
    expected = process.cpdist(first, second, scorer=fuzz.token_set_ratio, dtype=np.float32)
    assert np.array_equal(_token_set(first, second), expected)


def test_pair_features_with_weights_equal_without():
    profiles = [text_profile(s) for s in SENTENCES]
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(len(profiles), 8)).astype(np.float32)
    pairs = np.array([(i, j) for i in range(len(profiles)) for j in range(len(profiles)) if i != j])
    idf = collection_idf(profiles)
    plain = pair_features(profiles, vecs, pairs, idf)
    assert np.array_equal(pair_features(profiles, vecs, pairs, idf, IdfWeights.of(profiles, idf)), plain)


def test_collector_paused_restores_the_collector():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_remembered_stance_rows_give_the_same_scores():
    claims, texts = SENTENCES[:4], SENTENCES[2:]
    plain = stance_scores(claims, texts)
    with remembered_rows():
        first = stance_scores(claims, texts)
        again = stance_scores(texts[::-1] + claims, claims[::-1] + texts)  # some pairs asked before
    assert np.array_equal(first, plain)
    assert np.array_equal(again, stance_scores(texts[::-1] + claims, claims[::-1] + texts))


def test_matcher_scores_pairs_met_both_ways_as_each_alone():
    from claimledger.ledger.claims import Matcher
    from claimledger.ledger.matching import load_model

    texts = SENTENCES + SENTENCES[::-1] + ["Troops were sent, officials said.", "Officials said troops were sent."]
    profiles = [text_profile(t) for t in texts]
    numbered: dict[str, int] = {}
    text_ids = np.array([numbered.setdefault(t, len(numbered)) for t in texts], dtype=np.int64)
    rng = np.random.default_rng(5)
    base = rng.normal(size=(len(numbered), 8)).astype(np.float32)
    vecs = base[text_ids]
    idf = collection_idf(profiles)
    pairs = np.array([(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))])
    matcher = Matcher(profiles, vecs, idf, load_model(), text_ids)
    every = load_model().probability(pair_features(profiles, vecs, pairs, idf))  # each pair computed as met
    assert np.array_equal(matcher.probability(pairs), every)
    # what the sharing relies on: every feature is the same either way round, to the bit
    assert np.array_equal(pair_features(profiles, vecs, pairs[:, ::-1], idf), pair_features(profiles, vecs, pairs, idf))
