"""The briefing: a first page an analyst reads in two minutes, then an appendix with everything, cited.

:func:`build_briefing` turns a ledger into sections of :class:`Sentence`
records, each carrying the ids of the statements (``d1.a0``), figures
(``d1.f2``) or reports (``d1``) it rests on. The renderers only lay those
out, so every sentence of either format cites what it rests on, and report
text is escaped in one place per format. A claim's words (the ledger's
proposition summary) are the sentence's ``quote``, rendered as a quotation.

The first page: a lede on what the story is; the key claims with their
status over time, independent origins and who supports, denies or cannot
confirm them; each key figure as one series per quantity with its
revisions; the open conflicts; what changed since the last briefing. The
appendix: claims by standing, every figure chart, the timeline, every source.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from claimledger.heap import collector_paused
from claimledger.records import Claim
from claimledger.report import TOP
from claimledger.report.charts import figures_chart
from claimledger.report.context import STANCE_VERBS, LedgerContext, Segment, figure_phrase, fold, one_line
from claimledger.report.quantities import Series, amount, day_of, figure_series

SUMMARY_CHARS = 240
#: A claim's words on the first page: about two lines.
FIRST_PAGE_SUMMARY_CHARS = 140
#: The first page's length in words (about two minutes' reading), which ``--top`` items are trimmed to.
FIRST_PAGE_WORDS = 400
#: A statement's own stance as a relation to the claim it belongs to.
_OWN_STANCE = {"asserts": "supports", "speculates": "hedges", "denies": "denies", "cannot_confirm": "cannot_confirm",
               "no_comment": "no_comment"}
#: Names listed per stance on a first-page claim before "and N more".
NAMES_SHOWN = 4
#: Claims that only answer another (a denial's own claim) are shown on the claim they answer.
ANSWER_STATUSES = ("denial", "cannot_confirm", "no_comment")
#: How a statement's relation to a claim reads on the first page, in the order the groups are listed.
RELATION_GROUPS = (("supports", "supported by"), ("hedges", "supported by"), ("reports", "supported by"),
                   ("denies", "denied by"), ("cannot_confirm", "not confirmed by"), ("no_comment", "no comment from"))
STATUS_WORDS = {"corroborated": "corroborated", "single_source": "single source", "disputed": "disputed",
                "denied": "denied", "unverified": "unverified", "revised": "since revised by its origin"}


@dataclass(slots=True)
class Sentence:
    """``text``, then the claim's words ``quote`` as a quotation (when set), then ``after``; and what it rests on."""

    text: str
    cites: list[str]
    quote: str | None = None
    after: str = ""

    @property
    def plain(self) -> str:
        return self.text + (f"“{self.quote}”" if self.quote is not None else "") + self.after


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
    first_page: list[Section]
    sections: list[Section]  # the appendix
    order: list[str]  # every cited id, numbered by first use

    @property
    def first_page_words(self) -> int:
        return sum(len(s.title.split()) + sum(len(x.plain.split()) for x in s.sentences) for s in self.first_page)


def _names(ctx: LedgerContext, claim: Claim) -> str:
    names = [ctx.entity_name(e) or e for e in claim.sources]
    if not names:
        names = sorted({ctx.source_name(a) for a in claim.attribution_ids})
    return ", ".join(names) if names else "no named source"


def _summary(claim: Claim, limit: int = SUMMARY_CHARS) -> str:
    """The ledger's proposition summary on one line, its closing stop dropped (the quotation marks close it)."""
    return one_line(claim.summary, limit).rstrip(".")


def _reports(n: int) -> str:
    return f"{n} report{'' if n == 1 else 's'}"


