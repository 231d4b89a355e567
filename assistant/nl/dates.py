"""Dutch date and period expressions in policy letters → :class:`DateRange`.

Everything a letter says about *when* ("per 1 januari 2026", "uiterlijk in het derde
kwartaal", "voor de zomer", "binnen drie maanden") becomes an inclusive ``start..end``
range with the exact words from the text as ``label``.

How an expression is read
-------------------------
An expression is an optional *modifier* (MODIFIERS: "uiterlijk", "vóór", "vanaf", ...)
followed by a *period* ("2025", "het derde kwartaal van 2025", "de zomer", "1 januari
2026"). The period gives a range; the modifier reshapes it:

* WITHIN (in, op, tijdens, in de loop van, ...): the period itself.
* BEFORE (vóór, voor, tot): ends the day before the period starts. "vóór eind 2025"
  ends 31 December ("eind" names a moment, not Sep–Dec); "vóór de zomer(vakantie)" ends
  30 June (before the summer recess, not before 1 June).
* UNTIL (uiterlijk, ten laatste, niet later dan, tot en met, t/m, nog): ends where the
  period ends. "uiterlijk in het derde kwartaal van 2025" promises it by 30 September 2025
  at the latest, so it may happen any day from the letter on: that is its window.
* For BEFORE and UNTIL the start is the reference date when given and not after the
  end; otherwise start = end (a deadline-only range).
* FROM (vanaf, per, met ingang van, sinds): open-ended, so start = end = the first day.
* AFTER (na): open-ended, start = end = the day after the period; exception:
  "na de zomer(vakantie)" = 1 September .. 31 October (the season after the recess).

Two periods make one range: "van X tot en met Y", "van X tot Y", "tussen X en Y",
"X t/m Y", "X – Y"; a year stated on one side dates the other ("van maart tot en met
juni 2026"). Years listed after one modifier each count: "in 2024, 2025 en 2026".

Conventions of this project
---------------------------
* begin / medio (half, midden, halverwege) / eind (einde) of a year = Jan–Apr / May–Aug /
  Sep–Dec; of a month = days 1–10 / 11–20 / 21–last.
* Seasons are meteorological: voorjaar/lente Mar–May, zomer Jun–Aug, najaar/herfst
  Sep–Nov; "winter Y" = 1 Dec Y .. end Feb Y+1 (so "winter 2025/2026" = "winter 2025").
  zomervakantie/zomerreces Jul–Aug; jaarwisseling 15 Dec .. 15 Jan; kerst 25–26 Dec.
* schooljaar/cursusjaar 2025/2026 = 1 Aug 2025 .. 31 Jul 2026; collegejaar/studiejaar
  start 1 September.
* "tot" excludes, "tot en met" includes: "van 2024 tot 2027" ends 31 December 2026.
* A date with a weekday that does not fit ("dinsdag 3 juni 2024") keeps the date.

The reference date (the letter's date)
--------------------------------------
Periods without a year ("in november", "in het derde kwartaal", "voor de zomer") take
the reference's year, unless the resulting range already ended before the reference
date, then the next year (for FROM modifiers the named period counts, so "vanaf november"
written on 15 November is this November). Relative expressions are computed from it:

* "dit jaar" / "volgend jaar", "komend jaar", "het komende jaar", "het nieuwe jaar" /
  "vorig jaar": the calendar year of / after / before the reference; likewise "dit
  kwartaal", "volgende maand", "komend halfjaar", "volgend schooljaar".
* "dit najaar": the one containing the reference, else the one in its year;
  "komend/volgend voorjaar": the first one starting after the reference;
  "afgelopen zomer": the last one ended before it.
* "binnen drie maanden", "de komende 2 jaar": reference .. reference + N (calendar
  months, weeks, days; "werkdagen" skip weekends); "over drie maanden": that one day.
Without a reference these expressions are not found at all.

Deliberately not a date
-----------------------
* A bare year needs a modifier ("in 2024", "vanaf 2025", "tegen 2030") or a year noun
  ("het jaar 2024", "begrotingsjaar 2025"). So a year after a document name ("Kadernota
  2023", "Begroting 2025", "Woonvisie 2030"), an amount ("€ 2024") or a number
  ("2024/0412", "ASD-2024-003", "2024%") is never a date. A year *range* stands on its
  own and is found also in a title ("Programmabegroting 2024-2027"): the commitment
  extractor decides whether a budget period is a deadline.
* A bare month or season needs a modifier, a year or "dit/komend/...". Abbreviated
  months need a day or a year ("jan" alone is usually a name).
* Unaccented "voor" + a whole year ("het budget voor 2023", "voor volgend jaar") is
  read as "for": the match is the year alone. "vóór 2023" (accent) and "voor" + anything
  shorter ("voor 1 november", "voor de zomer") mean "before".
* Vague phrases: "binnenkort", "op korte termijn", "zo snel mogelijk", "in de komende
  maanden/jaren", "later" on its own, "in de nabije toekomst"; weeks ("volgende week",
  "week 12").
* Two-digit years ("'25", "14-03-25"), dates in words ("de eerste van de maand").
* "binnen zes weken na ontvangst" is counted from the reference date: the anchor
  ("na ontvangst") is not read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from assistant.model import DateRange

__all__ = [
    "MODIFIERS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "PARTS_OF_MONTH",
    "PARTS_OF_YEAR",
    "SEASONS",
    "Mod",
    "Season",
    "find_dates",
    "normalise_due",
    "parse_dutch_date",
]

DAY = timedelta(days=1)

# --------------------------------------------------------------------------- tables

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

# Abbreviations, with or without a dot; "mei" has none.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: tuple[str, ...] = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

LAST = 0  # "laatste": the last quarter or half, whichever is being counted
ORDINALS: dict[str, int] = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2,
    "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": LAST,
}  # fmt: skip

# Counts in "binnen drie maanden"; vague counts ("enkele", "een paar") are left out on purpose.
COUNTS: dict[str, float] = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "veertien": 14,
    "vijftien": 15, "achttien": 18, "twintig": 20, "dertig": 30, "zestig": 60,
    "negentig": 90, "een half": 0.5, "een halve": 0.5, "anderhalf": 1.5, "anderhalve": 1.5,
}  # fmt: skip

# Units of "binnen N ...": (what to add, how many of it per unit).
DURATION_UNITS: dict[str, tuple[str, int]] = {
    "dag": ("days", 1), "dagen": ("days", 1), "werkdag": ("workdays", 1), "werkdagen": ("workdays", 1),
    "week": ("days", 7), "weken": ("days", 7), "maand": ("months", 1), "maanden": ("months", 1),
    "kwartaal": ("months", 3), "kwartalen": ("months", 3), "jaar": ("months", 12), "jaren": ("months", 12),
}  # fmt: skip

# "dit/volgend/vorig <unit>": offset from the unit containing the reference date.
REL_DETERMINERS: dict[str, int] = {
    "dit": 0, "deze": 0, "huidige": 0, "lopende": 0,
    "volgend": 1, "volgende": 1, "komend": 1, "komende": 1, "aankomend": 1, "aankomende": 1,
    "vorig": -1, "vorige": -1, "afgelopen": -1,
}  # fmt: skip

# Calendar units for "dit kwartaal", "volgend schooljaar": (length in months, first month).
REL_UNITS: dict[str, tuple[int, int]] = {
    "maand": (1, 1), "kwartaal": (3, 1), "halfjaar": (6, 1), "jaar": (12, 1), "kalenderjaar": (12, 1),
    "schooljaar": (12, 8), "cursusjaar": (12, 8), "studiejaar": (12, 9), "collegejaar": (12, 9),
}  # fmt: skip
ACADEMIC_YEARS = ("schooljaar", "cursusjaar", "studiejaar", "collegejaar")

# Months of a year covered by "begin/medio/eind <year>" (project convention: thirds).
PARTS_OF_YEAR: dict[str, tuple[int, int]] = {
    "begin": (1, 4), "medio": (5, 8), "half": (5, 8), "midden": (5, 8), "halverwege": (5, 8),
    "eind": (9, 12), "einde": (9, 12),
}  # fmt: skip
# Days of a month covered by "begin/medio/eind <month>" (31 = the last day).
PARTS_OF_MONTH: dict[str, tuple[int, int]] = {
    "begin": (1, 10), "medio": (11, 20), "half": (11, 20), "midden": (11, 20), "halverwege": (11, 20),
    "eind": (21, 31), "einde": (21, 31),
}  # fmt: skip
# "vóór eind X" means by the end of X: these parts name a moment at the end of the period.
POINT_AT_END = frozenset({"eind", "einde"})

MonthDay = tuple[int, int]


@dataclass(frozen=True)
class Season:
    """A named time of year. Dates before ``start`` in a wrapping season fall in the next year."""

    start: MonthDay
    end: MonthDay  # day 29/31 is clamped to the month
    before_end: MonthDay | None = None  # last day of "vóór de <season>", if not the day before start
    after: tuple[MonthDay, MonthDay] | None = None  # "na de <season>", if not the day after end

    @property
    def wraps(self) -> bool:
        return self.end < self.start

    def _at(self, year: int, md: MonthDay) -> date:
        return _clamped(year + 1 if self.wraps and md < self.start else year, *md)

    def period(self, year: int) -> _Period:
        """This season starting in ``year``."""
        return _Period(
            self._at(year, self.start),
            self._at(year, self.end),
            before_end=self._at(year, self.before_end) if self.before_end else None,
            after=(self._at(year, self.after[0]), self._at(year, self.after[1])) if self.after else None,
        )


# Political summer: "voor de zomer" = before the recess in July, "na de zomer" = Sep–Oct.
_BEFORE_SUMMER: MonthDay = (6, 30)
_AFTER_SUMMER: tuple[MonthDay, MonthDay] = ((9, 1), (10, 31))
SEASONS: dict[str, Season] = {
    "voorjaar": Season((3, 1), (5, 31)),
    "lente": Season((3, 1), (5, 31)),
    "zomer": Season((6, 1), (8, 31), _BEFORE_SUMMER, _AFTER_SUMMER),
    "zomervakantie": Season((7, 1), (8, 31), _BEFORE_SUMMER, _AFTER_SUMMER),
    "zomerreces": Season((7, 1), (8, 31), _BEFORE_SUMMER, _AFTER_SUMMER),
    "najaar": Season((9, 1), (11, 30)),
    "herfst": Season((9, 1), (11, 30)),
    "winter": Season((12, 1), (2, 29)),
    "jaarwisseling": Season((12, 15), (1, 15), before_end=(12, 31), after=((1, 1), (1, 31))),
    "kerst": Season((12, 25), (12, 26)),
    "kerstmis": Season((12, 25), (12, 26)),
}


class Mod(Enum):
    """How a modifier reshapes the period after it (see the module docstring)."""

    WITHIN = "within"
    BEFORE = "before"
    UNTIL = "until"
    FROM = "from"
    AFTER = "after"


# Keys are lower case; "vóór" also matches "voor", "vòòr" and "vóor".
MODIFIERS: dict[str, Mod] = {
    # the period itself
    "in": Mod.WITHIN, "op": Mod.WITHIN, "gedurende": Mod.WITHIN, "tijdens": Mod.WITHIN,
    "in de loop van": Mod.WITHIN, "ergens in": Mod.WITHIN, "rond": Mod.WITHIN, "rondom": Mod.WITHIN,
    "omstreeks": Mod.WITHIN, "tegen": Mod.WITHIN, "in de periode": Mod.WITHIN, "de periode": Mod.WITHIN,
    # "uiterlijk X": any time from the letter until the end of X (see UNTIL)
    "uiterlijk": Mod.UNTIL, "uiterlijk in": Mod.UNTIL, "uiterlijk op": Mod.UNTIL,
    "uiterlijk in de loop van": Mod.UNTIL, "ten laatste": Mod.UNTIL, "ten laatste in": Mod.UNTIL,
    "ten laatste op": Mod.UNTIL, "niet later dan": Mod.UNTIL,
    # before the period starts
    "vóór": Mod.BEFORE, "uiterlijk vóór": Mod.BEFORE, "nog vóór": Mod.BEFORE, "ruim vóór": Mod.BEFORE,
    "ver vóór": Mod.BEFORE, "tot": Mod.BEFORE, "voorafgaand aan": Mod.BEFORE,
    # up to and including the period
    "tot en met": Mod.UNTIL, "t/m": Mod.UNTIL, "tot uiterlijk": Mod.UNTIL, "nog": Mod.UNTIL,
    "nog in": Mod.UNTIL, "later": Mod.UNTIL, "later in": Mod.UNTIL,
    # open-ended, from the first day of the period
    "vanaf": Mod.FROM, "per": Mod.FROM, "met ingang van": Mod.FROM, "m.i.v.": Mod.FROM,
    "sinds": Mod.FROM, "niet eerder dan": Mod.FROM, "uiterlijk per": Mod.FROM,
    # open-ended, from the day after the period
    "na": Mod.AFTER, "na afloop van": Mod.AFTER, "pas na": Mod.AFTER, "direct na": Mod.AFTER,
    "kort na": Mod.AFTER,
}  # fmt: skip

# A range of two periods: "van X tot en met Y", "tussen X en Y", "X t/m Y", "X - Y".
RANGE_OPENERS = ("van", "vanaf", "tussen", "in de periode van", "de periode van", "in de periode tussen")
RANGE_CONNECTORS: dict[str, bool] = {  # connector → the second period is included
    "tot en met": True, "t/m": True, "tot": False, "en": True, "-": True, "–": True, "—": True,
}  # fmt: skip
NEEDS_OPENER = frozenset({"tot", "en"})  # "2024 tot 2027" alone is too loose

# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class _Period:
    start: date
    end: date
    before_end: date | None = None  # last day of "vóór <this>", if not the day before start
    after: tuple[date, date] | None = None  # "na <this>", if not the day after end


_YearRule = Callable[[int], _Period]  # a period whose year is not stated: year → period
_Shape = _Period | _YearRule


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return _clamped(y, m + 1, d.day)


def _add_workdays(d: date, days: int) -> date:
    while days > 0:
        d += DAY
        if d.weekday() < 5:  # Saturday and Sunday do not count
            days -= 1
    return d


def _months(year: int, first: int, last: int) -> _Period:
    return _Period(date(year, first, 1), _clamped(year, last, 31))


def _day(year: int, month: int, day: int) -> _Period:
    d = date(year, month, day)
    return _Period(d, d)


def _apply(mod: Mod, p: _Period) -> tuple[date, date]:
    if mod is Mod.WITHIN:
        return p.start, p.end
    if mod is Mod.BEFORE:
        end = p.before_end or p.start - DAY
        return end, end
    if mod is Mod.UNTIL:
        return p.end, p.end
    if mod is Mod.FROM:
        return p.start, p.start
    return p.after or (p.end + DAY, p.end + DAY)


def _resolve(shape: _Shape, mod: Mod, ref: date | None) -> tuple[date, date] | None:
    if isinstance(shape, _Period):
        start, end = _apply(mod, shape)
    else:
        if ref is None:
            return None
        found: tuple[date, date] | None = None
        for year in (ref.year - 1, ref.year, ref.year + 1):
            try:
                period = shape(year)
            except ValueError:  # 29 februari in a common year, an inverted range
                continue
            found = _apply(mod, period)
            # vanaf/per give only a start day; whether "vanaf november" is over depends on November
            if (period.end if mod is Mod.FROM else found[1]) >= ref:
                break
        if found is None:
            return None
        start, end = found
    if mod in (Mod.BEFORE, Mod.UNTIL) and ref is not None and ref <= end:
        start = ref
    return start, end


# --------------------------------------------------------------------------- regex pieces

_VOOR = r"v[oóò]\u0301?[oóò]\u0301?r"


def _fold(s: str) -> str:
    """Lower case, single spaces and every spelling of vóór as "vóór": the table key."""
    return re.sub(rf"\b{_VOOR}\b", "vóór", " ".join(s.lower().split()))


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "tot en met" is tried before "tot"."""
    patterns = (re.escape(w).replace(r"\ ", r"\s+").replace("vóór", _VOOR) for w in set(words))
    return "|".join(sorted(patterns, key=len, reverse=True))


