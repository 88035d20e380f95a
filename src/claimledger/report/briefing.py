"""The briefing: what is established, what rests on one origin, what is disputed, figures, changes, timeline, sources.

:func:`build_briefing` turns a ledger into sections of :class:`Sentence`
records, each carrying the ids of the statements (``d1.a0``), figures
(``d1.f2``) or reports (``d1``) it rests on. The renderers only lay those
out, so every sentence of either format cites what it rests on, and report
text is escaped in one place per format.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from claimledger.records import Claim
from claimledger.report.charts import figure_points, figures_chart
from claimledger.report.context import STANCE_VERBS, LedgerContext, figure_phrase, number, one_line

SUMMARY_CHARS = 240
STATUS_WORDS = {"corroborated": "corroborated", "single_source": "single source", "disputed": "disputed",
                "denied": "denied", "unverified": "unverified"}


@dataclass(slots=True)
class Sentence:
    text: str
    cites: list[str]


@dataclass(slots=True)
class SourceRow:
    source: str
    stance: str
    said: str
    report: str
    date: str
    cite: str


@dataclass(slots=True)
class Section:
    key: str
    title: str
    sentences: list[Sentence] = field(default_factory=list)
    charts: list[Markup] = field(default_factory=list)
    rows: list[SourceRow] = field(default_factory=list)


@dataclass(slots=True)
class Briefing:
    title: str
    generated: str
    since: str | None
    sections: list[Section]
    order: list[str]  # every cited id, numbered by first use


def _names(ctx: LedgerContext, claim: Claim) -> str:
    names = [ctx.entity_name(e) or e for e in claim.sources]
    if not names:
        names = sorted({ctx.source_name(a) for a in claim.attribution_ids})
    return ", ".join(names) if names else "no named source"


def _summary(claim: Claim) -> str:
    return one_line(claim.summary, SUMMARY_CHARS)


def _reports(n: int) -> str:
    return f"{n} report{'' if n == 1 else 's'}"


def _established(ctx: LedgerContext) -> Section:
    section = Section("established", "Established: two or more independent origins")
    claims = [c for c in ctx.ledger.claims if c.status == "corroborated" and c.independent_sources >= 2]
    for c in sorted(claims, key=lambda c: (-c.independent_sources, -len(c.doc_ids), c.id)):
        section.sentences.append(Sentence(
            f"“{_summary(c)}” rests on {c.independent_sources} independent origins ({_names(ctx, c)}) "
            f"in {_reports(len(c.doc_ids))}.", list(c.attribution_ids)))
    return section


def _single(ctx: LedgerContext) -> Section:
    section = Section("single", "Resting on a single origin")
    claims = [c for c in ctx.ledger.claims if c.status in ("single_source", "unverified")]
    for c in sorted(claims, key=lambda c: (-len(c.doc_ids), c.status != "single_source", c.id)):
        repeated = f", repeated in {_reports(len(c.doc_ids))}" if len(c.doc_ids) > 1 else ""
        section.sentences.append(Sentence(
            f"“{_summary(c)}” rests on one origin ({_names(ctx, c)}){repeated} and is "
            f"{STATUS_WORDS.get(c.status, c.status)}.", list(c.attribution_ids)))
    return section


def _disputed(ctx: LedgerContext) -> Section:
    section = Section("disputed", "Disputed or denied, and by whom")
    for c in ctx.ledger.claims:
        if c.status not in ("disputed", "denied"):
            continue
        against = [(aid, s) for aid, s in ctx.claim_stances([c.id]) if s in ("denies", "cannot_confirm")]
        if not against:
            against = [(aid, s) for k in ctx.ledger.conflicts if c.id in k.claim_ids
                       for aid in k.attribution_ids if (found := ctx.attribution(aid)) is not None
                       for s in [found[1].stance] if s in ("denies", "cannot_confirm")]
        if against:
            who = "; ".join(sorted({f"{ctx.source_name(aid)} {STANCE_VERBS[s]}" for aid, s in against}))
            text = f"“{_summary(c)}” is {c.status}: {who}."
        else:
            text = f"“{_summary(c)}” is {c.status}: the reports contradict each other on it."
        cites = list(dict.fromkeys([aid for aid, _ in against] + list(c.attribution_ids)))
        section.sentences.append(Sentence(text, cites))
    for k in ctx.ledger.conflicts:
        if k.attribution_ids:
            section.sentences.append(Sentence(one_line(k.explanation), list(k.attribution_ids)))
    return section


def _figures(ctx: LedgerContext, link) -> Section:
    section = Section("figures", "How key figures changed, by source and date")
    for subject, points in figure_points(ctx).items():
        if len(points) >= 2:
            section.charts.append(figures_chart(subject, points, link))
            low = min(points, key=lambda p: (p.value, p.item))
            high = max(points, key=lambda p: (p.value, p.item))
            if low.value != high.value:
                section.sentences.append(Sentence(
                    f"Figures for {subject}s range from {number(low.value)} ({low.source}, "
                    f"{low.when or 'undated'}) to {number(high.value)} ({high.source}, {high.when or 'undated'}).",
                    [low.item, high.item]))
        for p in points:
            report, f = ctx.figure(p.item)
            section.sentences.append(Sentence(
                f"{p.when or 'Undated'}: {p.source} gave {figure_phrase(f)} {one_line(f.subject, 80)} "
                f"({ctx.doc_label(report.id)}).", [p.item]))
    return section


def _since(ctx: LedgerContext, since: str) -> Section:
    section = Section("since", f"What changed since {since}")
    for report in ctx.reports:
        if (report.extraction.published or "") >= since:
            raw = report.extraction.report
            section.sentences.append(Sentence(
                f"{ctx.doc_label(report.id)}: new report “{one_line(raw.title or 'untitled', 120)}”.", [report.id]))
    for c in ctx.ledger.claims:
        recent = [a for a in c.attribution_ids if (ctx.item_date(a) or "") >= since]
        if c.first_reported and c.first_reported >= since:
            section.sentences.append(Sentence(
                f"New claim ({STATUS_WORDS.get(c.status, c.status)}): “{_summary(c)}”.", recent or list(c.attribution_ids)))
            continue
        for (_, before), (when, after) in zip(c.status_history, c.status_history[1:]):
            if when >= since:
                section.sentences.append(Sentence(
                    f"On {when} “{_summary(c)}” went from {STATUS_WORDS.get(before, before)} to "
                    f"{STATUS_WORDS.get(after, after)}.", recent or list(c.attribution_ids)))
    return section


def _timeline(ctx: LedgerContext) -> Section:
    section = Section("timeline", "Timeline")
    for entry in ctx.ledger.timeline:
        section.sentences.append(Sentence(f"{entry.date}: {one_line(entry.summary, SUMMARY_CHARS)}.",
                                          list(entry.attribution_ids)))
    return section


def _sources(ctx: LedgerContext) -> Section:
    section = Section("sources", "Sources: who said what, with stance")
    for aid in ctx.attribution_ids():
        report, a = ctx.attribution(aid)
        section.rows.append(SourceRow(ctx.source_name(aid), a.stance.replace("_", " "), one_line(a.content, 300),
                                      ctx.doc_label(report.id), ctx.item_date(aid) or "undated", aid))
    section.rows.sort(key=lambda r: (r.source.lower(), r.date, r.cite))
    return section


def _overview(ctx: LedgerContext) -> Section:
    section = Section("overview", "Overview")
    if not ctx.reports:
        return section
    outlets = {r.extraction.report.outlet for r in ctx.reports if r.extraction.report.outlet}
    dates = sorted(d for r in ctx.reports if (d := r.extraction.published))
    span = f", published {dates[0]} to {dates[-1]}" if dates else ""
    statuses = Counter(c.status for c in ctx.ledger.claims)
    counted = ", ".join(f"{n} {STATUS_WORDS.get(s, s)}" for s, n in statuses.most_common())
    section.sentences.append(Sentence(
        f"This ledger holds {_reports(len(ctx.reports))} from {len(outlets)} named outlet"
        f"{'' if len(outlets) == 1 else 's'}{span}.", [r.id for r in ctx.reports]))
    if ctx.ledger.claims:
        section.sentences.append(Sentence(
            f"They carry {len(ctx.ledger.claims)} claims ({counted}) and {len(ctx.ledger.conflicts)} conflicts.",
            [r.id for r in ctx.reports]))
    for original, copies in ctx.copies.items():
        also = "; ".join(ctx.doc_label(c) for c in copies)
        section.sentences.append(Sentence(
            f"{ctx.doc_label(original)} also ran, near-identical, in {also}: counted as one origin.",
            [original, *copies]))
    return section


def build_briefing(ctx: LedgerContext, *, since: str | None = None, link=None) -> Briefing:
    """The briefing's sections; ``link(id)`` gives chart marks their target (the appendix by default)."""
    link = link or (lambda iid: f"#q-{anchor(iid)}")
    sections = [_overview(ctx), _established(ctx), _single(ctx), _disputed(ctx), _figures(ctx, link)]
    if since:
        sections.append(_since(ctx, since))
    sections += [_timeline(ctx), _sources(ctx)]
    order: list[str] = []
    for section in sections:
        for sentence in section.sentences:
            order.extend(sentence.cites)
        order.extend(row.cite for row in section.rows)
    return Briefing("Evidence briefing", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), since, sections,
                    list(dict.fromkeys(order)))


