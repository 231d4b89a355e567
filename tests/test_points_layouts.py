"""Points, answers and stances in every reply layout we know, on letters we wrote (corpus/src),
in .txt, .docx and .pdf alike: the seed's layout (numbered quoted points), a numbered heading per
point with the answer under it, quoted recommendations under labelled headings, a nader rapport
(italic advice paragraphs, sub-points a and b), labelled blocks ("Advies: … Reactie: …"), and
"Vraag / Antwoord" with a grouped answer. The held-out figures on real documents come from
`assistant eval-structure` (tests/test_structure_eval.py)."""

from __future__ import annotations

import pytest

from assistant.extract.points import quoted_points
from assistant.parse import parse_document
from tests.test_cross_format import _render

# name -> [(numbers, stance, first words of the answer)]
EXPECTED = {
    "reactie_college_jeugd_2025": [
        ("1", "partly", "Wij nemen dit advies gedeeltelijk over."),
        ("2", "agree", "Wij nemen dit advies over."),
        ("3", "disagree", "Wij nemen dit advies niet over."),
        ("4", "agree", "Wij nemen dit advies over."),
    ],
    "reactie_rekenkamer_schuldhulp_2025": [
        ("1", "agree", "Het college neemt deze aanbeveling over."),
        ("2", "partly", "Het college neemt deze aanbeveling gedeeltelijk over."),
        ("3", "disagree", "Anders dan de rekenkamercommissie"),
        ("4", "agree", "Het college neemt deze aanbeveling over."),
    ],
    "reactie_college_verordening_wmo_2025": [
        ("1", "agree", "Aan dit advies is gevolg gegeven."),
        ("2", "disagree", "Dit advies nemen wij niet over."),
        ("3", "partly", "Het advies is deels overgenomen."),
        ("4", "agree", "Reactie: Wij nemen dit advies over."),
    ],
    "nader_rapport_wet_mantelzorg_2025": [
        ("1a", "agree", "Aan dit advies is gevolg gegeven."),
        ("1b", "agree", "Het voorstel is op dit punt aangepast."),
        ("2", "disagree", "Anders dan de Afdeling acht de regering"),
        ("3", "partly", "Het advies is deels overgenomen."),
    ],
    "beantwoording_schriftelijke_vragen_jeugdhulp_2025": [
        ("1", "unclear", "Nee. Volgens de gegevens"),
        ("2", "unclear", "Op 1 februari 2025 stonden 84 kinderen"),
        ("3", "unclear", "Ja. Het college maakt in de nieuwe contracten"),
        ("4", "unclear", "Ja. Het college maakt in de nieuwe contracten"),
        ("5", "unclear", "Het college stelt in 2025 eenmalig"),
    ],
    "nota_verslag_wet_mantelzorg_2026": [
        ("1", "unclear", "Op basis van het onderzoek"),
        ("2", "unclear", "Ja. Ik zal de Kamer na drie jaar"),
        ("3", "disagree", "De wet bepaalt dat gemeenten"),
        ("4", "unclear", "De raming is opgesteld samen met de VNG"),
        ("5", "unclear", "Een specifieke uitkering vraagt"),
    ],
}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_point_gets_its_own_answer_and_stance(name, fmt, tmp_path):
    path = _render(name, "heading directly above its text", tmp_path)[fmt]
    found = [(p.number, a.stance if a else None, a.text if a else "") for p, a in quoted_points(parse_document(path))]
    assert [(n, s) for n, s, _ in found] == [(n, s) for n, s, _ in EXPECTED[name]]
    for (_, _, answer), (_, _, start) in zip(found, EXPECTED[name]):
        assert answer.startswith(start)


def test_a_closing_section_is_no_answer_to_the_last_point(tmp_path):
    path = _render("reactie_college_jeugd_2025", "as written", tmp_path)["pdf"]
    last = quoted_points(parse_document(path))[-1][1]
    assert "Tot slot" not in last.text and "nodigen u uit" not in last.text


