"""Layout repair: from lines on pages to the author's paragraphs.

Three jobs, each a function: ``strip_running_lines`` removes page headers, footers and
page numbers (lines repeated across pages, or shaped like "Pagina 2 van 5");
``group_paragraphs`` decides where paragraphs start; ``join_lines`` re-flows a
paragraph's lines, joining words hyphenated across a line end.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from assistant.parse.lines import Hint, Line
from assistant.parse.meta import is_closing

# How many lines at the top and bottom of a page may hold running headers and footers.
_FURNITURE_ZONE = 4
# A line in that zone on this share of pages (and at least two) is furniture.
_REPEAT_SHARE = 0.4
# Furniture is a few lines of a page; a page that would lose more than three lines and more than
# this share of its lines keeps them (only bare page numbers go), and the document says so.
_MAX_DROP_SHARE = 0.5

_PAGE_NUMBER = re.compile(
    r"""^[\s\-–—]*(?:
        (?:pagina|page|blz\.?|blad)\s*\d+(?:\s*(?:van|/|of|uit|-)\s*\d+)?   # Pagina 2 van 5
      | \d+\s*(?:/|van)\s*\d+                                         # 2/5, 2 van 5
      | \d{1,3}                                                       # - 2 -
    )[\s\-–—]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line that starts a list item or numbered point, as a paragraph start signal.
ITEM_START = re.compile(
    r"""^(?:
        (?:advies(?:punt)?|aanbeveling|punt|vraag|antwoord)\s+\d{1,2}[a-z]?\b
      | \d{1,2}[.)]\s
      | [a-z][.)]\s
      | [•·▪◦●○■□➢►\-–*]\s
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_SENTENCE_END = re.compile(r"[.!?:;]['’”)]*$")
# Words that follow an elided compound part: "zorg- en welzijnspartners".
_ELLIPSIS_NEXT = {"en", "of", "tot", "noch", "als", "dan", "t/m"}
_VOWELS = set("aeiouyáéíóúàèëïöüäâêîôû")
# Prefixes Dutch always writes with a hyphen ("niet-gebruik", "vice-voorzitter") and that
# syllable hyphenation never produces inside another word ("pro-cent" and "ex-act" it does).
_HYPHEN_PREFIXES = frozenset({"niet", "vice"})


@dataclass
class RawParagraph:
    text: str
    page: int
    page_end: int
    hint: Hint | None = None
    number: str | None = None
    bold: bool = False
    italic: bool = False
    foot: bool = False  # at the foot of a page, below the text


def _shape(text: str) -> str:
    """A line's shape for repeat detection: digits masked, case and spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def strip_running_lines(pages: list[list[Line]], warnings: list[str] | None = None
                        ) -> tuple[list[list[Line]], list[str]]:
    """Remove running headers, footers and page numbers; return the pages and what went.

    A line near the top or bottom of a page is furniture when the same text stands there
    on enough pages, or when it differs only in the page's own number ("Pagina 2 van 5").
    A page never loses more than half of its lines that way: body text that merely holds its
    page number stays, with a warning in ``warnings``.
    """
    exact: Counter[str] = Counter()
    masked: Counter[str] = Counter()
    for lines in pages:
        zone = _zones(lines)
        exact.update({_fold(lines[i].text) for i in zone})
        masked.update({_shape(lines[i].text) for i in zone if _has_page_number(lines[i])})
    threshold = max(2, _REPEAT_SHARE * len(pages))

    def is_furniture(line: Line) -> bool:
        if is_page_number(line.text):
            return True
        if len(pages) < 2:
            return False
        if exact[_fold(line.text)] >= threshold:
            return True
        # a sentence that names its page ("Zie de tabel op pagina 4.") is body text, not furniture
        return (_has_page_number(line) and masked[_shape(line.text)] >= threshold
                and not _SENTENCE_END.search(line.text.strip()))

    kept_pages: list[list[Line]] = []
    removed: list[str] = []
    kept_back = 0
    for number, lines in enumerate(pages, start=1):
        drop = {i for i in _zones(lines) if is_furniture(lines[i])}
        if number > 1:
            drop |= _small_top_line(lines)
        if len(drop) > max(3, _MAX_DROP_SHARE * len(lines)):
            kept_back += 1
            drop = {i for i in drop if is_page_number(lines[i].text)}
        removed.extend(lines[i].text for i in sorted(drop))
        kept = [line for i, line in enumerate(lines) if i not in drop]
        if kept and drop and min(drop) == 0:
            kept[0].new_paragraph = True
        kept_pages.append(kept)
    if kept_back and warnings is not None:
        warnings.append(f"op {kept_back} pagina's zouden meer regels als kop- of voettekst zijn weggelaten dan "
                        "aannemelijk is; die regels staan in de tekst (controleer of er kopteksten tussen staan)")
    return kept_pages, removed


