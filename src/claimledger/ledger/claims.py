"""Group statements from all reports that say the same thing into claims.

The unit of grouping is a *statement*: an attribution, split once per counted
figure it carries (one sentence can state "1,500 sent" and "another 12,000
planned", two claims). Statements are linked when

* they count the same thing: equal value, subjects of one class (their head
  nouns' embeddings agree: "soldiers"/"troops", not "containers"), the same
  polarity, not one "already sent" and the other "being prepared", and either
  the same origin or similar wording;
* their wording means the same (sentence-embedding cosine, all-MiniLM-L6-v2)
  and no figure of theirs disagrees (a count against plain wording needs closer
  wording, even from one origin);
* they are denials by the same party.

Statements of opposite polarity (asserting, denying, cannot-confirm) are never
one claim: disagreement is a conflict between claims.

There is no all-pairs step. Candidate pairs come from blocks: statements
sharing a figure key, sharing one of their rarest content words, or sharing
an origin; a block larger than :data:`BLOCK_CAP` is compared only within a
sliding window of its members ordered along the first principal direction of
their embeddings (close vectors sit close in that order). The pairwise test
runs on arrays over all candidate pairs; only the merging is a loop.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from claimledger.ledger.embeddings import embed
from claimledger.ledger.groups import DisjointSets
from claimledger.records import Attribution, Figure

POLARITY = {"asserts": "pos", "speculates": "pos", "denies": "neg", "cannot_confirm": "unc", "no_comment": "nc"}

SAME_MEANING = 0.80  # cosine for statements to be one claim on wording alone
SAME_ORIGIN_MEANING = 0.68  # cosine when the same origin says it
SAME_ORIGIN_MIXED = 0.75  # ... when one of the two gives a count and the other does not
SAME_FIGURE_MEANING = 0.5  # cosine when the same count of the same thing is given by different origins
SAME_ORIGIN_FIGURE = 0.3  # ... and by the same origin
SUBJECT_CLASS = 0.5  # cosine between head nouns of counted subjects to be one class
CLUSTER_MEANING = 0.55  # mean cosine between two groups' members for them to merge
CLUSTER_FIGURE = 0.35  # the same, when the link is an agreeing figure
BLOCK_CAP = 40
WINDOW = 8
RARE_WORDS = 3

_STOP = frozenset("""
the a an and or of to in on at for from by with as that this these those it its is are was were be been being
has have had will would could may might can said says say told according also not but than then there their
they them he she his her we our us you your who which what when where while after before about over into
more most some any all one two three four five six seven eight nine ten hundred thousand million
""".split())


PROSPECTIVE = re.compile(
    r"\b(?:being prepared|preparing|prepare|to be sent|being sent|will be|would be|will|plans? to|planning to|"
    r"expected to|in the process of|set to|getting ready|training)\b", re.I)
DONE = re.compile(
    r"\b(?:already|have been|has been|had been|were sent|was sent|have arrived|arrived|transported|ferried|"
    r"shipped|dispatched|deployed|reached|committed)\b", re.I)


@dataclass(slots=True)
class Statement:
    """One attribution, or one attribution × one of its counted figures."""

    aid: str
    doc: str
    att: Attribution
    fid: str | None
    fig: Figure | None
    text: str
    polarity: str
    origin: str | None
    date: str | None  # when it was said: the attribution's date, else the report's


def statement_text(att: Attribution) -> str:
    """Content when it is a proposition; the whole sentence when the content is a stub ("these claims")."""
    content = att.content.strip()
    return content if len(content.split()) >= 4 else att.sentence.strip()


def figure_text(att: Attribution, fig: Figure) -> str:
    """The clause that carries a figure, so a sentence with several counts gives each its own words."""
    sent = fig.sentence or att.sentence
    pos = sent.find(fig.text)
    if pos < 0:
        return statement_text(att)
    parts = re.split(r"(?<=[,;:])\s+|\s+(?=\b(?:and|but|while|with)\b)", sent)
    acc, out = 0, []
    for part in parts:
        start = sent.find(part, acc)
        acc = start + len(part)
        if start <= pos < acc or (out and len(" ".join(out).split()) < 6 and start >= pos):
            out.append(part)
    text = " ".join(out).strip()
    return text if len(text.split()) >= 6 else statement_text(att)


def _clause(st: Statement) -> tuple[str, str]:
    """Text of the figure's clause before and after the figure (split at commas, semicolons and 'but')."""
    return _clause_in(st.fig.sentence or st.att.sentence, st.fig.text)


@lru_cache(maxsize=65536)
def _clause_in(sent: str, figure: str) -> tuple[str, str]:
    pos = sent.find(figure)
    if pos < 0:
        return "", ""
    before, after = sent[:pos], sent[pos + len(figure):]
    before = re.split(r"[,;:]|\bbut\b", before)[-1]
    after = re.split(r"[,;:]|\bbut\b", after)[0]
    return before, after


