"""Time expressions: find them, date the report, normalise them to ISO.

Written by hand (regular expressions over the text plus spaCy's parse for
tense) because neither library does the job on news prose: spaCy's DATE
entities mis-bound spans ("between October 8 and 13"), weekday parentheticals
("last Friday (October 18)") and relative phrases, and ``dateparser`` parses a
string it is given but cannot find expressions in running text, resolve a
year-less date to the nearest plausible year, or tell a deadline ("ready by
November 1") from a past event. spaCy DATE entities that no rule recognises
are still kept, unresolved (a month name alone is placed like "in June"), so
nothing the model saw is lost.

Weeks run Monday to Sunday (ISO 8601). Values follow :mod:`claimledger.records`:
``2024-10-18``, ``2024-10``, ``2024`` or a span ``2024-10-08/2024-10-13``.
"""
from __future__ import annotations

import calendar
import json
import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from claimledger.extract.cues import SPEECH
from claimledger.records import DateParts, MentionKind, TimeExpression, TimeMention

#: A TimeML value naming one day, with or without its clock time ("1998-02-11", "1998-02-11T22:00"):
#: its first ten characters are the day.
#: A part of the day is TimeML's code in place of a clock time ("1998-01-20TEV", this evening).
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}){0,2}|T(?:MO|AF|EV|NI))?$")

if TYPE_CHECKING:  # the ledger re-resolves stored times without a parse: showing a ledger never loads spaCy
    from spacy.tokens import Doc

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple of": 2,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
}

# Month names are matched case-sensitively so the modal "may" and the verb
# "march" are not months; "May"/"March" at a sentence start still need a day,
# a year or a preposition such as "in" to count.
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)"
_YEAR = r"(?:1[6-9]|20)\d\d(?!\d|[.,]\d)"
_DAY = r"(?<![\d,.])[0-3]?\d(?:st|nd|rd|th)?(?![\d]|[.,:]\d)\b"
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_WORDS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
               "nineteen")
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: A year said as words, as transcripts of broadcasts write it: "nineteen ninety-six", "nineteen oh five",
#: "eighteen hundred". Only the 1800s and 1900s: "twenty twelve" or "two thousand" alone may count something.
_SPELLED_YEAR = (
    rf"(?i:\b(?:eighteen|nineteen)[\s-](?:hundred\b|(?:{'|'.join(_TENS_WORDS)})(?:[\s-](?:{'|'.join(_UNIT_WORDS)}))?\b"
    rf"|(?:{'|'.join(_TEEN_WORDS)})\b|oh[\s-](?:{'|'.join(_UNIT_WORDS)})\b))(?!-)"
)
_YEAR_ANY = rf"(?:{_YEAR}|{_SPELLED_YEAR})"
_LEAP_YEAR = 2024  # checks a year-less day such as February 29
_NUMBER = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple of|few|several"


def _day_date(p: str) -> str:
    """A day-precise date, "Oct. 8", "October 8, 2024" or "8 October 2024", with groups prefixed ``p``."""
    return (
        rf"(?:(?P<{p}m>{_MONTH})\s+(?P<{p}d>{_DAY})(?:,?\s+(?P<{p}y>{_YEAR}))?"
        rf"|(?P<{p}d2>{_DAY})\s+(?:of\s+)?(?P<{p}m2>{_MONTH})(?:,?\s+(?P<{p}y2>{_YEAR}))?)"
    )


def _month_date(p: str) -> str:
    """A month with an optional year, "June" or "September 2022"."""
    return rf"(?P<{p}m>{_MONTH})(?:,?\s+(?P<{p}y>{_YEAR}))?"


# Finding ---------------------------------------------------------------------

_Builder = Callable[[re.Match[str]], "TimeMention | None"]
_RULES: list[tuple[re.Pattern[str], _Builder]] = []


def _rule(pattern: str) -> Callable[[_Builder], _Builder]:
    def register(builder: _Builder) -> _Builder:
        _RULES.append((re.compile(pattern), builder))
        return builder
    return register


def _month(name: str | None) -> int | None:
    return _MONTHS.get(name.rstrip(".").lower()) if name else None


def _int(text: str | None) -> int | None:
    """A day or year as written: "8th", "1998" or a year in words ("nineteen ninety-six")."""
    if text and not text[0].isdigit():
        return _spelled_year(text)
    return int(re.sub(r"\D", "", text)) if text else None


def _spelled_year(text: str) -> int | None:
    """"nineteen ninety-six" 1996, "nineteen oh five" 1905, "eighteen hundred" 1800, "two thousand" 2000."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (sum(_NUMBERS[w] for w in rest) if all(w in _NUMBERS for w in rest) else 0)
    century = {"eighteen": 1800, "nineteen": 1900}.get(words[0])
    if century is None or not all(w in _NUMBERS or w in ("oh", "hundred") for w in words[1:]):
        return None
    return century + sum(_NUMBERS.get(w, 0) for w in words[1:] if w != "hundred")


def _parts(m: re.Match[str], p: str) -> DateParts | None:
    """The parts of a ``_day_date``/``_month_date`` group set, or None when invalid."""
    groups = m.groupdict()
    month = _month(groups.get(p + "m") or groups.get(p + "m2"))
    day = _int(groups.get(p + "d") or groups.get(p + "d2"))
    year = _int(groups.get(p + "y") or groups.get(p + "y2"))
    if month is None or (day is not None and not _valid(year or _LEAP_YEAR, month, day)):
        return None
    return DateParts(year, month, day)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _mention(m: re.Match[str], kind: MentionKind, **fields) -> TimeMention:
    return TimeMention(m.start(), m.end(), m.group(0), kind, **fields)


#: A weekday in the plural after one in the singular, which shares it: "on Monday and Tuesday nights".
_PLURAL_PARTNER = re.compile(r"\s+(?:and|or)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                             r"(?:s|\s+(?P<part>(?i:morning|afternoon|evening|night))s)\b")


@_rule(
    rf"\b(?:(?P<mod>(?i:this\s+past|this\s+coming|last|next|this|on|(?:the\s+)?(?:previous|preceding)))\s+)?(?P<w>{_WEEKDAY})"
    rf"(?:\s+(?i:morning|afternoon|evening|night)\b)?"
    rf"(?:\s*\(\s*{_day_date('a')}\s*\)|,\s+{_day_date('b')})?"
)
def _weekday(m: re.Match[str]) -> TimeMention | None:
    weekday = _WEEKDAYS[m.group("w").lower()]
    plural = _PLURAL_PARTNER.match(m.string, m.end()) if m.end() == m.end("w") else None
    if plural:  # "on Monday and Tuesday nights": each of the two, every week (TimeML SET XXXX-WXX-1TNI)
        part = _PARTS_OF_DAY[plural.group("part").lower()] if plural.group("part") else ""
        return _mention(m, "fixed", value=f"XXXX-WXX-{weekday + 1}{part}")
    modifier = (m.group("mod") or "").lower().split()
    modifier_word = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this",
                     "previous": "previous", "preceding": "previous"}.get(
        modifier[-1] if modifier else "", None
    )
    for p in ("a", "b"):
        if m.group(p + "m") or m.group(p + "m2"):
            parts = _parts(m, p)
            if parts is None:
                return None
            return _mention(m, "date", first=parts, weekday=weekday, modifier=modifier_word)
    return _mention(m, "weekday", weekday=weekday, modifier=modifier_word)


@_rule(
    rf"(?:\b(?P<pre>(?i:between|from))\s+)?{_day_date('a')}\s*"
    rf"(?P<conn>(?i:and|to|until|till|through|thru)\b|[-\u2013\u2014])\s*"
    rf"(?:{_day_date('b')}|(?P<bare>{_DAY})(?:,?\s+(?P<barey>{_YEAR}))?)"
)
def _day_span(m: re.Match[str]) -> TimeMention | None:
    if m.group("conn").lower() == "and" and not m.group("pre"):
        return None  # "on October 8 and October 13" names two days, not a span
    first = _parts(m, "a")
    last = _parts(m, "b") if m.group("bare") is None else (
        DateParts(_int(m.group("barey")), first.month, _int(m.group("bare"))) if first else None
    )
    if first is None or last is None or not _valid(last.year or _LEAP_YEAR, last.month, last.day):
        return None
    if last.year and not first.year and (first.month, first.day) <= (last.month, last.day):
        first = DateParts(last.year, first.month, first.day)
    return _mention(m, "span", first=first, last=last)


@_rule(
    rf"(?:\b(?P<pre>(?i:between|from))\s+)?{_month_date('a')}\s*"
    rf"(?P<conn>(?i:and|to|until|till|through)\b|[-\u2013\u2014])\s*{_month_date('b')}"
)
def _month_span(m: re.Match[str]) -> TimeMention | None:
    if m.group("conn").lower() == "and" and not m.group("pre"):
        return None
    joined = m.string[m.end("am"):m.start("bm")] in ("-", "\u2013")  # "the January-March period"
    if not (m.group("pre") or m.group("ay") or m.group("by") or joined):
        return None  # "May to June" alone is too weak; "from May to June", a year or a hyphen is needed
    first, last = _parts(m, "a"), _parts(m, "b")
    if first is None or last is None:
        return None
    if last.year and not first.year:
        first = DateParts(last.year if first.month <= last.month else last.year - 1, first.month)
    return _mention(m, "span", first=first, last=last)


@_rule(
    rf"(?:\b(?P<pre>(?i:between|from))\s+)?(?<![\w$£€#.,-])(?P<y1>{_YEAR})\s*"
    r"(?P<conn>(?i:and|to|until|till|through)\b|[-\u2013\u2014])\s*(?P<y2>\d{4}|\d{2})(?![\w-]|[.,]\d)"
)
def _year_span(m: re.Match[str]) -> TimeMention | None:
    if m.group("conn").lower() == "and" and not m.group("pre"):
        return None
    y1, tail = int(m.group("y1")), m.group("y2")
    y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    if not y1 < y2 <= y1 + 99:
        return None
    return _mention(m, "span", first=DateParts(y1), last=DateParts(y2))


@_rule(_day_date("a"))
def _day(m: re.Match[str]) -> TimeMention | None:
    parts = _parts(m, "a")
    return _mention(m, "date", first=parts) if parts else None


@_rule(rf"(?<![\w/.-])(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w/-])|(?<![\w/.-])(?P<m2>[0-3]?\d)/(?P<d2>[0-3]?\d)/(?P<y2>{_YEAR})(?![\w/-])")
def _numeric_date(m: re.Match[str]) -> TimeMention | None:
    """ISO "2024-10-18" or US "10/18/2024" (read day-first when the first number cannot be a month)."""
    year, first, second = (int(m.group(g + s)) for s in ("", "2") if m.group("y" + s) for g in ("y", "m", "d"))
    month, day = (first, second) if first <= 12 else (second, first)
    if not 1 <= month <= 12 or not _valid(year, month, day):
        return None
    return _mention(m, "date", first=DateParts(year, month, day))


@_rule(rf"(?P<am>{_MONTH})(?:,|\s+of)?\s+(?P<ay>{_YEAR_ANY})")
def _month_year(m: re.Match[str]) -> TimeMention | None:
    parts = _parts(m, "a")
    return _mention(m, "date", first=parts) if parts else None


@_rule(rf"(?:(?P<am>{_MONTH})\s+(?P<ad>{_DAY})|(?P<ad2>{_DAY})\s+(?:of\s+)?(?P<am2>{_MONTH})|(?P<bm>{_MONTH}))"
       r"(?:,?\s+|\s+of\s+)(?P<rel>(?i:last|this|next))\s+(?i:year)\b(?!['\u2019]s|-)")
def _month_of_a_year(m: re.Match[str]) -> TimeMention | None:
    """"July last year", "on March 3 this year", "in January next year": that month (day) of the year before, of or
    after the report's (``unit`` "year", ``shift`` -1/0/1), not the one nearest the report."""
    parts = _parts(m, "a") if not m.group("bm") else DateParts(None, _month(m.group("bm")))
    if parts is None:
        return None
    return _mention(m, "date", first=parts, unit="year", shift={"last": -1, "this": 0, "next": 1}[m.group("rel").lower()])


