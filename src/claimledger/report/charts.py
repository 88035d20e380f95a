"""Static SVG drawings: figures over time, provenance chains, the entity graph, stance strips, the map.

Written by hand rather than with a charting library because the output must
work with no JavaScript at all (the briefing is one file opened anywhere; the
web UI's Content-Security-Policy forbids inline script and style), every
label is untrusted report text that must be escaped, and each mark must link
to the sentence behind it. pygal and matplotlib either embed script, style
attributes or need a browser to lay out; a few dozen lines of SVG do not.
Colours and sizes are presentation attributes, never ``style=``, so the
strict CSP holds.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from markupsafe import Markup, escape

from claimledger.records import Claim
from claimledger.report.context import QUALIFIER_SIGNS, LedgerContext, one_line
from claimledger.report.quantities import Point, Series, amount, day_of

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Above this ratio of largest to smallest value a figures chart uses a logarithmic axis.
LOG_RATIO = 100
STANCE_COLOURS = {"asserts": "#0072B2", "denies": "#D55E00", "cannot_confirm": "#E69F00",
                  "speculates": "#CC79A7", "no_comment": "#777777"}

Link = Callable[[str], str | None]


def _a(link: Link, item: str, body: str) -> str:
    href = link(item)
    return f'<a href="{escape(href)}">{body}</a>' if href else body


def _text(x: float, y: float, body: str, *, anchor: str = "start", size: int = 11, fill: str = "#222",
          weight: str | None = None) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{bold}>'
            f"{escape(body)}</text>")


def figures_chart(series: Series, link: Link) -> Markup:
    """One quantity's values by source over time; qualifiers as ≥ ≤ ≈ before each value, ranges as bars,
    a revision ringed and labelled with the value it replaced."""
    subject, points = series.label, series.points
    width, height, left, right, top, bottom = 720, 280, 70, 200, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    days = [p.day for p in points if p.day]
    first, last = (min(days), max(days)) if days else (None, None)
    span = max((last - first).days, 1) if first else 1
    top_value = max(max(p.high or p.value for p in points), 1) * 1.15
    sources = list(dict.fromkeys(p.source for p in points))
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}

    def x(p: Point) -> float:
        if p.day is None or first is None:
            return left + plot_w + 12  # undated: just right of the axis
        if first == last:
            return left + plot_w / 2
        return left + (p.day - first).days / span * plot_w

    values = [v for p in points for v in (p.value, p.low, p.high) if v is not None and v > 0]
    smallest, largest = (min(values), max(values)) if values else (0.0, 0.0)
    log = bool(values) and largest / smallest > LOG_RATIO  # one outlier must not flatten the rest
    lo, hi = (math.log10(smallest) - 0.2, math.log10(largest) + 0.2) if log else (0.0, 0.0)

    def y(v: float) -> float:
        if log:
            return top + plot_h - (math.log10(max(v, smallest)) - lo) / (hi - lo) * plot_h
        return top + plot_h - v / top_value * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(subject)} by source over time" '
           f'data-quantity="{escape(series.key)}">',
           _text(left, 18, f"{one_line(subject, 60)}: values by source and date", size=13, weight="bold")]
    if log:
        ticks = [10.0 ** k for k in range(math.floor(math.log10(smallest)), math.ceil(math.log10(largest)) + 1)]
        ticks = [t for t in ticks if top <= y(t) <= top + plot_h]
    else:
        ticks = [top_value / 1.15 * k / 4 for k in range(5)]
    for v in ticks:  # horizontal grid with value labels
        label = amount(round(v) if top_value > 20 or log else round(v, 1), series.unit)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(_text(left - 6, y(v) + 4, label, anchor="end", size=10, fill="#555"))
    if log:
        out.append(_text(left, top + plot_h + 32, "logarithmic scale: the values differ a hundredfold or more",
                         size=9, fill="#555"))
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#444"/>')
    labelled = -1e9
    for d in sorted(set(days)):
        xd = left + plot_w / 2 if first == last else left + (d - first).days / span * plot_w
        out.append(f'<line x1="{xd:.1f}" x2="{xd:.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}" stroke="#444"/>')
        if xd - labelled >= 64:  # close dates keep their tick but not an overlapping label
            out.append(_text(xd, top + plot_h + 16, d.isoformat(), anchor="middle", size=10, fill="#555"))
            labelled = xd
    if any(p.day is None for p in points):
        out.append(_text(left + plot_w + 12, top + plot_h + 16, "undated", anchor="middle", size=10, fill="#555"))
    previous: dict[str, tuple[float, float]] = {}
    for p in points:
        px, py, c = x(p), y(p.value), colour[p.source]
        if p.source in previous:  # connect one source's figures in date order
            ox, oy = previous[p.source]
            out.append(f'<line x1="{ox:.1f}" y1="{oy:.1f}" x2="{px:.1f}" y2="{py:.1f}" stroke="{c}" '
                       f'stroke-opacity="0.5" stroke-dasharray="4 3" pointer-events="none"/>')  # the points stay clickable
        previous[p.source] = (px, py)
        mark = []
        if p.low is not None and p.high is not None and p.low != p.high:
            mark.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{y(p.low):.1f}" y2="{y(p.high):.1f}" '
                        f'stroke="{c}" stroke-width="3" stroke-opacity="0.6" pointer-events="none"/>')
        revised = "" if p.revised_from is None else f", revised from {amount(p.revised_from, series.unit)}"
        if p.revised_from is not None:
            mark.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="9" fill="none" stroke="{c}" stroke-width="2"/>')
        mark.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="{c}"><title>'
                    f'{escape(p.source)}: {escape(one_line(p.text))} ({escape(p.when or "undated")}{escape(revised)})'
                    f'</title></circle>')
        sign = QUALIFIER_SIGNS.get(p.qualifier, "")
        label = f"{'' if sign == '=' else sign}{amount(p.value, '')}"
        label += " revised" if p.revised_from is not None else ""
        if px > left + plot_w - 50:  # keep labels at the right edge clear of the legend
            mark.append(_text(px - 8, py - 6, label, anchor="end", size=10, fill=c))
        else:
            mark.append(_text(px + 8, py - 6, label, size=10, fill=c))
        out.append(_a(link, p.item, "".join(mark)))
    for i, s in enumerate(sources):  # legend
        ly = top + 10 + i * 18
        out.append(f'<circle cx="{width - right + 30}" cy="{ly}" r="5" fill="{colour[s]}"/>')
        out.append(_text(width - right + 40, ly + 4, one_line(s, 26), size=11))
    out.append(_text(width - right + 24, top + 10 + len(sources) * 18 + 10,
                     "≥ at least  ≤ up to/at most  ≈ about", size=9, fill="#555"))
    if series.revisions:
        out.append(_text(width - right + 24, top + 10 + len(sources) * 18 + 24, "ringed: a source's revision",
                         size=9, fill="#555"))
    if series.unit:
        out.append(_text(left, top + plot_h + 42, f"values in {series.unit}", size=9, fill="#555"))
    out.append("</svg>")
    return Markup("".join(out))


def provenance_chain(ctx: LedgerContext, attribution_ids: list[str], link: Link) -> Markup:
    """One row per statement: source → channels it came through → the report that printed it."""
    rows = []
    for aid in attribution_ids:
        found = ctx.attribution(aid)
        if found is None:
            continue
        report, a = found
        vias = [ctx.entity_name(e) or e for e in ctx.ledger.via_entities.get(aid, [])] or list(a.via)
        chain = [ctx.source_name(aid), *reversed(vias), ctx.doc_label(report.id)]
        rows.append((aid, a.stance, chain))
    box_w, box_h, gap, row_h = 190, 34, 40, 52
    width = max((len(chain) for _, _, chain in rows), default=1) * (box_w + gap) + 20
    height = len(rows) * row_h + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="provenance chain">']
    for r, (aid, stance, chain) in enumerate(rows):
        y0 = 10 + r * row_h
        parts = []
        for k, label in enumerate(chain):
            x0 = 10 + k * (box_w + gap)
            last = k == len(chain) - 1
            fill = "#eef3f8" if k == 0 else ("#f6f6f6" if last else "#fff8e6")
            stroke = STANCE_COLOURS.get(stance, "#444") if k == 0 else "#888"
            parts.append(f'<rect x="{x0}" y="{y0}" width="{box_w}" height="{box_h}" rx="4" fill="{fill}" '
                         f'stroke="{stroke}" stroke-width="{2 if k == 0 else 1}"/>')
            parts.append(_text(x0 + 8, y0 + 21, one_line(label, 28), size=11))
            if not last:
                ax = x0 + box_w
                parts.append(f'<line x1="{ax}" y1="{y0 + box_h / 2}" x2="{ax + gap - 6}" y2="{y0 + box_h / 2}" '
                             f'stroke="#666" stroke-width="1.5"/>')
                parts.append(f'<path d="M{ax + gap - 6},{y0 + box_h / 2 - 4} L{ax + gap},{y0 + box_h / 2} '
                             f'L{ax + gap - 6},{y0 + box_h / 2 + 4} z" fill="#666"/>')
        parts.append(f"<title>{escape(aid)}: {escape(stance)}</title>")
        out.append(_a(link, aid, "<g>" + "".join(parts) + "</g>"))
    out.append("</svg>")
    return Markup("".join(out))


def stance_strip(ctx: LedgerContext, attribution_ids: list[str], link: Link) -> Markup:
    """A source's statements over time, one row per stance."""
    from claimledger.records import STANCES

    dated = [(aid, day_of(ctx.item_date(aid)), ctx.attribution(aid)[1].stance) for aid in attribution_ids
             if ctx.attribution(aid) is not None]
    days = [d for _, d, _ in dated if d]
    first, last = (min(days), max(days)) if days else (None, None)
    span = max((last - first).days, 1) if first else 1
    left, width, row = 120, 640, 24
    height = len(STANCES) * row + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="strip" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="stance over time">']
    for i, stance in enumerate(STANCES):
        yy = 14 + i * row
        out.append(_text(left - 8, yy + 4, stance.replace("_", " "), anchor="end", size=11))
        out.append(f'<line x1="{left}" x2="{width - 20}" y1="{yy}" y2="{yy}" stroke="#eee"/>')
    seen: dict[tuple[float, str], int] = {}
    for aid, d, stance in dated:
        if d is None or first is None:
            xx = width - 14.0
        else:
            xx = left + 10 + ((d - first).days / span if first != last else 0.5) * (width - left - 40)
        k = seen.get((xx, stance), 0)
        seen[(xx, stance)] = k + 1
        yy = 14 + STANCES.index(stance) * row
        dot = (f'<circle cx="{xx + k * 7:.1f}" cy="{yy}" r="5" fill="{STANCE_COLOURS[stance]}">'
               f"<title>{escape(aid)} {escape(ctx.item_date(aid) or 'undated')}</title></circle>")
        out.append(_a(link, aid, dot))
    if first:
        out.append(_text(left, height - 6, first.isoformat(), size=10, fill="#555"))
        out.append(_text(width - 20, height - 6, last.isoformat(), anchor="end", size=10, fill="#555"))
    out.append("</svg>")
    return Markup("".join(out))


