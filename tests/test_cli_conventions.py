"""Command-line conventions end to end: - for stdin and stdout, --json, --quiet, --version, exit codes,
one meaning per --since name, CSV with a BOM; and the Python API's in-process analysis and story filter."""
from __future__ import annotations

import csv
import json
from datetime import date
from importlib.metadata import version
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from claimledger.api import LedgerView, analyze_text
from claimledger.cli import app
from claimledger.records import ReportExtraction
from claimledger.store import Store

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"

FERRY = (
    "title: Ferry strikes pier at Kessmouth\n"
    "outlet: Kessmouth Gazette\n"
    "date: 2031-03-03\n\n"
    "About 40 passengers were taken off a ferry on Monday after it struck the pier, the harbour master said. "
    "\"Nobody was badly hurt,\" a coastguard spokeswoman, Ilse Varga, told reporters.\n"
)
FERRY_LATER = (
    "title: Ferry operator blames fog for Kessmouth collision\n"
    "outlet: Channel Post\n"
    "date: 2031-03-05\n\n"
    "The operator said on Wednesday that thick fog caused the collision. The harbour master said about 40 "
    "passengers had been taken off the ferry. The operator denied that the crew had ignored a warning.\n"
)
ORCHARD = (
    "title: Frost ruins apple harvest in Dunvale\n"
    "outlet: Dunvale Times\n"
    "date: 2031-04-10\n\n"
    "Growers in Dunvale lost about 600 tonnes of apples to a late frost, the growers' cooperative said on Thursday. "
    "\"We have not seen a frost like it in twenty years,\" the cooperative's chair, Tomas Pell, said.\n"
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A store of two stories: the ferry (two reports, one read from stdin) and the orchard."""
    folder = tmp_path_factory.mktemp("conventions")
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (folder / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    path = str(folder / "ledger.db")
    assert run("analyze", str(folder / "ferry.txt"), "--db", path, "--story", "ferry").exit_code == 0
    piped = run("analyze", "-", "--db", path, "--story", "ferry", "--json", input=FERRY_LATER)
    assert piped.exit_code == 0, piped.stderr
    assert json.loads(piped.stdout)["analysed"] == 1
    assert run("analyze", str(folder / "orchard.txt"), "--db", path, "--story", "orchard").exit_code == 0
    return path


def test_version_comes_from_the_package_metadata():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimledger {version('claimledger')}"


def test_analyze_dash_reads_one_report_from_stdin(db):
    with Store.open(db, create=False) as store:
        reports = store.reports()
    piped = next(r for r in reports if r.extraction.report.path == "-")
    assert piped.extraction.report.outlet == "Channel Post"  # the header lines are read as in a .txt file
    assert piped.extraction.published == "2031-03-05"
    assert any(a.stance == "deny" or "denied" in a.sentence for a in piped.extraction.attributions)
    again = run("analyze", "-", "--db", db, "--json", input=FERRY_LATER)
    assert again.exit_code == 0
    assert json.loads(again.stdout) | {"added": []} == {
        "analysed": 0, "already_stored": 1, "errors": 0, "near_copies": 0, "added": [], "store_reports": 3}
    empty = run("analyze", "-", "--db", db, input="   \n")
    assert empty.exit_code == 1 and "stdin" in empty.stderr


def test_quiet_prints_nothing_but_errors(db, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    result = run("analyze", str(tmp_path / "orchard.txt"), str(tmp_path / "empty.txt"), "--db", db, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "empty.txt" in result.stderr
    out = tmp_path / "ledger.json"
    exported = run("export", "--db", db, "-o", str(out), "--quiet")
    assert exported.exit_code == 0 and exported.stdout == "" and out.exists()
    briefing = run("report", "--db", db, "-o", str(tmp_path / "b.md"), "--format", "md", "--quiet")
    assert briefing.exit_code == 0 and briefing.stdout == "" and (tmp_path / "b.md").exists()


def test_exit_codes_ok_nothing_done_and_usage_error(db, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run("analyze", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db")).exit_code == 1
    assert run("analyze", str(tmp_path / "no-such-folder"), "--db", str(tmp_path / "x.db")).exit_code == 1
    assert run("export", "--db", db, "-o", str(tmp_path / "o"), "--format", "xml").exit_code == 2
    assert run("export", "--db", db, "-o", "-", "--format", "csv").exit_code == 2
    assert run("export", "--db", db, "-o", "-", "--json").exit_code == 2
    assert run("export", "--db", str(tmp_path / "absent.db"), "-o", str(tmp_path / "o.json")).exit_code == 2
    assert run("changes", "--db", db).exit_code == 2  # --stored-since is required


def test_export_dash_writes_to_stdout_not_a_file(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--db", db, "-o", "-")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "claimledger/1" and len(data["documents"]) == 3
    linked = run("export", "--db", db, "-o", "-", "--format", "jsonld", "--story", "ferry")
    graph = json.loads(linked.stdout)["@graph"]
    assert graph and all(node["@type"] == "ClaimReview" for node in graph)
    graphml = run("export", "--db", db, "-o", "-", "--format", "graphml")
    graph = nx.parse_graphml(graphml.stdout)
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"entity", "claim"}
    briefing = run("report", "--db", db, "-o", "-", "--format", "md", "--story", "orchard")
    assert briefing.exit_code == 0 and "Dunvale" in briefing.stdout and "Kessmouth" not in briefing.stdout
    assert not (tmp_path / "-").exists()


def test_json_results_on_stdout(db, tmp_path):
    out = tmp_path / "ledger.json"
    summary = json.loads(run("export", "--db", db, "-o", str(out), "--json").stdout)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert summary["files"] == [str(out)]
    assert summary["counts"] == {k: len(data[k]) for k in summary["counts"]} and summary["counts"]["documents"] == 3
    tables = json.loads(run("export", "--db", db, "-o", str(tmp_path / "csv"), "--format", "csv", "--json").stdout)
    assert {p.rsplit("/", 1)[-1] for p in tables["files"]} >= {"claims.csv", "attributions.csv"}

    briefing = json.loads(run("report", "--db", db, "-o", str(tmp_path / "b.html"), "--json").stdout)
    assert briefing["file"] == str(tmp_path / "b.html") and briefing["cited_lines"] > 0
    assert run("report", "--db", db, "-o", "-", "--json").exit_code == 2
    stories = json.loads(run("stories", "--db", db, "--json").stdout)
    assert {s["name"]: s["reports"] for s in stories} == {"ferry": 2, "orchard": 1}
    ferry = next(s for s in stories if s["name"] == "ferry")
    assert ferry["pinned"] and ferry["first"] == "2031-03-03" and ferry["last"] == "2031-03-05"


def test_changes_stored_since_and_its_since_alias_agree(db):
    stored = run("changes", "--stored-since", "2000-01-01", "--db", db)
    alias = run("changes", "--since", "2000-01-01", "--db", db)
    assert stored.exit_code == alias.exit_code == 0
    assert stored.stdout == alias.stdout and stored.stdout.startswith("3 reports added since")
    listed = json.loads(run("changes", "--stored-since", "2000-01-01", "--db", db, "--json").stdout)
    assert listed["reports_added"] == 3 and listed["changes"] == stored.stdout.strip().splitlines()[1:]
    later = json.loads(run("changes", "--stored-since", "2999-01-01", "--db", db, "--json").stdout)
    assert later == {"stored_since": "2999-01-01", "reports_added": 0, "changes": []}
    bad = run("changes", "--stored-since", "last tuesday", "--db", db)
    assert bad.exit_code == 2 and "not an ISO date" in bad.stderr


def test_report_published_since_and_its_since_alias_agree(db, tmp_path):
    new, old = tmp_path / "new.md", tmp_path / "old.md"
    assert run("report", "--db", db, "--format", "md", "-o", str(new), "--published-since", "2031-03-04").exit_code == 0
    assert run("report", "--db", db, "--format", "md", "-o", str(old), "--since", "2031-03-04").exit_code == 0
    assert "since 2031-03-04" in new.read_text(encoding="utf-8")
    assert new.read_text(encoding="utf-8") == old.read_text(encoding="utf-8")
    bad = run("report", "--db", db, "-o", str(tmp_path / "x.md"), "--published-since", "last week")
    assert bad.exit_code == 2 and "expected a date" in bad.stderr


def test_csv_bom_for_spreadsheets_keeps_formula_neutralisation(tmp_path):
    hostile = FERRY.replace("title: Ferry strikes pier at Kessmouth", "title: =HYPERLINK(\"http://evil.example\")")
    (tmp_path / "r.txt").write_text(hostile.replace("Ilse Varga", "Ilse Várga"), encoding="utf-8")
    db = str(tmp_path / "bom.db")
    assert run("analyze", str(tmp_path / "r.txt"), "--db", db, "--quiet").exit_code == 0
    assert run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "bom"), "--csv-bom").exit_code == 0
    assert run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "plain")).exit_code == 0
    for name in ("documents", "attributions", "claims"):
        assert (tmp_path / "bom" / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert not (tmp_path / "plain" / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "bom" / "documents.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["title"].startswith("'=HYPERLINK")  # still neutralised
    assert "Várga" in rows[0]["text"]
    assert pd.read_csv(tmp_path / "bom" / "documents.csv", encoding="utf-8-sig").columns[0] == "id"


def test_analyze_text_returns_the_typed_extraction_in_process():
    extraction = analyze_text(FERRY.split("\n\n", 1)[1], title="Ferry strikes pier", outlet="Kessmouth Gazette",
                              published=date(2031, 3, 3))
    assert isinstance(extraction, ReportExtraction)
    assert extraction.published == "2031-03-03" and not extraction.published_inferred
    assert extraction.report.outlet == "Kessmouth Gazette"
    sources = {a.source.name for a in extraction.attributions if a.source}
    assert any("harbour master" in s.lower() for s in sources) and any("Varga" in s for s in sources)
    assert any(f.value == 40 for f in extraction.figures)
    assert analyze_text("The mayor said the bridge would reopen.", published="2031-03-03").attributions
    with pytest.raises(ValueError):
        analyze_text("The mayor said the bridge would reopen.", published="March 3rd")
    with pytest.raises(ValueError):
        analyze_text("   ")


def test_ledger_view_filters_by_story(db):
    ferry = LedgerView.open(db, story="ferry")
    assert sorted(ferry.documents()["outlet"]) == ["Channel Post", "Kessmouth Gazette"]
    assert len(LedgerView.open(db).documents()) == 3
    with pytest.raises(ValueError, match="no story"):
        LedgerView.open(db, story="no-such-story")


def test_ledger_view_gives_typed_dates_and_names_next_to_ids(db):
    view = LedgerView.open(db, story="ferry")
    documents = view.documents()
    assert pd.api.types.is_datetime64_any_dtype(documents["published"])
    assert sorted(documents["published"].dt.date) == [date(2031, 3, 3), date(2031, 3, 5)]
    assert str(documents["added_at"].dt.tz) == "UTC"
    claims = view.claims()
    assert pd.api.types.is_datetime64_any_dtype(claims["first_reported"])
    assert (claims["first_reported"] <= claims["last_reported"]).all()
    names = dict(zip(view.entities()["id"], view.entities()["name"]))
    for ids, shown in zip(claims["sources"], claims["source_names"]):
        assert shown == [names[e] for e in ids]
    attributions = view.attributions()
    resolved = attributions.dropna(subset=["source_entity"])
    assert not resolved.empty
    assert list(resolved["source_entity_name"]) == [names[e] for e in resolved["source_entity"]]


def test_watch_json_is_one_line_per_poll_and_quiet_prints_nothing(tmp_path):
    db = str(tmp_path / "feed.db")
    first = run("watch", str(FEEDS / "valley.rss"), "--db", db, "--once", "--json")
    assert first.exit_code == 0, first.stderr
    (line,) = first.stdout.splitlines()
    poll = json.loads(line)
    assert poll["read"] and poll["new"] == poll["analysed"] == 2 and len(poll["added"]) == 2
    assert any("claim" in change or "person" in change for change in poll["changes"])
    again = json.loads(run("watch", str(FEEDS / "valley.rss"), "--db", db, "--once", "--json").stdout)
    assert again["read"] and again["new"] == 0
    quiet = run("watch", str(FEEDS / "valley.atom"), "--db", db, "--once", "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == ""
    missing = run("watch", str(tmp_path / "missing.rss"), "--db", db, "--once", "--json")
    assert missing.exit_code == 1 and json.loads(missing.stdout)["read"] is False and "missing.rss" in missing.stderr
