"""Figures: the numbers in a report that count something, with their hedges.

A figure is a number of things ("around 1,500 special forces", "four landing
ships", "a few thousand soldiers") read off the spaCy parse: the number's
value, the qualifier in front of it ("as many as" -> ``up_to``), and the noun
it counts (the noun it modifies through ``nummod``, the object of "of" in
"hundreds of soldiers", or, for a number standing alone as in "another
12,000" or "put the number at 11,000", the count noun last mentioned in the
sentence or the one before). Measures (155mm, 100 miles, $5 billion, 30
percent, two years) are kept with ``kind="measure"`` and a ``unit`` so they
are never compared as counts; the unit is normalised (pint's name for
physical units, ISO codes for currencies: "tonnes" -> ``metric_ton``, "$"
-> ``USD``). "One" counts only right before its noun ("one man died",
"killed one person", "a single passenger") or for people harmed, never as a
pronoun or in an idiom ("one could", "at one point", "one day"). A bare number
that is the subject or object of a verb of harm ("killing two", "three died")
or is said to be dead, injured or missing ("left one dead and three
wounded", "12 hurt") counts people, and "a man was killed", "a woman died"
count one (not "when an animal dies", "a lot of people died" or the gunman who
killed). Street numbers ("the 300 block of"), ages
in apposition ("a teenager, 17") and golf scores are not counts. Dates, years, day numbers, ages, ordinals,
clock times, model numbers (MiG-29, Hwasong-11, Boeing 747) and numbers that
are part of names are not figures at all.

Vague amounts become ranges: ``low``/``high`` hold the bounds and ``value``
holds the *low* bound ("a few thousand" -> 2,000, 2,000-5,000; "thousands" ->
2,000, 2,000-10,000; "tens of thousands" -> 20,000, 20,000-100,000), so a
ledger never states more than the source committed to; such figures are
``approx`` unless an explicit qualifier says otherwise. Explicit ranges
("10,000 to 12,000", "between 10,000 and 12,000", "two or three") take the
same shape.

The word-number reader is written here rather than taken from a library:
``word2number`` (the usual choice) is unmaintained since 2017, raises on
anything it does not know and reads neither "a few thousand", "tens of
thousands", "4.8 million" nor ranges; what news prose needs is a few dozen
lines over tokens the parser has already split, in the same single pass.
spaCy's ``like_num`` is not used to spot numbers because it also accepts
ordinals ("first", "38th"); entity labels are used only where they are
reliable (DATE/TIME to drop dates, PERCENT for percentages, name labels to
drop "Apollo 11"), since the small model tags counts as QUANTITY or MONEY.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from claimledger.extract.cues import HARM_NOUNS, HARMS, SPEECH, TALLY_NOUNS
from claimledger.records import Figure, Qualifier

if TYPE_CHECKING:
    import pint

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DIGIT_RANGE = re.compile(r"(\d[\d,.]*)[-\u2013](\d[\d,.]*)")

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Plural number words: "hundreds" is read as "hundred" with the vague factor.
_PLURALS = {"tens": 10, "dozens": 12, "hundreds": 100, "scores": 20,
            "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_PLURAL_FACTOR = (2, 10)  # "thousands" = 2,000 to 10,000
_FUZZY = {"few": (2, 5), "several": (3, 9), "couple": (2, 3)}
_SINGLE = {"single", "lone"}  # "a single passenger": a count of one
#: Nouns after "one" that make an idiom, not a count ("one way or another", "at one point", "one day").
_ONE_IDIOMS = {"way", "point", "hand", "thing", "side", "reason", "another", "moment", "stage", "place", "kind",
               "sort", "part", "piece", "other", "question", "problem", "issue", "example", "instance", "case", "option",
               "choice", "alternative", "possibility", "factor"}
_SCALE_WORDS = _MULTIPLIERS.keys() | _SCALES.keys()
#: A scale written short or glued to the number, as news style writes money ("£85m", "$2bn", "€1.5bn",
#: "85million", "$300k"). "m" and "k" are also metres and kilo-, so they are a scale only right after a
#: currency symbol; "mn", "bn", "tn" and a glued word are a scale anywhere.
_SHORT_SCALES = {"m": 1e6, "mn": 1e6, "k": 1e3, "bn": 1e9, "tn": 1e12, **_SCALES}
_CURRENCY_ONLY_SCALES = {"m", "k"}
_GLUED = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<scale>[a-z]+)", re.IGNORECASE)

#: Qualifier phrases, matched right before the number, longest first.
_BEFORE: dict[tuple[str, ...], Qualifier] = {}
for _qualifier, _phrases in {
    "approx": ("around", "about", "roughly", "nearly", "almost", "some", "approximately", "approx",
               "approx.", "~", "circa", "estimated", "an estimated", "close to", "just about",
               "an approximate", "somewhere around", "in the region of"),
    "at_least": ("at least", "more than", "over", "upwards of", "no fewer than", "no less than",
                 "not less than", "not fewer than", "in excess of", "above", "a minimum of",
                 "just over", "well over", "greater than", "over than", "at the very least"),
    "at_most": ("at most", "fewer than", "less than", "no more than", "not more than", "under",
                "below", "just under", "at the most"),
    "up_to": ("as many as", "up to", "as much as", "as high as", "a maximum of", "as large as"),
}.items():
    for _phrase in _phrases:
        _BEFORE[tuple(_phrase.split())] = _qualifier  # type: ignore[assignment]
_AFTER: dict[tuple[str, ...], Qualifier] = {
    ("or", "more"): "at_least", ("or", "so"): "approx", ("or", "fewer"): "at_most",
    ("or", "less"): "at_most", ("plus",): "at_least", ("+",): "at_least",
}
_LONGEST_BEFORE = max(map(len, _BEFORE))
#: Parts of a whole, singular and plural ("a third", "two-thirds", "three quarters"): English common knowledge.
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
              "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
#: Words between "of" and a counted whole ("a third of the building's 90 residents", "half of its 300 staff").
_WHOLE_DETERMINERS = {"the", "its", "their", "his", "her", "our", "these", "those", "this", "that"}

_AGE_WORDS = {"year", "month", "week", "day", "and", "a", "half", "old"}
_TIME_UNITS = {"time", "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"}
_UNITS = _TIME_UNITS | {
    "mm", "cm", "m", "km", "millimetre", "millimeter", "centimetre", "centimeter", "metre", "meter",
    "kilometre", "kilometer", "mile", "foot", "feet", "ft", "inch", "yard", "nautical", "kg", "g",
    "gram", "kilogram", "ton", "tonne", "lb", "pound", "ounce", "kt", "kiloton", "megaton", "calibre",
    "caliber", "percent", "%", "pct", "degree", "mph", "kph", "knot", "acre", "hectare", "litre",
    "liter", "gallon", "barrel", "mw", "gw", "kw", "megawatt", "gigawatt", "sq", "square",
    "dollar", "euro", "yen", "yuan", "won", "rouble", "ruble", "hryvnia", "hryvnias", "rupee", "usd",
    "eur", "gbp", "krw", "rub", "sterling", "cent", "percentage", "point",
}
_CURRENCY_SYMBOLS = {"$", "us$", "€", "£", "¥", "₩", "₽", "₴", "a$", "c$", "hk$"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
_CLOCK = {"a.m.", "p.m.", "a.m", "p.m", "am", "pm", "gmt", "utc", "hrs", "o'clock", "h",
          "bst", "cet", "cest", "est", "edt", "pst", "pdt", "kst", "msk", "jst"}
#: Nouns that stand for a count already given ("put the number at 11,000").
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
#: QUANTITY and MONEY also tag plain counts ("1.5-2 million rounds", "three punts"): units decide those.
_MEASURE_LABELS = {"PERCENT"}
_RANGE_LINKS = {"to", "-", "\u2013", "\u2014", "or"}
_SIZE_WORDS = {"strong", "man", "member", "person"}  # "a 12,000-strong force" counts the force
_ADDRESS_WORDS = {"street", "st.", "avenue", "ave.", "road", "rd.", "boulevard", "blvd.", "lane", "drive"}
_NOUN_MODIFIERS = {"compound", "amod", "nmod"}


def find_figures(doc: Doc) -> list[Figure]:
    """Every counted or measured number in ``doc``, in text order."""
    figures: list[Figure] = []
    last_count: tuple[str, int] | None = None  # (subject, sentence index) of the latest count
    for sent_index, sent in enumerate(doc.sents):
        i = sent.start
        while i < sent.end:
            run = _number_run(doc, i, sent.end)
            if run is None:
                harmed, value = _one_harmed(doc[i]), 1.0
                if harmed is None:
                    harmed, value = _none_harmed(doc[i]), 0.0
                if harmed is not None:
                    figures.append(Figure(start=doc[i].idx, end=doc[i].idx + len(doc[i]), text=doc[i].text,
                                          sentence=sent.text, value=value, qualifier="exact",
                                          subject=_noun_phrase(doc, harmed, i + 1), kind="count"))
                    last_count = (figures[-1].subject, sent_index)
                i += 1
                continue
            start, end, low, high, vague = run
            if low is None:
                i = end
                continue
            figure = _figure(doc, sent, start, end, low, high, vague, last_count, sent_index)
            if figure is not None and figures and _converted(figures[-1], figure, doc.text):
                figure = None
            if figure is not None:
                figures.append(figure)
                if figure.kind == "count" and figure.subject:
                    last_count = (figure.subject, sent_index)
            i = end
    return figures


#: What joins an amount to the same amount in another currency: "€100 million, or about £84 million",
#: "€100 million ($108 million)".
_CONVERSION_LINK = re.compile(r"\s*,?\s*(?:or|\()\s*")


def _converted(before: Figure, figure: Figure, text: str) -> bool:
    """Is ``figure`` the writer's conversion of the amount right before it into another currency? Then it is
    the same amount, not a second figure of the source's (nor one to compare with others)."""
    return (before.unit in _currency_codes() and figure.unit in _currency_codes() and before.unit != figure.unit
            and before.end <= figure.start and _CONVERSION_LINK.fullmatch(text[before.end:figure.start]) is not None)