def _small_top_line(lines: list[Line]) -> set[int]:
    """The first line of a later page set in a smaller type than the page's text, standing apart
    above it: a running header, also in a letter of two pages where nothing repeats."""
    sizes = [line.size for line in lines if line.size]
    if len(sizes) < 4 or not lines[0].size or lines[0].bold:
        return set()
    body = sorted(sizes)[len(sizes) // 2]
    if lines[0].size < 0.9 * body and len(lines[0].text) < 120 and not _SENTENCE_END.search(lines[0].text):
        return {0}
    return set()


def strip_lines_naming(pages: list[list[Line]], names: list[str | None], senders: list[str] = ()) -> list[list[Line]]:
    """Drop running headers that only a letter of two pages has once ("Ons kenmerk 2024/0412"
    at the top of page 2): top or bottom lines of later pages that name the letter's kenmerk
    or subject, or open with the sender's name and carry no sentence ("Gemeente Rijnwaarde –
    Bestuurlijke reactie"), which a body line rarely does at a page edge."""
    wanted = [n.lower() for n in names if n and len(n) >= 6]
    senders = [s.lower() for s in senders if len(s) >= 6 and re.search(r"[^\W\d_]{3}", s)]
    if not wanted and not senders:
        return pages

    known = {w for n in wanted + senders for w in re.findall(r"\w+", n)}

    def running(text: str, top: bool) -> bool:
        lowered = text.lower()
        if len(text) >= 120:
            return False
        if any(n in lowered for n in wanted):
            return True
        words = re.findall(r"\w+", lowered)
        if top and len(words) >= 3 and sum(w in known for w in words) >= 0.8 * len(words) \
                and not _SENTENCE_END.search(text) and not text.rstrip().endswith(","):
            return True  # "Nota naar aanleiding van het verslag – Wet ...": the subject, shortened
        return any(lowered.startswith(s) for s in senders) and not _SENTENCE_END.search(text)

    kept_pages = []
    for number, lines in enumerate(pages, start=1):
        edge = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines))) if number > 1 else set()
        drop = {i for i in edge if running(lines[i].text, top=i < 2)}
        kept = [line for i, line in enumerate(lines) if i not in drop]
        if kept and 0 in drop:
            kept[0].new_paragraph = lines[0].new_paragraph
        kept_pages.append(kept)
    return kept_pages


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def _has_page_number(line: Line) -> bool:
    return str(line.page) in re.findall(r"\d+", line.text)


def _zones(lines: list[Line]) -> set[int]:
    n = len(lines)
    return set(range(min(_FURNITURE_ZONE, n))) | set(range(max(0, n - _FURNITURE_ZONE), n))