@_rule(
    r"\b(?i:(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of"
    r"|(?:earlier|later|early|late)\s+in|in\s+(?:early|late|mid)|since|by|until|till|from|during"
    r"|throughout|through|in|early|late|mid|before|after|around)[\s-]+"
    rf"(?P<am>{_MONTH})(?!\.?\s*(?:[0-3]?\d\b|{_YEAR}))"
)
def _bare_month(m: re.Match[str]) -> TimeMention | None:
    return _mention(m, "date", first=DateParts(None, _month(m.group("am"))))


@_rule(rf"(?<![\w$£€#.,-])(?P<y>{_YEAR})(?![\w-])")
def _year(m: re.Match[str]) -> TimeMention | None:
    return _mention(m, "date", first=DateParts(int(m.group("y"))))


@_rule(rf"(?:\b(?i:the\s+year)\s+)?(?P<y>{_SPELLED_YEAR})|\b(?i:the\s+year)\s+(?P<y2>(?i:two[\s-]thousand)\b"
       rf"(?:[\s-](?i:and[\s-])?(?i:{'|'.join(_UNIT_WORDS + _TEEN_WORDS)})\b)?)(?!-)")
def _year_in_words(m: re.Match[str]) -> TimeMention | None:
    """A year said as words, "nineteen ninety-six", "the year two thousand" (which needs "the year")."""
    year = _spelled_year(m.group("y") or m.group("y2"))
    return _mention(m, "date", first=DateParts(year)) if year else None


@_rule(
    r"\b(?:(?i:the)\s+(?:(?i:current|full|fiscal|current\s+fiscal)\s+)year|(?i:this)\s+(?i:fiscal)\s+year"
    r"|(?:(?i:the)\s+)?(?i:end)\s+(?i:of)\s+(?i:the|this)\s+year|(?i:year)(?:'s|\s|-)\s*(?i:end)"
    r"|(?i:earlier|later)\s+(?i:in)\s+(?i:the)\s+year)\b(?!-)"
)
def _report_year(m: re.Match[str]) -> TimeMention | None:
    """"the current year", "the full year", "the fiscal year", "by year end", "by year-end", "earlier in the year":
    the report's year (TimeML writes the end of a year as the year, with a modifier it leaves out of the value);
    "since year-end" the year before's end."""
    if re.match(r"\s+(?i:end(?:ed|ing))\b", m.string[m.end():]):
        # "the fiscal year ended Jan. 31": a year's length, ended then, the year results are compared for
        return _mention(m, "fixed", value="P1Y", modifier="of the year")
    if re.search(r"(?i)\bsince\s+$", m.string[max(0, m.start() - 6):m.start()]) and re.search(r"(?i)end$", m.group(0)):
        return _mention(m, "relative", unit="year", shift=-1)  # "up 20% since year-end": the last one passed
    return _mention(m, "relative", unit="year", shift=0)


@_rule(
    r"(?:\b(?i:for|in|during|throughout|over)\s+|\b(?i:months|weeks|days|half|rest|part|remainder|start|beginning"
    r"|quarters)\s+(?i:of)\s+)(?P<y>(?i:the)\s+(?i:year))\b(?!-|'|\s+(?i:before|after|earlier|later|ago|when|that"
    r"|in\s+which|of\s+[a-z]|two\s+thousand|nineteen|\d))"
)
def _the_year(m: re.Match[str]) -> TimeMention | None:
    """"for the year", "the first nine months of the year": the report's year, as "the year" alone is in news;
    "for the year ended Aug. 31", a fiscal year's results, the length TimeML tags (``P1Y``). Only "the year"
    itself is the expression."""
    start, end = m.span("y")
    if re.match(r"\s+(?i:end(?:ed|ing))\b", m.string[end:]):
        return TimeMention(start, end, m.group("y"), "fixed", value="P1Y", modifier="of the year")
    return TimeMention(start, end, m.group("y"), "relative", unit="year", shift=0)


@_rule(r"\b(?:(?i:the)\s+)?(?i:end|beginning|start|middle)\s+(?i:of)\s+(?i:the)\s+(?P<unit>(?i:month|week))\b"
       r"(?!-|\s+(?i:of|before|after|when|that)\b)")
def _part_of_the_month(m: re.Match[str]) -> TimeMention | None:
    """"by the end of the month", "the beginning of the week": the report's month (week), as "the end of the
    year" is its year (TimeML writes the part as a modifier, not in the value)."""
    return _mention(m, "relative", unit=m.group("unit").lower(), shift=0)


@_rule(rf"\b(?i:mid)-(?P<y>{_YEAR})(?![\w-])")
def _mid_year(m: re.Match[str]) -> TimeMention | None:
    """"mid-1996": the year."""
    return _mention(m, "date", first=DateParts(int(m.group("y"))))


@_rule(rf"\b(?:(?i:the)\s+)?(?P<h>(?i:first|second|last|latter))\s+(?i:half|two\s+quarters)\s+(?i:of)\s+"
       rf"(?:(?P<y>{_YEAR})\b|(?P<rel>(?i:this|last|next))\s+(?i:year)\b|(?i:the)\s+(?i:year)\b(?!-|\s+(?i:before|after|ago)))")
def _half_year(m: re.Match[str]) -> TimeMention | None:
    """"the first half of 1990", "the first two quarters of 1990": TimeML ``1990-H1``; "the second (last, latter)
    half" ``H2``. "The first half of this year (of last year, of the year)" is the report's year's (the year
    before's) half: a ``quarter`` mention with ``value`` "H"."""
    half = 1 if m.group("h").lower() == "first" else 2
    if m.group("y"):
        return _mention(m, "fixed", value=f"{m.group('y')}-H{half}")
    return _mention(m, "quarter", shift=half, modifier=(m.group("rel") or "this").lower(), value="H")


@_rule(r"\b(?:the\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<d>(?:1[6-9]|20)\d)0s\b")
def _decade(m: re.Match[str]) -> TimeMention | None:
    """"the late 1970s": the decade as TimeML writes it, ``197``."""
    return _mention(m, "fixed", value=m.group("d"))


_DECADE_WORDS = {"thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


@_rule(r"\b(?i:the)\s+(?:(?i:early|mid|late)[\s-]+)?(?:(?P<w>(?i:thirties|forties|fifties|sixties|seventies|eighties"
       r"|nineties))\b|['\u2019](?P<d>[3-9])0s\b)")
def _decade_of_the_1900s(m: re.Match[str]) -> TimeMention | None:
    """"the nineties", "the late '80s": a decade of the 1900s named without its century (``199``); "the" is needed,
    as "in his nineties" is an age. The '00s to '20s are left out: which century they are in depends on the report."""
    digit = _DECADE_WORDS[m.group("w").lower()] if m.group("w") else int(m.group("d"))
    return _mention(m, "fixed", value=f"19{digit}")


@_rule(r"\b(?:(?i:the)\s+)?(?P<rel>(?i:next|coming|last|previous|this|current))\s+(?i:century)\b(?!-)")
def _relative_century(m: re.Match[str]) -> TimeMention | None:
    """"the next century" said in 1998: the one after the report's (TimeML ``20``, the 2000s), "this century" the
    report's own, "the last century" the one before. "The past century" is left out: it is as often the hundred
    years up to the report."""
    rel = m.group("rel").lower()
    return _mention(m, "relative", unit="century", shift=1 if rel in ("next", "coming") else 0 if rel in (
        "this", "current") else -1)


@_rule(r"\b(?P<n>1[0-9]|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+(?i:century)\b")
def _century(m: re.Match[str]) -> TimeMention | None:
    """"the 20th century": TimeML ``19``."""
    return _mention(m, "fixed", value=f"{int(m.group('n')) - 1:02d}")


@_rule(rf"\b(?i:(?:a\s+)?few|several|many|some)\s+(?i:years|decades|months|weeks|days|hours|minutes)\s+(?i:ago)\b")
def _vague_ago(m: re.Match[str]) -> TimeMention | None:
    """"several years ago", "a few days ago": some time before the report (TimeML ``PAST_REF``)."""
    return _mention(m, "fixed", value="PAST_REF")


_DURATION_UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "2W", "month": "M",
    "year": "Y", "decade": "E", "century": "C", "centurie": "C", "quarter": "Q",
}
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_COUNT_WORD = (
    rf"(?:{_TENS})[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b|\d+(?:,\d{{3}})*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|(?:a\s+)?hundred|couple\s+of|few|several|some|many"
)


_LENGTH = re.compile(
    r"\b(?:(?i:more\s+than|less\s+than|fewer\s+than|over|about|around|nearly|almost|at\s+least|up\s+to|some"
    r"|roughly|approximately|only|just|barely|another|the\s+first|the\s+next|the\s+last|the\s+past|the\s+previous)\s+)?"
    rf"(?P<n>(?i:{_COUNT_WORD}))(?P<frac>\s+1/2)?(?:[\s-]+(?i:more|additional|full|trading|business|working"
    r"|consecutive|straight|successive))?"
    r"(?P<half>[\s-]+(?i:and)[\s-]+(?i:a)[\s-]+(?i:half))?[\s-]+"
    r"(?P<unit>(?i:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters|years?|decades?|century|centuries))\b"
    r"(?P<half2>[\s-]+(?i:and)[\s-]+(?i:a)[\s-]+(?i:half)\b)?"
    r"(?![\s-]+(?i:old|ago|from\s+now)\b|-)"
)


@_rule(_LENGTH.pattern)
def _duration(m: re.Match[str]) -> TimeMention | None:
    """A length of time, "three years", "a five-year low", "48 hours", as TimeML writes it (``P3Y``).

    Quarters in the plural are TimeML's ``Q`` ("the past two quarters" ``P2Q``, "several quarters" ``PXQ``), but
    not a share ("three quarters of the staff"). Decades and centuries are written in years ("two decades" ``P20Y``:
    ISO 8601 has no decade); uncounted, they take TempEval-3 TimeBank's letters for them ("for decades" ``PXE``, "for
    centuries" ``PXC``, as it writes "about a decade" ``P1E``). A half is written
    in the next smaller unit ("2 1/2 years" ``P2Y6M``, "a minute and a half" ``PT1M30S``).

    Before "later" or "earlier" a counted number of days, weeks, months or years is left to :func:`_after`,
    which counts it from the time named before ("three days later"); hours, minutes and seconds ("a minute
    and a half later"), finer than the day the ledger dates by, stay lengths, as TimeML tags them. Before
    "after" or "before" ("twenty years after the first astronauts were chosen") it is not taken: TempEval-3
    TimeBank tags all six such as lengths, but AQUAINT's value accuracy fell with them (0.826 -> 0.821); only one
    the parser marks as a date entity is read as a length (:func:`_length_in`).
    """
    word = re.sub(r"\s+", " ", m.group("n").lower())
    unit = m.group("unit").lower()
    unit = unit[:-1] if unit.endswith("s") else unit
    code = _DURATION_UNITS[unit]
    count = _count(word) if word not in ("few", "several", "some", "many") else None
    if word in ("few", "several") and re.match(r"(?i)the\s+(?:past|last)\s", m.group(0)) and _looking_back(m):
        return _mention(m, "fixed", value="PAST_REF")  # "over the past several quarters"
    if code == "Q" and (count == 1 or (count is not None and count <= 3 and re.match(r"[\s-]+(?i:of)\b", m.string[m.end():]))):
        return None  # "three quarters of the vote": a share, not a length ("several quarters of losses" is one)
    if word == "one" and unit == "day" and re.search(r"\b(?i:will|would|may|might|could|can|should|shall|'ll)\s+$",
                                                     m.string[max(0, m.start() - 12):m.start()]):
        return _mention(m, "fixed", value="FUTURE_REF")  # "Islam will one day be ...": some day to come
    if unit == "second" and word in ("a", "an", "another") and re.match(
            r"\s+(?!(?:later|earlier|ago|or|and|before|after|to|of|in|for|when|as|than)\b)[a-z]", m.string[m.end():]):
        return None  # "a second group", "a second round": the ordinal, not a length
    if re.match(r"[\s-]+(?i:before|after)\b", m.string[m.end():]) or (
            code in ("D", "W", "M", "Y") and re.match(r"[\s-]+(?i:later|earlier)\b", m.string[m.end():])):
        return None
    if count is None and word.replace(",", "").isdigit():
        count = int(word.replace(",", ""))
    half = bool(m.group("frac") or m.group("half") or m.group("half2"))
    if count is not None and code in ("E", "C"):
        return _mention(m, "fixed", value=f"P{count * (10 if code == 'E' else 100) + (half and (5 if code == 'E' else 50))}Y")
    if count is not None and half:
        smaller = {"Y": "6M", "D": "T12H", "TH": "30M", "TM": "30S"}.get(code)
        if smaller:
            return _mention(m, "fixed", value=f"P{'T' if code.startswith('T') else ''}{count}{code[-1]}{smaller}")
    if code in ("TS", "TM", "TH"):
        return _mention(m, "fixed", value=f"PT{count if count is not None else 'X'}{code[1]}")
    if code == "2W":
        return _mention(m, "fixed", value=f"P{2 * count if count is not None else 'X'}W")
    if code == "M" and count is not None and 1 < count < 12 and not half and (
            re.match(r"(?i)the\s+first\b", m.group(0))
            or re.search(r"(?i)\bthe\s+(?:latest\s+)?$", m.string[max(0, m.start() - 12):m.start()])):
        # "for the nine months", "the first six months": the months of the year reported on so far
        return _mention(m, "fixed", value=f"P{count}M", modifier="of the year")
    return _mention(m, "fixed", value=f"P{count if count is not None else 'X'}{code}")