#: Relations of a statement to a claim, as the graph colours them.
_EDGE_STANCE = {"supports": "asserts", "reports": "asserts", "hedges": "speculates", "denies": "denies",
                "cannot_confirm": "cannot_confirm", "no_comment": "no_comment"}


def graph_svg(ctx: LedgerContext, claims: list[Claim], link: Link, *, actors: int = 16) -> Markup:
    """Who supports, denies or cannot confirm each of ``claims``: actors in a column on the left, claims on the right.

    Only the edges that matter are drawn: those into the given claims (the
    caller passes the most important), from the ``actors`` sources with the
    most of them. Every actor and claim is labelled, and the actors are
    ordered by the average row of their claims, so edges cross little.
    Wider than tall, it reads at 1280 px without zooming.
    """
    edges: dict[tuple[str, str], Counter] = {}
    names: dict[str, str] = {}
    for claim in claims:
        relations = dict(claim.stances) or {aid: "supports" for aid in claim.attribution_ids}
        for aid, relation in relations.items():
            if ctx.attribution(aid) is None:
                continue
            key = ctx.source_key(aid) or f"name:{ctx.source_name(aid)}"
            names.setdefault(key, ctx.source_name(aid))
            edges.setdefault((key, claim.id), Counter())[_EDGE_STANCE.get(relation, "asserts")] += 1
    degree = Counter(key for key, _ in edges)
    kept = sorted(degree, key=lambda k: (-degree[k], names[k].lower()))[:actors]
    row = {c.id: k for k, c in enumerate(claims)}
    kept.sort(key=lambda k: (sum(row[c] for a, c in edges if a == k) / degree[k], names[k].lower()))
    width, top, claim_h, actor_h = 1200, 40, 46, 30
    height = top + max(len(claims) * claim_h, len(kept) * actor_h) + 20
    ax, cx = 250, 640
    claim_y = {c.id: top + 16 + k * claim_h for k, c in enumerate(claims)}
    actor_y = {a: top + 12 + k * actor_h * max(1.0, len(claims) * claim_h / max(len(kept) * actor_h, 1))
               for k, a in enumerate(kept)}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 {width} {height:.0f}" '
           f'width="{width}" height="{height:.0f}" role="img" aria-label="who supports or denies the key claims">',
           _text(ax, 20, "Sources", anchor="end", size=13, weight="bold"),
           _text(cx + 14, 20, "Key claims", size=13, weight="bold")]
    for (actor, cid), stances in edges.items():
        if actor not in actor_y:
            continue
        stance = stances.most_common(1)[0][0]
        y0, y1 = actor_y[actor], claim_y[cid]
        mid = (ax + cx) / 2
        dash = "" if stance == "asserts" else ' stroke-dasharray="6 3"'
        out.append(f'<path d="M{ax + 8},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {cx - 7},{y1:.1f}" '
                   f'fill="none" stroke="{STANCE_COLOURS[stance]}" '
                   f'stroke-width="{1.5 + min(sum(stances.values()), 4) / 2}" '
                   f'stroke-opacity="0.75"{dash}>'
                   f'<title>{escape(names[actor])} {escape(STANCE_VERBS_PLAIN[stance])}: {escape(cid)}</title></path>')
    for actor in kept:
        y = actor_y[actor]
        body = (f'<circle cx="{ax}" cy="{y:.1f}" r="7" fill="#fff" stroke="#333" stroke-width="2"/>'
                + _text(ax - 12, y + 4, one_line(names[actor], 34), anchor="end", size=12))
        out.append(_a(link, actor, body))
    for claim in claims:
        y = claim_y[claim.id]
        fill = {"corroborated": STANCE_COLOURS["asserts"], "disputed": STANCE_COLOURS["denies"],
                "denied": STANCE_COLOURS["denies"]}.get(claim.status, "#bbb")
        label = one_line(claim.summary, 150).rstrip(".")
        first, rest = _wrap(label, 72)
        body = (f'<rect x="{cx - 7}" y="{y - 7}" width="14" height="14" fill="{fill}"><title>{escape(claim.id)} '
                f'({escape(claim.status.replace("_", " "))})</title></rect>'
                + _text(cx + 14, y + 4, first, size=12)
                + (_text(cx + 14, y + 19, rest, size=12, fill="#444") if rest else ""))
        out.append(_a(link, claim.id, body))
    out.append("</svg>")
    return Markup("".join(out))


