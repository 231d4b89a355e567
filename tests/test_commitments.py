"""Commitments: the seed letter's promises with their ranges, our corpus, and what is not one."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.extract.commitments import extract_commitments
from assistant.parse import parse_document
from tests.conftest import CORPUS

RESPONSE = CORPUS / "reactie_college_mantelzorg_2024.pdf"


def _find(commitments, words):
    matches = [c for c in commitments if words in c.text]
    assert matches, f"no commitment with {words!r}"
    return matches[0]


def _in_a_letter(sentence: str, folder):
    """The commitments the sentence makes as the body of a short college letter."""
    path = folder / "brief.txt"
    path.write_text("Gemeente Rijnwaarde\n\nDatum: 9 april 2024\nOnderwerp: Raadsinformatiebrief\n\n"
                    f"Geachte leden van de raad,\n\n{sentence}\n\nHoogachtend,\n\nhet college\n", encoding="utf-8")
    return extract_commitments(parse_document(path))


@pytest.fixture(scope="module")
def seed_commitments():
    from tests.conftest import SEED, need

    doc = parse_document(need(SEED))
    return extract_commitments(doc)


@pytest.mark.parametrize(
    "words, start, end",
    [
        ("start in november 2023 een onderzoek", "2023-11-01", "2023-11-30"),
        ("De resultaten worden begin 2024 verwacht", "2024-01-01", "2024-04-30"),
        ("om in 2024 te komen tot een visie", "2024-01-01", "2024-12-31"),
        ("implementatie van nieuw beleid per 1 januari 2026", "2026-01-01", "2026-01-01"),
        ("In 2024 wordt de aanpak met wijkregisseurs geëvalueerd", "2024-01-01", "2024-12-31"),
    ],
)
def test_seed_dated_commitments_have_the_right_range(seed_commitments, words, start, end):
    found = _find(seed_commitments, words)
    assert (found.due.start.isoformat(), found.due.end.isoformat()) == (start, end)


def test_seed_commitments_belong_to_their_advice_point(seed_commitments):
    assert _find(seed_commitments, "per 1 januari 2026").point == "1"
    assert _find(seed_commitments, "wijkregisseurs geëvalueerd").point == "2"


def test_seed_facts_and_thanks_are_not_commitments(seed_commitments):
    texts = " ".join(c.text for c in seed_commitments)
    for words in ("dankbaar voor uw advies", "wijkregisseurs gestart", "Omnibusenquête", "Het college bedankt u",
                  "We zijn het met u eens"):
        assert words not in texts


@pytest.mark.parametrize(
    "sentence",
    [
        "Wij danken de adviesraad voor dit zorgvuldige advies.",
        "In 2023 stonden bij het Steunpunt ruim 2.400 mantelzorgers ingeschreven.",
        "Het Steunpunt geeft op verzoek van scholen nu al voorlichting aan mentoren.",
        "Wij ontwikkelen geen afzonderlijke monitor.",
        "Wij delen uw zorg dat jonge mantelzorgers te weinig worden herkend.",
        "De ASD adviseert u de capaciteit te verdubbelen.",
        "Met deze brief informeren wij u over de stand van zaken.",
        # The stance on the advice (eval/README.md, reason "stance"): the draft shows it as the
        # stance, and a "promise" without a date would make it ask the council for a planning.
        "Wij nemen dit advies gedeeltelijk over.",
        "Wij nemen dit advies niet over.",
        "Een hogere vergoeding voor vrijwilligers nemen wij niet over.",
    ],
)
def test_not_a_commitment(sentence, tmp_path):
    assert _in_a_letter(sentence, tmp_path) == []


def test_a_verdict_that_also_says_what_happens_stays_a_commitment(tmp_path):
    [found] = _in_a_letter("Wij nemen dit advies over en starten in september 2026 met een proef.", tmp_path)
    assert found.due is not None and found.due.start.month == 9


@pytest.mark.parametrize(
    "sentence, action",
    [
        # A date that ends the sentence is left to the Wanneer column ...
        ("Wij sturen de raad de evaluatie in het voorjaar van 2026.", "Wij sturen de raad de evaluatie"),
        # ... one inside a clause or opening the sentence stays, so that the phrase still reads.
        ("In de nieuwe contracten, die per 1 januari 2026 ingaan, maken wij afspraken over de wachttijd.",
         "In de nieuwe contracten, die per 1 januari 2026 ingaan, maken wij afspraken over de wachttijd"),
        ("Vanaf 1 mei 2026 krijgt ieder kind op de wachtlijst een vaste contactpersoon.",
         "Vanaf 1 mei 2026 krijgt ieder kind op de wachtlijst een vaste contactpersoon"),
    ],
)
def test_the_action_reads_as_a_phrase(sentence, action, tmp_path):
    [found] = _in_a_letter(sentence, tmp_path)
    assert found.action == action


@pytest.mark.parametrize(
    "sentence, strength",
    [
        ("Wij zullen in 2025 alle huishoudens benaderen.", "firm"),
        ("Wij streven ernaar in 2025 alle huishoudens te benaderen.", "intent"),
        ("Wij onderzoeken of een tweede locatie mogelijk is.", "intent"),
        ("Wel breiden wij deze monitor uit met een module mantelzorg.", "firm"),
    ],
)
def test_commitment_strength(sentence, strength, tmp_path):
    [found] = _in_a_letter(sentence, tmp_path)
    assert found.strength == strength and 0 < found.confidence <= 1 and found.why


def test_response_commitments_carry_due_amount_point_and_source():
    doc = parse_document(RESPONSE)
    found = extract_commitments(doc)
    logeer = _find(found, "logeervoorziening aan de Molenweg wordt")
    assert (logeer.due.start, logeer.due.end) == (date(2025, 9, 1), date(2025, 9, 1))
    assert logeer.point == "1" and logeer.actor == "college"
    assert doc.text[logeer.source.start:logeer.source.end] == logeer.text
    assert doc.blocks[logeer.source.block - 1].page == logeer.source.page
    money = _find(found, "€ 1,2 miljoen structureel")
    assert (money.amount.eur, money.amount.kind) == (1_200_000, "structureel")
    campaign = _find(found, "eenmalig € 80.000")
    assert (campaign.amount.eur, campaign.amount.kind, campaign.point) == (80_000, "eenmalig", "2")
    q3 = _find(found, "uiterlijk in het derde kwartaal van 2025")
    assert q3.due.end == date(2025, 9, 30) and q3.point == "3"
    assert _find(found, "in het voorjaar van 2026").due.start == date(2026, 3, 1)


def test_status_relative_to_today():
    doc = parse_document(RESPONSE)
    logeer = _find(extract_commitments(doc), "logeervoorziening aan de Molenweg wordt")
    assert logeer.status(date(2025, 1, 1)) == "open"
    assert logeer.status(date(2025, 9, 1)) == "due"
    assert logeer.status(date(2026, 1, 1)) == "overdue"


def test_commitments_cli_on_files_contract(tmp_path):
    result = CliRunner().invoke(main, ["commitments", str(RESPONSE), "--json", "--today", "2026-11-29",
                                       "--index", str(tmp_path / "index"), "--embedder", "fake"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["commitments"]
    assert len(rows) >= 10
    for row in rows:
        assert set(row) >= {"text", "action", "actor", "point", "page", "document", "due", "amount", "status"}
        assert set(row["document"]) >= {"id", "title", "date"}
        if row["due"]:
            assert set(row["due"]) == {"start", "end", "label"}
            date.fromisoformat(row["due"]["start"])
    logeer = next(r for r in rows if "Molenweg wordt" in r["text"])
    assert logeer["status"] == "overdue" and logeer["due"]["label"] == "per 1 september 2025"


def test_first_gold_set_does_not_regress():
    """A regression floor, not a measure of quality: the rules were once tuned on this set and our
    own letters are in the classifier's training data (README, "Measured quality")."""
    from assistant.evaluate import eval_extract
    from tests.conftest import ROOT, SEED, need

    need(SEED)  # the set holds the seed letter from ../shared
    scores = eval_extract(ROOT / "eval" / "gold_extract.json")
    assert scores.precision >= 0.75, scores.false_alarms
    assert scores.recall >= 0.70, scores.misses
    assert scores.date_accuracy >= 0.95, scores.wrong_dates
