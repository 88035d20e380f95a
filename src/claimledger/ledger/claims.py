"""Stage 3: group statements that state one proposition, across reports, into claims.

Whether two statements are one claim is decided by the learned pair model of
:mod:`matching` (weights and threshold fitted by ``scripts/train_claim_match.py``
on ECB+, Emergent and PolNeAR training splits), under cannot-links read from
the propositions: statements of different polarity, or counting different
values, classes of thing or aspects ("already sent" / "being prepared"), are
never one claim; such differences are conflicts between claims. Nor are two
statements the learned stance model reads as one negating the other ("paradise
is not for animals" / "paradise is open to all creatures"), however alike their
words (:func:`contradicts`).

There is no all-pairs step. Candidate pairs come from blocks: statements
sharing a figure key, sharing one of their rarest content words, or sharing
an origin; a block larger than ``block_cap`` is compared only within a sliding
window of its members ordered along the first principal direction of their
embeddings (close vectors sit close in that order). Groups then form by
greedy average linkage (:func:`matching.agglomerate`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from claimledger.ledger.embeddings import DIM, embed
from claimledger.ledger.matching import (
    FEATURES,
    IdfWeights,
    PairModel,
    SlotTable,
    TextProfile,
    agglomerate,
    collection_idf,
    load_model,
    negation_only,
    pair_features,
    pairs_of_keys,
    text_profile,
    unique_keys,
)
from claimledger.ledger.params import LedgerParams
from claimledger.ledger.propositions import STOP_WORDS, Proposition, ranges_meet
from claimledger.ledger.stance_model import LABELS, stance_scores
from claimledger.ledger.statements import Statement



@dataclass(slots=True)
class Matcher:
    """The pair model over one ledger's statements, for the stages after grouping (stance reuses it)."""

    profiles: list[TextProfile]
    vecs: np.ndarray
    idf: dict[str, float]
    model: PairModel
    text_ids: np.ndarray  # per statement, the number of its text and clause: statements with both alike share it
    weights: IdfWeights | None = None  # of profiles and idf, made on first use
    slots: SlotTable | None = None  # the statements' clause slots (None: scored as if none had a clause)

    def probability(self, pairs: np.ndarray, *, ignore_figures: bool = False) -> np.ndarray:
        """Same-proposition probability of index pairs, ignoring polarity (a denial and what it denies score high).

        ``ignore_figures`` scores each pair as if neither gave a number: "would these be one
        proposition but for the figure?", the question a figure conflict asks.
        """
        if not len(pairs):
            return np.zeros(0)
        # A pair's features are a function of its two texts and the same either way round (products,
        # counts, exact sums, the larger of mirrored ratios): wire copies repeat statements word for
        # word, so each unordered pair of texts is computed once and its row given to every pair of it.
        texts = self.text_ids[pairs]
        lo, hi = np.minimum(texts[:, 0], texts[:, 1]), np.maximum(texts[:, 0], texts[:, 1])
        _, first, rows = np.unique(lo * len(self.profiles) + hi, return_index=True, return_inverse=True)
        features = pair_features(self.profiles, self.vecs, pairs[first], self.idf, self._idf_weights(),
                                 self.slots)[rows.reshape(-1)]
        if ignore_figures:
            for name in ("number_shared", "number_clash", "number_one_side"):
                features[:, FEATURES.index(name)] = 0.0
        return self.model.probability(features)

    def ceiling(self, pairs: np.ndarray) -> np.ndarray:
        """The most :meth:`probability` could give each pair, from every feature but the costly word-set
        ratio (rapidfuzz's ``token_set_ratio``), taken at its most favourable value."""
        if not len(pairs):
            return np.zeros(0)
        features = pair_features(self.profiles, self.vecs, pairs, self.idf, self._idf_weights(), self.slots,
                                 token_set=False)
        return self.model.ceiling(features, FEATURES.index("token_set"))

    def _idf_weights(self) -> IdfWeights:
        if self.weights is None:
            self.weights = IdfWeights.of(self.profiles, self.idf)
        return self.weights


def _blocks(statements: list[Statement], props: list[Proposition], params: LedgerParams) -> list[list[int]]:
    """Candidate blocks: same figure, same origin, shared rare word."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    words = []
    df: dict[str, int] = defaultdict(int)
    of_text: dict[str, frozenset[str]] = {}
    for i, (st, prop) in enumerate(zip(statements, props)):
        if prop.quantity is not None:
            blocks[("fig", prop.quantity.value, prop.quantity.subject_class, st.polarity)].append(i)
        if st.origin:
            blocks[("origin", st.origin, st.polarity)].append(i)
        ws = of_text.get(st.text)  # statements repeat texts (wire copies): each text is read once
        if ws is None:
            ws = of_text[st.text] = frozenset(w for w in re.findall(r"[a-z][a-z'-]{2,}", st.text.lower())
                                              if w not in STOP_WORDS)
        words.append(ws)
        for w in ws:
            df[w] += 1
    chosen: dict[frozenset[str], list[str]] = {}
    for i, ws in enumerate(words):
        # Every word shared by few statements (a small block is compared exhaustively),
        # and the rarest few of the rest.
        if ws not in chosen:
            ranked = sorted((w for w in ws if df[w] >= 2), key=lambda w: (df[w], w))
            chosen[ws] = sorted({*ranked[:params.rare_words], *(w for w in ranked if df[w] <= params.block_cap)})
        for w in chosen[ws]:
            blocks[("word", w)].append(i)
    return [blocks[k] for k in sorted(blocks, key=repr) if len(blocks[k]) > 1]


@lru_cache(maxsize=256)
def _upper(size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.triu_indices(size, 1)``, computed once per block size (most blocks have a few members)."""
    return np.triu_indices(size, 1)


