"""The stance of a reply on an advice point, from Dutch cue phrases, with the deciding sentence.

Two tiers: an explicit verdict on the advice ("wij nemen dit advies (niet|gedeeltelijk) over",
"aan dit advies is gevolg gegeven", "anders dan de Afdeling ...") outranks softer signals ("wij
delen uw zorg"). Inside one sentence, disagree outranks partly outranks agree, because "neemt het
advies niet over" also contains "neemt ... over". When one answer carries verdicts both ways
(followed on one part, declined on another), the stance is partly.
"""

from __future__ import annotations

from assistant.model import Stance
from assistant.nl.cues import Cue
from assistant.nl.sentences import sentences

_ADVICE = (r"(?:dit|het|uw|deze|dat|die|de)\s+(?:\w+\s+){0,2}?(?:adviezen|advies|adviespunten|adviespunt|"
           r"aanbevelingen|aanbeveling|voorstellen|voorstel|suggesties|suggestie|opmerkingen|opmerking)"
           r"(?:\s+van\s+(?:de|het)\s+\w+)?")  # "het advies van de Afdeling"
# Who answers in a reply: the government speaking of itself.
_GOVERNMENT = r"(?:ik|wij|we|het\s+college|de\s+regering|het\s+kabinet)"
_WE = rf"(?:{_GOVERNMENT}\s+)?"
_ADVISOR = (r"(?:afdeling|raad|adviesraad|commissie|rekenkamer\w*|asd|cliëntenraad|ombudsman|autoriteit|"
            r"leden|adviescollege)")
_NOT_NEEDED = r"(?:wenselijk|nodig|haalbaar|noodzakelijk|zinvol|opportuun|proportioneel)\b"
# What one can share of someone else's: a view, a worry, an analysis.
_VIEW = (r"(?:stelling|mening|analyse|conclusie|opvatting|visie|zorg|zorgen|observatie|constatering|standpunt|"
         r"inschatting|zienswijze|gedachte|overtuiging|wens|ambitie|beeld)\b")
_PARTLY = r"(?:gedeeltelijk|deels|ten\s+dele|voor\s+een\s+deel|in\s+aangepaste\s+vorm|op\s+onderdelen)"

