"""How a text relates to a claim: agree, disagree, discuss or unrelated.

The ledger relates each statement (a sentence) or report (an article body) to
each claim it addresses. Word rules cannot tell "officials confirmed X" from
"officials denied reports of X" from "X could not be confirmed", so this is a
small learned model: a few dozen features of the pair (sentence-embedding
similarity of the claim to the text's sentences, TF-IDF and word/bigram
overlap, agreement of numbers, counts of learned agreeing/refuting/hedging cue
words in the sentences nearest the claim) and a one-hidden-layer network over
them. Everything that is fitted (IDF vocabulary, cue words, scaler, network
weights) is fitted by ``scripts/train_stance.py`` on the training splits of
FNC-1 and Emergent and ships in ``data/stance_model.npz``; inference here is
NumPy only (no scikit-learn at run time).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import numpy as np

from claimledger.ledger.embeddings import embed

LABELS = ("agree", "disagree", "discuss", "unrelated")
CUE_CLASSES = LABELS[:3]  # cue words are learned for the three related labels
MAX_SENTENCES = 40  # a report's sentences read: bounds the cost; claims are addressed early
MAX_SENTENCE_CHARS = 600  # longer "sentences" (lists, run-on markup) are cut: the encoder reads 128 tokens anyway
NEAR = 3  # sentences nearest the claim (by embedding) whose cue words are counted
LEDE = 2  # opening sentences, whose cue words are counted apart: a report's own stance is usually in its lede
# (The four bounds above are set by hand, not fitted; what is fitted ships in WEIGHTS, written by
# scripts/train_stance.py from the FNC-1 and Emergent training stories.)
WEIGHTS = "stance_model.npz"

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\s*\n\s*")
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def split_sentences(text: str) -> list[str]:
    """Sentences by end punctuation and line breaks: fast and the same at training and run time."""
    out = [s.strip()[:MAX_SENTENCE_CHARS] for s in _SENTENCE_END.split(text)]
    out = [s for s in out if _WORD.search(s.lower())]
    return out[:MAX_SENTENCES] or [text.strip()[:MAX_SENTENCE_CHARS]]


def stem(word: str) -> str:
    """Strip English inflections (denies/denied/denying -> deny, claims -> claim) so one learned
    cue covers its forms; derivations (reportedly) stay apart."""
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed words; "n't" becomes "not" so negation is one token."""
    return [stem(w) for w in _WORD.findall(re.sub(r"n[’']t\b", " not", text.lower()))]


# Negation is linguistic common knowledge, not fitted: the learned cue lists carry the rest.
NEGATION = frozenset(map(stem, ("not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without")))


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


@dataclass(frozen=True)
class Lexicon:
    """The fitted word statistics the features read: IDF per word and the cue words per related label."""

    idf: dict[str, float]
    default_idf: float  # a word unseen in training is as rare as the rarest seen
    cues: dict[str, frozenset[str]]  # label -> cue words