_HEAD = r"(?<![\w/.,\-–€])(?<!€\s)"  # not inside a number, code or amount
_TAIL = r"(?![\w/]|[.,\-–]\d|\s*(?:%|procent\b))"
_YEAR4 = r"(?:19|20)\d\d"
_DET = _alternation(REL_DETERMINERS)
_REL_YEAR = rf"(?:het\s+)?(?:{_DET})\s+(?:kalender)?jaar|het\s+nieuwe\s+jaar"
# "2025", "volgend jaar", and "het jaar" only after "van" ("eind van het jaar")
_YEAR = rf"(?:\s+van\s+|\s+)(?P<year>{_YEAR4}|{_REL_YEAR}|(?<=van\s)het\s+jaar)"
_MONTH_FULL = _alternation(MONTHS)
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:{_alternation(MONTH_ABBREVIATIONS)})\.?)"
_ORD = _alternation(ORDINALS)
_ARTICLE = r"(?:(?:het|de)\s+)?"


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(_HEAD + body + _TAIL, re.IGNORECASE)


def _month(word: str) -> int:
    key = _fold(word).rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _year_value(slot: str, ref: date | None) -> int | None:
    """The year a year slot names; None when it is relative and there is no reference."""
    if slot[0].isdigit():
        return int(slot)
    if ref is None:
        return None
    words = _fold(slot).split()
    if words[0] == "het":
        words = words[1:]
    if words == ["jaar"]:
        return ref.year
    if words[0] == "nieuwe":
        return ref.year + 1
    return ref.year + REL_DETERMINERS[words[0]]


