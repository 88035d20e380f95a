"""`claimledger report` and the extra `export` formats, end to end on examples/."""
from __future__ import annotations

import json
import re
import time
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


def test_a_story_pinned_by_hand_has_its_own_ledger_briefing_and_web_view(tmp_path):
    """analyze --story puts reports in a story; export, report and serve --story show that story alone."""
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    db = str(tmp_path / "ledger.db")
    assert runner.invoke(app, ["analyze", str(EXAMPLES / "01_valley_courier.txt"), "--db", db,
                               "--story", "valley dam"]).exit_code == 0
    assert runner.invoke(app, ["analyze", str(EXAMPLES / "05_lusmark_herald.txt"), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db]).output
    assert "valley dam (pinned)" in listed

    out = tmp_path / "valley.json"
    assert runner.invoke(app, ["export", "--db", db, "--story", "valley dam", "-o", str(out)]).exit_code == 0
    assert [d["path"].rsplit("/", 1)[1] for d in json.loads(out.read_text())["documents"]] == ["01_valley_courier.txt"]

    md = tmp_path / "valley.md"
    assert runner.invoke(app, ["report", "--db", db, "--story", "valley dam", "--format", "md", "-o", str(md)]).exit_code == 0
    briefing = md.read_text(encoding="utf-8")
    assert "01_valley_courier" in briefing or "Valley Courier" in briefing
    assert "Lusmark" not in briefing
    missing = runner.invoke(app, ["report", "--db", db, "--story", "no such", "-o", str(tmp_path / "x.md")])
    assert missing.exit_code == 2 and "no such story" in missing.output

    with TestClient(create_app(db, story="valley dam"), base_url="http://127.0.0.1") as client:
        assert len(client.get("/api/documents").json()) == 1
        assert '<span class="story">story: valley dam</span>' in client.get("/").text
        r = client.post("/upload", data={"text": (EXAMPLES / "03_radio_kessel.md").read_text(encoding="utf-8")},
                        follow_redirects=False)
        assert r.status_code == 303
        for _ in range(600):  # the upload runs in the background
            if "See the claims" in client.get(r.headers["location"]).text:
                break
            time.sleep(0.1)
        assert len(client.get("/api/documents").json()) == 2  # the added report joined the story shown
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        assert len(client.get("/api/documents").json()) == 3


def test_report_top_limits_the_first_page(db, tmp_path):
    md = tmp_path / "b.md"
    counts = {}
    for top in (1, 5):
        result = runner.invoke(app, ["report", "--db", str(db), "--format", "md", "-o", str(md), "--top", str(top)])
        assert result.exit_code == 0, result.output
        text = md.read_text(encoding="utf-8")
        first = text[text.index("## First page"):text.index("## Appendix")]
        lists = [part.count("\n- ") for part in first.split("\n### ")[2:]]  # after the lede
        assert all(n <= top for n in lists)
        counts[top] = sum(lists)
    assert counts[1] < counts[5]
    assert runner.invoke(app, ["report", "--db", str(db), "-o", str(md), "--top", "0"]).exit_code == 2
