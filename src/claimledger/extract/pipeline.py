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

Reports with no usable text, or whose extraction runs over
:attr:`Limits.extract_seconds`, raise :class:`ExtractionError` with a
one-line message; the caller reports it and goes on with the batch.
"""
from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language

from claimledger.budget import time_budget
from claimledger.config import Limits
from claimledger.extract.attribution import find_attributions
from claimledger.extract.clean import clean_text
from claimledger.extract.figures import find_figures
from claimledger.extract.nlp import load_nlp
from claimledger.extract.times import (
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


#: Reports parsed together by one ``nlp.pipe`` call hold at most this many tokens in all (a PolNeAR article
#: has about 900); a report of more is parsed on its own.
GROUP_TOKENS = 20_000


def extract_reports(
    reports: Iterable[RawReport],
    *,
    nlp: Language | None = None,
    year: int | None = None,
    limits: Limits = Limits(),
) -> Iterator[ReportExtraction | ExtractionError]:
    """Extract every report, yielding an extraction or an error per report, in order.

    ``year`` is the fallback year for reports whose text names none (see
    :func:`context_year`). Each report is cleaned and extracted on its own
    within :attr:`Limits.extract_seconds` (one over it gives an
    :class:`ExtractionError` and the next goes on). Reports are parsed
    together, up to :data:`GROUP_TOKENS` tokens at a time, by one
    ``nlp.pipe`` call (the same parse as one ``nlp`` call each, with less
    CPU: :func:`_parse_group`). The parses live in a spaCy memory
    zone: the strings they add to the shared vocabulary are freed when the
    call ends, so a stream of millions of reports does not grow it without
    end (the extractions hold plain strings, never a ``Doc``).
    """
    nlp = nlp or load_nlp()
    reports = iter(reports)
    with nlp.memory_zone():
        while group := _group(reports, nlp, limits):
            yield from _extract_group(group, nlp, year, limits)


def extract_report(report: RawReport, *, nlp: Language | None = None, year: int | None = None,
                   limits: Limits = Limits()) -> ReportExtraction:
    """Extract one report; raises :class:`ExtractionError` when it has no usable text or runs over budget."""
    result = next(extract_reports([report], nlp=nlp, year=year, limits=limits))
    if isinstance(result, ExtractionError):
        raise result
    return result


class _Prepared:
    """A report cleaned and tokenized (or refused, or failed) before the parse, with the CPU seconds that took."""

    __slots__ = ("report", "clean", "doc", "error", "spent")

    def __init__(self, report: RawReport):
        self.report, self.clean, self.doc, self.error, self.spent = report, None, None, None, 0.0


def _group(reports: Iterator[RawReport], nlp: Language, limits: Limits) -> list[_Prepared]:
    """The next reports, each cleaned and tokenized within its budget, up to :data:`GROUP_TOKENS` tokens of
    the ones that parse (a report that alone reaches the bound is a group of its own)."""
    group: list[_Prepared] = []
    tokens = 0
    for report in reports:
        prepared = _prepare(report, nlp, limits)
        group.append(prepared)
        if prepared.doc is not None:
            tokens += len(prepared.doc)
        if tokens >= GROUP_TOKENS:
            break
    return group


def _prepare(report: RawReport, nlp: Language, limits: Limits) -> _Prepared:
    prepared = _Prepared(report)
    over = _over_budget(report, limits)
    started = time.thread_time()
    try:
        with time_budget(limits.extract_seconds, over):
            prepared.clean = _clean(report, limits)
            prepared.doc = _tokens(report, prepared.clean.text, nlp, limits)
    except Exception as exc:  # noqa: BLE001 - refused (ExtractionError) or failed: given at its turn
        prepared.clean = prepared.doc = None
        prepared.error = exc
    prepared.spent = time.thread_time() - started
    return prepared


def _extract_group(group: list[_Prepared], nlp: Language, year: int | None,
                   limits: Limits) -> Iterator[ReportExtraction | ExtractionError]:
    """Each report of the group, in order: parsed together (:func:`_parse_group`), then each extracted within
    what is left of its budget. Never yields inside a budget (see :func:`~claimledger.budget.time_budget`)."""
    ready = [p for p in group if p.doc is not None]
    parsed = iter(_parse_group(ready, nlp, limits) or ()) if len(ready) > 1 else None
    for prepared in group:
        if prepared.error is not None:
            if isinstance(prepared.error, ExtractionError):
                yield prepared.error
                continue
            raise prepared.error  # a defect: the caller retries the rest one by one
        if parsed is None:  # alone in its group: parsed here, within what is left of its budget
            yield _extract_parsed(prepared, None, prepared.spent, nlp, year, limits)
            continue
        doc, share = next(parsed, (None, 0.0))
        if doc is None:  # the group's parse failed: this report is done again alone, within its whole budget
            yield _extract_within_budget(prepared.report, nlp, year, limits)
            continue
        yield _extract_parsed(prepared, doc, prepared.spent + share, nlp, year, limits)


def _parse_group(prepared: list[_Prepared], nlp: Language, limits: Limits) -> list[tuple] | None:
    """``(doc, CPU seconds)`` for each of ``prepared``: the docs parsed by one ``nlp.pipe`` call, each charged
    the parse's CPU time in proportion to its tokens; or None when the parse failed or ran over one
    report's budget (each report is then parsed alone, so one that breaks or stalls the parse fails alone).

    ``nlp.pipe`` runs each component over the whole group at once: the same ``Doc`` bytes as one ``nlp``
    call per report (60 PolNeAR articles), and less CPU. Measured at load 5-8, so in pairs: 24 rounds of
    16 PolNeAR articles, each parsed both ways in one process in alternating order, the group took a
    median 0.93 of the CPU time of one call each (rounds ranged 0.57-1.20)."""
    docs = [p.doc for p in prepared]
    started = time.thread_time()
    try:
        with time_budget(limits.extract_seconds, _GroupOverBudget()):
            parsed = list(nlp.pipe(docs, batch_size=len(docs)))
    except Exception:  # noqa: BLE001 - over budget or a defect: each report is parsed again on its own
        return None
    spent = time.thread_time() - started
    total = sum(len(doc) for doc in parsed) or 1
    return [(doc, spent * len(doc) / total) for doc in parsed]


class _GroupOverBudget(Exception):
    """A group's parse ran over one report's budget."""


def _over_budget(report: RawReport, limits: Limits) -> ExtractionError:
    return ExtractionError(f"{_name(report)}: extraction took over {limits.extract_seconds:g} s; refused")


def _extract_parsed(prepared: _Prepared, doc, spent: float, nlp: Language, year: int | None,
                    limits: Limits) -> ReportExtraction | ExtractionError:
    """A prepared report extracted within its budget less the ``spent`` CPU seconds of its cleaning,
    tokenizing and share of the group's parse; ``doc`` is its parse, or None to parse it here."""
    over = _over_budget(prepared.report, limits)
    if spent >= limits.extract_seconds:
        return over
    try:
        with time_budget(limits.extract_seconds - spent, over):
            doc = doc if doc is not None else nlp(prepared.doc)
            _check_sentences(prepared.report, doc, limits)
            mentions = find_time_mentions(doc)
            return _extract_doc(prepared.report, prepared.clean, doc, mentions,
                                _own_date(prepared.report, doc, mentions, year))
    except ExtractionError as exc:
        return exc