def anchor(iid: str) -> str:
    """An id usable in a URL fragment: 'd1.a0' → 'd1-a0'."""
    return re.sub(r"[^A-Za-z0-9]", "-", iid)


# Rendering ----------------------------------------------------------------

_env = Environment(loader=PackageLoader("claimledger.report", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["anchor"] = anchor


def render_html(ctx: LedgerContext, briefing: Briefing) -> str:
    """One self-contained HTML file: inline CSS, inline SVG, no script, and a CSP that forbids fetching anything."""
    number_of = {iid: k + 1 for k, iid in enumerate(briefing.order)}
    quotes = [(iid, number_of[iid], ctx.quote(iid)) for iid in briefing.order]
    return _env.get_template("briefing.html").render(b=briefing, ctx=ctx, n=number_of, quotes=quotes)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~&])")


def md_escape(text: str) -> str:
    """Report text as inert Markdown: one line, every character Markdown or HTML could act on backslash-escaped.

    Backslash escapes are CommonMark's own way to write a literal character,
    so ``<script>``, ``[x](javascript:...)``, ``# heading`` or ``|`` in a
    report render as the characters they are.
    """
    flat = one_line(text)
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    return re.sub(r"^(\d+)\.|^([-+])", lambda m: f"{m.group(1)}\\." if m.group(1) else f"\\{m.group(2)}", flat)


