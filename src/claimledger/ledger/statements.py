"""Stage 1: statements, the unit every later stage works on.

A statement is one attribution, split once per counted figure it carries (one
sentence can state "1,500 sent" and "another 12,000 planned": two
propositions), else once per sentence of a quotation of several. Each carries its origin (see :mod:`provenance`), its polarity
(asserting, denying, cannot-confirm, no comment) and the date it was made.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from claimledger.extract.cues import REPORTED_CLAIMS
from claimledger.extract.slots import Clause, clause_around as clause_holding, main_clause
from claimledger.extract.times import DAY_VALUE
from claimledger.ledger.entities import Resolution
from claimledger.ledger.provenance import origin_of
from claimledger.ledger.stance_model import split_sentences
from claimledger.records import Attribution, Figure, StoredReport, TimeExpression, item_id

Polarity = Literal["pos", "neg", "unc", "nc"]
POLARITY: dict[str, Polarity] = {"asserts": "pos", "speculates": "pos", "denies": "neg",
                                 "cannot_confirm": "unc", "no_comment": "nc"}


@dataclass(slots=True)
class Statement:
    """One attribution, or one attribution × one of its counted figures."""

    aid: str
    doc: str
    att: Attribution
    fid: str | None
    fig: Figure | None
    text: str
    polarity: Polarity
    origin: str | None  # None for a generic source or a copied report: it echoes, it does not originate
    date: str | None  # when it was said: the attribution's date, else the report's
    figures: tuple[Figure, ...] = ()  # every figure of the attribution, counts and measures
    counted_on: str | None = None  # when its count held, by a date in the count's own clause ("between October 8 and 13")
    clause: Clause | None = None  # the clause its text stands in, with its slots (None: stored without clauses)
    channels: tuple[str, ...] = ()  # entity ids of the outlets and persons it came through
    dated_on: str | None = None  # without a count, the one day its own words date what they say ("inspected on March 3")
    measured_in: str | None = None  # the period its measure's clause names ("grew 0.4% in the first quarter"), days


_ASIDE = re.compile(r"\s[—–]\s[^—–]+\s[—–]\s")
_CALENDAR = re.compile(r"\d{4}-\d{2}(?:-\d{2})?$")  # a day or month; not a span, a duration or PRESENT_REF
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*(?=[\"'“‘(]*[A-Z])")  # an ellipsis before a capital ends a fragment
_SENTENCE_START = re.compile(r"[\"'“‘(]*[A-Z]")  # not "8, according to …" after "Oct."
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")  # "Oct.", "Mr.", "Gen.", "U.S."
#: Words a sentence of a quotation needs to be a statement of its own: the same floor as
#: :func:`statement_text` uses for content that is a proposition rather than a stub.
PROPOSITION_MIN_WORDS = 4


def statement_text(att: Attribution) -> str:
    """Content when it is a proposition; the whole sentence when the content is a stub ("these claims")."""
    content = att.content.strip()
    return content if len(content.split()) >= PROPOSITION_MIN_WORDS else att.sentence.strip()


# Shell nouns and pronouns that point back to something already said: English common knowledge.
_ANAPHORIC = re.compile(
    r"^(?:that\s+)?(?:(?:it|this|that|these|those|them|so)\W*$|(?:there\s+(?:is|was|are|were|had\s+been)\s+)?no\s+such\b|"
    r"(?:this|that|these|those)\s+(?:is|was|are|were|seems|seemed|sounds|appears|looks|remains)\b|(?:the|these|those|this|that|such|any|all|its|their|his|her)\s+(?:\w+\s+){0,2}?(?:reports?|claims?|stor(?:y|ies)|rumou?rs?|allegations?|accounts?|suggestions?|"
    r"speculation|articles?|findings?|assertions?|remarks?|comments?|quotes?|news|tale|idea|estimates?|"
    r"figures?|assessments?|statements?|versions?)\b)", re.I)


# A sentence adverbial before the subject ("Turns out, the entire tale is rubbish", "In fact, these reports are
# false") does not change what the subject points back to: English common knowledge.
_SENTENCE_ADVERBIAL = re.compile(r"^(?:[A-Za-z’']+\s+){0,2}[A-Za-z’']+,\s+")


# "… saying anything like that", "… nothing of the sort": the object points back.
#: A claim named by whose it is ("the opposition's figures", "Plant's claims"): its owner, the possessive.
OWNED_CLAIM = re.compile(r"(?:\bthe\s+)?\b(?P<owner>[A-Za-z][\w-]*)['’]s\s+(?:\w+\s+)?(?:%s)\b" % "|".join(
    sorted({*(f"{noun}s?" for noun in REPORTED_CLAIMS), "stories", "figures?", "numbers?", "estimates?", "accounts?",
            "versions?", "statements?", "remarks?"})), re.I)
_POINTS_BACK = re.compile(r"\b(?:like (?:that|this|it)|of the (?:sort|kind)|such a thing|such things)$", re.I)


# A response's own frame when the content keeps it ("it could not confirm these reports", "he did not deny
# it"): what follows is what is answered.
_RESPONSE_FRAME = re.compile(
    r"^(?:(?:it|he|she|they|we|i|the\s+\w+)\s+)?(?:(?:could|can|did|does|do|would|will|was|were|is|are)\s*"
    r"(?:not|n['’]t)|cannot|never|(?:was|were|is|are)\s+unable\s+to)\s+(?:\w+\s+(?:or|and)\s+)?"
    r"(?:confirm|verify|corroborate|substantiate|deny|dispute|comment\s+on|address)\s+", re.I)

# A correction's frame ("it had misquoted the minister's remark", "wrongly attributed the quote to …"): what
# follows is the report it corrects, named by whose it was or not. English, common knowledge.
_CORRECTION_FRAME = re.compile(
    r"^(?:(?:it|he|she|they|we|i|the\s+\w+)\s+)?(?:(?:had|has|have)\s+)?(?:mis(?:attributed|quoted|reported|stated|"
    r"identified|translated)|(?:wrongly|incorrectly|falsely|erroneously|mistakenly)\s+(?:attributed|quoted|reported|"
    r"stated))\s+(?P<whose>(?:the|its|his|her|their)\s+[\w-]+['’]s?\s+)?", re.I)


def is_anaphoric(content: str, *, response: bool = True) -> bool:
    """Does a statement's content only point back ("the reports", "these claims groundless", "anything like that")?

    A response (a denial, a doubt) of a word or two ("denied it") points back too, as does one whose
    content keeps its own frame before such words ("it could not confirm these reports"), or a correction's
    ("it had misquoted the minister's remark"); an assertion
    that short is a figure's frame ("put the number at 11,000") and says something.
    """
    content = _SENTENCE_ADVERBIAL.sub("", content.strip(" \"'“”‘’.,"), count=1)
    if response:
        content = _CORRECTION_FRAME.sub(lambda m: "the " if m.group("whose") else "",
                                        _RESPONSE_FRAME.sub("", content, count=1), count=1)
    return response and (len(content.split()) < 3 or bool(OWNED_CLAIM.fullmatch(content))) \
        or bool(_ANAPHORIC.match(content) or _POINTS_BACK.search(content))


#: The forms of the verbs that say a count went up, and down ("rose", "has fallen"): English, common knowledge.
RISE_VERBS = ("rose|risen|rises|rising|climbed|climbs|climbing|increased|increases|grew|grown|grows|jumped|jumps|soared|"
              "surged|swelled|swollen|mounted")
FALL_VERBS = "fell|fallen|falls|falling|dropped|drops|declined|declines|decreased|decreases|shrank|shrunk|dipped|slipped"

# The value a figure was before the one given ("five cases, up from three on Monday", "the toll rose to 22 from
# 14", "up from its earlier estimate of 1.2 million"): named to compare, not given now. English, common knowledge.
PREVIOUS = re.compile(rf"\b(?:up|down|{RISE_VERBS}|{FALL_VERBS})\s+"
                      r"(?:\w+\s+){0,2}?from\s+(?:(?:its|their|his|her|the|an?)\s+(?:(?:earlier|previous|prior|initial|"
                      r"original|first)\s+)?(?:estimate|figure|count|tally|toll|total|number|forecast)\s+of\s+)?"
                      r"(?:about\s+|around\s+|some\s+)?$", re.I)


# A value named only to be set aside for the one given ("nine consulates, not twelve", "rather than 12,000",
# "instead of three"). English, common knowledge.
REJECTED = re.compile(r"(?:^\W*(?:and\s+|but\s+)?not|\brather\s+than|\binstead\s+of)\s+(?:the\s+)?"
                      r"(?:about\s+|around\s+|some\s+)?$", re.I)  # "not" opening the figure's clause: ", not twelve"


# A value another is measured against ("far more than the 6,000 first reported", "below the $45 reported on
# Monday", "compared with 40 last year"): a comparative with a modifier of degree or before "the" value named
# before; a bare "more than 6,000" is the figure's own qualifier, part of its text. English, common knowledge.
_MORE_OR_LESS = r"(?:more|fewer|less|higher|lower|greater|larger|smaller|bigger)"
AGAINST = re.compile(rf"(?:\b(?:far|much|well|many|significantly|considerably|slightly)\s+{_MORE_OR_LESS}\s+than\s+"
                     rf"(?:the\s+)?|\b{_MORE_OR_LESS}\s+than\s+the\s+|\b(?:below|above)\s+the\s+|"
                     r"\bcompared\s+(?:with|to)\s+(?:the\s+)?)(?:about\s+|around\s+|some\s+)?$", re.I)


def compared(before: str) -> bool:
    """Do the words of a figure's clause before it name it only to compare the one given with it: the value
    before it ("up from three"), one set aside ("nine, not twelve") or one measured against ("far more than the
    6,000 first reported")?"""
    return bool(PREVIOUS.search(before) or REJECTED.search(before) or AGAINST.search(before))


def set_aside(st: Statement) -> tuple[Figure, ...]:
    """The figures a statement names only to set them aside for its own ("£38 million, not £40 million as first
    reported"): each says that someone gave that value for what the statement gives another."""
    return tuple(f for f in st.figures if f is not st.fig and REJECTED.search(clause_around(f.sentence, f.text)[0]))


def compared_value(fig: Figure) -> bool:
    """Is a figure only a value the one given is compared with (:func:`compared`)? It is no statement of its own:
    the source gives the other one."""
    return compared(clause_around(fig.sentence, fig.text)[0])


def _topic_only(att: Attribution) -> bool:
    """Is an assertion's content only what it was about ("workers had complained about the crane": "the
    crane"), a short phrase with no clause of its own ("they were fine" has one) pointing back at nothing
    said? It states no proposition, and the sentence around it is another's."""
    content = att.content.strip()
    return len(content.split()) < PROPOSITION_MIN_WORDS and not att.clauses and not is_anaphoric(content, response=False)


def figure_text(att: Attribution, fig: Figure) -> str:
    """The clause that carries a figure, so a sentence with several counts gives each its own words.

    A clause too short to say anything alone takes the clauses after it, unless those are outside what was
    said and a clause of what was said comes before it: "A crane collapsed on Sunday, killing two dock
    workers, the port authority said" states "A crane collapsed on Sunday, killing two dock workers", not
    "killing two dock workers, the port authority said"."""
    sent = fig.sentence or att.sentence
    pos = sent.find(fig.text)
    if pos < 0:
        return statement_text(att)
    # an aside between dashes ("two members — guitarist Jimmy Page, 70, and … Jones — had signed") is not the
    # figure's clause: without it the clause reaches its verb
    aside = next((m for m in _ASIDE.finditer(sent) if not m.start() <= pos < m.end()), None)
    if aside is not None:
        sent = sent[:aside.start()] + " " + sent[aside.end():]
        pos = sent.find(fig.text)
    said_from = sent.find(att.content.strip()) if att.content.strip() else -1
    said_to = said_from + len(att.content.strip()) if said_from >= 0 else -1
    parts, acc = [], 0
    for part in clauses(sent):
        start = sent.find(part, acc)
        acc = start + len(part)
        parts.append((start, acc, part))
    own = next((k for k, (a, b, _) in enumerate(parts) if a <= pos < b), None)
    if own is None:
        return statement_text(att)
    out = [parts[own][2]]
    k = own + 1
    while k < len(parts) and len(" ".join(out).split()) < 6:
        a, _, part = parts[k]
        if a >= said_to >= 0 and own > 0 and parts[own - 1][0] >= said_from >= 0:
            out.insert(0, parts[own - 1][2])  # the frame follows: the clause said before it instead
            break
        out.append(part)
        k += 1
    text = " ".join(out).strip()
    if fig.subject and fig.subject.lower() not in text.lower() and fig.text in text:
        text = text.replace(fig.text, f"{fig.text} {fig.subject}", 1)  # "puts the figure at 25,000 [ballots]"
    return text if len(text.split()) >= 6 else statement_text(att)


def propositions_said(text: str) -> list[str]:
    """A quotation of several sentences, or of fragments an ellipsis joins ("One day we will see our
    animals again … Paradise is open to all"), says one thing per sentence: each of at least
    :data:`PROPOSITION_MIN_WORDS` words is its own statement, as the same-claim model was trained
    on single sentences and headlines. Shorter pieces stay with their neighbours' statement."""
    parts: list[str] = []
    for piece in split_sentences(_ELLIPSIS.sub(lambda m: " " if text[m.start() - 1:m.start()] in ".!?" else ". ", text)):
        if parts and (len(piece.split()) < PROPOSITION_MIN_WORDS or len(parts[-1].split()) < PROPOSITION_MIN_WORDS
                      or not _SENTENCE_START.match(piece) or _ABBREVIATION_END.search(parts[-1])):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts if len(parts) > 1 and len(parts[-1].split()) >= PROPOSITION_MIN_WORDS else [text]


_NAME_AND = re.compile(r"[A-Z][\w’'-]*$")  # "Rock and Roll", "Page and Jones": one name, or names joined


def clauses(text: str) -> list[str]:
    """``text`` split after commas, semicolons and colons and before "and", "but", "while", "with", except
    an "and" between two capitalised words ("the Rock and Roll Hall of Fame", "Page and Jones")."""
    out: list[str] = []
    for part in re.split(r"(?<=[,;:])\s+|\s+(?=\b(?:and|but|while|with)\b)", text):
        if out and part.startswith("and ") and part[4:5].isupper() and _NAME_AND.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def said_texts(att: Attribution, counts: list[Figure]) -> list[str]:
    """The words of each statement an attribution makes: one per counted figure, else one per sentence, with
    the speaker named where reported speech has them speak of themselves (:func:`speaker_named`)."""
    return [speaker_named(att, t) for t in [figure_text(att, f) for f in counts] or propositions_said(statement_text(att))]


#: A subject pronoun for a body and one for a person, and the predicates of an empty "it" ("it was too early").
_SELF_PRONOUNS = {"it": ("organisation", "media", "state"), "he": ("person",), "she": ("person",)}
_EMPTY_PREDICATES = frozenset({"be", "seem", "appear", "remain", "take", "make"})


def speaker_named(att: Attribution, text: str) -> str:
    """In reported speech a speaker speaks of themselves by pronoun ("Calder Chemicals said it had alerted the
    services"; "Reid said he had raised concerns"): the statement is that the speaker did so, and two bodies'
    "it had …" are two claims, not one. The pronoun opening the content's main clause, when it agrees with a
    named speaker, is replaced by the speaker's name."""
    source = att.source
    first, _, rest = text.partition(" ")
    kinds = _SELF_PRONOUNS.get(first.lower())
    if source is None or kinds is None or source.kind not in kinds or att.quote != "indirect" or not rest \
            or source.name.lower() in _SELF_PRONOUNS or not att.content.lstrip().startswith(first):
        return text
    clause = next((c for c in att.clauses if c.start == att.content_start), None)
    if clause is None or (clause.agent or "").lower() != first.lower() or clause.predicate in _EMPTY_PREDICATES:
        return text
    return f"{source.name} {rest}"


@lru_cache(maxsize=65536)
def clause_around(sentence: str, figure: str) -> tuple[str, str]:
    """Text of a figure's clause before and after it (split at commas, semicolons and 'but')."""
    pos = sentence.find(figure)
    if pos < 0:
        return "", ""
    before, after = sentence[:pos], sentence[pos + len(figure):]
    before = re.split(r"[,;:]|\bbut\b", before)[-1]
    after = re.split(r"[,;:]|\bbut\b", after)[0]
    return before, after


def counted_on(fig: Figure, times: list[TimeExpression]) -> str | None:
    """The day a count held, when its own clause dates it: "ferried 1,500 soldiers between October 8 and
    October 13" held on the 13th, whenever it was said. The last day of a span; None for none or a month."""
    before, after = clause_around(fig.sentence, fig.text)
    lo, hi = fig.start - len(before), fig.end + len(after)
    days = [t.value.rsplit("/", 1)[-1] for t in times if t.value and lo <= t.start and t.end <= hi]
    days = [d[:10] for d in days if DAY_VALUE.match(d)]
    return days[-1] if days else None


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTHS = re.compile(r"^(\d{4})-(\d{2})(?:/(\d{4})-(\d{2}))?$")
_YEAR = re.compile(r"^(\d{4})$")
_FIRST_MONTHS = re.compile(r"^the\s+first\s+\S+\s+months$", re.I)  # "the first three months" (of a year named after)


def _month_end(year: int, month: int) -> str:
    """The day after the month's last."""
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"


def measured_in(figures: tuple[Figure, ...], text: str, times: list[TimeExpression]) -> str | None:
    """The period the clause of a statement's first measure names, as "first day/day after the last": a quarter
    ("grew 0.4% in the first quarter of 2027"), a month or months, a year, or "the first three months of" a year.
    Two measures of one period are of one fact whenever they are said (a figure revised weeks later); of two
    periods, of two facts. None when the clause names no such period."""
    fig = next((f for f in figures if f.kind == "measure" and f.unit and f.text in text), None)
    if fig is None:
        return None
    before, after = clause_around(fig.sentence, fig.text)
    lo, hi = fig.start - len(before), fig.end + len(after)
    inside = [t for t in times if t.value and lo <= t.start and t.end <= hi]
    for t in inside:
        if m := _QUARTER.match(t.value):
            year, q = int(m.group(1)), int(m.group(2))
            return f"{year:04d}-{3 * q - 2:02d}-01/{_month_end(year, 3 * q)}"
        if m := _MONTHS.match(t.value):
            y1, m1 = int(m.group(1)), int(m.group(2))
            y2, m2 = (int(m.group(3)), int(m.group(4))) if m.group(3) else (y1, m1)
            return f"{y1:04d}-{m1:02d}-01/{_month_end(y2, m2)}"
        if _FIRST_MONTHS.match(t.text) and (n := re.fullmatch(r"P(\d+)M", t.value)) and 1 <= int(n.group(1)) <= 12:
            year = next((int(y.value) for y in inside if y.start >= t.end and _YEAR.match(y.value)), None)
            if year is not None:
                return f"{year:04d}-01-01/{_month_end(year, int(n.group(1)))}"
        if m := _YEAR.match(t.value):
            return f"{m.group(1)}-01-01/{int(m.group(1)) + 1:04d}-01-01"
    return None


def dated_on(att: Attribution, text: str, times: list[TimeExpression]) -> str | None:
    """The day a statement's own words date what they say ("the dam was last inspected on March 3, 2025"):
    the one calendar date written with its year inside its content and its text; None for none, several, a
    span, a month, or a day only placed by the report's own date ("on Tuesday", "yesterday", "June 18": two
    reports a week or a year apart each name their own Tuesday or June, and a report's date may be wrong)."""
    days = {t.value[:10] for t in times if t.value and DAY_VALUE.match(t.value) and t.reading is not None
            and t.reading.kind == "date" and t.reading.first.year is not None
            and att.content_start <= t.start and t.end <= att.content_end and t.text in text}
    return days.pop() if len(days) == 1 else None


def statement_clause(att: Attribution, fig: Figure | None, text: str, pieces: int) -> Clause | None:
    """The clause a statement's text stands in: the clause around its figure; for one sentence of a
    quotation of several, that sentence's widest clause; else the content's main (widest) clause."""
    if not att.clauses:
        return None
    if fig is not None and att.content_start <= fig.start and fig.end <= att.content_end:
        return clause_holding(att.clauses, fig.start, fig.end) or main_clause(att.clauses)
    if pieces > 1:
        pos = att.content.find(text)
        if pos >= 0:
            start = att.content_start + pos
            return main_clause(att.clauses, start, start + len(text)) or main_clause(att.clauses)
    return main_clause(att.clauses)


def collect_statements(reports: list[StoredReport], res: Resolution, media: set[str]) -> list[Statement]:
    """Every statement of ``reports``, in report then attribution order."""
    out = []
    for r in reports:
        ext = r.extraction
        figs, every = defaultdict(list), defaultdict(list)
        for j, f in enumerate(ext.figures):
            if f.attribution is not None:
                every[f.attribution].append(f)
                if f.kind == "count":
                    figs[f.attribution].append(j)
        for i, a in enumerate(ext.attributions):
            if POLARITY.get(a.stance, "pos") == "pos" and i not in every and _topic_only(a):
                continue
            aid = item_id(r.id, "a", i)
            o = origin_of(aid, a, r, res, media)
            when = a.date if a.date and _CALENDAR.match(a.date) else ext.published
            pol = POLARITY.get(a.stance, "pos")
            counted = [j for j in figs.get(i, ()) if not compared_value(ext.figures[j])] or [None]
            texts = said_texts(a, [ext.figures[j] for j in counted if j is not None])
            for j, text in zip(counted * len(texts) if counted == [None] else counted, texts):
                fig = ext.figures[j] if j is not None else None
                out.append(Statement(aid, r.id, a, item_id(r.id, "f", j) if j is not None else None,
                                     fig, text, pol, None if o.echo else o.entity, when, tuple(every.get(i, ())),
                                     counted_on(fig, ext.times) if fig is not None else None,
                                     statement_clause(a, fig, text, len(texts)), o.channels,
                                     dated_on(a, text, ext.times) if fig is None else None,
                                     measured_in(tuple(every.get(i, ())), text, ext.times) if fig is None else None))
    return out
