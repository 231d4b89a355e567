"""Commitments (toezeggingen): sentences in which the college, the gemeente or a named party
commits to a future or scheduled action, with actor, deadline and amount.

Rules, not a model: each cue is a row in a table below, so a reader can see why a
sentence counts. A sentence is a commitment when it has a commitment cue (a future
auxiliary, a promise verb, a budget allocation, or an action by "wij"/"het college" with a
date that is not in the past) and no exclusion (thanks, opinion, negation, existing
practice, past tense, advice given to someone else).
"""

from __future__ import annotations

import re
from datetime import date

from assistant.model import Commitment, DateRange, Document, Source, Strength
from assistant.nl.dates import find_dates
from assistant.nl.money import find_amounts
from assistant.nl.sentences import split_sentences
from assistant.parse.meta import is_closing, is_salutation

# Who acts: the first pattern that matches names the actor; "wij" is the letter's sender.
ACTORS: tuple[tuple[str, str], ...] = (
    (r"\bhet college( van (b&w|burgemeester en wethouders))?\b", "college"),
    (r"\b(wij|we|ons|onze)\b", "{sender}"),
    (r"\bde gemeente( \w+)?\b", "gemeente"),
    (r"\b(de minister|het kabinet|de staatssecretaris|ik)\b", "minister"),
    # a named party: the name itself is capitalised ("Stichting Het Logeerhuis")
    (r"\b(stichting (?-i:[A-Z])[\w-]*( (?-i:[A-Z])[\w-]*)*|onderzoeksbureau (?-i:[A-Z])[\w-]*( (?-i:[A-Z])[\w-]*)*)",
     "{match}"),
    (r"\b(het|een) (extern )?onderzoeksbureau\b", "onderzoeksbureau"),
    (r"\bde (wijkregisseurs|wijkteams|ggd|ggz|adviesraad|raad)\b", "{match}"),
)

# Strong cues: on their own they make a sentence a commitment.
FIRM_CUES: tuple[str, ...] = (
    r"\b(zal|zullen)\b",
    # "gaat ... opstarten": the infinitive closes the clause
    r"\b(gaan|gaat)\s+([\w()-]+\s+){0,8}?\w+en\s*([.,;:]|$|\s(om|en|zodat|waarbij|met|in|op)\b)",
    r"\b(informeren|informeert|informeer)\s+(wij\s+|we\s+|ik\s+|het college\s+)?(u|uw kamer|de (gemeente)?raad|de adviesraad|de asd|de kamer)\b",
    r"\b(houden|houdt)\s+(wij\s+|we\s+)?(u|de raad|de adviesraad)\s+(op de hoogte|geïnformeerd)\b",
    r"\b(ontvangt|ontvangen)\s+(u|de (gemeente)?raad|de adviesraad|de kamer)\b|\bu\s+ontvangt\b",
    r"\b(zegt|zeggen|zeg)\b.*\btoe\b",  # "wethouder X zegt toe dat ..."
    r"\b(blijven|blijft)\s+(wij\s+|we\s+)?([\w-]+\s+){0,6}?(op de hoogte|actief|beschikbaar|bestaan|houden|inzetten)\b",
    r"\b(binnenkort|spoedig|op korte termijn)\b",
    r"\bstellen\s+(wij|we)\b.*\bbeschikbaar\b|\b(wij|we)\s+stellen\b.*\bbeschikbaar\b",
    r"\b(trekken|trekt)\b.*\buit\b",
    r"\b(komen|komt)\s+(wij\s+|we\s+|het college\s+)?(met|terug op)\b",
    r"\b(leggen|legt)\b.*\bvoor\b",
    r"\b(nodigen|nodigt)\b.*\buit\b",
    r"\bnemen\s+(wij|we)\b.*\bop\b",
    r"\bworden\b.*\bverwacht\b|\bverwachten\s+(wij|we)\b",
)
# Weaker promises: still commitments, with strength "intent".
INTENT_CUES: tuple[str, ...] = (
    r"\b(streven|streeft)\s+(wij\s+|we\s+|het college\s+)?(ernaar|naar)\b|\bhet streven is\b",
    r"\b(willen|wil)\s+(wij\s+|we\s+|ik\s+|het college\s+)?(\w+\s+){0,8}?\w+en\b",
    r"\b(onderzoeken|onderzoekt|onderzoek|bekijken|bekijkt|verkennen|verkent|bezien|beziet)\s+(\w+\s+){0,2}?(of|hoe|welke|de mogelijkheid)\b",
    r"\b(ben|is|zijn)\s+(\w+\s+)?voornemens\b|\bvoornemen(s)? (is|om)\b",
    r"\b(zetten|zet)\s+(wij\s+|we\s+|het college\s+)?(ons|zich)\s+(ervoor\s+)?in\b",
)
# Actions "wij"/"het college" take in the present tense that promise something even without a
# date ("Wel breiden wij deze monitor uit"). Both persons: "wij brengen", "het college brengt".
ACTION_VERBS = frozenset("""
    breiden breidt brengen brengt nemen neemt nodigen nodigt stellen stelt trekken trekt maken maakt
    starten start ontwikkelen ontwikkelt zetten zet organiseren organiseert versterken versterkt
    voeren voert verhogen verhoogt verlagen verlaagt bieden biedt richten richt investeren investeert
    passen past zorgen zorgt betrekken betrekt evalueren evalueert monitoren monitort
    leggen legt sturen stuurt besluiten besluit verbeteren verbetert vergroten vergroot verlengen
    verlengt introduceren introduceert regelen regelt reserveren reserveert voegen voegt benaderen
    benadert bespreken bespreekt actualiseren actualiseert herzien herziet uitbreiden breidt
    continueren continueert intensiveren intensiveert volgen volgt informeren informeert
    verwerken verwerkt sluiten sluit onderneem neem breng kom leg stel zorg start stuur informeer
""".split())
# Money the college allocates counts when it binds the future (structural, or a future year).
BUDGET_VERBS = (r"\b(beschikbaar|uittrekken|trekken|reserveren|gereserveerd|opgenomen|opnemen|investeren|geïnvesteerd|"
                r"begroot|vrijgemaakt|vrijmaken|krijgen|krijgt)\b")

