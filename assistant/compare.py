"""Version comparison: what changed between two versions of a letter.

Three layers, each for a different reader question:

- **blocks**: the author's paragraphs aligned with difflib; each is equal, changed (with a
  word-level diff), inserted, deleted or moved. A paragraph that went elsewhere, edited or
  not, is one move, not a deletion plus an insertion.
- **metadata**: date, kenmerk, onderwerp, addressee and the other letterhead rows.
- **commitments**: the toezeggingen of both versions paired by point and content (not by
  position), with what changed in each: due date, amount, scope or strength.

Letterhead, running headers/footers and line wrapping never reach the blocks (the parser
strips and re-flows them); the alignment itself ignores whitespace unless asked not to.
Renderings of a Comparison (Word redline, HTML) live in ``assistant.redline``.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

from assistant.extract.commitments import scored_sentences
from assistant.extract.cues import strength_cues
from assistant.model import Commitment, Document
from assistant.nl.dates import COUNTS, find_dates
from assistant.nl.money import find_amounts
from assistant.parse import parse_document
from assistant.present import FIELD_LABELS, HEDGE_LABELS, OP_LABELS, STRENGTH_LABELS
from assistant.present import field_value as display

BlockOp = Literal["equal", "changed", "inserted", "deleted", "moved"]
WordOpKind = Literal["equal", "delete", "insert"]
Side = Literal["both", "old", "new"]

BLOCK_OPS: tuple[str, ...] = ("equal", "changed", "inserted", "deleted", "moved")
COMMITMENT_FIELDS: tuple[str, ...] = ("due", "amount", "scope", "strength")

# --------------------------------------------------------------------------- thresholds

# Two leftover paragraphs are the same paragraph, edited in place, from this word overlap
# (Dice over word counts). Below it they are a deletion and an insertion: a reviewer is
# better served by two whole paragraphs than by a diff that is mostly red and green.
CHANGED_MIN = 0.5
# A paragraph found elsewhere must be more alike to count as moved: a far-away paragraph
# that merely shares half its words is more often new text on the same subject.
MOVED_MIN = 0.7
# Commitments pair on content; a commitment that changed point needs almost the same words.
COMMITMENT_MIN = 0.5
COMMITMENT_OTHER_POINT_MIN = 0.8

# --------------------------------------------------------------------------- cue tables

# Who is served or involved: a change in these words inside a commitment changes its scope.
PARTIES: frozenset[str] = frozenset("""
    inwoners huishoudens gezinnen ouders kinderen jongeren ouderen mantelzorgers cliënten ondernemers
    werkgevers scholen woningcorporaties energieleveranciers zorgaanbieders zorgverzekeraars
    ervaringsdeskundigen vrijwilligers wijkteams wijkregisseurs adviesraad gemeenteraad raad
    college gemeente gemeenten provincie rijk minister partners aanbieders medewerkers