def _tfidf(words: list[str], lex: Lexicon) -> dict[str, float]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    vec = {w: (1.0 + math.log(c)) * lex.idf.get(w, lex.default_idf) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


FEATURES = (
    "emb_first", "emb_max", "emb_top", "emb_mean", "emb_centroid",
    "tfidf_text", "tfidf_max_sentence", "idf_overlap_text", "idf_overlap_near", "bigram_overlap",
    "claim_has_number", "claim_numbers_found", "text_numbers_not_in_claim",
    "log_sentences", "log_text_words", "log_claim_words",
    "cue_agree_near", "cue_disagree_near", "cue_discuss_near",
    "cue_agree_text", "cue_disagree_text", "cue_discuss_text",
    "cue_agree_lede", "cue_disagree_lede", "cue_discuss_lede",
    "cue_agree_claim", "cue_disagree_claim", "cue_discuss_claim",
    "negation_near", "negation_text", "negation_lede", "negation_claim",
)


@dataclass
class _Text:
    """What the features read of one text, computed once however many claims it is paired with."""

    sentences: list[str]
    vecs: np.ndarray  # unit embeddings of the sentences
    centroid: np.ndarray
    words: list[list[str]]  # per sentence
    all_words: list[str]
    word_set: set[str]
    tfidf: dict[str, float]
    sentence_tfidf: list[dict[str, float]]
    bigrams: set[tuple[str, str]]
    numbers: set[str]
    cue_rates: list[float]  # per cue label, then negation: per 100 words of the whole text
    lede_rates: list[float]  # the same in the first LEDE sentences


def _rate(words: list[str], vocab: frozenset[str]) -> float:
    """Occurrences per 100 words, so a long body and a one-line statement are comparable."""
    return 100.0 * sum(w in vocab for w in words) / max(len(words), 1)


class _Words:
    """Each string's tokens, TF-IDF and cue rates, worked out once per :func:`features` call: a one-sentence
    text (a statement) is its own only sentence, and contradiction checks read each text as claim and text."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._tokens: dict[str, list[str]] = {}
        self._tfidf: dict[str, dict[str, float]] = {}
        self._rates: dict[str, list[float]] = {}

    def tokens(self, s: str) -> list[str]:
        if (ws := self._tokens.get(s)) is None:
            ws = self._tokens[s] = tokens(s)
        return ws

    def tfidf(self, s: str) -> dict[str, float]:
        if (v := self._tfidf.get(s)) is None:
            v = self._tfidf[s] = _tfidf(self.tokens(s), self.lex)
        return v

    def rates(self, s: str) -> list[float]:
        if (v := self._rates.get(s)) is None:
            v = self._rates[s] = _rates(self.tokens(s), self.lex)
        return v


def _read_text(sentences: list[str], vecs: np.ndarray, words_of: _Words) -> _Text:
    lex = words_of.lex
    words = [words_of.tokens(s) for s in sentences]
    all_words = [w for ws in words for w in ws]
    centroid = vecs.mean(0)
    one = sentences[0] if len(sentences) == 1 else None  # the whole text is its sentence: the same sums
    cue_rates = words_of.rates(one) if one is not None else _rates(all_words, lex)
    return _Text(
        sentences=sentences, vecs=vecs, centroid=centroid / max(float(np.linalg.norm(centroid)), 1e-9),
        words=words, all_words=all_words, word_set=set(all_words),
        tfidf=words_of.tfidf(one) if one is not None else _tfidf(all_words, lex),
        sentence_tfidf=[words_of.tfidf(s) for s in sentences],
        bigrams=set().union(*(_bigrams(ws) for ws in words)),
        numbers=set().union(*(numbers(s) for s in sentences)),
        cue_rates=cue_rates,
        lede_rates=cue_rates if len(sentences) <= LEDE else _rates([w for ws in words[:LEDE] for w in ws], lex),
    )


def _rates(words: list[str], lex: Lexicon) -> list[float]:
    """Cue words of each related label, then negations, per 100 words."""
    return [*(_rate(words, lex.cues[k]) for k in CUE_CLASSES), _rate(words, NEGATION)]


@dataclass(frozen=True, slots=True)
class _Claim:
    """What the features read of one claim, computed once however many texts it is paired with."""

    words: list[str]
    tfidf: dict[str, float]
    idf: dict[str, float]
    idf_total: float
    bigrams: set[tuple[str, str]]
    numbers: set[str]
    rates: list[float]


def _read_claim(claim: str, words_of: _Words) -> _Claim:
    lex = words_of.lex
    claim_words = words_of.tokens(claim)
    claim_idf = {w: lex.idf.get(w, lex.default_idf) for w in set(claim_words)}
    return _Claim(claim_words, words_of.tfidf(claim), claim_idf, sum(claim_idf.values()) or 1.0,
                  _bigrams(claim_words), numbers(claim), words_of.rates(claim))


def _pair_features(claim_vec: np.ndarray, text: _Text, c: _Claim, lex: Lexicon) -> list[float]:
    """One row in the order of :data:`FEATURES` for a claim (its vector and :func:`_read_claim`) and a
    text; a one-sentence text (a statement) gets the same features as a body, with one sentence to look at."""
    sims = text.vecs @ claim_vec
    order = np.argsort(-sims, kind="stable")
    near = order[:NEAR]
    if len(text.sentences) == 1:  # its one sentence is the whole text: the same counts, read once
        near_set, near_rates = text.word_set, text.cue_rates
    else:
        near_words = [w for i in near for w in text.words[i]]
        near_set, near_rates = set(near_words), _rates(near_words, lex)
    claim_idf, idf_total, claim_numbers = c.idf, c.idf_total, c.numbers
    return [
        float(sims[0]), float(sims[order[0]]), float(sims[near].mean()), float(sims.mean()),
        float(text.centroid @ claim_vec),
        _cosine(c.tfidf, text.tfidf),
        max(_cosine(c.tfidf, t) for t in text.sentence_tfidf),
        sum(v for w, v in claim_idf.items() if w in text.word_set) / idf_total,
        sum(v for w, v in claim_idf.items() if w in near_set) / idf_total,
        len(c.bigrams & text.bigrams) / max(len(c.bigrams), 1),
        float(bool(claim_numbers)),
        len(claim_numbers & text.numbers) / max(len(claim_numbers), 1),
        math.log1p(len(text.numbers - claim_numbers)),
        math.log1p(len(text.sentences)), math.log1p(len(text.all_words)), math.log1p(len(c.words)),
        *near_rates[:3], *text.cue_rates[:3], *text.lede_rates[:3], *c.rates[:3],
        near_rates[3], text.cue_rates[3], text.lede_rates[3], c.rates[3],
    ]


@dataclass(slots=True)
class _Read:
    """What :func:`features` has read of each claim and text (and their vectors): within
    :func:`remembered_rows` it is kept across calls, as a build pairs the same texts again and again."""

    words: _Words
    texts: dict[str, _Text] = field(default_factory=dict)
    claims: dict[str, tuple[np.ndarray, _Claim]] = field(default_factory=dict)


def features(claims: Sequence[str], texts: Sequence[str], lex: Lexicon,
             embed_fn: Callable[[list[str]], np.ndarray], *, read: _Read | None = None) -> np.ndarray:
    """Feature rows for pairs, embedding every distinct claim and sentence not yet ``read`` in one ``embed_fn`` call."""
    read = read or _Read(_Words(lex))
    split = {t: split_sentences(t) for t in dict.fromkeys(texts) if t not in read.texts}
    fresh = [c for c in dict.fromkeys(claims) if c not in read.claims]  # a claim paired with many texts is read once
    distinct = list(dict.fromkeys([*fresh, *(s for ss in split.values() for s in ss)]))
    vecs = embed_fn(distinct) if distinct else np.zeros((0, 1), np.float32)
    row = {t: i for i, t in enumerate(distinct)}
    read.texts.update((t, _read_text(ss, vecs[[row[s] for s in ss]], read.words)) for t, ss in split.items())
    read.claims.update((c, (vecs[row[c]], _read_claim(c, read.words))) for c in fresh)
    out = np.zeros((len(claims), len(FEATURES)), dtype=np.float32)
    for i, (claim, text) in enumerate(zip(claims, texts)):
        vec, c = read.claims[claim]
        out[i] = _pair_features(vec, read.texts[text], c, lex)
    return out


@dataclass(frozen=True)
class _Weights:
    lex: Lexicon
    mean: np.ndarray
    scale: np.ndarray
    layers: list[tuple[np.ndarray, np.ndarray]]  # (W, b) per layer; ReLU between, softmax after


@lru_cache(maxsize=1)
def _weights() -> _Weights:
    """The shipped model, read once on first use (importing the ledger should not cost a file read)."""
    with files("claimledger.ledger").joinpath("data", WEIGHTS).open("rb") as fh, np.load(fh) as data:
        lex = Lexicon(
            idf=dict(zip(data["idf_words"].tolist(), data["idf_values"].astype(float).tolist())),
            default_idf=float(data["default_idf"]),
            cues={k: frozenset(data[f"cues_{k}"].tolist()) for k in CUE_CLASSES},
        )
        if tuple(data["features"].tolist()) != FEATURES or tuple(data["labels"].tolist()) != LABELS:
            raise RuntimeError(f"{WEIGHTS} was trained with other features or labels: re-run scripts/train_stance.py")
        n_layers = int(data["n_layers"])
        layers = [(data[f"W{i}"].astype(np.float32), data[f"b{i}"].astype(np.float32)) for i in range(n_layers)]
        return _Weights(lex, data["mean"].astype(np.float32), data["scale"].astype(np.float32), layers)


def predict_proba(x: np.ndarray, mean: np.ndarray, scale: np.ndarray,
                  layers: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The network's forward pass (standardise, ReLU hidden layers, softmax): the training script checks
    it against scikit-learn's own predictions before writing the weights."""
    h = (x - mean) / scale
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            np.maximum(h, 0.0, out=h)
    h = np.exp(h - h.max(1, keepdims=True))
    return h / h.sum(1, keepdims=True)


def stance_scores(claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """Probabilities (n × 4, columns in the order of :data:`LABELS`) that each text agrees with,
    disagrees with, discusses or is unrelated to the claim beside it.

    All distinct claims and sentences are embedded in one batch; the sentence
    vectors go through the ledger's embedding cache, where statements the
    ledger grouped are already held.
    """
    if len(claims) != len(texts):
        raise ValueError(f"{len(claims)} claims but {len(texts)} texts: pairs must line up")
    if not claims:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    w = _weights()
    kept = _kept.get()
    if kept is None:
        x = features(claims, texts, w.lex, embed)
    else:  # within remembered_rows(): each pair's feature row, and each text's reading, is computed once
        if kept.read is None:
            kept.read = _Read(_Words(w.lex))
        pairs = list(zip(claims, texts))
        todo = [p for p in dict.fromkeys(pairs) if p not in kept.rows]
        if todo:
            kept.rows.update(zip(todo, features([c for c, _ in todo], [t for _, t in todo], w.lex, embed,
                                                read=kept.read)))
        x = np.stack([kept.rows[p] for p in pairs])
    return predict_proba(x, w.mean, w.scale, w.layers)


@dataclass(slots=True)
class _Kept:
    rows: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    read: _Read | None = None  # made on first use, with the model's lexicon


_kept: ContextVar[_Kept | None] = ContextVar("stance_feature_rows", default=None)


@contextmanager
def remembered_rows() -> Iterator[None]:
    """Within the block, :func:`stance_scores` keeps the feature row of each (claim, text) pair it
    reads and reuses it when the pair is asked again (a ledger build asks about many pairs more
    than once: grouping, then stance shifts and responses), and what it read of each text and claim
    for the rows of new pairs. A row is a function of the pair and of its texts' vectors, which do not
    change within a build (a vector does not depend on its batch-mates); the network still runs over
    each call's rows together, as without the block."""
    token = _kept.set(_Kept())
    try:
        yield
    finally:
        _kept.reset(token)


def stance(claim: str, text: str) -> str:
    """The most probable of :data:`LABELS` for one pair."""
    return LABELS[int(np.argmax(stance_scores([claim], [text])[0]))]
