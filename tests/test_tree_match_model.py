"""The NumPy evaluator of boosted trees (matching.TreeMatchModel) gives what scikit-learn gives."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from claimledger.ledger.matching import FEATURES, SLOT_FEATURES, TREE_FIELDS, TreeMatchModel, model_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _fitted(x: np.ndarray, y: np.ndarray, leaves: int) -> tuple[HistGradientBoostingClassifier, TreeMatchModel]:
    clf = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=leaves, early_stopping=False,
                                         monotonic_cst=[1] + [0] * (x.shape[1] - 1), random_state=0).fit(x, y)
    trees = [{name: tree.nodes[name].tolist() for name in TREE_FIELDS} for (tree,) in clf._predictors]
    return clf, TreeMatchModel.of(trees, float(clf._baseline_prediction.ravel()[0]), 0.6, "synthetic rows")


def _rows(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.random((n, len(FEATURES))).astype(np.float32)
    x[rng.random(x.shape) < 0.02] = np.nan  # a missing value goes the side each split learned
    return x


def test_trees_give_scikit_learns_probabilities_after_a_round_trip_through_json():
    rng = np.random.default_rng(3)
    x = _rows(rng, 3000)
    y = (np.nan_to_num(x[:, 0]) + 0.5 * np.nan_to_num(x[:, 3]) * np.nan_to_num(x[:, 5])
         + rng.normal(0, 0.2, len(x)) > 0.8).astype(int)
    for leaves in (2, 5, 15):
        clf, model = _fitted(x, y, leaves)
        loaded = model_of(json.loads(json.dumps(model.to_json())))
        rows = _rows(rng, 9000)  # more than one chunk of rows
        assert np.allclose(loaded.probability(rows), clf.predict_proba(rows)[:, 1], rtol=0, atol=1e-12)
        assert loaded.threshold == 0.6


def test_a_tree_model_reads_the_clause_slots_only_when_a_split_does():
    rng = np.random.default_rng(4)
    x = rng.random((500, len(FEATURES))).astype(np.float32)
    slot = FEATURES.index(SLOT_FEATURES[2])
    x[:, slot] = 0.0
    y = (x[:, 0] > 0.5).astype(int)
    assert not _fitted(x, y, 4)[1].reads_slots
    x[:, slot] = rng.random(len(x))
    assert _fitted(x, (x[:, slot] > 0.5).astype(int), 4)[1].reads_slots


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data/ecbplus").is_dir(), reason="training data not present")
def test_the_training_script_writes_trees_the_ledger_loads(tmp_path):
    """``--trees`` on a small subsample: the trees are written as a model :func:`model_of` reads, and the
    shipped model is left alone."""
    out = tmp_path / "trees.json"
    run = subprocess.run([sys.executable, str(ROOT / "scripts/train_claim_match.py"), "--limit", "150", "--no-write",
                          "--trees", str(out)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "trees better held out on every set:" in run.stdout
    model = model_of(json.loads(out.read_text(encoding="utf-8")))
    assert isinstance(model, TreeMatchModel) and 0.3 <= model.threshold <= 0.9
    assert model.probability(np.zeros((1, len(FEATURES)), dtype=np.float32)).shape == (1,)