""".split())
# Counts written as words; "een" is left out because it is mostly the article.
NUMBER_WORDS: frozenset[str] = frozenset(w for w in COUNTS if " " not in w and w != "een")

# Words: amounts with separators stay one token ("250.000"), compounds keep their hyphen.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'’]\w+)*|[^\w\s]")
_PUNCT = re.compile(r"[^\w\s]")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Options:
    """What does not count as a change."""

    ignore_case: bool = False
    ignore_whitespace: bool = True
    ignore_punctuation: bool = False

    def to_dict(self) -> dict[str, bool]:
        return {"ignore_case": self.ignore_case, "ignore_whitespace": self.ignore_whitespace,
                "ignore_punctuation": self.ignore_punctuation}


@dataclass(frozen=True)
class WordOp:
    """A run of words inside a changed paragraph: kept, deleted (old only) or inserted (new only)."""

    op: WordOpKind
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


@dataclass(frozen=True)
class BlockChange:
    """One paragraph of the old version, the new version, or both, and what happened to it.

    ``old_index``/``new_index`` are 0-based positions in ``Document.blocks``; ``diff`` is
    filled for changed paragraphs and for moved ones that were also edited.
    """

    op: BlockOp
    old_index: int | None
    new_index: int | None
    old: str | None
    new: str | None
    old_page: int | None
    new_page: int | None
    kind: str = "paragraph"
    diff: tuple[WordOp, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "op": self.op, "old": self.old, "new": self.new, "old_page": self.old_page, "new_page": self.new_page,
            # 1-based, like the "paragraph" of a commitment or search hit
            "old_paragraph": None if self.old_index is None else self.old_index + 1,
            "new_paragraph": None if self.new_index is None else self.new_index + 1,
        }
        if self.diff:
            data["diff"] = [w.to_dict() for w in self.diff]
        return data


@dataclass(frozen=True)
class Row:
    """A place in the merged reading order. A moved paragraph has two rows: where it stood
    (side "old") and where it stands now (side "new"); the others have one."""

    change: BlockChange
    side: Side


@dataclass(frozen=True)
class FieldChange:
    """One named value that differs between the versions, as the reader should see it."""

    field: str
    old: str | None
    new: str | None

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field.replace("_", " "))

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class CommitmentChange:
    """A commitment present in both versions whose due date, amount, scope or strength changed."""

    old: Commitment
    new: Commitment
    details: tuple[FieldChange, ...]

    @property
    def fields(self) -> list[str]:
        return [d.field for d in self.details]

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        return {"old": self.old.to_dict(today), "new": self.new.to_dict(today), "fields": self.fields,
                "details": [d.to_dict() for d in self.details]}


@dataclass
class Comparison:
    """Everything that differs between two versions; ``rows`` is the merged reading order."""

    old: Document
    new: Document
    options: Options
    rows: list[Row]
    metadata: list[FieldChange] = field(default_factory=list)
    added: list[Commitment] = field(default_factory=list)
    removed: list[Commitment] = field(default_factory=list)
    changed: list[CommitmentChange] = field(default_factory=list)

    @property
    def blocks(self) -> list[BlockChange]:
        """Each paragraph once, in reading order; a moved paragraph where it stands now."""
        return [r.change for r in self.rows if not (r.change.op == "moved" and r.side == "old")]

    def counts(self) -> dict[str, int]:
        found = Counter(b.op for b in self.blocks)
        return {op: found.get(op, 0) for op in BLOCK_OPS}

    @property
    def identical(self) -> bool:
        counts = self.counts()
        return not (self.metadata or self.added or self.removed or self.changed
                    or any(counts[op] for op in BLOCK_OPS if op != "equal"))

    def summary(self) -> dict[str, Any]:
        return {
            "identical": self.identical,
            "headline": self.headline(),
            "blocks": self.counts(),
            "metadata": len(self.metadata),
            "commitments": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)},
        }

    def headline(self) -> str:
        """One Dutch sentence with the counts a reviewer looks at first."""
        if self.identical:
            return "Geen wijzigingen gevonden."
        counts = self.counts()
        text = [f"{counts[op]} {OP_LABELS[op]}" for op in BLOCK_OPS if op != "equal" and counts[op]]
        parts = [f"Alinea's: {', '.join(text)}"] if text else []
        found = [f"{len(self.changed)} gewijzigd" if self.changed else "",
                 f"{len(self.removed)} vervallen" if self.removed else "",
                 f"{len(self.added)} nieuw" if self.added else ""]
        if any(found):
            parts.append("toezeggingen: " + ", ".join(f for f in found if f))
        if self.metadata:
            parts.append("gegevens: " + ", ".join(m.label for m in self.metadata))
        return "; ".join(parts) + "."

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        return {
            "documents": {"old": _doc_info(self.old), "new": _doc_info(self.new)},
            "options": self.options.to_dict(),
            "metadata": [m.to_dict() for m in self.metadata],
            "blocks": [b.to_dict() for b in self.blocks],
            "commitments": {
                "added": [c.to_dict(today) for c in self.added],
                "removed": [c.to_dict(today) for c in self.removed],
                "changed": [c.to_dict(today) for c in self.changed],
            },
            "summary": self.summary(),
        }

    def summary_text(self) -> str:
        """The plain-text summary for the terminal: counts, metadata, then each commitment change in full."""
        lines = [f"Vergelijking: {Path(self.old.path).name} → {Path(self.new.path).name}", self.headline()]
        if self.identical:
            return "\n".join(lines)
        counts = self.counts()
        lines.append("Alinea's: " + ", ".join(f"{counts[op]} {OP_LABELS[op]}" for op in BLOCK_OPS))
        if self.metadata:
            lines += ["", "Gewijzigde gegevens"]
            lines += [f"- {m.label}: {display(m.old)} → {display(m.new)}" for m in self.metadata]
        if self.changed:
            lines += ["", "Gewijzigde toezeggingen"]
            for change in self.changed:
                lines.append(f"- {change.new.action} (p. {change.old.source.page} → p. {change.new.source.page})")
                lines += [f"  {d.label}: {display(d.old)} → {display(d.new)}" for d in change.details]
                lines += [f"  was:   {change.old.text}", f"  wordt: {change.new.text}"]
        if self.removed:
            lines += ["", "Vervallen toezeggingen"]
            lines += [f"- {c.text} (p. {c.source.page})" for c in self.removed]
        if self.added:
            lines += ["", "Nieuwe toezeggingen"]
            lines += [f"- {c.text} (p. {c.source.page})" for c in self.added]
        return "\n".join(lines)


def _doc_info(doc: Document) -> dict[str, Any]:
    return {"path": doc.path, "title": doc.title, "date": doc.date.isoformat() if doc.date else None,
            "reference": doc.reference, "pages": doc.pages}


# --------------------------------------------------------------------------- entry points


def compare_files(old: str | Path, new: str | Path, *, ignore_case: bool = False, ignore_whitespace: bool = True,
                  ignore_punctuation: bool = False) -> Comparison:
    """Parse two versions of a letter (PDF, DOCX or text) and compare them; parse errors are DocumentErrors."""
    return compare_documents(parse_document(old), parse_document(new), ignore_case=ignore_case,
                             ignore_whitespace=ignore_whitespace, ignore_punctuation=ignore_punctuation)


def compare_documents(old: Document, new: Document, *, ignore_case: bool = False, ignore_whitespace: bool = True,
                      ignore_punctuation: bool = False, scorer=None) -> Comparison:
    """Compare two parsed versions: paragraphs, metadata and commitments. ``scorer`` gives a
    document's scored sentences (default: score them now; the core passes its cache)."""
    options = Options(ignore_case, ignore_whitespace, ignore_punctuation)
    comparison = Comparison(old=old, new=new, options=options, rows=align_blocks(old, new, options),
                            metadata=compare_metadata(old, new, options))
    touched = [row.change for row in comparison.rows if row.change.op != "equal"]
    comparison.added, comparison.removed, comparison.changed = commitment_changes(
        old, new, options, {c.old_index for c in touched if c.old_index is not None},
        {c.new_index for c in touched if c.new_index is not None}, scorer)
    return comparison


