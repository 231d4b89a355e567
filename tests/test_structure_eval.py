"""Held-out structure figures on real replies nobody here read while writing the rules
(eval/structure/, labelled by a separate reading): the issue's targets where they are met, and
a floor at today's level where they are not yet (see README, "Measured quality")."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluate_structure import eval_structure, score_document

ROOT = Path(__file__).resolve().parent.parent
LABELS = sorted((ROOT / "eval" / "structure").glob("*.json"))


@pytest.fixture(scope="module")
def scores():
    # No skip: a missing ../shared is an error here, or the figures would silently change.
    return eval_structure(LABELS)


@pytest.mark.slow
def test_vraag_en_antwoord_points_are_found_with_f1_of_at_least_095(scores):
    assert scores.by_layout["vraag_antwoord"].f1 >= 0.95


@pytest.mark.slow
def test_overall_figures_do_not_fall_below_todays_level(scores):
    assert scores.documents >= 30
    assert scores.overall.f1 >= 0.93
    assert scores.overall.answer_accuracy >= 0.78


def test_a_nader_rapport_with_reply_labels_is_read_point_by_point(scores):
    """The CoronaMelder nader rapport (a train source: the label reader was written on it)."""
    nader = scores.by_layout["nader_rapport"]
    assert nader.f1 == 1.0 and nader.answer_accuracy == 1.0 and nader.stance_accuracy >= 0.8


def test_a_point_is_matched_by_its_words_or_where_its_answer_starts():
    labelled = [{"number": "1", "point_anchor": "hoeveel kinderen wachten", "answer_first": "op 1 februari",
                 "answer_last": "bij het wijkteam", "stance": "n/a"},
                {"number": "2", "point_anchor": "welke middelen trekt", "answer_first": "het college stelt",
                 "answer_last": "in 2025 beschikbaar", "stance": "agree"}]
    found = [("vraag 1 hoeveel kinderen wachten er?", "op 1 februari wachtten er 84. zij krijgen hulp bij het wijkteam.",
              "unclear"),
             ("(herhaald) welke middelen?", "het college stelt € 350.000 in 2025 beschikbaar.", "agree"),
             ("een derde punt", "", None)]
    tally = score_document(labelled, found, "brief")
    assert (tally.matched, tally.found, tally.labelled) == (2, 3, 2)
    assert tally.answers_right == 2 and (tally.stances, tally.stances_right) == (1, 1)


def test_an_answer_that_runs_into_the_next_point_is_wrong():
    labelled = [{"number": "1", "point_anchor": "eerste vraag", "answer_first": "antwoord een",
                 "answer_last": "antwoord een"},
                {"number": "2", "point_anchor": "tweede vraag", "answer_first": "antwoord twee",
                 "answer_last": "antwoord twee"}]
    found = [("eerste vraag", "antwoord een. tweede vraag. antwoord twee.", None)]
    tally = score_document(labelled, found, "brief")
    assert tally.answers_right == 0 and tally.matched == 1


def test_an_anchor_copied_with_the_answer_label_matches_the_answer_without_it():
    """The reader gives an answer without its label ("Antwoord op vraag 1"); a labeller who
    copied the label into the anchor is not marked wrong for that, and a wrong answer stays wrong."""
    labelled = [{"number": "1", "point_anchor": "kent u het bericht", "answer_first": "Antwoord op vraag 1 Ja.",
                 "answer_last": "Antwoord op vraag 1 Ja."}]
    assert score_document(labelled, [("vraag 1 kent u het bericht?", "ja.", None)], "brief").answers_right == 1
    assert score_document(labelled, [("vraag 1 kent u het bericht?", "nee.", None)], "brief").answers_right == 0
