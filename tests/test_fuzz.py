"""Property tests: cleaning and the extractors never raise, and every span they give points into the text.

Texts are drawn two ways: arbitrary Unicode (control characters, odd line
breaks, invisible characters), and news-shaped text assembled from sentence
parts (sources, cues, quotes, figures, dates, page furniture, broken lines)
mixed with arbitrary characters, so the extractors' rules actually fire.

A normal run tries a few dozen cases per property. The dedicated run::

    CLAIMLEDGER_FUZZ_EXAMPLES=10000 .venv/bin/pytest tests/test_fuzz.py

tries that many per property (more than 10,000 cases in all: cleaning,
offsets, the pipeline's spans, times).
"""
from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.extract.attribution import find_attributions
from claimledger.extract.clean import _INVISIBLE, _LINE_BREAKS, _SPACES, clean_text
from claimledger.extract.figures import find_figures
from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import extract_report
from claimledger.extract.times import find_time_mentions, resolve_times
from claimledger.records import RawReport

EXAMPLES = int(os.environ.get("CLAIMLEDGER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 40,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
#: A time expression's value: a calendar date, month, year or span as above, or what TimeML writes
#: for the rest (records.TimeExpression): a reference to the present, past or future, a duration
#: ("P3Y", "PT48H", "PXD"), a set ("XXXX-WXX-4", "XXXX-XX-XXTNI"), a decade or century ("199",
#: "19"), a quarter or season of a year ("2024-Q3", "2024-SU").
TIME_VALUE = re.compile(ISO.pattern + r"|^(PRESENT|PAST|FUTURE)_REF$|^PT?([\dX]+(\.\d+)?(Y|M|W|D|H|S|DE|CE|L))+$"
                        r"|^XXXX(-[\dWX]+)*(T[A-Z]{2})?$|^\d{2,3}$|^\d{4}-(Q[1-4]|SP|SU|FA|WI)$")

SOURCES = ["The ministry", "Defence Minister Ana Roth", "he", "she", "a senior official", "Reuters",
           "officials who spoke on condition of anonymity", "the agency", "Gen. Piet Halloran", "Mr. Okafor"]
CUES = ["said", "told reporters", "denied", "claimed", "could not confirm", "added", "warned", "estimated",
        "said in a statement on Tuesday", "according to"]
CONTENT = ["about 1,500 soldiers had crossed the border", "no ships were turned away",
           "the figure was closer to 12,000", "as many as 4.8 million people were affected",
           "at least 35 containers sank on Oct. 8", "the strike would end by March 2031",
           "3 to 5 brigades moved last week", "a few thousand troops arrived two days ago"]
FURNITURE = ["Advertisement", "Read more: Port Selby votes", "Photo: Reuters", "pic.twitter.com/Ab12Cd",
             "Share this article", "Related Coverage", "undefined", "Most Read", "© 2031 Coastal Ledger"]
NOISE = st.lists(st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list(_SPACES + _INVISIBLE + _LINE_BREAKS) + ["\r\n", "\r", "\n\n", '"', "“", "”", "…", "\x00", "\x1b"]),
), max_size=12).map("".join)


@st.composite
def sentences(draw) -> str:
    source, cue, content = draw(st.sampled_from(SOURCES)), draw(st.sampled_from(CUES)), draw(st.sampled_from(CONTENT))
    shape = draw(st.integers(0, 3))
    if cue == "according to":
        return f"According to {source.lower() if source[0].islower() else source}, {content}."
    if shape == 0:
        return f"{source} {cue} that {content}."
    if shape == 1:
        return f"\u201c{content[0].upper()}{content[1:]},\u201d {source.lower() if source in ('he', 'she') else source} {cue}."
    if shape == 2:
        return f"{content[0].upper()}{content[1:]}, {source} {cue}."
    return f'"{content}," {cue} {source}. "{draw(st.sampled_from(CONTENT))}."'


@st.composite
def news_texts(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        piece = draw(st.one_of(sentences(), sentences(), st.sampled_from(FURNITURE), NOISE))
        parts.append(piece)
        parts.append(draw(st.sampled_from([" ", "\n", "\n\n", "\r\n\r\n", " \u00a0", "\n \n"])))
    return "".join(parts)


TEXTS = st.one_of(news_texts(), news_texts(), st.text(max_size=400))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _maps_back(original: str, clean_char: str, offset: int) -> bool:
    """A kept character is the original one, or the normalised form of a space or line break."""
    source = original[offset]
    if source == clean_char:
        return True
    if clean_char == " ":
        return source in _SPACES or source in _LINE_BREAKS or source in "\r\n"
    if clean_char == "\n":
        return source in _LINE_BREAKS or source == "\r"
    return False


@FUZZ
@given(text=TEXTS)
def test_clean_offsets_map_back_to_the_original(text):
    clean = clean_text(text)
    assert len(clean.offsets) == len(clean.text)
    assert all(a < b for a, b in zip(clean.offsets, clean.offsets[1:])), "offsets must increase"
    for ch, off in zip(clean.text, clean.offsets):
        assert 0 <= off < len(text)
        assert _maps_back(text, ch, off), (ch, text[off])
    if clean.text:
        start, end = clean.original_span(0, len(clean.text))
        assert 0 <= start <= end <= len(text)


def _check_span(text: str, start: int, end: int, value: str | None = None) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if value is not None:
        assert text[start:end] == value, (text[start:end], value)


@FUZZ
@given(text=TEXTS)
def test_extractor_spans_lie_inside_the_cleaned_text(nlp, text):
    clean = clean_text(text)
    doc = nlp(clean.text)
    body = doc.text
    for a in find_attributions(doc):
        _check_span(body, a.start, a.end)
        _check_span(body, a.cue_start, a.cue_end)
        _check_span(body, a.content_start, a.content_end)
        # a quotation interrupted by its cue is one statement, its parts joined by " … "
        assert all(part in body[a.content_start:a.content_end] for part in a.content.split(" … ")), a.content
        if a.source is not None and a.source.start is not None:
            _check_span(body, a.source.start, a.source.end, a.source.text)
        for start, end in ((a.start, a.end), (a.content_start, a.content_end)):
            o_start, o_end = clean.original_span(start, end)
            assert 0 <= o_start <= o_end <= len(text)
    for f in find_figures(doc):
        _check_span(body, f.start, f.end, f.text)
        if f.low is not None and f.high is not None:
            assert f.low <= f.high
    mentions = find_time_mentions(doc)
    for t in resolve_times(mentions, "2031-05-14"):
        _check_span(body, t.start, t.end, t.text)
        assert t.value is None or TIME_VALUE.match(t.value), t.value


@FUZZ
@given(text=TEXTS, published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
       year=st.one_of(st.none(), st.integers(1, 9999)))
def test_pipeline_never_raises_but_on_empty_text(nlp, text, published, year):
    """The whole per-report pipeline: an extraction, or its one-line error when nothing is left to read."""
    from claimledger.extract.pipeline import ExtractionError

    try:
        result = extract_report(RawReport(text=text, published=published), nlp=nlp, year=year)
    except ExtractionError as exc:
        assert "\n" not in str(exc)
        assert not clean_text(text).text.strip()
        return
    for t in result.times:
        assert t.value is None or TIME_VALUE.match(t.value), t.value
    for f in result.figures:
        _check_span(result.clean.text, f.start, f.end, f.text)
        assert f.attribution is None or 0 <= f.attribution < len(result.attributions)
    assert result.published is None or ISO.match(result.published)
