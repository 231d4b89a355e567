"""Commitment detection measured where it counts: on the held-out test sources (eval/splits.json),
labelled by a separate reading and never read while the classifier was made. The issue's targets
(precision and recall 0.85, due 0.90) are not met yet; these floors hold today's level so that a
change that loses ground fails (README, "Measured quality"). Missing ../shared files are an
error here, not a skip."""

from __future__ import annotations

import json

import pytest

from assistant.evaluate_commitments import eval_commitments
from assistant.extract.classifier import MODEL_PATH

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def test_scores():
    return eval_commitments("test")


def test_held_out_precision_and_recall_do_not_fall_below_todays_level(test_scores):
    assert test_scores.documents >= 38 and test_scores.sentences >= 3000
    assert test_scores.overall.precision >= 0.44  # .461 measured
    assert test_scores.overall.recall >= 0.52  # .538 measured


def test_held_out_due_dates_and_amounts_are_read_exactly(test_scores):
    c = test_scores.overall
    assert c.due_checked >= 20 and c.due_exact / c.due_checked >= 0.80
    assert c.amount_checked >= 5 and c.amount_exact == c.amount_checked


def test_every_commitment_says_how_sure_and_why(test_scores):
    assert test_scores.cues  # the features that made commitments, counted per feature
    assert all(fired >= right for fired, right in test_scores.cues.values())


def test_the_model_is_rebuilt_from_the_labels_by_one_command(tmp_path):
    from assistant.extract.train import train

    report = train(tmp_path / "model.json")
    rebuilt = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert rebuilt["threshold"] == shipped["threshold"]
    assert set(rebuilt["weights"]) == set(shipped["weights"])
    assert all(abs(rebuilt["weights"][k] - shipped["weights"][k]) < 1e-3 for k in shipped["weights"])
    assert report["dev"]["f1"] == pytest.approx(shipped["report"]["dev"]["f1"])
