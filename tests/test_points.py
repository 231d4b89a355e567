"""Advice points, answers and stance on our corpus pair and on the real seed letter."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.extract.points import map_points
from assistant.extract.stance import decide_stance
from assistant.parse import parse_document
from tests.conftest import CORPUS

ADVICE = CORPUS / "advies_asd_mantelzorg_2024.pdf"
RESPONSE = CORPUS / "reactie_college_mantelzorg_2024.pdf"


@pytest.mark.parametrize(
    "text, stance",
    [
        ("Wij nemen dit advies over. De voorziening wordt uitgebreid.", "agree"),
        ("Het college onderschrijft dit advies.", "agree"),
        ("Het college is het met u eens dat de sociale basis versterkt moet worden.", "agree"),
        ("Wij nemen dit advies gedeeltelijk over.", "partly"),
        ("Wij nemen dit advies in aangepaste vorm over.", "partly"),
        ("Wij nemen dit advies niet over. Wij delen uw zorg wel.", "disagree"),
        ("Wij zien geen aanleiding om op iedere school een contactpersoon aan te stellen.", "disagree"),
        ("De gemeente monitort de effecten met de Omnibusenquête.", "unclear"),
    ],
)
def test_stance_and_the_sentence_that_decided_it(text, stance):
    found, sentence = decide_stance(text)
    assert found == stance
    assert (sentence is None) == (stance == "unclear")
    if sentence:
        assert sentence in text


def test_every_advice_point_maps_to_its_answer_with_stance():
    mappings = map_points(parse_document(ADVICE), parse_document(RESPONSE))
    assert [m.point.number for m in mappings] == ["1", "2", "3", "4", "5", "6"]
    assert [m.answer.stance for m in mappings] == ["agree", "partly", "partly", "agree", "disagree", "partly"]
    assert all(m.answer.matched_by == "number" for m in mappings)
    assert "logeervoorziening aan de Molenweg" in mappings[0].answer.text
    assert mappings[0].point.title == "Breid de respijtzorg uit en begin bij de logeervoorziening."


def test_renumbered_response_is_linked_by_content():
    advice = parse_document(ADVICE)
    response = parse_document(RESPONSE)
    # A response that leaves out the first point and numbers the others 1..5.
    first = next(i for i, b in enumerate(response.blocks) if b.kind == "point" and b.number == "1")
    second = next(i for i, b in enumerate(response.blocks) if b.kind == "point" and b.number == "2")
    del response.blocks[first:second]
    for block in response.blocks:
        if block.kind == "point" and block.number and block.number.isdigit():
            block.number = str(int(block.number) - 1)
    mappings = {m.point.number: m for m in map_points(advice, response)}
    assert mappings["1"].answer is None
    assert mappings["2"].answer.matched_by == "content"
    assert "digitaal aanvragen" in mappings["2"].answer.text
    assert mappings["5"].answer.stance == "disagree"
    assert "zorgcoördinator" in mappings["5"].answer.text


def test_unanswered_point_is_reported_not_hidden():
    advice = parse_document(ADVICE)
    response = parse_document(RESPONSE)
    cut = next(i for i, b in enumerate(response.blocks) if b.kind == "point" and b.number == "6")
    response.blocks = response.blocks[:cut]
    mappings = map_points(advice, response)
    assert len(mappings) == 6
    assert mappings[-1].point.number == "6" and mappings[-1].answer is None


def test_seed_response_alone_gives_its_three_quoted_points(seed_path):
    mappings = map_points(None, parse_document(seed_path))
    assert [m.point.number for m in mappings] == ["1", "2", "3"]
    assert [m.answer.stance for m in mappings][:2] == ["agree", "agree"]
    assert "het met u eens" in mappings[0].answer.stance_sentence
    assert "deelt uw stelling" in mappings[1].answer.stance_sentence


def test_points_cli_contract(tmp_path):
    result = CliRunner().invoke(main, ["points", str(ADVICE), "--response", str(RESPONSE), "--json",
                                       "--index", str(tmp_path / "index"), "--embedder", "fake"])
    assert result.exit_code == 0, result.output
    points = json.loads(result.output)["points"]
    assert len(points) == 6
    for point in points:
        assert set(point) >= {"number", "text", "answer"}
        assert set(point["answer"]) >= {"text", "stance", "page"}
    assert points[4]["answer"]["stance"] == "disagree"


def test_grouped_answer_serves_both_points(tmp_path):
    advice = tmp_path / "advies.txt"
    advice.write_text(
        "Onderwerp: Advies over de Wmo\n\nGeacht college,\n\n"
        "Advies 1. Verkort de wachttijd voor huishoudelijke hulp.\n\n"
        "Advies 2. Geef mantelzorgers een vast aanspreekpunt.\n\n"
        "Advies 3. Maak de mantelzorgwaardering digitaal.\n\nHoogachtend,\n\nDe adviesraad\n", encoding="utf-8")
    response = tmp_path / "reactie.txt"
    response.write_text(
        "Onderwerp: Reactie op uw advies over de Wmo\n\nGeachte leden van de adviesraad,\n\n"
        "Advies 1. Verkort de wachttijd voor huishoudelijke hulp.\n\n"
        "Wij nemen dit advies over. De wachttijd gaat uiterlijk eind 2025 terug naar vier weken.\n\n"
        "Advies 2 en 3. Aanspreekpunt en waardering voor mantelzorgers.\n\n"
        "Wij nemen deze adviezen gedeeltelijk over.\n\nHoogachtend,\n\nHet college\n", encoding="utf-8")
    mappings = map_points(parse_document(advice), parse_document(response))
    assert [m.answer.stance for m in mappings] == ["agree", "partly", "partly"]
    assert mappings[1].answer.text == mappings[2].answer.text
    assert mappings[2].answer.numbers == ("2", "3")


def test_response_that_skips_a_point_leaves_it_unanswered_and_keeps_the_next():
    advice = parse_document(ADVICE)
    response = parse_document(RESPONSE)
    second = next(i for i, b in enumerate(response.blocks) if b.kind == "point" and b.number == "2")
    third = next(i for i, b in enumerate(response.blocks) if b.kind == "point" and b.number == "3")
    del response.blocks[second:third]
    mappings = {m.point.number: m for m in map_points(advice, response)}
    assert mappings["1"].answer.stance == "agree"
    assert mappings["2"].answer is None
    assert mappings["3"].answer.stance == "partly" and mappings["3"].answer.matched_by == "number"