# --------------------------------------------------------------------------- core periods


@dataclass(frozen=True)
class _Found:
    shape: _Shape
    licensed: bool = True  # may stand without a modifier
    whole_years: bool = False  # "voor <this>" reads as "for", not "before"


def _in_year(m: re.Match[str], ref: date | None, build: _YearRule) -> _Shape | None:
    """The period in the stated year, a year rule when none is stated, None if unknowable."""
    slot = m.groupdict().get("year")
    if slot is None:
        return build
    year = _year_value(slot, ref)
    return None if year is None else build(year)


def _numeric_date(m: re.Match[str], ref: date | None) -> _Found:
    return _Found(_day(int(m["y"]), int(m["m"]), int(m["d"])))


def _written_date(m: re.Match[str], ref: date | None) -> _Found | None:
    month, day = _month(m["mon"]), int(m["d"])
    date(2000, month, day)  # rejects "31 april" even without a year
    shape = _in_year(m, ref, lambda y: _day(y, month, day))
    return _Found(shape) if shape else None


def _month_period(m: re.Match[str], ref: date | None) -> _Found | None:
    month = _month(m["mon"])
    if m["year"] is None and _fold(m["mon"]).rstrip(".") in MONTH_ABBREVIATIONS:
        return None
    shape = _in_year(m, ref, lambda y: _months(y, month, month))
    return _Found(shape, licensed=m["year"] is not None) if shape else None


