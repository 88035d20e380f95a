"""The ledger on the five seed reports, scored by ../shared/eval/score.py (skipped when ../shared is absent)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="../shared not present"),
]


def test_seed_ledger_meets_cross_report_targets(tmp_path):
    import yaml
    from typer.testing import CliRunner

    from claimledger.cli import app

    db, out = tmp_path / "seeds.db", tmp_path / "seeds.json"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(SHARED / "seeds"), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "json", "-o", str(out)]).exit_code == 0
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    m = score.score(json.loads(out.read_text(encoding="utf-8")), gold)
    assert m["entity_resolution_acc"] >= 0.95
    assert m["claim_pair_recall"] >= 0.85
    assert m["claim_pair_separation"] >= 0.95
    assert m["claim_independence_acc"] >= 0.8
    assert m["conflict_recall"] == 1.0
    assert m["conflicts_reported"] <= 15