@_rule(
    r"\b(?:(?i:for|in|over|within|recent|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+coming|coming)\s+)"
    r"(?P<unit>(?i:years|months|weeks|days|decades|centuries|hours))\b"
    r"(?!\s+(?i:ago|of|to)\b)"
    r"|\b(?i:the)\s+(?P<unit2>(?i:years|months|weeks|days))\s+(?i:ahead)\b"
    r"|\b(?:(?i:over|through|down|across)\s+)(?i:the)\s+(?P<unit3>(?i:years|decades|centuries))\b"
    r"(?!\s+(?:of|to|ahead)\b)"
)
def _vague_duration(m: re.Match[str]) -> TimeMention | None:
    """A length of time with no count, "for years", "in the weeks ahead", "over the years" (TimeML ``PXY``,
    ``PXW``; TempEval-3 TimeBank writes its "over the years" so)."""
    unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
    code = _DURATION_UNITS[unit[:-3] + "y" if unit == "centuries" else unit.rstrip("s")]
    return _mention(m, "fixed", value=f"PT{'X'}{code[1]}" if code.startswith("T") else f"PX{code}")


_REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "to date": "PRESENT_REF",
    "the past": "PAST_REF", "recently": "PAST_REF", "recent days": "PAST_REF", "recent weeks": "PAST_REF",
    "then current": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF", "in the coming days": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "a later date": "FUTURE_REF", "future quarters": "FUTURE_REF", "future months": "FUTURE_REF",
    "future years": "FUTURE_REF", "future weeks": "FUTURE_REF",
}


@_rule(
    r"\b(?!(?i:soon|shortly)\s+(?i:after|before|afterwards?|thereafter)\b)"
    r"(?i:right\s+now|now|currently|current|at\s+present|presently|nowadays|these\s+days|the\s+present"
    r"|at\s+the\s+moment|to\s+date|the\s+past|recently|recent\s+days|recent\s+weeks|then\s+current"
    r"|the\s+future|soon|shortly|the\s+near\s+future|the\s+(?:near|short)\s+term"
    r"|in\s+the\s+coming\s+days|a\s+later\s+date|future\s+(?:quarters|months|years|weeks))\b(?!-)"
)
def _reference(m: re.Match[str]) -> TimeMention | None:
    """"now", "currently": the report's present (TimeML ``PRESENT_REF``); "the past", "soon" likewise. "So far"
    is not one: it says how much of something has happened, and TimeML leaves it untagged (none of its 13
    uses in TempEval-3 TimeBank and AQUAINT is a TIMEX3). Nor are "previously" and "formerly", which say that
    something held before without naming when (TempEval-3 TimeBank tags 3 of its 19 "previously"). "Soon" and
    "shortly" before "after"/"before" ("shortly after 10 a.m.", "soon after the vote") place a time against
    another, they do not point to the future. "The then
    current price" is the present of a past time (``PAST_REF``). "The recent sale" is left out: TempEval-3
    TimeBank tags 6 of its 14 such "recent" (``PAST_REF``), and tagging all of them lowered AQUAINT's value
    F1 (0.776 -> 0.775) and raised neither set's value accuracy."""
    return _mention(m, "fixed", value=_REFERENCES[re.sub(r"\s+", " ", m.group(0).lower())])


@_rule(
    rf"\b(?i:every|each)\s+(?:(?P<w>{_WEEKDAY})|(?P<mon>{_MONTH})|(?P<other>(?i:other)\s+(?i:day|week|month|year))"
    r"|(?P<unit>(?i:day|week|month|quarter|year|morning|afternoon|night|evening|spring|summer|autumn|fall|winter)))\b"
    r"|\b(?P<adj>(?i:daily|weekly|monthly|annually|yearly|nightly|hourly))\b"
)
def _set(m: re.Match[str]) -> TimeMention | None:
    """A recurring time, "every Thursday" (``XXXX-WXX-4``), "each July" (``XXXX-07``), "each year" and "weekly"
    (``P1Y``, ``P1W``), "every spring" (``XXXX-SP``), "every other week" (``P2W``)."""
    if m.group("w"):
        return _mention(m, "fixed", value=f"XXXX-WXX-{_WEEKDAYS[m.group('w').lower()] + 1}")
    if m.group("mon"):
        return _mention(m, "fixed", value=f"XXXX-{_month(m.group('mon')):02d}")
    if m.group("other"):  # "every other week": every second one (P2W)
        return _mention(m, "fixed", value=f"P2{_DURATION_UNITS[m.group('other').split()[-1].lower()]}")
    adj = m.group("adj")
    if adj and adj[0].isupper() and m.string[max(0, m.start() - 2):m.start()].strip() not in ("", ".", "\u201c", '"'):
        return None  # "seen by Auto Daily", "the Sunday Weekly": a name, not how often
    unit = (m.group("unit") or adj).lower()
    value = {
        "day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M", "monthly": "P1M", "quarter": "P1Q",
        "year": "P1Y", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI",
        "night": "XXXX-XX-XXTNI", "morning": "XXXX-XX-XXTMO", "evening": "XXXX-XX-XXTEV", "afternoon": "XXXX-XX-XXTAF",
        "summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP", "autumn": "XXXX-FA", "fall": "XXXX-FA",
    }[unit]
    return _mention(m, "fixed", value=value)


@_rule(r"\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
       r"(?:s|\s+(?P<part>(?i:morning|afternoon|evening|night))s)\b")
def _weekdays(m: re.Match[str]) -> TimeMention | None:
    """"on Mondays", "Tuesday nights": every such day (TimeML SET ``XXXX-WXX-1``, ``XXXX-WXX-2TNI``)."""
    part = _PARTS_OF_DAY[m.group("part").lower()] if m.group("part") else ""
    return _mention(m, "fixed", value=f"XXXX-WXX-{_WEEKDAYS[m.group('w').lower()] + 1}{part}")


@_rule(rf"\b(?P<mod>(?i:last|next|this|past|coming))\s+(?P<am>{_MONTH})(?!\.?\s*(?:[0-3]?\d\b|{_YEAR}))")
def _named_month(m: re.Match[str]) -> TimeMention | None:
    """"last March", "next June": the nearest such month before (after) the report's."""
    modifier = {"past": "last", "coming": "next"}.get(m.group("mod").lower(), m.group("mod").lower())
    return _mention(m, "month", first=DateParts(None, _month(m.group("am"))), modifier=modifier)


_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


@_rule(
    r"\b(?:(?P<mod>(?i:last|next|this|past|coming))|(?i:in\s+the|during\s+the|over\s+the|the))"
    r"(?:\s+(?i:early|late|mid))?\s+"
    rf"(?P<s>(?i:spring|summer|autumn|fall|winter))\b(?:\s+(?i:of)\s+(?P<y>{_YEAR_ANY}))?"
)
def _season(m: re.Match[str]) -> TimeMention | None:
    """"last summer": TimeML ``1997-SU``, the nearest such season before (after) the report; "in the spring" the
    report year's; "the summer of 2022" ``2022-SU``."""
    code = _SEASONS[m.group("s").lower()]
    if m.group("y"):
        return _mention(m, "fixed", value=f"{_int(m.group('y')):04d}-{code}")
    modifier = {"past": "last", "coming": "next"}.get((m.group("mod") or "").lower(), (m.group("mod") or "").lower())
    return _mention(m, "month", modifier=modifier or None, value=code)


@_rule(rf"\b(?:(?i:the)\s+)?(?:(?i:past|last|next|coming)\s+)?(?:(?i:{_NUMBER})\s+)?"
       r"(?P<s>springs|summers|autumns|winters)\b")
def _seasons(m: re.Match[str]) -> TimeMention | None:
    """"for the past three summers", "summers": the season recurring (TimeML SET ``XXXX-SU``; TempEval-3 TimeBank
    writes "the past three summers" so). Only in lower case: "Summers" and "Winters" are also surnames."""
    return _mention(m, "fixed", value=f"XXXX-{_SEASONS[m.group('s').lower()[:-1]]}")


@_rule(rf"\b(?:(?i:early|late|mid)[\s-]+)?(?P<s>(?i:spring|summer|autumn|fall|winter))\s+(?P<y>{_YEAR})\b")
def _season_of_a_year(m: re.Match[str]) -> TimeMention | None:
    """"spring 1997", "late summer 1996": the season of that year with no "of" between (TimeML ``1997-SP``), as
    "the summer of 1996" is. "Fall" after a verb's subject ("prices fall 1998 ...") is the verb: it is a season only
    written with a capital or after a preposition or article."""
    if m.group("s").lower() == "fall" and m.group("s") == "fall" and not re.search(
            r"(?i)\b(?:in|the|of|since|until|by|during|from|through|this|last|next|early|late|mid)[\s-]+$",
            m.string[max(0, m.start("s") - 10):m.start("s")]):
        return None
    return _mention(m, "fixed", value=f"{int(m.group('y')):04d}-{_SEASONS[m.group('s').lower()]}")


@_rule(r"\b(?i:on|by|since|until|till|from|for|before|after)\s+(?i:the)\s+(?P<d>[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)\b"
       r"(?!\s+(?i:of\b)|\s*[-\w])")
def _day_of_month(m: re.Match[str]) -> TimeMention | None:
    """"on the 13th", "scheduled for the 28th" (not "for the 28th time"): that day of the report's month, or of
    the month before when it is still to come."""
    return _mention(m, "date", first=DateParts(None, None, int(m.group("d"))))


@_rule(r"\b(?i:the)\s+(?P<d>[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)\s+(?i:of)\s+(?P<rel>(?i:last|this|next))\s+(?i:month)\b")
def _day_of_a_month(m: re.Match[str]) -> TimeMention | None:
    """"the 20th of last month": that day of the month before (of, after) the report's (``unit`` "month")."""
    return _mention(m, "date", first=DateParts(None, None, int(m.group("d"))), unit="month",
                    shift={"last": -1, "this": 0, "next": 1}[m.group("rel").lower()])


_ORDINAL_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                     "final": 4, "last": 4}