def _part_of_month(m: re.Match[str], ref: date | None) -> _Found | None:
    part, month = _fold(m["part"]), _month(m["mon"])
    first, last = PARTS_OF_MONTH[part]

    def build(y: int) -> _Period:
        end = _clamped(y, month, last)
        return _Period(date(y, month, first), end, before_end=end if part in POINT_AT_END else None)

    shape = _in_year(m, ref, build)
    return _Found(shape) if shape else None


def _part_of_year(m: re.Match[str], ref: date | None) -> _Found | None:
    part = _fold(m["part"])
    first, last = PARTS_OF_YEAR[part]

    def build(y: int) -> _Period:
        p = _months(y, first, last)
        return _Period(p.start, p.end, before_end=p.end if part in POINT_AT_END else None)

    shape = _in_year(m, ref, build)
    return _Found(shape) if shape else None


def _quarter(m: re.Match[str], ref: date | None) -> _Found | None:
    q = int(m["q"]) if "q" in m.groupdict() else ORDINALS[_fold(m["ord"])] or 4
    shape = _in_year(m, ref, lambda y: _months(y, 3 * q - 2, 3 * q))
    return _Found(shape) if shape else None


def _half(m: re.Match[str], ref: date | None) -> _Found | None:
    h = ORDINALS[_fold(m["ord"])] or 2
    if h > 2 or (m["year"] is None and _fold(m["noun"]) == "helft"):
        return None  # "de eerste helft" alone is as often about a meeting as about a year
    shape = _in_year(m, ref, lambda y: _months(y, 6 * h - 5, 6 * h))
    return _Found(shape) if shape else None


