"""The ledger as JSON-LD with schema.org ``ClaimReview`` / ``Claim`` terms.

Each claim becomes a ``ClaimReview`` whose ``itemReviewed`` is a ``Claim``
with one ``appearance`` (a ``NewsArticle``) per report that carries it and
its ``firstAppearance``; the ledger's status is the review's rating. The
context is inline (schema.org as ``@vocab`` plus a ``cl:`` namespace for the
ledger's own fields) so expanding the document never fetches anything.
"""
from __future__ import annotations

from claimledger.records import Ledger, StoredReport
from claimledger.report.context import LedgerContext, one_line

CONTEXT = {"@vocab": "https://schema.org/", "cl": "urn:claimledger:vocab:"}

#: The ledger's verdicts on a 1–5 scale, for readers that want a number (ClaimReview's reviewRating).
RATING = {"corroborated": 4, "single_source": 3, "unverified": 3, "disputed": 2, "denied": 1}

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
    if report.extraction.published:
        article["datePublished"] = report.extraction.published
    if raw.outlet:
        article["publisher"] = {"@type": "Organization", "name": raw.outlet}
    return article


def export_jsonld(reports: list[StoredReport], ledger: Ledger) -> dict:
    ctx = LedgerContext(reports, ledger)
    graph = []
    for claim in ledger.claims:
        quotes: dict[str, list[str]] = {}
        for aid in claim.attribution_ids:
            found = ctx.attribution(aid)
            if found is not None:
                quotes.setdefault(found[0].id, []).append(one_line(found[1].sentence))
        docs = sorted(quotes, key=lambda d: (ctx.docs[d].extraction.published or "9999", int(d[1:])))
        authors = []
        for eid in claim.sources:
            entity = ctx.entities.get(eid)
            if entity is not None:
                authors.append({"@type": _KIND.get(entity.type, "Thing"), "@id": f"urn:claimledger:entity:{eid}",
                                "name": entity.name})
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
        graph.append({
            "@type": "ClaimReview",
            "@id": f"urn:claimledger:review:{claim.id}",
            "claimReviewed": claim.summary,
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": "claimledger (automated ledger, not a fact-check)"},
            "reviewRating": {
                "@type": "Rating", "ratingValue": RATING.get(claim.status, 3), "bestRating": 5, "worstRating": 1,
                "alternateName": claim.status,
                "ratingExplanation": f"{claim.independent_sources} independent origin(s) across {len(docs)} report(s)",
            },
        })
    return {"@context": CONTEXT, "@graph": graph}