# Reading the number --------------------------------------------------------

def _is_digits(token: Token) -> bool:
    return _DIGITS.fullmatch(token.text.lstrip("~\u2248")) is not None


def _after_currency(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in _CURRENCY_SYMBOLS


def _scale_written_short(doc: Doc, i: int, *, number: int) -> float | None:
    """The scale of "m"/"bn"/"mn"/"k" at token ``i``, written against the number at token ``number``
    ("£120m" is three tokens; "m." ends a sentence as one), or ``None``."""
    word = doc[i].lower_.removesuffix(".")
    if word not in _SHORT_SCALES or word in _SCALES or doc[i - 1].whitespace_:
        return None
    if word in _CURRENCY_ONLY_SCALES and not _after_currency(doc, number):
        return None
    return _SHORT_SCALES[word]


def _glued(doc: Doc, i: int) -> float | None:
    """The value of one token that is a number with its scale glued on ("85million", "2bn", "£300k" after
    its symbol), or ``None``."""
    m = _GLUED.fullmatch(doc[i].text)
    if m is None:
        return None
    scale = m.group("scale").lower()
    if scale not in _SHORT_SCALES or scale in _CURRENCY_ONLY_SCALES and not _after_currency(doc, i):
        return None
    return float(m.group("number").replace(",", "")) * _SHORT_SCALES[scale]


def _starts_number(doc: Doc, i: int, stop: int) -> bool:
    word = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < stop else ""
    if _is_digits(doc[i]) or word in _SMALL or word in _PLURALS and word != "tens" or _glued(doc, i) is not None:
        return True
    if word == "tens":
        return nxt == "of" and i + 2 < stop and doc[i + 2].lower_ in _PLURALS
    if word in ("a", "an"):
        return nxt in _SCALE_WORDS or nxt in _FUZZY or nxt in _SINGLE
    if word in _FUZZY:
        return nxt in _SCALE_WORDS or nxt == "of" and i + 2 < stop and doc[i + 2].lower_ in _SCALE_WORDS
    if word == "half":
        return nxt in ("a", "an") and i + 2 < stop and doc[i + 2].lower_ in _SCALE_WORDS
    return False


def _continues(doc: Doc, j: int, stop: int, prev: str) -> bool:
    """Whether token ``j`` still belongs to the number that ``prev`` ended."""
    word = doc[j].lower_
    nxt = doc[j + 1].lower_ if j + 1 < stop else ""
    if word in _SCALE_WORDS or word in _PLURALS and prev not in _SCALES:
        return prev not in _SCALE_WORDS or _value_word(word) > _value_word(prev)
    if word in _SMALL:
        return prev in _SCALE_WORDS or prev in ("and", "-") or prev in _SMALL and _SMALL[prev] % 10 == 0 and _SMALL[prev] >= 20 and _SMALL[word] < 10
    if word in _FUZZY or word in _SINGLE:
        return prev in ("a", "an")
    if word in ("a", "an"):
        return prev == "half" and nxt in _SCALE_WORDS
    if word == "and":
        return prev in ("hundred", "thousand") and nxt in _SMALL
    if word == "-":
        return not doc[j - 1].whitespace_ and prev in _SMALL and nxt in _SMALL
    if word == "of":
        return prev in _PLURALS and nxt in _PLURALS or prev in _FUZZY and nxt in _SCALE_WORDS
    return False


def _value_word(word: str) -> float:
    return _SCALES.get(word) or _MULTIPLIERS.get(word) or _PLURALS.get(word) or 0


def _number_run(doc: Doc, i: int, stop: int) -> tuple[int, int, float | None, float, bool] | None:
    """The number starting at token ``i``: ``(start, end, low, high, vague)`` or ``None``.

    A range ("10,000 to 12,000", "between 8 and 10", "two or three") is
    read as one number with ``low < high``. A score or ratio ("an 80-19
    vote", "split 4 to 1") comes back with ``low=None``: it is skipped whole.
    """
    if not _starts_number(doc, i, stop):
        return None
    end, low, high, vague = _read(doc, i, stop)
    if low is None:
        return None
    k = end
    while k < stop and doc[k].text in ("-", "\u2013") and doc[k + 1:k + 2].text.lower() == "to":
        k += 1  # "2-to-1"
    link = doc[k].lower_ if k < stop else ""
    k += 1
    while link == "to" and k < stop and doc[k].text in ("-", "\u2013"):
        k += 1
    between = i > 0 and doc[i - 1].lower_ == "between"
    if (link in _RANGE_LINKS or link == "and" and between) and k < stop and _starts_number(doc, k, stop) \
            and not (link == "to" and i > 0 and doc[i - 1].lower_ == "from"):
        end2, low2, high2, _ = _read(doc, k, stop)
        if low2 is not None and low2 > low:
            if low < 1000 <= low2 and not any(doc[j].lower_ in _SCALES for j in range(i, end)):
                scale = next((_SCALES[doc[j].lower_] for j in range(k, end2) if doc[j].lower_ in _SCALES), 1)
                low *= scale  # "10 to 12 thousand"
            return i, end2, low, max(high, high2), True
        if low2 is not None and link != "or":
            return i, end2, None, low, False
    return i, end, low, high, vague


def _read(doc: Doc, i: int, stop: int) -> tuple[int, float | None, float | None, bool]:
    """Read number words and digits from ``i``: ``(end, low, high, vague)``."""
    token = doc[i]
    span_range = _DIGIT_RANGE.fullmatch(token.text)
    if span_range and not token.ent_type_ == "DATE":
        low, high = (_parse_digits(g) for g in span_range.groups())
        if low is not None and high is not None and low < high:
            return i + 1, low, high, True
    glued = _glued(doc, i)
    if glued is not None:
        return i + 1, _round(glued), _round(glued), False
    total = 0.0
    current: float | None = None
    factor: tuple[float, float] | None = None
    j = i
    prev = ""
    while j < stop and (j == i or _continues(doc, j, stop, prev)):
        word = doc[j].lower_
        if _is_digits(doc[j]):
            if j > i and prev not in ("and", "-"):
                break  # two digit numbers in a row are two numbers
            current = (current or 0) + float(word.lstrip("~\u2248").replace(",", ""))
        elif word in _SMALL:
            current = (current or 0) + _SMALL[word]
        elif word in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[word]
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = None
        elif word in _PLURALS:
            factor = factor or _PLURAL_FACTOR
            if _PLURALS[word] >= 1000:
                total += (current or 1) * _PLURALS[word]
                current = None
            else:
                current = (current or 1) * _PLURALS[word]
        elif word in _FUZZY:
            factor = _FUZZY[word]
            current = None
        elif word in ("a", "an"):
            current = current if prev == "half" else 1
        elif word in _SINGLE:
            current = 1
        elif word == "half":
            current = 0.5
        prev = word
        j += 1
        if _is_digits(doc[j - 1]) and j < stop and doc[j].lower_ not in _SCALE_WORDS:
            short = _scale_written_short(doc, j, number=j - 1)
            if short is not None:  # "£120m"
                total += (current or 0) * short
                current = None
                j += 1
            break
    base = total + (current or 0)
    if base <= 0:
        return j, None, None, False
    if factor:
        return j, _round(base * factor[0]), _round(base * factor[1]), True
    return j, _round(base), _round(base), False


def _parse_digits(text: str) -> float | None:
    return float(text.replace(",", "")) if _DIGITS.fullmatch(text) else None


def _round(value: float) -> float:
    return float(round(value)) if abs(value - round(value)) < 1e-6 else round(value, 6)


# Deciding what the number is -----------------------------------------------

def _figure(doc: Doc, sent: Span, start: int, end: int, low: float, high: float, vague: bool,
            last_count: tuple[str, int] | None, sent_index: int) -> Figure | None:
    lead = start - 1 if start > sent.start and doc[start - 1].lower_ in _CURRENCY_SYMBOLS else start
    qualifier, q_start = _qualifier_before(doc, lead, sent.start)  # "nearly $924 million": before the "$"
    q_start = q_start if qualifier else start
    after, q_end = _qualifier_after(doc, end, sent.end)
    if doc[start].text[0] in "~\u2248":
        qualifier = "approx"  # "~1,500" is one token
    qualifier = qualifier or after or ("approx" if vague else "exact")
    if _not_a_figure(doc, sent, start, end, low, q_start < start):
        return None
    unit, unit_end, text_start = _unit(doc, start, end, sent)
    kind = "measure" if unit else "count"
    head = _counted_noun(doc, start, end, max(unit_end, q_end))
    if head is not None and kind == "count" and _is_unit(head):
        unit, kind = head.lower_, "measure"
    unit = normal_unit(unit) if unit else None
    if kind == "count" and any(doc[k].ent_type_ in ("DATE", "TIME") for k in range(start, end)) \
            and not any("," in doc[k].text for k in range(start, end)):
        return None  # a grouped number ("In October 2,000 troops") is never a date
    if head is not None and kind == "count" and head.lower_ in _CASUALTY_WORDS and head.tag_ not in ("NNS", "NNPS"):
        head = None  # "12 dead", "12 hurt": people, counted by their state ("31 deaths" count deaths)
    if head is not None and not (kind == "measure" and _is_unit(head)):
        subject = _noun_phrase(doc, head, max(unit_end, q_end))
    elif kind == "measure":
        subject = ""
    else:
        subject = _elided_subject(doc, sent, start, last_count, sent_index, casualties=_counts_casualties(doc[end - 1]))
        if subject is None:
            return None
    first = min(text_start, q_start)
    part = _part_of(doc, first, sent.start) if kind == "count" else None
    if part is not None:  # "about a third of the building's 90 residents": the count is the part
        share, first, part_qualifier = part
        whole = float(low * share).is_integer() and float(high * share).is_integer()
        low, high = float(round(low * share)), float(round(high * share))  # a count of people is whole
        qualifier = part_qualifier or ("exact" if whole and qualifier == "exact" else "approx")
    span = doc[first:max(q_end, unit_end if kind == "measure" else end)]
    return Figure(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        sentence=sent.text,
        value=low,
        qualifier=qualifier,
        subject=subject,
        kind=kind,
        low=low if low != high else None,
        high=high if low != high else None,
        unit=unit,
    )


def _part_of(doc: Doc, start: int, floor: int) -> tuple[float, int, Qualifier | None] | None:
    """A fraction of the counted whole that begins at ``start`` ("a third of the building's 90", "nearly
    two-thirds of its 300", "half of the 1,200"): its share, the token it begins at and its qualifier."""
    k = start - 1
    skipped = 0
    while k >= floor and skipped < 4 and (doc[k].lower_ in _WHOLE_DETERMINERS or doc[k].tag_ == "POS"
                                          or k + 1 < start and doc[k + 1].tag_ == "POS"):
        k, skipped = k - 1, skipped + 1  # "the building's", "its"
    if k - 1 < floor or doc[k].lower_ != "of" or doc[k - 1].lower_ not in _FRACTIONS:
        return None
    k -= 1
    parts, numerator = _FRACTIONS[doc[k].lower_], 1
    if k - 1 >= floor and doc[k - 1].tag_ == "HYPH":  # "two-thirds"
        k -= 1
    if k - 1 >= floor and doc[k - 1].lower_ in _SMALL and doc[k].lower_ != "half":
        numerator = _SMALL[doc[k - 1].lower_]
        k -= 1
    elif k - 1 >= floor and doc[k - 1].lower_ in ("a", "an", "one"):
        k -= 1
    if numerator >= parts:
        return None
    qualifier, q_start = _qualifier_before(doc, k, floor)
    return numerator / parts, q_start if qualifier else k, qualifier


def _qualifier_before(doc: Doc, start: int, floor: int) -> tuple[Qualifier | None, int]:
    for size in range(_LONGEST_BEFORE, 0, -1):
        if start - size < floor:
            continue
        words = tuple(t.lower_ for t in doc[start - size:start])
        if words in _BEFORE:
            return _BEFORE[words], start - size
    return None, start


def _qualifier_after(doc: Doc, end: int, ceiling: int) -> tuple[Qualifier | None, int]:
    for size in (2, 1):
        if end + size <= ceiling:
            words = tuple(t.lower_ for t in doc[end:end + size])
            if words in _AFTER:
                return _AFTER[words], end + size
    return None, end


#: Nouns of a scale whose number is a place on it, not a count ("magnitude 6.4", "category 4"): English.
_RANKING_SCALES = frozenset({"magnitude", "category", "level", "grade", "stage", "phase", "tier", "force", "class"})

#: "three of them", "two of whom": a part of a group already counted (English common knowledge).
_PARTITIVE_PRONOUNS = frozenset({"them", "whom", "which", "those", "these", "us", "you"})


#: Words before "N percent" that name a segment of a population by its rank ("the top 1 percent", "the poorest 20
#: percent"): English common knowledge.
_SEGMENT_WORDS = frozenset({"top", "bottom", "richest", "poorest", "wealthiest", "highest", "lowest", "upper", "lower",
                            "middle", "best-paid", "lowest-paid", "highest-paid", "worst-off", "best-off"})


def _not_a_figure(doc: Doc, sent: Span, start: int, end: int, value: float, qualified: bool) -> bool:
    """Dates, years, day numbers, ages, times, model numbers, names, "one of"."""
    first, last = doc[start], doc[end - 1]
    prev = doc[start - 1] if start > sent.start else None
    nxt = doc[end] if end < sent.end else None
    if first.lower_ in ("a", "an") and prev is not None and prev.lower_ in ("not", "no", "without"):
        return True  # "not a single vote": none, not one
    if prev is not None and prev.lower_ == "but" and start - 2 >= sent.start and doc[start - 2].lower_ in ("all", "everyone"):
        return True  # "all but two have been released": the exceptions, not a count of what was counted
    if end - start == 1 and first.lower_ == "one" and not qualified and not _counts_one(first, prev) \
            and not _counts_casualties(first):
        return True  # "one could hear", "one of the largest", "at one point": a pronoun or idiom, not a count
    if first.pos_ == "PRON":
        return True
    if prev is not None and prev.lower_ in _SEGMENT_WORDS and nxt is not None and nxt.lower_ in ("percent", "%", "per"):
        return True  # "the top 1 percent", "the poorest 20%": a share of a population named, not a value given
    if _is_age(doc, start, end, sent):
        return True
    if nxt is not None and (nxt.lower_ in _CLOCK or nxt.text == ":" or nxt.lower_ in ("a", "p")
                            and doc[end + 1:end + 2].text in (".", "m", ".m.")) or prev is not None and prev.text == ":":
        return True  # a clock time: "6 p.m.", "7:01", "7 : 01 p . m ."
    if any(doc[k].ent_type_ in _NAME_LABELS for k in range(start, end)) \
            and not (first.ent_iob_ == "B" and last.dep_ == "nummod" and last.head.i >= end):
        return True  # "Apollo 11", but not the count that opens "35 MiG-29s"
    if prev is not None and first.head.i == prev.i and not qualified \
            and (prev.tag_ == "NN" or prev.tag_ == "NNS" and _is_digits(first)):
        # "room 212", "tank four", "between exits 12 and 14": a number after the noun it hangs on names it, never
        # counts it (a singular noun is never counted by a number after it)
        return True
    if prev is not None and prev.text == "-" and not prev.whitespace_ and first.is_alpha and start - 2 >= sent.start \
            and doc[start - 2].is_alpha and not doc[start - 2].whitespace_:
        return True  # "high-five", "mid-forties": one word, not a count
    if prev is not None and _is_digits(first):
        if prev.lower_ in ("no.", "nos.", "number", "#") and not qualified:
            return True  # "No. 1", "number 10"
        if prev.lower_ in _RANKING_SCALES:
            return True  # "a magnitude 6.4 quake", "a category 4 storm", "stage 3 cancer": a place on a scale
        if not prev.whitespace_ and prev.text in ("-", "/", ".") and start - 2 >= sent.start and doc[start - 2].is_alpha:
            return True  # Hwasong-11, Su-27 split by the tokenizer
        if prev.pos_ == "PROPN" and prev.lower_.rstrip(".") not in _MONTHS and "," not in first.text and not qualified \
                and prev.is_title | prev.is_upper and not (nxt is not None and first.head.i == nxt.i != prev.i
                                                           and nxt.ent_type_ in _MEASURE_LABELS):
            return True  # Boeing 747, Type 055, Resolution 2231; not "gave the Unity Party 52.8 percent"
    if nxt is not None and not last.whitespace_ and nxt.text in ("-", "/") and end + 1 < sent.end \
            and doc[end + 1].is_alpha and not _is_unit(doc[end + 1]) \
            and not doc[end + 1].is_lower:
        return True  # 9-K, 2-S19 model codes
    if nxt is not None and nxt.text == "-" and not last.whitespace_ and end + 1 < sent.end \
            and doc[end + 1].is_lower and doc[end + 1].is_alpha and not _is_unit(doc[end + 1]) \
            and doc[end + 1].lower_ not in _SIZE_WORDS and doc[end + 1].lower_ not in _AGE_WORDS:
        return True  # "a two-way race", "a four-star general": an adjective, not a count
    if nxt is not None and nxt.text == "-" and end + 1 < sent.end and doc[end + 1].lower_.startswith("to-"):
        return True  # "a 2-to-1 vote"
    if nxt is not None and nxt.text in ("'s", "\u2019s") and not last.whitespace_:
        return True  # "the 90's": a decade
    if any(t.is_title and t.lower_ in _ADDRESS_WORDS for t in doc[end:min(end + 3, sent.end)]):
        return True  # "131 West 43rd Street"
    if nxt is not None and nxt.lower_ == "of" and doc[end + 1:end + 2].text.lower() in _PARTITIVE_PRONOUNS:
        return True  # "19 were hurt, three of them seriously": part of a count named before, counting nothing new
    if nxt is not None and nxt.lower_ == "block" and doc[end + 1:end + 2].text.lower() == "of":
        return True  # "the 300 block of Elm Street": an address
    if nxt is not None and nxt.lower_ in ("more", "fewer", "less") \
            and any(t.lower_ == "than" for t in doc[end + 1:min(end + 5, sent.end)]):
        return True  # "4,000 more than it announced", "5,000 more troops than Russia": a difference, not a count
    if _is_digits(first) and first.text[0] == "0" and first.text[1:2].isdigit():
        return True  # "07", "0930": a code or a clock, never a count
    if end - start == 1 and _is_digits(first) and "," not in first.text and "." not in first.text:
        if value >= 1000 and not _counts_plural(first):
            return True  # a year, or a code ("20130909", "12200 block") rather than a count
        if value <= 31 and _near_month(doc, start, end, sent):
            return True  # a day of the month
    return False


def _counts_one(token: Token, prev: Token | None) -> bool:
    """ "one man died", "killed one person": "one" counting the noun right after it (adjectives between)."""
    head = token.head
    if token.dep_ != "nummod" or head.pos_ != "NOUN" or head.i <= token.i \
            or any(t.pos_ not in ("ADJ", "NOUN", "PUNCT") for t in token.doc[token.i + 1:head.i]):
        return False
    if prev is not None and prev.lower_ in ("no", "at", "in", "on", "from", "with", "by", "any", "every", "each"):
        return False  # "at one point", "no one person", "on one side"
    if head.dep_ == "attr":
        return False  # "that was one option": a predicate names a kind, it does not count
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH:
        return False  # "one study found", "one questioner claimed": a source introduced, not a count
    return head.lemma_.lower() not in _ONE_IDIOMS | _TIME_UNITS


def _counts_plural(token: Token) -> bool:
    """A four-digit number that plainly counts ("1500 soldiers"), not a year."""
    head = token.head
    return token.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() not in _TIME_UNITS \
        and token.ent_type_ != "DATE"


def _near_month(doc: Doc, start: int, end: int, sent: Span) -> bool:
    """"October 8", "8 October", "Oct. 8 and 13", "between October 8 and 13"."""
    if end < sent.end and doc[end].lower_.rstrip(".") in _MONTHS:
        return True
    k = start - 1
    while k >= sent.start:
        word = doc[k].lower_.rstrip(".")
        if word in _MONTHS and doc[k].is_title | doc[k].is_upper:
            return True
        if not (word in ("and", "to", "-", "\u2013", ",", "or", "") or _is_digits(doc[k]) and len(doc[k]) <= 2):
            return False
        k -= 1
    return False


def _is_age(doc: Doc, start: int, end: int, sent: Span) -> bool:
    """"33-year-old", "33 years old", "aged 33", "two-and-a-half-year-old", "Kim, 33,"."""
    if start > sent.start and doc[start - 1].lower_ in ("aged", "age"):
        return True
    k = end
    while k < sent.end and k < end + 10:
        word = doc[k].lower_
        if word == "old":
            return True
        if not (word in ("-", "and", "a", "half") or word in _SMALL or word.rstrip("s") in ("year", "month", "week", "day")):
            break
        k += 1
    if start - 2 >= sent.start and doc[start - 1].text == "," and (end == sent.end or doc[end].text in (",", ")", ".")) \
            and (doc[start - 2].ent_type_ == "PERSON"
                 or doc[start - 2].tag_ == "NN" and doc[start - 2].lemma_ not in TALLY_NOUNS) \
            and 1 <= (_parse_digits(doc[start].text) or 0) <= 110:
        return True  # "Kim, 33,", "a teenager, 17.": an age in apposition
    return False


def _unit(doc: Doc, start: int, end: int, sent: Span) -> tuple[str | None, int, int]:
    """The unit that makes the number a measure: ``(unit, end_with_unit, text_start)``."""
    text_start = start
    if start > sent.start and doc[start - 1].lower_ in _CURRENCY_SYMBOLS:
        return doc[start - 1].text, end, start - 1
    k = end
    if k < sent.end and doc[k].text in ("-", "\u2011") and not doc[k - 1].whitespace_:
        k += 1  # "155-mm", "four-day"
    if k < sent.end:
        word = doc[k].lower_
        if word == "per" and k + 1 < sent.end and doc[k + 1].lower_ == "cent":
            return "percent", k + 2, text_start
        if word == "percentage" and k + 1 < sent.end and doc[k + 1].lemma_.lower() == "point":
            return "percentage points", k + 2, text_start
        if _is_unit(doc[k]):
            return word, k + 1, text_start
    label = doc[end - 1].ent_type_
    if label in _MEASURE_LABELS:
        return label.lower(), end, text_start
    return None, end, text_start


#: Currencies by symbol or word, as ISO 4217 codes.
_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
    "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "sterling": "GBP", "¥": "JPY", "yen": "JPY",
    "yuan": "CNY", "₩": "KRW", "won": "KRW", "krw": "KRW", "₽": "RUB", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "rub": "RUB", "₴": "UAH", "hryvnia": "UAH", "hryvnias": "UAH",
    "rupee": "INR", "rupees": "INR", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
}
_PERCENT = {"%", "percent", "pct", "percentage"}