#: A stance as the graph's hover text says it.
STANCE_VERBS_PLAIN = {"asserts": "supports", "speculates": "hedges on", "denies": "denies",
                      "cannot_confirm": "cannot confirm", "no_comment": "declines to comment on"}


def _wrap(text: str, width: int) -> tuple[str, str]:
    """Two lines of at most ``width`` characters, the second cut with an ellipsis."""
    if len(text) <= width:
        return text, ""
    cut = text.rfind(" ", 0, width)
    cut = cut if cut > width // 2 else width
    return text[:cut], one_line(text[cut:], width)


def map_svg(places: list[tuple[str, float, float, list[str]]], backdrop: list[tuple[float, float]],
            link: Callable[[str], str | None]) -> Markup:
    """Places (name, lat, lon, doc ids) on an equirectangular world outline of large cities: no tile server needed."""
    width, height = 900, 450

    def at(lat: float, lon: float) -> tuple[float, float]:
        return (lon + 180) / 360 * width, (90 - lat) / 180 * height

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="places mentioned">',
           f'<rect width="{width}" height="{height}" fill="#f4f8fb"/>']
    for lon in range(-180, 181, 30):
        x, _ = at(0, lon)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}" stroke="#dde6ee"/>')
    for lat in range(-60, 91, 30):
        _, y = at(lat, 0)
        out.append(f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dde6ee"/>')
    for lat, lon in backdrop:
        x, y = at(lat, lon)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.2" fill="#c5cfd8"/>')
    for name, lat, lon, docs in places:
        x, y = at(lat, lon)
        body = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + min(len(docs), 6)}" fill="#D55E00" fill-opacity="0.75" '
                f'stroke="#fff"><title>{escape(name)}: {len(docs)} report(s)</title></circle>'
                + _text(x + 9, y + 4, name, size=11))
        out.append(_a(link, name, body))
    out.append("</svg>")
    return Markup("".join(out))
