"""The ledger's faster paths give what the plain computations give (bit for bit)."""
from __future__ import annotations

import gc
import math
import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from claimledger.heap import collector_paused
from claimledger.ledger.groups import DisjointSets
from claimledger.ledger.matching import (
    FEATURES,
    IdfWeights,
    _near_equal,
    _token_set,
    agglomerate,
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


def _features_plain(profiles, vecs, pairs, idf):
    """What :func:`pair_features` computes, written pair by pair as it reads, with no shared arrays (no
    clauses given: the slot columns after the first eleven are 0)."""
    out = np.zeros((len(pairs), len(FEATURES)), dtype=np.float32)
    out[:, 0] = np.einsum("ij,ij->i", vecs[pairs[:, 0]], vecs[pairs[:, 1]])
    a = [profiles[k] for k in pairs[:, 0].tolist()]
    b = [profiles[k] for k in pairs[:, 1].tolist()]
    shared = [pa.words & pb.words for pa, pb in zip(a, b)]
    union = np.array([len(pa.words) + len(pb.words) for pa, pb in zip(a, b)], dtype=np.float64)
    inter = np.array([len(x) for x in shared], dtype=np.float64)
    union -= inter
    out[:, 1] = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    norm = {}
    for p in (*a, *b):
        if id(p) not in norm:
            norm[id(p)] = float(np.sqrt(sum(idf[w] * idf[w] for w in p.words)))
    denom = np.array([norm[id(pa)] * norm[id(pb)] for pa, pb in zip(a, b)])
    dot = np.array([math.fsum(idf[w] * idf[w] for w in x) for x in shared])
    out[:, 2] = np.divide(dot, denom, out=np.zeros_like(dot), where=denom > 0)  # idf-weighted cosine
    out[:, 3] = _token_set([p.folded for p in a], [p.folded for p in b]) / 100.0
    ninter = np.array([len(pa.names & pb.names) for pa, pb in zip(a, b)], dtype=np.float64)
    nunion = np.array([len(pa.names) + len(pb.names) for pa, pb in zip(a, b)], dtype=np.float64) - ninter
    out[:, 4] = np.divide(ninter, nunion, out=np.zeros_like(ninter), where=nunion > 0)
    out[:, 5] = [bool(pa.names and pb.names) for pa, pb in zip(a, b)] & (ninter == 0)
    for row, (pa, pb) in enumerate(zip(a, b)):
        if pa.numbers and pb.numbers:
            agree = _near_equal(pa.numbers, pb.numbers)
            out[row, 6], out[row, 7] = agree, not agree
    out[:, 8] = [bool(pa.numbers) != bool(pb.numbers) for pa, pb in zip(a, b)]  # a count only one side gives
    out[:, 9] = [pa.negated != pb.negated for pa, pb in zip(a, b)]
    out[:, 10] = [min(pa.length, pb.length) / max(pa.length, pb.length, 1) for pa, pb in zip(a, b)]
    return out


def test_pair_features_with_weights_equal_without():
    profiles = [text_profile(s) for s in SENTENCES]
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(len(profiles), 8)).astype(np.float32)
    pairs = np.array([(i, j) for i in range(len(profiles)) for j in range(len(profiles)) if i != j])
    idf = collection_idf(profiles)
    plain = _features_plain(profiles, vecs, pairs, idf)
    assert np.array_equal(pair_features(profiles, vecs, pairs, idf, IdfWeights.of(profiles, idf)), plain)
    assert np.array_equal(pair_features(profiles, vecs, pairs[5:40], idf), plain[5:40])  # weights made for the call


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


def test_a_one_command_process_freezes_what_a_paused_block_leaves(monkeypatch):
    from claimledger import heap

    monkeypatch.setattr(heap, "_ONE_COMMAND", [False])
    gc.unfreeze()
    with collector_paused():
        kept = [[i] for i in range(2000)]
    assert gc.get_freeze_count() == 0  # a server's blocks leave the collector as they found it
    heap.one_command()
    with collector_paused():
        kept += [[i] for i in range(2000)]
    try:
        assert gc.get_freeze_count() >= len(kept) and gc.isenabled()
    finally:
        gc.unfreeze()


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


