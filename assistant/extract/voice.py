"""Who speaks in a paragraph: the point being answered (an advice, a recommendation, a question
of a council member or a fraction) or the reply to it (the government's answer).

A reply letter, a nader rapport, answers to Kamervragen and a nota naar aanleiding van het
verslag all quote the points they answer; extraction must know which paragraphs are quoted
(they promise nothing) and which are the answer. The voice of a paragraph is decided per
paragraph: a label says it outright ("Vraag 2", "Antwoord", "Reactie:"); an italic paragraph in
a reply is a quote; otherwise cues in the text decide. Document kind is not consulted.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.model import Block, Document
from assistant.nl.cues import Cue, fired
from assistant.nl.sentences import sentences, split_sentences
from assistant.parse.structure import read_label

Voice = Literal["point", "reply"]

_BODIES = (r"(?:de\s+)?(?:afdeling(?:\s+advisering)?|raad(?:\s+van\s+state)?|adviesraad|rekenkamer(?:commissie)?|"
           r"commissie|asd|cliëntenraad|participatieraad|seniorenraad|ombudsman|autoriteit(?:\s+\w+)?|panel|"
           r"adviescollege)")
# The voice of the point answered: someone else's advice, recommendation or question.
POINT_CUES: tuple[Cue, ...] = (
    Cue("advisory_body_advises",
        rf"^(?:[^.]{{0,60}}?\s)?{_BODIES}\s+(?:adviseert|adviseren|beveelt\b.{{0,120}}\baan|raadt\b.{{0,120}}\baan|"
        r"acht\b.{0,80}\b(?:wenselijk|nodig|noodzakelijk|aangewezen)|merkt\s+op|wijst\s+(?:erop|op)|concludeert|"
        r"constateert|vraagt|verzoekt|stelt\s+voor|mist|plaatst\s+vraagtekens)",
        "De adviesraad adviseert de termijn van vijf werkdagen in de verordening op te nemen.",
        "Anders dan de adviesraad ziet het college geen aanleiding de termijn op te nemen."),
    Cue("advisory_body_advises_inverted",
        rf"^(?:\w+\s+){{0,2}}?(?:adviseert|adviseren|beveelt|bevelen|raadt|wijst|merkt|vraagt|verzoekt|concludeert|"
        rf"constateert|acht)\s+{_BODIES}\b",
        "Verder adviseert de adviesraad de termijn te verkorten.",
        "Verder heeft het college de termijn verkort."),
    Cue("we_advise", r"^(?:\w+\s+){0,3}?(?:wij|we)\s+(?:adviseren|bevelen\b.{0,120}\baan|raden\b.{0,120}\baan)\b",
        "Wij adviseren het college de eigen bijdrage af te schaffen.",
        "Wij nemen het advies van de raad over."),
    Cue("members_ask",
        r"^(?!.*\bdank)(?:(?:\w+\s+){0,2}?(?:vragen|willen|verzoeken)\s+(?:zij|ze|deze\s+leden)\b|"
        r"(?:[\w.]+\s+){0,3}?(?:zij|ze)\s+(?:vragen|willen\s+weten|verzoeken|horen\s+graag)\b|"
        r"(?:[\w.]+\s+){0,3}?(?:deze\s+leden|de\s+(?:leden\s+van\s+de\s+)?[\w-]+(?:[\s-]+\w+){0,2}?[\s-]*fractie)\s+"
        r"(?:\w+\s+){0,3}?"
        r"(?:vragen|vraagt|willen\s+weten|wil\s+weten|verzoeken|informeren|merken\s+op|hebben\s+(?:nog\s+)?"
        r"(?:een\s+)?(?:aantal\s+)?vra(?:ag|gen)|constateren|lezen|hebben\s+(?:\w+\s+){0,3}?kennisgenomen|"
        r"horen\s+graag|zijn\s+benieuwd|maken\s+zich\s+zorgen))",
        "De leden van de VVD-fractie vragen hoe vaak de regeling wordt geëvalueerd.",
        "Ik dank de leden van de VVD-fractie voor hun vragen."),
    Cue("question",
        r"^(?:klopt|bent|is|zijn|kunt|kan|wilt|wil|deelt|heeft|hebt|hoe|wat|welke|waarom|wanneer|hoeveel|waar|wie|"
        r"in\s+hoeverre|zo\s+ja|zo\s+nee|op\s+welke|acht|vindt|herkent|gaat|zal)\b[^.]*\?\s*$",
        "Hoeveel kinderen staan op dit moment op een wachtlijst voor jeugdhulp?",
        "Het aantal kinderen op een wachtlijst is gedaald."),
    Cue("imperative",
        r"^(?:breid|verkort|maak|zorg|stel|schaf|werk|betrek|geef|leg|wijs|richt|volg|ontwikkel|bied|voer|verhoog|"
        r"investeer|versterk|verbeter|vergroot|verminder|houd|organiseer|evalueer|monitor|informeer|communiceer|"
        r"faciliteer|stimuleer|ondersteun|beperk|voorkom|benut|vereenvoudig|verduidelijk|herzie|borg|regel|hanteer|"
        r"creëer|continueer|intensiveer|heroverweeg|publiceer|garandeer|waarborg|neem|zet|kies)\s+(?:de|het|een|uw|"
        r"ook|meer|iedere|elke|alle|bij|in|op|met|voor|aan|zo|daarbij|hierbij|jongeren|inwoners|"
        r"ouders|cliënten|[a-zé]+\w*)\b",
        "Verkort de wachttijden voor specialistische jeugdhulp.",
        "Wij verkorten de wachttijden voor specialistische jeugdhulp."),
)
# The voice of the reply: the author answers, decides, or takes a position on the point.
REPLY_CUES: tuple[Cue, ...] = (
    Cue("verdict",
        r"\b(?:neemt|nemen|neem)\s+(?:\w+\s+){0,3}?(?:advies|aanbeveling|voorstel|adviespunt|suggestie)\w*\s+"
        r"(?:\w+\s+){0,3}?over\b|\bgevolg\s+(?:is\s+)?gegeven\b|\b(?:advies|aanbeveling)\s+(?:is|wordt)\s+"
        r"(?:deels\s+|gedeeltelijk\s+|niet\s+)?(?:overgenomen|opgevolgd|gevolgd)\b",
        "Het college neemt deze aanbeveling gedeeltelijk over.",
        "De adviesraad beveelt aan de termijn te verkorten."),
    Cue("refers_to_point",
        r"\b(?:naar\s+aanleiding\s+van|in\s+reactie\s+op|in\s+antwoord\s+op|ter\s+beantwoording\s+van)\s+"
        r"(?:dit|het|uw|deze|die|de)\s+(?:\w+\s+)?(?:advies|aanbeveling|vraag|vragen|opmerking|opmerkingen|punt)\b",
        "Naar aanleiding van dit advies is artikel 4 aangevuld.",
        "Het advies is op 2 juni uitgebracht."),
    Cue("unlike_the_advisor", rf"\banders\s+dan\s+{_BODIES}\b|\banders\s+dan\s+de\s+leden\b",
        "Anders dan de Afdeling ziet de regering geen noodzaak voor een horizonbepaling.",
        "De Afdeling ziet geen noodzaak voor een horizonbepaling."),
    Cue("yes_or_no", r"^(?:ja|nee|neen)\s*[.,;:]",
        "Nee. De wachttijd was gemiddeld vijftien weken.",
        "Nederland telt twaalf provincies."),
    Cue("stays_of_the_opinion", r"\b(?:blijft|blijven)\s+(?:\w+\s+){0,3}?van\s+(?:oordeel|mening)\b|\bziet\s+geen\s+aanleiding\b|"
        r"\bzien\s+(?:wij|we)\s+geen\s+aanleiding\b",
        "Het college blijft van oordeel dat de cursus een zinvolle voorwaarde is.",
        "De commissie is van oordeel dat de cursus overbodig is."),
)
# Label roles and the voice they give.
_ROLE_VOICE: dict[str, Voice] = {"vraag": "point", "advies": "point", "antwoord": "reply", "reactie": "reply",
                                 "ad": "reply"}


def is_response(doc: Document) -> bool:
    """A document that answers points: it labels answers, or gives verdicts on advice, or its
    title says it replies."""
    if any(b.role in ("antwoord", "reactie", "ad") for b in doc.blocks):
        return True
    title = (doc.title or "").lower()
    if any(word in title for word in ("reactie op", "beantwoording", "antwoord", "nader rapport",
                                      "naar aanleiding van het verslag", "schriftelijk overleg", "reactie van")):
        return True
    asked = sum(1 for b in doc.blocks if b.kind != "heading" and _MEMBERS_ASK.fires(b.text))
    return asked >= 2 or any(_has_reply_cue(b.text) for b in doc.blocks if b.kind != "heading")


_MEMBERS_ASK = next(cue for cue in POINT_CUES if cue.name == "members_ask")


def _has_reply_cue(text: str) -> bool:
    return any(cue.name in ("verdict", "unlike_the_advisor") and cue.fires(text) for cue in REPLY_CUES)


def block_voices(doc: Document) -> list[Voice | None]:
    """The voice of every block (None where nothing says)."""
    response = is_response(doc)
    return [block_voice(block, response) for block in doc.blocks]


def cued_point(block: Block) -> bool:
    """Whether the words of a paragraph, not only its italics, say it is someone else's point."""
    label = read_label(block.text)
    text = label.rest if label is not None and label.numbers and label.rest.strip() else block.text
    parts = sentences(text)
    return bool(parts) and bool(fired(POINT_CUES, parts[0])) and not fired(REPLY_CUES, text)