def _established(ctx: LedgerContext) -> Section:
    section = Section("established", "Established: two or more independent origins")
    claims = [c for c in ctx.ledger.claims if c.status == "corroborated" and c.independent_sources >= 2]
    for c in sorted(claims, key=lambda c: (-c.independent_sources, -len(c.doc_ids), c.id)):
        section.sentences.append(Sentence(
            "", list(c.attribution_ids), _summary(c),
            f" rests on {c.independent_sources} independent origins ({_names(ctx, c)}) in {_reports(len(c.doc_ids))}."))
    return section


def _single(ctx: LedgerContext) -> Section:
    section = Section("single", "Resting on a single origin")
    claims = [c for c in ctx.ledger.claims if c.status in ("single_source", "unverified", "revised")]
    for c in sorted(claims, key=lambda c: (-len(c.doc_ids), c.status != "single_source", c.id)):
        repeated = f", repeated in {_reports(len(c.doc_ids))}" if len(c.doc_ids) > 1 else ""
        section.sentences.append(Sentence(
            "", list(c.attribution_ids), _summary(c),
            f" rests on one origin ({_names(ctx, c)}){repeated} and is {STATUS_WORDS.get(c.status, c.status)}."))
    return section


def _disputed(ctx: LedgerContext) -> Section:
    section = Section("disputed", "Disputed or denied, and by whom")
    for c in ctx.ledger.claims:
        if c.status not in ("disputed", "denied"):
            continue
        against = [(aid, s) for aid, s in ctx.claim_stances([c.id]) if s in ("denies", "cannot_confirm")]
        if not against:
            against = [(aid, s) for k in ctx.conflicts_of(c.id)
                       for aid in k.attribution_ids if (found := ctx.attribution(aid)) is not None
                       for s in [found[1].stance] if s in ("denies", "cannot_confirm")]
        if against:
            who = "; ".join(sorted({f"{ctx.source_name(aid)} {STANCE_VERBS[s]}" for aid, s in against}))
            after = f" is {c.status}: {who}."
        else:
            after = f" is {c.status}: the reports contradict each other on it."
        cites = list(dict.fromkeys([aid for aid, _ in against] + list(c.attribution_ids)))
        section.sentences.append(Sentence("", cites, _summary(c), after))
    for k in ctx.ledger.conflicts:
        if k.attribution_ids:
            section.sentences.append(Sentence(one_line(k.explanation), list(k.attribution_ids)))
    return section


def _figures(ctx: LedgerContext, link, series: list[Series]) -> Section:
    section = Section("figures", "Every figure, by quantity, source and date")
    for quantity in series:
        points = quantity.points
        if len(points) >= 2:
            section.charts.append(figures_chart(quantity, link))
            low = min(points, key=lambda p: (p.value, p.item))
            high = max(points, key=lambda p: (p.value, p.item))
            if low.value != high.value:
                section.sentences.append(Sentence(
                    f"{quantity.label}: from {amount(low.value, quantity.unit)} ({low.source}, "
                    f"{low.when or 'undated'}) to {amount(high.value, quantity.unit)} ({high.source}, "
                    f"{high.when or 'undated'}).", [low.item, high.item]))
        for p in points:
            report, f = ctx.figure(p.item)
            revised = "" if p.revised_from is None else f", revising {amount(p.revised_from, quantity.unit)}"
            said = figure_phrase(f) if not quantity.unit else amount(p.value, quantity.unit)
            section.sentences.append(Sentence(
                f"{p.when or 'Undated'}: {p.source} gave {said} {one_line(f.subject, 80)}{revised} "
                f"({ctx.doc_label(report.id)}).".replace("  ", " "), [p.item]))
    return section


