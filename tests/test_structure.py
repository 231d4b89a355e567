import pytest

from assistant.parse.layout import RawParagraph
from assistant.parse.structure import classify, point_label


@pytest.mark.parametrize(
    "text, number",
    [
        ("1. Het vaststellen van een visie.", "1"),
        ("2) Zorg voor voldoende respijtzorg.", "2"),
        ("Advies 3. Betrek jongeren bij het beleid.", "3"),
        ("Adviespunt 2: Versterk de cliëntondersteuning.", "2"),
        ("Aanbeveling 4 - Monitor de effecten.", "4"),
        ("a. Neem contact op met de wijkteams.", "a"),
        ("Vraag 5 Wat kost de pilot?", "5"),
    ],
)
def test_point_labels_are_recognised_and_normalised(text, number):
    assert point_label(text)[0] == number


@pytest.mark.parametrize(
    "text",
    ["2024 wordt een belangrijk jaar.", "3 maart 2025 is de raad geïnformeerd.", "€ 80.000 is beschikbaar."],
)
def test_numbers_that_are_not_labels(text):
    assert point_label(text) is None


def _block(text, hint=None):
    return classify(RawParagraph(text=text, page=1, page_end=1, hint=hint))


def test_numbered_sentence_is_a_point_and_short_numbered_title_a_heading():
    assert _block("1. Het college zal de visie in 2024 vaststellen.").kind == "point"
    heading = _block("2. Achtergrond")
    assert (heading.kind, heading.number) == ("heading", "2")


def test_bullets_are_list_items_and_plain_text_a_paragraph():
    assert _block("• de wijkteams").kind == "list_item"
    assert _block("Wij danken u voor uw advies.").kind == "paragraph"
    assert _block("Inleiding").kind == "heading"


def test_wrapped_subject_in_the_letterhead_is_read_whole():
    from assistant.parse.meta import read_fields

    fields = read_fields(["Datum      2 september 2024", "Onderwerp  Beleidsbrief aanpak armoede en schulden",
                          "           2025-2026"])
    assert fields["onderwerp"] == "Beleidsbrief aanpak armoede en schulden 2025-2026"
    assert fields["datum"] == "2 september 2024"