def _extract_within_budget(report: RawReport, nlp: Language, year: int | None,
                           limits: Limits) -> ReportExtraction | ExtractionError:
    """One report's extraction, or the error that refuses it. Every step runs in Python between
    short C calls (spaCy's tokenizer is kept short by :class:`~claimledger.extract.nlp.BoundedTokenizer`),
    so the budget stops a slow report within a fraction of a second of running out."""
    over = _over_budget(report, limits)
    try:
        with time_budget(limits.extract_seconds, over):
            clean = _clean(report, limits)
            doc = _parse(report, clean.text, nlp, limits)
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


def _parse(report: RawReport, text: str, nlp: Language, limits: Limits):
    """The parse of ``text``, refused before it runs when it has too many tokens, and after when a sentence
    is too long (each statement and figure keeps its sentence, so one giant sentence would be kept once per
    statement in it)."""
    doc = nlp(_tokens(report, text, nlp, limits))
    _check_sentences(report, doc, limits)
    return doc


def _tokens(report: RawReport, text: str, nlp: Language, limits: Limits):
    """``text`` tokenized, refused when it has too many tokens to parse."""
    doc = nlp.make_doc(text)
    if len(doc) > limits.max_tokens:
        raise ExtractionError(f"{_name(report)}: text is {len(doc):,} tokens, over the {limits.max_tokens:,} limit")
    return doc


def _check_sentences(report: RawReport, doc, limits: Limits) -> None:
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
    attributions = [_attach_date(a, times, time_starts) for a in attributions]
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


def _attach_date(attribution: Attribution, times: list[TimeExpression], starts: list[int]) -> Attribution:
    """Date a statement by a day-precise time in its own sentence, nearest the cue.

    ``times`` are in text order and ``starts`` their start offsets, so the
    times of the sentence are found by bisection.
    """
    if attribution.date:
        return attribution
    within = times[bisect_left(starts, attribution.start):bisect_left(starts, attribution.end)]
    candidates = [
        t for t in within
        if t.value and len(t.value) == 10 and t.end <= attribution.end
        and not (attribution.content_start <= t.start < attribution.content_end)
    ]
    if not candidates:
        return attribution
    best = min(candidates, key=lambda t: abs(t.start - attribution.cue_start))
    return replace(attribution, date=best.value)


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