def _since(ctx: LedgerContext, since: str) -> Section:
    section = Section("since", f"What changed since {since}")
    for report in ctx.reports:
        if (ctx.published(report.id) or "") >= since:
            raw = report.extraction.report
            section.sentences.append(Sentence(
                f"{ctx.doc_label(report.id)}: new report “{one_line(raw.title or 'untitled', 120)}”.", [report.id]))
    for c in ctx.ledger.claims:
        recent = [a for a in c.attribution_ids if (ctx.item_date(a) or "") >= since]
        if c.first_reported and c.first_reported >= since:
            section.sentences.append(Sentence(
                f"New claim ({STATUS_WORDS.get(c.status, c.status)}): ", recent or list(c.attribution_ids),
                _summary(c), "."))
            continue
        for (_, before), (when, after) in zip(c.status_history, c.status_history[1:]):
            if when >= since:
                section.sentences.append(Sentence(
                    f"On {when} ", recent or list(c.attribution_ids), _summary(c),
                    f" went from {STATUS_WORDS.get(before, before)} to {STATUS_WORDS.get(after, after)}."))
    return section


def _timeline(ctx: LedgerContext) -> Section:
    section = Section("timeline", "Timeline")
    for entry in ctx.ledger.timeline:
        section.sentences.append(Sentence(f"{entry.date}: ", list(entry.attribution_ids),
                                          one_line(entry.summary, SUMMARY_CHARS).rstrip("."), "."))
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
    dates = sorted(d for r in ctx.reports if (d := ctx.published(r.id)))
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


# The first page ------------------------------------------------------------


def importance(ctx: LedgerContext, claim: Claim) -> tuple:
    """Why a claim comes first: more independent origins, then reported more recently, then in more open conflicts.

    Independent origins come first because a claim many sources reached on
    their own is what the story rests on; recency next because an analyst
    reads the briefing to catch up; conflicts last, to bring forward what is
    contested among claims otherwise alike. Ties go to more reports, then
    to the claim's id, so the order is stable.
    """
    conflicts = len(ctx.conflicts_of(claim.id))
    last = day_of(claim.last_reported)
    return (-claim.independent_sources, last is None, -(last.toordinal() if last else 0), -conflicts,
            -len(claim.doc_ids), claim.id)


def key_claims(ctx: LedgerContext) -> list[Claim]:
    """The claims worth a first-page line, most important first (see :func:`importance`).

    A claim that only answers another (its denials, cannot-confirms) is
    shown on the claim it answers, and a claim with no summary has nothing
    to read.
    """
    claims = [c for c in ctx.ledger.claims if c.status not in ANSWER_STATUSES and not c.answers and c.summary.strip()]
    return sorted(claims, key=lambda c: importance(ctx, c))


def _history(claim: Claim) -> str:
    """'disputed (single source on 2024-10-18, disputed from 2024-10-20)', or the status alone."""
    now = STATUS_WORDS.get(claim.status, claim.status.replace("_", " "))
    steps = [(when, status) for k, (when, status) in enumerate(claim.status_history)
             if k == 0 or status != claim.status_history[k - 1][1]]
    if len(steps) < 2:
        return now
    told = ", ".join(f"{STATUS_WORDS.get(st, st.replace('_', ' '))} {'on' if k == 0 else 'from'} {when or 'undated'}"
                     for k, (when, st) in enumerate(steps))
    return f"{now} ({told})"


def stance_groups(ctx: LedgerContext, claim: Claim) -> dict[str, dict[str, str]]:
    """Who stands how toward a claim: 'supported by', 'denied by', … → source name → one statement saying so.

    The ledger's per-statement relations (members and the statements that
    answer the claim); a claim without them falls back to its members' own stances.
    """
    relations = dict(claim.stances) or {aid: _OWN_STANCE[found[1].stance] for aid in claim.attribution_ids
                                         if (found := ctx.attribution(aid)) is not None}
    groups: dict[str, dict[str, str]] = {label: {} for label in dict.fromkeys(label for _, label in RELATION_GROUPS)}
    words = dict(RELATION_GROUPS)
    for aid, relation in relations.items():
        if ctx.attribution(aid) is not None:
            groups[words.get(relation, "supported by")].setdefault(ctx.source_name(aid), aid)
    return {label: names for label, names in groups.items() if names}


