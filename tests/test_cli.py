"""The command line end to end: a batch with bad inputs, re-runs, export, user errors."""
from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.extract import pipeline
from claimledger.store import Store

GOOD = {
    "harbour.txt": (
        "title: Harbour strike enters third day\n"
        "outlet: Coastal Ledger\n"
        "date: 2031-05-14\n\n"
        "Dock workers in Port Selby stayed off the job on Wednesday, the union said.\n\n"
        "\"We will not unload a single ship until the contract is signed,\" union leader Mara Quist told reporters. "
        "She said about 2,000 workers had joined the strike.\n\n"
        "The port authority denied that any ships had been turned away."
    ),
    "harbour-update.md": (
        "# Port authority says cargo backlog is growing\n\n"
        "At least 35 container ships were waiting outside Port Selby on Thursday, the port authority said. "
        "A spokesman, Olek Brandvik, said the authority could not confirm the union's figure of 2,000 strikers.\n"
    ),
}
BAD = ("empty.txt", "binary.txt", "latin1.txt", "huge.txt", "no-article.html")


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Le maire a d\xe9clar\xe9 que la gr\xe8ve est finie.".encode("latin-1"))
    with open(folder / "huge.txt", "wb") as huge:  # sparse: 50 MB on paper, nothing on disk
        huge.truncate(50 * 1024 * 1024)
    (folder / "no-article.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
        "</body></html>",
        encoding="utf-8",
    )
    return folder


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def stored_rows(db) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT id, path, content_hash FROM reports ORDER BY id").fetchall()
    finally:
        connection.close()


def test_bad_inputs_get_one_line_each_and_good_reports_are_stored(batch, tmp_path):
    db = tmp_path / "ledger.db"
    result = run("analyze", str(batch), "--db", str(db))
    assert result.exit_code == 0, result.output
    error_lines = result.stderr.strip().splitlines()
    for name in BAD:
        naming = [line for line in error_lines if name in line]
        assert len(naming) == 1, (name, error_lines)
    assert len(error_lines) == len(BAD)
    assert "Traceback" not in result.output + result.stderr
    assert "analysed 2, already stored 0, errors 5" in result.stdout

    with Store.open(db, create=False) as store:
        reports = store.reports()
    assert sorted(r.extraction.report.path.rsplit("/", 1)[-1] for r in reports) == sorted(GOOD)
    harbour = next(r for r in reports if r.extraction.report.path.endswith("harbour.txt"))
    assert harbour.extraction.report.outlet == "Coastal Ledger"
    assert harbour.extraction.attributions, "the union's statement should be extracted"


def test_rerunning_keeps_what_was_stored(batch, tmp_path):
    db = tmp_path / "ledger.db"
    assert run("analyze", str(batch), "--db", str(db)).exit_code == 0
    before = stored_rows(db)
    again = run("analyze", str(batch), "--db", str(db))
    assert again.exit_code == 0
    assert "analysed 0, already stored 2, errors 5" in again.stdout
    assert stored_rows(db) == before and len(before) == 2

    # A new report in the same folder is added next to the old ones, which keep their ids.
    (batch / "late.txt").write_text(
        "Strike ends after overnight talks\n\nThe union said on Friday that its members would return to work.",
        encoding="utf-8",
    )
    third = run("analyze", str(batch), "--db", str(db))
    assert "analysed 1, already stored 2" in third.stdout
    assert stored_rows(db)[:2] == before and len(stored_rows(db)) == 3


def test_every_input_failing_exits_1(batch, tmp_path):
    result = run("analyze", str(batch / "empty.txt"), str(batch / "binary.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr


def test_export_writes_the_contract_schema(batch, tmp_path):
    db, out = tmp_path / "ledger.db", tmp_path / "ledger.json"
    run("analyze", str(batch), "--db", str(db))
    result = run("export", "--db", str(db), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "claimledger/1"
    assert [d["id"] for d in data["documents"]] == ["d1", "d2"]
    assert {"entities", "attributions", "figures", "times", "claims", "conflicts", "timeline"} <= data.keys()
    assert all(a["doc_id"] in {"d1", "d2"} and a["id"].startswith(a["doc_id"] + ".a") for a in data["attributions"])
    assert any(f["value"] == 2000 for f in data["figures"])


def test_user_errors_are_one_line_without_traceback(tmp_path):
    missing = run("export", "--db", str(tmp_path / "absent.db"), "--format", "json", "-o", str(tmp_path / "o.json"))
    assert missing.exit_code == 2
    assert "absent.db" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "absent.db").exists()

    (tmp_path / "r.txt").write_text("The mayor said the bridge would reopen on Monday.", encoding="utf-8")
    no_model = run("analyze", str(tmp_path / "r.txt"), "--db", str(tmp_path / "m.db"), "--model", "no_such_pipeline")
    assert no_model.exit_code == 2
    assert "no_such_pipeline" in no_model.stderr and len(no_model.stderr.strip().splitlines()) == 1

    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("shopping list\n" * 500, encoding="utf-8")
    broken = run("analyze", str(tmp_path / "r.txt"), "--db", str(not_a_db))
    assert broken.exit_code == 2 and "notes.db" in broken.stderr


def test_missing_input_path_is_an_error_line_not_a_crash(tmp_path):
    (tmp_path / "ok.txt").write_text(
        "Ferry service resumes\n\nThe operator said on Tuesday that ferries would sail again.", encoding="utf-8")
    result = run("analyze", str(tmp_path / "nowhere"), str(tmp_path / "ok.txt"), "--db", str(tmp_path / "d.db"))
    assert result.exit_code == 0
    assert "nowhere" in result.stderr
    assert "analysed 1" in result.stdout


def test_a_report_that_trips_an_extractor_defect_costs_only_itself(tmp_path, monkeypatch):
    real_find_figures = pipeline.find_figures

    def find_figures(doc):
        if "turbine" in doc.text:
            raise RuntimeError("figure finder broke")
        return real_find_figures(doc)

    monkeypatch.setattr(pipeline, "find_figures", find_figures)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Mill reopens\n\nThe owner said on Monday that 40 staff were back.", encoding="utf-8")
    (folder / "b.txt").write_text("Turbine fails\n\nThe operator said the turbine had stopped.", encoding="utf-8")
    (folder / "c.txt").write_text("Road closed\n\nPolice said the road would stay shut until Friday.", encoding="utf-8")
    result = run("analyze", str(folder), "--db", str(tmp_path / "d.db"))
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [f"{folder / 'b.txt'}: extraction failed (RuntimeError: figure finder broke)"]
    assert "analysed 2, already stored 0, errors 1" in result.stdout
    assert [row[1].rsplit("/", 1)[-1] for row in stored_rows(tmp_path / "d.db")] == ["a.txt", "c.txt"]
