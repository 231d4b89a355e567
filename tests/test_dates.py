"""Dutch date expressions → DateRange (assistant.nl.dates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.model import DateRange
from assistant.nl.dates import (
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    PARTS_OF_YEAR,
    SEASONS,
    Mod,
    find_dates,
    normalise_due,
    parse_dutch_date,
)

REF = date(2025, 3, 14)  # the letter's date in most cases below (a Friday)
MONTH_NAMES = list(MONTHS)


def whole(text: str, reference: date | None = REF) -> tuple[str, str]:
    """The range of ``text`` when it is exactly one date expression."""
    found = find_dates(text, reference)
    assert len(found) == 1, found
    start, end, rng = found[0]
    assert (start, end) == (0, len(text)), found
    assert rng.label == text
    return rng.start.isoformat(), rng.end.isoformat()


# --------------------------------------------------------------------------- expression → range

STATED = [
    # years
    ("in 2024", "2024-01-01", "2024-12-31"),
    ("in de loop van 2024", "2024-01-01", "2024-12-31"),
    ("in het jaar 2024", "2024-01-01", "2024-12-31"),
    ("begrotingsjaar 2025", "2025-01-01", "2025-12-31"),
    ("tegen 2030", "2030-01-01", "2030-12-31"),
    # months
    ("in november 2023", "2023-11-01", "2023-11-30"),
    ("november 2023", "2023-11-01", "2023-11-30"),
    ("nov. 2023", "2023-11-01", "2023-11-30"),
    ("mrt 2024", "2024-03-01", "2024-03-31"),
    ("februari 2024", "2024-02-01", "2024-02-29"),
    # days
    ("op 3 maart 2025", "2025-03-03", "2025-03-03"),
    ("op maandag 3 juni 2024", "2024-06-03", "2024-06-03"),
    ("1 jan. 2024", "2024-01-01", "2024-01-01"),
    ("14-03-2025", "2025-03-14", "2025-03-14"),
    ("14/03/2025", "2025-03-14", "2025-03-14"),
    ("2025-03-14", "2025-03-14", "2025-03-14"),
    ("uiterlijk 1 november 2025", "2025-03-14", "2025-11-01"),
    ("per 1 januari 2026", "2026-01-01", "2026-01-01"),
    ("vanaf 1 januari 2025", "2025-01-01", "2025-01-01"),
    ("met ingang van 1 juli 2025", "2025-07-01", "2025-07-01"),
    # begin / medio / eind
    ("begin 2024", "2024-01-01", "2024-04-30"),
    ("het begin van 2024", "2024-01-01", "2024-04-30"),
    ("medio 2025", "2025-05-01", "2025-08-31"),
    ("half 2025", "2025-05-01", "2025-08-31"),
    ("midden 2025", "2025-05-01", "2025-08-31"),
    ("halverwege 2025", "2025-05-01", "2025-08-31"),
    ("eind 2025", "2025-09-01", "2025-12-31"),
    ("einde 2025", "2025-09-01", "2025-12-31"),
    ("eind van 2025", "2025-09-01", "2025-12-31"),
    ("aan het einde van 2025", "2025-09-01", "2025-12-31"),
    ("uiterlijk eind 2025", "2025-03-14", "2025-12-31"),
    ("begin maart 2026", "2026-03-01", "2026-03-10"),
    ("medio juni 2025", "2025-06-11", "2025-06-20"),
    ("eind februari 2025", "2025-02-21", "2025-02-28"),
    # quarters and halves
    ("het derde kwartaal van 2025", "2025-07-01", "2025-09-30"),
    ("in het 3e kwartaal van 2025", "2025-07-01", "2025-09-30"),
    ("uiterlijk in het derde kwartaal van 2025", "2025-03-14", "2025-09-30"),
    ("Q3 2025", "2025-07-01", "2025-09-30"),
    ("eerste kwartaal 2025", "2025-01-01", "2025-03-31"),
    ("het laatste kwartaal van 2025", "2025-10-01", "2025-12-31"),
    ("4e kwartaal 2026", "2026-10-01", "2026-12-31"),
    ("eerste helft van 2025", "2025-01-01", "2025-06-30"),
    ("tweede helft 2025", "2025-07-01", "2025-12-31"),
    ("het tweede halfjaar van 2025", "2025-07-01", "2025-12-31"),
    # seasons
    ("voorjaar 2026", "2026-03-01", "2026-05-31"),
    ("in het voorjaar van 2026", "2026-03-01", "2026-05-31"),
    ("de lente van 2026", "2026-03-01", "2026-05-31"),
    ("zomer 2026", "2026-06-01", "2026-08-31"),
    ("in het najaar van 2025", "2025-09-01", "2025-11-30"),
    ("winter 2025", "2025-12-01", "2026-02-28"),
    ("winter 2025/2026", "2025-12-01", "2026-02-28"),
    ("na de zomer van 2025", "2025-09-01", "2025-10-31"),
    # year ranges and academic years
    ("2024-2027", "2024-01-01", "2027-12-31"),
    ("2024–2027", "2024-01-01", "2027-12-31"),
    ("2024 t/m 2027", "2024-01-01", "2027-12-31"),
    ("van 2024 tot en met 2027", "2024-01-01", "2027-12-31"),
    ("van 2024 tot 2027", "2024-01-01", "2026-12-31"),
    ("in de periode 2024-2027", "2024-01-01", "2027-12-31"),
    ("in de periode van 2024 tot en met 2027", "2024-01-01", "2027-12-31"),
    ("tussen 1 januari en 31 maart 2026", "2026-01-01", "2026-03-31"),
    ("van maart tot en met juni 2026", "2026-03-01", "2026-06-30"),
    ("van 1 januari 2025 tot 1 januari 2026", "2025-01-01", "2025-12-31"),
    ("schooljaar 2025/2026", "2025-08-01", "2026-07-31"),
    ("het schooljaar 2025-2026", "2025-08-01", "2026-07-31"),
    ("collegejaar 2025/26", "2025-09-01", "2026-08-31"),
    # modifiers that move the end
    ("na 2025", "2026-01-01", "2026-01-01"),
    ("vanaf 2025", "2025-01-01", "2025-01-01"),
    ("vóór 2023", "2022-12-31", "2022-12-31"),
]


@pytest.mark.parametrize(("text", "start", "end"), STATED)
def test_expression_with_a_stated_year(text: str, start: str, end: str) -> None:
    assert whole(text) == (start, end)


# BEFORE and UNTIL ranges start at the reference date, so they differ without one
STATED_FIXED = [c for c in STATED if MODIFIERS.get(c[0].split()[0].lower()) not in (Mod.BEFORE, Mod.UNTIL)]


@pytest.mark.parametrize(("text", "start", "end"), STATED_FIXED)
def test_expression_with_a_stated_year_needs_no_reference(text: str, start: str, end: str) -> None:
    assert whole(text, None) == (start, end)


RELATIVE = [  # reference 2025-03-14
    ("uiterlijk in het derde kwartaal", "2025-03-14", "2025-09-30"),
    ("in het eerste kwartaal", "2025-01-01", "2025-03-31"),  # still running on 14 March
    ("in januari", "2026-01-01", "2026-01-31"),  # January 2025 is over
    ("in november", "2025-11-01", "2025-11-30"),
    ("in februari", "2026-02-01", "2026-02-28"),  # February 2025 is over
    ("vanaf maart", "2025-03-01", "2025-03-01"),  # March 2025 is still running
    ("in de zomer", "2025-06-01", "2025-08-31"),
    ("voor de zomer", "2025-03-14", "2025-06-30"),
    ("vóór de zomervakantie", "2025-03-14", "2025-06-30"),
    ("vóór de zomer van 2026", "2025-03-14", "2026-06-30"),
    ("na de zomer", "2025-09-01", "2025-10-31"),
    ("na het zomerreces", "2025-09-01", "2025-10-31"),
    ("rond de jaarwisseling", "2025-12-15", "2026-01-15"),
    ("voor de kerst", "2025-03-14", "2025-12-24"),
    ("in de winter", "2025-12-01", "2026-02-28"),
    ("volgend jaar", "2026-01-01", "2026-12-31"),
    ("komend jaar", "2026-01-01", "2026-12-31"),
    ("het komende jaar", "2026-01-01", "2026-12-31"),
    ("in het nieuwe jaar", "2026-01-01", "2026-12-31"),
    ("dit jaar", "2025-01-01", "2025-12-31"),
    ("vorig jaar", "2024-01-01", "2024-12-31"),
    ("nog dit jaar", "2025-03-14", "2025-12-31"),
    ("dit kwartaal", "2025-01-01", "2025-03-31"),
    ("volgend kwartaal", "2025-04-01", "2025-06-30"),
    ("volgende maand", "2025-04-01", "2025-04-30"),
    ("volgend schooljaar", "2025-08-01", "2026-07-31"),
    ("dit najaar", "2025-09-01", "2025-11-30"),
    ("komend voorjaar", "2026-03-01", "2026-05-31"),  # spring 2025 has not started, but it is the next one
    ("volgend voorjaar", "2026-03-01", "2026-05-31"),
    ("afgelopen zomer", "2024-06-01", "2024-08-31"),
    ("eind dit jaar", "2025-09-01", "2025-12-31"),
    ("eind van het jaar", "2025-09-01", "2025-12-31"),
    ("voor het einde van het jaar", "2025-03-14", "2025-12-31"),
    ("begin volgend jaar", "2026-01-01", "2026-04-30"),
    ("medio volgend jaar", "2026-05-01", "2026-08-31"),
    ("het derde kwartaal van volgend jaar", "2026-07-01", "2026-09-30"),
    ("binnen drie maanden", "2025-03-14", "2025-06-14"),
    ("binnen 3 maanden", "2025-03-14", "2025-06-14"),
    ("binnen twee weken", "2025-03-14", "2025-03-28"),
    ("binnen een jaar", "2025-03-14", "2026-03-14"),
    ("binnen een half jaar", "2025-03-14", "2025-09-14"),
    ("binnen anderhalf jaar", "2025-03-14", "2026-09-14"),
    ("binnen 30 dagen", "2025-03-14", "2025-04-13"),
    ("binnen vijf werkdagen", "2025-03-14", "2025-03-21"),
    ("in de komende twee jaar", "2025-03-14", "2027-03-14"),
    ("over drie maanden", "2025-06-14", "2025-06-14"),
    ("vóór 1 november 2025", "2025-03-14", "2025-10-31"),
    ("voor 1 november 2025", "2025-03-14", "2025-10-31"),
    ("uiterlijk vóór 1 juli", "2025-03-14", "2025-06-30"),
    ("vóór 1 maart", "2025-03-14", "2026-02-28"),  # 1 March 2025 has passed
    ("tot 1 januari 2026", "2025-03-14", "2025-12-31"),
    ("tot en met 2027", "2025-03-14", "2027-12-31"),
    ("vóór eind 2025", "2025-03-14", "2025-12-31"),
    ("begin maart", "2026-03-01", "2026-03-10"),
]


@pytest.mark.parametrize(("text", "start", "end"), RELATIVE)
def test_expression_resolved_against_the_letter_date(text: str, start: str, end: str) -> None:
    assert whole(text) == (start, end)


@pytest.mark.parametrize("text", [text for text, _, _ in RELATIVE if not any(c.isdigit() for c in text)])
def test_relative_expression_without_reference_is_not_found(text: str) -> None:
    assert find_dates(text) == []


def test_before_without_reference_is_a_deadline_only_range() -> None:
    assert whole("vóór 1 november 2025", None) == ("2025-10-31", "2025-10-31")


def test_before_a_deadline_already_past_keeps_the_deadline() -> None:
    assert whole("vóór 1 november 2024") == ("2024-10-31", "2024-10-31")


def test_winter_in_january_is_the_current_winter() -> None:
    assert whole("deze winter", date(2025, 1, 20)) == ("2024-12-01", "2025-02-28")


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize(("name", "number"), list(MONTHS.items()))
def test_every_month_name(name: str, number: int) -> None:
    assert whole(f"15 {name.capitalize()} 2025")[0] == date(2025, number, 15).isoformat()


@pytest.mark.parametrize(("abbreviation", "number"), list(MONTH_ABBREVIATIONS.items()))
def test_every_month_abbreviation(abbreviation: str, number: int) -> None:
    assert whole(f"in {abbreviation}. 2025")[0] == date(2025, number, 1).isoformat()


@pytest.mark.parametrize("abbreviation", ["jan", "Jan.", "dec"])
def test_abbreviated_month_alone_is_not_a_date(abbreviation: str) -> None:
    assert find_dates(f"in {abbreviation} komt", REF) == []


@pytest.mark.parametrize(("part", "months"), list(PARTS_OF_YEAR.items()))
def test_every_part_of_year(part: str, months: tuple[int, int]) -> None:
    start, end = whole(f"{part} 2025")
    assert (int(start[5:7]), int(end[5:7])) == months


@pytest.mark.parametrize("name", list(SEASONS))
def test_every_season_with_a_year(name: str) -> None:
    season = SEASONS[name]
    start, end = whole(f"in de {name} van 2025")
    assert start == date(2025, *season.start).isoformat()
    assert end[:4] == ("2026" if season.wraps else "2025")


@pytest.mark.parametrize("modifier", list(MODIFIERS))
def test_every_modifier_attaches_to_a_date(modifier: str) -> None:
    start, end = whole(f"{modifier} 1 oktober 2025")
    expected = {
        Mod.WITHIN: ("2025-10-01", "2025-10-01"),
        Mod.BEFORE: ("2025-03-14", "2025-09-30"),
        Mod.UNTIL: ("2025-03-14", "2025-10-01"),
        Mod.FROM: ("2025-10-01", "2025-10-01"),
        Mod.AFTER: ("2025-10-02", "2025-10-02"),
    }[MODIFIERS[modifier]]
    assert (start, end) == expected


@pytest.mark.parametrize("spelling", ["vóór", "voor", "Vóór", "VOOR", "vòòr", "vo\u0301o\u0301r"])
def test_every_spelling_of_voor_means_before(spelling: str) -> None:
    assert whole(f"{spelling} 1 juli 2025")[1] == "2025-06-30"


@pytest.mark.parametrize("ordinal", ["derde", "3e", "3de", "Derde"])
def test_ordinal_spellings(ordinal: str) -> None:
    assert whole(f"het {ordinal} kwartaal van 2025") == ("2025-07-01", "2025-09-30")


# --------------------------------------------------------------------------- what is not a date

NOT_DATES = [
    "€ 2024",
    "een bedrag van € 2024 per maand",
    "kenmerk 2024/0412",
    "zaaknummer ASD-2024-003",
    "artikel 2.3 van de verordening",
    "een stijging van 2024%",
    "zie pagina 2024",
    "om 14.00 uur",
    "Kadernota 2023",
    "zoals vastgelegd in de Kadernota 2023",
    "de Begroting 2025 en de Jaarrekening 2024",
    "de Woonvisie 2030",
    "2024",
    "in de zomer",  # needs a reference
    "de zomer was warm",
    "in de komende maanden",
    "op korte termijn",
    "binnenkort",
    "de eerste helft van de vergadering",
    "31 april 2025",
    "in 2.024 woningen",
    "Voorjaarsnota",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, REF if text != "in de zomer" else None) == []


def test_unaccented_voor_with_a_year_means_for() -> None:
    text = "het budget voor 2023"
    assert find_dates(text) == [(16, 20, DateRange(date(2023, 1, 1), date(2023, 12, 31), "2023"))]


def test_year_range_in_a_document_title_is_kept() -> None:
    text = "Programmabegroting 2024-2027"
    assert find_dates(text) == [(19, 28, DateRange(date(2024, 1, 1), date(2027, 12, 31), "2024-2027"))]


def test_years_listed_after_one_preposition() -> None:
    labels = [r.label for _, _, r in find_dates("in 2024, 2025 en 2026")]
    assert labels == ["in 2024", "2025", "2026"]


# --------------------------------------------------------------------------- whole sentences


def spans(text: str, reference: date | None = REF) -> list[tuple[str, str, str]]:
    out = []
    for start, end, rng in find_dates(text, reference):
        assert text[start:end] == rng.label
        out.append((rng.label, rng.start.isoformat(), rng.end.isoformat()))
    return out


def test_sentence_traject_in_2024() -> None:
    text = "Daarom start de gemeente een traject op om in 2024 te komen tot een visie"
    assert find_dates(text) == [(43, 50, DateRange(date(2024, 1, 1), date(2024, 12, 31), "in 2024"))]


def test_sentence_new_policy_per_date() -> None:
    text = "Dit zal leiden tot de implementatie van nieuw beleid per 1 januari 2026"
    assert find_dates(text) == [(53, 71, DateRange(date(2026, 1, 1), date(2026, 1, 1), "per 1 januari 2026"))]


def test_sentence_results_begin_2024() -> None:
    text = "De resultaten worden begin 2024 verwacht"
    assert find_dates(text) == [(21, 31, DateRange(date(2024, 1, 1), date(2024, 4, 30), "begin 2024"))]


def test_sentence_budget_title_with_amount() -> None:
    text = "Het college heeft structureel € 1 miljoen in de Programmabegroting 2024-2027 opgenomen"
    assert spans(text) == [("2024-2027", "2024-01-01", "2027-12-31")]
    assert find_dates(text)[0][:2] == (67, 76)


def test_sentence_with_several_dates_in_text_order() -> None:
    text = (
        "Het college informeert de raad uiterlijk in het derde kwartaal over de evaluatie "
        "en neemt vóór 1 november 2025 een besluit; de nieuwe regeling geldt vanaf 2026."
    )
    assert spans(text) == [
        ("uiterlijk in het derde kwartaal", "2025-03-14", "2025-09-30"),
        ("vóór 1 november 2025", "2025-03-14", "2025-10-31"),
        ("vanaf 2026", "2026-01-01", "2026-01-01"),
    ]


def test_sentence_letter_with_reference_numbers() -> None:
    text = "In uw brief van 14 maart 2025 (kenmerk 2024/0412, zaak ASD-2024-003) vraagt u om 14.00 uur"
    assert spans(text) == [("14 maart 2025", "2025-03-14", "2025-03-14")]


def test_sentence_before_summer_recess() -> None:
    text = "Wij streven ernaar de raad nog vóór de zomer van 2026 een voorstel te sturen."
    assert spans(text) == [("nog vóór de zomer van 2026", "2025-03-14", "2026-06-30")]


def test_longest_reading_wins() -> None:
    assert spans("in de periode van 2024 tot en met 2027") == [
        ("in de periode van 2024 tot en met 2027", "2024-01-01", "2027-12-31")
    ]


# --------------------------------------------------------------------------- normalise_due / parse_dutch_date


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("uiterlijk eind 2025", "2025-03-14", "2025-12-31"),
        ("uiterlijk eind 2025.", "2025-03-14", "2025-12-31"),
        (" (Q3 2025) ", "2025-07-01", "2025-09-30"),
        ("nov. 2023", "2023-11-01", "2023-11-30"),
        ("2024", "2024-01-01", "2024-12-31"),
        ("november", "2025-11-01", "2025-11-30"),
        ("de zomer", "2025-06-01", "2025-08-31"),
    ],
)
def test_normalise_due(expression: str, start: str, end: str) -> None:
    rng = normalise_due(expression, REF)
    assert rng is not None
    assert (rng.start.isoformat(), rng.end.isoformat()) == (start, end)


@pytest.mark.parametrize("expression", ["gereed in 2024", "zo snel mogelijk", "", "in 2024 en 2025", "volgend jaar"])
def test_normalise_due_rejects_anything_but_one_whole_expression(expression: str) -> None:
    assert normalise_due(expression) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 maart 2025", date(2025, 3, 14)),
        ("1 jan. 2024", date(2024, 1, 1)),
        ("14-03-2025", date(2025, 3, 14)),
        ("2025-03-14", date(2025, 3, 14)),
        ("maandag 3 juni 2024", date(2024, 6, 3)),
        ("Maandag, 3 juni 2024", date(2024, 6, 3)),
        ("Den Haag, 14 maart 2025", date(2025, 3, 14)),
        ("Datum: 14 maart 2025", date(2025, 3, 14)),
        ("  14 maart 2025. ", date(2025, 3, 14)),
        ("31 april 2025", None),
        ("maart 2025", None),
        ("14 maart", None),
        ("in 2025", None),
        ("kenmerk 2024/0412", None),
    ],
)
def test_parse_dutch_date(text: str, expected: date | None) -> None:
    assert parse_dutch_date(text) == expected


# --------------------------------------------------------------------------- round trips

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(DATES)
def test_written_date_round_trip(d: date) -> None:
    assert parse_dutch_date(f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}") == d


@given(DATES)
def test_numeric_date_round_trip(d: date) -> None:
    assert parse_dutch_date(f"{d.day:02d}-{d.month:02d}-{d.year}") == d
    assert parse_dutch_date(d.isoformat()) == d


@given(DATES)
def test_date_in_a_sentence_round_trip(d: date) -> None:
    text = f"Het besluit wordt op {d.day} {MONTH_NAMES[d.month - 1]} {d.year} genomen."
    [(start, end, rng)] = find_dates(text)
    assert (rng.start, rng.end) == (d, d)
    assert text[start:end] == rng.label == f"op {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


@given(st.integers(1900, 2099), st.integers(1, 4))
def test_quarter_round_trip(year: int, quarter: int) -> None:
    ordinal = ["eerste", "tweede", "derde", "vierde"][quarter - 1]
    rng = normalise_due(f"in het {ordinal} kwartaal van {year}")
    assert rng is not None
    assert rng.start == date(year, 3 * quarter - 2, 1)
    assert rng.end + timedelta(days=1) == (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1))


@given(st.integers(1900, 2099), st.integers(0, 10))
def test_year_range_round_trip(first: int, extra: int) -> None:
    last = min(first + extra, 2099)
    rng = normalise_due(f"{first}-{last}")
    assert rng is not None
    assert (rng.start, rng.end) == (date(first, 1, 1), date(last, 12, 31))


FRAGMENTS = [
    "in 2024", "De raad", "voor de zomer", "€ 2024", "uiterlijk eind 2025", "kenmerk 2024/0412",
    "binnen drie maanden", "Q3 2025", "van 2024 tot en met 2027", "en", ",", "vóór 1 november 2025",
    "Kadernota 2023", "het derde kwartaal", "om 14.00 uur",
]  # fmt: skip


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_matches_are_ordered_disjoint_and_labelled_by_their_span(parts: list[str]) -> None:
    text = " ".join(parts)
    found = find_dates(text, REF)
    for start, end, rng in found:
        assert text[start:end] == rng.label
        assert rng.start <= rng.end
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))


# Expressions real letters use for a deadline (issue 11): each with the window it stands for.
@pytest.mark.parametrize("text, reference, start, end", [
    ("deze kabinetsperiode", "2024-07-17", "2024-07-17", "2027-12-31"),
    ("deze collegeperiode", "2022-06-13", "2022-06-13", "2026-03-31"),
    ("deze raadsperiode", "2024-03-01", "2024-03-01", "2026-03-31"),
    ("eind 1e kwartaal 2022", "2021-06-17", "2022-03-01", "2022-03-31"),
    ("begin van het derde kwartaal", "2024-01-10", "2024-07-01", "2024-07-31"),
    ("eind maart/begin april", "2011-03-01", "2011-03-21", "2011-04-10"),
    ("in maart/april 2025", "2024-01-01", "2025-03-01", "2025-04-30"),
    ("op Prinsjesdag", "2024-06-01", "2024-09-17", "2024-09-17"),
    ("nog dit jaar", "2024-07-17", "2024-07-17", "2024-12-31"),
    ("voor het einde van het jaar", "2024-03-05", "2024-03-05", "2024-12-31"),
    ("dit najaar", "2024-07-17", "2024-09-01", "2024-11-30"),
    ("voor de zomer", "2024-07-17", "2024-07-17", "2025-06-30"),
    ("voor de zomer", "2024-03-05", "2024-03-05", "2024-06-30"),
    ("na de zomer", "2024-07-23", "2024-09-01", "2024-10-31"),
    ("komend voorjaar", "2024-07-17", "2025-03-01", "2025-05-31"),
    ("binnen twee jaar", "2024-03-05", "2024-03-05", "2026-03-05"),
    ("in de jaren 2025 tot en met 2028", "2024-01-01", "2025-01-01", "2028-12-31"),
    ("2025–2027", "2024-01-01", "2025-01-01", "2027-12-31"),
])
def test_deadline_expressions_of_real_letters(text, reference, start, end):
    [(_, _, found)] = find_dates(text, reference=date.fromisoformat(reference))
    assert (found.start.isoformat(), found.end.isoformat()) == (start, end)


def test_a_commitment_in_two_listed_years_is_due_over_both():
    from assistant.extract.commitments import _due

    sentence = "Wij stellen in 2025 en 2026 jaarlijks € 80.000 beschikbaar."
    due = _due(find_dates(sentence, reference=date(2024, 11, 1)), date(2024, 11, 1), sentence)
    assert (due.start, due.end, due.label) == (date(2025, 1, 1), date(2026, 12, 31), "in 2025 en 2026")