def _season_relative(season: Season, offset: int, ref: date) -> _Period:
    candidates = [season.period(y) for y in range(ref.year - 2, ref.year + 2)]
    if offset > 0:
        return next(p for p in candidates if p.start > ref)
    if offset < 0:
        return [p for p in candidates if p.end < ref][-1]
    current = [p for p in candidates if p.start <= ref <= p.end]
    return current[0] if current else season.period(ref.year)


def _season(m: re.Match[str], ref: date | None) -> _Found | None:
    season = SEASONS[_fold(m["season"])]
    if m["year2"] and (not season.wraps or not m["year"][0].isdigit() or int(m["year2"]) != int(m["year"]) + 1):
        return None
    if m["det"] and m["year"] is None:
        if ref is None:
            return None
        return _Found(_season_relative(season, REL_DETERMINERS[_fold(m["det"])], ref))
    shape = _in_year(m, ref, season.period)
    return _Found(shape, licensed=m["year"] is not None) if shape else None


def _year_noun(m: re.Match[str], ref: date | None) -> _Found:
    return _Found(_months(int(m["year"]), 1, 12), whole_years=True)


def _academic_year(m: re.Match[str], ref: date | None) -> _Found | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 % 100 != (y1 + 1) % 100:
        return None
    first_month = REL_UNITS[_fold(m["noun"])][1]
    start = date(y1, first_month, 1)
    return _Found(_Period(start, _add_months(start, 12) - DAY), whole_years=True)


def _year_range(m: re.Match[str], ref: date | None) -> _Found | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < y1:
        return None
    return _Found(_Period(date(y1, 1, 1), date(y2, 12, 31)), whole_years=True)


def _bare_year(m: re.Match[str], ref: date | None) -> _Found:
    return _Found(_months(int(m["year"]), 1, 12), licensed=False, whole_years=True)


def _relative_unit(m: re.Match[str], ref: date | None) -> _Found | None:
    if ref is None:
        return None
    if m["new"]:
        unit, offset = "jaar", 1
    else:
        unit, offset = _fold(m["unit"]), REL_DETERMINERS[_fold(m["det"])]
    length, first_month = REL_UNITS[unit]
    index = (ref.year * 12 + ref.month - first_month) // length + offset
    y, m0 = divmod(index * length + first_month - 1, 12)
    start = date(y, m0 + 1, 1)
    return _Found(_Period(start, _add_months(start, length) - DAY), whole_years=length == 12)


def _duration(m: re.Match[str], ref: date | None) -> _Found | None:
    if ref is None:
        return None
    count_text = _fold(m["n"])
    count = float(count_text) if count_text.isdigit() else COUNTS[count_text]
    kind, size = DURATION_UNITS[_fold(m["unit"])]
    amount = round(count * size)
    if kind == "months":
        later = _add_months(ref, amount)
    elif kind == "workdays":
        later = _add_workdays(ref, amount)
    else:
        later = ref + timedelta(days=amount)
    if _fold(m["kw"]) == "over":  # "over drie maanden": that moment, not the time until it
        return _Found(_Period(later, later))
    return _Found(_Period(ref, later))


def _part_of_quarter(m: re.Match[str], ref: date | None) -> _Found | None:
    """"eind 1e kwartaal 2022": the quarter's last month (begin: its first, medio: its middle)."""
    q = ORDINALS[_fold(m["ord"])] or 4
    offset = {"begin": 0, "medio": 1, "half": 1, "midden": 1, "halverwege": 1, "eind": 2, "einde": 2}[_fold(m["part"])]
    month = 3 * q - 2 + offset
    shape = _in_year(m, ref, lambda y: _months(y, month, month))
    return _Found(shape) if shape else None


