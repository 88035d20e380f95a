"""Near-duplicates: a syndicated copy is linked to its original, different stories never are."""
from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.dedup import BANDS, buckets, original_of, pack, signature, unpack
from claimledger.export import export_ledger
from claimledger.ledger import build_ledger
from claimledger.report.briefing import build_briefing
from claimledger.report.context import LedgerContext
from claimledger.records import CleanText, RawReport, ReportExtraction
from claimledger.store import Store
from claimledger.web.app import create_app

ECB_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "docs_dev.jsonl"

PARAGRAPHS = [
    "Rescue crews pulled eleven miners alive from the flooded Korvath colliery on Saturday, the regional "
    "emergency service said, two days after water broke into the lower galleries.",
    "\"We reached them through an old ventilation shaft and every one of them walked out,\" rescue chief "
    "Marta Ilves told reporters at the pit head. She said three more miners were still missing.",
    "The mine's owner, Eastfold Coal, said the pumps had been inspected last month and denied that it had "
    "ignored warnings from the union about rising water in the old workings.",
    "The union's local secretary, Piet Oranje, said members had reported water seeping into the galleries "
    "at least four times since January and that the company had not responded to any of the reports.",
]
ORIGINAL = "Miners rescued from flooded colliery\n\n" + "\n\n".join(PARAGRAPHS)
# A wire copy as another outlet ran it: its own headline, paragraphs reordered, a line of its own added.
SYNDICATED = ("Eleven saved as Korvath pit floods\n\n" + "\n\n".join([PARAGRAPHS[1], PARAGRAPHS[0], PARAGRAPHS[3],
              PARAGRAPHS[2]]) + "\n\nThe Valley Gazette contributed to this report.")
OTHER = ("Eastfold Coal shares fall after mine flood\n\n"
         "Shares in Eastfold Coal fell nine percent on Monday as investors weighed the cost of the flood at its "
         "Korvath colliery, where eleven miners were rescued at the weekend. Analysts at Brunn Capital said the "
         "company could face fines of up to 40 million and that the mine might stay shut for months. The company "
         "said it would publish an estimate of the damage next week and that production at its other pits was "
         "unaffected.")


def body(text: str) -> str:
    return text.split("\n\n", 1)[1]


def stored(doc: str, text: str, copy_of: str | None = None) -> tuple[str, str | None, bytes]:
    return doc, copy_of, pack(signature(text))


def test_a_reordered_copy_with_a_new_headline_is_found():
    candidates = [stored("d1", body(ORIGINAL)), stored("d2", body(OTHER))]
    assert original_of(signature(body(SYNDICATED)), candidates) == "d1"
    assert original_of(signature(body(OTHER) + " Trading resumed later."), candidates) == "d2"
    assert signature("Too short to say anything about copies.") is None
    assert original_of(None, candidates) is None


def test_a_copy_shares_lsh_buckets_with_its_original_and_an_unrelated_report_does_not():
    original, copy, other = (set(buckets(signature(body(t)))) for t in (ORIGINAL, SYNDICATED, OTHER))
    assert len(original) == BANDS == 25
    assert original & copy and not original & other


def test_signatures_survive_the_store_round_trip():
    minhash = signature(ORIGINAL)
    assert unpack(pack(minhash)).jaccard(minhash) == 1.0 and len(pack(minhash)) == 512


def test_a_copy_of_a_copy_links_to_the_original():
    # d4 was stored as a copy of d2, whose own text is not among the candidates
    candidates = [stored("d1", OTHER), stored("d4", SYNDICATED, copy_of="d2")]
    assert original_of(signature(ORIGINAL), candidates) == "d2"


def test_the_store_finds_candidates_through_its_buckets_alone(db_url):
    """The LSH index lives in the store: a new report's candidates come from one indexed lookup."""
    with Store.open(db_url) as store:
        for name, text in (("a.txt", ORIGINAL), ("b.txt", OTHER)):
            minhash = signature(body(text))
            store.add(plain_extraction(body(text), name), signature=pack(minhash), buckets=buckets(minhash))
        assert [doc for doc, _, _ in store.copy_candidates(buckets(signature(body(SYNDICATED))))] == ["d1"]
        assert store.copy_candidates([]) == []


def plain_extraction(text: str, path: str) -> ReportExtraction:
    """A report with nothing extracted from it: enough to store a signature against."""
    return ReportExtraction(report=RawReport(text=text, path=path), clean=CleanText(text, list(range(len(text))), []),
                            published=None, published_inferred=False)


