"""The quantity each figure gives, worked out once per ledger and kept with it (the briefing and
the web pages draw one series per quantity: :mod:`claimledger.report.quantities`).

A count's quantity is who it belongs to (the proper words before the counted
noun: "North Korean"), the class of thing counted, what happened to them
(:func:`~.propositions.harm_of`: "people" killed, injured and missing are three
series) and its aspect (already sent, still to come, an addition, a total). What is counted is classed as the
propositions class it (:func:`~.propositions.counted_kind`,
:func:`~.propositions.subject_classes`): "troops", "soldiers" and "special forces
soldiers" of one army are one class, so they are one series, while
"hospitalised" and "evacuated" people are not. A count that names no
owner joins its class's series when the class has one named owner only.

A measure's quantity is its dimension and unit (money in one currency,
mass, area…) and, when it says what it measures, the class of that; values
of one dimension are converted to the unit most of them use, and each
currency stays its own series. Durations and bare ratios ("two years",
"three times") describe rather than count, and are left out.

The classes need the nouns' sentence vectors: :func:`quantity_texts` names them, so analyze
stores them with the report (:func:`~.vectors.texts_to_embed`) and a build reads them from the
store. Units are converted with :mod:`~.units`, which loads pint's registry only for a unit its tables do
not hold.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from claimledger.ledger.names import fold, strip_determiner
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams
from claimledger.ledger.propositions import aspect_of, counted_kind, harm_of, head_noun, subject_classes, supposed
from claimledger.ledger.statements import POLARITY, clause_around
from claimledger.ledger.units import CURRENCY, NOT_AMOUNTS, dimension_of, scale
from claimledger.records import Figure, FigureQuantity, ReportExtraction, StoredReport, item_id

ASPECT_WORDS = {"done": "already done", "coming": "still to come", "additional": "in addition", "total": "in total",
                "part": "some of them"}
#: Leading words of a counted subject that name whose it is: capitalised ("North Korean", "Ukraine's").
_OWNER = re.compile(r"^((?:[A-Z][\w.’'-]*\s+)+)")


def is_count(f: Figure) -> bool:
    """A count of something named (a counted noun)."""
    return f.kind == "count" and bool(head_noun(f.subject))


def is_measure(f: Figure) -> bool:
    """An amount in a unit (not a ratio or a bare percentage)."""
    return f.kind == "measure" and bool(f.unit) and f.unit not in NOT_AMOUNTS


def quantity_texts(extraction: ReportExtraction) -> list[str]:
    """The nouns :func:`figure_quantities` classes by their vectors for this report: what its counts
    count and what its measures measure."""
    return [*(counted_kind(f.subject) for f in extraction.figures if is_count(f)),
            *(h for f in extraction.figures if is_measure(f) if (h := head_noun(f.subject)))]


def figure_quantities(reports: list[StoredReport], *,
                      params: LedgerParams = DEFAULT_PARAMS) -> dict[str, FigureQuantity]:
    """Figure id → its quantity, for every count and measure of ``reports`` that gives one (not those its
    source does not assert); counts first, then measures by dimension, each in report order (the order of the briefing's
    series)."""
    figures = [(item_id(r.id, "f", i), f) for r in sorted(reports, key=lambda r: int(r.id[1:]))
               for i, f in enumerate(r.extraction.figures) if not _disowned(r.extraction, f)]
    counts = [(fid, f) for fid, f in figures if is_count(f)]
    measures = [(fid, f) for fid, f in figures if is_measure(f)]
    return {**_count_keys(counts, params.subject_class), **_measure_keys(measures, params.subject_class)}


def _count_keys(counts: list[tuple[str, Figure]], threshold: float) -> dict[str, FigureQuantity]:
    """Counted figures: owner + counted class (of the counted kind, as the propositions class them) + aspect."""
    classes = subject_classes([counted_kind(f.subject) for _, f in counts], threshold)
    rows = []
    for fid, f in counts:
        clause = clause_around(f.sentence, f.text)
        rows.append((fid, f, classes.get(counted_kind(f.subject), -1), _owner(f.subject), aspect_of(clause),
                     harm_of(clause)))
    owners: dict[int, set[str]] = {}
    names: dict[int, Counter] = {}
    written: dict[str, Counter] = {}  # folded owner → how the reports write it
    for _, f, cls, owner, _, _ in rows:
        if owner:
            owners.setdefault(cls, set()).add(owner)
            written.setdefault(owner, Counter())[_written_owner(f.subject)] += 1
        names.setdefault(cls, Counter())[_plural_head(f.subject)] += 1
    resolved = [(fid, cls, owner if owner or len(owners.get(cls, ())) != 1 else next(iter(owners[cls])), aspect, harm)
                for fid, _, cls, owner, aspect, harm in rows]
    told: dict[tuple, set[str]] = {}
    for _, cls, owner, aspect, harm in resolved:
        if aspect:
            told.setdefault((cls, owner, harm), set()).add(aspect)
    out = {}
    for fid, cls, owner, aspect, harm in resolved:
        # a count that tells no aspect is of what is so: the series of counts already done, when its own
        # kind of count tells no other ("1.2 million customers' data stolen" beside "had been stolen")
        if aspect is None and told.get((cls, owner, harm)) == {"done"}:
            aspect = "done"
        noun = names[cls].most_common(1)[0][0]
        shown_owner = written[owner].most_common(1)[0][0] if owner in written else owner
        label = " ".join(w for w in (shown_owner, noun, harm) if w) + (f" ({ASPECT_WORDS[aspect]})" if aspect else "")
        out[fid] = FigureQuantity(f"count|{owner}|{cls}|{aspect or ''}|{harm or ''}", label, "", 1.0)
    return out


def _measure_keys(measures: list[tuple[str, Figure]], threshold: float) -> dict[str, FigureQuantity]:
    """Measures: dimension (or currency) + what is measured."""
    heads = [head_noun(f.subject) for _, f in measures]
    classes = subject_classes([h for h in heads if h], threshold)
    groups: dict[str, list[tuple[str, Figure, str]]] = {}
    for (fid, f), head in zip(measures, heads):
        dimension = f.unit if CURRENCY.match(f.unit) else dimension_of(f.unit)
        if dimension is None or dimension == "[time]":
            continue
        groups.setdefault(dimension, []).append((fid, f, head))
    out = {}
    for dimension, members in groups.items():
        unit = Counter(f.unit for _, f, _ in members).most_common(1)[0][0]
        shown = unit if CURRENCY.match(unit) else unit.replace("_", " ")
        what = {classes[h] for _, _, h in members if h}
        names: dict[int, Counter] = {}
        for _, f, h in members:
            if h:
                names.setdefault(classes[h], Counter())[_plural_head(f.subject)] += 1
        for fid, f, head in members:
            cls = classes[head] if head else (next(iter(what)) if len(what) == 1 else -1)
            kind = "money" if CURRENCY.match(unit) else dimension.strip("[]").replace("_", " ")
            thing = names[cls].most_common(1)[0][0] if cls in names else ""
            label = f"{thing} ({kind} in {shown})" if thing else f"{kind} in {shown}"
            out[fid] = FigureQuantity(f"measure|{dimension}|{cls}", label, shown, scale(f.unit, unit))
    return out


def _disowned(extraction: ReportExtraction, f: Figure) -> bool:
    """A figure in what its source does not assert (denies, cannot confirm, will not discuss: "rejected
    allegations that tens of thousands of ballots were destroyed") is not a figure that source gives, nor
    is one it only supposes (:func:`~.propositions.supposed`: "if 30 had died", "up from its earlier
    estimate of 1.2 million"), as the figure conflicts read them."""
    return f.attribution is not None and POLARITY.get(extraction.attributions[f.attribution].stance, "pos") != "pos" \
        or supposed(clause_around(f.sentence, f.text))


@lru_cache(maxsize=65536)
def _owner(subject: str) -> str:
    """The folded proper words before a counted noun ('North Korean troops' → 'north korean'), '' for none."""
    written = _written_owner(subject)
    return fold(strip_determiner(written)) if written else ""


@lru_cache(maxsize=65536)
def _written_owner(subject: str) -> str:
    """The proper words before a counted noun as written ('Ukraine's troops' → 'Ukraine'), '' for none."""
    words = " ".join(subject.split())
    match = _OWNER.match(words)
    if not match or match.group(1).strip() == words:
        return ""
    return re.sub(r"['’]s$", "", match.group(1).strip())


def _plural_head(subject: str) -> str:
    """The counted noun as written, lower-case ('North Korean Soldiers' → 'soldiers')."""
    return head_noun(subject) or " ".join(subject.lower().split())[:40]
