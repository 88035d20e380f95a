"""Stage 2: the proposition each statement states, as far as the report's words show it.

A proposition here is what two statements must share to be one claim and
what a conflict compares: its polarity and modality, and for a counted
figure the quantity (value, counted class, aspect: already done, still to
come, an addition or a total; for people, what happened to them: killed,
injured, missing …) and the time it refers to (the figure's
``as_of``, not when it was reported). Counted subjects fall into classes by
their head nouns' embeddings ("troops", "soldiers", "forces" of one army are
one class; "containers" another).

The agent, predicate, theme and place of each clause are now kept from the parse at
extraction (:mod:`claimledger.extract.slots`, ``Attribution.clauses``; a statement's
clause is ``Statement.clause``) and :mod:`matching` has pair features on them, but the
shipped same-claim model gives those features weight 0 (``scripts/train_claim_match.py``
found they did not raise every held-out score). What is not here yet: a coarse
predicate class and entity-resolved agents; the claim matcher reads the statement's
words for those.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from claimledger.extract.cues import HARM_NOUNS, HARMS, TALLY_NOUNS
from claimledger.ledger.embeddings import embed
from claimledger.ledger.groups import DisjointSets
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams
from claimledger.ledger.statements import FALL_VERBS, RISE_VERBS, Statement, clause_around, compared, is_anaphoric
from claimledger.ledger.units import in_common_unit
from claimledger.records import Figure

Aspect = Literal["done", "coming", "additional", "total", "part"]

# Aspect markers of English (tense, aspect, "another"/"in total"): linguistic common knowledge.
PROSPECTIVE = re.compile(
    r"\b(?:being prepared|preparing|prepare|to be sent|being sent|will be|would be|will|plans? to|planning to|"
    r"(?:would|could|might|should) have(?: been)?|"  # a modal perfect is what did not happen ("would have paid")
    r"expected to|in the process of|set to|getting ready|training)\b", re.I)
DONE = re.compile(
    r"\b(?:already|ha(?:ve|s|d)(?:\s+(?:now|so far|\w+ly))?\s+been|were sent|was sent|have arrived|arrived|transported|ferried|"
    r"shipped|dispatched|deployed|reached|committed)\b", re.I)
ADDITIVE = re.compile(r"\b(?:another|additional|more|further|extra|a further|a second)\s+(?:\S+\s+){0,1}$", re.I)
ADDED_TO = re.compile(r"^\s*(?:[\w-]+\s+){0,3}(?:in addition to|on top of)\b", re.I)  # "20,000 vans in addition to …"
TOTAL = re.compile(r"\b(?:a total of|in total|in all|altogether|overall|total)\b", re.I)
#: A part counted out of a whole named after it ("two of the injured", "three of its five terminals"): a count of
#: some of them, with what is said of them, never of the whole. English grammar.
PART_OF = re.compile(r"^\s*of\s+(?:the|its|their|his|her|our|these|those)\b", re.I)
#: What happened to the people a count counts (:data:`~claimledger.extract.cues.HARMS`).
Harm = Literal["killed", "injured", "missing", "displaced", "detained", "rescued"]
HARM = re.compile(r"\b(?:" + "|".join(f"(?P<{harm}>{'|'.join(sorted(words, key=len, reverse=True))})"
                                       for harm, words in HARMS.items()) + r")\b", re.I)
# A condition or an open question before a figure in its clause ("it would be surprising if Pyongyang
# deployed thousands", "asked whether 3,000 had arrived"): the figure is supposed, not given. English
# subordinators, common knowledge.
CONDITION = re.compile(r"\b(?:if|unless|whether|suppose|supposing)\b", re.I)
# A figure in what others said, named by a noun for it ("reports of 2,000 job cuts were speculation", "rumours
# that 300 had died"): the speaker refers to it, and does not give it. English shell nouns, common knowledge;
# "reports"/"claims" before "that" only after a determiner, since "the ministry reports that 300 died" gives it.
REFERRED = re.compile(r"\b(?:(?:reports?|claims?)\s+(?:of|about)|(?:the|these|those|such|earlier|media|press)\s+"
                      r"(?:reports?|claims?)\s+that|(?:rumou?rs?|allegations?|stories|speculation|suggestions?|talk)"
                      r"\s+(?:of|that|about))\s+(?:[\w'’-]+\s+){0,3}$", re.I)

#: Function words, reporting verbs and number words: never a counted noun or a blocking word.
STOP_WORDS = frozenset("""
the a an and or of to in on at for from by with as that this these those it its is are was were be been being
has have had will would could may might can said says say told according also not but than then there their
they them he she his her we our us you your who which what when where while after before about over into
more most some any all one two three four five six seven eight nine ten hundred thousand million
""".split())


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int  # rounded to two significant digits: figures within 1% share it
    subject_class: int  # -1 when the counted subject has no head noun
    aspect: Aspect | None
    as_of: str | None  # when the count held, if the report says
    supposed: bool = False  # under a condition or in a question: never compared as a figure given
    harm: Harm | None = None  # what happened to the people counted (killed, injured, missing …): :func:`harm_of`


@dataclass(frozen=True, slots=True)
class Proposition:
    polarity: str  # pos | neg | unc | nc (see statements.POLARITY)
    modality: Literal["asserted", "possible"]
    quantity: Quantity | None
    text: str  # the words that state it: the content, or the figure's clause
    anaphoric: bool = False  # only points back ("denied the reports", "revised its estimate"): its proposition is elsewhere
    reports_speech: bool = False  # says that someone said something (:func:`reports_speech`): a claim about a saying
    measures: tuple[tuple[str, float, float, float], ...] = ()  # (unit, value, lowest, highest): :func:`own_measures`


# A subject (a pronoun, a name, a short noun phrase) and a verb of saying at the head of a statement's own
# words: English common knowledge.
_REPORTED_SAYING = re.compile(
    r"^\W*(?i:that\s+)?(?:(?i:he|she|they|we|i|you)|(?i:the|a|an|his|her|their|its)\s+(?:[\w'’.-]+\s+){0,3}?[\w'’-]+|"
    r"(?!(?:These|This|Those|That|There|Such|Some|Many|Most|All|Both|Each|Any|No)\b)"
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s+(?:(?:once|also|later|then|has|had|have|\w+ly)\s+)?"
    r"(?:said|says|told|tells|stated|claimed|wrote|writes|announced|declared|insisted|asserted|alleged)\b"
    r"(?!\s+to\s)")  # not the hedge "troops said to be in Kursk"


def reports_speech(text: str) -> bool:
    """Do a statement's own words report a saying ("He said paradise is open to all", "the minister told
    parliament that …")? Then what it asserts is that the saying took place, and it is a claim about a
    statement, not the statement's claim: a commentator's "he said it" is not a second source for "it"."""
    return bool(_REPORTED_SAYING.match(text))


def _reports_speech(st: Statement) -> bool:
    """:func:`reports_speech` of a statement made of its content's words: a figure's clause and a stub's
    whole sentence keep the attribution's own frame ("the agency said it had detected four ships")."""
    return st.fig is None and st.text != st.att.sentence.strip() and reports_speech(st.text)


