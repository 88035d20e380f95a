"""JSON-LD, CSV, Parquet and GraphML exports of a ledger built from examples/, loaded back by their own readers."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from pyld import jsonld

from claimledger.api import LedgerView, open_ledger
from claimledger.export.formats import write_format
from claimledger.export.json import export_ledger
from claimledger.extract.pipeline import extract_reports
from claimledger.ingest import read_paths
from claimledger.ledger import build_ledger
from claimledger.records import RawReport
from claimledger.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "ledger.db"
    with Store.open(db) as store:
        for extraction in extract_reports([r for r in read_paths([EXAMPLES]) if isinstance(r, RawReport)]):
            store.add(extraction)
        reports = store.reports()
    ledger = build_ledger(reports)
    return db, reports, ledger, export_ledger(reports, ledger)


def test_jsonld_expands_with_claim_reviews_and_appearances(stored, tmp_path):
    _, reports, ledger, data = stored
    out = tmp_path / "ledger.jsonld"
    write_format("jsonld", reports, ledger, out)
    expanded = jsonld.expand(json.loads(out.read_text(encoding="utf-8")))
    reviews = [n for n in expanded if f"{SCHEMA}ClaimReview" in n.get("@type", [])]
    assert len(reviews) == len(data["claims"]) > 0
    by_id = {c["id"]: c for c in data["claims"]}
    for review in reviews:
        claim = review[f"{SCHEMA}itemReviewed"][0]
        assert claim["@type"] == [f"{SCHEMA}Claim"]
        cid = claim[f"{SCHEMA}identifier"][0]["@value"]
        appearances = claim[f"{SCHEMA}appearance"]
        assert sorted(a[f"{SCHEMA}identifier"][0]["@value"] for a in appearances) == sorted(by_id[cid]["doc_ids"])
        assert all(a["@type"] == [f"{SCHEMA}NewsArticle"] for a in appearances)
        rating = review[f"{SCHEMA}reviewRating"][0]
        assert rating[f"{SCHEMA}alternateName"][0]["@value"] == by_id[cid]["status"]
        assert claim[f"{SCHEMA}firstAppearance"][0]["@id"] == appearances[0]["@id"]


def test_jsonld_reviews_carry_url_date_author_and_appearances(stored, tmp_path):
    """The ClaimReview fields a fact-check reader looks for, after expansion: the review's url and
    datePublished, the claim's author, each appearance with its url and date, the first appearance."""
    _, reports, ledger, data = stored
    out = tmp_path / "ledger.jsonld"
    write_format("jsonld", reports, ledger, out, base_url="https://ledger.example/")
    expanded = jsonld.expand(json.loads(out.read_text(encoding="utf-8")))
    docs = {d["id"]: d for d in data["documents"]}
    by_id = {c["id"]: c for c in data["claims"]}
    reviews = [n for n in expanded if f"{SCHEMA}ClaimReview" in n.get("@type", [])]
    assert len(reviews) == len(by_id) > 0
    authored = 0
    for review in reviews:
        claim = review[f"{SCHEMA}itemReviewed"][0]
        cid = claim[f"{SCHEMA}identifier"][0]["@value"]
        assert review[f"{SCHEMA}url"] == [{"@value": f"https://ledger.example/claims/{cid}"}]
        assert date.fromisoformat(review[f"{SCHEMA}datePublished"][0]["@value"]) >= date(2025, 1, 1)
        appearances = claim[f"{SCHEMA}appearance"]
        for article in appearances:
            doc = docs[article[f"{SCHEMA}identifier"][0]["@value"]]
            assert [u["@value"] for u in article.get(f"{SCHEMA}url", [])] == ([doc["url"]] if doc["url"] else [])
            assert [d["@value"] for d in article.get(f"{SCHEMA}datePublished", [])] == (
                [doc["published"]] if doc["published"] else [])
        dated = sorted((a[f"{SCHEMA}datePublished"][0]["@value"], a["@id"]) for a in appearances
                       if f"{SCHEMA}datePublished" in a)
        first = claim[f"{SCHEMA}firstAppearance"][0]["@id"]
        if dated:  # the first appearance is the earliest dated report
            assert first in {i for d, i in dated if d == dated[0][0]}
        authors = claim.get(f"{SCHEMA}author", [])
        assert all(a[f"{SCHEMA}name"][0]["@value"] for a in authors)
        names = {a[f"{SCHEMA}name"][0]["@value"] for a in authors}
        entities = {e["id"]: e["name"] for e in data["entities"]}
        assert {entities[e] for e in by_id[cid]["sources"] if e in entities} <= names
        authored += bool(authors)
    assert authored >= len(reviews) // 2  # most claims have a source the reports name


@pytest.mark.parametrize("fmt,read", [("csv", pd.read_csv), ("parquet", pd.read_parquet)])
def test_tables_load_back_with_pandas(stored, tmp_path, fmt, read):
    _, reports, ledger, data = stored
    files = write_format(fmt, reports, ledger, tmp_path / fmt)
    names = {f.stem for f in files}
    assert {"attributions", "figures", "claims"} <= names
    claims = read(tmp_path / fmt / f"claims.{fmt}")
    assert list(claims["id"]) == [c["id"] for c in data["claims"]]
    assert list(claims["status"]) == [c["status"] for c in data["claims"]]
    figures = read(tmp_path / fmt / f"figures.{fmt}")
    assert len(figures) == len(data["figures"]) > 0
    assert figures["value"].astype(float).tolist() == [float(f["value"]) for f in data["figures"]]
    attributions = read(tmp_path / fmt / f"attributions.{fmt}")
    assert list(attributions["stance"]) == [a["stance"] for a in data["attributions"]]
    first = data["claims"][0]["attribution_ids"]
    cell = claims["attribution_ids"].iloc[0]
    assert (list(cell) if fmt == "parquet" else cell.split("; ")) == first


def test_graphml_loads_back_with_networkx(stored, tmp_path):
    _, reports, ledger, data = stored
    out = tmp_path / "ledger.graphml"
    write_format("graphml", reports, ledger, out)
    graph = nx.read_graphml(out)
    claims = {n for n, d in graph.nodes(data=True) if d["kind"] == "claim"}
    assert claims == {c["id"] for c in data["claims"]}
    states = [(u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == "states"]
    assert states and all(graph.nodes[u]["kind"] == "entity" and v in claims for u, v, _ in states)
    for u, v, d in states:  # every statement on an edge belongs to the claim it points at
        claim = next(c for c in data["claims"] if c["id"] == v)
        assert set(d["attribution_ids"].split()) <= set(claim["attribution_ids"])


def test_python_api_returns_dataframes(stored):
    db, _, _, data = stored
    view = open_ledger(db)
    assert isinstance(view, LedgerView)
    claims = view.claims()
    assert isinstance(claims, pd.DataFrame) and list(claims["id"]) == [c["id"] for c in data["claims"]]
    assert set(view.figures()["subject"]) == {f["subject"] for f in data["figures"]}
    assert len(view.attributions()) == len(data["attributions"])
    assert len(view.documents()) == len(data["documents"])
    assert list(view.entities().columns)[:3] == ["id", "name", "type"]
