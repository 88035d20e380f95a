"""`claimledger report` and the extra `export` formats, end to end on examples/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "ledger.db"
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_report_writes_cited_html_and_markdown(db, tmp_path):
    html, md = tmp_path / "b.html", tmp_path / "b.md"
    assert runner.invoke(app, ["report", "--db", str(db), "--format", "html", "-o", str(html)]).exit_code == 0
    result = runner.invoke(app, ["report", "--db", str(db), "--format", "md", "-o", str(md), "--since", "2025-03-06"])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    sentences = re.findall(r'<span class="sentence">.*?</span>(<sup class="cites">.*?</sup>)?', page)
    assert len(sentences) > 10 and all(s for s in sentences)  # each sentence is followed by its citations
    text = md.read_text(encoding="utf-8")
    assert "## What changed since 2025-03-06" in text
    bullets = [ln for ln in text.splitlines() if ln.startswith("- ")]
    assert bullets and all(re.search(r"\[\^\d+\]$", ln) for ln in bullets)


def test_report_refuses_a_bad_date_and_a_missing_store(db, tmp_path):
    bad = runner.invoke(app, ["report", "--db", str(db), "-o", str(tmp_path / "x.html"), "--since", "last week"])
    assert bad.exit_code == 2 and "expected a date" in bad.output
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 2 and "no such database file" in missing.output
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("fmt,expected", [("jsonld", "ledger.jsonld"), ("graphml", "ledger.graphml"),
                                          ("csv", "out/claims.csv"), ("parquet", "out/claims.parquet")])
def test_export_formats_from_the_command_line(db, tmp_path, fmt, expected):
    target = tmp_path / ("out" if fmt in ("csv", "parquet") else expected)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / expected).stat().st_size > 100
