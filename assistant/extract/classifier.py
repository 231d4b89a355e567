"""The commitment classifier: a logistic regression over named features of a sentence in its
document. The features are the cues (``extract/cues.py``), the sentence's tense and subject,
its dates and amounts, who speaks in its paragraph and what kind of document it stands in.

The weights live in ``commitment_model.json`` beside this module, written by
``assistant train-commitments`` (``extract/train.py``) from the labelled train split, with the
probabilities calibrated and the threshold chosen on the dev split. Scoring needs only numpy:
scikit-learn is used to train, not to run.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from assistant.errors import AssistantError
from assistant.extract.cues import CUES
from assistant.model import DateRange

MODEL_PATH = Path(__file__).with_name("commitment_model.json")

_GOV_SUBJECT = re.compile(
    r"\b(?:wij|we|ik|het\s+college|de\s+gemeente|het\s+kabinet|de\s+regering|de\s+minister|de\s+staatssecretaris|"
    r"de\s+wethouder|de\s+burgemeester|het\s+ministerie|mijn\s+ministerie|de\s+ministeries)\b", re.IGNORECASE)
_OTHER_SUBJECT = re.compile(
    r"^(?:\w+\s+){0,2}?(?:de|het|een)\s+(?:kamer|leden|lid|fractie|[\w-]+fractie|afdeling|adviesraad|raad\s+van\s+state|"
    r"rekenkamer\w*|commissie|autoriteit|provincie|rechter|ombudsman|aanbieders?|bedrijven|partijen|vng|inspectie|"
    r"toezichthouder|indiener\w*|verzoeker\w*|bewoners?|inwoners?)\b", re.IGNORECASE)
# "vanaf 2025", "per 1 januari": from that day on, with no end; it never lies only in the past.
_FROM = re.compile(r"(?:vanaf|per|met\s+ingang\s+van|m\.i\.v\.|uiterlijk\s+per)\b", re.IGNORECASE)
_YES_NO = re.compile(r"^(?:ja|nee|neen)\b", re.IGNORECASE)
_GOV_NAMED = (r"(?:het\s+kabinet|de\s+regering|het\s+college|de\s+minister(?:\s+van\s+[\w&]+)?|de\s+gemeente|"
              r"de\s+staatssecretaris|de\s+wethouder|mijn\s+ministerie|het\s+ministerie)")
# Verbs that carry no action of their own: auxiliaries, copulas, modals, verbs of thinking.
_NOT_ACTION = frozenset("""
    is zijn was waren wordt worden werd werden heeft hebben had hadden kan kunnen kon konden moet moeten
    mag mogen wil willen zal zullen blijft blijven lijkt lijken vindt vinden acht achten meent menen deelt
    delen ziet zien weet weten staat staan ligt liggen gaat gaan
""".split())
_GOV_VERB = re.compile(rf"\b{_GOV_NAMED}\s+(\w+[td])\b|\b(\w+[td])\s+{_GOV_NAMED}\b|\bik\s+(\w+)\b|"
                       rf"\b(\w+)\s+ik\b|\b(?:wij|we)\s+(\w+en)\b|\b(\w+en)\s+(?:wij|we)\b", re.IGNORECASE)
# A decision written as an infinitive clause ("Besluit: de raad te informeren", "Het college besluit
# de nota vast te stellen"), as decision lists are.
_DECISION_FORM = re.compile(r"^(?:\d+[.)]\s*)?(?:(?:het\s+college\s+|de\s+raad\s+|b&w\s+)?besl(?:uit|oten)\w*\b\s*:?)"
                            r"|\bte\s+[a-zë]+en\s*[.;]?\s*$", re.IGNORECASE)
_THEY_ASK = re.compile(r"^(?:\w+\s+){0,3}?(?:zij|ze|deze\s+leden|de\s+leden|de\s+vragensteller\w*)\s+(?:\w+\s+){0,3}?"
                       r"(?:vragen|vraagt|verzoeken|willen|lezen|constateren|horen|merken|wijzen|stellen\s+vast)\b|"
                       r"^(?:\w+\s+){0,2}?(?:vragen|verzoeken|willen|horen|lezen)\s+(?:zij|ze|deze\s+leden|de\s+leden)\b",
                       re.IGNORECASE)
_TALKS = re.compile(r"\b(?:ga|gaat|gaan|treed|treedt|treden|blijf|blijft|blijven)\s+(?:\w+\s+){0,6}?in\s+"
                    r"(?:gesprek|overleg|contact)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What the classifier knows of a sentence's surroundings."""

    reference: date | None
    voice: str | None  # "reply", or None (quoted points are never candidates)
    response: bool
    advisory_author: bool
    kind: str
    block_kind: str