def _pair_keys(block: list[int], proj: np.ndarray, n: int, params: LedgerParams) -> np.ndarray:
    """Candidate pairs (i, j), i < j, of one block as keys ``i * n + j``: all of them, or a window along ``proj``."""
    idx = np.asarray(block, dtype=np.int64)  # ascending: blocks are filled in statement order
    if len(block) <= params.block_cap:
        x, y = _upper(len(block))
        return idx[x] * n + idx[y]
    order = idx[np.lexsort((idx, proj[idx]))]
    x = np.repeat(np.arange(len(order)), params.window)
    y = x + np.tile(np.arange(1, params.window + 1), len(order))
    keep = y < len(order)
    first, second = order[x[keep]], order[y[keep]]
    return np.minimum(first, second) * n + np.maximum(first, second)


def candidate_pairs(statements: list[Statement], props: list[Proposition], vecs: np.ndarray,
                    params: LedgerParams) -> np.ndarray:
    """Index pairs worth scoring (k × 2, i < j, unique), of any polarity."""
    n = len(statements)
    axis = vecs.mean(0) if n else np.zeros(DIM, dtype=np.float32)
    if n > 2:  # first principal direction, by a few power iterations (deterministic start)
        centred = vecs - axis
        v = np.ones(vecs.shape[1], dtype=np.float32)
        for _ in range(8):
            v = centred.T @ (centred @ v)
            v /= max(float(np.linalg.norm(v)), 1e-9)
        axis = v
    proj = vecs @ axis
    keys = [_pair_keys(block, proj, n, params) for block in _blocks(statements, props, params)]
    if not keys:
        return np.zeros((0, 2), dtype=np.int64)
    return pairs_of_keys(unique_keys(np.concatenate(keys)), n)


def _codes(values: list) -> np.ndarray:
    """Equal values get equal non-negative codes; None gets -1."""
    table: dict = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def may_share_claim(props: list[Proposition]) -> Callable[[np.ndarray], np.ndarray]:
    """A test of index pairs: may each pair be one claim at all? (a boolean per row)

    Not when the polarities differ (an assertion and its denial are two claims joined by a
    conflict), nor when either only points back ("denied the reports": :mod:`stance` places it), nor when both count something and the counts differ, count things of different
    classes, or at different aspects ("10,000 already sent" / "10,000 being prepared"; "another
    12,000" / "12,000 in all"), or of people harmed differently ("30 killed" / "30 injured"): each
    is a figure conflict between two claims, or none. Nor when one gives a count the other only
    supposes or refers to ("reports of 800 job cuts were speculation"), nor when both measure in one
    unit and the values do not meet ("less than two centimetres" / "28 centimetres"). The codes are
    computed once, so each call costs only its pairs.
    """
    pol = _codes([p.polarity for p in props])
    has_q = np.array([p.quantity is not None for p in props], dtype=bool)
    value = _codes([p.quantity.value if p.quantity else None for p in props])
    klass = np.array([p.quantity.subject_class if p.quantity else -1 for p in props], dtype=np.int64)
    aspect = _codes([p.quantity.aspect if p.quantity else None for p in props])
    harm = _codes([p.quantity.harm if p.quantity else None for p in props])
    anaphoric = np.array([p.anaphoric for p in props], dtype=bool)
    speech = np.array([p.reports_speech for p in props], dtype=bool)
    given = np.array([p.quantity is not None and not p.quantity.supposed for p in props], dtype=bool)
    measured = np.array([bool(p.measures) for p in props], dtype=bool)

    def measures_meet(i: int, j: int) -> bool:
        """Every unit both measure in has values that meet ("less than two centimetres" / "28 centimetres" do not)."""
        units = {u: (lo, hi) for u, _, lo, hi in props[j].measures}
        return all(ranges_meet((lo, hi), units[u]) for u, _, lo, hi in props[i].measures if u in units)

    def allowed(pairs: np.ndarray) -> np.ndarray:
        i, j = pairs[:, 0], pairs[:, 1]
        both = has_q[i] & has_q[j]
        timing = (aspect[i] < 0) | (aspect[j] < 0) | (aspect[i] == aspect[j])
        happened = (harm[i] < 0) | (harm[j] < 0) | (harm[i] == harm[j])  # "30 killed" / "30 injured"
        same_class = (klass[i] < 0) | (klass[j] < 0) | (klass[i] == klass[j])  # "put the number at 11,000"
        ok = (pol[i] == pol[j]) & ~anaphoric[i] & ~anaphoric[j] & (speech[i] == speech[j]) \
            & (~both | ((value[i] == value[j]) & same_class & timing & happened & (given[i] == given[j])))
        for row in np.flatnonzero(ok & measured[i] & measured[j]).tolist():
            ok[row] = measures_meet(int(i[row]), int(j[row]))
        return ok
    return allowed