@_rule(
    rf"\b(?:(?i:the)\s+|(?P<rel>(?i:last|this|next))\s+(?i:year)['\u2019]s\s+)?(?:(?P<y0>{_YEAR})\s+)?"
    r"(?P<q>(?i:first|1st|second|2nd|third|3rd|fourth|4th|final))[\s-]+"
    rf"(?i:quarter)\b(?:\s+(?i:of)\s+(?P<y>{_YEAR})|,?\s+(?P<y2>{_YEAR}))?"
)
def _quarter(m: re.Match[str]) -> TimeMention | None:
    """"the third quarter (of 1998)", "the 1998 third quarter": TimeML ``1998-Q3``; without a year, the latest such
    quarter; "next year's first quarter" that quarter of the year after the report's (``modifier`` "next")."""
    year = _int(m.group("y0") or m.group("y") or m.group("y2"))
    rel = (m.group("rel") or "").lower() or None
    return _mention(m, "quarter", first=DateParts(year), shift=_ORDINAL_QUARTERS[m.group("q").lower()],
                    modifier=rel if year is None else None)


@_rule(
    r"\b(?P<det>(?i:the|that|this))\s+(?:(?P<adj>(?i:latest|current|same|recent|most\s+recent))\s+"
    rf"|(?P<y>{_YEAR})\s+)?(?:(?i:quarter)|(?<=(?i:latest|recent)\s)(?i:period)|(?<=\d\s)(?i:period))\b(?!\s+(?i:of)\b|-)"
)
def _the_quarter(m: re.Match[str]) -> TimeMention | None:
    """"the quarter", "the latest quarter": the quarter named before it (kind ``after``), else the one reported on
    last (the latest ended by the report's date; "this quarter", "the current quarter": the report's own).

    "The latest period" is the latest quarter too, and "the 1988 quarter" or "the 1988 period" the quarter named
    before it in 1988 (the period results are compared with; the year alone when no quarter was named).
    """
    adj = (m.group("adj") or "").lower()
    current = m.group("det").lower() == "this" or adj == "current"
    return _mention(m, "after", first=DateParts(_int(m.group("y"))), unit="quarter",
                    modifier="this" if current else "latest" if adj and adj != "same" else None)


_CLOCK = (
    r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:[ap]\.\s?m\b\.?|[ap]m\b))"
    r"|(?P<noon>(?i:noon|midnight))"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?=\s+(?:(?i:local\s+time)|[ECMP][SD]T|GMT|UTC)\b))"
    r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|(?i:local\s+time))\b)?"
)


@_rule(_CLOCK)
def _clock(m: re.Match[str]) -> TimeMention | None:
    """A time of day, "10 p.m.", "7:15 a.m. EST", "noon", "14:30 local time", kept only beside a day ("10 p.m.
    Wednesday", "noon Thursday", "5 p.m. EST Nov. 9"): :func:`find_time_mentions` joins the two and TimeML writes the
    time on that day, ``1998-02-11T22:00``. ``value`` holds the time part ("T22:00"); midnight ends its day ("T24:00").

    A clock time alone is left out: which day it is on is often not the day named last (on TempEval-3 AQUAINT
    such clocks were mostly dated wrong that way).
    """
    if m.group("noon"):
        clock = "T12:00" if m.group("noon").lower() == "noon" else "T24:00"
    elif m.group("h24"):  # "10:00 local time": a 24-hour clock, told apart from a score by the zone after it
        clock = f"T{int(m.group('h24')):02d}:{m.group('mi24')}"
    else:
        hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
        clock = f"T{hour:02d}:{m.group('mi') or '00'}"
    return _mention(m, "after", shift=0, value=clock)


_CLOCK_TO_DAY = re.compile(r"(?:\s+(?i:on))?,?\s+")
#: Between a day and the time of day it is given ("Tuesday at about 8:30 p.m.", "Aug. 7, shortly after 10 a.m.").
_DAY_TO_CLOCK = re.compile(r"(?i),?\s+(?:(?:at|from|until|till|by|after|before|around|about|near|shortly|just"
                           r"|sometime|some\s+time)\s+){0,3}")


def _is_clock(t: TimeMention) -> bool:
    return t.kind == "after" and t.unit is None and bool(t.value) and t.value.startswith("T")


def _names_a_day(t: TimeMention) -> bool:
    return (t.kind == "weekday" or (t.kind == "date" and t.first.day is not None)
            or (t.kind == "relative" and t.unit == "day" and not t.window and not t.ago))


def _with_clocks(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """A time of day written just before a day ("10 p.m. Wednesday") joined to it: the day's mention, from the
    clock on, with the time in ``value``. One written just after a day ("Tuesday at about 8:30 p.m.") is kept on
    its own, read on the day just named (TimeML tags the two apart: ``1998-08-18`` and ``1998-08-18T20:30``).
    A clock time with no day beside it is dropped."""
    out: list[TimeMention] = []
    i = 0
    while i < len(mentions):
        t = mentions[i]
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if (_is_clock(t) and i > 0 and _names_a_day(mentions[i - 1]) and out and out[-1] is mentions[i - 1]
                and not _is_clock(mentions[i - 1]) and _DAY_TO_CLOCK.fullmatch(text, mentions[i - 1].end, t.start)):
            out.append(t)  # kind "after", shift 0: the day named last, at this time
            i += 1
            continue
        if (_is_clock(t) and after is not None and _names_a_day(after)
                and (after.value is None or after.value in _PARTS_OF_DAY.values())
                and _CLOCK_TO_DAY.fullmatch(text, t.end, after.start)):
            out.append(replace(after, start=t.start, text=text[t.start:after.end], value=t.value))
            i += 2
            continue
        if not _is_clock(t):
            out.append(t)
        i += 1
    return out


_ORDINAL_WORDS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
                  "|fourteenth|fifteenth|twentieth|thirtieth")


_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth"
    " sixteenth seventeenth eighteenth nineteenth twentieth".split())} | {"thirtieth": 30}
_ORDINALS |= {f"{tens}-{w}": base + _ORDINALS[w] for tens, base in (("twenty", 20), ("thirty", 30))
              for w in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
              if base + _ORDINALS[w] <= 31}
_ORDINAL_DAY = "|".join(sorted(_ORDINALS, key=len, reverse=True)).replace("-", r"[\s-]")


@_rule(rf"\b(?i:the)\s+(?P<o>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+(?i:of)\s+(?P<m>{_MONTH})"
       rf"(?:,?\s+(?P<y>{_YEAR})\b)?")
def _week_of_a_month(m: re.Match[str]) -> TimeMention | None:
    """"The first week of September", "the last week of July 1997": seven days from the month's first (to its last)
    day, a span, not the week before the report's that "last week" alone is."""
    month, year, word = _month(m.group("m")), _int(m.group("y")), m.group("o").lower()
    if word in ("last", "final"):
        end = calendar.monthrange(year or 2001, month)[1]  # a year-less February is taken as a common year's
        return _mention(m, "span", first=DateParts(year, month, end - 6), last=DateParts(year, month, end))
    start = 1 + 7 * ("first", "second", "third", "fourth").index(word)
    return _mention(m, "span", first=DateParts(year, month, start), last=DateParts(year, month, start + 6))


@_rule(rf"\b(?:(?i:the)\s+(?P<o>(?i:{_ORDINAL_DAY}))\s+(?i:of)\s+(?P<m>{_MONTH})"
       rf"|(?P<m2>{_MONTH})\s+(?:(?i:the)\s+)?(?P<o2>(?i:{_ORDINAL_DAY})))\b(?:,?\s+(?P<y>{_YEAR})\b)?")
def _spelled_day(m: re.Match[str]) -> TimeMention | None:
    """"The first of May", "March eighth": a day written with an ordinal word, as broadcast copy has it."""
    word = re.sub(r"[\s-]+", "-", (m.group("o") or m.group("o2")).lower())
    month, day, year = _month(m.group("m") or m.group("m2")), _ORDINALS[word], _int(m.group("y"))
    if not _valid(year or _LEAP_YEAR, month, day):
        return None
    return _mention(m, "date", first=DateParts(year, month, day))


@_rule(rf"\b(?i:today|it|this)(?:\s+(?i:is)|['\u2019]s)\s+(?P<d>(?i:the)\s+(?:(?i:{_ORDINAL_WORDS})|\d+(?i:st|nd|rd|th))"
       r"(?:\s+(?i:straight|consecutive|successive))?\s+(?i:day))\b")
def _ordinal_day(m: re.Match[str]) -> TimeMention | None:
    """"Today is the eighth day of the operation", "it's the second day of an offensive": a day counted in something
    still going on, said in the present, is the report's own day. Only "the ... day" is the expression."""
    start, end = m.span("d")
    return TimeMention(start, end, m.group("d"), "relative", unit="day", shift=0)


#: TimeML's codes for the parts of a day, written in place of a clock time ("this evening", 1998-01-20TEV).
_PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}


@_rule(
    r"\b(?:(?P<beyond>(?i:the\s+day\s+(?:before|after)\s+))?(?P<day>(?i:yesterday|today|tomorrow))"
    r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"
    r"|(?i:tonight)|(?i:this)\s+(?P<part2>(?i:morning|afternoon|evening))"
    r"|(?P<last>(?i:last))\s+(?P<part3>(?i:night|evening))"
    r"|(?:(?i:early|late|mid)[\s-]*)?(?P<part4>(?i:morning|afternoon|evening|night))\s+(?P<day2>(?i:yesterday|today|tomorrow)))\b"
)
def _day_word(m: re.Match[str]) -> TimeMention | None:
    """"yesterday", "tonight", "this morning", "last night" (the day before the report's), "the day before
    yesterday" (two days before).

    A part of the day named with its day ("last night", "this morning", "yesterday evening", "mid-afternoon
    yesterday") is that day with TimeML's code for the part ("1998-01-19TNI", "1998-01-20TMO"), as TempEval-3
    TimeBank writes every one; the ledger still dates it by its day. "Tonight" and a weekday's part ("Friday night") stay the day, as
    TempEval-3 AQUAINT writes them (TimeBank's code for "Friday night" was tried: AQUAINT value accuracy
    fell 0.841 -> 0.828, it writes those as days; with "tonight" 0.841 -> 0.839).
    """
    day = (m.group("day") or m.group("day2") or "today").lower()
    shift = -1 if m.group("last") else {"yesterday": -1, "today": 0, "tomorrow": 1}[day]
    if m.group("beyond"):  # "the day before yesterday", "the day after tomorrow"
        shift += 1 if "after" in m.group("beyond").lower() else -1
    part = m.group("part") or m.group("part2") or m.group("part3") or m.group("part4")
    return _mention(m, "relative", unit="day", shift=shift, value=_PARTS_OF_DAY[part.lower()] if part else None)


#: "This Week", "Next Year" with the unit capitalised: the title of a programme or a paper, not a time.
_TITLE = re.compile(r"(?:.*\s)?(?:This|Last|Next)\s+(?:Week|Weekend|Month|Year)\b.*", re.DOTALL)


@_rule(
    r"\b(?:(?P<side>(?i:earlier|later|early|late))\s+)?(?P<rel>(?i:this\s+past|this\s+coming|last|this|next|previous))"
    r"\s+(?P<unit>(?i:week|weekend|month|year|decade))\b"
    r"|\b(?P<rel2>(?i:the\s+past))\s+(?P<unit2>(?i:weekend))\b"
    r"|\b(?P<side3>(?i:earlier|later|early|late))\s+(?i:in)\s+(?i:the)\s+(?P<unit3>(?i:week|month))\b"
    r"(?!-|\s+(?i:of|before|after)\b)"
)
def _calendar(m: re.Match[str]) -> TimeMention | None:
    """"last week", "next month", "the past weekend" (the last one); "earlier this week" ("earlier in the week") is
    the part of the week before the report's day (``modifier`` "earlier"/"later"), a week being short enough for
    the difference to matter. With the unit capitalised ("ABC's \u201cThis Week\u201d") it is a title, not a time."""
    if _TITLE.fullmatch(m.group(0)):
        return None
    if m.group("rel2"):  # "over the past weekend": the last one, as "last weekend"
        return _mention(m, "relative", unit="weekend", shift=-1)
    if m.group("side3"):  # "earlier in the week": as "earlier this week"
        side, unit = m.group("side3").lower(), m.group("unit3").lower()
        return _mention(m, "relative", unit=unit, shift=0,
                        modifier=side if side in ("earlier", "later") and unit == "week" else None)
    rel = m.group("rel").lower().split()[-1]
    shift = {"past": -1, "last": -1, "previous": -1, "this": 0, "coming": 1, "next": 1}[rel]
    side = (m.group("side") or "").lower()
    modifier = side if side in ("earlier", "later") and rel == "this" and m.group("unit").lower() == "week" else None
    if m.group("unit").lower() == "year" and shift == -1 and not side and (
            _COMPARED_BEFORE.search(m.string, max(0, m.start() - 60), m.start())
            or _COMPARED_AFTER.match(m.string, m.end())):
        modifier = "compared"  # "earnings of $24 million, compared with a loss of $3 million last year"
    return _mention(m, "relative", unit=m.group("unit").lower(), shift=shift, modifier=modifier)


