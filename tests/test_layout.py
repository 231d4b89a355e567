from assistant.parse.layout import is_page_number, join_lines, strip_running_lines
from assistant.parse.lines import Line


def test_hyphen_across_lines_is_joined_but_compound_hyphen_kept():
    text = join_lines(["de ver-", "sterking van Delft-", "West"])
    assert text == "de versterking van Delft-West"


def test_acronym_compound_keeps_its_hyphen():
    assert join_lines(["alle ASD-", "leden"]) == "alle ASD-leden"


def test_elided_compound_part_keeps_hyphen_and_space():
    assert join_lines(["onze zorg-", "en welzijnspartners"]) == "onze zorg- en welzijnspartners"


def test_vowel_clash_keeps_hyphen():
    assert join_lines(["een auto-", "ongeluk"]) == "een auto-ongeluk"


def test_document_vocabulary_decides_a_known_hyphenated_word():
    vocab = {"sociaal-maatschappelijk"}
    assert join_lines(["het sociaal-", "maatschappelijk werk"], vocab) == "het sociaal-maatschappelijk werk"


def test_wrapped_lines_are_joined_with_single_spaces():
    assert join_lines(["  eerste   regel ", "tweede regel  "]) == "eerste regel tweede regel"


def test_page_number_shapes():
    for text in ["Pagina 2 van 5", "pagina 3", "- 4 -", "2/5", "Blz. 7", "12", "blad 2-3"]:
        assert is_page_number(text), text
    for text in ["2024 wordt een belangrijk jaar.", "Pagina's vol tekst"]:
        assert not is_page_number(text), text


def _page(no: int, body: list[str]) -> list[Line]:
    lines = [Line("Gemeente Rijnwaarde | kenmerk 2024/0412", no)]
    lines += [Line(t, no) for t in body]
    lines.append(Line(f"Pagina {no} van 3", no))
    return lines


def test_running_header_and_footer_are_removed_and_reported():
    bodies = ["Wij danken u voor uw advies.", "Het college neemt het advies over.", "Hoogachtend,"]
    pages = [_page(n, [body]) for n, body in enumerate(bodies, start=1)]
    kept, removed = strip_running_lines(pages)
    assert [[ln.text for ln in page] for page in kept] == [[b] for b in bodies]
    assert "Pagina 2 van 3" in removed


def test_body_lines_that_differ_only_in_numbers_are_kept():
    pages = [_page(n, [f"Er zijn {n * 7} aanvragen ontvangen."]) for n in (1, 2, 3)]
    kept, _ = strip_running_lines(pages)
    assert [len(page) for page in kept] == [1, 1, 1]


def test_niet_prefix_keeps_its_hyphen_but_syllable_breaks_are_joined():
    assert join_lines(["het niet-", "gebruik van regelingen"]) == "het niet-gebruik van regelingen"
    assert join_lines(["120 pro-", "cent"]) == "120 procent"


def test_body_lines_that_hold_their_page_number_are_not_taken_for_running_headers():
    """A generated report where every line names its page: 300 pages must not parse to nothing."""
    sentences = [[Line(f"Regel {i} van de rapportage op pagina {n}: de wachttijd daalde.", n) for i in range(1, 7)]
                 for n in range(1, 301)]
    kept, _ = strip_running_lines(sentences)
    assert sum(len(page) for page in kept) == 6 * 300  # sentences that name their page are body text

    labels = [[Line(f"Tabel {i} op pagina {n}", n) for i in range(1, 7)] for n in range(1, 301)]
    warnings: list[str] = []
    kept, _ = strip_running_lines(labels, warnings)
    assert sum(len(page) for page in kept) == 6 * 300  # never most of a page: kept, and said so
    assert warnings and "300 pagina's" in warnings[0]


def test_a_real_header_and_footer_still_go_without_a_warning():
    pages = [_page(n, [f"Tekst van pagina {n}.", f"De {n}e zin.", f"En nog {n} andere."]) for n in (1, 2, 3)]
    warnings: list[str] = []
    kept, removed = strip_running_lines(pages, warnings)
    assert [len(page) for page in kept] == [3, 3, 3] and not warnings


