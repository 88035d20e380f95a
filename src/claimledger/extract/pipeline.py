"""Per-report extraction: cleaned text in, a :class:`ReportExtraction` out.

The steps, each a plain function in its own module:

1. ``clean.clean_text``: drop page furniture, repair broken lines.
2. spaCy parses the cleaned text.
3. ``attribution.find_attributions``: source, cue, content, stance, via.
4. ``times.find_time_mentions`` then ``times.infer_published`` (from the
   report's own text: a report's date never depends on which reports share
   its batch, so analysing in pieces equals analysing at once) and
   ``times.resolve_times``: dates normalised against the report's date.
5. ``figures.find_figures``: counted numbers, then linked here to the
   attribution whose content holds them.
6. ``slots.clauses_in``: each attribution's content clauses with their
   predicate, agent, theme and place, read from the same parse.

Reports with no usable text, or whose extraction runs over
:attr:`Limits.extract_seconds`, raise :class:`ExtractionError` with a
one-line message; the caller reports it and goes on with the batch. Step 2
runs over a few reports at once (:func:`extract_reports`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.budget import time_budget
from claimledger.config import PARSE_BATCH, Limits
from claimledger.extract.attribution import find_attributions
from claimledger.extract.clean import clean_text
from claimledger.extract.figures import find_figures
from claimledger.extract.nlp import load_nlp
from claimledger.extract.slots import clauses_in
from claimledger.extract.times import (
    DAY_VALUE,
    FINITE_TAGS,
    PublishedDate,
    find_time_mentions,
    infer_published,
    resolve_times,
    year_hint,
)
from claimledger.records import Attribution, Figure, NameMention, RawReport, ReportExtraction, TimeExpression


#: Entity labels kept as names of a report (numbers, dates and quantities have their own extractors).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


class ExtractionError(ValueError):
    """A report that cannot be analysed; the message is one line for the user."""


def report_years(reports: Iterable[RawReport]) -> Counter[int]:
    """How many of ``reports`` are from each year, by their stated date or the year their text names."""
    years: Counter[int] = Counter()
    for report in reports:
        year = int(report.published[:4]) if report.published else year_hint(report.text)
        if year:
            years[year] += 1
    return years


def context_year(reports: Iterable[RawReport], stored: Counter[int] | None = None) -> int | None:
    """The year most reports of a batch (and the ``stored`` ones: year -> reports) are from,
    for reports that state none.

    A batch is one story, so a report that never names its year (``Oct. 22``,
    ``on Thursday``) is taken to be from the year its siblings state.
    """
    years = report_years(reports)
    years.update(stored or {})
    return max(years, key=lambda y: (years[y], y)) if years else None  # a tie goes to the later year: reports look back


def extract_reports(
    reports: Iterable[RawReport],
    *,
    nlp: Language | None = None,
    year: int | None = None,
    limits: Limits = Limits(),
    batch: int = PARSE_BATCH,
) -> Iterator[ReportExtraction | ExtractionError]:
    """Extract every report, yielding an extraction or an error per report, in order.

    ``year`` is the fallback year for reports whose text names none (see
    :func:`context_year`). The cleaned texts of up to ``batch`` reports are
    parsed together by ``nlp.pipe`` (the same parse as one ``nlp`` call per
    text, a little less CPU: :data:`~claimledger.config.PARSE_BATCH`); each
    report is then extracted on its own within :attr:`Limits.extract_seconds`
    (one over it gives an :class:`ExtractionError` and the next goes on). A
    batch whose texts hold more than :attr:`Limits.max_tokens` together, or
    whose cleaning and parse run over one report's budget, is done again one
    report at a time, each within its own budget, so one bad text costs no
    other. The parses live in a spaCy memory zone: the
    strings they add to the shared vocabulary are freed when the call ends,
    so a stream of millions of reports does not grow it without end (the
    extractions hold plain strings, never a ``Doc``).
    """
    nlp = nlp or load_nlp()
    with nlp.memory_zone():
        for part in batches(reports, batch):
            yield from _extract_batch(part, nlp, year, limits)


def extract_report(report: RawReport, *, nlp: Language | None = None, year: int | None = None,
                   limits: Limits = Limits()) -> ReportExtraction:
    """Extract one report; raises :class:`ExtractionError` when it has no usable text or runs over budget."""
    result = next(extract_reports([report], nlp=nlp, year=year, limits=limits))
    if isinstance(result, ExtractionError):
        raise result
    return result


def batches(reports: Iterable[RawReport], size: int) -> Iterator[list[RawReport]]:
    """``reports`` in lists of ``size``, the last one shorter (a stream is never read ahead of its batch)."""
    part: list[RawReport] = []
    for report in reports:
        part.append(report)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


class _BatchOver(Exception):
    """A batch that must be done one report at a time (over its time or size budget)."""


def _extract_batch(part: list[RawReport], nlp: Language, year: int | None,
                   limits: Limits) -> list[ReportExtraction | ExtractionError]:
    """Each report's extraction or error: the texts cleaned and parsed together, then each extracted within
    its own budget; one report at a time (:func:`_extract_within_budget`) when the batch is one report or
    over its budget."""
    if len(part) == 1:
        return [_extract_within_budget(part[0], nlp, year, limits)]
    try:
        with time_budget(limits.extract_seconds, _BatchOver()):
            parsed = _parse_batch(part, nlp, limits)
    except _BatchOver:
        return [_extract_within_budget(report, nlp, year, limits) for report in part]
    out: list[ReportExtraction | ExtractionError] = []
    for report, ready in zip(part, parsed):
        if isinstance(ready, ExtractionError):
            out.append(ready)
            continue
        out.append(_extract_within_budget(report, nlp, year, limits, parsed=ready))
    return out


def _parse_batch(part: list[RawReport], nlp: Language, limits: Limits) -> list:
    """(clean text, parse) of each report, or the error refusing it before its parse; raises
    :class:`_BatchOver` when the texts hold more than :attr:`Limits.max_tokens` tokens together (the bound
    on one parse's memory)."""
    ready: list = []
    for report in part:
        try:
            clean = _clean(report, limits)
            ready.append((clean, _tokens(report, clean.text, nlp, limits)))
        except ExtractionError as exc:
            ready.append(exc)
    docs = [doc for _, doc in (r for r in ready if not isinstance(r, ExtractionError))]
    if sum(len(doc) for doc in docs) > limits.max_tokens:
        raise _BatchOver()
    parses = iter(nlp.pipe(docs, batch_size=len(docs)))
    return [r if isinstance(r, ExtractionError) else (r[0], next(parses)) for r in ready]


def _extract_within_budget(report: RawReport, nlp: Language, year: int | None, limits: Limits, *,
                           parsed: tuple | None = None) -> ReportExtraction | ExtractionError:
    """One report's extraction, or the error that refuses it; ``parsed`` is its (clean text, parse) when a
    batch made them. Every step runs in Python between short C calls (spaCy's tokenizer is kept short by
    :class:`~claimledger.extract.nlp.BoundedTokenizer`), so the budget stops a slow report within a
    fraction of a second of running out."""
    over = ExtractionError(f"{_name(report)}: extraction took over {limits.extract_seconds:g} s; refused")
    try:
        with time_budget(limits.extract_seconds, over):
            if parsed is None:
                clean = _clean(report, limits)
                doc = nlp(_tokens(report, clean.text, nlp, limits))
            else:
                clean, doc = parsed
            _check_sentences(report, doc, limits)
            mentions = find_time_mentions(doc)
            return _extract_doc(report, clean, doc, mentions, _own_date(report, doc, mentions, year))
    except ExtractionError as exc:
        return exc


def _clean(report: RawReport, limits: Limits):
    if len(report.text) > limits.max_text_chars:
        raise ExtractionError(f"{_name(report)}: text is {len(report.text):,} characters, over the {limits.max_text_chars:,} limit")
    clean = clean_text(report.text)
    if not clean.text.strip():
        raise ExtractionError(f"{_name(report)}: no report text left after cleaning")
    return clean


def _tokens(report: RawReport, text: str, nlp: Language, limits: Limits):
    """``text`` tokenized, refused before it is parsed when it has too many tokens."""
    doc = nlp.make_doc(text)
    if len(doc) > limits.max_tokens:
        raise ExtractionError(f"{_name(report)}: text is {len(doc):,} tokens, over the {limits.max_tokens:,} limit")
    return doc


def _check_sentences(report: RawReport, doc, limits: Limits) -> None:
    """Refuse a parse with a sentence too long (each statement and figure keeps its sentence, so one giant
    sentence would be kept once per statement in it)."""
    longest = max((sent.end_char - sent.start_char for sent in doc.sents), default=0)
    if longest > limits.max_sentence_chars:
        raise ExtractionError(f"{_name(report)}: has a sentence of {longest:,} characters, over the "
                              f"{limits.max_sentence_chars:,} limit")


def _name(report: RawReport) -> str:
    return report.path or report.url or report.title or "report"


def _own_date(report: RawReport, doc, mentions, year: int | None) -> PublishedDate:
    """The date the input states, or the one the report's own text shows (:func:`times.infer_published`)."""
    if report.published:
        return PublishedDate(report.published, None, "stated", None)
    return infer_published(mentions, doc, year, report.text)


def _extract_doc(report: RawReport, clean, doc, mentions, dated: PublishedDate) -> ReportExtraction:
    attributions = find_attributions(doc)
    published, inferred = dated.date, not (report.published and dated.date == report.published)
    times = sorted(resolve_times(mentions, published), key=lambda t: t.start)
    time_starts = [t.start for t in times]
    attributions = [_attach_date(a, times, time_starts, doc) for a in attributions]
    for a in attributions:  # the slots of the content's clauses, from the parse already made
        a.clauses = clauses_in(doc, a.content_start, a.content_end)
    content_starts = [a.content_start for a in attributions]  # find_attributions returns them in this order
    longest = max((a.content_end - a.content_start for a in attributions), default=0)
    figures = [_link_figure(f, attributions, content_starts, longest, published) for f in find_figures(doc)]
    return ReportExtraction(
        report=report,
        clean=clean,
        published=published,
        published_inferred=inferred,
        attributions=attributions,
        figures=figures,
        times=times,
        names=[NameMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in NAME_LABELS],
        published_window=dated.window,
        published_evidence=dated.evidence,
        published_confidence=dated.confidence,
    )


#: Conjunctions of a clause that happens at the time of the one it modifies (English common knowledge).
_AT_THE_TIME = frozenset({"as", "when", "while"})


def _dates_another_verb(doc: Doc, time: TimeExpression, cue: Token) -> bool:
    """Whether a time modifies a finite verb other than the cue (and the verb a participle cue hangs on) on its way
    up the parse: "the figure it gave on Wednesday", "the ministry, which on Monday denied …, said"."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return False
    own = {cue.i, cue.head.i} if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj") else {cue.i}
    token = span.root.head
    for _ in range(12):
        if token.i in own:
            return False
        if token.tag_ in FINITE_TAGS and token.dep_ in ("relcl", "ccomp", "advcl", "conj", "acl") and not (
                token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _AT_THE_TIME for m in token.children)):
            return True  # but "As the crowd cheered him Tuesday night, his wife whispered": the same time
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _attach_date(attribution: Attribution, times: list[TimeExpression], starts: list[int], doc: Doc) -> Attribution:
    """Date a statement by a day-precise time in its own sentence, nearest the cue, that is not another
    verb's: "revised its estimate on Thursday, saying …, three times the figure it gave on Wednesday" was said
    on Thursday (:func:`_dates_another_verb`).

    ``times`` are in text order and ``starts`` their start offsets, so the
    times of the sentence are found by bisection.
    """
    if attribution.date:
        return attribution
    within = times[bisect_left(starts, attribution.start):bisect_left(starts, attribution.end)]
    cue = doc.char_span(attribution.cue_start, attribution.cue_end, alignment_mode="expand")
    candidates = [
        t for t in within
        if t.value and DAY_VALUE.match(t.value) and t.end <= attribution.end
        and not (attribution.content_start <= t.start < attribution.content_end)
        and not (cue is not None and _dates_another_verb(doc, t, cue.root))
    ]
    if not candidates:
        return attribution
    best = min(candidates, key=lambda t: abs(t.start - attribution.cue_start))
    return replace(attribution, date=best.value[:10])


def _link_figure(figure: Figure, attributions: list[Attribution], starts: list[int], longest: int,
                 published: str | None) -> Figure:
    """Tie a figure to the statement whose content holds it (the tightest one).

    ``attributions`` are ordered by content start (``starts``); only those
    starting within one longest content before the figure can hold it.
    """
    holders = []
    for i in range(bisect_right(starts, figure.start) - 1, -1, -1):
        a = attributions[i]
        if a.content_start < figure.start - longest:
            break
        if figure.end <= a.content_end:
            holders.append((a.content_end - a.content_start, i))
    if not holders:
        return replace(figure, as_of=figure.as_of or published)
    _, index = min(holders)
    attribution = attributions[index]
    return replace(
        figure,
        attribution=index,
        source=attribution.source,
        as_of=figure.as_of or attribution.date or published,
    )