# (stance, cue) per tier, in priority order within a sentence.
VERDICTS: tuple[tuple[Stance, Cue], ...] = (
    ("disagree", Cue("not_taken_over", rf"\b(?:neemt|nemen|neem)\s+{_WE}{_ADVICE}\s+niet\s+over\b|"
                     rf"\b{_ADVICE}\s+(?:nemen|neemt|neem)\s+{_WE}niet\s+over\b",
                     "Wij nemen dit advies niet over.", "Wij nemen dit advies over.")),
    ("disagree", Cue("not_followed", rf"\b(?:volgt|volgen|volg)\s+{_WE}{_ADVICE}\s+niet\b|"
                     rf"\b{_ADVICE}\s+(?:is|wordt)\s+niet\s+(?:overgenomen|opgevolgd|gevolgd)\b|"
                     r"\bgeen\s+gevolg\s+(?:is\s+|wordt\s+)?gegeven\b|\b(?:wijst|wijzen)\s+.{0,60}\baf\b",
                     "Het advies is niet overgenomen.", "Het advies is overgenomen.")),
    ("disagree", Cue("unlike_the_advisor", rf"\banders\s+dan\s+(?:de\s+)?{_ADVISOR}\b",
                     "Anders dan de Afdeling ziet de regering geen reden voor een tweede toets.",
                     "Net als de Afdeling ziet de regering een reden voor een tweede toets.")),
    ("disagree", Cue("stays_of_the_opinion", r"\b(?:blijft|blijven|blijf)\s+(?:\w+\s+){0,3}?van\s+(?:oordeel|mening)\b",
                     "Het college blijft van oordeel dat de cursus nodig is.",
                     "Het college is van oordeel dat de cursus nodig is.")),
    ("partly", Cue("partly_taken_over", rf"\b(?:neemt|nemen|neem)\s+{_WE}{_ADVICE}\s+{_PARTLY}\s+over\b|"
                   rf"\b{_ADVICE}\s+(?:is|wordt)\s+{_PARTLY}\s+(?:overgenomen|opgevolgd|gevolgd)\b|"
                   rf"\b{_PARTLY}\s+(?:over(?:genomen|nemen)|gevolg\s+gegeven|gevolgd|opgevolgd)\b|"
                   rf"\b{_ADVICE}\s+{_PARTLY}\b",
                   "Het advies is deels overgenomen.", "Het advies is overgenomen.")),
    ("agree", Cue("taken_over", rf"\b(?:neemt|nemen|neem)\s+{_WE}{_ADVICE}\s+(?:volledig\s+|graag\s+|integraal\s+)?over\b|"
                  rf"\b{_ADVICE}\s+(?:nemen|neemt|neem)\s+{_WE}(?:graag\s+|volledig\s+)?over\b|"
                  rf"\b{_ADVICE}\s+(?:is|wordt|zijn|worden)\s+(?:volledig\s+)?(?:overgenomen|opgevolgd|gevolgd)\b|"
                  rf"\b{_ADVICE}\s+(?:is|zijn)\s+(?:\S+\s+){{0,6}}?verwerkt\b",
                  "Het college neemt deze aanbeveling over.", "Het college neemt deze aanbeveling niet over.")),
    ("agree", Cue("followed", rf"(?<!geen\s)\bgevolg\s+(?:is\s+|wordt\s+)?gegeven\b|\b(?:volgt|volgen|volg)\s+{_WE}{_ADVICE}\b|"
                  rf"\b(?:onderschrijft|onderschrijven|onderschrijf)\s+{_ADVICE}\b",
                  "Aan dit advies is gevolg gegeven.", "Aan dit advies is geen gevolg gegeven.")),
    ("agree", Cue("amended_accordingly",
                  r"\b(?:is|zijn|wordt|worden)\s+(?:\w+\s+){0,3}?(?:aangepast|aangevuld|gewijzigd|verduidelijkt|"
                  r"verbeterd|geschrapt)\b.{0,60}\b(?:advies|aanbeveling|opmerking|in\s+lijn\s+met|conform|"
                  r"overeenkomstig)\b|\b(?:naar\s+aanleiding\s+van|conform|overeenkomstig|in\s+lijn\s+met)\s+"
                  r"(?:dit|het|uw|deze)\s+(?:advies|aanbeveling)\s+(?:is|zijn|wordt|worden)\s+(?:\w+\s+){0,4}?"
                  r"(?:aangepast|aangevuld|gewijzigd|verduidelijkt|opgenomen)\b|"
                  rf"\b(?:in\s+overeenstemming\s+met|conform|overeenkomstig|in\s+lijn\s+met)\s+(?:het\s+advies\b|"
                  rf"de\s+aanbeveling\b|(?:hetgeen|wat)\s+(?:door\s+)?(?:de\s+|het\s+)?{_ADVISOR}\b)"
                  r".{0,80}?\b(?:aangepast|aangevuld|gewijzigd|verduidelijkt|opgenomen|verwerkt)\b",
                  "Naar aanleiding van dit advies is de toelichting aangevuld.",
                  "De toelichting is in 2023 aangevuld met een tabel.")),
)
SIGNALS: tuple[tuple[Stance, Cue], ...] = (
    ("disagree", Cue("no_reason", rf"\b(?:zien|ziet|zie)\s+{_WE}"
                     r"(?:daar|hier|dan\s+ook|daarom|ook)?\s*geen\s+(?:aanleiding|reden|noodzaak)\b",
                     "Wij zien geen aanleiding om een contactpersoon aan te stellen.",
                     "Wij zien aanleiding om een contactpersoon aan te stellen.")),
    ("disagree", Cue("no_cause", r"\b(?:er\s+is|is\s+er|bestaat|bestaat\s+er)\s+(?:dan\s+ook\s+|daarom\s+|"
                     r"op\s+dit\s+moment\s+|momenteel\s+)?geen\s+(?:aanleiding|reden|noodzaak)\b",
                     "Daartoe bestaat geen aanleiding.", "Daartoe bestaat alle aanleiding.")),
    ("disagree", Cue("cannot_go_along", r"\b(?:kunnen|kan)\s+(?:\w+\s+){0,3}?(?:hier|daar)\s+niet\s+in\s+meegaan\b|"
                     r"\b(?:hier|daar)\s+(?:kunnen|kan)\s+(?:\w+\s+){0,3}?niet\s+in\s+mee(?:gaan)?\b|"
                     r"\b(?:gaan|gaat)\s+(?:\w+\s+){0,3}?(?:hier|daar)\s+niet\s+in\s+mee\b",
                     "Daar kunnen wij niet in meegaan.", "Daar gaan wij graag in mee.")),
    ("disagree", Cue("not_desirable", r"\b(?:achten|acht)\s+(?:\w+\s+){0,3}?(?:dit|dat|het)\s+niet\s+"
                     rf"{_NOT_NEEDED}|\b(?:acht|achten|vind|vindt|vinden)\s+{_GOVERNMENT}"
                     rf"\s+(?:\w+\s+){{0,2}}?niet\s+{_NOT_NEEDED}",
                     "Een aparte meldplicht acht de regering niet wenselijk.",
                     "Een aparte meldplicht acht de regering wenselijk.")),
    ("disagree", Cue("does_not_agree", r"\b(?:is|ben|zijn)\s+(?:\w+\s+){0,3}?het\s+(?:\w+\s+){0,4}?niet\s+(?:\w+\s+){0,4}?eens\b",
                     "Ik ben het op dit punt niet met deze leden eens.",
                     "Ik ben het op dit punt met deze leden eens.")),
    ("disagree", Cue("not_convinced", r"\b(?:komt|komen|lijkt|lijken)\s+(?:ons|mij|de\s+regering|het\s+kabinet|"
                     r"het\s+college)\s+(?:\w+\s+){0,2}?(?:niet\s+juist|onjuist)\b|"
                     r"\b(?:kunnen|kan)\s+(?:wij|we|ik)\s+(?:dit|dat|deze\s+\w+|die\s+\w+|het\s+\w+)\s+"
                     r"(?:\w+\s+){0,2}?niet\s+(?:goed\s+|geheel\s+|helemaal\s+)?volgen\b|"
                     rf"(?:\b(?:achten|acht|vinden|vind)\s+{_GOVERNMENT}|\b{_GOVERNMENT}\s+(?:achten|acht|vinden|vind))"
                     r"\s+(?:\w+\s+){0,6}?niet\s+(?:zonder\s+meer\s+|geheel\s+|erg\s+|bijzonder\s+)?overtuigend\b|"
                     r"\b(?:af|afbreuk)\s+aan\s+de\s+overtuigingskracht\b",
                     "Die lezing van de wet komt ons niet juist voor.",
                     "Die lezing van de wet komt ons juist voor.")),
    ("disagree", Cue("chose_otherwise", r"\b(?:is|ben|heb|heeft|hebben)\s+(?:\w+\s+){0,3}?(?:er\s+)?(?:bewust\s+)?"
                     r"niet\s+voor\s+gekozen\b",
                     "Daar is in dit wetsvoorstel bewust niet voor gekozen.",
                     "Daar is in dit wetsvoorstel bewust voor gekozen.")),
    ("agree", Cue("met_the_wish", r"(?<!niet\s)\b(?:wordt|is|worden|zijn)\s+(?:(?!niet\b)\w+\s+){0,4}?tegemoetgekomen\s+aan\b|"
                  r"\bom\s+(?:\w+\s+){0,6}?tegemoet\s+te\s+komen\s+aan\s+(?:de|het|dit|deze)\s+(?:\w+\s+)?"
                  r"(?:wens|verzoek|zorg|zorgen)\b",
                  "Hiermee wordt tegemoetgekomen aan de wens van deze leden.",
                  "Hiermee wordt niet tegemoetgekomen aan de wens van deze leden.")),
    ("agree", Cue("meets_the_request", r"\b(?:kom|komt|komen|voldoe|voldoet|voldoen|ga|gaat|gaan)\s+(?:\w+\s+){0,3}?"
                  r"(?:tegemoet\s+aan|in\s+op|aan)\s+(?:het|dit|deze|dat|die|hun|uw)\s+(?:\w+\s+)?(?:verzoek|wens)\b|"
                  r"\b(?:aan\s+)?(?:het|dit|deze|dat)\s+(?:verzoek|wens)\s+(?:\w+\s+){0,3}?(?:graag\s+)?"
                  r"(?:tegemoet|gehonoreerd|ingewilligd)\b",
                  "Aan dit verzoek kom ik graag tegemoet.",
                  "Dit verzoek is op 3 maart ontvangen.")),
    ("agree", Cue("willing", rf"(?<!niet\s)\b(?:ben|is|zijn)\s+{_GOVERNMENT}\s+"
                  r"(?:graag\s+|van\s+harte\s+)?bereid\b|\b(?:ik|wij|we)\s+(?:ben|zijn)\s+(?:graag\s+)?bereid\b",
                  "Ik ben graag bereid de Kamer hierover jaarlijks te informeren.",
                  "Ik ben niet bereid de Kamer hierover jaarlijks te informeren.")),
    ("partly", Cue("partly", rf"\b{_PARTLY}\b", "Wij volgen het advies voor een deel.", "Wij volgen het advies.")),
    ("disagree", Cue("not_endorsed", r"\b(?:onderschrijft|onderschrijven|deelt|delen|volgt|volgen)\s+(?:\w+\s+){0,6}?"
                     r"(?:niet|geenszins)\b|\b(?:kiest|kiezen)\s+(?:\w+\s+){0,3}?(?:er\s+)?niet\s+voor\b",
                     "De regering onderschrijft deze conclusie van de Afdeling niet.",
                     "De regering onderschrijft deze conclusie van de Afdeling.")),
    ("agree", Cue("amended", r"\b(?:toelichting|(?:wets)?voorstel|tekst|regeling|verordening|nota|wet|artikel\s+\d+\w*|"
                  r"paragraaf\s+[\d.]+|besluit)\s+(?:is|zijn|wordt|worden)\s+(?:\S+\s+){0,9}?(?:aangepast|aangevuld|"
                  r"gewijzigd|verduidelijkt|uitgebreid|verbeterd|toegelicht|geschrapt)\b|"
                  r"\bnaar\s+aanleiding\s+van\s+(?:dit|het|deze)\s+(?:advies|opmerking|aanbeveling)\b",
                  "De memorie van toelichting is op dit punt aangevuld.",
                  "De memorie van toelichting beschrijft de gevolgen.")),
    ("agree", Cue("endorse", r"\b(?:onderschrijft|onderschrijven|onderschrijf)\b",
                  "De minister onderschrijft de analyse.", "De minister leest de analyse.")),
    ("agree", Cue("share_view", rf"\b(?:deelt|delen|deel)\s+(?:{_GOVERNMENT}\s+|de\s+minister\s+)?"
                  rf"(?:uw|de|deze|die|dat|dit|hun|het)\s+(?:\w+\s+)?{_VIEW}|"
                  rf"\b{_VIEW}\s+(?:\w+\s+){{0,3}}?(?:deelt|delen|deel)\s+(?:{_GOVERNMENT}|de\s+minister)\b",
                  "Die zorg deelt de regering.", "Wij horen uw zorg over de wachttijden.")),
    ("agree", Cue("agrees", r"\b(?:is|zijn|ben)\s+(?:het\s+)?(?:wij\s+|we\s+|ik\s+|het\s+college\s+)?(?:het\s+)?"
                  r"(?:met\s+u\s+|met\s+(?:de|deze|die)\s+(?:[\w-]+\s+){1,6}?)?(?:volledig\s+|zeer\s+)?eens\b|"
                  r"\beens\s+met\s+(?:u|uw|de\s+adviesraad|(?:de|deze|die)\s+leden)\b",
                  "Het college is het met u eens dat de basis versterkt moet worden.",
                  "Het college twijfelt of de basis versterkt moet worden.")),
    ("agree", Cue("joins", r"\b(?:sluit|sluiten)\s+(?:\w+\s+){0,2}?(?:ons|zich|mij)\s+aan\s+bij\s+(?:uw|het|dit|de)\b",
                  "Wij sluiten ons aan bij uw advies.", "Wij sluiten de vergadering.")),
    ("disagree", Cue("not_recognised", r"\b(?:herkent|herkennen|herken)\s+(?:(?!dat\b|die\b|wat\b)\w+\s+){0,4}?"
                     r"niet\b(?!\s+alleen\b)",
                     "Dit beeld herkent de regering niet.", "Dit beeld herkent de regering.")),
    ("agree", Cue("recognise", r"\b(?:herkent|herkennen|herken)\s+(?:wij\s+|we\s+|ik\s+)?(?:uw|het|de)\b",
                  "Wij herkennen het beeld dat u schetst.", "Wij kennen het beeld niet.")),
)
_ORDER: dict[Stance, int] = {"disagree": 0, "partly": 1, "agree": 2}


def decide_stance(text: str) -> tuple[Stance, str | None]:
    """The stance of an answer and the sentence that decided it (None when unclear)."""
    parts = sentences(text)
    for rules in (VERDICTS, SIGNALS):
        decided: list[tuple[Stance, str]] = []
        for sentence in parts:
            found = [stance for stance, cue in rules if cue.fires(sentence)]
            if found:
                decided.append((min(found, key=_ORDER.__getitem__), sentence))
        if decided:
            stances = {stance for stance, _ in decided}
            if rules is VERDICTS and "agree" in stances and "disagree" in stances:
                return "partly", decided[0][1]  # followed on one part, declined on another
            return decided[0]
    return "unclear", None