def group_paragraphs(pages: list[list[Line]], vocabulary: set[str] | None = None) -> list[RawParagraph]:
    """Group lines into paragraphs and re-flow each; paragraphs may run across pages."""
    groups: list[list[Line]] = []
    body: list[Line] | None = None  # the paragraph body text continues in (footnotes aside)
    signature = False
    split_reply: Line | None = None
    for lines in pages:
        short_line_rule = _needs_short_line_rule(lines)
        width = _typical_width(lines)
        first_body = True
        for line in lines:
            if line.foot:  # a footnote or page footer: its own paragraph, the text runs on past it
                if groups and groups[-1][-1].foot and not line.new_paragraph:
                    groups[-1].append(line)
                else:
                    groups.append([line])
                continue
            prev = body[-1] if body else None
            if prev is None or _starts_paragraph(line, prev, first_on_page=first_body):
                body = [line]
                groups.append(body)
            elif short_line_rule and _ends_short(prev, width):
                body = [line]
                groups.append(body)
            elif len(body) == 1 and prev is not split_reply and (is_heading_line(prev, line, width) or signature):
                body = [line]  # a heading directly above its text; a signature line
                groups.append(body)
            elif all(ln.italic for ln in body) and not line.italic and (split := _after_quote(body, line)):
                quote_end, reply = split  # an italic quote and the reply after it, in one paragraph
                if quote_end is not None:
                    body.append(quote_end)
                body = [reply]
                groups.append(body)
                split_reply = reply  # the rest of a line: never a heading
            elif len(body) == 2 and is_wrapped_heading(body[0], prev, line, width):
                body = [line]  # a heading that wrapped onto a second line, directly above its text
                groups.append(body)
            else:
                body.append(line)
            first_body = False
            signature = signature or is_closing(line.text)
    if vocabulary is None:
        vocabulary = _vocabulary(line.text for lines in pages for line in lines)
    return [
        RawParagraph(
            text=join_lines([ln.text for ln in group], vocabulary),
            page=group[0].page,
            page_end=group[-1].page,
            hint=group[0].hint,
            number=group[0].number,
            bold=all(ln.bold for ln in group),
            italic=all(ln.italic for ln in group),
            foot=group[0].foot,
        )
        for group in groups
    ]


# A line that stands above its text as a heading: short, capitalised, no sentence punctuation.
_HEADING_LINE_WORDS = 12


def is_heading_line(line: Line, following: Line, width: int) -> bool:
    """Whether ``line``, the first of a paragraph, is a heading of its own rather than the start
    of the text below it: a label ("Vraag 1", "Antwoord op vraag 3 en 4", "Reactie:"), a line
    set in bold above plain text, or a short capitalised line without sentence punctuation
    directly above a line that starts a sentence (a plain-text or e-mailed letter)."""
    from assistant.parse.structure import is_label_line

    text = line.text.strip()
    if is_label_line(text):
        return True
    if not text or not (text[0].isupper() or text[0].isdigit()) or len(text.split()) > _HEADING_LINE_WORDS:
        return False
    if line.bold and not following.bold:
        return True
    if text.endswith("?") and len(text.split()) <= 6:
        pass  # "Waar staan wij?": a question as a section title
    elif text.endswith((".", ",", ";", ":", "!", "?", "-")) or ITEM_START.match(text) and text[0].islower():
        return False
    nxt = following.text.strip()
    starts_sentence = bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'‘“(€")
    # A numbered title may be longer: the capital that opens the next line already says a lot.
    share = 0.85 if re.match(r"^\d{1,2}[.)]\s", text) else 0.7
    return starts_sentence and (width == 0 or len(text) < share * width)


_QUOTE_MIN_WORDS = 6  # a restated question or advice, not a short italic label
_QUOTE_END = re.compile(r"[.?!]['’”)]*\s+(?=[A-Z\"'‘“(€])")


def _after_quote(italic: list[Line], line: Line) -> tuple[Line | None, Line] | None:
    """Where a paragraph whose lines so far are italic (a quoted question or advice, as a
    Kamerstuk prints it) turns to upright text: the end of the quote and the start of the reply,
    split at the first sentence end of the upright line, or at its start when the italic line
    ended a sentence. None when the upright line ends no sentence (the quote runs on), or the
    italic part is too short to be a quote (an italic label; an italic heading above its text
    is split off by the heading rule before this is asked)."""
    text = line.text.strip()
    if not text or sum(len(ln.text.split()) for ln in italic) < _QUOTE_MIN_WORDS:
        return None
    if re.search(r"[.?!]['’”)]*$", italic[-1].text.strip()) and (text[0].isupper() or text[0] in "\"'‘“(€"):
        return None, line
    match = _QUOTE_END.search(text)
    if match is None:
        return None
    head = text[:match.start() + len(match.group().rstrip())]
    return (dataclasses.replace(line, text=head, italic=True),
            dataclasses.replace(line, text=text[match.end():], new_paragraph=True))


