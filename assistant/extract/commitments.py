"""Commitments (toezeggingen): sentences in which a government body that speaks in the document
(the college, the gemeente, a minister, the kabinet), or a party carrying out a task for it,
binds itself to a future action or makes money available; with actor, due date and amount.

Every sentence outside quoted points is a candidate; the classifier (``extract/classifier.py``)
gives each a probability from named features, and a sentence at or above the threshold chosen
on held-out data is a commitment. Each commitment keeps its ``confidence`` and ``why`` (the
features that pushed it over), so a reader sees how sure the assistant is and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.extract.classifier import Context, asked_by_others, features, load_model
from assistant.extract.cues import BY_NAME, PROMISING, strength
from assistant.extract.stance import VERDICTS
from assistant.model import Commitment, DateRange, Document, Source
from assistant.nl.dates import find_dates
from assistant.nl.money import find_amounts
from assistant.nl.sentences import split_sentences
from assistant.parse.meta import is_closing, is_salutation

# Who acts: the first pattern that matches names the actor; "wij"/"ik" is the letter's author.
ACTORS: tuple[tuple[str, str], ...] = (
    (r"\bhet college( van (b&w|burgemeester en wethouders))?\b", "college"),
    (r"\b(het kabinet|de regering)\b", "kabinet"),
    (r"\bde staatssecretaris\b", "staatssecretaris"),
    (r"\bde minister\b", "minister"),
    (r"\bde wethouder\b", "wethouder"),
    (r"\bde burgemeester\b", "burgemeester"),
    (r"\b(wij|we|ons|onze|ik|mijn)\b", "{sender}"),
    (r"\bde gemeente\b", "gemeente"),
    # a named organisation: the name itself is capitalised ("Stichting Het Logeerhuis")
    (r"\b(?:stichting|vereniging|coöperatie|onderzoeksbureau|bureau) (?-i:[A-Z])[\w-]*( (?-i:[A-Z])[\w-]*)*", "{match}"),
    (r"\b(ggd|uwv|svb|vng|politie|provincie|waterschap|rijkswaterstaat|inspectie)\b", "{match}"),
)
# Advisory bodies: their own plans are no promise of the government.
_ADVISORY = re.compile(r"\b(adviesraad|adviescollege|raad van state|rekenkamer|asd|cliëntenraad|participatieraad|"
                       r"seniorenraad|autoriteit persoonsgegevens|ombudsman)\b", re.IGNORECASE)
_MIN_WORDS = 3


@dataclass
class Candidate:
    """A sentence that may be a commitment, where it stands, and its features."""

    sentence: str
    block: int  # index into doc.blocks
    start: int  # span in the block's text
    end: int
    point: str | None
    values: dict[str, float]
    dates: list
    amounts: list
    # Only the stance on the advice ("Wij nemen dit advies over"): scored, never a commitment.
    verdict: bool = False


def candidates(doc: Document, only: set[int] | None = None) -> list[Candidate]:
    """Every sentence that could be a commitment: not in a heading, a footnote, a salutation or
    closing, and not in a quoted advice or question (with ``only``: in those blocks)."""
    from assistant.extract.points import point_layout
    from assistant.extract.voice import block_voices, is_response

    layout = point_layout(doc)
    voices = block_voices(doc)
    response = is_response(doc)
    advisory = bool(_ADVISORY.search(doc.sender or "")) or (not response and doc.kind == "advies")
    found: list[Candidate] = []
    for index, block in enumerate(doc.blocks):
        quoted_until = layout.reply_from.get(index, len(block.text)) if index in layout.quoted else 0
        if quoted_until >= len(block.text) or block.kind in ("heading", "note") or (only is not None and index not in only):
            continue
        if is_closing(block.text) or is_salutation(block.text):
            continue
        # The answer that follows a restated question in the same paragraph speaks as the reply.
        voice = "reply" if 0 < quoted_until < len(block.text) else voices[index]
        context = Context(reference=doc.date, voice=voice, response=response, advisory_author=advisory,
                          kind=doc.kind, block_kind=block.kind)
        for start, end in split_sentences(block.text):
            if start < quoted_until:
                continue  # the question restated before the answer in the same paragraph
            sentence = block.text[start:end].strip()
            if len(sentence.split()) < _MIN_WORDS or asked_by_others(sentence):
                continue
            dates = find_dates(sentence, reference=doc.date)
            amounts = find_amounts(sentence)
            lowered = sentence.lower()
            timed = [d for d in dates if not _names_document(sentence, d[0])]  # not "Begroting 2025"
            values = features(sentence, context, timed, amounts, _is_past(lowered), _acting_subject(lowered))
            found.append(Candidate(sentence, index, start, end, layout.point_of.get(index), values, dates, amounts,
                                   only_a_verdict(sentence, timed, amounts)))
    return found


# "Dat voorstel nemen wij niet over", "het college neemt de wens niet over": a proposal declined,
# whatever it names (the verb and its "niet over" close together, not "..., maar zij gaan daar niet over").
_DECLINED = re.compile(r"\b(?:neem|neemt|nemen)\s+(?:[\w-]+\s+){0,3}?niet\s+over\b|\bniet\s+overgenomen\b",
                       re.IGNORECASE)


def only_a_verdict(sentence: str, dates: list, amounts: list) -> bool:
    """"Wij nemen dit advies (gedeeltelijk, niet) over", "Aan dit advies is gevolg gegeven": the
    reply's stance on the advice, which the draft shows as its stance; no promise (eval/README.md,
    reason ``stance``) unless the same sentence says what will be done, by when or for how much."""
    if dates or amounts:
        return False
    if not (_DECLINED.search(sentence) or any(cue.fires(sentence) for _, cue in VERDICTS)):
        return False
    return not any(BY_NAME[name].fires(sentence) for name in PROMISING)


@dataclass
class Scored:
    """A candidate sentence read as a commitment, whether the classifier accepts it, and whether
    it looks like one to a reader (a date, an amount or a promising verb): a "possible" one."""

    commitment: Commitment
    accepted: bool
    looks_like_one: bool


def scored_sentences(doc: Document, only: set[int] | None = None) -> list[Scored]:
    """Every candidate sentence of a document (with ``only``: of those blocks, 0-based) as a
    commitment with its confidence, in reading order."""
    model = load_model()
    sender = _sender_actor(doc)
    found: list[Scored] = []
    for candidate in candidates(doc, only):
        probability = model.probability(candidate.values)
        block = doc.blocks[candidate.block]
        commitment = _commitment(candidate, doc.date, sender)
        commitment.source = Source(doc_id=doc.id, page=block.page, block=candidate.block + 1,
                                   start=block.start + candidate.start, end=block.start + candidate.end,
                                   ocr=doc.read_by_ocr(block))
        commitment.point = candidate.point
        commitment.doc_title = doc.title
        commitment.doc_date = doc.date
        commitment.confidence = round(probability, 3)
        commitment.why = model.reasons(candidate.values)
        promising = any(name[4:] in PROMISING for name in candidate.values if name.startswith("cue:"))
        ahead = commitment.due is not None and (doc.date is None or commitment.due.end >= doc.date)
        looks = ahead or bool(commitment.amount) or (promising and not _is_past(candidate.sentence.lower()))
        # Scored like every sentence (the classifier learns from all of them), then left out.
        found.append(Scored(commitment, probability >= model.threshold and not candidate.verdict,
                            looks and not candidate.verdict))
    return found


def extract_commitments(doc: Document) -> list[Commitment]:
    """All commitments in a document, in reading order, each with its source span, confidence and why."""
    return [s.commitment for s in scored_sentences(doc) if s.accepted]


def possible_commitments(doc: Document) -> list[Commitment]:
    """Sentences the classifier did not accept that still hold a date, an amount or a promising
    verb in the present or future: shown apart, so that a reader sees what may have been missed."""
    return [s.commitment for s in scored_sentences(doc) if not s.accepted and s.looks_like_one]


def _commitment(candidate: Candidate, reference: date | None, sender: str) -> Commitment:
    sentence, dates, amounts = candidate.sentence, candidate.dates, candidate.amounts
    return Commitment(
        text=sentence,
        action=_action(sentence, dates, amounts),
        source=Source(doc_id="", page=0, block=0, start=0, end=0),
        actor=_actor(sentence, sender),
        due=_due(dates, reference, sentence) or _document_year(sentence),
        amount=amounts[0][2] if amounts else None,
        strength=strength(sentence),
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


def _due(dates: list[tuple[int, int, DateRange]], reference: date | None, sentence: str = "") -> DateRange | None:
    """The date that says when: the first one not already past at the letter's date; "in 2025 en
    2026" is one window over both years."""
    dates = [d for d in dates if not _SERVICE_NORM.match(d[2].label)]
    if not dates:
        return None
    index = 0
    if reference:
        index = next((i for i, (_, _, found) in enumerate(dates) if found.end >= reference), 0)
    start, end, found = dates[index]
    for next_start, next_end, other in dates[index + 1:]:
        if not (_YEAR_LIST.fullmatch(sentence[end:next_start]) and _whole_year(found) and _whole_year(other)):
            break
        found = DateRange(found.start, max(found.end, other.end), sentence[start:next_end])
        end = next_end
    return found


