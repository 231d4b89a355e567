"""Retrieval evaluation plumbing: the Rekenkamer split by source document, scores per label."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.evaluate import load_passage_set, rekenkamer_split, score

FIELDS = ["src_id", "vraag", "antwoord", "antwoord_zie_nr"]


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS, delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _two_sided_sources() -> tuple[str, str]:
    """A source id of each half (the split is a hash; find one of each)."""
    names = [f"rapport-{i}" for i in range(50)]
    return (next(n for n in names if rekenkamer_split(n) == "dev"),
            next(n for n in names if rekenkamer_split(n) == "test"))


def test_the_halves_split_by_source_document_and_keep_every_answer(tmp_path):
    dev_source, test_source = _two_sided_sources()
    rows = [
        {"src_id": dev_source, "vraag": "Wat kost de jeugdzorg?", "antwoord": "De kosten stijgen.", "antwoord_zie_nr": ""},
        {"src_id": dev_source, "vraag": "Wie betaalt?", "antwoord": "De gemeente betaalt.", "antwoord_zie_nr": ""},
        {"src_id": test_source, "vraag": "Wanneer komt het rapport?", "antwoord": "In het voorjaar.", "antwoord_zie_nr": ""},
        {"src_id": test_source, "vraag": "Zie vraag 1?", "antwoord": "Zie antwoord 1.", "antwoord_zie_nr": "1"},
    ]
    path = _csv(tmp_path / "kamervragen.csv", rows)
    whole, dev, test = (load_passage_set(path, split) for split in ("all", "dev", "test"))
    assert whole.queries == ["Wat kost de jeugdzorg?", "Wie betaalt?", "Wanneer komt het rapport?"]
    assert dev.queries == ["Wat kost de jeugdzorg?", "Wie betaalt?"]
    assert test.queries == ["Wanneer komt het rapport?"]
    # The other half's answers stay in the pool as distractors.
    assert dev.texts == test.texts == whole.texts
    assert test.relevant == [{whole.ids[2]}]


def test_the_split_is_fixed_and_near_half():
    names = [f"rekenkamer__kamerstuk:{i}" for i in range(400)]
    halves = [rekenkamer_split(n) for n in names]
    assert halves == [rekenkamer_split(n) for n in names]
    assert 150 < halves.count("dev") < 250


def test_only_the_rekenkamer_set_has_halves(tmp_path):
    path = tmp_path / "set.json"
    path.write_text('{"passages": [{"id": "p", "text": "x"}], "queries": [{"text": "x", "relevant": ["p"]}]}')
    with pytest.raises(AssistantError, match="Rekenkamer"):
        load_passage_set(path, "dev")
    with pytest.raises(AssistantError, match="onbekend deel"):
        load_passage_set(path, "train")


def test_scores_per_label_count_only_their_queries():
    rankings = [[True], [False, True], [False] * 10]
    labels = [["kind=keywords"], ["kind=question", "paraphrase"], ["kind=question"]]
    whole = score(rankings, labels)
    assert whole.queries == 3 and whole.mrr10 == pytest.approx((1 + 0.5) / 3)
    assert set(whole.groups) == {"kind=keywords", "kind=question", "paraphrase"}
    assert whole.groups["kind=keywords"].r1 == 1.0
    assert whole.groups["kind=question"].queries == 2
    assert whole.groups["kind=question"].mrr10 == pytest.approx(0.25)
    assert whole.groups["paraphrase"].r5 == 1.0 and whole.groups["paraphrase"].r1 == 0.0
    assert whole.to_dict()["groups"]["paraphrase"]["queries"] == 1
    assert "groups" not in score(rankings).to_dict()


def test_eval_without_a_file_measures_every_set_that_is_there(tmp_path):
    from assistant.evaluate import standard_sets

    project = tmp_path / "main"
    (project / "eval").mkdir(parents=True)
    (project / "corpus").mkdir()
    (project / "eval" / "corpus_queries.json").write_text('{"corpus": "corpus", "queries": []}')
    # Its documents are not beside the project: the set is left out rather than failing.
    (project / "eval" / "questions_real.json").write_text('{"corpus": "../shared/corpus-real", "queries": []}')
    assert standard_sets(project) == [(project / "eval" / "corpus_queries.json", "all")]
    rekenkamer = tmp_path / "shared" / "corpus-real" / "rekenkamer-kamervragen-qa" / "kamervragen-structured.csv"
    rekenkamer.parent.mkdir(parents=True)
    _csv(rekenkamer, [])
    assert [split for path, split in standard_sets(project) if path == rekenkamer] == ["dev", "test"]