@lru_cache(maxsize=65536)
def _aspect(clause: tuple[str, str]) -> str | None:
    """'done' or 'coming' by the marker nearest the figure in its clause (see :func:`_clause`)."""
    before, after = clause
    best = None
    for rx, label in ((PROSPECTIVE, "coming"), (DONE, "done")):
        for m in rx.finditer(before):
            d = len(before) - m.end()
            if best is None or d < best[0]:
                best = (d, label)
        m = rx.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    return best[1] if best else None


@lru_cache(maxsize=65536)
def _head(subject: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z-]+", subject.lower())
    words = [w for w in words if w not in _STOP]
    return words[-1] if words else ""


def _value_key(fig: Figure) -> int:
    return _round_key(fig.value)


@lru_cache(maxsize=65536)
def _round_key(value: float) -> int:
    """Figures within 1% of each other share a key (rounded to 2 significant digits)."""
    v = abs(value)
    if v == 0:
        return 0
    mag = 10 ** max(int(np.floor(np.log10(v))) - 1, 0)
    return int(round(v / mag) * mag)


def subject_classes(heads: list[str]) -> dict[str, int]:
    """Head nouns grouped by embedding similarity (few distinct heads per story, so pairwise is cheap)."""
    uniq = sorted({h for h in heads if h})
    if not uniq:
        return {}
    vecs = embed(uniq)
    classes = DisjointSets(len(uniq))
    for s in range(0, len(uniq), 512):
        sims = vecs[s:s + 512] @ vecs.T
        for i, j in zip(*np.nonzero(sims >= SUBJECT_CLASS)):
            classes.union(s + i, j)
    return {h: classes.find(i) for i, h in enumerate(uniq)}


def _blocks(statements: list[Statement], heads: dict[str, int]) -> list[list[int]]:
    """Candidate blocks: same figure, same origin, shared rare word."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    words = []
    df: dict[str, int] = defaultdict(int)
    for i, st in enumerate(statements):
        if st.fig is not None:
            blocks[("fig", _value_key(st.fig), heads.get(_head(st.fig.subject), -1), st.polarity)].append(i)
        if st.origin:
            blocks[("origin", st.origin, st.polarity)].append(i)
        ws = {w for w in re.findall(r"[a-z][a-z'-]{2,}", st.text.lower()) if w not in _STOP}
        words.append(ws)
        for w in ws:
            df[w] += 1
    for i, ws in enumerate(words):
        # Every word shared by few statements (a small block is compared exhaustively),
        # and the rarest few of the rest.
        ranked = sorted((w for w in ws if df[w] >= 2), key=lambda w: (df[w], w))
        for w in sorted({*ranked[:RARE_WORDS], *(w for w in ranked if df[w] <= BLOCK_CAP)}):
            blocks[("word", w)].append(i)
    return [blocks[k] for k in sorted(blocks, key=repr) if len(blocks[k]) > 1]


def _pairs(block: list[int], proj: np.ndarray) -> np.ndarray:
    """Candidate pairs of one block (k × 2, in block order): all of them, or a window along ``proj``."""
    idx = np.asarray(block, dtype=np.int64)
    if len(block) <= BLOCK_CAP:
        x, y = np.triu_indices(len(block), 1)
        return np.stack([idx[x], idx[y]], axis=1)
    order = idx[np.lexsort((idx, proj[idx]))]
    x = np.repeat(np.arange(len(order)), WINDOW)
    y = x + np.tile(np.arange(1, WINDOW + 1), len(order))
    keep = y < len(order)
    return np.stack([order[x[keep]], order[y[keep]]], axis=1)


def _codes(values: list) -> np.ndarray:
    """Equal values get equal non-negative codes; None gets -1."""
    table: dict = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def _links(statements: list[Statement], heads: dict[str, int], vecs: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Does each pair of statements state the same thing? (a boolean per row of ``pairs``)

    Same polarity; if both count something, the same value of the same subject class (a figure
    without a head noun agrees only with another) and not one done and the other still to come
    ("10,000 already sent" / "10,000 being prepared": a figure conflict between two claims);
    then a cosine bar: low for agreeing figures,
    none for denials by the same party, higher for a figure against plain wording (a count one
    side lacks is a difference; an origin's other statements on the story are not the same claim),
    and otherwise lower for the same origin than for different ones.
    """
    pol = _codes([st.polarity for st in statements])
    neg = np.array([st.polarity == "neg" for st in statements], dtype=bool)
    has_fig = np.array([st.fig is not None for st in statements], dtype=bool)
    value = _codes([_value_key(st.fig) if st.fig is not None else None for st in statements])
    head = np.array([heads.get(_head(st.fig.subject), -1) if st.fig is not None else -1 for st in statements],
                    dtype=np.int64)
    origin = _codes([st.origin for st in statements])
    aspect = _codes([_aspect(_clause(st)) if st.fig is not None else None for st in statements])
    i, j = pairs[:, 0], pairs[:, 1]
    both = has_fig[i] & has_fig[j]
    timing = (aspect[i] < 0) | (aspect[j] < 0) | (aspect[i] == aspect[j])
    ok = (pol[i] == pol[j]) & (~both | ((value[i] == value[j]) & (head[i] == head[j]) & timing))
    i, j, both = i[ok], j[ok], both[ok]
    same = (origin[i] >= 0) & (origin[i] == origin[j])
    bar = np.where(same, SAME_ORIGIN_MEANING, SAME_MEANING)
    mixed = has_fig[i] != has_fig[j]
    bar = np.where(mixed, np.where(same, SAME_ORIGIN_MIXED, SAME_MEANING + 0.05), bar)
    bar = np.where(neg[i] & same & ~both, -np.inf, bar)
    bar = np.where(both, np.where(same, SAME_ORIGIN_FIGURE, SAME_FIGURE_MEANING), bar)
    cos = np.empty(len(i), dtype=np.float32)
    for s in range(0, len(i), 16384):  # in chunks: the gathered rows of a million pairs are gigabytes
        cos[s:s + 16384] = np.einsum("ij,ij->i", vecs[i[s:s + 16384]], vecs[j[s:s + 16384]])
    ok[ok] = cos >= bar
    return ok