# Municipal councils are elected every four years in March (2022, 2026, 2030, ...).
_ELECTION_YEARS = 4
_ELECTION_BASE = 2022


def _term(m: re.Match[str], ref: date | None) -> _Found | None:
    """"deze kabinetsperiode": from the letter to the end of the fourth calendar year (cabinets
    have no fixed end); "deze collegeperiode/raadsperiode": to 31 March of the next municipal
    election year."""
    if ref is None:
        return None
    if _fold(m["noun"]).startswith("kabinet"):
        return _Found(_Period(ref, date(ref.year + 3, 12, 31)))
    year = _ELECTION_BASE + ((ref.year - _ELECTION_BASE) // _ELECTION_YEARS + 1) * _ELECTION_YEARS
    if ref.year % _ELECTION_YEARS == _ELECTION_BASE % _ELECTION_YEARS and ref < date(ref.year, 3, 31):
        year = ref.year
    return _Found(_Period(ref, date(year, 3, 31)))


def _prinsjesdag(m: re.Match[str], ref: date | None) -> _Found | None:
    """Prinsjesdag: the third Tuesday of September."""
    def build(y: int) -> _Period:
        first = date(y, 9, 1)
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 14)
        return _Period(tuesday, tuesday)

    shape = _in_year(m, ref, build)
    return _Found(shape) if shape else None


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    build: Callable[[re.Match[str], date | None], _Found | None]


_WRITTEN_DATE = rf"(?:(?:{'|'.join(WEEKDAYS)})\s*,?\s+)?(?P<d>[0-3]?\d)(?:e|ste|de)?\s+(?P<mon>{_MONTH_ANY})"
_ISO_DATE = rf"(?P<y>{_YEAR4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
_NUMERIC_DATE = rf"(?P<d>[0-3]?\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<y>{_YEAR4})"
_UNITS_ALT = _alternation(u for u in REL_UNITS if u != "jaar")

RULES: tuple[_Rule, ...] = (
    _Rule("iso date", _rx(_ISO_DATE), _numeric_date),
    _Rule("numeric date", _rx(_NUMERIC_DATE), _numeric_date),
    _Rule("written date", _rx(rf"{_WRITTEN_DATE}(?:{_YEAR})?"), _written_date),
    # not after a number: "31 april 2025" is a wrong date, not April
    _Rule("month", _rx(rf"(?<!\d\s)(?:(?:de\s+)?maand\s+)?(?P<mon>{_MONTH_ANY})(?:{_YEAR})?"), _month_period),
    _Rule(
        "part of month",
        _rx(
            rf"(?:(?:aan\s+)?{_ARTICLE})?(?P<part>{_alternation(PARTS_OF_MONTH)})(?:\s+van)?(?:\s+de\s+maand)?"
            rf"\s+(?P<mon>{_MONTH_ANY})(?:{_YEAR})?"
        ),
        _part_of_month,
    ),
    _Rule(
        "part of year",
        _rx(rf"(?:(?:aan\s+)?{_ARTICLE})?(?P<part>{_alternation(PARTS_OF_YEAR)}){_YEAR}"),
        _part_of_year,
    ),
    _Rule("quarter", _rx(rf"{_ARTICLE}(?P<ord>{_ORD})\s+kwartaal(?:{_YEAR})?"), _quarter),
    _Rule(
        "part of quarter",
        _rx(rf"(?P<part>begin|medio|half|midden|halverwege|eind|einde)\s+(?:van\s+)?{_ARTICLE}(?P<ord>{_ORD})\s+"
            rf"kwartaal(?:{_YEAR})?"),
        _part_of_quarter,
    ),
    _Rule("term", _rx(r"(?:deze|de\s+huidige|de\s+lopende)\s+(?P<noun>kabinetsperiode|collegeperiode|raadsperiode|"
                      r"bestuursperiode|kabinetstermijn)"), _term),
    _Rule("prinsjesdag", _rx(rf"prinsjesdag(?:{_YEAR})?"), _prinsjesdag),
    _Rule("Q quarter", _rx(rf"Q(?P<q>[1-4])(?:(?:\s*-\s*|\s+)(?P<year>{_YEAR4}))?"), _quarter),
    _Rule(
        "half year",
        _rx(rf"{_ARTICLE}(?P<ord>{_ORD})\s+(?P<noun>helft|halfjaar|half\s+jaar|jaarhelft)(?:{_YEAR})?"),
        _half,
    ),
    _Rule(
        "season",
        _rx(
            rf"{_ARTICLE}(?:(?P<det>{_DET})\s+)?(?P<season>{_alternation(SEASONS)})"
            rf"(?:{_YEAR}(?:\s*[/\-–]\s*(?P<year2>{_YEAR4}))?)?"
        ),
        _season,
    ),
    _Rule("year noun", _rx(rf"(?:het\s+)?(?:begrotings|boek|kalender|verslag)?jaar\s+(?P<year>{_YEAR4})"), _year_noun),
    _Rule(
        "academic year",
        _rx(
            rf"(?:het\s+)?(?P<noun>{_alternation(ACADEMIC_YEARS)})\s+(?P<y1>{_YEAR4})\s*[/\-–]\s*(?P<y2>(?:19|20)?\d\d)"
        ),
        _academic_year,
    ),
    _Rule("year range", _rx(rf"(?P<y1>{_YEAR4})\s*[-–—]\s*(?P<y2>{_YEAR4})"), _year_range),
    _Rule("year", _rx(rf"(?P<year>{_YEAR4})"), _bare_year),
    _Rule(
        "relative unit",
        _rx(rf"(?:{_ARTICLE}(?P<det>{_DET})\s+(?P<unit>(?:kalender)?jaar|{_UNITS_ALT})|(?P<new>het\s+nieuwe\s+jaar))"),
        _relative_unit,
    ),
    _Rule(
        "duration",
        _rx(
            rf"(?P<kw>binnen|over|(?:de\s+)?komende)\s+(?P<n>\d{{1,3}}|{_alternation(COUNTS)})"
            rf"\s+(?P<unit>{_alternation(DURATION_UNITS)})"
        ),
        _duration,
    ),
)