def _lines(texts: list[str], starts: set[int]) -> list[Line]:
    return [Line(t, 1, new_paragraph=i in starts) for i, t in enumerate(texts)]


def test_a_heading_that_wraps_onto_a_second_line_is_split_from_its_text():
    """A long title in a plain or OCR'd letter: two lines without punctuation, the second short,
    directly above the text, are a heading of their own."""
    from assistant.parse.layout import group_paragraphs

    width_line = "In de vergadering van de commissie Sociaal Domein deed het college enkele toezeggingen die"
    texts = [width_line, "wij hieronder afdoen met de informatie die u in deze brief ontvangt, per punt.",
             "Toezegging overzicht van de wachttijden voor huishoudelijke hulp in alle wijken van",
             "Rijnwaarde",
             "De toezegging aan de fractie was een overzicht per wijk te sturen. Dat overzicht vindt",
             "u in de bijlage. Wij werken het elk kwartaal bij en sturen het u voortaan mee."]
    paragraphs = [p.text for p in group_paragraphs([_lines(texts, {0, 2})])]
    assert paragraphs[1] == "Toezegging overzicht van de wachttijden voor huishoudelijke hulp in alle wijken van Rijnwaarde"
    assert paragraphs[2].startswith("De toezegging aan de fractie")


def test_a_wrapped_sentence_is_no_heading():
    from assistant.parse.layout import group_paragraphs

    texts = ["Het college heeft besloten de subsidie voor het buurthuis in de wijk Oost te verhogen met",
             "ingang van 2026.", "De raad wordt in juni geïnformeerd over de uitvoering van dit besluit."]
    paragraphs = [p.text for p in group_paragraphs([_lines(texts, {0})])]
    assert len(paragraphs) == 1


def test_the_courtesy_sentence_before_the_closing_is_told_apart():
    from assistant.parse.meta import is_courtesy

    for text in ("Ik hoop u hiermee voldoende te hebben geïnformeerd.",
                 "Met deze toelichting vertrouwen wij erop de vragen te hebben beantwoord."):
        assert is_courtesy(text), text
    for text in ("Wij hopen dat de raad het voorstel steunt.", "Wij hopen de regeling in 2026 te hebben ingevoerd."):
        assert not is_courtesy(text), text


def test_an_italic_question_and_the_upright_answer_in_one_paragraph_are_split():
    """A Kamerstuk prints the restated question in italics and runs the answer on in the same
    paragraph, often on the same line: the quote ends at the first sentence end of the upright line."""
    from assistant.parse.layout import group_paragraphs

    lines = [Line("De leden van de fractie vragen hoeveel aanvragen de regeling in het eerste", 1,
                  new_paragraph=True, italic=True),
             Line("jaar heeft gekregen en hoeveel daarvan zijn toegekend. In het eerste jaar zijn", 1),
             Line("412 aanvragen ontvangen, waarvan er 380 zijn toegekend.", 1),
             Line("De leden vragen ook wanneer de regeling wordt geëvalueerd.", 1, new_paragraph=True, italic=True),
             Line("De evaluatie volgt in het voorjaar van 2026.", 1)]
    paragraphs = group_paragraphs([lines])
    assert [(p.text, p.italic) for p in paragraphs] == [
        ("De leden van de fractie vragen hoeveel aanvragen de regeling in het eerste jaar heeft gekregen en "
         "hoeveel daarvan zijn toegekend.", True),
        ("In het eerste jaar zijn 412 aanvragen ontvangen, waarvan er 380 zijn toegekend.", False),
        ("De leden vragen ook wanneer de regeling wordt geëvalueerd.", True),
        ("De evaluatie volgt in het voorjaar van 2026.", False)]


def test_an_italic_heading_above_its_text_stays_a_heading():
    from assistant.parse.layout import group_paragraphs

    lines = [Line("Financiële gevolgen", 1, new_paragraph=True, italic=True),
             Line("De kosten bedragen 40.000 euro per jaar. Deze worden gedekt uit de", 1),
             Line("reserve sociaal domein.", 1)]
    assert [p.text for p in group_paragraphs([lines])] == [
        "Financiële gevolgen", "De kosten bedragen 40.000 euro per jaar. Deze worden gedekt uit de reserve sociaal domein."]
