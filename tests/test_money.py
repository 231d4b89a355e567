"""Euro amounts in Dutch text → Amount (assistant.nl.money)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.model import Amount, AmountPeriod
from assistant.nl.money import KIND_CUES, KIND_WINDOW, SCALES, find_amounts, parse_amount


def only(text: str) -> Amount:
    """The amount of ``text`` when all of it is exactly one amount."""
    found = find_amounts(text)
    assert len(found) == 1, found
    start, end, amount = found[0]
    assert (start, end) == (0, len(text)), found
    assert amount.label == text
    return amount


# --------------------------------------------------------------------------- formats

FORMATS = [
    ("€ 500.000,=", 500_000),
    ("€ 500.000,-", 500_000),
    ("€ 500.000,--", 500_000),
    ("€500.000", 500_000),
    ("€ 1 miljoen", 1_000_000),
    ("€ 1,2 miljoen", 1_200_000),
    ("1,2 mln", 1_200_000),
    ("€ 1,2 mln.", 1_200_000),
    ("€ 80.000", 80_000),
    ("EUR 80.000", 80_000),
    ("80.000 euro", 80_000),
    ("200.000 euro", 200_000),
    ("1,2 miljoen euro", 1_200_000),
    ("500 euro's", 500),
    ("€ 2,5 miljard", 2_500_000_000),
    ("3 mld", 3_000_000_000),
    ("€ 1.250.000,50", 1_250_000.50),
    ("€ 0,5 miljoen", 500_000),
    ("€ 75k", 75_000),
    ("€ 10 duizend", 10_000),
    ("€ 1.5 miljoen", 1_500_000),
    ("€ 1 250 000", 1_250_000),
    ("€ 1\u00a0250\u00a0000", 1_250_000),
    ("€ 12,50", 12.50),
    ("€ 2024", 2024),  # with a euro sign it is an amount, whatever it looks like
    ("€ 1 à 2 miljoen", 2_000_000),  # a range counts at its upper bound
    ("€ 1 miljoen tot € 2 miljoen", 2_000_000),
]


@pytest.mark.parametrize(("text", "eur"), FORMATS)
def test_amount_format(text: str, eur: float) -> None:
    assert only(text).eur == eur


@pytest.mark.parametrize(("text", "eur"), [("€ 10 miljoen per jaar", 10_000_000), ("€ 5.000/jaar", 5_000)])
def test_rate_belongs_to_the_amount(text: str, eur: float) -> None:
    amount = only(text)
    assert (amount.eur, amount.kind, str(amount.period)) == (eur, "structureel", "per jaar")


@pytest.mark.parametrize("word", [w for w in SCALES if w != "k"])
def test_every_scale_word(word: str) -> None:
    assert only(f"€ 3 {word}").eur == 3 * SCALES[word]


NOT_AMOUNTS = [
    "in 2024",
    "2024-2027",
    "een stijging van 25%",
    "25 procent",
    "zie pagina 12",
    "artikel 2.3",
    "kenmerk 2024/0412",
    "om 14.00 uur",
    "17 miljoen inwoners",
    "500.000 woningen",
    "een half miljoen euro",  # amounts in words are not read
    "telefoon 020-5551234",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_an_amount(text: str) -> None:
    assert find_amounts(text) == []


def test_amount_followed_by_a_year_is_not_a_range() -> None:
    [(_, _, amount)] = find_amounts("€ 500.000 tot 2025")
    assert (amount.label, amount.eur, str(amount.period)) == ("€ 500.000", 500_000, "-2024")


# --------------------------------------------------------------------------- kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("structureel € 1 miljoen", "structureel"),
        ("€ 1,2 miljoen structureel", "structureel"),
        ("structurele middelen van € 300.000", "structureel"),
        ("jaarlijks € 80.000", "structureel"),
        ("€ 2 mln per jaar structureel", "structureel"),
        ("eenmalig € 250.000", "eenmalig"),
        ("een eenmalige bijdrage van € 50.000", "eenmalig"),
        ("een aanvullend (incidenteel) budget van € 500.000,= voor 2023", "eenmalig"),
        ("incidentele middelen: € 1 miljoen", "eenmalig"),
        ("€ 1 miljoen", None),
    ],
)
def test_kind_from_the_nearest_cue(text: str, kind: str | None) -> None:
    [(_, _, amount)] = find_amounts(text)
    assert amount.kind == kind


@pytest.mark.parametrize(("cue", "kind"), list(KIND_CUES.items()))
def test_every_kind_cue(cue: str, kind: str) -> None:
    amount = parse_amount(f"een bedrag van € 1 miljoen {cue}")
    assert amount is not None
    assert amount.kind == kind


def test_each_amount_gets_its_own_cue() -> None:
    kinds = [a.kind for _, _, a in find_amounts("€ 500.000 incidenteel en € 200.000 structureel")]
    assert kinds == ["eenmalig", "structureel"]


def test_cue_does_not_reach_past_another_amount() -> None:
    kinds = [a.kind for _, _, a in find_amounts("structureel € 1 miljoen en € 500.000 voor de pilot")]
    assert kinds == ["structureel", None]


def test_cue_does_not_cross_a_sentence() -> None:
    [(_, _, amount)] = find_amounts("Het kost € 1,2 mln. Het college besluit eenmalig iets.")
    assert amount.kind is None


def test_cue_outside_the_window_is_ignored() -> None:
    text = "structureel " + "x" * (KIND_WINDOW + 1) + " € 1 miljoen"
    assert parse_amount(text) == Amount(eur=1_000_000, label="€ 1 miljoen")


# --------------------------------------------------------------------------- period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("€ 500.000 voor 2023", "2023"),
        ("in 2024 € 80.000", "2024"),
        ("In de Voorjaarsnota 2025 is eenmalig € 250.000 gereserveerd", "2025"),
        ("vanaf 2025 € 1 miljoen", "2025-"),
        ("€ 1 miljoen per jaar vanaf 2025", "2025-"),
        ("€ 5 miljoen in de periode 2024-2027", "2024-2027"),
        ("€ 5 miljoen in de periode 2024–2027", "2024-2027"),
        ("€ 5 miljoen voor 2024 t/m 2027", "2024-2027"),
        ("van 2024 tot en met 2027 € 5 miljoen", "2024-2027"),
        ("van 2024 tot 2027 € 5 miljoen", "2024-2026"),
        ("tot en met 2027 jaarlijks € 1 mln", "-2027"),
        ("€ 10 miljoen per jaar", "per jaar"),
        ("jaarlijks € 80.000", "per jaar"),
        ("structureel € 1 miljoen", None),
        ("€ 5.000 voor kenmerk 2024/0412", None),
    ],
)
def test_period_stated_with_the_amount(text: str, period: str | None) -> None:
    [(_, _, amount)] = find_amounts(text)
    assert (str(amount.period) if amount.period else None) == period


# --------------------------------------------------------------------------- whole sentences


def test_sentence_structural_budget_in_programme_budget() -> None:
    text = "Het college heeft structureel € 1 miljoen in de Programmabegroting 2024-2027 opgenomen"
    assert find_amounts(text) == [
        (30, 41, Amount(eur=1_000_000, label="€ 1 miljoen", kind="structureel", period=AmountPeriod(2024, 2027)))
    ]


def test_sentence_incidental_budget_for_a_year() -> None:
    text = "Wij stellen een aanvullend (incidenteel) budget van € 500.000,= voor 2023 beschikbaar."
    assert find_amounts(text) == [(52, 63, Amount(eur=500_000, label="€ 500.000,=", kind="eenmalig", period=AmountPeriod(2023, 2023)))]


def test_sentence_with_two_amounts() -> None:
    text = (
        "Voor de jaren 2024 tot en met 2027 is jaarlijks € 2 miljoen beschikbaar; "
        "daarnaast is eenmalig 80.000 euro nodig voor de opstart in 2024."
    )
    found = find_amounts(text)
    assert [(text[s:e], a.eur, a.kind, str(a.period) if a.period else None) for s, e, a in found] == [
        ("€ 2 miljoen", 2_000_000, "structureel", "2024-2027"),
        ("80.000 euro", 80_000, "eenmalig", "2024"),
    ]


def test_sentence_without_amounts() -> None:
    assert find_amounts("In 2024 is 25% meer nodig, zie pagina 12 en artikel 2.3.") == []


def test_parse_amount_takes_the_first() -> None:
    assert parse_amount("€ 1 miljoen en € 2 miljoen") == Amount(eur=1_000_000, label="€ 1 miljoen")
    assert parse_amount("geen bedrag") is None


# --------------------------------------------------------------------------- round trips


def dutch(cents: int) -> str:
    """1234567.89 euro the Dutch way: "€ 1.234.567,89"."""
    whole, rest = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{rest:02d}"


@given(st.integers(min_value=0, max_value=10**13))
def test_dutch_amount_round_trip(cents: int) -> None:
    amount = only(dutch(cents))
    assert amount.eur == float(Decimal(cents) / 100)


@given(st.integers(min_value=1, max_value=10**9))
def test_whole_euros_with_dash_round_trip(euros: int) -> None:
    text = f"€ {euros:,}".replace(",", ".") + ",-"
    assert only(text).eur == euros


@given(
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(["miljoen", "mln", "miljard"]),
)
def test_scaled_amount_round_trip(units: int, tenths: int, scale: str) -> None:
    text = f"€ {units},{tenths} {scale}"
    assert only(text).eur == float(Decimal(f"{units}.{tenths}") * SCALES[scale])


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=2000, max_value=2040))
def test_amount_in_a_sentence_round_trip(euros: int, year: int) -> None:
    label = f"€ {euros:,}".replace(",", ".")
    text = f"Het college stelt voor {year} een bedrag van {label} beschikbaar."
    [(start, end, amount)] = find_amounts(text)
    assert text[start:end] == amount.label == label
    assert (amount.eur, str(amount.period)) == (euros, str(year))


# Amounts as real letters write them (issue 11): euros, and whether recurring.
@pytest.mark.parametrize("text, eur, kind", [
    ("2,5 miljard euro", 2_500_000_000, None),
    ("€ 10 mln per jaar", 10_000_000, "structureel"),
    ("oplopend tot € 20 miljoen", 20_000_000, None),
    ("€ 0,5 miljard", 500_000_000, None),
    ("een bedrag van 2 miljoen euro structureel", 2_000_000, "structureel"),
    ("EUR 300.000", 300_000, None),
])
def test_amounts_of_real_letters(text, eur, kind):
    [(_, _, amount)] = find_amounts(text)
    assert (amount.eur, amount.kind) == (eur, kind)