@dataclass(frozen=True)
class _Core:
    start: int
    end: int
    found: _Found


def _scan(text: str, ref: date | None) -> Iterator[_Core]:
    """Every period any rule sees, overlapping ones included (the longest wins later)."""
    for rule in RULES:
        pos = 0
        while m := rule.regex.search(text, pos):
            pos = m.start() + 1
            try:
                found = rule.build(m, ref)
            except ValueError:  # 31 april, 14-13-2025
                continue
            if found is not None:
                yield _Core(m.start(), m.end(), found)


_RANGE_OPEN = re.compile(rf"(?<![\w/])(?P<open>{_alternation(RANGE_OPENERS)})\s+$", re.IGNORECASE)
_RANGE_WORDS = _alternation(w for w in RANGE_CONNECTORS if w[0].isalpha())
_RANGE_CONN = re.compile(rf"\s*(?P<dash>[-–—])\s*|\s+(?P<word>{_RANGE_WORDS})\s+", re.IGNORECASE)


def _join(a: _Shape, b: _Shape, inclusive: bool) -> _Shape | None:
    """The range from period a to period b; a stated year on one side dates the other."""

    def span(pa: _Period, pb: _Period) -> _Period:
        end = pb.end if inclusive else pb.start - DAY
        if end < pa.start:
            raise ValueError("range ends before it starts")
        return _Period(pa.start, end)

    if isinstance(a, _Period) and isinstance(b, _Period):
        return span(a, b)
    if isinstance(b, _Period):
        assert not isinstance(a, _Period)
        pa = next((a(y) for y in (b.end.year, b.end.year - 1) if a(y).start <= b.start), None)
        return span(pa, b) if pa else None
    if isinstance(a, _Period):
        pb = next((b(y) for y in (a.start.year, a.start.year + 1) if b(y).start >= a.start), None)
        return span(a, pb) if pb else None
    rule_a, rule_b = a, b

    def both(y: int) -> _Period:
        pa = rule_a(y)
        pb = rule_b(y) if rule_b(y).start >= pa.start else rule_b(y + 1)
        return span(pa, pb)

    return both


def _ranges(text: str, cores: list[_Core]) -> Iterator[_Core]:
    by_start: dict[int, list[_Core]] = {}
    for core in cores:
        by_start.setdefault(core.start, []).append(core)
    for a in cores:
        conn_m = _RANGE_CONN.match(text, a.end)
        if not conn_m:
            continue
        conn = _fold(conn_m["dash"] or conn_m["word"])
        open_m = _RANGE_OPEN.search(text, max(0, a.start - 30), a.start)
        opener = _fold(open_m["open"]) if open_m else None
        if conn in NEEDS_OPENER and opener is None:
            continue
        if (conn == "en") != (opener is not None and opener.endswith("tussen")):
            continue
        for b in by_start.get(conn_m.end(), []):
            try:
                shape = _join(a.found.shape, b.found.shape, RANGE_CONNECTORS[conn])
            except ValueError:
                continue
            if shape is not None:
                whole = a.found.whole_years and b.found.whole_years
                start = open_m.start("open") if open_m else a.start
                yield _Core(start, b.end, _Found(shape, whole_years=whole))


_MOD_TAIL = re.compile(rf"(?<![\w/.])(?P<mod>{_alternation(MODIFIERS)})\s+$", re.IGNORECASE)
# "in 2024 en 2025": the preposition covers every year of the list
_YEAR_LIST_TAIL = re.compile(
    rf"(?<![\w/.])(?:{_alternation(MODIFIERS)})\s+{_YEAR4}(?:\s*,\s*{_YEAR4})*(?:\s*,\s*|\s+(?:en|of)\s+)$",
    re.IGNORECASE,
)


