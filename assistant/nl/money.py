"""Euro amounts in Dutch policy letters → :class:`Amount`.

What counts as an amount
------------------------
A number with a euro cue, written the Dutch way ("." groups thousands, "," starts the
cents; a thin or plain space may group thousands too):

* currency first: "€ 500.000,=", "€ 500.000,-", "€500.000", "EUR 80.000", "€ 1.250.000,50",
  "€ 1 miljoen", "€ 1,2 mln.", "€ 2,5 miljard", "€ 0,5 miljoen", "€ 75k";
* currency last: "80.000 euro", "1,2 miljoen euro", "500 euro's";
* budget shorthand without currency: "1,2 mln", "3 mld" (abbreviated scales are only
  used for money in these letters; "17 miljoen inwoners" is not an amount);
* a rate directly after it is part of the amount: "€ 10 miljoen per jaar", "€ 5.000/jaar";
* a range takes its upper bound: "€ 1 à 2 miljoen" → 2.000.000 (the most it can cost).
An English decimal point is accepted only before a scale word or with 1–2 digits
("€ 1.5 miljoen"), never where it could group thousands.

Not amounts: numbers without a euro cue (years, percentages, page and article numbers,
"17 miljoen inwoners"), amounts written in words ("een half miljoen", "twee ton").
With a euro cue any number is an amount, so "€ 2024" is 2024 euros.

kind ("eenmalig" / "structureel")
---------------------------------
The nearest cue from KIND_CUES ("incidenteel", "eenmalige", "structureel", "jaarlijks",
"per jaar", ...) within KIND_WINDOW characters of the amount, in the same sentence and
not beyond a neighbouring amount: in "€ 500.000 incidenteel en € 200.000 structureel"
each amount gets its own cue. None when there is no cue.

period (AmountPeriod; shown here in its compact form)
-----------------------------------------------------
The nearest year expression within PERIOD_WINDOW characters, same limits as kind:

* "2023"       one year: "voor 2023", "in 2023", "over 2023", "begrotingsjaar 2023",
               a budget document "Begroting 2023"
* "2024-2027"  years inclusive: "2024-2027", "in de periode 2024–2027", "2024 t/m 2027",
               "van 2024 tot en met 2027" ("van 2024 tot 2027" → "2024-2026": tot excludes)
* "2025-"      from a year on: "vanaf 2025", "per 2025", "met ingang van 2025"
* "-2027"      up to and including a year: "tot en met 2027", "t/m 2027" ("tot 2027",
               "vóór 2027" → "-2026")
* "per jaar"   recurring, no year stated: "per jaar", "jaarlijks", "/jaar"
A stated year wins over "per jaar": "€ 1 miljoen per jaar vanaf 2025" → "2025-".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from assistant.model import Amount, AmountKind, AmountPeriod

T = TypeVar("T")

__all__ = ["KIND_CUES", "KIND_WINDOW", "PERIOD_WINDOW", "SCALES", "find_amounts", "parse_amount"]

SCALES: dict[str, int] = {
    "duizend": 10**3, "k": 10**3,
    "miljoen": 10**6, "mln": 10**6, "mio": 10**6,
    "miljard": 10**9, "mld": 10**9, "mrd": 10**9,
}  # fmt: skip
SHORTHAND_SCALES = ("mln", "mld", "mrd")  # a euro cue on their own ("1,2 mln")

KIND_CUES: dict[str, AmountKind] = {
    "eenmalig": "eenmalig", "eenmalige": "eenmalig", "incidenteel": "eenmalig", "incidentele": "eenmalig",
    "structureel": "structureel", "structurele": "structureel", "jaarlijks": "structureel",
    "jaarlijkse": "structureel", "per jaar": "structureel", "/jaar": "structureel",
    "per annum": "structureel", "p/j": "structureel",
}  # fmt: skip
# Cues that also say "every year": the period when no year is stated.
YEARLY_CUES = frozenset({"jaarlijks", "jaarlijkse", "per jaar", "/jaar", "per annum", "p/j"})

KIND_WINDOW = 40  # characters between cue and amount; a short clause either side
PERIOD_WINDOW = 60  # a year may sit a little further away: "in de Programmabegroting 2024-2027"

# --------------------------------------------------------------------------- amount regexes


def _number(tag: str) -> str:
    return (
        rf"(?P<num{tag}>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?"  # 1.250.000,50
        rf"|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}}(?!\d))+(?:,\d+)?"  # 1 250 000
        rf"|\d+,\d+"  # 1,2
        rf"|\d+\.\d{{1,2}}(?!\d)"  # 1.5 (English decimal; never a thousands group)
        rf"|\d+)(?![\d.,]\d)"
    )


def _scale(tag: str) -> str:
    words = "|".join(sorted((w for w in SCALES if w != "k"), key=len, reverse=True))
    return rf"(?:\s*(?P<scale{tag}>{words})(?:\.(?!\d))?|(?P<k{tag}>k)(?!\w))"


_NO_CENTS = r"(?:,(?:--?|=|–))?"  # "€ 500.000,-" / ",=": whole euros
_RATE = r"(?P<rate>\s*(?:per\s+jaar|/\s*jaar|per\s+annum|p/j|/yr)(?!\w))?"
_CUR_BEFORE = r"(?:€|\b(?i:eur)\b)"
_CUR_AFTER = r"(?:euro(?:'s)?|(?i:eur)|€)(?!\w)"
_START = r"(?<![\w.,€/])"
_END = r"(?!\s*(?:%|procent))"

_FORMS: tuple[re.Pattern[str], ...] = (
    # "€ 1 à 2 miljoen", "€ 1 miljoen tot € 2 miljoen"
    re.compile(
        rf"{_CUR_BEFORE}\s*{_number('lo')}{_scale('lo')}?\s*(?:à|a|tot|-|–)\s*(?P<cur2>{_CUR_BEFORE}\s*)?"
        rf"{_number('')}{_NO_CENTS}{_scale('')}?{_RATE}{_END}"
    ),
    re.compile(rf"{_CUR_BEFORE}\s*{_number('')}{_NO_CENTS}{_scale('')}?{_RATE}{_END}"),
    re.compile(rf"{_START}{_number('')}{_NO_CENTS}{_scale('')}?\s*{_CUR_AFTER}{_RATE}"),
    re.compile(rf"{_START}{_number('')}\s*(?P<scale>{'|'.join(SHORTHAND_SCALES)})(?:\.(?!\d))?(?!\w){_RATE}"),
)


def _decimal(text: str) -> Decimal:
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    if "," in digits:
        whole, cents = digits.split(",")
        return Decimal(f"{whole.replace('.', '')}.{cents}")
    if re.fullmatch(r"\d+\.\d{1,2}", digits):
        return Decimal(digits)
    return Decimal(digits.replace(".", ""))


def _value(m: re.Match[str], tag: str) -> tuple[Decimal, int | None]:
    scale = m.group(f"scale{tag}") or m.groupdict().get(f"k{tag}")
    return _decimal(m.group(f"num{tag}")), SCALES[scale.lower()] if scale else None


def _euros(m: re.Match[str]) -> Decimal | None:
    number, scale = _value(m, "")
    if "numlo" not in m.groupdict():
        return number * (scale or 1)
    low, low_scale = _value(m, "lo")
    if scale is None and m["cur2"] is None and re.fullmatch(r"(?:19|20)\d\d", m["num"]):
        return None  # "€ 500.000 tot 2025" is an amount and a year
    high = number * (scale or 1)
    if low * (low_scale or scale or 1) >= high:
        return None
    return high


# --------------------------------------------------------------------------- context

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'(‘“])|;|\n\s*\n")
_CUE = re.compile(
    "|".join(
        ("(?<!\\w)" if cue[0].isalpha() else "") + re.escape(cue).replace(r"\ ", r"\s+") + r"(?!\w)"
        for cue in sorted(KIND_CUES, key=len, reverse=True)
    ),
    re.IGNORECASE,
)

# a year, not part of a code ("2024/0412", "ASD-2024-003"); "-" may only lead to another year
_Y = r"(?<![\w/.,\-])(?:19|20)\d\d(?![\w/]|[.,]\d|-(?!(?:19|20)\d\d(?!\d))\d)"
_Y_A = rf"(?P<a>{_Y})"
_Y_B = r"(?P<b>(?:19|20)\d\d)(?![\w/]|[.,\-]\d)"  # the second year of a range follows a dash
_Y_ONE = rf"{_Y_A}(?!\s*(?:[-–—]|t/m|tot)\s*(?:19|20)\d\d)"  # one year, not the start of a range
_DOC = r"[A-Za-z]*(?:begroting|nota|rekening|jaarverslag)"  # Begroting, Voorjaarsnota, Jaarrekening


# Year expressions next to an amount → the period string; first form wins on a tie.
PERIOD_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], AmountPeriod]], ...] = tuple(
    (re.compile(p, re.IGNORECASE), f)
    for p, f in (
        (rf"\bvan\s+{_Y_A}\s+tot\s+{_Y_B}", lambda m: AmountPeriod(int(m["a"]), int(m["b"]) - 1)),
        (rf"(?:\b(?:van|vanaf)\s+)?{_Y_A}\s*(?:[-–—]|t/m|tot\s+en\s+met)\s*{_Y_B}",
         lambda m: AmountPeriod(int(m["a"]), int(m["b"]))),
        (rf"\b(?:vanaf|per|met\s+ingang\s+van|m\.i\.v\.)\s+{_Y_ONE}", lambda m: AmountPeriod(int(m["a"]), None)),
        (rf"\b(?:tot\s+en\s+met|t/m)\s+{_Y_ONE}", lambda m: AmountPeriod(None, int(m["a"]))),
        (rf"(?:\btot|v[óò][óò]r)\s+{_Y_ONE}", lambda m: AmountPeriod(None, int(m["a"]) - 1)),
        (
            rf"\b(?:voor|in|over|gedurende|tijdens|(?:in\s+)?het\s+jaar|begrotingsjaar|{_DOC})\s+{_Y_ONE}",
            lambda m: AmountPeriod(int(m["a"]), int(m["a"])),
        ),
    )
)


def _limits(text: str, start: int, end: int, left: int, right: int) -> tuple[int, int]:
    """The stretch around an amount its cues may come from: its sentence, between its neighbours."""
    for boundary in _SENTENCE_END.finditer(text, left, start):
        left = boundary.end()
    # "€ 1,2 mln. Het college": the abbreviation's dot also ends the sentence
    nxt = _SENTENCE_END.search(text, end - 1 if text[end - 1] == "." else end, right)
    return left, nxt.start() if nxt else right


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def _nearest(matches: Iterable[tuple[int, int, T]], span: tuple[int, int], window: int) -> T | None:
    """The value of the match closest to ``span``; on a tie the longer match, then the earlier one."""
    ranked = [((_distance((s, e), span), s - e, order), value) for order, (s, e, value) in enumerate(matches)]
    in_reach = [r for r in ranked if r[0][0] <= window]
    return min(in_reach)[1] if in_reach else None


def _kind_cue(text: str, span: tuple[int, int], lo: int, hi: int) -> str | None:
    cues = ((m.start(), m.end(), _fold(m.group())) for m in _CUE.finditer(text, lo, hi))
    return _nearest(cues, span, KIND_WINDOW)


def _period(text: str, span: tuple[int, int], lo: int, hi: int) -> AmountPeriod | None:
    def found() -> Iterator[tuple[int, int, AmountPeriod]]:
        for pattern, fmt in PERIOD_FORMS:
            for m in pattern.finditer(text, lo, hi):
                yield m.start(), m.end(), fmt(m)

    return _nearest(found(), span, PERIOD_WINDOW)


def _fold(s: str) -> str:
    return " ".join(s.lower().split())


# --------------------------------------------------------------------------- public API


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every euro amount in ``text``: (start, end, amount), in text order, not overlapping."""
    spans: list[tuple[int, int, Decimal]] = []
    for form in _FORMS:
        for m in form.finditer(text):
            euros = _euros(m)
            if euros is not None:
                spans.append((m.start(), m.end(), euros))
    chosen: list[tuple[int, int, Decimal]] = []
    for cand in sorted(spans, key=lambda c: (c[0] - c[1], c[0])):  # longest first
        if all(cand[1] <= s or cand[0] >= e for s, e, _ in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[0])

    result: list[tuple[int, int, Amount]] = []
    for i, (start, end, euros) in enumerate(chosen):
        prev_end = chosen[i - 1][1] if i else 0
        next_start = chosen[i + 1][0] if i + 1 < len(chosen) else len(text)
        lo, hi = _limits(text, start, end, prev_end, next_start)
        cue = _kind_cue(text, (start, end), lo, hi)
        period = _period(text, (start, end), lo, hi)
        if period is None and cue in YEARLY_CUES:
            period = AmountPeriod(yearly=True)
        amount = Amount(eur=float(euros), label=text[start:end], kind=KIND_CUES[cue] if cue else None, period=period)
        result.append((start, end, amount))
    return result


def parse_amount(expr: str) -> Amount | None:
    """The first amount in ``expr``, with kind and period from the same text; None if none."""
    found = find_amounts(expr)
    return found[0][2] if found else None