def block_voice(block: Block, response: bool) -> Voice | None:
    if block.role in _ROLE_VOICE:
        return _ROLE_VOICE[block.role]
    if not response:
        return None
    label = read_label(block.text)
    text = label.rest if label is not None and label.numbers and label.rest.strip() else block.text
    parts = sentences(text)  # "b. Voorts adviseert de Afdeling ...": the label is no part of the sentence
    if not parts:
        return None
    reply = fired(REPLY_CUES, text)
    # The point's own words open the paragraph; an advisory body may speak in a later sentence too.
    point = fired(POINT_CUES, parts[0]) or [name for s in parts[1:] for name in fired(POINT_CUES, s)
                                            if name.startswith("advisory_body")]
    if block.emphasis == "italic" and not reply:
        return "point"  # "het advies is hieronder cursief weergegeven"
    if point and not reply:
        return "point"
    if reply:
        return "reply"
    return None


# A sentence that still speaks of or for the askers ("Zij vragen ook ...", "Deze leden merken op").
_ASKERS = re.compile(r"\b(?:de|deze|die)\s+leden\b|\bfractie\b|^(?:zij|ze)\s+\w+|^(?:zo\s+ja|zo\s+nee|zo\s+niet|"
                     r"graag|tevens|voorts|daarnaast\s+(?:vragen|willen))\b", re.IGNORECASE)