def figure_clause(st: Statement) -> tuple[str, str]:
    return clause_around(st.fig.sentence or st.att.sentence, st.fig.text)


@lru_cache(maxsize=65536)
def timing(clause: tuple[str, str]) -> Literal["done", "coming"] | None:
    """'done' or 'coming' by the marker nearest the figure in its clause."""
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


def supposed(clause: tuple[str, str]) -> bool:
    """Is a figure only supposed: its clause puts a condition or a question before it, it is what others
    are said to have said ("reports of 2,000 job cuts"), the value it was before ("up from three") or one
    set aside ("nine, not twelve")?"""
    before = clause[0]
    return bool(CONDITION.search(before) or REFERRED.search(before) or compared(before))


@lru_cache(maxsize=65536)
def harm_of(clause: tuple[str, str]) -> Harm | None:
    """What happened to the people counted: the harm word right before the figure ("killing at least 12 people and
    injuring dozens": 12 killed), else the first after it in its clause ("31 people were killed", "one dead and
    three wounded"), else the nearest before it ("the death toll rose to 22")."""
    before, after = clause
    found = list(HARM.finditer(before))
    if found and _QUALIFIERS_ONLY.fullmatch(before[found[-1].end():]):
        return found[-1].lastgroup  # type: ignore[return-value]
    m = HARM.search(after) or (found[-1] if found else None)
    return m.lastgroup if m else None  # type: ignore[return-value]