# Exclusions: any of these and the sentence is not a commitment.
EXCLUSIONS: tuple[str, ...] = (
    r"\b(danken|bedanken|dankbaar|dank u|bedankt)\b",
    r"^\s*(wij|we|het college)\s+(delen|deelt|herkennen|herkent|vinden|vindt|zien|ziet|schatten|waarderen|"
    r"waardeert|begrijpen|begrijpt|hopen|hoopt|betreuren|constateren|merken|erkennen|realiseren|achten|menen|"
    r"onderschrijven|onderschrijft|gaan ervan uit|nemen (dit|het|uw) advies)\b",
    r"\b(adviseren|adviseert|verzoekt|verzoeken|vragen wij u|raden (wij|we) u aan)\b",
    r"\b(nu al|op dit moment|momenteel|inmiddels|al jaren|sinds \d{4}|oorspronkelijk|destijds)\b",
    r"\b(geldt|gelden|bestaat|bestaan|is|zijn|heeft|hebben)\s+(er\s+|nu\s+)?al\b",  # "geldt al een spoedprocedure"
    r"\bniet\b.*\bop korte termijn\b",
    r"\b(ontwikkelen|nemen|zien|zetten|stellen)\s+(wij|we|het college)\s+(geen|niet)\b",
    r"\b(wij|we|het college)\s+\w+\s+(geen|niet)\b(?!.*\b(maar|wel)\b)",
    r"\bwat (wij|we|het college) (gaan|gaat) doen\b",  # "wij geven aan wat wij gaan doen": a reading guide
    r"\b(uiteen|liever)\b",  # "zetten wij per adviespunt uiteen", "zetten de middelen liever in"
    r"\b(met|in) deze brief\b",  # what this letter itself does is no promise
    r"\b(toegezegd|beloofd)\b",  # a promise reported, not made (the original is the commitment)
    r"\b(stelde|stelt|vroeg|vraagt)\s+(de vraag|of|hoe|wat)\b",  # a question reported
    r"\b(schetsen|schets|beschrijven|beschrijf|toelichten)\b",  # what the letter itself will do
    r"\bis de verwachting\b|\bwordt verwacht dat\b",  # a forecast, not a promise
    r"\bwaardering uit(spreken|spreekt)\b",
    r"\b(zal|zullen)\s+([\w-]+\s+){0,4}?(geen|niet)\b",  # "zal ... geen grondslag worden gecreëerd"
)
# Past tense: an auxiliary of the perfect or the past, then a past participle within a few
# words ("is ... beschikbaar gesteld", "heeft aangetoond"), not a present passive ("wordt gezet").
_PAST_AUX = frozenset({"is", "zijn", "heeft", "hebben", "werd", "werden", "was", "waren"})
_PARTICIPLE = re.compile(r"^\w{0,7}ge\w+(d|t|en|an)$|^\w+eerd$")
_NOT_BEFORE_PARTICIPLE = frozenset({"wordt", "worden", "word", "te", "kan", "kunnen", "zal", "zullen", "moet", "moeten"})
# Nouns and adjectives that look like participles ("zijn de gemeenten").
_NOT_PARTICIPLES = frozenset("""
    gemeente gemeenten gesprek gesprekken gezin gezinnen gebied gebieden geval gevallen gevolg gevolgen
    gegevens gebruik gebruikers gedeelte geld gelden gebouw gebouwen gedachte gedachten gemiddeld
    gevaar geheel gewenst geschikt gelijk genoeg gewoon gezond gebeurtenissen gezamenlijk gericht geschiedt
""".split())
_PAST_WINDOW = 18
# Simple past forms that put a sentence in the past ("De pilot liep tot 1 januari 2025").
SIMPLE_PAST = frozenset("""
    liep liepen kon konden stond stonden ging gingen kwam kwamen bleek bleken bleef bleven deed deden
    gaf gaven nam namen zag zagen vond vonden werd werden was waren had hadden startte startten
""".split())
# A year after the name of a plan or budget names that document, not when something happens.
_DOCUMENT_NOUNS = ("akkoord", "begroting", "nota", "programma", "plan", "rapportage", "jaarrekening", "agenda")
_LEADING = re.compile(r"^(daarom|daarnaast|ook|wel|verder|tevens|voorts|bovendien|dan ook|tot slot)\s*,?\s+", re.I)
_ACTION_WORDS = 16