def commitment_changes(old: Document, new: Document, options: Options, old_blocks: set[int] | None = None,
                       new_blocks: set[int] | None = None, scorer=None
                       ) -> tuple[list[Commitment], list[Commitment], list[CommitmentChange]]:
    """(added, removed, changed) commitments of two versions. A sentence the classifier accepts in
    one version and scores just below its threshold in the other (its amount or term changed the
    score) is paired with that sentence: a changed commitment, not a removed and an added one.
    Two sentences below the threshold in both versions count when their term or amount changed
    and they look like commitments (a term, an amount or a promising verb). With ``old_blocks``
    and ``new_blocks`` only the paragraphs that differ are read: an equal paragraph holds the
    same commitments in both versions."""
    scorer = scorer or scored_sentences
    old_scored, new_scored = scorer(old, old_blocks), scorer(new, new_blocks)
    old_sure = [s.commitment for s in old_scored if s.accepted]
    new_sure = [s.commitment for s in new_scored if s.accepted]
    old_maybe = [s.commitment for s in old_scored if not s.accepted and s.looks_like_one]
    new_maybe = [s.commitment for s in new_scored if not s.accepted and s.looks_like_one]
    added, removed, changed = compare_commitments(old_sure, new_sure, options)
    _, removed, moved_out = compare_commitments(removed, new_maybe, options)
    added, _, moved_in = compare_commitments(old_maybe, added, options)
    used = {id(ch.old) for ch in moved_in} | {id(ch.new) for ch in moved_out}
    below = [ch for ch in compare_commitments([c for c in old_maybe if id(c) not in used],
                                              [c for c in new_maybe if id(c) not in used], options)[2]
             if any(f.field in ("due", "amount") for f in ch.details)]
    return added, removed, sorted(changed + moved_out + moved_in + below, key=lambda ch: ch.new.source.start)