#: What may stand between a verb of harm and the count it governs ("killing at least 12"): English qualifiers.
_QUALIFIERS_ONLY = re.compile(r"\s*(?:(?:at least|at most|more than|fewer than|less than|up to|about|around|nearly|"
                              r"almost|some|over|an estimated|another|a further|roughly|approximately)\s*)?", re.I)


# A count said to have moved to its value ("the death toll rose to three", "fell to 40"): English common knowledge.
_ROSE_TO = re.compile(rf"\b(?:{RISE_VERBS})\s+to\s*$", re.I)
_FELL_TO = re.compile(rf"\b(?:{FALL_VERBS})\s+to\s*$", re.I)


#: A total kept up to a time ("three have been injured so far", "15,000 hectares by Tuesday morning", "to
#: date", "300 homes have been evacuated since Friday", "has now burned 3,000 hectares"): it only grows. English,
#: common knowledge.
_RUNNING = re.compile(r"\b(?:so far|thus far|to date|as of|up to now|until now|(?:has|have|had) now|now (?:stands?|"
                      r"totals?)|by (?:early |late )?(?:mon|tues|wednes|"
                      r"thurs|fri|satur|sun)day|by (?:this |that |the )?(?:morning|afternoon|evening|midday|noon|nightfall|"
                      r"dawn|weekend|end of the (?:day|week))|by (?:the )?(?:time|evening) of|"
                      r"since (?:last |early |late )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                      r"the (?:weekend|start|beginning|outbreak)))\b", re.I)


def moved_to(clause: tuple[str, str]) -> int:
    """+1 when a figure's clause says the count rose to it, or keeps a running total up to a time, -1 when it
    fell to it, else 0: a count said to have risen to 3, or to stand at 3 so far, agrees with a lower one
    given before it."""
    before = clause[0]
    if _ROSE_TO.search(before) or _RUNNING.search(" ".join(clause)):
        return 1
    return -1 if _FELL_TO.search(before) else 0


def aspect_of(clause: tuple[str, str]) -> Aspect | None:
    """An addition ("another 12,000", "12,000 vans in addition to …"), a part ("two of the injured") or a total
    ("12,000 in all") first, else done or still to come."""
    before, after = clause
    if ADDITIVE.search(before) or ADDED_TO.search(after):
        return "additional"
    if PART_OF.match(after):
        return "part"
    if TOTAL.search(before + " " + after):
        return "total"
    return timing(clause)


@lru_cache(maxsize=65536)
def head_noun(subject: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z-]+", subject.lower())
    words = [w for w in words if w not in STOP_WORDS]
    return words[-1] if words else ""


#: A counted kind ends before its first prepositional phrase ("people in the villages", "tonnes of ammonia").
_PREPOSITIONS = frozenset("of in on at from near with by for to into across around inside outside along under over "
                          "between among against after before during".split())


@lru_cache(maxsize=65536)
def counted_kind(subject: str) -> str:
    """What a count counts, as a short phrase: the common-noun words of its subject before any
    prepositional phrase, up to three from the end, without names, owners or function words
    ("North Korean special operation forces" → "special operation forces"). The phrase, not the head noun alone, is what tells "special forces
    soldiers" from "landing ships" and "forces" of an army from other forces; on ECB+ entity mentions
    it groups mentions of one thing better than head nouns do (scripts/fit_subject_class.py)."""
    words = re.findall(r"[A-Za-z][A-Za-z-]+", subject)
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _PREPOSITIONS), len(words))
    words = [w for w in words[:cut] if not w[0].isupper() and w.lower() not in STOP_WORDS]
    return " ".join(w.lower() for w in words[-3:]) if words else head_noun(subject)


def value_key(fig: Figure) -> int:
    return round_key(fig.value)


@lru_cache(maxsize=65536)
def round_key(value: float) -> int:
    """Figures within 1% of each other share a key (rounded to 2 significant digits)."""
    v = abs(value)
    if v == 0:
        return 0
    mag = 10 ** max(int(np.floor(np.log10(v))) - 1, 0)
    return int(round(v / mag) * mag)