def test_a_grouped_answer_answers_both_questions(tmp_path):
    path = _render("beantwoording_schriftelijke_vragen_jeugdhulp_2025", "as written", tmp_path)["docx"]
    answers = {p.number: a for p, a in quoted_points(parse_document(path))}
    assert answers["3"].text == answers["4"].text and answers["3"].numbers == ("3", "4")


def test_a_list_inside_an_answer_is_not_a_run_of_points(tmp_path):
    from assistant.extract.points import sections
    from corpus.render import letter_from_plain_text, render_pdf

    letter = letter_from_plain_text(
        "1. Breid de respijtzorg uit.\n\nWij nemen dit advies over. Wij doen drie dingen:\n\n"
        "1. Wij openen een tweede logeerhuis.\n\n2. Wij verlengen de pilot.\n\n3. Wij informeren u in juni.\n\n"
        "2. Vernieuw de mantelzorgwaardering.\n\nWij nemen dit advies niet over.",
        onderwerp="Reactie op uw advies respijtzorg", date="9 april 2024", kenmerk="2024/0412")
    path = tmp_path / "lijst.pdf"
    render_pdf(letter, path)
    assert [s.numbers for s in sections(parse_document(path))] == [("1",), ("2",)]


def _with_reply_labels(name: str, folder, first_words: str | None = None) -> dict:
    """A reply whose every answer opens with a bare "Reactie:" line, as a nader rapport of the
    Raad van State prints it; optionally one answer opening in the adviser's name."""
    import dataclasses

    from corpus.render import SRC_DIR, load_letter, render_docx, render_pdf, render_text

    letter = load_letter(SRC_DIR / f"{name}.letter")
    paragraphs, previous_quoted = [], False
    for p in letter.paragraphs:
        quoted = p.startswith(">")
        if previous_quoted and not quoted:
            paragraphs.append("Reactie:")
            if first_words and p.startswith("Anders dan de Afdeling"):
                p = f"{first_words} {p}"
        paragraphs.append(p)
        previous_quoted = quoted
    letter = dataclasses.replace(letter, paragraphs=paragraphs)
    paths = {fmt: folder / f"{name}.{fmt}" for fmt in ("txt", "docx", "pdf")}
    render_text(letter, paths["txt"])
    render_docx(letter, paths["docx"])
    render_pdf(letter, paths["pdf"])
    return paths


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_bare_reply_labels_divide_a_nader_rapport(fmt, tmp_path):
    """Each "Reactie:" ends the quoted advice and opens its answer; the chapter heading and its
    lettered parts number the points; an answer that opens with the adviser's name ("De Afdeling
    constateert terecht ...") is still the answer, not a new point."""
    opening = "De Afdeling constateert terecht dat gemeenten tijd nodig hebben."
    path = _with_reply_labels("nader_rapport_wet_mantelzorg_2025", tmp_path, opening)[fmt]
    found = [(p.number, a.stance if a else None, a.text if a else "") for p, a in quoted_points(parse_document(path))]
    expected = EXPECTED["nader_rapport_wet_mantelzorg_2025"]
    assert [(n, s) for n, s, _ in found] == [(n, s) for n, s, _ in expected]
    starts = [start for _, _, start in expected]
    starts[2] = opening
    for (_, _, answer), start in zip(found, starts):
        assert answer.startswith(start)
    assert "Reactie" not in " ".join(a for _, _, a in found)


def test_a_question_answered_out_of_order_is_still_a_point(tmp_path):
    """Questions 2 and 4 answered together first, question 3 after them: "Vraag 3" opens its own
    point although a higher number came before it."""
    letter = tmp_path / "beantwoording.txt"
    letter.write_text(
        "Beantwoording schriftelijke vragen over de wachtlijsten in de jeugdhulp\n\n"
        "Vraag 1\n\nHoeveel kinderen wachten langer dan acht weken op jeugdhulp?\n\n"
        "Antwoord op vraag 1\n\nOp 1 maart wachtten 61 kinderen langer dan acht weken.\n\n"
        "Vraag 2\n\nWelke afspraken zijn met de aanbieders gemaakt?\n\n"
        "Vraag 4\n\nWanneer wordt de raad over de voortgang geïnformeerd?\n\n"
        "Antwoorden op vraag 2 en 4\n\nDe aanbieders melden elke maand hun wachttijden. "
        "Het college informeert de raad voor 1 oktober over de voortgang.\n\n"
        "Vraag 3\n\nIs het college bereid een wachtlijstbemiddelaar aan te stellen?\n\n"
        "Antwoord op vraag 3\n\nJa. Het college stelt per 1 juni een wachtlijstbemiddelaar aan.\n",
        encoding="utf-8")
    found = {p.number: a.text if a else None for p, a in quoted_points(parse_document(letter))}
    assert sorted(found) == ["1", "2", "3", "4"]
    assert found["3"].startswith("Ja. Het college stelt per 1 juni")
    assert found["2"] == found["4"] and "wachtlijstbemiddelaar" not in found["2"]