# --------------------------------------------------------------------------- words


class _Token(NamedTuple):
    key: str  # what is compared
    text: str  # what is shown: the word with the whitespace after it


def tokenize(text: str, options: Options) -> list[_Token]:
    """Words and punctuation marks, each carrying the whitespace that follows it."""
    matches = list(_TOKEN.finditer(text))
    tokens: list[_Token] = []
    last = len(matches) - 1
    for i, match in enumerate(matches):
        start = 0 if i == 0 else match.start()
        end = matches[i + 1].start() if i < last else len(text)
        key = match.group()
        if options.ignore_case:
            key = key.casefold()
        if options.ignore_punctuation:
            key = _PUNCT.sub("", key)
        if options.ignore_whitespace:
            if key == "|":
                key = ""  # the parser's table-cell separator: layout, like whitespace
            elif "-" in key:
                # A hyphen at a PDF line end may be soft or real, and the reader cannot always
                # tell ("niet-" + "gebruik"): a word with or without it is the same word.
                key = _INNER_HYPHEN.sub("", key)
        else:
            key += text[match.end():end]
        tokens.append(_Token(key, text[start:end]))
    return tokens


# Above this many words in a paragraph pair, words are diffed within aligned sentences: a
# word-level diff of two long paragraphs costs time in the product of their lengths.
_LONG_PAIR = 400


def word_diff(old: list[_Token], new: list[_Token], options: Options) -> tuple[WordOp, ...]:
    """Kept, deleted and inserted runs that turn the old words into the new ones."""
    if len(old) + len(new) > _LONG_PAIR:
        return tuple(_merge(list(_sentence_wise(old, new, options))))
    return tuple(_merge(_word_ops(old, new)))


