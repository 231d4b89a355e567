"""The cues of a commitment (toezegging), one named row each, with an example sentence it must
fire on and a counterexample it must not; all sentences written for this project. The cues are
features of the commitment classifier (``extract/classifier.py``), which weighs them with the
sentence's tense, subject, dates and amounts; none decides alone.

``INTENT`` names the cues of a weaker promise (strength "intent"); ``STRENGTH`` is the one table
of how firm a promise reads, shared by extraction (``Commitment.strength``) and comparison (a
change in these cues is a change in strength).
"""

from __future__ import annotations

from assistant.model import Strength
from assistant.nl.cues import Cue

_GOV = (r"(?:wij|we|ik|het\s+college|de\s+gemeente|het\s+kabinet|de\s+regering|de\s+minister|de\s+staatssecretaris|"
        r"de\s+wethouder|de\s+burgemeester|het\s+ministerie|mijn\s+ministerie|onze\s+gemeente)")
_INF = r"[a-zë]+(?:en|ën)\b"

CUES: tuple[Cue, ...] = (
    # -- will do --------------------------------------------------------------------------------
    Cue("future_auxiliary", r"\b(?:zal|zullen|zult)\b(?!(?:\s+\w+){0,4}?\s+(?:niet|geen|nooit)\b)",
        "Wij zullen de raad in het voorjaar informeren.", "Wij hebben de raad in het voorjaar geïnformeerd."),
    Cue("going_to", rf"\b(?:ga|gaat|gaan)\s+(?:\w+\s+){{0,8}}?{_INF}(?!\s+(?:niet|geen))",
        "De gemeente gaat de regeling vereenvoudigen.", "Het gaat goed met de regeling."),
    Cue("comes_with", r"\b(?:kom|komt|komen)\s+(?:\w+\s+){0,4}?(?:met\s+(?:een|het|de|nieuwe|een\s+nieuw)|terug\s+op|"
        r"(?:bij\s+\w+\s+)?terug)\b",
        "Het kabinet komt dit najaar met een wetsvoorstel.", "De wet komt uit 2015."),
    Cue("informs", r"\b(?:informeer|informeert|informeren|berichten?|bericht|rapporteer|rapporteert|rapporteren)\s+"
        r"(?:\w+\s+){0,3}?(?:u|uw\s+kamer|de\s+kamer|de\s+(?:gemeente)?raad|de\s+commissie|de\s+adviesraad|"
        r"de\s+staten-generaal)\b|\b(?:u|uw\s+kamer|de\s+(?:gemeente)?raad)\s+(?:\w+\s+){0,2}?"
        r"(?:geïnformeerd|ingelicht)\s+(?:worden|wordt)\b",
        "Ik informeer uw Kamer voor de zomer over de uitkomsten.", "De Kamer heeft mij geïnformeerd."),
    Cue("sends", r"\b(?:stuur|stuurt|sturen|zend|zendt|zenden|toezenden|doen\s+toekomen|bied|biedt|bieden)\s+"
        r"(?:\w+\s+){0,6}?(?:brief|rapport|nota|voorstel|plan|overzicht|verslag|evaluatie|kamerbrief|"
        r"raadsinformatiebrief|kabinetsreactie|reactie)\b|\b(?:ontvangt|ontvangen)\s+(?:u|uw\s+kamer|de\s+raad)\b|"
        r"\b(?:u|uw\s+kamer|de\s+raad|de\s+commissie)\s+(?:ontvangt|ontvang)\b",
        "Het college stuurt de raad in juni een raadsinformatiebrief.", "Het college ontving in juni een brief."),
    Cue("presents", r"\b(?:leg|legt|leggen)\s+(?:\w+\s+){0,8}?voor\b|\bter\s+(?:besluitvorming|vaststelling)\s+"
        r"(?:aan|voor)",
        "Wij leggen het voorstel in oktober aan de raad voor.", "Het voorstel lag ter inzage."),
    Cue("makes_money_available", r"\b(?:stel|stelt|stellen|trek|trekt|trekken|reserveer|reserveert|reserveren|"
        r"investeer|investeert|investeren|maak|maakt|maken)\s+(?:\S+\s+){0,8}?(?:beschikbaar|uit|vrij)\b|"
        r"\b(?:investeer|investeert|investeren)\b",
        "Wij stellen in 2025 eenmalig € 80.000 beschikbaar.", "Het budget was beschikbaar voor inwoners."),
    Cue("promises", r"\b(?:zeg|zegt|zeggen)\s+(?:\w+\s+){0,8}?toe\b|\btoezegging\s+(?:gedaan|om|dat)\b",
        "De wethouder zegt toe de commissie te informeren.", "De wethouder zegt dat de commissie is geïnformeerd."),
    Cue("starts", r"\b(?:start|starten|begint|beginnen|opent|openen|lanceert|lanceren|richt|richten)\s+"
        r"(?:\w+\s+){0,5}?(?:in|per|vanaf|op|met|een|in\s+het)\b",
        "De gemeente start in september met een proef.", "De proef startte vorig jaar."),
    Cue("continues", r"\b(?:zet|zetten)\s+(?:\w+\s+){0,6}?(?:voort|door)\b|\b(?:blijf|blijft|blijven)\s+"
        r"(?:\w+\s+){0,4}?(?:inzetten|financieren|ondersteunen|subsidiëren|beschikbaar|bestaan)\b",
        "Het kabinet zet de financiering structureel door.", "Het kabinet zet de deur open."),
    Cue("works_on", r"\b(?:werk|werkt|werken)\s+(?:\w+\s+){0,3}?aan\s+(?:een|het|de)\b|\b(?:wordt|worden)\s+"
        r"(?:\w+\s+){0,4}?(?:voorbereid|uitgewerkt|opgesteld|ontwikkeld)\b",
        "Het ministerie werkt aan een nieuw afwegingskader.", "Het ministerie werkt goed samen met gemeenten."),
    Cue("passive_plan", r"\b(?:wordt|worden)\s+(?:\w+\s+){0,8}?(?:ingevoerd|uitgebreid|verhoogd|verlaagd|aangepast|"
        r"vervangen|verlengd|afgeschaft|geëvalueerd|gepubliceerd|opgericht|ingezet|verbeterd|gestart|geopend|"
        r"aangescherpt|vereenvoudigd|herzien|uitgewerkt|voorbereid|meegenomen|geïmplementeerd|gesteld|gedeeld|"
        r"vastgesteld|gerealiseerd|behaald|opgenomen|betrokken|gekeken\s+naar|toegevoegd|ingediend|verstuurd|"
        r"verzonden|aangeboden|ingericht|uitgevoerd)\b",
        "De huurtoeslag wordt per 2026 vereenvoudigd.", "De huurtoeslag is in 2020 vereenvoudigd."),
    Cue("decided_to", r"\b(?:heeft|hebben)\s+(?:\w+\s+){0,3}?besloten\s+(?:om\s+)?(?:\w+\s+){0,8}?te\s+\w+",
        "Het college heeft besloten de pilot te verlengen.", "Het college heeft het besluit genomen."),
    Cue("decision_action", r"\b(?:aan\s+\w+\s+)?te\s+(?:informeren|sturen|zenden|verzenden|betalen|verlenen|"
        r"laten\s+\w+|dekken|bekostigen|reserveren|starten|verlengen|vragen|agenderen|subsidiëren|uit\s+te\s+betalen)\b|"
        r"\b(?:toe|uit|op|aan|voor|in|beschikbaar)\s+te\s+(?:zenden|voeren|nemen|bieden|leggen|stellen|betalen|zetten|"
        r"dragen|stellen)\b",
        "Besluit: de raad via een raadsinformatiebrief te informeren over de uitkomst.",
        "Besluit: in te stemmen met de beantwoording van de vragen."),
    # -- weaker promises ------------------------------------------------------------------------
    Cue("strives", r"\b(?:streef|streeft|streven)\s+(?:\w+\s+){0,3}?(?:ernaar|naar)\b|\bhet\s+streven\s+is\b",
        "Wij streven ernaar de wachttijd te halveren.", "Wij hebben de wachttijd gehalveerd."),
    Cue("intends", r"\b(?:ben|is|zijn)\s+(?:\w+\s+)?voornemens\b|\bvoornemen(?:s)?\s+(?:is|om)\b|\bvan\s+plan\b",
        "Ik ben voornemens de regeling te verlengen.", "De regeling is verlengd."),
    Cue("wants_to_act", rf"\b(?:wil|willen)\s+(?!dat\b)(?:\w+\s+){{0,6}}?{_INF}(?!\s+dat)",
        "Het college wil de aanvraag digitaal mogelijk maken.", "Het college wil dat iedereen meedoet."),
    Cue("investigates", r"\b(?:onderzoek|onderzoekt|onderzoeken|bekijk|bekijkt|bekijken|bezie|beziet|bezien|verken|"
        r"verkent|verkennen|ga|gaat|gaan)\s+(?:\w+\s+){0,3}?(?:na\s+)?(?:of|hoe|welke|wat|waarom|in\s+hoeverre|"
        r"de\s+mogelijkheid|de\s+mogelijkheden|de\s+gevolgen)\b|\binventariseer\w*\b|\bbreng\w*\s+(?:\w+\s+){0,4}?"
        r"in\s+kaart\b",
        "Wij onderzoeken of respijtzorg in het weekend mogelijk is.", "Het onderzoek liet zien dat het kan."),
    Cue("expects_to", r"\b(?:verwacht|verwachten)\s+(?:\w+\s+){0,8}?te\s+\w+|\b(?:worden|wordt)\s+(?:\w+\s+){0,4}?"
        r"verwacht\b",
        "Ik verwacht uw Kamer dit najaar te informeren.", "Zoals verwacht is het aantal gestegen."),
    Cue("commits_effort", r"\b(?:zet|zetten)\s+(?:\w+\s+)?(?:me|mij|ons|zich)\s+(?:er\s+)?(?:voor\s+)?in\b",
        "De minister zet zich in voor een snellere procedure.", "De minister zet het voorstel in de krant."),
    # -- not a promise ----------------------------------------------------------------------------
    Cue("question", r"\?\s*$", "Bent u bereid de regeling te verlengen?", "Ik ben bereid de regeling te verlengen."),
    Cue("parliament_asks", r"\b(?:de\s+kamer|de\s+leden|de\s+fractie|[\w-]+-?fractie|de\s+raad|de\s+commissie|"
        r"de\s+afdeling|het\s+lid)\b(?:\s+\w+){0,4}?\s+(?:vraagt|vragen|verzoekt|verzoeken|roept|roepen|"
        r"adviseert|adviseren|constateert|constateren|overweegt|overwegende|spreekt\s+uit)\b|"
        r"\bverzoekt\s+(?:de\s+regering|het\s+college)\b",
        "De leden van de fractie vragen de regering de termijn te verlengen.",
        "De regering verlengt de termijn op verzoek van de leden."),
    Cue("advisor_recommends", r"\b(?:adviseert|adviseren|beveelt\s+aan|bevelen\s+aan|raadt\s+aan|aanbeveling)\b",
        "De commissie beveelt aan de regeling te evalueren.", "De commissie evalueert de regeling."),
    Cue("negated_plan", r"\b(?:zal|zullen|ga|gaat|gaan|wil|willen|kan|kunnen)\s+(?:\w+\s+){0,4}?(?:niet|geen|nooit)\b",
        "Het college zal de bijdrage niet verhogen.", "Het college zal de bijdrage verhogen."),
    Cue("reading_guide", r"\b(?:in|met)\s+(?:deze|dit|de\s+onderhavige)\s+(?:brief|nota|notitie|memo)\b|"
        r"\bhieronder\b|\bin\s+de\s+bijlage\b|\bga\s+ik\s+(?:\w+\s+)?in\s+op\b|\bbeantwoord\w*\s+ik\b|"
        r"\btreft\s+u\s+aan\b",
        "In deze brief ga ik in op de vragen van de commissie.", "Ik ga in maart met de commissie in gesprek."),
    Cue("conditional", r"^(?:als|indien|mits|wanneer|ingeval)\b|\bonder\s+voorwaarde\b|\bop\s+voorwaarde\b|"
        r"\bna\s+(?:uw\s+)?(?:instemming|goedkeuring|akkoord)\b|\bals\s+(?:de\s+kamer|uw\s+kamer|de\s+raad)\s+\w+\s+"
        r"(?:instemt|akkoord)",
        "Als de Kamer instemt, zal ik de regeling aanpassen.", "Ik zal de regeling aanpassen."),
    Cue("opinion", r"\b(?:deel|deelt|delen)\s+(?:\w+\s+){0,3}?(?:zorg|zorgen|mening|opvatting|analyse|conclusie)\b|"
        r"\b(?:is|ben|zijn)\s+(?:het\s+)?(?:\w+\s+)?(?:met\s+\w+\s+)?eens\b|\b(?:acht|vind|vindt|vinden)\s+"
        r"(?:\w+\s+){0,4}?(?:belangrijk|wenselijk|onwenselijk|noodzakelijk|van\s+belang)\b|\b(?:herken|herkent|herkennen)\b",
        "Ik deel de zorg van de leden over de wachttijden.", "Ik verkort de wachttijden."),
    Cue("ambition", r"\b(?:wil|willen)\s+(?:\w+\s+){0,2}?dat\b|\b(?:richt|richten)\s+(?:\w+\s+)?(?:ons|zich)\s+op\b|"
        r"\bambiti\w+\b|\bdoel\s+(?:is|blijft)\b",
        "Het college wil dat iedere inwoner kan meedoen.", "Het college wil de regeling verlengen."),
    Cue("forecast", r"\bnaar\s+verwachting\b|\b(?:zal|zullen)\s+(?:\w+\s+){0,4}?(?:stijgen|dalen|toenemen|afnemen|"
        r"groeien|oplopen|teruglopen)\b",
        "Het aantal aanvragen zal naar verwachting stijgen.", "Wij zullen het aantal aanvragen verlagen."),
    Cue("thanks", r"\b(?:dank|danken|bedank\w*|dankbaar)\b", "Wij danken u voor uw advies.", "Wij volgen uw advies."),
    Cue("already", r"\b(?:nu\s+al|inmiddels|reeds|al\s+sinds|al\s+jaren|op\s+dit\s+moment|momenteel)\b",
        "Het Steunpunt geeft nu al voorlichting op scholen.", "Het Steunpunt gaat voorlichting geven op scholen."),
    Cue("reported_promise", r"\b(?:heb|hebben|had|hadden|is|was)\s+(?:\w+\s+){0,6}?toegezegd\b",
        "In mijn vorige brief heb ik toegezegd de Kamer te informeren.",
        "Zoals toegezegd zal ik de Kamer informeren."),
    Cue("decision_act", r"\b(?:vast\s+te\s+stellen|in\s+te\s+stemmen|kennis\s+te\s+nemen|te\s+besluiten|aan\s+te\s+nemen|"
        r"te\s+verwerpen|te\s+ondertekenen|te\s+mandateren|(?:on)?gegrond\s+te\s+verklaren|af\s+te\s+doen|"
        r"te\s+benoemen|aan\s+te\s+wijzen)\b",
        "Besluit: in te stemmen met de beantwoording van de vragen.", "Besluit: de raad via een brief te informeren."),
    Cue("obligation", r"\b(?:moet|moeten|dient|dienen)\s+(?:\w+\s+){0,8}?(?:te\s+)?\w+(?:en|d|t)\b",
        "De aanbieder moet de gegevens jaarlijks aanleveren.", "De aanbieder levert de gegevens aan."),
)
INTENT: frozenset[str] = frozenset({"strives", "intends", "wants_to_act", "investigates", "expects_to", "commits_effort"})
BY_NAME: dict[str, Cue] = {cue.name: cue for cue in CUES}
# The cues of a promise (firm or weaker), as opposed to the cues that a sentence is none.
PROMISING: frozenset[str] = frozenset(cue.name for cue in CUES[:CUES.index(BY_NAME["question"])])