def test_lettered_headings_open_the_points_of_an_analysis_and_a_summary_does_not(tmp_path):
    """An analysis that takes an advice's conclusions one by one under "(a)", "(b)", "(c)", after
    a summary that repeats the same headings in short: the sections of the body are the points,
    each heading's text the answer, with the stance it takes."""
    from assistant.extract.points import sections

    short = {"a": "De termijn voor een beslissing", "b": "De eigen bijdrage voor begeleiding",
             "c": "De toegang tot de inloopvoorziening"}
    summary = "".join(f"({k}) {v}\n\nKort: wij zijn het op dit punt niet met de adviesraad eens.\n\n"
                      for k, v in short.items())
    body = "".join(
        f"({k}) {v}\n\nDe adviesraad stelt in zijn advies dat de regeling op dit punt tekortschiet. "
        "Die lezing komt ons niet juist voor. De verordening regelt dit punt al in artikel 4, en de "
        "toelichting beschrijft hoe het college de regeling toepast.\n\n"
        "Ook de uitvoering laat zien dat de regeling werkt; wij zien daarom geen reden haar te wijzigen.\n\n"
        for k, v in short.items())
    letter = tmp_path / "analyse.txt"
    letter.write_text("Juridische analyse van het advies over de verordening\n\nSamenvatting\n\n" + summary
                      + "Analyse\n\n" + body, encoding="utf-8")
    doc = parse_document(letter)
    found = sections(doc)
    assert [s.numbers for s in found] == [("a",), ("b",), ("c",)]
    assert all(doc.blocks[s.head].text.startswith(f"({k})") and len(s.body) == 2 for s, k in zip(found, "abc"))
    answers = quoted_points(doc)
    assert all(a.text.startswith("De adviesraad stelt") and a.stance == "disagree" for _, a in answers)


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_headings_that_open_with_the_same_word_are_points(fmt, tmp_path):
    """A letter that settles commitments one heading at a time ("Toezegging ..."), numbered by
    nothing: each heading opens a point, the text under it is its answer, the closing is not."""
    from corpus.render import letter_from_plain_text, render_pdf

    text = ("In de commissie Sociaal Domein van 12 november heb ik u drie toezeggingen gedaan.\n\n"
            "# Toezegging over de speeltuin aan de Lindelaan\n\n"
            "De toezegging was de raad te informeren over het herstel. Wij herstellen de speeltuin voor de zomer.\n\n"
            "# Toezegging over de openingstijden van het buurthuis\n\n"
            "Het buurthuis is sinds oktober ook op zaterdag open, omdat vrijwilligers zich hebben gemeld.\n\n"
            "# Toezegging over de mantelzorgwaardering\n\n"
            "De nieuwe regeling mantelzorgwaardering ligt op 30 januari 2025 ter besluitvorming voor.\n\n"
            "Met deze toelichting hoop ik de toezeggingen te hebben afgedaan.\n\n"
            "Hoogachtend,\n\nde wethouder Zorg")
    if fmt == "txt":
        path = tmp_path / "toezeggingen.txt"
        path.write_text(text.replace("# ", ""), encoding="utf-8")
    else:
        path = tmp_path / "toezeggingen.pdf"
        render_pdf(letter_from_plain_text(text, onderwerp="Afdoening toezeggingen", date="10 december 2024",
                                          kenmerk="2024/1187"), path)
    found = [(p.number, p.text, a.text) for p, a in quoted_points(parse_document(path))]
    assert [n for n, _, _ in found] == ["1", "2", "3"]
    assert found[0][1].startswith("Toezegging over de speeltuin") and found[0][2].endswith("speeltuin voor de zomer.")
    assert found[2][2] == "De nieuwe regeling mantelzorgwaardering ligt op 30 januari 2025 ter besluitvorming voor."


