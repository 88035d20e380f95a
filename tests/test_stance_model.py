"""The learned stance model: a text agrees with, denies, discusses or is unrelated to a claim.

The sentences below were written for these tests (an invented town and
mayor), not taken from the development or training data.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimledger import api
from claimledger.ledger import stance_model

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

CLAIM = "The mayor of Brindale resigned on Tuesday."
AGREE = "Brindale's mayor resigned on Tuesday, the town council confirmed in a statement."
DENIALS = [
    "The mayor's office denied the reports that the mayor of Brindale had resigned.",
    "It is not true that the mayor of Brindale resigned on Tuesday, his spokesman said.",
]
HEDGED = [
    "Reports that the mayor of Brindale resigned on Tuesday could not be confirmed.",
    "The mayor of Brindale has reportedly resigned, according to a local newspaper.",
]
UNRELATED = "Heavy rain flooded several farms in the river valley over the weekend."


def test_scores_are_probabilities_over_the_four_labels():
    assert stance_model.LABELS == ("agree", "disagree", "discuss", "unrelated")
    texts = [AGREE, *DENIALS, *HEDGED, UNRELATED]
    scores = stance_model.stance_scores([CLAIM] * len(texts), texts)
    assert scores.shape == (len(texts), 4)
    assert np.all(scores >= 0) and np.allclose(scores.sum(1), 1.0, atol=1e-5)
    assert stance_model.stance_scores([], []).shape == (0, 4)
    with pytest.raises(ValueError, match="line up"):
        stance_model.stance_scores([CLAIM], [])


def test_an_agreeing_report_agrees():
    assert api.stance(CLAIM, AGREE) == "agree"


@pytest.mark.parametrize("text", DENIALS)
def test_a_denial_disagrees(text):
    assert api.stance(CLAIM, text) == "disagree"


@pytest.mark.parametrize("text", HEDGED)
def test_an_unconfirmed_or_hedged_report_is_not_agreement(text):
    """Unconfirmed and "reportedly" relay the claim without vouching for it."""
    probs = dict(zip(stance_model.LABELS, stance_model.stance_scores([CLAIM], [text])[0]))
    assert api.stance(CLAIM, text) in {"discuss", "disagree"}
    assert probs["discuss"] + probs["disagree"] > probs["agree"]


def test_an_unrelated_text_is_unrelated():
    assert api.stance(CLAIM, UNRELATED) == "unrelated"


def test_a_whole_report_is_read_sentence_by_sentence():
    body = (f"{UNRELATED} Farmers said the damage would take months to repair.\n\n"
            f"In other news, {DENIALS[0][0].lower()}{DENIALS[0][1:]} The council meets again next week.")
    assert stance_model.stance(CLAIM, body) != "agree"
    assert stance_model.stance(CLAIM, UNRELATED + " Farmers said the damage would take months to repair.") == "unrelated"


@pytest.mark.parametrize(("claim", "text", "message"), [
    ("", AGREE, "claim is empty"),
    (CLAIM, "   \n", "text is empty"),
    ("x" * (api.MAX_CLAIM_CHARS + 1), AGREE, "claim is"),
    (CLAIM, "word " * (api.MAX_TEXT_CHARS // 5 + 1), "text is"),
])
def test_api_stance_rejects_empty_and_oversized_input(claim, text, message):
    with pytest.raises(ValueError, match=message):
        api.stance(claim, text)


@pytest.mark.skipif(not (SHARED / "data/fnc1").is_dir(), reason="FNC-1 training data not present")
def test_training_script_beats_the_majority_class_on_its_held_out_part(tmp_path):
    """The fitting end to end on a small seeded subsample; a floor, not today's figure."""
    out = tmp_path / "stance.npz"
    run = subprocess.run([sys.executable, str(ROOT / "scripts/train_stance.py"), "--limit", "16", "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert out.exists() and out.stat().st_size < 5_000_000
    held_out = run.stdout.split("== all held-out pairs", 1)[-1]
    model = re.search(r"relative ([0-9.]+)\naccuracy ([0-9.]+)", held_out)
    majority = re.search(r"majority class \(\w+\) on the same pairs: relative ([0-9.]+), accuracy ([0-9.]+)", held_out)
    assert model and majority, run.stdout[-3000:]
    assert float(model.group(1)) > float(majority.group(1))  # the FNC-1 score
    assert float(model.group(2)) > float(majority.group(2))  # accuracy


@pytest.mark.skipif(not (SHARED / "stories/pope-pets-paradise").is_dir(), reason="development stories not present")
@pytest.mark.parametrize("name", ["108_sorry-fido.txt", "109_pope-turns-out-not.txt"])
def test_reports_that_the_pope_never_said_it_are_not_confident_agreement(name):
    """A floor on two development reports that refute the claim: never a confident "agree"."""
    text = (SHARED / "stories/pope-pets-paradise" / name).read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[-1]  # after the header lines
    claim = "Pope Francis told a boy that paradise is open to all of God's creatures"
    agree = stance_model.stance_scores([claim], [body])[0][stance_model.LABELS.index("agree")]
    assert agree < 0.7