def _candidate(text: str, core: _Core, ref: date | None, licence_all: bool) -> tuple[int, int, DateRange] | None:
    mod_m = _MOD_TAIL.search(text, max(0, core.start - 30), core.start)
    if mod_m and core.found.whole_years and " ".join(mod_m["mod"].lower().split()) == "voor":
        mod_m = None  # "het budget voor 2023": "for", not "before"; the year still counts
        licensed = True
    else:
        licensed = core.found.licensed or licence_all
        if not licensed and core.found.whole_years:
            licensed = bool(_YEAR_LIST_TAIL.search(text, max(0, core.start - 80), core.start))
    if mod_m:
        mod, start = MODIFIERS[_fold(mod_m["mod"])], mod_m.start("mod")
    elif licensed:
        mod, start = Mod.WITHIN, core.start
    else:
        return None
    span = _resolve(core.found.shape, mod, ref)
    if span is None:
        return None
    return start, core.end, DateRange(span[0], span[1], text[start : core.end])


def _longest_first(candidates: list[tuple[int, int, DateRange]]) -> list[tuple[int, int, DateRange]]:
    chosen: list[tuple[int, int, DateRange]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(cand[1] <= s or cand[0] >= e for s, e, _ in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])


def _find(text: str, reference: date | None, licence_all: bool) -> list[tuple[int, int, DateRange]]:
    # "maart/april" between words is a choice of two periods; "2024/0412" stays a code.
    scanned = re.sub(r"(?<=[^\W\d_]{2})/(?=[^\W\d_]{2})", "|", text)
    cores = list(_scan(scanned, reference))
    cores += list(_ranges(scanned, cores))
    candidates = [c for core in cores if (c := _candidate(scanned, core, reference, licence_all))]
    found = [(s, e, DateRange(r.start, r.end, text[s:e])) for s, e, r in _longest_first(candidates)]
    return _either(text, found)


def _either(text: str, found: list[tuple[int, int, DateRange]]) -> list[tuple[int, int, DateRange]]:
    """"eind maart/begin april": two periods joined by a slash are one window, from the first
    start to the last end."""
    out: list[tuple[int, int, DateRange]] = []
    for item in found:
        if out and re.fullmatch(r"\s*/\s*", text[out[-1][1]:item[0]]) and item[2].start >= out[-1][2].start:
            start, _, first = out.pop()
            r = item[2]
            if not re.search(r"\d{4}", first.label) and first.start.year != r.start.year:
                # "maart/april 2025": the year stated once dates both
                shift = r.start.year - first.start.year
                first = DateRange(_clamped(first.start.year + shift, first.start.month, first.start.day),
                                  _clamped(first.end.year + shift, first.end.month, first.end.day), first.label)
            out.append((start, item[1], DateRange(min(first.start, r.start), max(first.end, r.end),
                                                  text[start:item[1]])))
        else:
            out.append(item)
    return out


# --------------------------------------------------------------------------- public API


def find_dates(text: str, reference: date | None = None) -> list[tuple[int, int, DateRange]]:
    """Every date or period expression in ``text``: (start, end, range), in text order.

    Matches do not overlap; where two readings overlap the longer one wins. ``reference``
    is the letter's date, needed for relative expressions and periods without a year.
    """
    return _find(text, reference, licence_all=False)


def normalise_due(expression: str, reference: date | None = None) -> DateRange | None:
    """The range of one whole expression ("uiterlijk eind 2025"), or None if it is no date.

    The caller vouches that the expression is about time, so a bare year, month or season
    ("2024", "november", "de zomer") counts here. Surrounding punctuation is ignored.
    """
    stripped = expression.strip().strip(",;:()").strip()
    # a final dot may end the sentence or belong to "nov."
    for candidate in dict.fromkeys((stripped, stripped.rstrip(".").rstrip())):
        found = _find(candidate, reference, licence_all=True)
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(candidate):
            return found[0][2]
    return None


_LETTER_DATE_FORMS = (
    re.compile(rf"{_WRITTEN_DATE}\s+(?P<y>{_YEAR4})", re.IGNORECASE),
    re.compile(_NUMERIC_DATE),
    re.compile(_ISO_DATE),
)
# "Den Haag, 14 maart 2025" and "Datum: 14 maart 2025" as they stand in a letterhead
_LETTER_DATE_PREFIX = re.compile(r"^[^\d,:]{1,40}[,:]\s*")


def parse_dutch_date(text: str) -> date | None:
    """A single full date: "14 maart 2025", "1 jan. 2024", "maandag 3 juni 2024",
    "14-03-2025", "14/03/2025", "2025-03-14"; optionally after "Plaats," or "Datum:".

    None when the text is anything else or the date does not exist ("31 april 2025").
    """
    body = text.strip().rstrip(".").strip()
    for candidate in (body, _LETTER_DATE_PREFIX.sub("", body)):
        for form in _LETTER_DATE_FORMS:
            m = form.fullmatch(candidate)
            if m is None:
                continue
            month = _month(m["mon"]) if "mon" in m.groupdict() else int(m["m"])
            try:
                return date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                return None
    return None
