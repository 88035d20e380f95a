"""Stage 6: disagreements a reader must see, each one sentence with its statements cited.

Every detector has one signature, ``detector(ev: Evidence) -> list[Found]``, and
:data:`DETECTORS` is the list :func:`find_conflicts` loops over. Kinds:

* ``attribution``: near-identical words credited to different people;
* ``figure``: one proposition given different values (or a source revising
  its own figure), one count given as a total in one place and as an addition
  in another, or as done in one and still to come in another within a week (what a video or
  photo shows is at least that many, never a contradiction of a larger count);
* ``stance``: an origin denying or unable to confirm what others assert (one
  conflict per responding origin, citing every claim it answers), and one
  origin moving from doubt or denial to assertion on the same matter;
* ``date``: one claim whose statements date its event more than a week apart.

Only pairs that share a claim, a candidate block or an answer are compared,
so the count stays with real disagreements; conflicts are ranked by the
independent origins they involve.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
import numpy as np

from claimledger.extract.cues import TALLY_NOUNS
from claimledger.ledger.claims import Matcher
from claimledger.ledger.params import LedgerParams
from claimledger.ledger.propositions import Proposition, allowed_range, moved_to, ranges_meet, round_key
from claimledger.ledger.provenance import same_words
from claimledger.ledger.stance import Answer
from claimledger.ledger.statements import Statement, clause_around, set_aside
from claimledger.ledger.units import in_common_unit
from claimledger.ledger.status import central
from claimledger.records import ConflictKind, Figure


@dataclass(slots=True)
class Found:
    kind: ConflictKind
    sides: list[list[str]]  # attribution ids on each side
    claim_idx: list[int]
    explanation: str
    # Only a figure's own origin giving another value later, for a figure no one else gave: the earlier
    # figure's claim and when it was revised (the claim is then revised, not disputed)
    revisions: list[tuple[int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    """What the detectors read: the statements, their propositions and claims, and who is who."""

    statements: list[Statement]
    props: list[Proposition]
    groups: list[list[int]]
    answers: list[Answer]
    matcher: Matcher
    candidates: np.ndarray
    names: dict[str, str]  # entity id → canonical name
    source_of: dict[str, str]  # attribution id → entity id of its source
    person: set[str]  # entity ids of people
    published: dict[str, str | None]  # report id → its date
    params: LedgerParams

    def who(self, st: Statement) -> str:
        eid = self.source_of.get(st.aid)
        if eid and eid in self.names:
            return self.names[eid]
        return st.att.source.name if st.att.source else "the report itself"


@lru_cache(maxsize=4096)
def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


def _within(a: Statement, b: Statement, days: int, *, counted: bool = False) -> bool:
    """Were two statements made within ``days`` (``counted``: did their counts hold then, by the days their
    clauses date them, else when they were said; two measures of named periods, "grew 0.4% in the first
    quarter", when the periods overlap, whenever said)? Undated ones are."""
    if counted and a.measured_in and b.measured_in:
        (a0, a1), (b0, b1) = a.measured_in.split("/"), b.measured_in.split("/")
        return a0 < b1 and b0 < a1
    da = _day(a.counted_on or a.date if counted else a.date)
    db = _day(b.counted_on or b.date if counted else b.date)
    return da is None or db is None or abs((da - db).days) <= days


# A count put at another value ("Police put the number at 25,000", "estimated the crowd at 12,000"): the
# number is the one just given. English, common knowledge: a tally noun, or one for the people who came.
_TALLY_AT = re.compile(r"\b(?:the|their|its|his|her)\s+(?:own\s+)?(?:%s)\s+at\s+$"
                       % "|".join(sorted(TALLY_NOUNS | {"turnout", "crowd", "attendance"})), re.I)


def _put_at(sts: list[Statement], figs: list[dict]) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, where b puts at another value the count a gave just before it in the same report
    ("Organisers said 80,000 people marched. Police put the number at 25,000."): one count, whatever the
    words around the two figures."""
    last: dict[str, int] = {}  # report → its latest statement giving a count, in text order
    out = set()
    for i in sorted((i for i, st in enumerate(sts) if st.fig is not None and figs[i]),
                    key=lambda i: (sts[i].doc, sts[i].fig.start)):
        st = sts[i]
        before = last.get(st.doc)
        if before is not None and sts[before].aid != st.aid \
                and _TALLY_AT.search(clause_around(st.fig.sentence, st.fig.text)[0]):
            out.add((min(before, i), max(before, i)))
        last[st.doc] = i
    return out


def _set_aside_pairs(sts: list[Statement], figs: list[dict], partner: Callable[[tuple, int], tuple | None]
                     ) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, where one statement sets aside for its own the very value the other, in another
    report, gives ("£38 million, not £40 million as first reported" against "a £40 million offer"): the words say
    the two give one figure, however differently they are written."""
    asides = [(i, f) for i, st in enumerate(sts) if figs[i] for f in set_aside(st)]
    if not asides:
        return set()
    by_value: dict[float, list[int]] = defaultdict(list)
    for i, f in enumerate(figs):
        for v, *_ in f.values():
            by_value[v].append(i)
    out = set()
    for b, fig in asides:
        unit, value = in_common_unit((fig.unit or "").lower(), float(fig.value))
        for k in figs[b]:
            if (k[0] == "measure") != (fig.kind == "measure") or k[0] == "measure" and unit != k[1]:
                continue
            for a in by_value.get(value, ()):
                ka = partner(k, a) if sts[a].doc != sts[b].doc else None
                if ka is not None and figs[a][ka][0] == value:
                    out.add((min(a, b), max(a, b)))
    return out


def _compared(st: Statement, key: tuple) -> tuple[Figure, float] | None:
    """The figure of a statement that a key of :func:`_figures` stands for, with its value in the key's unit:
    its count, or its measure in the unit."""
    if key[0] == "count":
        return (st.fig, st.fig.value) if st.fig is not None else None
    return next(_measures(st, key), None)


def _measures(st: Statement, key: tuple) -> Iterator[tuple[Figure, float]]:
    """The measures of a statement in the unit of a measure key of :func:`_figures`, with their values in it."""
    return ((f, value) for f in st.figures if f.kind == "measure" and f.unit
            for unit, value in [in_common_unit(f.unit.lower(), float(f.value))] if unit == key[1])


#: Each dated statement's own move of each thing it counts or measures (by its attribution, figure and
#: :func:`_moved` key), and for each such thing and value the days statements said the figure moved to it and
#: which way.
Moves = tuple[dict[tuple[str, str | None, tuple], int], dict[tuple, list[tuple[date, int]]]]


def _updated(a: Statement, b: Statement, key: tuple, moves: Moves,
             given_on: Callable[[Statement, tuple, float], str | None]) -> bool:
    """Does the later of two figures say the figure moved to it from where the earlier one put it ("two
    killed" said on Monday, "the toll from Sunday's collapse rose to three" on Tuesday), or did another statement
    say so of the later value after the earlier one and by the later's day ("11 taken to hospital" on Tuesday,
    "has risen to 19" on Thursday, "19 treated" on Saturday), or was the earlier a running total the later passes
    ("1,200 hectares by Sunday morning", then 3,400)? Then the two agree: it is an update, by one origin or two,
    and no revision. Ordered by when they were said: the day a clause names may be the event's. ``moves`` is
    :func:`_moves` of the statements; ``given_on`` the day an origin first gave a value (else when the statement
    was made), so a later report repeating the earlier figure is not taken for a new one."""
    fa, fb = _compared(a, key), _compared(b, key)
    if fa is None or fb is None:
        return False
    da, db = _day(given_on(a, key, fa[1])), _day(given_on(b, key, fb[1]))
    if da is None or db is None or da == db:
        return False
    (early, fe, de), (late, fl, dl) = sorted([(a, fa, da), (b, fb, db)], key=lambda e: e[2])
    told, by_value = moves
    step = fl[1] - fe[1]
    move = told.get((late.aid, late.fid, _moved(key)), 0) or next(
        (m for day, m in by_value.get((_moved(key), fl[1]), ()) if de < day <= dl), 0)
    return step * move > 0 or step * told.get((early.aid, early.fid, _moved(key)), 0) > 0


def _moves(sts: list[Statement], figs: list[dict]) -> Moves:
    """Which way each dated statement says its figure moved (:func:`claimledger.ledger.propositions.moved_to`: "the
    number treated has risen to 19"), read once per statement and thing counted."""
    told: dict[tuple[str, str | None, tuple], int] = {}
    by_value: dict[tuple, list[tuple[date, int]]] = defaultdict(list)
    for st, f in zip(sts, figs):
        day = _day(st.date)
        if day is None:
            continue
        for k in f:
            given = _compared(st, k)
            move = moved_to(clause_around(given[0].sentence, given[0].text)) if given is not None else 0
            told[(st.aid, st.fid, _moved(k))] = move
            if move:
                by_value[(_moved(k), given[1])].append((day, move))
    return told, by_value


def _moved(key: tuple) -> tuple:
    """What a move is told of: a count of one harm (or none), whatever class it counts ("the number
    treated has risen to 19", "19 people treated"); a measure in one unit."""
    return ("count", key[3]) if key[0] == "count" else key[:2]


def _other_agents(a: Statement, b: Statement) -> bool:
    """Do the two say what two different named agents did ("Real Madrid have made an £85m offer" / "Arsenal
    value the winger at more than £120m")? Then their figures are of two facts, and no contradiction. A name
    inside the other ("Madrid" / "Real Madrid") is the same agent."""
    x, y = (st.clause.agent.casefold() if st.clause is not None and st.clause.agent and st.clause.agent_named
            else None for st in (a, b))
    return x is not None and y is not None and x not in y and y not in x


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def attribution_conflicts(ev: Evidence) -> list[Found]:
    """The same words (a long, near-verbatim quotation) credited to different people in different reports."""
    found = []
    for ci, members in enumerate(ev.groups):
        seen: dict[str, Statement] = {}
        for i in members:
            st = ev.statements[i]
            eid = ev.source_of.get(st.aid)
            if eid in ev.person:
                seen.setdefault(eid, st)
        speakers = sorted(seen)
        pair = next(((seen[a], seen[b]) for x, a in enumerate(speakers) for b in speakers[x + 1:]
                     if _same_words(seen[a], seen[b], ev.params)), None)
        if pair:
            sa, sb = pair
            found.append(Found("attribution", [[sa.aid], [sb.aid]], [ci],
                               f"The same words are attributed to {ev.who(sa)} in one report "
                               f"and to {ev.who(sb)} in another."))
    return found


def _same_words(a: Statement, b: Statement, params: LedgerParams) -> bool:
    """Near-verbatim words of the claim itself in two reports: each statement's own text, not the rest of its quotation."""
    return a.doc != b.doc and same_words(a.text, b.text, params)


def figure_conflicts(ev: Evidence) -> list[Found]:
    """Counts of one thing that disagree: in value, as total against addition, as done against still to come."""
    return _value_conflicts(ev) + _aspect_conflicts(ev)


def _figures(st: Statement, prop: Proposition) -> dict[tuple, tuple[float, float, float]]:
    """A statement's comparable figures, its count (by counted class) and its measures (by unit), each as
    (value, lowest, highest) of what it allows (:func:`allowed_range`).

    A figure only supposed ("surprising if Pyongyang deployed thousands") is no one's figure to compare.
    A recording's count ("a video shows hundreds of soldiers") is what the camera caught: at least that
    many, never a contradiction of a larger total or of another recording.
    """
    open_above = recorded(st)
    out: dict[tuple, tuple[float, float, float]] = {}
    if prop.quantity is not None and not prop.quantity.supposed:
        q = prop.quantity
        out[("count", q.subject_class, q.aspect, q.harm)] = allowed_range(st.fig, float(q.value), open_above=open_above)
    for unit, value, low, high in prop.measures:  # the measures of its own words (:func:`own_measures`)
        out.setdefault(("measure", unit), (value, low, math.inf if open_above else high))
    return out


#: What a camera or screen shows, as the source of a statement (English common knowledge).
RECORDINGS = frozenset({
    "footage", "video", "videos", "clip", "clips", "image", "images", "imagery", "photo", "photos", "photograph",
    "photographs", "picture", "pictures", "recording", "recordings", "film", "livestream", "screenshot",
})


_AFTER_HEAD = frozenset({"of", "in", "on", "from", "by", "with", "at", "for", "who", "that", "which", "whose"})


def recorded(st: Statement) -> bool:
    """Is the statement what a recording shows ("Footage shows …", "A video posted online …", not "the man
    in the video")? The recording must come before the phrase's first preposition or relative word."""
    for word in (st.att.source.text.lower().split() if st.att.source else ()):
        word = word.strip(".,’'\"")
        if word in RECORDINGS:
            return True
        if word in _AFTER_HEAD:
            return False
    return False


def _value_conflicts(ev: Evidence) -> list[Found]:
    """Pairs that would be one proposition if their figures agreed, but give different values.

    "Would be one proposition" is the same-claim model with its number features set neutral (as if
    neither gave a number), at a lower bar for two counts of people harmed alike; a source disagreeing
    with itself is shown as a revision.
    """
    sts, props = ev.statements, ev.props
    figs = [_figures(st, p) if p.polarity == "pos" else {} for st, p in zip(sts, props)]

    def partner(k: tuple, b: int) -> tuple | None:
        """The key of ``b``'s figures that ``k`` is compared with: the same, or a count of the same class
        where one side tells no aspect (as the grouping treats it), of the same harm or none on both: 30
        killed is never compared with 45 injured, nor 30 patients admitted with two who died, nor an
        addition ("20,000 vans in addition to …") or a part ("two of the injured") with a count that is not
        one. A tally or a noun of the
        harm (class -1: "the death toll rose to three", "two deaths") is a count of whatever class suffered
        the same harm ("killing two workers")."""
        if k in figs[b]:
            return k
        if k[0] == "count":
            return next((kb for kb in figs[b] if kb[0] == "count"
                         and (kb[1] == k[1] or -1 in (k[1], kb[1]) and k[3] is not None and k[3] == kb[3])
                         and (k[2] == kb[2] or None in (k[2], kb[2]) and not {"additional", "part"} & {k[2], kb[2]})
                         and k[3] == kb[3]), None)
        return None

    def differ(a: int, b: int, k: tuple) -> bool:
        """Do the two give ``k`` values that do not meet, the later not an update of the earlier, nor one origin's
        two values with another of its own given between them?"""
        kb = partner(k, b)
        return kb is not None and not ranges_meet(figs[a][k][1:], figs[b][kb][1:]) \
            and not _updated(sts[a], sts[b], k, moves, given_on) \
            and not _other_agents(sts[a], sts[b]) \
            and not skips_own_figure(a, b, k, figs[a][k][0], figs[b][kb][0])

    def skips_own_figure(a: int, b: int, k: tuple, x: float, y: float) -> bool:
        """Did one origin give ``x`` and ``y`` of one thing with a third value of its own first given between
        them (200 homes evacuated, then 350, then 300)? Its revisions run from each value to the next, not from
        the first to the last. The third is of the same thing when the same-claim model, figures aside, would
        join its statement with one of the two (an origin gives many percentages of many things)."""
        if sts[a].origin is None or sts[a].origin != sts[b].origin:
            return False
        days = first_given[(sts[a].origin, k[:2])]
        span = sorted(d for d in (days.get(x), days.get(y)) if d)
        if len(span) < 2:
            return False
        third = sorted({i for i in given_by[(sts[a].origin, k[:2])] if i not in (a, b)
                        and any(kk[:2] == k[:2] and v not in (x, y) and span[0] < days[v] < span[1]
                                for kk, (v, *_) in figs[i].items())})
        if not third:
            return False
        pairs = np.array([(i, j) for i in third for j in (a, b)], dtype=np.int64)
        return bool((ev.matcher.probability(pairs, ignore_figures=True) >= ev.matcher.model.threshold).any())
    moves = _moves(sts, figs)
    # The day each origin first gave each value of a thing counted, over all its statements: a later report
    # that repeats an earlier figure ("the company had initially put the number at 1.2 million") is dated by its
    # own report, so the order of a revision is read from the first time each value was given.
    first_given: dict[tuple, dict[float, str]] = defaultdict(dict)
    given_by: dict[tuple, list[int]] = defaultdict(list)  # (origin, thing) → its statements giving a value of it
    for i, f in enumerate(figs):
        if sts[i].origin is not None and sts[i].date:
            for k, (v, *_) in f.items():
                days = first_given[(sts[i].origin, k[:2])]
                days[v] = min(days.get(v, sts[i].date), sts[i].date)
                given_by[(sts[i].origin, k[:2])].append(i)

    def given_on(st: Statement, k: tuple, value: float) -> str | None:
        return first_given.get((st.origin, k[:2]), {}).get(value, st.date) if st.origin is not None else st.date
    has = np.array([bool(f) for f in figs], dtype=bool)
    # Pairs giving the very same figures disagree on none (copies of a report): dropped at once.
    table: dict[frozenset, int] = {}
    given = np.array([table.setdefault(frozenset(f.items()), len(table)) for f in figs], dtype=np.int64)
    both = ev.candidates[has[ev.candidates[:, 0]] & has[ev.candidates[:, 1]]
                         & (given[ev.candidates[:, 0]] != given[ev.candidates[:, 1]])] if len(ev.candidates) \
        else np.zeros((0, 2), dtype=np.int64)
    back = _put_at(sts, figs) | _set_aside_pairs(sts, figs, partner)
    # One origin giving two values in one report gives two things ("inflation fell to 2.8%", "food price
    # inflation slowed to 3.4%"), unless the words put one at the other ("had earlier put the figure at 350")
    rows = [(a, b) for a, b in dict.fromkeys([*map(tuple, both.tolist()), *back])
            if sts[a].aid != sts[b].aid and _within(sts[a], sts[b], ev.params.week_days, counted=True)
            and ((a, b) in back or not (sts[a].doc == sts[b].doc and sts[a].origin is not None
                                        and sts[a].origin == sts[b].origin))
            and any(differ(a, b, k) for k in figs[a])]
    if not rows:
        return []
    prob = ev.matcher.probability(np.array(rows, dtype=np.int64), ignore_figures=True).tolist()
    prob = [1.0 if pair in back else p for pair, p in zip(rows, prob)]  # the words say it is the same count
    claim_of = {i: g for g, m in enumerate(ev.groups) for i in m}
    by_key: dict[tuple, dict[float, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (a, b), p in zip(rows, prob):
        for k, (v, *_) in figs[a].items():
            if differ(a, b, k):
                kb = partner(k, b)
                # Counts of people harmed alike on both sides ("30 killed" / "45 died"): the harm is the
                # predicate the words must otherwise show, so the bar is lower (LedgerParams.harm_conflict).
                alike = k[0] == "count" and k[3] is not None and kb[3] is not None
                if p < (ev.params.harm_conflict if alike else ev.matcher.model.threshold):
                    continue
                # One conflict per pair of claims and thing counted: the aspect and harm each pair compares
                # agree where both tell them (``partner``), so a side that leaves them out is the same figure.
                key = (min(claim_of[a], claim_of[b]), max(claim_of[a], claim_of[b]), k[:2])
                by_key[key][v].append(a)
                by_key[key][figs[b][kb][0]].append(b)
    found: list[Found] = []
    revisions: dict[tuple, Found] = {}  # one origin's one revision, however many claim pairs show it
    for (ca, cb, key), by_value in sorted(by_key.items(), key=lambda kv: repr(kv[0])):
        (v1, s1), (v2, s2) = sorted(by_value.items(), key=lambda kv: (-len(set(kv[1])), kv[0]))[:2]
        what = _what(sts[min(s1)], key)
        revised = sorted(o for o in {sts[i].origin for i in s1} & {sts[j].origin for j in s2} - {None}
                         if {sts[i].date for i in s1 if sts[i].origin == o}
                         != {sts[j].date for j in s2 if sts[j].origin == o})
        if revised:
            a = min((i for i in s1 if sts[i].origin == revised[0]), key=lambda i: (sts[i].date or "", i))
            b = min((j for j in s2 if sts[j].origin == revised[0]), key=lambda j: (sts[j].date or "", j))
            (early, x), (late, y) = sorted([(sts[a], v1), (sts[b], v2)], key=lambda e: (
                first_given[(revised[0], key)].get(e[1], e[0].date or ""), e[0].aid))
            said = [first_given[(revised[0], key)].get(v, st.date or "undated") for st, v in ((early, x), (late, y))]
            text = (f"{ev.names.get(revised[0]) or ev.who(early)} gave {_given(early, key, x, what)} ({said[0]}) and "
                    f"later {_given(late, key, y)} ({said[1]}): a revision of its own figure.")
            earlier = claim_of[a if early is sts[a] else b]
            # its own figure alone: only its statements on either side, and no one else vouching for the earlier
            alone = {sts[i].origin for i in (*s1, *s2)} == {revised[0]} and {
                sts[i].origin for i in ev.groups[earlier] if sts[i].att.stance == "asserts"} == {revised[0]}
            revision = [(earlier, late.date or "")] if alone else []
            seen = revisions.get((revised[0], key[:2], x, y))
            if seen is not None:  # the same revision between other claims of the same figures: one conflict
                seen.sides = [sorted(set(seen.sides[0]) | {sts[i].aid for i in s1}),
                              sorted(set(seen.sides[1]) | {sts[i].aid for i in s2})]
                seen.claim_idx = sorted(set(seen.claim_idx) | {ca, cb})
                seen.revisions = sorted(set(seen.revisions) | set(revision)) if seen.revisions and revision else []
                continue
        else:
            first, second = sts[min(s1)], sts[min(s2)]
            if ev.who(first) == ev.who(second):  # one source, as different reports give it
                text = _sentence(f"{_mid(ev.who(first))} {'are' if _plural(ev, first) else 'is'} reported giving "
                                 f"{_given(first, key, v1, what)} and {_given(second, key, v2)}.")
            else:
                text = _sentence(f"{_mid(ev.who(first))} {'give' if _plural(ev, first) else 'gives'} "
                                 f"{_given(first, key, v1, what)} where {_mid(ev.who(second))} "
                                 f"{'give' if _plural(ev, second) else 'gives'} {_given(second, key, v2)}.")
        found.append(Found("figure", [sorted({sts[i].aid for i in s1}), sorted({sts[i].aid for i in s2})],
                           sorted({ca, cb}), text, revision if revised else []))
        if revised:
            revisions[(revised[0], key[:2], x, y)] = found[-1]
    return found


def _given(st: Statement, key: tuple, value: float, what: str = "") -> str:
    """A value of a conflict as the statement gave it: a measure in its own words ("more than 18,000 acres", not
    the hectares it was compared in), a count as a number with ``what`` it counts."""
    if key[0] == "measure":
        fig = next((f for f, v in _measures(st, key) if v == value), None)
        if fig is not None:
            return fig.text
    elif st.fig is not None and round_key(st.fig.value) == value:
        value = st.fig.value  # the count as given, not the key it is compared by (126, not 130)
    return f"no{what}" if value == 0 and what else f"{_fmt(value)}{what}"


def _what(st: Statement, key: tuple) -> str:
    """What a figure counts or measures, for an explanation: " homes flooded", " USD"."""
    if key[0] == "measure":  # keys fold the unit's case; the statement's figure keeps it ("USD", "metric_ton")
        unit = next((f.unit for f in st.figures if f.kind == "measure" and f.unit and f.unit.lower() == key[1]), key[1])
        return f" {unit.replace('_', ' ')}"
    return f" {st.fig.subject}" if st.fig is not None and st.fig.subject else ""


def _aspect_conflicts(ev: Evidence) -> list[Found]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(ev.props):
        if p.quantity is not None and p.polarity == "pos" and not p.quantity.supposed:
            blocks[(p.quantity.value, p.quantity.subject_class)].append(i)
    found = []
    days = ev.params.week_days
    for (value, _), idx in sorted(blocks.items()):
        if len({ev.statements[i].doc for i in idx}) < 2:
            continue
        num = _fmt(value)
        by_aspect: dict[str | None, list[Statement]] = defaultdict(list)
        for i in idx:
            by_aspect[ev.props[i].quantity.aspect].append(ev.statements[i])
        add, tot = by_aspect.get("additional", []), by_aspect.get("total", [])
        if add and tot:
            found.append(Found("figure", [sorted({s.aid for s in add}), sorted({s.aid for s in tot})], [],
                               f"{num} is given as an addition ('another {num}') by {ev.who(add[0])} "
                               f"but as the total by {ev.who(tot[0])}."))
        done = [s for s in by_aspect.get("done", []) if _day(s.date)]
        coming = [s for s in by_aspect.get("coming", []) if _day(s.date)]
        close_done, close_coming = _close(done, coming, days), _close(coming, done, days)
        if close_done:
            d0 = close_done[0]
            c0 = next(c for c in coming if c.doc != d0.doc and _within(d0, c, days))
            found.append(Found("figure", [sorted({d.aid for d in close_done}), sorted({c.aid for c in close_coming})],
                               [], f"{ev.who(d0)} says {num} {d0.fig.subject or 'of them'} are already there "
                                   f"({d0.date}), while {ev.who(c0)} says they are still to come ({c0.date})."))
    return found


def _close(these: list[Statement], others: list[Statement], days: int) -> list[Statement]:
    """Those of ``these`` (in order) with a partner among ``others`` in another report within ``days``.

    Partners are looked up by day, not by comparing every pair: a large block of one figure
    would otherwise cost its size squared.
    """
    by_day: dict[int, list[Statement]] = defaultdict(list)
    for o in others:
        by_day[_day(o.date).toordinal()].append(o)
    out = []
    for t in these:
        day = _day(t.date).toordinal()
        if any(o.doc != t.doc for d in range(day - days, day + days + 1) for o in by_day.get(d, ())):
            out.append(t)
    return out


def stance_conflicts(ev: Evidence) -> list[Found]:
    """Origins denying, or unable to confirm, what others assert (from the answers of :mod:`stance`).

    One conflict per responding origin and kind of response, naming every claim it answers: a
    government calling "these claims" fake news in four reports holds one position, and listing it
    once per claim its denials were attached to would repeat it (a repeated conflict costs the reader
    what a false one does).
    """
    answered: dict[tuple[str, str], dict[int, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    response_groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    # A copied report's statements have no origin of their own (they echo): its speaker's is the one the same
    # source has where it originates, so a wire story and its copy are one position, not two conflicts.
    origin_of_source = {ev.source_of[st.aid]: st.origin for st in ev.statements
                        if st.origin and ev.source_of.get(st.aid)}
    for ans in ev.answers:
        if ev.statements[ev.groups[ans.group][0]].polarity not in ("neg", "unc"):
            continue
        for i in ev.groups[ans.group]:
            st = ev.statements[i]
            if st.polarity in ("neg", "unc"):
                key = (st.origin or origin_of_source.get(ev.source_of.get(st.aid)) or ev.who(st), st.polarity)
                for target in (ans.target, *ans.also):
                    answered[key][target].append(st)
                response_groups[key].add(ans.group)
    found = []
    for (origin, polarity), by_target in sorted(answered.items()):
        responders = list({s.aid: s for sts in by_target.values() for s in sts}.values())
        who = sorted({ev.who(s) for s in responders})
        asserters = [ev.statements[i] for t in sorted(by_target) for i in ev.groups[t]
                     if ev.who(ev.statements[i]) not in who]
        if not asserters:
            continue
        them = sorted({ev.who(s) for s in asserters})
        many = len(who) > 1 or _plural(ev, responders[0])
        verb = {"neg": ("denies", "deny"), "unc": ("cannot confirm", "cannot confirm")}[polarity][many]
        one = len(them) == 1 and not _plural(ev, next(s for s in asserters if ev.who(s) == them[0]))
        found.append(Found("stance", [sorted({s.aid for s in asserters}), sorted({s.aid for s in responders})],
                           [*sorted(by_target), *sorted(response_groups[(origin, polarity)])],
                           _sentence(f"{_names(who)} {verb} what {_names(them)} {'asserts' if one else 'assert'}.")))
    return found


#: Where the head noun of a description ends: before a preposition, a relative word or a comma.
_HEAD_ENDS = re.compile(r",|\s(?:of|at|in|for|from|with|on|to|by|close|familiar|who|which|that)\s", re.I)
#: Plural nouns of people not ending in -s (English common knowledge).
_PLURAL_WITHOUT_S = frozenset({"police", "people", "staff", "crew", "personnel"})


def _plural(ev: Evidence, st: Statement) -> bool:
    """Whether the source of a statement, as :meth:`Evidence.who` names it, takes a plural verb: a description in
    the plural ("fire officials", "Prosecutors", "police"); a named body takes the singular ("Selby Chemicals")."""
    if ev.source_of.get(st.aid) in ev.names or st.att.source is None \
            or st.att.source.kind not in ("anonymous", "generic", "document"):
        return False
    head = _HEAD_ENDS.split(ev.who(st), maxsplit=1)[0].split()  # "an average of recent polls": "average"
    last = head[-1].lower() if head else ""
    return last in _PLURAL_WITHOUT_S or last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _mid(name: str) -> str:
    """A source's name as it reads inside a sentence: "an engineer at the plant", not "An engineer at the plant"."""
    return re.sub(r"^(A|An|The)\b", lambda m: m.group(1).lower(), name)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(names: list[str], most: int = 3) -> str:
    """Names joined for a sentence, a description given with and without its article once ("A plant engineer"
    and "plant engineer")."""
    bare = {n: re.sub(r"^(?:a|an|the)\s+", "", n, flags=re.I).lower() for n in names}
    names = [_mid(n) for n in names if not any(m != n and bare[m] == bare[n] and len(m) > len(n) for m in names)]
    if len(names) <= most:
        return " and ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} others"


def stance_shifts(ev: Evidence) -> list[Found]:
    """One origin moving from doubt or denial to assertion on one matter.

    "One matter": the later statement belongs to the claim the earlier response answers, or the
    same-claim model (polarity aside) pairs it with what the response answered (that claim's
    statement before it in its report, else the claim's central one) or with the response itself.
    Not the stance model, nor either of the two: on sentences of one topic about different events (ECB+
    dev) the stance model reads 46% as agreeing, the same-claim model joins 19%, and F1 on held-out ECB+
    and Emergent pairs is 0.652 / 0.580 for the same-claim model, 0.646 / 0.527 for either
    (``scripts/check_shift_reading.py``).
    """
    group_of = {i: g for g, m in enumerate(ev.groups) for i in m}
    answered = {a.group: a.target for a in ev.answers}
    by_origin: dict[str, list[int]] = defaultdict(list)
    for i, st in enumerate(ev.statements):
        if st.origin and _day(st.date):
            by_origin[st.origin].append(i)
    found = []
    for origin, idx in sorted(by_origin.items()):
        doubt = [i for i in idx if ev.statements[i].polarity in ("unc", "neg")]
        sure = [i for i in idx if ev.statements[i].att.stance == "asserts"]
        # An origin's statements on one story: 256 pairs bound the work, not a filter in practice.
        # The later statements of each day of doubt are listed once (copies share their days).
        later: dict[date, list[int]] = {}
        for d in doubt:
            day = _day(ev.statements[d].date)
            if day not in later:
                later[day] = [s for s in sure if day < _day(ev.statements[s].date)]
        # a denial and a later assertion that itself says no ("reports of two deaths were false", then "there were
        # no deaths") hold one position, not two
        pairs = list(islice(((d, s) for d in doubt for s in later[_day(ev.statements[d].date)]
                             if not (ev.statements[d].polarity == "neg" and ev.matcher.profiles[s].negated)), 256))
        if not pairs:
            continue
        probs = ev.matcher.probability(np.array(pairs, dtype=np.int64))
        targets = [answered.get(group_of[d]) for d, _ in pairs]
        agrees = [t is not None and t == group_of[s] for t, (_, s) in zip(targets, pairs)]
        # One question per (claim answered, later statement): repeats of a doubt ask nothing new.
        ask = list({(targets[k], pairs[k][1]): k for k in range(len(pairs))
                    if targets[k] is not None and not agrees[k]}.values())
        if ask:
            said = np.array([(_answered_statement(ev, pairs[k][0], targets[k]), pairs[k][1]) for k in ask],
                            dtype=np.int64)
            for k, p in zip(ask, ev.matcher.probability(said)):
                agrees[k] = p >= ev.matcher.model.threshold
        shifted = [k for k in range(len(pairs)) if agrees[k] or probs[k] >= ev.matcher.model.threshold]
        if not shifted:
            continue
        before = [ev.statements[pairs[k][0]] for k in shifted]
        after = [ev.statements[pairs[k][1]] for k in shifted]
        first = min(before, key=lambda st: (st.date, st.aid))
        said = {"unc": "could not confirm", "neg": "denied"}[first.polarity]
        days = sorted({st.date[:10] for st in after})
        found.append(Found("stance", [sorted({st.aid for st in before}), sorted({st.aid for st in after})], [],
                           f"{ev.names.get(origin, origin)} {said} it on {first.date[:10]} "
                           f"but asserted it on {', '.join(days)}."))
    return found


def _answered_statement(ev: Evidence, response: int, claim: int) -> int:
    """The statement of ``claim`` a response answered: the last one before it in its own report ("Local media
    reported that the dam had cracked. The ministry denied the reports"), else the claim's most central one."""
    doc, start = ev.statements[response].doc, ev.statements[response].att.start
    before = [i for i in ev.groups[claim] if ev.statements[i].doc == doc and ev.statements[i].att.start < start]
    if before:
        return max(before, key=lambda i: ev.statements[i].att.start)
    return central(ev.groups[claim], ev.matcher.vecs)


def date_conflicts(ev: Evidence) -> list[Found]:
    """Statements of one claim dating its event (the day a count's own clause names, "ferried 1,500 between
    October 8 and 13", else the one day the statement's own words name: "was last inspected on March 3" / "on
    June 18") more than a week apart. A count's ``as_of`` is no dating: with no date of its own it is the day
    the count was said, and two reports weeks apart repeating one count ("the union had earlier said that up
    to 1,500 jobs were at risk") date nothing differently.

    A date after the report's own date is a forecast ("ready by 1 November"), not a dating, and is left out.
    """
    found = []
    for ci, members in enumerate(ev.groups):
        dated = []
        for i in members:
            st = ev.statements[i]
            when = st.counted_on if st.fig is not None else st.dated_on
            pub = _day(ev.published.get(st.doc))
            if _day(when) and (pub is None or _day(when) <= pub):
                dated.append((when, st))
        if len({st.doc for _, st in dated}) < 2:
            continue
        dated.sort(key=lambda x: (x[0], x[1].aid))
        (d1, s1), (d2, s2) = dated[0], dated[-1]
        if (_day(d2) - _day(d1)).days > ev.params.week_days and s1.doc != s2.doc:
            found.append(Found("date", [[s1.aid], [s2.aid]], [ci],
                               f"One report dates this to {d1[:10]} and another to {d2[:10]}."))
    return found


Detector = Callable[[Evidence], list[Found]]
DETECTORS: tuple[Detector, ...] = (attribution_conflicts, figure_conflicts, stance_conflicts, stance_shifts,
                                   date_conflicts)


def find_conflicts(ev: Evidence) -> list[Found]:
    """Every detector's findings, most independent origins involved first."""
    found = [f for detect in DETECTORS for f in detect(ev)]
    origin_of = {st.aid: st.origin or ev.who(st) for st in ev.statements}
    return sorted(found, key=lambda f: (-len({origin_of.get(a) for side in f.sides for a in side}),
                                        f.kind, f.sides, f.explanation))