def _currency_codes() -> frozenset[str]:
    return frozenset(_CURRENCIES.values())


@lru_cache(maxsize=1)
def _units() -> pint.UnitRegistry:
    """pint's registry, imported and loaded on the first measure (about three seconds together), not with this module."""
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=512)
def normal_unit(written: str) -> str:
    """One name per unit however it is written: "tonnes" -> "metric_ton", "$" -> "USD", "%" -> "percent".

    Currencies become ISO codes; physical and time units pint's canonical
    name; a word pint does not know ("times", "calibre") stays as written,
    lower-cased.
    """
    word = written.lower()
    if word in _CURRENCIES:
        return _CURRENCIES[word]
    if word in _PERCENT:
        return "percent"
    if word == "percentage points":
        return "percentage_point"
    if word in ("times", "time"):
        return "times"
    registry = _units()
    try:
        return str(registry.parse_units(word))
    except (AttributeError, ValueError):  # pint's UndefinedUnitError is an AttributeError, its syntax errors ValueErrors
        return word


def _is_unit(token: Token) -> bool:
    word = token.lower_
    return word in _UNITS or token.lemma_.lower() in _UNITS or word.endswith("s") and word[:-1] in _UNITS


def _counted_noun(doc: Doc, start: int, end: int, after: int) -> Token | None:
    """The noun the number counts: "of" object, or the noun it modifies."""
    k = after
    while k < len(doc) and doc[k].is_quote:
        k += 1
    if k < len(doc) and doc[k].lower_ == "of":
        objects = [c for c in doc[k].children if c.dep_ == "pobj"]
        if objects and objects[0].pos_ in ("NOUN", "PROPN"):
            return objects[0]
    for token in doc[start:end]:
        head = token.head
        if head.i < start or head.i >= end:
            if end <= head.i < after or head.lower_ in _SIZE_WORDS and end < len(doc) and doc[end].text == "-":
                token, head = head, head.head  # "155mm shells", "2,000+ drones", "a 12,000-strong force"
            if token.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod", "det") and head.pos_ in ("NOUN", "PROPN") \
                    and head.i >= after:
                return head
            break
    return _next_plural_noun(doc, after)