def test_a_verslag_whose_second_part_replies_has_the_restated_questions_as_its_points(tmp_path):
    """Part I holds the fracties' questions, part II ("II Reactie van de minister") restates each
    before answering it: the points are read in part II, each with its answer."""
    questions = ("De leden van de VVD-fractie vragen hoeveel gemeenten de regeling al uitvoeren.",
                 "De leden van de CDA-fractie vragen wanneer de regeling wordt geëvalueerd.")
    answers = ("Op 1 januari 2026 voerden 214 gemeenten de regeling uit.",
               "Ik laat de regeling in 2027 evalueren en stuur de evaluatie voor de zomer naar uw Kamer.")
    letter = tmp_path / "verslag.txt"
    letter.write_text(
        "Verslag van een schriftelijk overleg over de regeling mantelzorgondersteuning\n\n"
        "I Vragen en opmerkingen uit de fracties\n\n" + "\n\n".join(questions) + "\n\n"
        "II Reactie van de minister\n\n"
        + "\n\n".join(f"{q}\n\n{a}" for q, a in zip(questions, answers)) + "\n",
        encoding="utf-8")
    found = [(p.number, a.text if a else None) for p, a in quoted_points(parse_document(letter))]
    assert [a for _, a in found] == list(answers)


def test_a_question_restated_and_answered_in_one_paragraph_is_split_where_the_answer_begins(tmp_path):
    """A nota that restates each question and answers it in the same paragraph: the point is the
    asking sentences, the answer starts at the first sentence that no longer asks, and only the
    answer's sentences can be commitments."""
    from assistant.extract.commitments import candidates

    letter = tmp_path / "nota.txt"
    letter.write_text(
        "Nota naar aanleiding van het verslag over de Wet mantelzorgondersteuning\n\n"
        "De leden van de VVD-fractie vragen hoeveel gemeenten de regeling al uitvoeren. Zij vragen ook of dat "
        "aantal groeit. Op 1 januari 2026 voerden 214 gemeenten de regeling uit. Ik stuur de Kamer voor 1 juli "
        "2026 een overzicht per gemeente.\n\n"
        "De leden van de CDA-fractie vragen wanneer de regeling wordt geëvalueerd. Ik laat de regeling in 2027 "
        "evalueren.\n", encoding="utf-8")
    doc = parse_document(letter)
    found = [(p.text, a.text) for p, a in quoted_points(doc)]
    assert found == [
        ("De leden van de VVD-fractie vragen hoeveel gemeenten de regeling al uitvoeren. Zij vragen ook of dat "
         "aantal groeit.",
         "Op 1 januari 2026 voerden 214 gemeenten de regeling uit. Ik stuur de Kamer voor 1 juli 2026 een "
         "overzicht per gemeente."),
        ("De leden van de CDA-fractie vragen wanneer de regeling wordt geëvalueerd.",
         "Ik laat de regeling in 2027 evalueren.")]
    sentences = [c.sentence for c in candidates(doc)]
    assert "Ik stuur de Kamer voor 1 juli 2026 een overzicht per gemeente." in sentences
    assert not any("vragen" in s for s in sentences)


def test_a_question_paragraph_that_only_asks_keeps_its_answer_in_the_next_paragraph():
    from assistant.extract.voice import reply_start

    assert reply_start("De leden van de D66-fractie vragen of de minister de termijn verlengt. Zo ja, per "
                       "wanneer?") is None
    assert reply_start("De leden van de D66-fractie vinden het belangrijk dat onderzoek ruimte krijgt. "
                       "Onderzoek vraagt om geduld.") is None