def allowed_range(fig: Figure, value: float, *, open_above: bool = False) -> tuple[float, float, float]:
    """(value, lowest, highest) of what a figure allows: a range ("a few thousand", "thousands"), a lower
    bound ("at least 31"; ``open_above`` for one a recording caught), else the value itself. An upper bound
    ("up to 30", "less than two") is its value: what it claims is how far the thing goes."""
    low = fig.low if fig.low is not None else value
    high = fig.high if fig.high is not None else value
    return value, min(low, value), math.inf if fig.qualifier == "at_least" or open_above else max(high, value)


def ranges_meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Do two figures' allowed values, each (lowest, highest) of :func:`allowed_range`, meet? "At least 31"
    agrees with 38 and "thousands" with 10,000; 20 contradicts both."""
    return not (a[1] < b[0] or b[1] < a[0])


def own_measures(st: Statement) -> tuple[tuple[str, float, float, float], ...]:
    """The measures a statement's own words give (not those of its quotation's other sentences), in the order
    given, each as (unit, value, lowest, highest) of :func:`allowed_range` in the unit its dimension is compared
    in (:func:`~.units.in_common_unit`): "less than two centimetres" and "about 12 centimetres" are two values of
    one length, and so are "500 kilograms" and "1.2 tonnes". A measure only supposed ("if the crack were 30 cm
    deep") gives nothing."""
    return tuple(in_common_unit(f.unit.lower(), *allowed_range(f, float(f.value))) for f in st.figures
                 if f.kind == "measure" and f.unit and f.text in st.text
                 and not supposed(clause_around(f.sentence, f.text)))


def subject_classes(heads: list[str], threshold: float) -> dict[str, int]:
    """Counted kinds (or any short phrases) grouped by embedding similarity, joined transitively (few
    distinct ones per story, so pairwise is cheap)."""
    uniq = sorted({h for h in heads if h})
    if not uniq:
        return {}
    vecs = embed(uniq)
    classes = DisjointSets(len(uniq))
    for s in range(0, len(uniq), 512):
        sims = vecs[s:s + 512] @ vecs.T
        for i, j in zip(*np.nonzero(sims >= threshold)):
            classes.union(s + i, j)
    return {h: classes.find(i) for i, h in enumerate(uniq)}


def propositions(statements: list[Statement], *, params: LedgerParams = DEFAULT_PARAMS) -> list[Proposition]:
    """The proposition of each statement (one call per ledger: subject classes are found across all)."""
    classes = subject_classes([counted_kind(st.fig.subject) for st in statements if st.fig is not None],
                              params.subject_class)
    out = []
    for st in statements:
        quantity = None
        if st.fig is not None:
            clause = figure_clause(st)
            kind = counted_kind(st.fig.subject)
            # a tally ("the death toll rose to three") or a noun of the harm itself ("two deaths", "40 injuries")
            # counts whoever suffered what its harm says, of no class of its own
            klass = -1 if kind.rsplit(" ", 1)[-1] in TALLY_NOUNS | HARM_NOUNS else classes.get(kind, -1)
            quantity = Quantity(value_key(st.fig), klass,
                                aspect_of(clause), st.fig.as_of, supposed(clause), harm_of(clause))
        out.append(Proposition(st.polarity, "possible" if st.att.stance == "speculates" else "asserted",
                               quantity, st.text,
                               is_anaphoric(st.att.content) if st.polarity != "pos"
                               else st.fig is None and is_anaphoric(st.att.content, response=False),
                               _reports_speech(st), own_measures(st)))
    return out


_CUE_LEAD = re.compile(r"^that\s+", re.I)  # not "if"/"whether": a condition or a question is not an assertion
_EDGE = " \t\n,;:-–—\"'“”‘’()[]…"


def readable(text: str) -> str:
    """A statement's words as a sentence: no leading 'that', no dangling quotes or commas, a capital and a stop."""
    text = re.sub(r"\s+", " ", text).strip(_EDGE)
    text = _CUE_LEAD.sub("", text).strip(_EDGE)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