def render_markdown(ctx: LedgerContext, briefing: Briefing) -> str:
    """Markdown with footnote citations (``[^3]``); each footnote quotes the sentence, its mention in bold."""
    number_of = {iid: k + 1 for k, iid in enumerate(briefing.order)}

    def refs(ids: list[str]) -> str:
        return "".join(f"[^{number_of[i]}]" for i in ids)

    lines = [f"# {briefing.title}", "", f"_{_reports(len(ctx.reports))} · {md_escape(briefing.generated)}_", ""]
    for section in briefing.sections:
        lines += [f"## {md_escape(section.title)}", ""]
        if section.key == "figures" and section.charts:
            lines += ["_The charts of these figures are in the HTML briefing._", ""]
        for sentence in section.sentences:
            lines.append(f"- {md_escape(sentence.text)}{refs(sentence.cites)}")
        if section.rows:
            lines += ["| Source | Stance | Said | Report | Date | Cited |", "| --- | --- | --- | --- | --- | --- |"]
            for row in section.rows:
                cells = [row.source, row.stance, row.said, row.report, row.date]
                lines.append("| " + " | ".join(md_escape(c) for c in cells) + f" | {refs([row.cite])} |")
        if not section.sentences and not section.rows:
            lines.append("_none_")
        lines.append("")
    lines += ["## Cited sentences", ""]
    for iid in briefing.order:
        lines.append(f"[^{number_of[iid]}]: {_md_quote(ctx, iid)}")
    return "\n".join(lines).rstrip() + "\n"


def _md_quote(ctx: LedgerContext, iid: str) -> str:
    if iid in ctx.docs:
        raw = ctx.docs[iid].extraction.report
        where = f", {md_escape(raw.url)}" if raw.url else ""
        return f"{md_escape(iid)} — {md_escape(ctx.doc_label(iid))}: {md_escape(raw.title or 'untitled')}{where}"
    quoted = ctx.quote(iid)
    if quoted is None:
        return md_escape(iid)
    body = "".join(_md_bold(s.text) if s.role in ("content", "figure") else md_escape(s.text)
                   for s in quoted.segments)
    stance = f", {md_escape(quoted.stance.replace('_', ' '))}" if quoted.stance else ""
    return (f"{md_escape(iid)} — {md_escape(ctx.doc_label(quoted.doc))}, {md_escape(quoted.source)}{stance}: "
            f"“{body}”")


def _md_bold(text: str) -> str:
    """Bold with the surrounding spaces outside the asterisks, where CommonMark needs them."""
    core = text.strip()
    if not core:
        return md_escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{' ' if lead else ''}**{md_escape(core)}**{' ' if trail else ''}"