def extract_commitments(doc: Document) -> list[Commitment]:
    """All commitments in a document, in reading order, each with its source span."""
    from assistant.extract.points import point_layout

    found: list[Commitment] = []
    layout = point_layout(doc)
    sender = _sender_actor(doc)
    for number, block in enumerate(doc.blocks, start=1):
        if number - 1 in layout.quoted:
            continue  # a quoted advice or question promises nothing
        point = layout.point_of.get(number - 1)
        if block.kind in ("heading", "note") or is_closing(block.text) or is_salutation(block.text):
            continue
        for start, end in split_sentences(block.text):
            sentence = block.text[start:end]
            commitment = read_commitment(sentence, reference=doc.date, sender=sender)
            if commitment is None or (sender == "adviesraad" and commitment.actor == "adviesraad"):
                continue  # an advisory body's own plans are no promise of the government
            commitment.source = Source(doc_id=doc.id, page=block.page, block=number,
                                       start=block.start + start, end=block.start + end)
            commitment.point = point
            commitment.doc_title = doc.title
            commitment.doc_date = doc.date
            found.append(commitment)
    return found


def read_commitment(sentence: str, reference: date | None = None, sender: str = "college") -> Commitment | None:
    """The commitment a sentence makes, or None. ``source`` is left for the caller to set."""
    lowered = sentence.lower()
    if any(re.search(p, lowered) for p in EXCLUSIONS):
        return None
    dates = find_dates(sentence, reference=reference)
    amounts = find_amounts(sentence)
    strength = _strength(lowered, sentence, dates, amounts, reference)
    if strength is None:
        return None
    due = _due(dates, reference) or _document_year(sentence)
    amount = amounts[0][2] if amounts else None
    return Commitment(
        text=sentence.strip(),
        action=_action(sentence, dates, amounts),
        source=Source(doc_id="", page=0, block=0, start=0, end=0),
        actor=_actor(sentence, sender),
        due=due,
        amount=amount,
        strength=strength,
    )


def _strength(lowered: str, sentence: str, dates, amounts, reference: date | None) -> Strength | None:
    if any(re.search(p, lowered) for p in INTENT_CUES):
        return "intent"
    timed = [r for start, _, r in dates if not _names_document(sentence, start)]
    future = any(r.end >= reference for r in timed) if reference else bool(timed)
    past = _is_past(lowered)
    if any(re.search(p, lowered) for p in FIRM_CUES) and not (past and not future):
        return "firm"
    if amounts and re.search(BUDGET_VERBS, lowered):
        # Money already granted is a fact; structural money, or money made available now, binds.
        if any(a.kind == "structureel" for _, _, a in amounts) or not past:
            return "firm"
    if past:
        return None
    if future and not re.search(r"\b(huidige|bestaande)\b", lowered):
        return "firm"  # something that happens at a date still ahead: a plan, whoever carries it out
    if _acting_subject(lowered):
        return "firm"
    return None