def _stances(ctx: LedgerContext, claim: Claim) -> tuple[str, list[str]]:
    """'supported by A, B; denied by C and 2 more' with the statements of the names it shows."""
    parts, cites = [], []
    for label, names in stance_groups(ctx, claim).items():
        shown = sorted(names)[:NAMES_SHOWN]
        more = len(names) - len(shown)
        if shown:
            parts.append(f"{label} {', '.join(shown)}" + (f" and {more} more" if more else ""))
            cites += [names[n] for n in shown]
    return "; ".join(parts), cites


def _lede(ctx: LedgerContext) -> Section:
    """What the story is: how many reports over which days, about which actors, how much is disputed."""
    section = Section("lede", "The story")
    if not ctx.reports:
        return section
    dates = sorted(d for r in ctx.reports if (d := ctx.published(r.id)))
    span = (f", published {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")) if dates else ""
    named = Counter()
    for r in ctx.reports:
        found = {ctx.by_form.get(fold(n.text)) for n in r.extraction.names}
        named.update(sorted(e for e in found if e))  # in a set's order, names mentioned equally often came out
        # in an order that changed from run to run (string hashing is salted per process)
    about = [ctx.entity_name(e) for e, _ in named.most_common(4)]
    about_text = f" about {', '.join(about[:-1])} and {about[-1]}" if len(about) > 1 else \
        (f" about {about[0]}" if about else "")
    contested = sum(c.status in ("disputed", "denied") for c in ctx.ledger.claims)
    section.sentences.append(Sentence(
        f"{_reports(len(ctx.reports)).capitalize()}{span}{about_text}: {len(ctx.ledger.claims)} claims, "
        f"{contested} disputed or denied, {len(ctx.ledger.conflicts)} conflicts between sources.",
        [r.id for r in ctx.reports]))
    return section


def _key_claims(ctx: LedgerContext, top: int) -> Section:
    section = Section("key-claims", "Key claims")
    for c in key_claims(ctx)[:top]:
        who, cites = _stances(ctx, c)
        origins = f"{c.independent_sources} independent origin{'' if c.independent_sources == 1 else 's'}"
        section.sentences.append(Sentence(
            "", list(dict.fromkeys(cites or c.attribution_ids)), _summary(c, FIRST_PAGE_SUMMARY_CHARS),
            f": {_history(c)}; {origins}" + (f"; {who}." if who else ".")))
    return section


def _key_figures(series: list[Series], top: int) -> Section:
    """Each quantity more than one source gives, or a source revised: its range, latest value and revisions."""
    section = Section("key-figures", "Key figures")
    for quantity in [s for s in series if s.sources >= 2 or s.revisions][:top]:
        points, unit = quantity.points, quantity.unit
        low = min(points, key=lambda p: (p.value, p.item))
        high = max(points, key=lambda p: (p.value, p.item))
        said = (f"{amount(low.value, unit, low.qualifier)} ({low.source}) to "
                f"{amount(high.value, unit, high.qualifier)} ({high.source})"
                if low.value != high.value else f"{amount(low.value, unit)} from {quantity.sources} sources")
        text = f"{quantity.label}: {said}"
        cites = [low.item, high.item]
        dated = [p for p in points if p.day is not None]
        if dated:
            latest = dated[-1]
            text += f"; latest {amount(latest.value, unit, latest.qualifier)} ({latest.source}, {latest.when})"
            cites.append(latest.item)
        for p in quantity.revisions[:2]:
            text += f"; {p.source} revised {amount(p.revised_from, unit)} to {amount(p.value, unit)}"
            cites.append(p.item)
        section.sentences.append(Sentence(text + ".", list(dict.fromkeys(cites))))
    return section