def _plain_linkage(n, candidates, prob_of, threshold, sample):
    """Greedy average linkage as plainly as it reads: every candidate scored, each merge test's pairs
    scored when it is met, no shortcuts."""
    candidates = unique_pairs(candidates, n)
    prob = np.array([prob_of(i, j) for i, j in candidates.tolist()])
    keep = prob >= threshold
    candidates, prob = candidates[keep], prob[keep]
    sets, groups = DisjointSets(n), {i: [i] for i in range(n)}
    for i, j in candidates[np.lexsort((candidates[:, 1], candidates[:, 0], -prob))].tolist():
        ra, rb = sets.find(i), sets.find(j)
        if ra == rb:
            continue
        probs = [prob_of(min(x, y), max(x, y)) for x in groups[ra][:sample] for y in groups[rb][:sample]]
        if min(probs) == 0.0 or sum(probs) / len(probs) < threshold:
            continue
        lo = sets.union(ra, rb)
        big, small = (groups.pop(ra), groups.pop(rb)) if len(groups[ra]) >= len(groups[rb]) \
            else (groups.pop(rb), groups.pop(ra))
        groups[lo] = big + small
    return [sorted(groups[r]) for r in sorted(groups)]


@pytest.mark.parametrize("seed", range(6))
def test_agglomerate_scoring_kinds_once_and_tests_ahead_groups_as_plain_linkage(seed):
    rng = np.random.default_rng(seed)
    n = 400
    kinds = rng.integers(0, 60, size=n)  # many items of each kind: copies of a few statements
    table = rng.random((60, 60)) * 1.2
    table[table > 1.0] = 0.0  # some cannot-links

    def prob_of(i, j):
        return float(table[kinds[i], kinds[j]])

    calls = []

    def score(pairs):
        calls.append(len(pairs))
        assert (pairs[:, 0] < pairs[:, 1]).all()
        return np.array([prob_of(i, j) for i, j in pairs.tolist()])

    candidates = rng.integers(0, n, size=(3000, 2))
    candidates = candidates[candidates[:, 0] != candidates[:, 1]]
    expected = _plain_linkage(n, candidates, prob_of, 0.55, 6)
    assert agglomerate(n, candidates, score, 0.55, sample=6, kinds=kinds) == expected
    assert sum(calls) <= 60 * 60  # each ordered pair of kinds scored once
    calls.clear()
    assert agglomerate(n, candidates, score, 0.55, sample=6) == expected  # every item its own kind
    # a screen that drops some of the pairs under the threshold (never one at or above it) leaves the
    # groups as they were: a dropped pair is scored only when a merge test reads it
    under = lambda pairs: np.array([prob_of(i, j) >= 0.55 or rng.random() < 0.3 for i, j in pairs.tolist()])
    calls.clear()
    assert agglomerate(n, candidates, score, 0.55, sample=6, kinds=kinds, screen=under) == expected
    assert sum(calls) < 60 * 60


def test_ceiling_bounds_the_probability_whatever_the_word_set_ratio():
    from claimledger.ledger.claims import Matcher
    from claimledger.ledger.matching import MatchModel, TreeMatchModel, load_model

    texts = SENTENCES + ["Troops were sent, officials said.", "Officials said troops were sent.",
                         "No troops were sent to Russia, the ministry said on Monday."]
    profiles = [text_profile(t) for t in texts]
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(len(texts), 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    pairs = np.array([(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))])
    matcher = Matcher(profiles, vecs, collection_idf(profiles), load_model(), np.arange(len(texts)))
    assert isinstance(matcher.model, MatchModel)
    exact, ceiling = matcher.probability(pairs), matcher.ceiling(pairs)
    assert (ceiling >= exact).all() and (ceiling > exact + 1e-4).any()  # a bound, and not the value itself
    # a model of trees with cuts on the ratio: its ceiling is the best leaf any ratio in [0, 1] reaches
    col = FEATURES.index("token_set")
    tree = {"value": [0.0, -2.0, 0.0, 0.5, 3.0], "feature_idx": [col, 0, col, 0, 0],
            "num_threshold": [0.3, 0.0, 0.8, 0.0, 0.0], "missing_go_to_left": [1, 0, 1, 0, 0],
            "left": [1, 0, 3, 0, 0], "right": [2, 0, 4, 0, 0], "is_leaf": [0, 1, 0, 1, 1]}
    trees = TreeMatchModel.of([tree], 0.0, 0.5, "written for the test")
    rows = np.zeros((3, len(FEATURES)))
    rows[:, col] = [0.1, 0.5, 0.9]
    assert np.allclose(trees.probability(rows), 1 / (1 + np.exp([2.0, -0.5, -3.0])))
    assert np.allclose(trees.ceiling(rows, col), 1 / (1 + np.exp(-3.0)))