# Hedges that weaken a promise without being evidence that a sentence is one: not features of
# the classifier, but part of how firm a promise reads.
HEDGES: tuple[Cue, ...] = (
    Cue("tries", r"\b(?:probeer|probeert|proberen|tracht|trachten)\b",
        "Wij proberen de wachttijd te verkorten.", "Wij hebben de proef verkort."),
    Cue("if_possible", r"\b(?:zo|indien|waar|zoveel|zo\s+veel)\s+mogelijk\b",
        "Wij starten zo mogelijk in maart.", "Dat is niet mogelijk."),
    Cue("in_principle", r"\bin\s+principe\b",
        "In principe start de pilot in maart.", "De principes van de pilot staan vast."),
)
STRENGTH: tuple[tuple[Cue, Strength], ...] = (
    ((BY_NAME["future_auxiliary"], "firm"),)
    + tuple((cue, "intent") for cue in CUES if cue.name in INTENT)
    + tuple((cue, "intent") for cue in HEDGES)
)


def strength_cues(text: str) -> list[tuple[str, Strength]]:
    """The firmness cues in ``text`` (name and level), in table order."""
    return [(cue.name, level) for cue, level in STRENGTH if cue.fires(text)]


def strength(text: str) -> Strength:
    """"intent" when a sentence hedges its promise, else "firm"."""
    return "intent" if any(level == "intent" for _, level in strength_cues(text)) else "firm"