def contradicts(first: list[str], second: list[str]) -> np.ndarray:
    """Does one text of each pair say the other is not so ("paradise is not for animals" against "paradise
    is open to all creatures")? Then they are two claims, however alike their words.

    One that is the other with a negation (:func:`negation_only`) does; otherwise the learned stance model
    (:mod:`stance_model`, FNC-1 and Emergent) judges it, in both directions: it reads "had never threatened"
    as agreeing with "had threatened". The grouping asks only about pairs the matcher would join where one
    text is negated and the other not: that is where wording alone joins a proposition and its negation,
    and it keeps the model's cost to a few pairs.
    """
    if not first:
        return np.zeros(0, dtype=bool)
    pairs = list(dict.fromkeys(zip(first, second)))  # copies of a report repeat their pairs: each is read once
    found = {pair: True for pair in pairs if negation_only(*pair)}
    pairs = [pair for pair in pairs if pair not in found]
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    rows = stance_scores(a + b, b + a).argmax(1) == LABELS.index("disagree") if pairs else np.zeros(0, dtype=bool)
    found.update(zip(pairs, (rows[:len(pairs)] | rows[len(pairs):]).tolist()))
    return np.array([found[pair] for pair in zip(first, second)], dtype=bool)


def _scored_as(st: Statement) -> tuple:
    """What the pair model reads of a statement: its text and its clause's slots."""
    return st.text, None if st.clause is None else st.clause.slots()


def cluster(statements: list[Statement], props: list[Proposition], *,
            params: LedgerParams) -> tuple[list[list[int]], Matcher, np.ndarray]:
    """Statement indices grouped into claims (deterministic for a given order), the matcher, the candidates."""
    n = len(statements)
    vecs = embed([st.text for st in statements]) if n else np.zeros((0, DIM), dtype=np.float32)
    profiles = [text_profile(st.text) for st in statements]
    numbered: dict[str, int] = {}
    text_ids = np.array([numbered.setdefault(_scored_as(st), len(numbered)) for st in statements], dtype=np.int64)
    model = load_model()
    # The clauses' words are embedded only for a model that weighs them (the shipped one does not:
    # scripts/train_claim_match.py kept the slot features out), so a build embeds what analyze stored.
    matcher = Matcher(profiles, vecs, collection_idf(profiles), model, text_ids,
                      slots=SlotTable.of([st.clause for st in statements]) if model.reads_slots else None)
    allowed = may_share_claim(props)
    negated = np.array([p.negated for p in profiles], dtype=bool)

    def score(pairs: np.ndarray) -> np.ndarray:
        out = np.zeros(len(pairs))
        ok = allowed(pairs)
        if ok.any():
            out[ok] = matcher.probability(pairs[ok])
        # Only a pair that would join can be vetoed: the stance model reads no other.
        ask = np.flatnonzero(out >= matcher.model.threshold)
        ask = ask[negated[pairs[ask, 0]] != negated[pairs[ask, 1]]]
        if len(ask):
            out[ask[contradicts([statements[i].text for i in pairs[ask, 0]],
                                [statements[j].text for j in pairs[ask, 1]])]] = 0.0
        return out

    candidates = candidate_pairs(statements, props, vecs, params)
    # A pair's score reads the two texts and the proposition fields ``allowed`` reads: statements
    # alike in all of them are one kind to the grouping (copies of a report are scored once).
    kinds = _codes([(_scored_as(st), p.polarity, p.anaphoric, p.reports_speech, p.measures, None if p.quantity is None else
                     (p.quantity.value, p.quantity.subject_class, p.quantity.aspect, p.quantity.harm,
                      p.quantity.supposed))
                     for st, p in zip(statements, props)])
    def screen(pairs: np.ndarray) -> np.ndarray:
        keep = allowed(pairs)
        keep[keep] = matcher.ceiling(pairs[keep]) >= matcher.model.threshold
        return keep

    found = agglomerate(n, candidates, score, matcher.model.threshold, sample=params.link_sample, kinds=kinds,
                        screen=screen)
    groups = {g[0]: g for g in found}
    # A part of a statement that matched nothing stays with the statement's main claim, unless the
    # propositions forbid it (another count, class or aspect is another claim, as in the grouping).
    by_aid: dict[str, list[int]] = defaultdict(list)
    for root, group in groups.items():
        for i in group:
            by_aid[statements[i].aid].append(root)
    for aid in sorted(by_aid):
        roots = sorted({r for r in by_aid[aid] if r in groups})
        if len(roots) < 2:
            continue
        big = max(roots, key=lambda r: (len(groups[r]), -r))
        for r in roots:
            if r != big and len(groups[r]) == 1 and allowed(np.array([[r, i] for i in groups[big]])).all():
                groups[big].extend(groups.pop(r))
    return [sorted(m) for _, m in sorted(groups.items())], matcher, candidates