#: A figure compared with one of "last year": "compared with a loss of $3 million last year", "up from $5 last
#: year", "a 13% increase from last year's $1.55 billion", "last year's quarter".
_COMPARED_BEFORE = re.compile(r"(?i)\b(?:compared\s+with|from|than|versus|vs\.)\s+(?:[^.;:!?]|\.(?=\d))*$")
_COMPARED_AFTER = re.compile(r"(?i)'s\s+(?:quarter|period|results|figures?|level|\$|[\d#£])")


@_rule(r"\b(?:(?i:over|during|at|on)\s+)?(?i:the)\s+(?i:weekend)\b")
def _the_weekend(m: re.Match[str]) -> TimeMention | None:
    """"over the weekend": the latest weekend by the report's date (the coming one in a future clause)."""
    return _mention(m, "relative", unit="weekend", modifier="nearest")


@_rule(
    rf"\b(?:(?P<n>(?i:{_NUMBER}))\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?P<dir>(?i:later|afterwards?|earlier))"
    r"|(?i:the)\s+(?i:next|following)\s+(?P<unit2>(?i:day|morning|evening))"
    r"|(?i:the)\s+(?P<wdir>(?i:next|following|previous|preceding|prior))\s+(?i:week)(?!-|\s+(?i:of)\b)"
    r"|(?i:the)\s+(?P<bunit>(?i:day|night|week|month|year))\s+(?P<bdir>(?i:before|after))"
    r"(?=\s*(?:[,.;:!?)]|$|(?i:and|but)\b))"
    r"|(?P<same_day>(?i:that|the\s+same))\s+(?P<same_unit>(?i:day|week|month))(?![-'\u2019])"
    r"|(?i:the)\s+(?P<prev>(?i:previous|preceding))\s+(?i:day)"
    r"|(?i:the)\s+(?P<dir3>(?i:following|previous|preceding|prior))\s+(?P<unit3>(?i:month|year))"
    r"|(?P<same>(?i:that|the\s+same))\s+(?i:year)\b(?!-)"
    r"|(?:(?i:the)\s+)?(?:(?i:comparable)\s+)?(?i:year)-(?i:earlier|ago)(?:\s+(?i:quarter|period|month|week))?"
    r"|(?P<last_years>(?i:last)\s+(?i:year)['\u2019]s\s+(?i:quarter|period)"
    r"|(?i:the)\s+(?i:corresponding|comparable|same)\s+(?i:quarter|period)\s+(?:(?i:of)\s+)?(?i:last)\s+(?i:year)))\b"
)
def _after(m: re.Match[str]) -> TimeMention | None:
    """"a week later", "the next day", "the following month", "a year earlier", "the year-ago quarter": counted
    from the time the text named last (kind ``after``). "A few days later", whose count the words leave open,
    dates nothing: it is the length TimeML tags (``PXD``). "That year", "the same year" is the year of the
    time named last. "The previous day" is the day before it, "the previous year" the year before it, as "the day
    (year) before" said alone is; "last year's quarter" is "the year-ago quarter",
    "the same period last year" the time named a year back ("1997" after "1998", "1997-Q3" after "1998-Q3")."""
    if m.group("prev"):
        return _mention(m, "after", shift=-1)
    if m.group("bunit"):  # "the day before", "the year after" said alone: counted from the time named last
        unit, sign = m.group("bunit").lower(), 1 if m.group("bdir").lower() == "after" else -1
        if unit in ("day", "night"):
            return _mention(m, "after", shift=sign)
        return _mention(m, "after", unit=unit, shift=sign, modifier="whole")
    if m.group("wdir"):  # "the following week": the week after the one of the day named last
        return _mention(m, "after", unit="week", shift=1 if m.group("wdir").lower() in ("next", "following") else -1)
    if m.group("same_day"):  # "the same day", "that week": the day (week, month) of the time named last
        unit = m.group("same_unit").lower()
        if unit == "day":
            return _mention(m, "after", shift=0)
        return _mention(m, "after", unit=unit, shift=0, modifier="whole")
    if m.group("last_years"):  # "last year's quarter", "the corresponding period last year": a year before
        quarter = re.search(r"(?i)quarter", m.group(0)) is not None
        return _mention(m, "after", unit="year", shift=-1, modifier="quarter" if quarter else None)
    if m.group("same"):
        return _mention(m, "after", unit="year", shift=0, modifier="whole")
    unit = (m.group("unit") or m.group("unit2") or m.group("unit3") or "year").lower().rstrip("s")
    count = _count(m.group("n")) if m.group("n") else 1
    if count is None:
        return _mention(m, "fixed", value=f"PX{_DURATION_UNITS[unit]}")
    sign = -1 if (m.group("dir") or "earlier").lower() == "earlier" and not (m.group("unit2") or m.group("unit3")) else 1
    if m.group("dir3") and m.group("dir3").lower() != "following":
        sign = -1  # "the previous year": the one before the year named
    if unit in ("month", "year"):
        quarter = m.group(0).lower().endswith("quarter")  # "the year-ago quarter": a quarter, whatever was named
        whole = bool(m.group("unit3"))  # "the following (previous) year": the year, whatever precision was named
        return _mention(m, "after", unit=unit, shift=sign * count,
                        modifier="quarter" if quarter else "whole" if whole else None)
    return _mention(m, "after", shift=sign * count * (7 if unit == "week" else 1))


@_rule(
    r"\b(?:(?i:in|over|during|within|for)\s+)?(?i:the)\s+(?P<rel>(?i:past|last|previous))\s+"
    rf"(?:(?P<n>(?i:{_NUMBER}))\s+)?(?P<unit>(?i:days?|weeks?|months?|years?|decade|(?:24|twenty[\s-]four)\s+hours))\b"
    rf"(?!\s+(?i:of)\s+(?:{_MONTH}|{_YEAR}|(?i:the|this|last|next)\s+(?i:year|month|quarter|decade)\b))"
)
def _window(m: re.Match[str]) -> TimeMention | None:
    """"The past three months": that many units up to the report's date (TimeML's length, ``P3M``); not "the last
    week of July", a part of the time named after it. "The past year"
    with no count is the year before the report's, as "last year" is (TempEval-3 TimeBank writes both of its
    "the past year" so, ``1997`` said in 1998, as it writes "the last decade" as the decade before)."""
    unit = m.group("unit").lower()
    if m.group("n") is None and (unit == "day" and m.group("rel").lower() != "past"
                                 or unit in ("week", "month", "year") and m.group("rel").lower() == "previous"):
        # "the previous day (week, year)" is the one before the time named (:func:`_after`), "the last day" of something
        return None
    if unit == "decade":  # "the last decade": the decade before the report's (TimeML 198 said in 1998)
        return None if m.group("n") else _mention(m, "relative", unit="decade", shift=-1)
    if unit.endswith("hours"):  # "the past 24 hours", "the last twenty four hours": a day back
        return _mention(m, "relative", unit="day", shift=1, window=True)
    count = _count(m.group("n")) if m.group("n") else 1
    if count is None and m.group("n").lower() in ("few", "several"):  # "for the past few days": TimeML PXD
        return _mention(m, "fixed", value="PAST_REF" if _looking_back(m) else f"PX{_DURATION_UNITS[unit.rstrip('s')]}")
    if count is None or (m.group("n") is None and unit.endswith("s")):
        return _mention(m, "other")
    if m.group("n") is None and unit == "year":
        return _mention(m, "relative", unit="year", shift=-1)
    return _mention(m, "relative", unit=unit.rstrip("s"), shift=count, window=True)


@_rule(rf"\b(?P<n>(?i:{_NUMBER}))\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?:(?i:or\s+so)\s+)?"
       r"(?:(?i:ago)|(?P<ahead>(?i:from\s+(?:now|today))))\b")
def _ago(m: re.Match[str]) -> TimeMention | None:
    """"two years ago": that many units before the report's date; "five years from now" that many after it."""
    count = _count(m.group("n"))
    if count is None:
        return _mention(m, "other")
    if m.group("ahead"):
        return _mention(m, "relative", unit=m.group("unit").lower().rstrip("s"), shift=count)
    return _mention(m, "relative", unit=m.group("unit").lower().rstrip("s"), shift=count, ago=True)


def _looking_back(m: re.Match[str]) -> bool:
    """Whether "the past few weeks" is a time some way back ("fallen in the last few months", "over the past
    several quarters": TimeML ``PAST_REF``) rather than a length ("for the past few weeks": ``PXW``), which
    "for" makes it (TempEval-3 TimeBank writes its three cases so)."""
    return not re.match(r"(?i)for\b", m.group(0)) and not re.search(r"(?i)\bfor\s+$", m.string[max(0, m.start() - 5):m.start()])