def _next_plural_noun(doc: Doc, after: int) -> Token | None:
    """When the parse misses the link ("~1,500 troops" as one adjective), the plural noun right after."""
    k = after
    while k < len(doc) and k < after + 5 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN"):
        if doc[k].tag_ in ("NNS", "NNPS") and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN")):
            return doc[k]
        k += 1
    return None


def _noun_phrase(doc: Doc, head: Token, floor: int | None) -> str:
    """The counted noun with the modifiers right before it ("North Korean special forces soldiers")."""
    begin = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ in _NOUN_MODIFIERS and child.right_edge.i == begin - 1 and not child.like_num:
            begin = child.left_edge.i
        elif child.dep_ == "punct" and child.i == begin - 1 and child.text == "-":
            begin = child.i
        else:
            break
    if floor is not None:
        begin = max(begin, floor)
    while begin < head.i and (doc[begin].is_punct or doc[begin].pos_ in ("DET", "ADP", "CCONJ")
                                 or doc[begin].lower_ in _SIZE_WORDS):
        begin += 1
    return doc[begin:head.i + 1].text


#: Verbs whose subject or object, given as a bare number, is people harmed ("three died", "killing two"), and
#: states that, said of a bare number, make it so ("three dead", "left one dead", "12 injured"): of
#: :data:`~claimledger.extract.cues.HARMS`, the killed, the injured and the missing.
_CASUALTY_WORDS = HARMS["killed"] | HARMS["injured"] | HARMS["missing"]


