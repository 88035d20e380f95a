"""Do two statements state the same proposition? A learned pairwise score.

A pair is described by a few features of its two texts (sentence-embedding
cosine, shared content words plain and weighted by their rarity in the
collection, shared names, shared and clashing numbers or a number on one side
only, one negated and the other not, length ratio); a logistic model turns them into a
probability (a JSON of kind "trees" holds boosted trees instead, :class:`TreeMatchModel`, which
``scripts/train_claim_match.py --trees`` writes for comparison). Its weights and the decision threshold are not set by hand:
``scripts/train_claim_match.py`` fits them on ECB+ *train* topics (sentences
that mention one real-world event across documents, against sentences of the
same topic about another event) and on Emergent headlines (headlines of one
rumour against headlines of others), prints the score on ECB+ *dev* topics and
held-out Emergent claims, and writes ``ledger/data/claim_match.json``.

Slot features compare the clauses the statements stand in (:mod:`claimledger.extract.slots`, kept
from the parse at extraction): the predicates' and themes' word-vector cosine, a clash of two named
agents or two places. They are 0 when a side has no clause.

Features are computed on arrays of candidate pairs, so a ledger never scores
all pairs; :func:`text_profile` is computed once per statement.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process

from claimledger.ledger.groups import DisjointSets
from claimledger.records import Clause

#: Features read from the two statements' clauses (:class:`claimledger.records.Clause`, read by :mod:`claimledger.extract.slots`), each 0
#: when a side has none (a store written before the clauses were kept, a text the parse gave no verb).
SLOT_FEATURES: tuple[str, ...] = ("slots_both", "predicate_same", "predicate_sim", "theme_both", "theme_same",
                                  "theme_sim", "agent_sim", "agent_clash", "place_clash")
FEATURES: tuple[str, ...] = (
    "cosine", "word_overlap", "idf_overlap", "token_set", "name_overlap", "name_clash",
    "number_shared", "number_clash", "number_one_side", "negation_mismatch", "length_ratio",
    *SLOT_FEATURES,
)

# Function words and reporting verbs: not what a proposition is about (linguistic common knowledge).
STOP = frozenset("""
the a an and or of to in on at for from by with as that this these those it its is are was were be been being
has have had will would could may might can shall should must do does did not no nor but than then there their
they them he she his her we our us you your who whom which what when where while after before about over into
out up down off so if also just only very more most some any all each both such own same other another
said says say saying told tell tells according reported reports report stated states claimed claims
""".split())
NEGATION = frozenset({"not", "no", "never", "nor", "none", "nothing", "neither", "nobody", "n't", "without"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|mn|m)?\b", re.I)
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DIGIT = re.compile(r"\d")
#: A day of the month beside its month ("Oct. 8", "8 October"): a date, not a figure of the proposition.
_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])", re.I)


@dataclass(frozen=True, slots=True)
class TextProfile:
    """What the features read of one text, computed once per statement."""

    words: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[float]
    negated: bool
    length: int
    folded: str


@lru_cache(maxsize=65536)  # a story's vocabulary: each word is folded once
def _stem(word: str) -> str:
    """A light plural/possessive fold ("troops" ~ "troop", "Pope's" ~ "pope"), enough for overlap counts."""
    w = word.lower().replace("’", "'")
    w = w[:-2] if w.endswith("'s") else w.rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def _content_word(tok: str) -> str | None:
    """A token's folded form (:func:`_stem`) when it counts as a content word, else None (a number,
    a function word, a word under three letters); asked once per distinct token."""
    low = tok.lower()
    if tok[0].isdigit() or low in STOP or len(low) < 3:
        return None
    return _stem(tok)


_NEGATION_STEMS = frozenset(_stem(w) for w in NEGATION)


def negation_only(a: str, b: str) -> bool:
    """Whether one text is the other with a negation: the same content words and numbers, one negated ("the
    company had threatened to hire replacement workers" / "… had never threatened …"). A sentence and its
    negation contradict each other, whatever a model reads of their likeness."""
    pa, pb = text_profile(a), text_profile(b)
    if pa.negated == pb.negated or pa.numbers != pb.numbers:
        return False
    wa, wb = pa.words - _NEGATION_STEMS, pb.words - _NEGATION_STEMS
    return bool(wa) and wa == wb


@lru_cache(maxsize=262144)
def text_profile(text: str) -> TextProfile:
    tokens = _WORD.findall(text)
    words, names = set(), set()
    for k, tok in enumerate(tokens):
        stem = _content_word(tok)
        if stem is None:
            continue
        words.add(stem)
        # A capitalised word not opening the text or a sentence: a name ("Plant", "Mirror", "Vatican").
        if tok[0].isupper() and k > 0 and tokens[k - 1] not in (".", "!", "?"):
            names.add(stem)
    numbers = set()
    for m in _NUMBER.finditer(_DAY.sub(" ", text) if _DIGIT.search(text) else ""):
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        value *= _SCALE.get((m.group(2) or "").lower(), 1.0)
        if not 1900 <= value <= 2100:  # a year is a date, not a figure of the proposition
            numbers.add(value)
    low = text.lower().replace("’", "'")
    negated = bool(NEGATION & set(re.findall(r"[a-z]+|n't", low)))
    return TextProfile(frozenset(words), frozenset(names), frozenset(numbers), negated, len(tokens),
                       " ".join(re.findall(r"[a-z0-9]+", low)))


def _near_equal(a: frozenset[float], b: frozenset[float]) -> bool:
    """Some number of one is within 1% of a number of the other."""
    return any(abs(x - y) <= 0.01 * max(abs(x), abs(y)) for x in a for y in b)


def collection_idf(profiles: list[TextProfile]) -> dict[str, float]:
    """Inverse document frequency of each word over the statements being grouped (smoothed).

    Within one story the words every statement shares ("troops", "Russia") weigh little and
    the ones that tell its propositions apart ("pilots", "ships") weigh much.
    """
    df: dict[str, int] = {}
    for p in profiles:
        for w in p.words:
            df[w] = df.get(w, 0) + 1
    n = len(profiles)
    return {w: float(np.log((1 + n) / (1 + c)) + 1.0) for w, c in df.items()}


def _token_set(first: list[str], second: list[str]) -> np.ndarray:
    """rapidfuzz's ``token_set_ratio`` of each pair (float32), each unordered pair of texts scored once.

    The ratio is symmetric to the bit (set decomposition, an Indel distance and the larger of two
    mirrored ratios; checked on every pair of the 1,000-report benchmark and on 200,000 random
    ones), and two texts recur in both orders among a ledger's pairs (statements are taken in
    their reports' content-hash order, so the copies of two reports meet either way round): at
    1,000 reports 138,000 ordered pairs of texts are 81,000 unordered ones, and the scorer is the
    largest cost of the features.
    """
    slot: dict[tuple[str, str], int] = {}
    left, right, where = [], [], []
    for x, y in zip(first, second):
        key = (x, y) if x <= y else (y, x)
        k = slot.get(key)
        if k is None:
            k = slot[key] = len(left)
            left.append(key[0])
            right.append(key[1])
        where.append(k)
    # On every core: a cold ledger of 1,000 reports builds about 0.3 s sooner on two (the ratios do not depend on it)
    return process.cpdist(left, right, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)[where]


@dataclass(frozen=True, slots=True)
class IdfWeights:
    """What the idf-weighted cosine reads, computed once per set of statements: each word's squared
    idf and each profile's norm (the same sums, in the same order, as computing them per pair); and
    the profiles' counts and flags as arrays, so the features that read only them are array operations."""

    squared: dict[str, float]
    norms: np.ndarray  # per profile index
    n_words: np.ndarray  # per profile index: len(words), len(names), bool(numbers), negated, length
    n_names: np.ndarray
    numbered: np.ndarray
    negated: np.ndarray
    length: np.ndarray

    @classmethod
    def of(cls, profiles: list[TextProfile], idf: dict[str, float]) -> IdfWeights:
        squared = {w: v * v for w, v in idf.items()}
        norm: dict[int, float] = {}
        for p in profiles:
            if id(p) not in norm:
                norm[id(p)] = float(np.sqrt(sum(map(squared.__getitem__, p.words))))
        return cls(squared, np.array([norm[id(p)] for p in profiles], dtype=np.float64),
                   np.array([len(p.words) for p in profiles], dtype=np.float64),
                   np.array([len(p.names) for p in profiles], dtype=np.float64),
                   np.array([bool(p.numbers) for p in profiles], dtype=bool),
                   np.array([p.negated for p in profiles], dtype=bool),
                   np.array([p.length for p in profiles], dtype=np.int64))


@dataclass(frozen=True, slots=True)
class SlotTable:
    """The clause slots of a list of statements (indexed like their profiles), as codes the pair features
    compare by array operations: the predicate and theme as rows of ``vectors`` (unit vectors of the
    words by the ledger's sentence encoder; row 0 is none), a named agent and a place as codes (-1 none).
    """

    has: np.ndarray  # bool per statement: it has a clause
    predicate: np.ndarray  # row of ``vectors``, 0 for none
    theme: np.ndarray
    agent_word: np.ndarray  # row of ``vectors`` of the agent's head, named or not, 0 for none
    agent: np.ndarray  # code of a named agent (case folded), -1 for none or an agent that is not a name
    place: np.ndarray  # code of a place (case folded), -1 for none
    vectors: np.ndarray

    @classmethod
    def of(cls, clauses: Sequence[Clause | None], encode: Callable[[list[str]], np.ndarray] | None = None) -> SlotTable:
        """``encode`` (default :func:`claimledger.ledger.embeddings.embed`, which caches) embeds the distinct
        predicate and theme words once."""
        words: dict[str, int] = {}
        names: dict[str, int] = {}
        n = len(clauses)
        has = np.zeros(n, dtype=bool)
        pred, theme, agent_word = (np.zeros(n, dtype=np.int64) for _ in range(3))
        agent, place = np.full(n, -1, dtype=np.int64), np.full(n, -1, dtype=np.int64)
        for k, c in enumerate(clauses):
            if c is None:
                continue
            has[k] = True
            pred[k] = words.setdefault(c.predicate, len(words) + 1)
            if c.theme:
                theme[k] = words.setdefault(c.theme.lower(), len(words) + 1)
            if c.agent:
                agent_word[k] = words.setdefault(c.agent.lower(), len(words) + 1)
            if c.agent and c.agent_named:
                agent[k] = names.setdefault(c.agent.lower(), len(names))
            if c.place:
                place[k] = names.setdefault(c.place.lower(), len(names))
        if encode is None:
            from claimledger.ledger.embeddings import embed as encode
        vecs = encode(list(words)) if words else np.zeros((0, 1), dtype=np.float32)
        table = np.zeros((len(words) + 1, vecs.shape[1] if len(words) else 1), dtype=np.float32)
        table[1:] = vecs
        return cls(has, pred, theme, agent_word, agent, place, table)

    def take(self, rows: np.ndarray) -> SlotTable:
        return SlotTable(self.has[rows], self.predicate[rows], self.theme[rows], self.agent_word[rows],
                         self.agent[rows], self.place[rows], self.vectors)


def _slot_features(out: np.ndarray, slots: SlotTable, first: np.ndarray, second: np.ndarray) -> None:
    """Fill the :data:`SLOT_FEATURES` columns of ``out`` for pairs (first, second) of ``slots``' rows."""
    col = {name: FEATURES.index(name) for name in SLOT_FEATURES}
    both = slots.has[first] & slots.has[second]
    out[:, col["slots_both"]] = both
    vec = slots.vectors
    for s in range(0, len(first), 16384):  # row 0 is zeros: a side without the slot gives 0
        a, b = first[s:s + 16384], second[s:s + 16384]
        out[s:s + 16384, col["predicate_sim"]] = np.einsum("ij,ij->i", vec[slots.predicate[a]], vec[slots.predicate[b]])
        out[s:s + 16384, col["theme_sim"]] = np.einsum("ij,ij->i", vec[slots.theme[a]], vec[slots.theme[b]])
        out[s:s + 16384, col["agent_sim"]] = np.einsum("ij,ij->i", vec[slots.agent_word[a]], vec[slots.agent_word[b]])
    out[:, col["predicate_sim"]] *= both
    out[:, col["predicate_same"]] = both & (slots.predicate[first] == slots.predicate[second])
    themes = both & (slots.theme[first] > 0) & (slots.theme[second] > 0)
    out[:, col["theme_sim"]] *= themes
    out[:, col["theme_both"]] = themes
    out[:, col["theme_same"]] = themes & (slots.theme[first] == slots.theme[second])
    out[:, col["agent_sim"]] *= both  # 0 when a side has no agent (its row is zeros)
    ag_a, ag_b = slots.agent[first], slots.agent[second]
    out[:, col["agent_clash"]] = (ag_a >= 0) & (ag_b >= 0) & (ag_a != ag_b)
    pl_a, pl_b = slots.place[first], slots.place[second]
    out[:, col["place_clash"]] = (pl_a >= 0) & (pl_b >= 0) & (pl_a != pl_b)


def pair_features(profiles: list[TextProfile], vecs: np.ndarray, pairs: np.ndarray,
                  idf: dict[str, float], weights: IdfWeights | None = None,
                  slots: SlotTable | None = None, *, token_set: bool = True) -> np.ndarray:
    """Feature rows (len(pairs) × len(FEATURES)) for index pairs into ``profiles``/``vecs``.

    ``idf`` is :func:`collection_idf` of the statements being grouped (``weights``, when given, is
    :meth:`IdfWeights.of` these profiles and ``idf``: a caller scoring pairs of one set many times
    passes it; without it they are made for the profiles the pairs read). Set intersections of short word sets and rapidfuzz's pairwise scorer keep the
    per-pair cost to a few microseconds. ``slots`` (indexed like ``profiles``) gives the clause features;
    without it they are 0, as for statements without clauses. ``token_set=False`` leaves that column 0,
    the scorer being most of the cost (for :meth:`MatchModel.ceiling`, which bounds it instead).
    """
    out = np.zeros((len(pairs), len(FEATURES)), dtype=np.float32)
    if not len(pairs):
        return out
    for s in range(0, len(pairs), 16384):  # in chunks: gathered rows of a million pairs are gigabytes
        out[s:s + 16384, 0] = np.einsum("ij,ij->i", vecs[pairs[s:s + 16384, 0]], vecs[pairs[s:s + 16384, 1]])
    if weights is None:  # a one-off call: the weights of the profiles it reads
        used, local = np.unique(pairs, return_inverse=True)
        read = [profiles[k] for k in used.tolist()]
        return pair_features(read, vecs[used], local.reshape(pairs.shape), idf, IdfWeights.of(read, idf),
                             None if slots is None else slots.take(used), token_set=token_set)
    a = [profiles[k] for k in pairs[:, 0].tolist()]
    b = [profiles[k] for k in pairs[:, 1].tolist()]
    first, second = pairs[:, 0], pairs[:, 1]
    shared = [pa.words & pb.words for pa, pb in zip(a, b)]
    inter = np.fromiter(map(len, shared), dtype=np.float64, count=len(shared))
    union = weights.n_words[first] + weights.n_words[second] - inter
    out[:, 1] = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    denom = weights.norms[first] * weights.norms[second]
    squared = weights.squared.__getitem__
    # fsum is exact, so the sum is the same whatever order the set intersection yields its words in:
    # a pair's features are the same either way round
    dot = np.fromiter((math.fsum(map(squared, x)) for x in shared), dtype=np.float64, count=len(shared))
    out[:, 2] = np.divide(dot, denom, out=np.zeros_like(dot), where=denom > 0)  # idf-weighted cosine
    if token_set:
        out[:, 3] = _token_set([p.folded for p in a], [p.folded for p in b]) / 100.0
    ninter = np.fromiter((len(pa.names & pb.names) for pa, pb in zip(a, b)), dtype=np.float64, count=len(a))
    nunion = weights.n_names[first] + weights.n_names[second] - ninter
    out[:, 4] = np.divide(ninter, nunion, out=np.zeros_like(ninter), where=nunion > 0)
    out[:, 5] = (weights.n_names[first] > 0) & (weights.n_names[second] > 0) & (ninter == 0)
    both = weights.numbered[first] & weights.numbered[second]
    for row in np.flatnonzero(both).tolist():
        agree = _near_equal(a[row].numbers, b[row].numbers)
        out[row, 6], out[row, 7] = agree, not agree
    out[:, 8] = weights.numbered[first] != weights.numbered[second]  # a count only one side gives
    out[:, 9] = weights.negated[first] != weights.negated[second]
    la, lb = weights.length[first], weights.length[second]
    out[:, 10] = np.minimum(la, lb) / np.maximum(np.maximum(la, lb), 1)
    if slots is not None:
        _slot_features(out, slots, first, second)
    return out


@dataclass(frozen=True, slots=True)
class MatchModel:
    """Logistic weights over :data:`FEATURES` (standardised by ``mean``/``scale``) and the decision threshold."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float
    trained_on: str

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def ceiling(self, features: np.ndarray, column: int) -> np.ndarray:
        """The highest probability each row could have whatever its ``column`` holds in [0, 1]: the
        log-odds are linear in it, so the larger of the two ends. Summed in another order than
        :meth:`probability` (no standardised copy of the rows), which :data:`CEILING_MARGIN` covers."""
        slope = self.weights / self.scale
        used = np.flatnonzero(slope)
        used = used[used != column]
        best = max(slope[column], 0.0)  # the column at 1 if it raises the odds, else at 0
        z = features[:, used] @ slope[used] + (self.bias - float(self.mean @ slope) + best)
        return 1.0 / (1.0 + np.exp(-(z + CEILING_MARGIN)))

    @property
    def reads_slots(self) -> bool:
        """Whether any clause-slot feature weighs: a model that gives them 0 needs no :class:`SlotTable`
        (and no vectors of the clauses' words)."""
        return bool(np.any(self.weights[[FEATURES.index(f) for f in SLOT_FEATURES]]))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": self.weights.tolist(), "bias": self.bias,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "threshold": self.threshold,
                "trained_on": self.trained_on}


#: Log-odds added to a :meth:`MatchModel.ceiling`: far above the rounding of a feature row's sums, far
#: below any gap that matters, so a pair under its ceiling is under the threshold for sure.
CEILING_MARGIN = 1e-6

#: The fields of one tree of a model of :class:`TreeMatchModel` in its JSON, as scikit-learn's
#: histogram gradient boosting names them in its predictor's nodes.
TREE_FIELDS: tuple[str, ...] = ("value", "feature_idx", "num_threshold", "missing_go_to_left", "left", "right",
                                "is_leaf")


@dataclass(frozen=True, slots=True)
class TreeMatchModel:
    """Gradient-boosted regression trees over :data:`FEATURES`: the probability is the logistic function of
    ``baseline`` plus one leaf value per tree, and ``threshold`` the decision threshold.

    The nodes of all trees are flat arrays: a split node sends a row left when its feature is at most
    ``cut`` (a missing value as ``missing_left`` says); a leaf sends it to itself either way, so every row
    walks ``depth`` steps down every tree at once and then stands on a leaf of each.
    """

    feature: np.ndarray  # per node
    cut: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray  # index of a node in these arrays
    right: np.ndarray
    value: np.ndarray  # a leaf's value, 0 at a split
    roots: np.ndarray  # per tree, its root node
    depth: int
    baseline: float
    threshold: float
    trained_on: str
    trees: tuple[dict, ...]  # as read (:data:`TREE_FIELDS` per tree), to write back

    CHUNK = 4096  # rows walked at once: rows × trees node indices stay a few megabytes

    @classmethod
    def of(cls, trees: Sequence[dict], baseline: float, threshold: float, trained_on: str) -> TreeMatchModel:
        offsets = np.cumsum([0, *(len(t["value"]) for t in trees)])
        field = {name: np.concatenate([np.asarray(t[name]) for t in trees]) for name in TREE_FIELDS}
        leaf = field["is_leaf"].astype(bool)
        here = np.arange(offsets[-1])
        shift = np.repeat(offsets[:-1], np.diff(offsets))
        left = np.where(leaf, here, field["left"].astype(np.int64) + shift)
        right = np.where(leaf, here, field["right"].astype(np.int64) + shift)
        depth, reach = 0, offsets[:-1]  # the deepest leaf: walk every tree until all stand on leaves
        while not leaf[reach].all():
            reach = np.unique(np.concatenate([left[reach], right[reach]]))
            depth += 1
        return cls(np.where(leaf, 0, field["feature_idx"]).astype(np.int64),
                   np.where(leaf, np.inf, field["num_threshold"]).astype(np.float64),
                   field["missing_go_to_left"].astype(bool), left, right,
                   np.where(leaf, field["value"], 0.0).astype(np.float64), offsets[:-1].astype(np.int64), depth,
                   float(baseline), float(threshold), trained_on, tuple(trees))

    def raw(self, features: np.ndarray) -> np.ndarray:
        """``baseline`` plus the leaf value each tree gives each row (the log-odds)."""
        x = np.asarray(features, dtype=np.float64)
        out = np.empty(len(x))
        for s in range(0, len(x), self.CHUNK):
            rows = x[s:s + self.CHUNK]
            at = np.arange(len(rows))[:, None]
            node = np.broadcast_to(self.roots, (len(rows), len(self.roots)))
            for _ in range(self.depth):
                seen = rows[at, self.feature[node]]
                go_left = np.where(np.isnan(seen), self.missing_left[node], seen <= self.cut[node])
                node = np.where(go_left, self.left[node], self.right[node])
            out[s:s + self.CHUNK] = self.baseline + self.value[node].sum(axis=1)
        return out

    def probability(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(features)))

    def ceiling(self, features: np.ndarray, column: int) -> np.ndarray:
        """The highest probability each row could have whatever its ``column`` holds in [0, 1]: the trees
        are constant between their cuts on it, so the largest over the ends and each cut's two sides."""
        cuts = self.cut[(self.feature == column) & np.isfinite(self.cut) & (self.cut >= 0.0) & (self.cut <= 1.0)]
        x = np.array(features, dtype=np.float64)
        best = np.full(len(x), -np.inf)
        for value in {0.0, 1.0, *cuts.tolist(), *np.nextafter(cuts, np.inf).tolist()}:
            x[:, column] = value
            best = np.maximum(best, self.raw(x))
        return 1.0 / (1.0 + np.exp(-(best + CEILING_MARGIN)))

    @property
    def reads_slots(self) -> bool:
        """Whether any split reads a clause-slot feature (see :attr:`MatchModel.reads_slots`)."""
        splits = self.feature[self.left != np.arange(len(self.left))]
        return bool(np.isin(splits, [FEATURES.index(f) for f in SLOT_FEATURES]).any())

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "kind": "trees", "baseline": self.baseline, "trees": list(self.trees),
                "threshold": self.threshold, "trained_on": self.trained_on}