def _names_document(sentence: str, start: int) -> bool:
    before = sentence[:start].split()[-1:]
    return bool(before) and before[0].lower().endswith(_DOCUMENT_NOUNS)


_SUBORDINATE = re.compile(r"[,;:]?\s\b(dat|waarin|waarbij|waarmee|die|zodat|omdat|nadat|zonder|wanneer|als)\b")


def _is_past(lowered: str) -> bool:
    """Whether the main clause is in the past; a subordinate clause ("zonder dat de gemeente
    is ingelicht") does not move the promise itself into the past."""
    main = _SUBORDINATE.split(lowered, maxsplit=1)[0]
    words = re.findall(r"[\w-]+", main)
    if any(w in SIMPLE_PAST for w in words) and not re.search(r"\b(zal|zullen|gaat|gaan)\b", main):
        return True
    for i, word in enumerate(words):
        if word not in _PAST_AUX or re.search(r"\b(zal|zullen|gaat|gaan)\b", " ".join(words[:i])):
            continue
        for j in range(i + 1, min(len(words), i + 1 + _PAST_WINDOW)):
            if (_PARTICIPLE.match(words[j]) and words[j] not in _NOT_PARTICIPLES
                    and words[j - 1] not in _NOT_BEFORE_PARTICIPLE):
                return True
    return False


def _acting_subject(lowered: str) -> bool:
    """"wij"/"het college" with an action verb right before or after it."""
    for match in re.finditer(r"\b(wij|we|ik|het college|de gemeente)\b", lowered):
        before = lowered[: match.start()].split()[-1:]
        after = lowered[match.end():].split()[:1]
        if any(w.strip(",.") in ACTION_VERBS for w in before + after):
            return True
    return False


# "binnen drie werkdagen", "binnen vier weken na de melding": a service norm, not a deadline.
_SERVICE_NORM = re.compile(r"^binnen\s+\S+\s+(werk)?(dagen|dag|weken|week)\b", re.IGNORECASE)


def _due(dates: list[tuple[int, int, DateRange]], reference: date | None) -> DateRange | None:
    """The date that says when: the first one not already past at the letter's date."""
    dates = [d for d in dates if not _SERVICE_NORM.match(d[2].label)]
    if not dates:
        return None
    if reference:
        for _, _, found in dates:
            if found.end >= reference:
                return found
    return dates[0][2]


_PLANNING_DOCUMENT = re.compile(
    r"\b(?:in|bij|via) de (?:\w+ )?(?:bestuursrapportage|begroting|programmabegroting|voorjaarsnota|najaarsnota|"
    r"kadernota|jaarrekening|meerjarenbegroting) (?P<year>20\d\d)\b", re.IGNORECASE)


def _document_year(sentence: str) -> DateRange | None:
    """"in de eerste bestuursrapportage 2025": done within that budget year."""
    match = _PLANNING_DOCUMENT.search(sentence)
    if not match:
        return None
    year = int(match.group("year"))
    return DateRange(date(year, 1, 1), date(year, 12, 31), match.group(0))


def _actor(sentence: str, sender: str) -> str | None:
    for pattern, name in ACTORS:
        match = re.search(pattern, sentence, re.IGNORECASE)
        if match:
            return name.format(sender=sender, match=match.group(0).strip())
    return sender


def _sender_actor(doc: Document) -> str:
    sender = (doc.sender or "").lower()
    if "college" in sender or "burgemeester" in sender:
        return "college"
    if "minister" in sender or "staatssecretaris" in sender:
        return "minister"
    if "adviesraad" in sender or "asd" in sender:
        return "adviesraad"
    return "college" if doc.kind in ("reactie", "raadsinformatiebrief") else (doc.sender or "college")


def _action(sentence: str, dates, amounts) -> str:
    """A short phrase: the sentence without its date and amount words and lead-in, cut to size."""
    cut = sorted([(s, e) for s, e, _ in dates] + [(s, e) for s, e, _ in amounts], reverse=True)
    text = sentence
    for start, end in cut:
        text = text[:start] + text[end:]
    text = _LEADING.sub("", re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip())
    words = text.rstrip(" .").split()
    short = " ".join(words[:_ACTION_WORDS]) + (" …" if len(words) > _ACTION_WORDS else "")
    return short[:1].upper() + short[1:]