#: Subordinators that make "a man" any man ("if a soldier is killed", "when an animal dies").
_GENERIC_MARKS = {"when", "whenever", "if", "unless", "once", "until", "before", "after"}


def _one_harmed(token: Token) -> Token | None:
    """"A man was killed", "a woman died": the indefinite article counting one person harmed; the noun."""
    head = token.head
    if token.lower_ not in ("a", "an") or token.dep_ != "det" or head.pos_ != "NOUN" or head.tag_ != "NN" \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "a lot of Marines died", "a number of people": an amount, not one
    verb = head.head
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in _GENERIC_MARKS for c in verb.children):
        return None  # "when an animal dies": any animal, not one that did
    lemma = verb.lemma_.lower()
    if head.dep_ == "nsubjpass" and (lemma in _CASUALTY_WORDS or lemma == "shoot") \
            or head.dep_ == "nsubj" and lemma in ("die", "drown"):
        return head  # the one harmed, not the one who harms ("a gunman killed two")
    return None


def _none_harmed(token: Token) -> Token | None:
    """ "There were no deaths", "with no injuries": "no" counting none of a harm's victims; the noun."""
    head = token.head
    if token.lower_ == "no" and token.dep_ == "det" and head.lemma_.lower() in HARM_NOUNS and head.i > token.i:
        return head
    return None