def _open_conflicts(ctx: LedgerContext, ranked: list[Claim], top: int) -> Section:
    """Conflicts over the most important claims first, then those with the most statements."""
    section = Section("open-conflicts", "Open conflicts")
    rank = {c.id: k for k, c in enumerate(ranked)}
    conflicts = sorted((k for k in ctx.ledger.conflicts if k.attribution_ids),
                       key=lambda k: (min((rank.get(c, len(rank)) for c in k.claim_ids), default=len(rank)),
                                      -len(k.attribution_ids), k.id))
    for k in conflicts[:top]:
        section.sentences.append(Sentence(one_line(k.explanation, 300), list(k.attribution_ids)))
    return section


def _changed(ctx: LedgerContext, since: str | None, ranked: list[Claim], top: int) -> Section:
    """What reports published since ``since`` changed; without it, what the latest day's reports changed."""
    latest = max((d for r in ctx.reports if (d := ctx.published(r.id))), default=None)
    title = f"What changed since {since}" if since else f"What the latest reports ({latest}) changed"
    section = Section("changed", title)
    since = since or latest
    if since is None:
        section.title = "What changed"
        return section
    new_reports = [r.id for r in ctx.reports if (ctx.published(r.id) or "") >= since]
    if new_reports:
        section.sentences.append(Sentence(
            f"{_reports(len(new_reports)).capitalize()} published since {since}: "
            f"{'; '.join(ctx.doc_label(d) for d in new_reports[:top])}"
            f"{'' if len(new_reports) <= top else f' and {len(new_reports) - top} more'}.", new_reports))
    for c in ranked:
        if len(section.sentences) >= top:
            break
        recent = [a for a in c.attribution_ids if (ctx.item_date(a) or "") >= since]
        moves = [(when, before, after) for (_, before), (when, after) in zip(c.status_history, c.status_history[1:])
                 if when and when >= since and before != after]
        if moves:
            when, before, after = moves[-1]
            section.sentences.append(Sentence(
                "", recent or list(c.attribution_ids), _summary(c, FIRST_PAGE_SUMMARY_CHARS),
                f" went from {STATUS_WORDS.get(before, before)} to {STATUS_WORDS.get(after, after)} on {when}."))
        elif c.first_reported and c.first_reported >= since:
            section.sentences.append(Sentence(
                "New: ", recent or list(c.attribution_ids), _summary(c, FIRST_PAGE_SUMMARY_CHARS),
                f" ({STATUS_WORDS.get(c.status, c.status)})."))
    return section


def _trim(sections: list[Section], words: int) -> None:
    """Drop the last line of the longest list (the lede stays) until the page is within ``words``."""
    def total() -> int:
        return sum(len(s.title.split()) + sum(len(x.plain.split()) for x in s.sentences) for s in sections)

    while total() > words:
        longest = max(sections[1:], key=lambda s: (len(s.sentences), sections.index(s)), default=None)
        if longest is None or not longest.sentences:
            return
        longest.sentences.pop()


def first_page(ctx: LedgerContext, *, since: str | None = None, top: int = TOP, words: int = FIRST_PAGE_WORDS,
               series: list[Series] | None = None) -> list[Section]:
    """The lede, key claims, key figures, open conflicts and changes: at most ``top`` lines each, ``words`` in all."""
    ranked = key_claims(ctx)
    series = figure_series(ctx) if series is None else series
    sections = [_lede(ctx), _key_claims(ctx, top), _key_figures(series, top), _open_conflicts(ctx, ranked, top),
                _changed(ctx, since, ranked, top)]
    _trim(sections, words)
    return sections


@collector_paused()
def build_briefing(ctx: LedgerContext, *, since: str | None = None, link=None, top: int = TOP,
                   words: int = FIRST_PAGE_WORDS) -> Briefing:
    """The first page (``top`` lines per list, about ``words`` words), then the appendix.

    ``link(id)`` gives chart marks their target (the cited sentence by default).
    """
    link = link or (lambda iid: f"#q-{anchor(iid)}")
    series = figure_series(ctx)
    front = first_page(ctx, since=since, top=top, words=words, series=series)
    sections = [_overview(ctx), _established(ctx), _single(ctx), _disputed(ctx), _figures(ctx, link, series)]
    if since:
        sections.append(_since(ctx, since))
    sections += [_timeline(ctx), _sources(ctx)]
    order: list[str] = []
    for section in front + sections:
        for sentence in section.sentences:
            order.extend(sentence.cites)
        order.extend(row.cite for row in section.rows)
    return Briefing("Evidence briefing", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), since, front, sections,
                    list(dict.fromkeys(order)))