#: The pair models a ledger can run: :func:`load_model` reads either from its JSON.
PairModel = MatchModel | TreeMatchModel


def model_of(raw: dict) -> PairModel:
    """The pair model a JSON written by ``scripts/train_claim_match.py`` (:meth:`MatchModel.to_json`,
    :meth:`TreeMatchModel.to_json`) describes."""
    if tuple(raw["features"]) != FEATURES:
        raise RuntimeError("ledger/data/claim_match.json was fitted on other features: re-run "
                           "scripts/train_claim_match.py")
    if raw.get("kind") == "trees":
        return TreeMatchModel.of(raw["trees"], raw["baseline"], raw["threshold"], str(raw.get("trained_on", "")))
    return MatchModel(np.asarray(raw["weights"], dtype=np.float64), float(raw["bias"]),
                      np.asarray(raw["mean"], dtype=np.float64), np.asarray(raw["scale"], dtype=np.float64),
                      float(raw["threshold"]), str(raw.get("trained_on", "")))


@lru_cache(maxsize=1)
def load_model() -> PairModel:
    """The shipped model (``ledger/data/claim_match.json``, written by ``scripts/train_claim_match.py``)."""
    return model_of(json.loads(resources.files("claimledger.ledger").joinpath("data/claim_match.json")
                               .read_text("utf-8")))