def test_analyze_links_the_syndicated_copy_and_the_ledger_counts_one_origin(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_original.txt").write_text(ORIGINAL)
    (folder / "b_other.txt").write_text(OTHER)
    (folder / "c_syndicated.txt").write_text(SYNDICATED)
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(app, ["analyze", str(folder), "--db", str(db)], catch_exceptions=False)
    assert "analysed 3 (1 near-copy of stored reports)" in result.stdout
    with Store.open(db) as store:
        reports = store.reports()
    assert [(r.extraction.report.path.rsplit("/", 1)[1], r.copy_of) for r in reports] == [
        ("a_original.txt", None), ("b_other.txt", None), ("c_syndicated.txt", "d1")]
    ledger = build_ledger(reports)
    data = export_ledger(reports, ledger)
    assert [d["copy_of"] for d in data["documents"]] == [None, None, "d1"]
    quoted = [c for c in ledger.claims if "every one of them walked out" in c.summary]
    assert quoted and all(set(c.doc_ids) == {"d1", "d3"} and c.independent_sources == 1 for c in quoted)

    # the reader sees the copy as "also ran in", in the briefing and on the original's page
    briefing = build_briefing(LedgerContext(reports, ledger))
    overview = " ".join(s.text for s in briefing.sections[0].sentences)
    assert "also ran, near-identical, in" in overview and "c_syndicated.txt" not in overview
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        page = client.get("/reports/d1").text
        assert "Also ran in:" in page and 'href="/reports/d3"' in page
        assert "Also ran in:" not in client.get("/reports/d2").text

    # a later run compares new reports with the stored signatures
    later = tmp_path / "later"
    later.mkdir()
    (later / "d_another_copy.txt").write_text(ORIGINAL.replace("on Saturday", "on Saturday morning"))
    CliRunner().invoke(app, ["analyze", str(later), "--db", str(db)], catch_exceptions=False)
    with Store.open(db) as store:
        assert store.reports()[-1].copy_of == "d1"


@pytest.mark.skipif(not ECB_DEV.is_file(), reason="../shared/data/ecbplus is absent")
def test_ecbplus_documents_of_different_subtopics_are_never_copies(tmp_path):
    """Every dev document goes through the path analyze takes: store buckets, candidates, confirmation."""
    docs = [json.loads(line) for line in ECB_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    linked: list[tuple[str, str]] = []
    subtopic = {}
    with Store.open(tmp_path / "ecb.db") as store:
        for n, doc in enumerate(docs, 1):
            key = f"d{n}"
            subtopic[key] = doc["subtopic"]
            minhash = signature(doc["text"])
            bands = buckets(minhash) if minhash else []
            original = original_of(minhash, store.copy_candidates(bands))
            if original:
                linked.append((key, original))
            added = store.add(plain_extraction(doc["text"], f"ecb/{n}"), copy_of=original,
                              signature=pack(minhash) if minhash else None, buckets=bands)
            assert added is not None and added.id == key
    cross = [(a, b) for a, b in linked if subtopic[a] != subtopic[b]]
    assert cross == []
    # same-subtopic pairs linked: ECB+ holds real wire copies (near-identical texts) within a subtopic
    pairs = sum(n * (n - 1) // 2 for n in Counter(subtopic.values()).values())
    print(f"ECB+ dev: {len(docs)} documents, {len(linked)} linked as copies, "
          f"of {pairs} same-subtopic pairs; cross-subtopic links: {len(cross)}")
    assert 0 < len(linked) < len(docs) // 10
    for a, b in itertools.islice(linked, 5):  # a linked pair really shares most of its shingles
        da, db = docs[int(a[1:]) - 1]["text"], docs[int(b[1:]) - 1]["text"]
        assert signature(da).jaccard(signature(db)) >= 0.5


# A wire story as two outlets ran it: the same body word for word under each outlet's own header.
WIRE = ("The Lessing reservoir will be drained by the end of May, the regional water board said on Tuesday, after "
        "engineers found cracks in its northern wall.\n\n"
        "\"Nobody downstream is in danger today, but we cannot keep the water behind that wall through another "
        "winter,\" board chairman Oskar Delmer told reporters in Halvern.\n\n"
        "Farmers' union spokeswoman Ines Varga said the board had known about the cracks for two years and denied "
        "that its members had been consulted about the drainage plan.")


def carried(outlet: str, title: str) -> str:
    return f"title: {title}\nsource: {outlet}\ndate: 2031-05-06\n\n{WIRE}\n"


def test_a_wire_story_carried_word_for_word_by_two_outlets_is_stored_twice_with_one_origin(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "halvern_post.txt").write_text(carried("Halvern Post", "Reservoir to be drained by May"))
    (folder / "valley_radio.txt").write_text(carried("Valley Radio", "Cracked wall: water board drains reservoir"))
    db = tmp_path / "ledger.db"

    def analyze(*paths) -> dict:
        result = CliRunner().invoke(app, ["analyze", *map(str, paths), "--db", str(db), "--json"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stdout + result.stderr
        return {k: v for k, v in json.loads(result.stdout).items() if k != "added"}

    assert analyze(folder) == {"analysed": 2, "already_stored": 0, "errors": 0, "near_copies": 1, "store_reports": 2}
    with Store.open(db) as store:
        reports = store.reports()
    assert [(r.extraction.report.outlet, r.copy_of) for r in reports] == [("Halvern Post", None), ("Valley Radio", "d1")]
    ledger = build_ledger(reports)
    data = export_ledger(reports, ledger)
    assert [(d["id"], d["copy_of"]) for d in data["documents"]] == [("d1", None), ("d2", "d1")]
    quoted = [c for c in ledger.claims if "Nobody downstream is in danger" in c.summary]
    assert quoted and all(set(c.doc_ids) == {"d1", "d2"} and c.independent_sources == 1 for c in quoted)

    # the same files again, named one by one or from another folder, are the same reports
    assert analyze(folder / "valley_radio.txt") == {
        "analysed": 0, "already_stored": 1, "errors": 0, "near_copies": 0, "store_reports": 2}
    moved = tmp_path / "elsewhere" / "in"
    moved.mkdir(parents=True)
    for path in folder.iterdir():
        (moved / path.name).write_bytes(path.read_bytes())
    assert analyze(moved)["already_stored"] == 2
    # a third outlet's copy of a short item (too short for a signature) is still linked to the first
    brief = "title: Reservoir to be drained\nsource: {}\n\nThe Lessing reservoir will be drained by May.\n"
    (tmp_path / "a.txt").write_text(brief.format("Halvern Post"))
    (tmp_path / "b.txt").write_text(brief.format("Coast FM"))
    assert analyze(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "a.txt")["near_copies"] == 1
    with Store.open(db) as store:
        assert [(r.extraction.report.outlet, r.copy_of) for r in store.reports()][2:] == [
            ("Halvern Post", None), ("Coast FM", "d3")]
