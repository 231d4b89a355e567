"""Where a commitment stands after its letter: what later documents report about it.

A later passage that ``register.later_evidence`` found is read sentence by sentence; the
sentences about the commitment (those that share the most of its words, and the one after,
which often continues with "Deze ...") are classed as

- ``delayed``: the action is reported late or moved ("vertraagd", "uitgesteld", "schuift op",
  "later dan gepland"), with the new date when the sentence names one;
- ``changed``: another amount than promised, or a change of scope ("in plaats van", "aangepast",
  "beperkt tot", "afgezien van");
- ``done``: the action reported as having happened (a perfect or past passive, "is geopend",
  "zijn afgerond", "hebben ... ingevoerd", or "sinds <datum>"), never with a future or plan in it;
- ``mentioned``: about the commitment, none of the above.

The most recent document decides the suggestion; within a document the order above. The
suggestion is only that: the user confirms or sets the status (``StatusNote``), which is stored
in the index beside, not inside, the rebuildable collections.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.model import Commitment, DateRange, Finding, Hit, Source
from assistant.nl.analyzer import analyze
from assistant.nl.dates import find_dates
from assistant.nl.money import find_amounts
from assistant.nl.sentences import split_sentences

_DELAYED = re.compile(
    r"\b(?:vertraagd|vertraging|uitgesteld|uitstel|opgeschoven|verschoven|verlaat|"
    r"schuift\s+(?:\w+\s+){0,2}(?:op|door)|loopt\s+(?:vertraging\s+)?op|loopt\s+uit|uitgelopen|"
    r"niet\s+(?:gelukt|gehaald|gerealiseerd|op\s+tijd)|helaas\s+niet|"
    r"later\s+dan\s+(?:gepland|voorzien|verwacht|beoogd|toegezegd)|"
    r"niet\s+(?:meer\s+)?(?:haalbaar|gehaald|halen)|"
    r"(?:start|begint|volgt|komt|opent|gaat)\s+(?:nu\s+)?pas\b|nu\s+(?:voorzien|verwacht|gepland)\s+(?:in|voor|per|op))\b",
    re.IGNORECASE,
)
_CHANGED = re.compile(
    r"\b(?:aangepast|gewijzigd|bijgesteld|teruggebracht|verlaagd|verminderd|"
    r"beperkt\s+tot|afgezien|geschrapt|komt\s+te\s+vervallen|vervalt|anders\s+dan\s+(?:aangekondigd|toegezegd|gepland))\b",
    re.IGNORECASE,
)
# A finished action: an auxiliary of the perfect or the past passive with a participle after it
# ("is ... geopend", "zijn afgerond", "hebben wij ... ingevoerd", "werd ... vastgesteld").
_AUXILIARY = re.compile(r"\b(?:is|zijn|werd|werden|heeft|hebben|hebt)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"\b(?:(?:aan|af|in|op|uit|vast|toe|door|mee|over|bij|om|tot\s+stand\s+)?ge[a-zà-ÿ]{3,}(?:d|t|en)|"
    r"(?:be|ver|ont|her|er)[a-zà-ÿ]{3,}(?:d|t))\b",
    re.IGNORECASE,
)
_FINISHED = re.compile(r"\b(?:inmiddels|sinds|afgerond|gereed|voltooid|gerealiseerd|in\s+gebruik\s+genomen|"
                       r"van\s+start\s+gegaan)\b", re.IGNORECASE)
# A plan, a wish or the future: then the sentence does not report a finished action.
_NOT_YET = re.compile(
    r"\b(?:zal|zullen|gaan|gaat|verwacht(?:en)?|voornemens|willen|wil|plannen|streven|beogen|"
    r"moet|moeten|nog\s+niet|niet\s+(?:eerder|voor)|wordt|worden)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsinds\b", re.IGNORECASE)

KINDS = ("delayed", "changed", "done", "mentioned")
# A later sentence is about a commitment when it shares at least this many of its stems and this
# share of them; naming a later term moves the term only for a sentence sharing half of them.
_MIN_SHARED = 2
_MIN_SHARE = 0.4
_MOVED_SHARE = 0.5
_RANK = {kind: n for n, kind in enumerate(KINDS)}


def classify(sentence: str, commitment: Commitment, reference: date | None = None, main: bool = True) -> Finding:
    """What one later sentence says about a commitment (without its source). Only the ``main``
    sentence (the one most about the commitment) moves its term by merely naming a later one."""
    if sentence.rstrip().endswith("?"):  # a question (of the council, of a member) reports nothing
        return Finding(kind="mentioned", sentence=sentence.strip())
    new_due = _new_date(sentence, reference)
    amounts = [a for _, _, a in find_amounts(sentence)]
    other_amount = (commitment.amount is not None and amounts
                    and all(a.eur != commitment.amount.eur for a in amounts if a.eur is not None))
    if _DELAYED.search(sentence):
        kind = "delayed"
    elif _CHANGED.search(sentence) or other_amount:
        kind = "changed"
    elif _reports_done(sentence):
        kind = "done"
        new_due = None
    elif main and _later_term(new_due, commitment):  # the same action, now with a later term
        kind = "delayed"
    else:
        kind = "mentioned"
        new_due = None
    return Finding(kind=kind, sentence=sentence.strip(), new_due=new_due if kind == "delayed" else None,
                   amount=amounts[0] if kind == "changed" and amounts else None)


def _later_term(new_due: DateRange | None, commitment: Commitment) -> bool:
    """A later letter that names a term after the promised one for the same action has moved it."""
    return new_due is not None and commitment.due is not None and new_due.start > commitment.due.end


def _reports_done(sentence: str) -> bool:
    if _SINCE.search(sentence) and find_dates(sentence):
        return True
    if _NOT_YET.search(sentence) and not _FINISHED.search(sentence):
        return False
    auxiliary = _AUXILIARY.search(sentence)
    if auxiliary and _PARTICIPLE.search(sentence, auxiliary.end()):
        return not re.search(r"\b(?:zal|zullen|gaan|gaat|moet|moeten)\b", sentence, re.IGNORECASE)
    return bool(_FINISHED.search(sentence)) and not _NOT_YET.search(sentence)


def _new_date(sentence: str, reference: date | None) -> DateRange | None:
    found = find_dates(sentence, reference)
    return found[-1][2] if found else None


def findings(commitment: Commitment, hit: Hit) -> list[Finding]:
    """The sentences of a later passage that are about the commitment, each classed."""
    text = hit.passage.text
    wanted = set(analyze(commitment.action or commitment.text))
    spans = split_sentences(text)
    if not spans or not wanted:
        return []
    shared = [len(wanted & set(analyze(text[s:e]))) for s, e in spans]
    best = max(shared)
    if best < _MIN_SHARED or best < _MIN_SHARE * len(wanted):
        return []  # no sentence of the passage is about this commitment
    about: list[int] = []
    for i, n in enumerate(shared):
        if n >= _MIN_SHARED and n >= _MIN_SHARE * len(wanted) and n >= best / 2:
            about.append(i)
            if i + 1 < len(spans) and shared[i + 1] == 0:
                about.append(i + 1)  # "Deze is op 3 maart geopend." continues the sentence before it
    main = shared.index(best)
    found = []
    for i in dict.fromkeys(about):
        s, e = spans[i]
        # Only the sentence most about the commitment, and closely so, moves its term by naming a later one.
        f = classify(text[s:e], commitment, hit.document.date,
                     main=i == main and best >= _MOVED_SHARE * len(wanted))
        new_due = f.new_due
        if f.kind == "delayed" and new_due is None:  # "... is vertraagd. De pilot start nu in september."
            new_due = next((d for s2, e2 in spans[i + 1:i + 3]
                            if (d := _new_date(text[s2:e2], hit.document.date)) is not None), None)
        found.append(Finding(kind=f.kind, sentence=f.sentence, new_due=new_due, amount=f.amount,
                             source=Source(hit.document.id, hit.passage.page, hit.passage.block,
                                           hit.passage.start + s, hit.passage.start + e),
                             doc_title=hit.document.title, doc_date=hit.document.date))
    return found


def suggest(commitment: Commitment, later: list[Hit]) -> Finding | None:
    """The suggested status from the later passages: the newest document decides, within it
    delayed before changed before done before mentioned. None without later passages."""
    every = [f for hit in later for f in findings(commitment, hit)]
    if not every:
        return None
    return min(every, key=lambda f: (-(f.doc_date or date.min).toordinal(), _RANK[f.kind]))