_YEAR_LIST = re.compile(r"\s*(?:,|en|,\s*en|tot\s+en\s+met|t/m)\s*")


def _whole_year(r: DateRange) -> bool:
    return (r.start.month, r.start.day) == (1, 1) and (r.end.month, r.end.day) == (12, 31)


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
    """Who "wij" or "ik" is: the author of the document."""
    sender = (doc.sender or "").lower()
    if "staatssecretaris" in sender:
        return "staatssecretaris"
    if "minister" in sender:
        return "minister"
    if "college" in sender or "burgemeester" in sender:
        return "college"
    if _ADVISORY.search(sender):
        return "adviesraad"
    return "college" if doc.kind in ("reactie", "raadsinformatiebrief", "besluitenlijst") else (doc.sender or "college")


def _action(sentence: str, dates, amounts) -> str:
    """A short phrase: the sentence without the date and amount words that end it or a clause
    (the table shows them in their own columns) and without its lead-in, cut to size. A date
    inside a clause stays ("die per 1 januari ingaan"), and so does one that opens the sentence:
    without it a Dutch sentence would start with its verb ("Vanaf 1 mei krijgt ..." → "Krijgt ...")."""
    spans = [(s, e) for s, e, _ in dates] + [(s, e) for s, e, _ in amounts]
    cut = sorted((span for span in spans if _ends_a_clause(sentence, span[1])), reverse=True)
    text = sentence
    for start, end in cut:
        text = text[:start] + text[end:]
    text = _LEADING.sub("", re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip())
    words = text.rstrip(" .").split()
    short = " ".join(words[:_ACTION_WORDS]) + (" …" if len(words) > _ACTION_WORDS else "")
    return short[:1].upper() + short[1:]


def _ends_a_clause(sentence: str, end: int) -> bool:
    after = sentence[end:].lstrip()
    return not after or after[0] in ",.;:)"
