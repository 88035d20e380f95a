"""The JSON export (schema ``claimledger/1``, see ``../shared/CONTRACT.md``).

Field names are a public interface read by the scorer and other tools: add
fields freely, never rename or drop one without bumping :data:`SCHEMA`.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from claimledger.records import Ledger, StoredReport, item_id
from claimledger.report.context import LedgerContext

SCHEMA = "claimledger/1"


def export_ledger(reports: list[StoredReport], ledger: Ledger) -> dict:
    """The whole ledger as one JSON-ready dict, documents in id order.

    A statement's or figure's ``source_entity`` is resolved as every view
    resolves it (:meth:`LedgerContext.source_entity`: a figure takes its
    statement's entity; a source the ledger left unresolved, the one entity
    whose name or alias it is), so tables joined on it name each actor one way.
    """
    ctx = LedgerContext(reports, ledger)
    data: dict = {
        "schema": SCHEMA,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "documents": [_document(r, ledger) for r in reports],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "roles": list(e.roles)}
            for e in ledger.entities
        ],
        "attributions": [],
        "figures": [],
        "times": [],
        "claims": [
            {
                "id": c.id,
                "summary": c.summary,
                "attribution_ids": list(c.attribution_ids),
                "figure_ids": list(c.figure_ids),
                "doc_ids": list(c.doc_ids),
                "sources": list(c.sources),
                "independent_sources": c.independent_sources,
                "status": c.status,
                "first_reported": c.first_reported,
                "last_reported": c.last_reported,
                "status_history": [list(step) for step in c.status_history],
                "answers": c.answers,
                "stances": dict(c.stances),
            }
            for c in ledger.claims
        ],
        "conflicts": [
            {
                "id": k.id,
                "kind": k.kind,
                "attribution_ids": list(k.attribution_ids),
                "claim_ids": list(k.claim_ids),
                "explanation": k.explanation,
            }
            for k in ledger.conflicts
        ],
        "timeline": [
            {"date": t.date, "summary": t.summary, "attribution_ids": list(t.attribution_ids)} for t in ledger.timeline
        ],
    }
    for report in reports:
        data["attributions"].extend(_attributions(report, ledger, ctx))
        data["figures"].extend(_figures(report, ledger, ctx))
        data["times"].extend(
            {"id": item_id(report.id, "t", i), "doc_id": report.id, "text": t.text, "value": t.value,
             "start": t.start, "end": t.end}
            for i, t in enumerate(ledger.times_of(report))
        )
    return data


def write_json(data: dict, path: Path) -> None:
    """Write atomically (temporary file, then rename) so a reader never sees half an export."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _document(report: StoredReport, ledger: Ledger) -> dict:
    """A report; one its own text leaves undated carries the date the other reports of its story give."""
    extraction = report.extraction
    raw = extraction.report
    story = ledger.report_dates.get(report.id) if not extraction.published else None
    dated = {
        "published": extraction.published,
        "published_inferred": extraction.published_inferred,
        "published_window": extraction.published_window,
        "published_evidence": extraction.published_evidence,
        "published_confidence": extraction.published_confidence,
    } if story is None else {
        "published": story.date,
        "published_inferred": True,
        "published_window": story.window,
        "published_evidence": story.evidence,
        "published_confidence": None,
    }
    return {
        "id": report.id,
        "path": raw.path,
        "url": raw.url,
        "title": raw.title,
        "outlet": raw.outlet,
        **dated,
        "copy_of": report.copy_of,
        "text": extraction.clean.text,
        "removed": list(extraction.clean.removed),
        "content_hash": report.content_hash,
        "added_at": report.added_at,
    }


def _attributions(report: StoredReport, ledger: Ledger, ctx: LedgerContext) -> list[dict]:
    out = []
    for i, a in enumerate(report.extraction.attributions):
        aid = item_id(report.id, "a", i)
        out.append({
            "id": aid,
            "doc_id": report.id,
            "sentence": a.sentence,
            "start": a.start,
            "end": a.end,
            "source_text": a.source.text if a.source else None,
            "source_entity": ctx.source_entity(aid),
            "source_name": a.source.name if a.source else None,
            "source_kind": a.source.kind if a.source else None,
            "cue": a.cue,
            "cue_start": a.cue_start,
            "cue_end": a.cue_end,
            "content": a.content,
            "content_start": a.content_start,
            "content_end": a.content_end,
            "quote": a.quote,
            "stance": a.stance,
            "via": list(ledger.via_entities.get(aid, [])),
            "via_text": list(a.via),
            "date": a.date,
            "writer_distance": a.writer_distance,
            "continuation": a.continuation,
        })
    return out


def _figures(report: StoredReport, ledger: Ledger, ctx: LedgerContext) -> list[dict]:
    out = []
    for i, f in enumerate(report.extraction.figures):
        fid = item_id(report.id, "f", i)
        out.append({
            "id": fid,
            "doc_id": report.id,
            "sentence": f.sentence,
            "text": f.text,
            "start": f.start,
            "end": f.end,
            "value": _number(f.value),
            "low": _number(f.low),
            "high": _number(f.high),
            "subject": f.subject,
            "qualifier": f.qualifier,
            "unit": f.unit,
            "kind": f.kind,
            "attribution_id": item_id(report.id, "a", f.attribution) if f.attribution is not None else None,
            "source_entity": ctx.source_entity(fid),
            "source_text": f.source.text if f.source else None,
            "source_name": f.source.name if f.source else None,
            "as_of": f.as_of,
        })
    return out


def _number(value: float | None) -> float | int | None:
    """Whole numbers as integers (1500, not 1500.0), as readers of the export expect."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value
