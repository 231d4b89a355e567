"""Words officials use for the same thing: query expansion for the lexical search.

A question in an official's words ("bijstand", "schuldhulp", "jongerenwerk") should find the
letter that uses the statutory or municipal term ("Participatiewet-uitkering",
"schuldhulpverlening", "jeugdwerk"). Each group below lists names for one thing; when a query
holds one name, the other names are added to it with a lower weight (the lexical index gives
them ``EXPANSION_WEIGHT`` of a query word's score), so a passage that uses the query's own
word still ranks first.

Written by us from the terms of the laws of the social domain (Participatiewet, Wet
maatschappelijke ondersteuning 2015, Jeugdwet, Wet gemeentelijke schuldhulpverlening) and the
names municipalities commonly give their services; no phrase was taken from a test document.
Only names that mean the same thing to a reader belong in one group: "jeugdhulp" and
"jeugdzorg" do, "mantelzorg" and "respijtzorg" do not. A name of several words adds each of its
words, so names whose words are common on their own ("algemene bijstand", "individuele
voorziening") are left out: the word "algemeen" would pull in every passage that has it.
"""

from __future__ import annotations

from functools import cache

from assistant.nl.analyzer import CompoundSplitter, analyze

# The weight of an added name relative to a word of the query itself.
EXPANSION_WEIGHT = 0.4

GROUPS: tuple[tuple[str, ...], ...] = (
    # Participatiewet
    ("bijstand", "bijstandsuitkering", "participatiewet-uitkering"),
    ("bijzondere bijstand", "individuele bijzondere bijstand"),
    ("re-integratie", "arbeidstoeleiding"),
    ("beschut werk", "beschutte werkplek"),
    ("minimabeleid", "armoedebeleid"),
    ("kindpakket", "kindregeling"),
    # Wet gemeentelijke schuldhulpverlening
    ("schuldhulp", "schuldhulpverlening", "schuldendienstverlening"),
    ("vroegsignalering", "vroeg eropaf"),
    # Wmo 2015
    ("maatwerkvoorziening", "wmo-voorziening"),
    ("algemene voorziening", "voorliggende voorziening"),
    ("huishoudelijke hulp", "hulp bij het huishouden"),
    ("cliëntondersteuning", "onafhankelijke cliëntondersteuning", "clientondersteuner"),
    ("mantelzorgwaardering", "mantelzorgcompliment"),
    ("respijtzorg", "vervangende mantelzorg"),
    ("dagbesteding", "dagactiviteiten"),
    ("persoonsgebonden budget", "pgb"),
    ("beschermd wonen", "beschermde woonvorm"),
    # Jeugdwet
    ("jeugdhulp", "jeugdzorg"),
    ("jongerenwerk", "jeugdwerk"),
    ("jeugdbescherming", "kinderbescherming"),
    # the organisation of the social domain
    ("wijkteam", "sociaal wijkteam", "buurtteam", "toegangsteam"),
    ("adviesraad sociaal domein", "asd", "participatieraad", "wmo-raad"),
    ("raadsinformatiebrief", "raadsbrief", "collegebrief"),
    ("toezegging", "belofte"),
)


@cache
def _groups() -> tuple[tuple[tuple[str, frozenset[str]], ...], ...]:
    """Each group's names with their stems (analysed the way the index analyses text)."""
    return tuple(tuple((name, frozenset(analyze(name))) for name in group) for group in GROUPS)


def expansions(query: str, splitter: CompoundSplitter | None = None) -> list[str]:
    """The stems to add to ``query``: the other names of every group one of whose names the
    query holds (all its stems), less the stems the query has already."""
    asked = set(analyze(query, splitter))
    if not asked:
        return []
    added: list[str] = []
    for group in _groups():
        if not any(stems and stems <= asked for _, stems in group):
            continue
        for name, stems in group:
            if stems <= asked:
                continue
            for stem in analyze(name, splitter):
                if stem not in asked and stem not in added:
                    added.append(stem)
    return added