def _sentence_wise(old: list[_Token], new: list[_Token], options: Options):
    """Sentences aligned first (as units), then words within each replaced run of sentences."""
    a, b = _sentences(old), _sentences(new)
    matcher = difflib.SequenceMatcher(None, [tuple(t.key for t in s) for s in a],
                                      [tuple(t.key for t in s) for s in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left = [t for s in a[i1:i2] for t in s]
        right = [t for s in b[j1:j2] for t in s]
        if tag == "equal":
            yield WordOp("equal", "".join(t.text for t in right))
        elif len(left) + len(right) > 4 * _LONG_PAIR:  # whole runs rewritten: no word diff inside
            yield WordOp("delete", "".join(t.text for t in left))
            yield WordOp("insert", "".join(t.text for t in right))
        else:
            yield from _word_ops(left, right)


def _sentences(tokens: list[_Token]) -> list[list[_Token]]:
    out: list[list[_Token]] = [[]]
    for token in tokens:
        out[-1].append(token)
        if token.text.rstrip() in (".", "?", "!", ";", ":") and token.text != token.text.rstrip():
            out.append([])
    return [s for s in out if s]


def _word_ops(old: list[_Token], new: list[_Token]) -> list[WordOp]:
    matcher = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or _same_words(old[i1:i2], new[j1:j2]):
            ops.append(WordOp("equal", "".join(t.text for t in new[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", "".join(t.text for t in old[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", "".join(t.text for t in new[j1:j2])))
    return ops


def _same_words(old: list[_Token], new: list[_Token]) -> bool:
    # What the options ignore has an empty key (a punctuation mark, a cell separator): nothing to show.
    return [t.key for t in old if t.key] == [t.key for t in new if t.key]


def _merge(ops: list[WordOp]) -> list[WordOp]:
    merged: list[WordOp] = []
    for op in ops:
        if not op.text:
            continue
        if merged and merged[-1].op == op.op:
            merged[-1] = WordOp(op.op, merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged


def _words(tokens: list[_Token]) -> frozenset[str]:
    return frozenset(t.key for t in tokens if _WORD.match(t.key))  # punctuation is too common to tell


def _best_pairs(old: dict[int, frozenset[str]], new: dict[int, frozenset[str]], minimum: float,
                n_old: int, n_new: int) -> list[tuple[float, int, int]]:
    """One-to-one pairs (score, i, j) of word sets alike by at least ``minimum``, most alike
    first; of equally alike pairs the one nearer in relative position wins.

    The score is the Dice coefficient of the word sets: order-free, so a reworded paragraph
    still pairs. Pairs whose sizes alone rule the minimum out are skipped unscored.
    """
    candidates = []
    new_items = [(j, words, len(words)) for j, words in new.items()]
    for i, a in old.items():
        size_a = len(a)
        for j, b, size_b in new_items:
            total = size_a + size_b
            if 2 * min(size_a, size_b) < minimum * total:
                continue
            score = 2 * len(a & b) / total if total else 1.0
            if score >= minimum:
                candidates.append((-score, abs(i / max(n_old, 1) - j / max(n_new, 1)), i, j))
    pairs: list[tuple[float, int, int]] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for negative, _, i, j in sorted(candidates):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((-negative, i, j))
    return pairs


# --------------------------------------------------------------------------- blocks


def align_blocks(old: Document, new: Document, options: Options | None = None) -> list[Row]:
    """The merged reading order of both versions' paragraphs, each row with its operation.

    1. difflib aligns the paragraphs on their normalised words (exact matches);
    2. leftover paragraphs are paired by word overlap, best pairs first;
    3. of all pairs, the longest run in the same order in both versions stays in place
       (equal or changed); every other pair moved.
    """
    options = options or Options()
    old_tokens = [tokenize(b.text, options) for b in old.blocks]
    new_tokens = [tokenize(b.text, options) for b in new.blocks]
    old_keys = ["\x1f".join(t.key for t in tokens if t.key) for tokens in old_tokens]
    new_keys = ["\x1f".join(t.key for t in tokens if t.key) for tokens in new_tokens]

    pairs: dict[int, int] = {}  # old index -> new index
    left_old: list[int] = []
    left_new: list[int] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update(zip(range(i1, i2), range(j1, j2)))
        else:
            left_old += range(i1, i2)
            left_new += range(j1, j2)

    scores: dict[tuple[int, int], float] = {}
    leftover_old = {i: _words(old_tokens[i]) for i in left_old}
    leftover_new = {j: _words(new_tokens[j]) for j in left_new}
    for score, i, j in _best_pairs(leftover_old, leftover_new, CHANGED_MIN, len(old_keys), len(new_keys)):
        # identical text that difflib left over (it stood elsewhere) counts as fully alike
        pairs[i] = j
        scores[(i, j)] = 1.0 if old_keys[i] == new_keys[j] else score

    in_place = _longest_increasing(sorted(pairs.items()))
    for i, j in sorted(pairs.items()):
        if (i, j) not in in_place and scores.get((i, j), 1.0) < MOVED_MIN:
            del pairs[i]  # too different to call it the same paragraph moved

    changes: dict[tuple[int | None, int | None], BlockChange] = {}
    for i, j in pairs.items():
        if old_keys[i] == new_keys[j]:
            op: BlockOp = "equal" if (i, j) in in_place else "moved"
            diff: tuple[WordOp, ...] = ()
        else:
            op = "changed" if (i, j) in in_place else "moved"
            diff = word_diff(old_tokens[i], new_tokens[j], options)
        changes[(i, j)] = _change(op, old, new, i, j, diff)
    paired_new = set(pairs.values())
    for i in range(len(old.blocks)):
        if i not in pairs:
            changes[(i, None)] = _change("deleted", old, new, i, None)
    for j in range(len(new.blocks)):
        if j not in paired_new:
            changes[(None, j)] = _change("inserted", old, new, None, j)
    return _reading_order(changes, sorted(in_place & set(pairs.items())), len(old.blocks), len(new.blocks))


def _change(op: BlockOp, old: Document, new: Document, i: int | None, j: int | None,
            diff: tuple[WordOp, ...] = ()) -> BlockChange:
    old_block = old.blocks[i] if i is not None else None
    new_block = new.blocks[j] if j is not None else None
    kind = (new_block or old_block).kind  # type: ignore[union-attr]
    return BlockChange(op=op, old_index=i, new_index=j, old=old_block.text if old_block else None,
                       new=new_block.text if new_block else None, old_page=old_block.page if old_block else None,
                       new_page=new_block.page if new_block else None, kind=kind, diff=diff)


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs in the same order in both versions (pairs sorted by old index)."""
    tails: list[int] = []  # smallest new index ending an increasing run of each length
    tail_at: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        previous[k] = tail_at[pos - 1] if pos else -1
    keep: set[tuple[int, int]] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(pairs[k])
        k = previous[k]
    return keep


def _reading_order(changes: dict[tuple[int | None, int | None], BlockChange], anchors: list[tuple[int, int]],
                   n_old: int, n_new: int) -> list[Row]:
    """Between two anchors (paragraphs in place) first what left the old text, then what came in."""
    by_old = {c.old_index: c for c in changes.values() if c.old_index is not None}
    by_new = {c.new_index: c for c in changes.values() if c.new_index is not None}
    rows: list[Row] = []
    prev_i = prev_j = -1
    for i, j in anchors + [(n_old, n_new)]:
        for k in range(prev_i + 1, i):
            rows.append(Row(by_old[k], "old"))  # deleted, or the place a moved paragraph left
        for k in range(prev_j + 1, j):
            rows.append(Row(by_new[k], "new"))  # inserted, or where a moved paragraph arrived
        if i < n_old:
            rows.append(Row(by_old[i], "both"))
        prev_i, prev_j = i, j
    return rows


# --------------------------------------------------------------------------- metadata

# Document attributes compared, in the order they are listed; letterhead rows not covered follow.
METADATA_FIELDS: tuple[str, ...] = ("date", "reference", "title", "addressee", "sender")
# Letterhead rows already covered by a Document attribute above.
_COVERED_ROWS = frozenset({"datum", "kenmerk", "onderwerp", "aan", "van"})


def compare_metadata(old: Document, new: Document, options: Options | None = None) -> list[FieldChange]:
    """Date, kenmerk, onderwerp, addressee, sender and the other letterhead rows that differ."""
    options = options or Options()
    found: list[FieldChange] = []
    for name in METADATA_FIELDS:
        a, b = _meta_value(getattr(old, name)), _meta_value(getattr(new, name))
        if _normalised(a, options) != _normalised(b, options):
            found.append(FieldChange(name, a, b))
    rows = [k for k in old.letterhead if k not in _COVERED_ROWS]
    rows += [k for k in new.letterhead if k not in _COVERED_ROWS and k not in rows]
    for key in rows:
        a, b = old.letterhead.get(key), new.letterhead.get(key)
        if _normalised(a, options) != _normalised(b, options):
            found.append(FieldChange(key, a, b))
    return found


def _meta_value(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else " ".join(str(value).split())


def _normalised(value: str | None, options: Options) -> str:
    return "\x1f".join(t.key for t in tokenize(value or "", options) if t.key)


# --------------------------------------------------------------------------- commitments


def compare_commitments(old: list[Commitment], new: list[Commitment], options: Options | None = None
                        ) -> tuple[list[Commitment], list[Commitment], list[CommitmentChange]]:
    """(added, removed, changed). Pairs by point and content, not position; a pair whose
    due date, amount, scope and strength all agree is unchanged even if worded differently
    (the wording change shows in the paragraph diff)."""
    options = options or Options()
    # Same sentence, same point: the usual case, paired without scoring.
    pairs: dict[int, int] = {}
    waiting: dict[tuple[str, str | None], list[int]] = {}
    for j, c in enumerate(new):
        waiting.setdefault((c.text, c.point), []).append(j)
    for i, c in enumerate(old):
        if waiting.get((c.text, c.point)):
            pairs[i] = waiting[(c.text, c.point)].pop(0)
    rest_old = {i: _commitment_words(c) for i, c in enumerate(old) if i not in pairs}
    taken = set(pairs.values())
    rest_new = {j: _commitment_words(c) for j, c in enumerate(new) if j not in taken}
    for score, i, j in _best_pairs(rest_old, rest_new, COMMITMENT_MIN, len(old), len(new)):
        same_point = old[i].point == new[j].point or old[i].point is None or new[j].point is None
        if same_point or score >= COMMITMENT_OTHER_POINT_MIN:
            pairs[i] = j
            taken.add(j)
    changed = []
    for i, j in sorted(pairs.items()):
        details = commitment_differences(old[i], new[j], options)
        if details:
            changed.append(CommitmentChange(old[i], new[j], details))
    added = [c for j, c in enumerate(new) if j not in taken]
    removed = [c for i, c in enumerate(old) if i not in pairs]
    return added, removed, changed


def commitment_differences(old: Commitment, new: Commitment, options: Options | None = None
                           ) -> tuple[FieldChange, ...]:
    """What changed in a commitment, in the order due, amount, scope, strength."""
    options = options or Options()
    if (_normalised(old.text, options), old.strength, _due_key(old), _amount_key(old)) == (
            _normalised(new.text, options), new.strength, _due_key(new), _amount_key(new)):
        return ()  # the same sentence, as far as the options go: scope and cue words cannot differ
    found: list[FieldChange] = []
    if _due_key(old) != _due_key(new):
        found.append(FieldChange("due", _due_text(old), _due_text(new)))
    if _amount_key(old) != _amount_key(new):
        found.append(FieldChange("amount", _amount_text(old), _amount_text(new)))
    old_scope, new_scope = _scope(old, options.ignore_case), _scope(new, options.ignore_case)
    if old_scope != new_scope:
        found.append(FieldChange("scope", ", ".join(sorted(old_scope - new_scope)) or None,
                                 ", ".join(sorted(new_scope - old_scope)) or None))
    old_cues, new_cues = strength_cues(old.text), strength_cues(new.text)
    hedges_old = {c for c, level in old_cues if level == "intent"}
    hedges_new = {c for c, level in new_cues if level == "intent"}
    if old.strength != new.strength or hedges_old != hedges_new:
        found.append(FieldChange("strength", _strength_text(old, old_cues), _strength_text(new, new_cues)))
    return tuple(found)


def _commitment_words(c: Commitment) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(c.text))


def _due_key(c: Commitment) -> tuple[str, date] | None:
    # The start of "uiterlijk X" is the letter's date: a new letter date alone moves no deadline.
    return (" ".join(c.due.label.casefold().split()), c.due.end) if c.due else None


def _due_text(c: Commitment) -> str | None:
    return c.due.label if c.due else None


def _amount_key(c: Commitment) -> tuple[float, str | None, str | None] | None:
    return (c.amount.eur, c.amount.kind, c.amount.period) if c.amount else None


def _amount_text(c: Commitment) -> str | None:
    if not c.amount:
        return None
    return f"{c.amount.label} ({c.amount.kind})" if c.amount.kind else c.amount.label


def _scope(c: Commitment, ignore_case: bool = False) -> set[str]:
    """Numbers, parties and names in the sentence, leaving out its dates and amounts.
    Names are told by their capital, so with ``ignore_case`` only the listed parties count."""
    text = c.text
    spans = [(s, e) for s, e, _ in find_dates(text, reference=c.doc_date)] + [(s, e) for s, e, _ in find_amounts(text)]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    words = _WORD.findall(text)
    found = {w for w in words if w[0].isdigit() or w.casefold() in NUMBER_WORDS or w.casefold() in PARTIES}
    if ignore_case:
        return {w.casefold() for w in found} | ({c.actor.casefold()} if c.actor else set())
    # Names: capitalised words other than the sentence's first ("Kredietbank Rivierenland").
    found |= {w for w in words[1:] if w[0].isupper() and w.casefold() not in ("wij", "we")}
    if c.actor:
        found.add(c.actor)
    return found


def _strength_text(c: Commitment, cues: list[tuple[str, str]]) -> str:
    words = ", ".join(f"‘{HEDGE_LABELS[name]}’" for name, _ in cues)
    return f"{STRENGTH_LABELS[c.strength]} ({words})" if words else STRENGTH_LABELS[c.strength]