_REPLYING = re.compile(r"^(?:ja|nee|neen)\b|\b(?:ik|wij|we|het\s+kabinet|de\s+regering|het\s+college|"
                       r"de\s+minister|de\s+staatssecretaris|mijn|ons|onze)\b", re.IGNORECASE)
_MEMBERS = re.compile(r"\b(?:de|deze|die)\s+leden\b|\bfractie\b", re.IGNORECASE)
_ASKS = re.compile(r"\?\s*$|\b(?:vragen|vraagt|willen\s+weten|wil\s+weten|verzoeken|verzoekt|horen\s+graag)\b",
                   re.IGNORECASE)


def reply_start(text: str) -> int | None:
    """Where the reply begins inside a paragraph that opens by restating a question ("De leden
    van de X-fractie vragen ... ? Het kabinet ..."): the offset of the first sentence after the
    asking ones, when the paragraph asks at least once and what follows replies (the government
    speaks, "ja"/"nee", a verdict); None otherwise."""
    spans = split_sentences(text)
    asked = False
    for n, (start, end) in enumerate(spans):
        sentence = text[start:end].strip()
        asking = bool(fired(POINT_CUES, sentence)) or bool(_ASKERS.search(sentence)) or sentence.endswith("?")
        if asking:
            asked = asked or bool(_ASKS.search(sentence))
            continue
        if n == 0 or not asked:
            return None
        first = text[spans[0][0]:spans[0][1]]
        if _MEMBERS.search(first):
            return start  # the members' question told in the third person: what follows is the reply
        rest = [text[a:b].strip() for a, b in spans[n:]]
        # After a question asked outright, the asker's own explanation is no answer: the rest must reply.
        return start if any(_REPLYING.search(part) or fired(REPLY_CUES, part) for part in rest) else None
    return None