@lru_cache(maxsize=65536)
def anchor(iid: str) -> str:
    """An id usable in a URL fragment: 'd1.a0' → 'd1-a0'."""
    return re.sub(r"[^A-Za-z0-9]", "-", iid)


# Rendering ----------------------------------------------------------------

def _replaced(text: str) -> str:
    """The five replacements ``markupsafe.escape`` makes of a ``str`` (``&`` first)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;") \
        .replace('"', "&#34;")


try:  # markupsafe's own escape of a str before it wraps the result in a Markup (C, where compiled)
    from markupsafe import _escape_inner as _escaped
except ImportError:  # pragma: no cover (markupsafe before 2.1)
    _escaped = _replaced


def _h(text) -> str:
    """``markupsafe.escape(text)`` as a plain string: for a ``str`` the same five replacements, made by
    markupsafe's own function that ``escape`` calls (in C; 3 times as fast as the replacements in Python),
    without making a ``Markup`` object of each of the half a million strings a thousand reports'
    briefing escapes; anything else (``Markup``, ``None``, numbers) goes to ``escape`` itself."""
    if type(text) is not str:
        return escape(text)
    return _escaped(text)


def marked(segments: list[Segment]) -> Markup:
    """A cited sentence as HTML: its runs escaped, each marked run in a ``<mark>`` of its role."""
    return Markup("".join(f'<mark class="{_h(s.role)}">{_h(s.text)}</mark>' if s.role else _h(s.text)
                          for s in segments))


_env = Environment(loader=PackageLoader("claimledger.report", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["anchor"] = anchor


@collector_paused()
def render_html(ctx: LedgerContext, briefing: Briefing) -> str:
    """One self-contained HTML file: inline CSS, inline SVG, no script, and a CSP that forbids fetching anything.

    The lists of sentences (``sentences``), their citation marks (``cites``, each link made once), the
    rows of the sources table (``source_rows``) and the list of cited sentences (:func:`cited_item`)
    are written here rather than by the template's loops and macros: a briefing of a thousand
    reports has some fifteen thousand rows and cites twenty thousand sentences seventy thousand
    times, which the template took seconds to write.
    """
    number_of = {iid: k + 1 for k, iid in enumerate(briefing.order)}
    links = {iid: f'<a class="cite" href="#q-{_h(anchor(iid))}" title="{_h(iid)}">{k}</a>'
             for iid, k in number_of.items()}

    def cites(ids: list[str]) -> Markup:
        return Markup('<sup class="cites">' + "".join(links[i] for i in ids) + "</sup>")

    def source_rows(rows: list[SourceRow]) -> Markup:
        return Markup("".join(
            f'<tr class="row"><td>{_h(r.source)}</td><td class="stance-{_h(r.stance).replace(" ", "_")}">'
            f'{_h(r.stance)}</td><td><q>{_h(r.said)}</q></td><td>{_h(r.report)}</td>'
            f'<td>{_h(r.date)}</td><td>{cites([r.cite])}</td></tr>\n' for r in rows))

    def sentences(section: Section) -> Markup:
        if not section.sentences:
            return Markup("")
        key = _h(section.key)
        items = ['<ul class="sentences">\n']
        for k, s in enumerate(section.sentences, 1):
            quote = "" if s.quote is None else f'<q class="claim">{_h(s.quote)}</q>'
            items.append(f'<li id="s-{key}-{k}"><span class="sentence">{_h(s.text)}{quote}{_h(s.after)}</span>'
                         f'{cites(s.cites)}</li>\n')
        return Markup("".join(items) + "</ul>")

    cited = [cited_item(ctx, iid, k) for iid, k in number_of.items()]
    return _env.get_template("briefing.html").render(b=briefing, ctx=ctx, cites=cites, sentences=sentences,
                                                     source_rows=source_rows, cited=cited)


def cited_item(ctx: LedgerContext, iid: str, number: int) -> Markup:
    """One entry of the cited sentences: a report's label and title, or a sentence with where it came from
    and its mentions marked; report text escaped."""
    if iid in ctx.docs:
        raw = ctx.docs[iid].extraction.report
        url = f" · {_h(raw.url)}" if raw.url else ""
        body = (f'<span class="where">{_h(iid)} · {_h(ctx.doc_label(iid))}{url}</span>'
                f'<q>{_h(raw.title or "untitled")}</q>\n')
    elif (q := ctx.quote(iid)) is not None:
        stance = f" · {_h(q.stance.replace('_', ' '))}" if q.stance else ""
        body = (f'<span class="where">{_h(iid)} · {_h(ctx.doc_label(q.doc))} · {_h(q.source)}{stance}'
                f'</span><q class="quoted">{marked(q.segments)}</q>\n')
    else:
        body = _h(iid)
    return Markup(f'<li id="q-{_h(anchor(iid))}" value="{number}">\n{body}\n</li>\n')


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


@collector_paused()
def render_markdown(ctx: LedgerContext, briefing: Briefing) -> str:
    """Markdown with footnote citations (``[^3]``); each footnote quotes the sentence, its mention in bold."""
    number_of = {iid: k + 1 for k, iid in enumerate(briefing.order)}

    def refs(ids: list[str]) -> str:
        return "".join(f"[^{number_of[i]}]" for i in ids)

    def sentence_line(sentence: Sentence) -> str:
        quote = "" if sentence.quote is None else f"“{md_escape(sentence.quote)}”"
        return f"- {_md_spaced(sentence.text)}{quote}{_md_spaced(sentence.after)}{refs(sentence.cites)}"

    lines = [f"# {briefing.title}", "", f"_{_reports(len(ctx.reports))} · {md_escape(briefing.generated)}_", "",
             "## First page", ""]
    for section in briefing.first_page:
        lines += [f"### {md_escape(section.title)}", ""]
        lines += [sentence_line(s) for s in section.sentences] or ["_none_"]
        lines.append("")
    lines += ["## Appendix", ""]
    for section in briefing.sections:
        lines += [f"### {md_escape(section.title)}", ""]
        if section.key == "figures" and section.charts:
            lines += ["_The charts of these figures are in the HTML briefing._", ""]
        for sentence in section.sentences:
            lines.append(sentence_line(sentence))
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
    body = "".join(_md_bold(s.text) if s.role in ("content", "figure") else _md_spaced(s.text)
                   for s in quoted.segments)
    stance = f", {md_escape(quoted.stance.replace('_', ' '))}" if quoted.stance else ""
    return (f"{md_escape(iid)} — {md_escape(ctx.doc_label(quoted.doc))}, {md_escape(quoted.source)}{stance}: "
            f"“{body}”")


def _md_bold(text: str) -> str:
    """Bold with the surrounding spaces outside the asterisks, where CommonMark needs them."""
    return _md_spaced(text, bold=True)


def _md_spaced(text: str, *, bold: bool = False) -> str:
    """A run of a sentence escaped (bold if asked) with one space kept at each end that had white space,
    so runs that meet read as words ("said **the leak**", not "said**the leak**")."""
    core = text.strip()
    if not core:
        return " " if text else ""
    lead, trail = text[:1].isspace(), text[-1:].isspace()
    body = f"**{md_escape(core)}**" if bold else md_escape(core)
    return f"{' ' if lead else ''}{body}{' ' if trail else ''}"