def _roots(parent: list[int]) -> np.ndarray:
    """Every node's root in a union-find forest, by pointer jumping on arrays."""
    roots = np.asarray(parent, dtype=np.int64)
    while True:
        up = roots[roots]
        if np.array_equal(up, roots):
            return roots
        roots = up


def cluster(statements: list[Statement]) -> tuple[list[list[int]], np.ndarray]:
    """Statement indices grouped into claims, deterministic for a given statement order; and their vectors."""
    n = len(statements)
    vecs = embed([st.text for st in statements]) if n else np.zeros((0, 384), dtype=np.float32)
    heads = subject_classes([_head(st.fig.subject) for st in statements if st.fig is not None])
    sets = DisjointSets(n)
    parent, find = sets.parent, sets.find
    axis = vecs.mean(0) if n else np.zeros(384, dtype=np.float32)
    if n > 2:  # first principal direction, by a few power iterations (deterministic start)
        centred = vecs - axis
        v = np.ones(vecs.shape[1], dtype=np.float32)
        for _ in range(8):
            v = centred.T @ (centred @ v)
            v /= max(float(np.linalg.norm(v)), 1e-9)
        axis = v
    # Average linkage on top of the pairwise test, so chains of near neighbours
    # cannot grow one claim out of a whole story: clusters keep vector sums (in float64, made
    # only for clusters that take part in a merge test: a copy of all vectors would double memory).
    sums: dict[int, np.ndarray] = {}

    def total(r: int) -> np.ndarray:
        if r not in sums:
            sums[r] = vecs[r].astype(np.float64)
        return sums[r]

    size = np.ones(n)
    # Candidate pairs in block order, each at its first occurrence (a repeat would be skipped: already
    # compared, or already one claim); the pairwise test runs on arrays, the merging in order.
    proj = vecs @ axis
    pairs = [_pairs(block, proj) for block in _blocks(statements, heads)]
    pairs = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
    _, first = np.unique(pairs[:, 0] * n + pairs[:, 1], return_index=True)
    pairs = pairs[np.sort(first)]
    pairs = pairs[_links(statements, heads, vecs, pairs)]
    has_fig = [st.fig is not None for st in statements]
    step = max(65536, n)
    for s in range(0, len(pairs), step):
        # Pairs already inside one claim are dropped on arrays first (the loop would skip them anyway).
        chunk = pairs[s:s + step]
        roots = _roots(parent)
        for i, j in chunk[roots[chunk[:, 0]] != roots[chunk[:, 1]]].tolist():
            ra, rb = find(i), find(j)
            if ra == rb:
                continue
            bar = CLUSTER_FIGURE if has_fig[i] and has_fig[j] else CLUSTER_MEANING
            if float(total(ra) @ total(rb)) / (size[ra] * size[rb]) < bar:
                continue
            lo = sets.union(ra, rb)
            hi = ra + rb - lo
            sums[lo] += sums.pop(hi)  # both made by the test above
            size[lo] += size[hi]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    # A figure of a statement that matched nothing stays with the statement's main claim.
    by_aid: dict[str, list[int]] = defaultdict(list)
    for root_, members in groups.items():
        for i in members:
            by_aid[statements[i].aid].append(root_)
    for aid in sorted(by_aid):
        roots = sorted({r for r in by_aid[aid] if r in groups})
        if len(roots) < 2:
            continue
        big = max(roots, key=lambda r: (len(groups[r]), -r))
        for r in roots:
            if r != big and len(groups[r]) == 1:
                groups[big].extend(groups.pop(r))
    return [sorted(m) for _, m in sorted(groups.items())], vecs