def asked_by_others(sentence: str) -> bool:
    """A sentence in which members of parliament or a council ask or note something: never a
    promise of the government, whatever it says the government will do."""
    return bool(_THEY_ASK.search(sentence))


def features(sentence: str, context: Context, dates: list[tuple[int, int, DateRange]], amounts: list,
             past: bool, acting: bool) -> dict[str, float]:
    """The named features of one sentence (all 0/1)."""
    found: dict[str, float] = {f"cue:{cue.name}": 1.0 for cue in CUES if cue.fires(sentence)}
    words = sentence.split()
    # "27 september jl." is the past; a date on the letter's own day is no date ahead.
    ends = [date.max if _FROM.match(r.label) else r.end
            for _, e, r in dates if not re.match(r"\s*j\.?\s?l\.", sentence[e:e + 6], re.IGNORECASE)]
    future = bool(context.reference and any(end > context.reference for end in ends)) or (
        not context.reference and bool(ends))
    flags = {
        "gov_subject": bool(_GOV_SUBJECT.search(" ".join(words[:10]))),
        "gov_anywhere": bool(_GOV_SUBJECT.search(sentence)),
        "other_subject": bool(_OTHER_SUBJECT.search(sentence)),
        "past_tense": past,
        "acting_subject": acting,
        "future_date": future,
        "past_date_only": bool(ends) and not future,
        "amount": bool(amounts),
        "amount_structural": any(a.kind == "structureel" for _, _, a in amounts),
        "yes_no": bool(_YES_NO.match(sentence)),
        "short": len(words) < 6,
        "long": len(words) > 40,
        "voice_reply": context.voice == "reply",
        "response": context.response,
        "advisory_author": context.advisory_author,
        "future_and_gov": future and bool(_GOV_SUBJECT.search(sentence)),
        "gov_present_action": _gov_action(sentence),
        **({f"modal_subject:{subject}": True} if (subject := modal_subject(sentence)) else {}),
        "they_ask": bool(_THEY_ASK.search(sentence)),
        "talks": bool(_TALKS.search(sentence)),
        "decision_form": bool(_DECISION_FORM.search(sentence)),
        # In a decision list an infinitive action ("de raad te informeren") is what was decided.
        "decision_in_list": context.kind == "besluitenlijst" and "cue:decision_action" in found,
        "act_in_list": context.kind == "besluitenlijst" and "cue:decision_act" in found,
        "cue_and_past": past and any(k.startswith("cue:") for k in found),
    }
    found.update({name: 1.0 for name, on in flags.items() if on})
    # The document's kind and the paragraph's form are left out on purpose: with a handful of
    # sources per kind they teach the model the sources, not what a promise is.
    return found


_MODAL = re.compile(r"\b(zal|zullen|zult|ga|gaat|gaan|wil|willen|kom|komt|komen)\b", re.IGNORECASE)
_GOV_WORDS = frozenset("ik wij we het college kabinet regering minister ministers staatssecretaris gemeente wethouder "
                       "burgemeester ministerie ministeries mijn ons onze".split())
# Words that open a sentence before its verb without being its subject ("Voor de rest wil het
# kabinet ...", "Daarnaast zal de raad ..."): then the subject follows the verb.
_OPENERS = frozenset("""
    voor met om in op bij door na tot uit van over naar tegen zonder binnen vanaf per tijdens sinds volgens
    hiertoe hiervoor hierbij hiermee hierover daartoe daarvoor daarbij daarmee daarover daarom daarnaast
    daarna dan ook verder vervolgens tevens voorts bovendien zo wel nu eerst tot slot uiterlijk tegelijkertijd
    ondertussen inmiddels eveneens evenzeer tenslotte ten
""".split())
_IMPERSONAL = frozenset("er dit dat het deze die dat hetgeen wat zo".split())
_ARTICLES = frozenset("de het een".split())
_PASSIVE = re.compile(r"\b(?:worden|wordt|zijn)\s+(?:\w+\s+)?(?:ge\w+[dt]|\w+eerd)\b|\bge\w+[dt]\s+(?:worden|wordt)\b",
                      re.IGNORECASE)


