"""Attribution extraction on PolNeAR's dev split, scored by the shared evaluation.

The cue statistics ship from the *train* split (scripts/train_cues.py); this
holds floors on the dev split: F1 >= 0.70 with precision >= 0.85, and the
speaker of a matched statement agreeing with a named gold speaker at least
three times in four. About a minute on two cores.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "polnear" / "dev"


@pytest.mark.slow
@pytest.mark.skipif(not (DEV / "text").is_dir(), reason="../shared/data/polnear is not present")
def test_polnear_dev_attribution_f1(tmp_path):
    db, out = tmp_path / "polnear.db", tmp_path / "polnear.json"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(DEV / "text"), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "json", "-o", str(out)]).exit_code == 0
    scored = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "attribution.py"), str(out), str(DEV), "--min", "F1=0.70", "--min", "P=0.85",
         "--min", "speaker_agree_named=0.75"],
        capture_output=True, text=True,
    )
    assert scored.returncode == 0, scored.stdout + scored.stderr