def _count(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    tens, _, unit = word.replace("-", " ").partition(" ")
    if unit and tens in _NUMBERS and unit in _NUMBERS and _NUMBERS[tens] >= 20:
        return _NUMBERS[tens] + _NUMBERS[unit]  # "twenty four"
    return int(word) if word.isdigit() else _NUMBERS.get(word)


_TIME_WORD = re.compile(
    rf"\b(?i:day|days|week|weeks|weekend|month|months|year|years|decade|decades|century|spring|summer"
    rf"|autumn|fall|winter|morning|night)\b|{_MONTH}|{_WEEKDAY}|{_YEAR}"
)
_NOT_TIME = re.compile(r"(?i)\bold\b|-year\b|-day\b|-week\b|-month\b|\d+\s*(?:mm|km|%)")
_DURATION = re.compile(
    rf"(?i)^(?:(?:more|less|fewer)\s+than\s+|over\s+|about\s+|around\s+|nearly\s+|almost\s+|at\s+least\s+|some\s+)?"
    rf"(?:{_NUMBER}|the|many)?[\s-]*(?:and-a-half[\s-]+)?(?:days?|weeks?|months?|years?|decades?)$"
)
_COUNTED_AFTER_YEAR = ("NNS", "NNPS")
#: Month names that can stand alone before a noun ("December's figures", "a June agreement"); "May" and
#: "March" are left out, being also a modal and a verb.
_NOUN_MONTHS = {"January", "February", "April", "June", "July", "August", "September", "October", "November",
                "December"}


#: A plural unit with no count, standing for a length of time left open ("months of talks": TimeML ``PXM``; TempEval-3
#: TimeBank writes "follows months of twists and turns" so).
_UNCOUNTED_UNITS = {"hours": "PTXH", "days": "PXD", "weeks": "PXW", "months": "PXM", "years": "PXY", "decades": "PXE"}


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint spans in ``taken``."""
    i = bisect_left(taken, (start, start))
    return (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start)


def find_time_mentions(doc: Doc) -> list[TimeMention]:
    """Every date and relative time expression in ``doc``, in text order.

    Where rules overlap the longest expression wins ("between October 8 and
    13" over "October 8"). Bare four-digit numbers count as years unless they
    count something ("2000 troops"). Durations and ages ("two-year-old war",
    "33-year-old") are not times.
    """
    text = doc.text
    found: list[TimeMention] = []
    for pattern, build in _RULES:
        for match in pattern.finditer(text):
            mention = build(match)
            if mention is not None and not (build in (_year, _year_in_words) and _counts_something(doc, mention)):
                found.append(mention)
    chosen: list[TimeMention] = []
    taken: list[tuple[int, int]] = []  # disjoint spans, kept sorted so an overlap is found by bisection
    for mention in sorted(found, key=lambda t: (t.start - t.end, t.start)):
        if not _overlaps(taken, mention.start, mention.end):
            chosen.append(mention)
            insort(taken, (mention.start, mention.end))
    for token in doc:  # "December's figures", "a June agreement": a month modifying a noun
        if (token.text in _NOUN_MONTHS and token.dep_ in ("poss", "compound", "nmod") and token.head.pos_ == "NOUN"
                and token.head.i > token.i and not _overlaps(taken, token.idx, token.idx + len(token))):
            chosen.append(TimeMention(token.idx, token.idx + len(token), token.text, "date",
                                      first=DateParts(None, _month(token.text))))
            insort(taken, (token.idx, token.idx + len(token)))
    for token in doc:  # "months of negotiations", "after years of war": an uncounted length (TimeML PXM, PXY)
        if (token.lower_ in _UNCOUNTED_UNITS and token.tag_ == "NNS" and token.i + 2 < len(doc)
                and doc[token.i + 1].lower_ == "of" and doc[token.i + 2].pos_ in ("NOUN", "VERB", "ADJ", "PRON", "DET")
                and not any(c.dep_ in ("det", "nummod", "poss", "amod", "compound", "quantmod") for c in token.children)
                and (token.i == 0 or doc[token.i - 1].pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PUNCT", "SCONJ"))
                and not _overlaps(taken, token.idx, token.idx + len(token))):
            first = token
            if (token.i >= 2 and doc[token.i - 1].lower_ in ("or", "and") and doc[token.i - 2].lower_ in _UNCOUNTED_UNITS
                    and not _overlaps(taken, doc[token.i - 2].idx, token.idx)):
                first = doc[token.i - 2]  # "weeks or months of delay": the first unit names it (TimeML PXW)
            start, end = first.idx, token.idx + len(token)
            chosen.append(TimeMention(start, end, text[start:end], "fixed", value=_UNCOUNTED_UNITS[first.lower_]))
            insort(taken, (start, end))
    for ent in doc.ents:
        if ent.label_ != "DATE" or _overlaps(taken, ent.start_char, ent.end_char):
            continue
        month = _month(ent.text) if ent.text[:1].isupper() else None
        mention = TimeMention(ent.start_char, ent.end_char, ent.text, "date", first=DateParts(None, month)) \
            if month else TimeMention(ent.start_char, ent.end_char, ent.text, "other")
        if (_TIME_WORD.search(ent.text) and not _NOT_TIME.search(ent.text) and not _DURATION.match(ent.text)
                and not _TITLE.fullmatch(ent.text) and not _counts_something(doc, mention)):
            chosen.append(_length_in(mention) if mention.kind == "other" else mention)
    chosen.sort(key=lambda t: t.start)
    chosen = [t for t in chosen if not _past_before_a_noun(doc, t)]
    chosen = [replace(t, modifier="ends a period") if t.kind == "date" and t.weekday is None and t.modifier is None
              and _ENDS_A_PERIOD.search(text, max(0, t.start - 12), t.start) else t for t in chosen]
    # a clock joins its day first: "until 9 a.m. Tuesday" is a deadline, read from the words before the clock
    return [replace(t, future=True) if _is_future(doc, text, t) else t for t in _with_clocks(text, chosen)]


def _past_before_a_noun(doc: Doc, mention: TimeMention) -> bool:
    """"The past" that is the adjective of a noun after it ("in the past quarter", "over the past century", "the
    past season"): not TimeML's ``PAST_REF``, which "in the past" alone is."""
    if mention.kind != "fixed" or mention.value != "PAST_REF" or mention.text.lower() != "the past":
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN", "NUM", "ADJ")


def _length_in(entity: TimeMention) -> TimeMention:
    """A date entity no rule placed, read as the length of time its own words hold: "twenty years" in "twenty
    years after the first astronauts were chosen", "barely a month" before "after". :func:`_duration` leaves a
    length before "after"/"before" to the words around it, which may be a date of their own; an entity the
    parser already marked is one, and TimeML writes it as its length (``P20Y``; TempEval-3 TimeBank writes all
    its lengths before "after"/"before" so). The entity itself when it holds none."""
    m = _LENGTH.search(entity.text)
    length = _duration(m) if m else None
    if length is None:
        return entity
    return replace(length, start=entity.start + length.start, end=entity.start + length.end)


#: "the quarter ended Sept. 30": the day a period named before it ends on.
_ENDS_A_PERIOD = re.compile(r"(?i)\b(?:ended|ending)\s+$")


def _counts_something(doc: Doc, mention: TimeMention) -> bool:
    """A bare year-like number that is a count or measure: "2000 troops", "1500 km"; not after "fiscal"
    ("fiscal 1989 sales": the year's sales)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or (span.start > 0 and doc[span.start - 1].lower_ == "fiscal"):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and (after.tag_ in _COUNTED_AFTER_YEAR or after.lower_ in {"mm", "km", "%", "percent"})


#: "effective Feb. 1", "effective as of Monday": the day a change announced takes effect, one still to come.
_EFFECTIVE_BEFORE = re.compile(r"(?i)\beffective\s+(?:on\s+|from\s+|as\s+of\s+)?$")
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:by|until|till|through|no\s+later\s+than|ahead\s+of)\s+(?:the\s+)?$")
_FUTURE_AUX = {"will", "wo", "'ll", "shall", "would"}
_FUTURE_LEMMAS = {"expect", "plan", "schedule", "intend", "aim"}
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:early\s+|late\s+|mid-?)?$")
#: Tags of a verb with a tense of its own (a finite clause): TimeML and news grammar date such a clause by itself.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_LEADING_PREPOSITION = re.compile(r"(?i)(?:by|until|till|through|since)\s+")


_SCHEDULE_LEMMAS = {"be", "take", "begin", "start", "open", "close", "end", "meet", "convene", "resume", "expire"}


def _scheduled_present(verb, finite, anchor, day: bool = True) -> bool:
    """A present-tense clause dated to a day that speaks of what is planned:
    "the vote is on Tuesday", "the summit takes place on 5 November", "troops
    are arriving on Monday", "the envoy arrives in Baghdad on Sunday", "the vote
    is due Thursday". News tells what has happened in the past tense, so a day
    put on a present-tense event is one to come. Any verb counts in the third
    person singular ("arrives"), whose form no past or infinitive shares, when
    the time is a ``day`` (a month is more often a background the parser hangs
    on the wrong verb: "the statement follows reports in June"); otherwise only
    verbs of scheduling do: the tagger often mistakes a bare infinitive ("saw
    ships enter") or a past ("stocks hurt") for a present. A verb of saying
    ("the ministry says Monday") reports, it does not schedule."""
    if finite == verb:
        if verb.lemma_ in SPEECH:
            return False
        if day and verb.lemma_ == "be" and anchor.head.dep_ in ("acomp", "attr") and anchor.head.head == verb:
            return True  # "the vote is due Thursday"
        return anchor.head == verb and (verb.lemma_ in _SCHEDULE_LEMMAS or (day and verb.tag_ == "VBZ"))
    return finite.lemma_ == "be" and verb.tag_ == "VBG"


_PROSPECTIVE_HEADS = {"be", "set", "due", "slate", "poise"}


def _prospective(token) -> bool:
    """A to-infinitive of what is arranged to come, not in the past tense: "the talks, set to resume Monday",
    "trading is to resume Tuesday", "the talks are due to end on Friday" (but "were due to end")."""
    head = token.head
    if not (token.tag_ == "VB" and token.dep_ == "xcomp" and head.lemma_ in _PROSPECTIVE_HEADS
            and any(c.tag_ == "TO" for c in token.children)):
        return False
    for verb in (head, head.head):  # "due" is an adjective: its "are"/"were" is one up
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        finite = next((a for a in auxes if a.tag_ in FINITE_TAGS), verb if verb.tag_ in FINITE_TAGS else None)
        if finite is not None:
            return finite.tag_ != "VBD"
        if verb.tag_ == "VBN" or verb.head == verb:
            return verb.tag_ == "VBN"  # "set to resume", a participle standing alone, looks ahead
    return False


def _is_future(doc: Doc, text: str, mention: TimeMention) -> bool:
    """A deadline ("by November 1") or a time in a future-tense clause.

    Walks from the expression up the dependency tree, through non-finite
    verbs, to the first finite one: a future auxiliary ("will", "would") or a
    verb of intent ("expected to", "plans to") on the way makes it future; a
    finite past or present verb ends the walk. A past tense wins over a
    deadline: "had filed by Wednesday", "until Thursday they had not called".
    """
    before = text[max(0, mention.start - 24):mention.start]
    lead = _LEADING_PREPOSITION.match(mention.text)  # "by February": the rule took the preposition in
    if lead:
        before += lead.group(0)
    if _EFFECTIVE_BEFORE.search(before):
        return True
    deadline = bool(_DEADLINE_BEFORE.search(before))
    if not deadline and _SINCE_BEFORE.search(before):
        return False
    if mention.kind == "relative" and mention.shift > 0 and not mention.window and not mention.ago:
        return True
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return deadline
    token = span.root
    anchor = token.head if token.head.dep_ == "prep" else token
    for _ in range(12):
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or _prospective(token):
            return True
        finite = next((a for a in auxes if a.tag_ in FINITE_TAGS), token if token.tag_ in FINITE_TAGS else None)
        if token.pos_ == "VERB" and token.lemma_ in _FUTURE_LEMMAS:
            # "had been scheduled to expire at midnight Friday": a plan told in the past perfect was overtaken
            return not any(a.lower_ in ("had", "'d") and a.tag_ == "VBD" for a in auxes)
        if finite is not None:
            if finite.tag_ == "VBD":
                return False
            return deadline or (mention.kind in ("date", "weekday") and _scheduled_present(
                token, finite, anchor, day=mention.kind == "weekday" or mention.first.day is not None))
        if token.tag_ == "VBN":  # a past participle with no auxiliary reads as past
            return False
        if token.tag_ == "MD" or token.head == token:
            return deadline
        token = token.head
    return deadline


# The report's year --------------------------------------------------------------

_STATED_YEAR = re.compile(
    rf"{_MONTH}(?:\s+{_DAY})?,?\s+(?P<y>{_YEAR})|{_DAY}\s+{_MONTH},?\s+(?P<y2>{_YEAR})"
)
_WEEKDAY_DATE = re.compile(
    rf"(?P<w>{_WEEKDAY}),?\s*\(?\s*(?:(?P<m>{_MONTH})\s+(?P<d>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))"
    rf"(?!,?\s+{_YEAR})"
)


def year_hint(text: str) -> int | None:
    """The year a raw report is most likely written in, from regexes alone.

    A weekday given with a year-less date ("Sunday (October 20)") pins the
    year: the nearest year at or after the latest stated one (or else before
    it) in which that date falls on that weekday. Otherwise the latest year
    written next to a month ("June 2024", "December 30, 2023"). Bare years
    ("in 1973", "the 1950-53 war") are history, not evidence. None when the
    text gives no evidence.
    """
    return _year_evidence(text)[0]


def _year_evidence(text: str) -> tuple[int | None, bool]:
    """:func:`year_hint`'s year, and whether a weekday pinned it."""
    stated = [int(m.group("y") or m.group("y2")) for m in _STATED_YEAR.finditer(text)]
    pairs = []
    for m in _WEEKDAY_DATE.finditer(text):
        month, day = _month(m.group("m") or m.group("m2")), _int(m.group("d") or m.group("d2"))
        if month and day:
            pairs.append((_WEEKDAYS[m.group("w").lower()], month, day))
    if pairs:
        anchor = max(stated) if stated else date.today().year
        votes = Counter(y for pair in pairs for y in _weekday_years(pair, anchor))
        if votes:
            best = max(votes.values())
            return min((y for y, n in votes.items() if n == best), key=lambda y: _year_distance(y, anchor)), True
    return (max(stated) if stated else None), False


def _weekday_years(pair: tuple[int, int, int], anchor: int) -> list[int]:
    weekday, month, day = pair
    return [y for y in range(anchor - 7, anchor + 3) if _valid(y, month, day) and date(y, month, day).weekday() == weekday]


def _year_distance(year: int, anchor: int) -> tuple[int, int]:
    """Years at or just after the anchor come first: reports name earlier years, rarely later ones."""
    return (0, year - anchor) if year >= anchor else (1, anchor - year)


# The report's date --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A report's date read from its text, with what showed it.

    ``window`` is the interval the evidence allows, ``"2014-11-27/.."`` when
    it gives only a lower bound; ``confidence`` is the share of PolNeAR
    articles whose date that kind of evidence recovers to within a day
    (``scripts/check_published.py``, ``data/published_confidence.json``).
    """

    date: str | None = None
    window: str | None = None
    evidence: str | None = None
    confidence: float | None = None


#: A wire-service dateline opening the text ("GDANSK, June 10 (Europa Wire) -",
#: "WASHINGTON, Oct. 8, 2024 (Reuters) —") or a "Published ..." line near either end.
DATELINE = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Za-z.'’-]*(?:[ ,/]+[A-Z][A-Za-z.'’-]*){{0,4}},?\s+)?(?:{_WEEKDAY},?\s+)?{_day_date('a')}"
    rf"\s*(?:\([^()\n]{{1,40}}\)\s*)?[-\u2013\u2014:]+[ \t]*"
)
_CLOCK = r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)"  # "10:32 GMT", "9.15 a.m. ET"
#: A line that is only a date with its year, as a page puts it under the title ("March 5, 2025",
#: "Wednesday, 5 March 2025", "March 5, 2025 10:32 GMT").
_DATE_LINE = re.compile(rf"^[ \t]*(?:{_WEEKDAY},?\s+)?{_day_date('a')}{_CLOCK}?[ \t]*$", re.IGNORECASE)
#: A credit (byline) in a header: names and outlets ("By Tom Reyes", "Harwick Gazette", "Dana Whitfield ·
#: Northern Courier"). Every word is capitalised, a handle, a name's particle or connective, or a reporter's
#: role; a lowercase verb or preposition makes the line prose ("Ministry says audit of ...").
_CREDIT_HEAD = r"(?:[A-ZÀ-ÖØ-Þ][\w.'’&-]*|@\w+|(?:staff|writer|reporter|correspondent|editor)\b)"
_CREDIT_WORD = rf"(?:{_CREDIT_HEAD}|&|(?:and|of|the|de|da|di|du|del|der|van|von|le|la|al|bin)\b)"
_CREDIT_PHRASE = rf"(?:(?:[Bb]y\s+)?{_CREDIT_HEAD}(?:\s+{_CREDIT_WORD}){{0,5}})"
_CREDIT_SEP = r"(?:\s*[|·•,/]\s*|\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*)"
_CREDIT = rf"(?:{_CREDIT_PHRASE}(?:{_CREDIT_SEP}{_CREDIT_PHRASE}){{0,3}})"
#: A date with its year beside a credit, as a plain-text or scraped report puts it under its title
#: ("By Wire Press | 15 May 2025", "15 May 2025 (Wire Press)", "Harwick Gazette, 18 May 2025",
#: "By Tom Reyes, 18 May 2025", "Dana Whitfield · Northern Courier · 14 May 2025").
_CREDIT_LINE = re.compile(
    rf"^[ \t]*(?:{_CREDIT}{_CREDIT_SEP}|[Bb]y\s+{_CREDIT_PHRASE}\s+)?(?:{_WEEKDAY},?\s+)?{_day_date('a')}{_CLOCK}?"
    rf"(?:{_CREDIT_SEP}{_CREDIT}|\s*\({_CREDIT}\))?[ \t]*$"
)
_PUBLISHED_LINE = re.compile(
    rf"^[ \t]*(?i:(?:first\s+)?published|posted|updated|last\s+updated)\b[^\n]{{0,30}}?{_day_date('a')}[^\n]{{0,30}}$",
    re.MULTILINE,
)
_CONFIDENCE_FILE = Path(__file__).with_name("data") / "published_confidence.json"


@lru_cache(maxsize=1)
def _confidence() -> dict[str, float]:
    return json.loads(_CONFIDENCE_FILE.read_text(encoding="utf-8"))["confidence"]


def _header_date(line: str) -> re.Match[str] | None:
    """A header line that is only a date with its year, alone or beside a credit ("By Wire Press |
    15 May 2025", "Harwick Gazette, 18 May 2025"): page furniture that states the report's date, where
    a headline or sentence holding a date has lowercase words and does not match. A date without its
    year is left to the dateline rule, which lends the report's year only to a true dateline."""
    m = _DATE_LINE.match(line) or _CREDIT_LINE.match(line)
    return m if m and (m.group("ay") or m.group("ay2")) else None


#: The non-empty lines before a report's text that a dateline may open: a title, a byline, a credit or date line
#: and a "Published" line come first (English news layout, common knowledge). The text cleaner cuts a dateline in
#: them and the date is read from it. A line of only a date or a credit stands under the title, in the first
#: :data:`TITLE_BLOCK` lines; further down a credit-like line may be the text's (a reporter's sign-off).
HEADER_LINES = 5
TITLE_BLOCK = 3


def stated_date(text: str, year: int | None) -> PublishedDate | None:
    """The date a dateline (opening one of the first :data:`HEADER_LINES` lines), a line of only a date with its
    year or of a date with its year and a credit among the first :data:`TITLE_BLOCK`, or a "Published ..." line
    states, or None.

    A dateline without a year takes ``year`` (the report's or its batch's).
    """
    heads = [line for line in text.lstrip().splitlines() if line.strip()][:HEADER_LINES]
    m = next((m for m in map(DATELINE.match, heads) if m), None) or next(
        (m for m in map(_header_date, heads[:TITLE_BLOCK]) if m), None) or next(
        (m for m in _PUBLISHED_LINE.finditer(text) if m.start() < 400 or m.end() > len(text) - 400), None
    )
    if m is None:
        return None
    parts = _parts(m, "a")
    y = parts.year if parts else None
    y = y or year
    if parts is None or parts.day is None or y is None or not _valid(y, parts.month, parts.day):
        return None
    day = date(y, parts.month, parts.day).isoformat()
    return PublishedDate(day, f"{day}/{day}", "dateline", _confidence()["dateline"])


def infer_published(mentions: Iterable[TimeMention], doc: Doc, year: int | None, raw: str | None = None) -> PublishedDate:
    """The report's own date, read from its content.

    A dateline or a "Published ..." line in ``raw`` (the text as read, before
    cleaning dropped them) states it. Otherwise the report is written on or
    after the latest day-precise past event it dates (deadlines and
    future-tense dates do not count; "a week later" counts from the date
    before it). Weekday mentions ("said on Friday") place it within a week
    after that weekday, so the earliest day on or after the latest event that
    fits the most weekday mentions is chosen. Year-less dates take the year
    the text pins or states (:func:`year_hint`), or ``year`` (the batch's
    year) when that is later or the text names none: reports rarely write out
    their own year, so a stated year is a lower bound. An empty
    :class:`PublishedDate` when nothing dates it.
    """
    mentions = list(mentions)
    own, pinned = _year_evidence(doc.text)
    report_year = own if pinned else max((y for y in (own, year) if y), default=None)
    stated = stated_date(raw or doc.text, report_year)
    if stated is not None:
        return stated
    events: list[date] = []
    weekdays: list[tuple[int, str | None]] = []
    anchor: date | None = None
    for t in mentions:
        if t.kind == "after":
            if t.unit is None:  # "the next day"; "a year earlier", "the quarter" date no day
                anchor = anchor + timedelta(days=t.shift) if anchor else None
                if anchor and not t.future:
                    events.append(anchor)
            continue
        parts = t.last if t.kind == "span" else t.first if t.kind == "date" else None
        day = None
        if parts is not None and parts.day is not None and parts.month is not None:  # "on the 13th" is the report's
            y = parts.year or (t.first.year if t.kind == "span" else None) or report_year
            if y and t.kind == "date" and t.unit == "year" and not parts.year:
                y += t.shift  # "June 5 last year"
            day = date(y, parts.month, parts.day) if y and _valid(y, parts.month, parts.day) else None
            anchor = day or anchor
        if t.future:
            continue
        if t.kind == "weekday" and t.modifier not in ("next", "previous"):  # "the previous Friday" is before a past day
            weekdays.append((t.weekday, t.modifier))
        if day is not None:
            events.append(day)
    if not events:
        return PublishedDate()
    latest = max(events)
    best = max(
        (latest + timedelta(days=k) for k in range(14)),
        key=lambda d: (sum(_fits(d, latest, w, mod) for w, mod in weekdays), -d.toordinal()),
    )
    if any(_fits(best, latest, w, mod) for w, mod in weekdays):
        # The weekdays named fall on or after the latest event, and the report on or after them;
        # how long after, the text does not say.
        return PublishedDate(best.isoformat(), f"{best.isoformat()}/..", "weekday after the latest dated event",
                             _confidence()["weekday"])
    return PublishedDate(best.isoformat(), f"{latest.isoformat()}/..", "latest dated event", _confidence()["event"])


def _fits(published: date, latest: date, weekday: int, modifier: str | None) -> bool:
    """Whether a weekday mention fits a report written on ``published``.

    News names a weekday for the latest events, within the week before the
    report, and full dates for older ones: so the weekday named is taken to
    fall on or after the latest dated event.
    """
    back = (published.weekday() - weekday) % 7
    if modifier == "last":
        back = back or 7
    return published - timedelta(days=back) >= latest


# Resolution -------------------------------------------------------------------


def resolve_times(mentions: Iterable[TimeMention], reference: str | None) -> list[TimeExpression]:
    """Each mention as ISO against ``reference`` (the report's date); None when unresolvable.

    "The next day" and "a week later" count from the last day-precise date
    before them in the text (None when there is none).
    """
    ref = _parse_reference(reference)
    out: list[TimeExpression] = []
    anchor: date | None = None  # the last day-precise date named or counted
    named: str | None = None  # the last single time named, at any precision ("1989-Q3")
    named_back = False  # whether ``named`` was a year counted back from the report's ("last year", "a year ago")
    for t in sorted(mentions, key=lambda t: t.start):
        compared = False  # a comparison with the time named before: it names no new time
        clock = t.value if t.kind != "fixed" and t.value and t.value.startswith("T") else None
        if t.kind == "after" and t.unit is None:
            value = (anchor + timedelta(days=t.shift)).isoformat() if anchor else None
        elif t.kind == "after" and t.unit == "week":
            # "the following week": the week (Monday to Sunday) after the day named last; "the previous week" with
            # no day named is the one before the report's, as "last week" is
            day = anchor if anchor else ref if t.shift < 0 else None
            monday = day - timedelta(days=day.weekday()) + timedelta(weeks=t.shift) if day else None
            value = f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}" if monday else None
        elif t.kind == "after" and t.unit == "quarter" and t.first.year is not None:  # "the 1988 quarter"
            value = f"{t.first.year:04d}" + (named[4:] if named and "-Q" in named else "")
            compared = True
        elif t.kind == "after" and t.unit == "quarter":
            current = t.modifier == "this"
            value = named if named and "-Q" in named and not current else _reported_quarter(ref, current=current)
            if t.modifier == "latest" and value and ref and named == value and _quarter_ends_after(value, ref):
                # "the latest quarter" after a forecast for "the fourth quarter": the latest is one already ended
                value = _reported_quarter(ref, current=False)
        elif t.kind == "after" and named_back and t.modifier is None and re.search(r"(?i)year-(?:ago|earlier)", t.text):
            # "Last year losses totaled $5 million ... The year-earlier results": the year named was already counted
            # back from the report's; the adjective compares with that same year, it does not count back again
            value = named
        elif t.kind == "after":
            value = _moved(named, t) if named else f"{ref.year + t.shift:04d}" if ref and t.unit == "year" else \
                _moved(f"{ref.year:04d}-{ref.month:02d}", t) if ref and t.unit == "month" and t.modifier == "whole" \
                else None  # "the previous month" with none named is the report's; "two months later" is unplaced
            if value and t.modifier == "quarter" and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
                value = f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
            elif value and t.modifier == "quarter" and re.fullmatch(r"\d{4}", value) and ref:
                # "this year's sales ... last year's quarter": no quarter named, the one reported on last
                value += _reported_quarter(ref, current=False)[4:]
            elif value and t.modifier == "whole" and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value):
                value = value[:4] if t.unit == "year" else value[:7]
        elif t.kind == "relative" and (t.ago or t.modifier == "compared") and t.unit == "year" and named \
                and "-Q" in named:
            # "earnings rose from $1 a share a year ago" after "the third quarter": the same quarter that many
            # years back, the period the comparison is about (TimeML "1988-Q3"), not the whole year
            value, compared = _moved(named, replace(t, shift=-t.shift if t.ago else t.shift)), True
        elif t.kind == "weekday" and t.modifier == "previous" and anchor:
            # "down 4.5% from the previous Friday": the one before the day named last
            value = (anchor - timedelta(days=(anchor.weekday() - t.weekday) % 7 or 7)).isoformat()
        else:
            value = _resolve_in_range(t, ref)
        if (t.kind in ("date", "span", "after", "weekday") or (t.kind == "relative" and t.unit == "day" and not t.window)) \
                and value and not (t.kind == "after" and t.unit == "week") \
                and re.fullmatch(r"\d{4}-\d\d-\d\d", value[-10:]):
            anchor = date.fromisoformat(value[-10:])
        # "the quarter ended Sept. 30": the day dates the quarter named before it, which stays the time a comparison
        # is about ("a year earlier" is 1988-Q3, not 1988-09-30)
        ends_quarter = t.modifier == "ends a period" and named is not None and "-Q" in named
        if (t.kind not in ("fixed", "after") or (t.kind == "after" and t.unit == "quarter")) and not compared \
                and not ends_quarter and not t.future and value and _NAMED.fullmatch(value):
            # "the quarter" names the quarter a comparison is about; a forecast ("gains through the first quarter of
            # 1999") does not: "the year-ago period" after it still compares with the quarter reported
            named = value  # "a year earlier" twice is the same comparison, not two years back
            named_back = t.kind == "relative" and t.unit == "year" and (t.ago or t.shift < 0)
        if t.kind == "fixed" and t.modifier == "of the year" and named and not named_back:
            # "For the nine months, net fell from a year earlier" after "the third quarter": the comparison is
            # now about the months of the year so far or a fiscal year ("for the year ended Aug. 31"), whose
            # time is the year (TimeML "1988", not "1988-Q3")
            named = named[:4]  # (a year already counted back, "net fell from last year", stays the comparison)
        if clock and value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            value += clock  # "10 p.m. Wednesday": TimeML's TIME value, 1998-02-11T22:00
        out.append(TimeExpression(t.start, t.end, t.text, value, reading=t))
    return out


_NAMED = re.compile(r"(?P<y>\d{4})(?P<rest>-\d\d(?:-\d\d)?|-Q[1-4]|-(?:SP|SU|FA|WI))?")


def _reported_quarter(ref: date | None, *, current: bool) -> str | None:
    """The report's quarter (``current``), else the latest one ended by its date: the one results are reported for."""
    if ref is None:
        return None
    index = ref.year * 4 + (ref.month - 1) // 3 - (not current)
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _quarter_ends_after(quarter: str, ref: date) -> bool:
    """Whether the quarter ("1989-Q4") ends after the report's date: it has not been reported on yet."""
    year, q = int(quarter[:4]), int(quarter[-1])
    return (year, q * 3) >= (ref.year, ref.month)


def _moved(named: str, t: TimeMention) -> str | None:
    """``named`` moved by ``t.shift`` months or years at its own precision ("1989-Q3" a year earlier: "1988-Q3")."""
    m = _NAMED.fullmatch(named)
    year, rest = int(m.group("y")), m.group("rest") or ""
    if not re.fullmatch(r"-\d\d(?:-\d\d)?", rest):  # a year, a quarter or a season: only years move it
        return f"{year + t.shift:04d}{rest}" if t.unit == "year" and 1 <= year + t.shift <= 9999 else None
    try:
        day = _add_months(date(year, int(rest[1:3]), int(rest[4:6] or 1)), t.shift * (12 if t.unit == "year" else 1))
    except (ValueError, OverflowError):
        return None  # before year 1 or after 9999
    return day.isoformat() if len(rest) > 3 else f"{day.year:04d}-{day.month:02d}"


def _resolve_in_range(t: TimeMention, ref: date | None) -> str | None:
    """As :func:`_resolve`; None when the date would fall outside years 1-9999 ("last week" of 0001-01-01)."""
    try:
        return _resolve(t, ref)
    except OverflowError:
        return None


def _parse_reference(reference: str | None) -> date | None:
    if not reference:
        return None
    try:
        return date.fromisoformat(reference[:10])
    except ValueError:
        return None


def _resolve(t: TimeMention, ref: date | None) -> str | None:
    if t.kind == "fixed":
        return t.value
    if t.kind == "date" and t.unit == "month" and ref is not None:  # "the 20th of last month"
        month = _add_months(ref.replace(day=1), t.shift)
        return date(month.year, month.month, t.first.day).isoformat() \
            if _valid(month.year, month.month, t.first.day) else None
    if t.kind == "date" and t.unit == "year" and t.first.year is None:  # "July last year"
        if ref is None or (t.first.day is not None and not _valid(ref.year + t.shift, t.first.month, t.first.day)):
            return None
        return _iso(replace(t.first, year=ref.year + t.shift))
    if t.kind == "date":
        parts = _place(t.first, ref, t.weekday, t.future)
        return _iso(parts) if parts else None
    if t.kind == "quarter":
        return _resolve_quarter(t, ref)
    if t.kind == "span":
        return _resolve_span(t, ref)
    if ref is None:
        return None
    if t.kind == "weekday":
        return _weekday_date(t, ref).isoformat()
    if t.kind == "relative":
        return _resolve_relative(t, ref)
    if t.kind == "month":
        return _resolve_month(t, ref)
    return None


def _resolve_month(t: TimeMention, ref: date) -> str:
    """"last March": the latest March before the reference month; "next March" the first after it.

    A season ("last summer", ``value`` the TimeML season code) counts from its
    middle month: winter from January.
    """
    month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[t.value] if t.value else t.first.month
    if t.modifier == "last":
        year = ref.year - (month >= ref.month)
        if not t.value and month % 12 == ref.month - 1 and re.match(r"(?i)last\b", t.text):
            year -= 1  # "last February" in March: last year's (this one would have been "last month")
    elif t.modifier == "next":
        year = ref.year + (month <= ref.month)
    else:
        year = ref.year
    return f"{year:04d}-{t.value}" if t.value else f"{year:04d}-{month:02d}"


def _resolve_quarter(t: TimeMention, ref: date | None) -> str | None:
    """A quarter without a year is the latest one begun by the reference date (business news reports results)."""
    year, part = t.first.year, t.value or "Q"  # a quarter, or a half ("H")
    if year is None and t.modifier in ("last", "this", "next"):
        return f"{ref.year + {'last': -1, 'this': 0, 'next': 1}[t.modifier]:04d}-{part}{t.shift}" if ref else None
    if year is None:
        if ref is None:
            return None
        current = (ref.month - 1) // 3 + 1
        year = ref.year if t.shift <= current else ref.year - 1
    return f"{year:04d}-Q{t.shift}"


#: A year-less month up to this many months after the report's is the coming one, a later one
#: last year's (set by scripts/fit_coming_months.py on TempEval-3 TimeBank; AQUAINT held out).
COMING_MONTHS = 2


def _place(parts: DateParts, ref: date | None, weekday: int | None = None, future: bool = False) -> DateParts | None:
    """Give a year-less date the year that puts it nearest the reference.

    A month up to :data:`COMING_MONTHS` after the reference month is the
    coming one (a deadline); a later one is last year's (the report looks back).
    A date in a future-tense clause or a deadline is the next such date.
    With a weekday, a neighbouring year where the weekday fits wins.
    """
    if parts.year is not None:
        return parts
    if ref is not None and parts.month is None and parts.day is not None:  # "on the 13th"
        month = ref.month + (future and parts.day < ref.day) - (not future and parts.day > ref.day)
        year, month = ref.year + (month - 1) // 12, (month - 1) % 12 + 1
        return DateParts(year, month, parts.day) if _valid(year, month, parts.day) else None
    if ref is None or parts.month is None:
        return None
    ahead = (parts.month - ref.month) % 12
    if future and ahead > COMING_MONTHS and (ref.month - parts.month) % 12 > 1:
        year = ref.year + (parts.month < ref.month)  # a coming date, not one just past
    elif 0 < ahead <= COMING_MONTHS:  # a coming month
        year = ref.year + (parts.month < ref.month)
    else:  # this month or one already past
        year = ref.year - (parts.month > ref.month)
    if weekday is not None and parts.day is not None:
        for candidate in (year, year - 1, year + 1):
            if _valid(candidate, parts.month, parts.day) and date(candidate, parts.month, parts.day).weekday() == weekday:
                year = candidate
                break
    if parts.day is not None and not _valid(year, parts.month, parts.day):
        return None
    return DateParts(year, parts.month, parts.day)


def _iso(parts: DateParts) -> str:
    if parts.month is None:
        return f"{parts.year:04d}"
    if parts.day is None:
        return f"{parts.year:04d}-{parts.month:02d}"
    return f"{parts.year:04d}-{parts.month:02d}-{parts.day:02d}"


def _resolve_span(t: TimeMention, ref: date | None) -> str | None:
    first = _place(t.first, ref)
    if first is None or t.last is None:
        return None
    last = t.last
    if last.year is None:
        year = first.year
        if last.month is not None and (last.month, last.day or 0) < (first.month or 0, first.day or 0):
            year += 1  # "December 28 to January 3" runs into the next year
        last = DateParts(year, last.month, last.day)
    return f"{_iso(first)}/{_iso(last)}"


def _weekday_date(t: TimeMention, ref: date) -> date:
    """The weekday nearest the reference in the direction the text points."""
    back = (ref.weekday() - t.weekday) % 7
    if t.modifier in ("last", "previous"):
        return ref - timedelta(days=back or 7)
    if t.modifier == "next" or t.future:
        ahead = (t.weekday - ref.weekday()) % 7
        return ref + timedelta(days=ahead or (7 if t.modifier == "next" else 0))
    return ref - timedelta(days=back)


def _resolve_relative(t: TimeMention, ref: date) -> str:
    if t.unit == "day":
        if t.window:
            return f"{(ref - timedelta(days=t.shift)).isoformat()}/{ref.isoformat()}"
        return (ref + timedelta(days=-t.shift if t.ago else t.shift)).isoformat()
    if t.unit in ("week", "weekend"):
        if t.window or t.ago:
            start = ref - timedelta(weeks=t.shift)
            return f"{start.isoformat()}/{ref.isoformat()}" if t.window else start.isoformat()
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=t.shift)
        if t.modifier == "nearest" and ref.weekday() < 5 and not t.future:
            monday -= timedelta(weeks=1)  # on a weekday, "the weekend" is the one just past
        if t.modifier == "earlier" and ref.weekday() > 0:
            return f"{monday.isoformat()}/{(ref - timedelta(days=1)).isoformat()}"
        if t.modifier == "later" and ref.weekday() < 6:
            return f"{(ref + timedelta(days=1)).isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
        first = monday + timedelta(days=5) if t.unit == "weekend" else monday
        return f"{first.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if t.unit == "month":
        if t.window:
            return f"{_add_months(ref, -t.shift).isoformat()}/{ref.isoformat()}"
        moved = _add_months(ref, -t.shift if t.ago else t.shift)
        return f"{moved.year:04d}-{moved.month:02d}"
    if t.unit == "decade":
        return f"{ref.year // 10 + t.shift:03d}"
    if t.unit == "century":
        return f"{ref.year // 100 + t.shift:02d}"
    if t.window:
        return f"{_add_months(ref, -12 * t.shift).isoformat()}/{ref.isoformat()}"
    return f"{ref.year + (-t.shift if t.ago else t.shift):04d}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date value out of range")  # as ``date + timedelta`` does; callers give None
    while not _valid(year, month, day.day):
        day = day.replace(day=day.day - 1)
    return date(year, month, day.day)