def _counts_casualties(number: Token) -> bool:
    """A number standing for people harmed: "killing two", "three died", "left one dead and three wounded"."""
    first = number
    while first.dep_ == "conj" and first.head.like_num:
        first = first.head
    head = first.head
    if first.dep_ in ("nsubj", "nsubjpass", "dobj") and (head.lemma_.lower() in _CASUALTY_WORDS
                                                          or head.lower_ in _CASUALTY_WORDS):  # "67 missing"
        return True
    if any(c.dep_ in ("amod", "acomp", "oprd") and c.lower_ in _CASUALTY_WORDS for c in number.children) \
            or number.dep_ == "nummod" and number.head.lower_ in _CASUALTY_WORDS:
        return True  # "three dead", "three wounded", "at least 12 dead"
    return first.dep_ == "dobj" and head.lemma_.lower() == "leave" and any(
        c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and c.lower_ in _CASUALTY_WORDS for c in head.children)


def _counted_by(tally: Token) -> Token | None:
    """The plural noun a tally noun counts ("the number of workers", "the total of 40 patients"), if any."""
    for prep in tally.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            nouns = [c for c in prep.children if c.dep_ == "pobj" and c.tag_ in ("NNS", "NNPS")]
            return nouns[0] if nouns else None
    return None


def _elided_subject(doc: Doc, sent: Span, start: int, last_count: tuple[str, int] | None, sent_index: int,
                    *, casualties: bool = False) -> str | None:
    """The counted noun of a number standing alone ("another 12,000", "put the number at 11,000").

    The count noun given earlier in the same sentence, else a tally noun with
    its own modifiers ("the death toll"), else the count noun of the sentence
    before, else a bare tally noun ("the number"); ``None`` when there is no
    count to refer to, so lone numbers in prose are not taken as figures.
    A number that stands for people harmed (``casualties``: "killing two",
    "left one dead") is a count of people when no count noun came before.
    """
    tallied = last_count is not None and last_count[0].rsplit(" ", 1)[-1].lower() in TALLY_NOUNS
    if last_count and last_count[1] == sent_index and not (casualties and tallied):
        return last_count[0]  # but "the death toll stood at 22, with 67 missing": the 67 are people, not a toll
    if casualties:
        return last_count[0] if last_count and last_count[1] == sent_index - 1 else "people"
    tallies = [t for t in sent if t.lemma_.lower() in TALLY_NOUNS and t.pos_ == "NOUN" and t.i < start]
    tally = tallies[-1] if tallies else None
    counted = _counted_by(tally) if tally is not None else None
    if counted is not None:
        return _noun_phrase(doc, counted, None)  # "the number of workers hurt has risen to 19": workers
    if tally is not None and any(c.dep_ in _NOUN_MODIFIERS for c in tally.lefts):
        return _noun_phrase(doc, tally, None)
    if last_count and last_count[1] == sent_index - 1:
        return last_count[0]
    if tally is not None:
        return tally.text
    return None