def unique_keys(keys: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-D integer array, ascending: ``np.unique(keys)`` by a sort and a
    comparison of neighbours (NumPy 2's ``np.unique`` hashes first, many times slower on the
    half a million candidate keys of a 1,000-report ledger)."""
    keys = np.sort(keys)
    if len(keys) > 1:
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Index pairs below ``n`` as (smaller, larger), each once, in order: the rows
    ``np.unique(np.sort(pairs, axis=1), axis=0)`` gives, by a 1-D unique of ``i * n + j``
    (NumPy's row-wise unique sorts a structured view, several times slower)."""
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    lo, hi = pairs.min(axis=1).astype(np.int64), pairs.max(axis=1).astype(np.int64)
    return pairs_of_keys(unique_keys(lo * n + hi), n)


def pairs_of_keys(keys: np.ndarray, n: int) -> np.ndarray:
    """The index pairs (k × 2) of keys ``i * n + j``."""
    return np.stack([keys // n, keys % n], axis=1)


LOOKAHEAD = 256  # candidates ahead whose merge tests are scored along with one that needs scores (speed only)


def agglomerate(n: int, candidates: np.ndarray, score: Callable[[np.ndarray], np.ndarray],
                threshold: float, *, sample: int = 6, kinds: np.ndarray | None = None,
                screen: Callable[[np.ndarray], np.ndarray] | None = None) -> list[list[int]]:
    """Groups of ``0 .. n-1`` by greedy average linkage over scored candidate pairs.

    Candidate pairs at or above ``threshold`` are taken strongest first; two groups merge only
    when the mean probability over their members' pairs (up to ``sample`` members a side,
    scored on demand: a merge test costs at most ``sample``² pairs) also clears it, and any
    pair scored 0 (a cannot-link) vetoes the merge. A chain of near neighbours therefore cannot grow one group out of a whole story.
    Deterministic for a given input order.

    ``kinds`` (optional, one non-negative code per item): items of one kind are alike to ``score``,
    which gives a pair (i, j), i < j, what it gives any (i', j'), i' < j', of the same two kinds in
    that order. Each ordered pair of kinds is then scored once (wire copies repeat statements
    word for word: the merge tests between their groups need few new scores).

    ``score`` must give each pair what it gives it alone, whatever else is in the call: the pairs a
    merge test lacks are scored together with those the next :data:`LOOKAHEAD` candidates' tests lack
    as the groups stand, and a pair scored ahead but never read changes nothing.

    ``screen`` (optional, cheaper than ``score``) is False for candidate pairs that ``score`` would put
    under ``threshold`` for sure: they are dropped unscored (most candidates of a large ledger are), and
    a merge test that reads one scores it then. The groups are those without it.
    """
    kind = np.arange(n, dtype=np.int64) if kinds is None else np.asarray(kinds, dtype=np.int64)
    width = int(kind.max()) + 1 if n else 1
    kind_of = kind.tolist()
    known: dict[int, float] = {}  # probability of each ordered pair of kinds scored, by kind i * width + kind j

    def scored(pairs: np.ndarray) -> np.ndarray:
        probs = score(pairs) if len(pairs) else np.zeros(0)
        known.update(zip((kind[pairs[:, 0]] * width + kind[pairs[:, 1]]).tolist(), probs.tolist()))
        return probs

    candidates = candidates.reshape(-1, 2).astype(np.int64, copy=False)
    keys = candidates[:, 0] * n + candidates[:, 1]
    if not (len(keys) and (candidates[:, 0] < candidates[:, 1]).all() and (np.diff(keys) > 0).all()):
        candidates = unique_pairs(candidates, n)  # unless already (smaller, larger), each once, in order
    # Each ordered pair of kinds among the candidates is scored once, at its first candidate, and its
    # probability given to the others (wire copies make several candidates of one pair of kinds).
    codes = kind[candidates[:, 0]] * width + kind[candidates[:, 1]]
    by_code = np.argsort(codes, kind="stable")
    starts = np.ones(len(codes), dtype=bool)
    starts[1:] = codes[by_code[1:]] != codes[by_code[:-1]]
    group_of = np.empty(len(codes), dtype=np.int64)  # per candidate, the number of its pair of kinds
    group_of[by_code] = np.cumsum(starts) - 1
    first = np.sort(by_code[starts])  # the first candidate of each pair of kinds, in candidate order
    of_group = np.full(int(starts.sum()), -1.0)  # -1: under the threshold, not scored
    if screen is not None:
        first = first[screen(candidates[first])]
    of_group[group_of[first]] = scored(candidates[first])
    prob = of_group[group_of]
    keep = prob >= threshold
    candidates, prob = candidates[keep], prob[keep]
    sets = DisjointSets(n)
    find = sets.find
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    # A merge test reads only the first ``sample`` members of each side and pairs' probabilities, which
    # never change once scored; a merge keeps the larger group's members first. So a test that failed
    # fails again while both sides start with the same members: wire copies link the same two groups
    # by many candidate pairs, and each would repeat it.
    failed: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()

    def test_of(i: int, j: int) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], list[tuple[int, int]]] | None:
        """The merge test candidate (i, j) asks of the groups as they are, and its cells; None if there is
        none (one group already, or a test that failed)."""
        ra, rb = find(i), find(j)
        if ra == rb:
            return None
        ha, hb = tuple(groups[ra][:sample]), tuple(groups[rb][:sample])
        test = (ha, hb)  # in this order: the mean below sums in it
        if test in failed:
            return None
        return test, [(x, y) if x < y else (y, x) for x in ha for y in hb]

    order = candidates[np.lexsort((candidates[:, 1], candidates[:, 0], -prob))].tolist()
    for t, (i, j) in enumerate(order):
        found = test_of(i, j)
        if found is None:
            continue
        test, cells = found
        pairs = [kind_of[x] * width + kind_of[y] for x, y in cells]
        todo: dict[int, tuple[int, int]] = {}
        for p, cell in zip(pairs, cells):
            if p not in known and p not in todo:
                todo[p] = cell
        if todo:
            # Scored in one call with the unscored cells of the next candidates' tests as the groups are
            # now: scoring a few pairs costs mostly the call, and the probabilities do not depend on what
            # else is in it. A merge in between may change a later test; its new cells are scored then.
            for i2, j2 in order[t + 1:t + 1 + LOOKAHEAD]:
                ahead = test_of(i2, j2)
                if ahead is None:
                    continue
                for x, y in ahead[1]:
                    p = kind_of[x] * width + kind_of[y]
                    if p not in known and p not in todo:
                        todo[p] = (x, y)
            scored(np.array(list(todo.values()), dtype=np.int64))
        probs = [known[p] for p in pairs]
        if min(probs) == 0.0 or sum(probs) / len(probs) < threshold:
            failed.add(test)
            continue
        ra, rb = find(i), find(j)
        lo = sets.union(ra, rb)
        big, small = (groups.pop(ra), groups.pop(rb)) if len(groups[ra]) >= len(groups[rb]) \
            else (groups.pop(rb), groups.pop(ra))
        big.extend(small)  # the smaller into the larger: merging stays linear overall
        groups[lo] = big
    return [sorted(groups[r]) for r in sorted(groups)]
