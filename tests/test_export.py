"""The JSON export follows ../shared/CONTRACT.md field for field."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimledger.export import SCHEMA, export_ledger, write_json
from claimledger.records import Claim, Conflict, Entity, Ledger, StoredReport, TimelineEntry
from test_store import make_extraction

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "CONTRACT.md"

REQUIRED = {
    "documents": {"id", "path", "url", "title", "outlet", "published", "published_inferred", "copy_of", "text"},
    "entities": {"id", "name", "type", "aliases"},
    "attributions": {"id", "doc_id", "sentence", "start", "end", "source_text", "source_entity", "cue", "content",
                     "quote", "stance", "via", "date"},
    "figures": {"id", "doc_id", "sentence", "text", "value", "low", "high", "subject", "qualifier",
                "attribution_id", "source_entity", "as_of"},
    "times": {"id", "doc_id", "text", "value", "start", "end"},
    "claims": {"id", "summary", "attribution_ids", "figure_ids", "doc_ids", "sources", "independent_sources",
               "status", "first_reported", "last_reported"},
    "conflicts": {"id", "kind", "attribution_ids", "claim_ids", "explanation"},
    "timeline": {"date", "summary", "attribution_ids"},
}


def stored(doc_id: str = "d1", copy_of: str | None = None) -> StoredReport:
    return StoredReport(id=doc_id, extraction=make_extraction(), content_hash="ab" * 32,
                        added_at="2031-03-12T09:00:00+00:00", copy_of=copy_of)


def ledger() -> Ledger:
    return Ledger(
        entities=[Entity(id="e1", name="Alma Verhoek", type="PERSON", aliases=["Verhoek", "the harbour minister"],
                         roles=["harbour minister"]),
                  Entity(id="e2", name="Port Gazette", type="MEDIA"),
                  Entity(id="e3", name="Radio Kust", type="MEDIA")],
        claims=[Claim(id="c1", summary="14 new ferries were ordered", attribution_ids=["d1.a0", "d2.a0"],
                      figure_ids=["d1.f0"], doc_ids=["d1", "d2"], sources=["e1"], independent_sources=1,
                      status="disputed", first_reported="2031-03-11", last_reported="2031-03-12",
                      status_history=[("2031-03-11", "single_source"), ("2031-03-12", "disputed")])],
        conflicts=[Conflict(id="k1", kind="stance", attribution_ids=["d1.a0", "d1.a1"], claim_ids=["c1"],
                            explanation="The minister says ferries were ordered; the shipyard denies signing.")],
        timeline=[TimelineEntry(date="2031-03-11", summary="Minister announces ferries", attribution_ids=["d1.a0"])],
        source_entity={"d1.a0": "e1", "d1.f0": "e1"},
        via_entities={"d1.a0": ["e2", "e3"]},
    )


def test_every_contract_field_is_present_in_every_item():
    data = export_ledger([stored("d1"), stored("d2", copy_of="d1")], ledger())
    assert data["schema"] == SCHEMA == "claimledger/1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["generated_at"])
    for section, fields in REQUIRED.items():
        assert data[section], section
        for item in data[section]:
            assert fields <= item.keys(), (section, fields - item.keys())
    for section in REQUIRED.keys() - {"timeline"}:
        ids = [item["id"] for item in data[section]]
        assert len(ids) == len(set(ids)), section


def test_items_carry_ids_entities_and_values_from_the_records():
    data = export_ledger([stored("d1"), stored("d2", copy_of="d1")], ledger())
    assert [(d["id"], d["copy_of"]) for d in data["documents"]] == [("d1", None), ("d2", "d1")]
    doc = data["documents"][0]
    assert doc["text"].startswith("Harbour minister denies ferry order")
    assert "Image: a ferry at dock" not in doc["text"]
    assert (doc["published"], doc["published_inferred"], doc["outlet"]) == ("2031-03-12", True, "Port Gazette")

    first, second, third = data["attributions"][:3]
    assert first["id"] == "d1.a0" and first["doc_id"] == "d1"
    assert first["source_text"] == "The harbour minister, Alma Verhoek"
    assert (first["source_entity"], first["source_name"]) == ("e1", "Alma Verhoek")
    assert first["via"] == ["e2", "e3"] and first["via_text"] == ["Port Gazette", "Radio Kust"]
    assert (first["cue"], first["quote"], first["stance"], first["date"]) == ("say", "indirect", "asserts", "2031-03-11")
    assert (second["stance"], second["writer_distance"], second["source_entity"]) == ("denies", "allegedly", None)
    assert third["source_text"] is None and third["continuation"] is True
    assert data["attributions"][3]["id"] == "d2.a0"

    counted, ranged, measure = data["figures"][:3]
    assert counted["value"] == 14 and isinstance(counted["value"], int)
    assert counted["attribution_id"] == "d1.a0" and counted["source_entity"] == "e1"
    assert counted["source_text"] == "The harbour minister, Alma Verhoek" and counted["as_of"] == "2031-03-11"
    assert (ranged["low"], ranged["high"], ranged["attribution_id"], ranged["source_text"]) == (24, 48, None, None)
    assert (measure["kind"], measure["unit"]) == ("measure", "mm")

    assert [(t["id"], t["value"]) for t in data["times"][:3]] == [
        ("d1.t0", "2031-03-11"), ("d1.t1", None), ("d1.t2", "2031-03-08/2031-03-13")]
    assert data["claims"][0]["status_history"] == [["2031-03-11", "single_source"], ["2031-03-12", "disputed"]]
    assert data["entities"][0]["aliases"] == ["Verhoek", "the harbour minister"]


def test_an_empty_ledger_still_has_every_section():
    data = export_ledger([stored()], Ledger())
    for section in REQUIRED:
        assert section in data
    assert data["entities"] == data["claims"] == data["conflicts"] == []
    assert data["attributions"][0]["source_entity"] is None and data["attributions"][0]["via"] == []


def test_write_json_round_trips_untrusted_text(tmp_path):
    report = stored()
    report.extraction.clean.text = 'He said "</script><b>" and \u2028 left \U0001F600'
    data = export_ledger([report], Ledger())
    out = tmp_path / "ledger.json"
    write_json(data, out)
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.json"]


@pytest.mark.skipif(not CONTRACT.is_file(), reason="../shared/CONTRACT.md not present")
def test_every_key_named_in_the_contract_is_exported():
    """Read the contract's own example so a field added there cannot be missed here."""
    example = re.search(r"```jsonc\n(.*?)```", CONTRACT.read_text(encoding="utf-8"), re.S).group(1)
    contract_keys = set(re.findall(r'"(\w+)"\s*:', example))
    data = export_ledger([stored("d1")], ledger())
    exported = set(data)
    for section in REQUIRED:
        for item in data[section]:
            exported |= item.keys()
    assert contract_keys - exported == set()