def modal_subject(sentence: str) -> str | None:
    """Who the first future or intention verb ("zal", "gaat", "wil", "komt") belongs to: "gov" (ik,
    wij, het college, de minister, ...), "impersonal" (er, dit, het: a thing happens), "passive"
    (zal ... worden gesteld: done by someone unnamed) or "other" (another party); None without one."""
    match = _MODAL.search(sentence)
    if match is None:
        return None
    before = re.findall(r"[\w-]+", sentence[: match.start()].lower())
    after = re.findall(r"[\w-]+", sentence[match.end():].lower())
    clause = sentence[match.end():]
    last = before[-3:]
    inverted = bool(before) and before[0] in _OPENERS
    if not inverted and any(w in _GOV_WORDS for w in before[-8:]) and not any(w in _ARTICLES for w in before[-1:]):
        return "gov"  # "De minister van KGG zal", "Het college van B&W gaat"
    if not inverted and last and (last[-1] in _GOV_WORDS or last[-1] in _IMPERSONAL
                                  or any(w in _ARTICLES for w in last)):
        words = last  # the subject stands before the verb: "Het kabinet gaat", "De kosten zullen"
    else:
        words = after[:3]  # "Daarnaast zal de VO-raad ...", "Hiervoor zal ik ...": it follows
    if any(w in _GOV_WORDS for w in words):
        return "gov"
    if _PASSIVE.search(clause.split(",")[0]):
        return "passive"
    head = [w for w in words if w not in _ARTICLES]
    if head and head[0] in _IMPERSONAL or (words and words[-1] in _IMPERSONAL):
        return "impersonal"
    return "other"


def _gov_action(sentence: str) -> bool:
    """A government subject beside a present-tense verb that is an action ("het kabinet treedt in
    overleg", "vervolgens maakt de gemeente afspraken"), not an auxiliary or a verb of opinion."""
    for match in _GOV_VERB.finditer(sentence):
        verb = next(g for g in match.groups() if g).lower()
        if verb not in _NOT_ACTION and len(verb) > 2:
            return True
    return False


# The direction each feature may push: a cue of a promise never counts against one, a cue of a
# question or an opinion never for one. Training keeps the weights on these sides (domain
# knowledge the few labelled sources cannot teach); features not named here may go either way.
FOR = frozenset("""
    cue:future_auxiliary cue:going_to cue:comes_with cue:informs cue:sends cue:presents cue:makes_money_available
    cue:promises cue:starts cue:continues cue:works_on cue:passive_plan cue:decided_to cue:decision_action
    cue:strives cue:intends cue:wants_to_act cue:investigates cue:expects_to cue:commits_effort
    gov_subject gov_anywhere acting_subject future_date amount amount_structural future_and_gov
    gov_present_action talks modal_subject:gov modal_subject:passive decision_in_list
""".split())
AGAINST = frozenset("""
    cue:question cue:parliament_asks cue:advisor_recommends cue:negated_plan cue:reading_guide cue:conditional
    cue:opinion cue:ambition cue:forecast cue:thanks cue:already cue:reported_promise cue:decision_act
    cue:obligation past_tense past_date_only other_subject they_ask advisory_author cue_and_past
    modal_subject:other modal_subject:impersonal short act_in_list
""".split())


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    scale: float  # Platt calibration on the dev split: p = sigmoid(scale * score + shift)
    shift: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in values.items())
        z = self.scale * score + self.shift
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def reasons(self, values: dict[str, float]) -> tuple[str, ...]:
        """The features that pushed towards a commitment, strongest first (what "why" shows)."""
        pushing = [(self.weights.get(name, 0.0) * v, name) for name, v in values.items()]
        return tuple(name for weight, name in sorted(pushing, reverse=True) if weight > 0)


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> Model:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Model(weights=dict(data["weights"]), bias=float(data["bias"]), scale=float(data["scale"]),
                     shift=float(data["shift"]), threshold=float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AssistantError(f"Het model voor toezeggingen ({Path(path).name}) ontbreekt of is beschadigd ({exc}); "
                             "bouw het opnieuw met `assistant train-commitments`") from exc