def test_an_answer_inside_the_restating_paragraph_is_mapped_to_the_point_it_answers(tmp_path):
    from assistant.extract.points import map_points

    questions = tmp_path / "vragen.txt"
    questions.write_text("Schriftelijke vragen over de regeling mantelzorgondersteuning\n\n"
                         "1. Hoeveel gemeenten voeren de regeling mantelzorgondersteuning al uit?\n\n"
                         "2. Wanneer wordt de regeling mantelzorgondersteuning door het ministerie geëvalueerd?\n", encoding="utf-8")
    reply = tmp_path / "nota.txt"
    reply.write_text(
        "Nota naar aanleiding van het verslag over de regeling mantelzorgondersteuning\n\n"
        "De leden van de VVD-fractie vragen hoeveel gemeenten de regeling mantelzorgondersteuning al uitvoeren. "
        "Op 1 januari 2026 voerden 214 gemeenten de regeling uit.\n\n"
        "De leden van de CDA-fractie vragen wanneer de regeling mantelzorgondersteuning wordt geëvalueerd. "
        "Ik laat de regeling in 2027 evalueren.\n", encoding="utf-8")
    reply_doc = parse_document(reply)
    mapped = map_points(parse_document(questions), reply_doc)
    assert [m.answer.text for m in mapped] == ["Op 1 januari 2026 voerden 214 gemeenten de regeling uit.",
                                               "Ik laat de regeling in 2027 evalueren."]
    first = mapped[0].answer.source
    block = reply_doc.blocks[first.block - 1]
    assert block.text.endswith(mapped[0].answer.text) and first.start == block.start + block.text.index("Op 1 januari")


@pytest.mark.parametrize("text", [
    "Raadsinformatiebrief voortgang projecten\n\nGeachte raad,\n\nProject Stationsgebied\n\nDe bouw van de fietsenstalling "
    "is in maart gestart en loopt op schema.\n\nProject Centrumplan\n\nDe inspraak over het centrumplan is afgerond.\n",
    "Raadsinformatiebrief parkeerbeleid\n\nGeachte raad,\n\n(a) Aanleiding\n\nDe raad vroeg in mei om een overzicht van "
    "de parkeerdruk.\n\n(b) Stand van zaken\n\nDe metingen in vier wijken zijn klaar.\n\n(c) Vervolg\n\nIn juni "
    "volgt het voorstel.\n",
])
def test_the_sections_of_an_ordinary_letter_are_no_points(text, tmp_path):
    """Headings alone open points only in a document that answers or weighs points, or whose
    headings name them ("Toezegging ..."): a raadsinformatiebrief's sections are not points."""
    from assistant.extract.points import sections

    letter = tmp_path / "brief.txt"
    letter.write_text(text, encoding="utf-8")
    assert sections(parse_document(letter)) == []


def test_a_question_asked_outright_and_its_explanation_stay_one_point():
    from assistant.extract.voice import reply_start

    for text in ("Is het college bereid de speeltuin aan de Dorpsstraat te herstellen? De speeltuin is al drie "
                 "maanden gesloten.",
                 "De adviesraad vraagt aandacht voor de wachttijd voor respijtzorg. Mantelzorgers wachten nu "
                 "gemiddeld twaalf weken op een plek."):
        assert reply_start(text) is None, text


def test_a_reply_subheading_is_no_second_part_of_a_verslag(tmp_path):
    """Only a numbered part ("II Reactie van de minister") divides questions from replies; a
    subheading "Reactie van het college op de overige opmerkingen" drops no point."""
    letter = tmp_path / "reactie.txt"
    letter.write_text(
        "Reactie op het advies over de Wmo\n\n"
        "De adviesraad adviseert de wachttijd voor een keukentafelgesprek te verkorten.\n\n"
        "Wij nemen dit advies over en verkorten de wachttijd per 1 maart tot twee weken.\n\n"
        "De adviesraad adviseert mantelzorgers vaker te betrekken.\n\n"
        "Wij nemen dit advies over.\n\n"
        "Reactie van het college op de overige opmerkingen\n\n"
        "De adviesraad adviseert de website te verbeteren.\n\n"
        "Wij nemen dit advies gedeeltelijk over.\n", encoding="utf-8")
    assert [p.number for p, _ in quoted_points(parse_document(letter))] == ["1", "2", "3"]