_WRAPPED_HEADING_WORDS = 20


def is_wrapped_heading(first: Line, second: Line, following: Line, width: int) -> bool:
    """Whether two lines are one heading that wrapped, above its text: a capitalised first line
    and a short second one, neither with sentence punctuation, the whole at most twenty words,
    and the next line starting a sentence (a long title in a plain or OCR'd letter)."""
    head, tail, nxt = first.text.strip(), second.text.strip(), following.text.strip()
    if not head or not tail or not nxt or width == 0 or not head[0].isupper():
        return False
    if len(head.split()) + len(tail.split()) > _WRAPPED_HEADING_WORDS or len(tail) >= 0.6 * width:
        return False
    if any(text.endswith((".", ",", ";", ":", "!", "?", "-")) for text in (head, tail)):
        return False
    if ITEM_START.match(tail) or first.bold != second.bold:
        return False
    return nxt[0].isupper()


def _starts_paragraph(line: Line, prev: Line, first_on_page: bool) -> bool:
    if line.whole or prev.whole:
        return True
    if ITEM_START.match(line.text) and (_SENTENCE_END.search(prev.text) or prev.new_paragraph and len(prev.text) < 60):
        return True
    if first_on_page and line.page != prev.page:
        # A paragraph runs on over the page break unless the last one clearly ended.
        return bool(_SENTENCE_END.search(prev.text)) and not prev.text.endswith("-")
    return line.new_paragraph


def _needs_short_line_rule(lines: list[Line]) -> bool:
    """PDFs without vertical gaps between paragraphs: fall back on line length."""
    return len(lines) > 8 and not any(line.new_paragraph for line in lines[1:])


def _typical_width(lines: list[Line]) -> int:
    widths = sorted(len(line.text) for line in lines)
    return widths[int(len(widths) * 0.8)] if widths else 0


def _ends_short(line: Line, width: int) -> bool:
    return bool(_SENTENCE_END.search(line.text)) and len(line.text) < 0.75 * width


def _vocabulary(texts) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))
    return words


def join_lines(lines: list[str], vocabulary: set[str] | frozenset[str] = frozenset()) -> str:
    """Re-flow wrapped lines into one paragraph, repairing words hyphenated at line ends.

    "ver-" + "sterking" becomes "versterking"; "Delft-" + "West" stays "Delft-West";
    "zorg-" + "en welzijn" stays "zorg- en welzijn".
    """
    text = ""
    for raw in lines:
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text = _hyphen_join(text, line, vocabulary)
        else:
            text += " " + line
    return text


def _hyphen_join(before: str, after: str, vocabulary: set[str] | frozenset[str]) -> str:
    """Join a line ending in "-" to the next, keeping the hyphen only where it is real."""
    head = re.search(r"([^\W\d_]+)-$", before)
    tail = re.match(r"[^\W\d_]+", after)
    if not head or not tail:
        return before + after
    left, right = head.group(1), tail.group(0)
    if after.split(" ", 1)[0].lower() in _ELLIPSIS_NEXT:
        return before + " " + after  # zorg- en welzijn
    if right[0].isupper() or left[-1].isupper() or left.lower() in _HYPHEN_PREFIXES:
        return before + after  # Delft-West, ASD-leden, niet-gebruik
    if (left + right).lower() in vocabulary:
        return before[:-1] + after
    if f"{left}-{right}".lower() in vocabulary:
        return before + after
    if left[-1].lower() in _VOWELS and right[0].lower() in _VOWELS:
        return before + after  # zee-egel, auto-ongeluk: Dutch spelling keeps the hyphen
    return before[:-1] + after
