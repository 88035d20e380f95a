"""The ledger as JSON-LD with schema.org ``ClaimReview`` / ``Claim`` terms.

Each claim becomes a ``ClaimReview`` whose ``itemReviewed`` is a ``Claim``
with one ``appearance`` (a ``NewsArticle``) per report that carries it and its
``firstAppearance`` (each with its ``url`` and ``datePublished`` when the
report has them); the claim's ``author`` is its primary sources (resolved
entities, else the names the reports give). The review's ``datePublished`` is
the day of the export (the verdict is the ledger's as of then) and its ``url``
the claim's page in the web UI when ``base_url`` says where that is served;
the ledger's status is the review's rating. The context is inline (schema.org
as ``@vocab`` plus a ``cl:`` namespace for the ledger's own fields) so
expanding the document never fetches anything.
"""
from __future__ import annotations

from datetime import UTC, datetime

from claimledger.records import Ledger, StoredReport
from claimledger.report.context import LedgerContext, one_line

CONTEXT = {"@vocab": "https://schema.org/", "cl": "urn:claimledger:vocab:"}

#: The ledger's verdicts on a 1–5 scale, for readers that want a number (ClaimReview's reviewRating).
RATING = {"corroborated": 4, "single_source": 3, "unverified": 3, "revised": 2, "disputed": 2, "denied": 1}

_KIND = {"PERSON": "Person", "GPE": "Country", "MEDIA": "Organization", "ORG": "Organization"}


def _article(ctx: LedgerContext, doc: str, quotes: list[str]) -> dict:
    report = ctx.docs[doc]
    raw = report.extraction.report
    article = {"@type": "NewsArticle", "@id": f"urn:claimledger:doc:{doc}", "identifier": doc,
               "cl:quotation": quotes}
    if raw.url:
        article["url"] = raw.url
    if raw.title:
        article["headline"] = raw.title
    published = ctx.ledger.date_of(report)
    if published:
        article["datePublished"] = published
    if raw.outlet:
        article["publisher"] = {"@type": "Organization", "name": raw.outlet}
    return article


def _authors(ctx: LedgerContext, sources: list[str], attribution_ids: list[str]) -> list[dict]:
    """The claim's primary sources as schema.org things; unresolved ones by the name the reports give."""
    authors = []
    for eid in sources:
        entity = ctx.entities.get(eid)
        if entity is not None:
            authors.append({"@type": _KIND.get(entity.type, "Thing"), "@id": f"urn:claimledger:entity:{eid}",
                            "name": entity.name})
    if not authors:
        names = dict.fromkeys(key.removeprefix("name:") for key in map(ctx.source_key, attribution_ids)
                              if key and key.startswith("name:"))
        authors = [{"@type": "Thing", "name": name} for name in names]
    return authors


def export_jsonld(reports: list[StoredReport], ledger: Ledger, *, base_url: str | None = None) -> dict:
    """The ledger as a JSON-LD graph of ``ClaimReview`` nodes; ``base_url`` is the web UI's address
    (``https://host/``), giving each review the ``url`` of its claim page."""
    ctx = LedgerContext(reports, ledger)
    today = datetime.now(UTC).date().isoformat()
    graph = []
    for claim in ledger.claims:
        quotes: dict[str, list[str]] = {}
        for aid in claim.attribution_ids:
            found = ctx.attribution(aid)
            if found is not None:
                quotes.setdefault(found[0].id, []).append(one_line(found[1].sentence))
        docs = sorted(quotes, key=lambda d: (ledger.date_of(ctx.docs[d]) or "9999", int(d[1:])))
        authors = _authors(ctx, claim.sources, claim.attribution_ids)
        item = {
            "@type": "Claim",
            "@id": f"urn:claimledger:claim:{claim.id}",
            "identifier": claim.id,
            "text": claim.summary,
            "author": authors,
            "appearance": [_article(ctx, d, quotes[d]) for d in docs],
            "cl:status": claim.status,
            "cl:independentSources": claim.independent_sources,
            "cl:attribution": list(claim.attribution_ids),
        }
        if docs:
            item["firstAppearance"] = {"@id": f"urn:claimledger:doc:{docs[0]}"}
        if claim.first_reported:
            item["dateCreated"] = claim.first_reported
        review = {
            "@type": "ClaimReview",
            "@id": f"urn:claimledger:review:{claim.id}",
            "datePublished": today,
            "claimReviewed": claim.summary,
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": "claimledger (automated ledger, not a fact-check)"},
            "reviewRating": {
                "@type": "Rating", "ratingValue": RATING.get(claim.status, 3), "bestRating": 5, "worstRating": 1,
                "alternateName": claim.status,
                "ratingExplanation": f"{claim.independent_sources} independent origin(s) across {len(docs)} report(s)",
            },
        }
        if base_url:
            review["url"] = f"{base_url.rstrip('/')}/claims/{claim.id}"
        graph.append(review)
    return {"@context": CONTEXT, "@graph": graph}
