"""One block structure per letter, whatever the format: every letter in corpus/src, and variants
of it (a heading directly above its text, bold paragraphs instead of heading styles, Word's own
numbering, other point labels), rendered to .txt, .docx and .pdf, parse to the same blocks
(kind, number, role, text) in all three."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from assistant.parse import parse_document
from tests.conftest import CORPUS
from corpus.render import SRC_DIR, load_letter, render_docx, render_pdf, render_text

LETTERS = sorted(p.stem for p in SRC_DIR.glob("*.letter"))
_POINT = re.compile(r"^(\d{1,2})\. ")


def _relabel(style: str):
    """A variant that writes numbered points with another label."""
    def change(paragraph: str) -> str:
        match = _POINT.match(paragraph)
        if not match:
            return paragraph
        n, rest = int(match.group(1)), paragraph[match.end():]
        return {"advies": f"Advies {n}: {rest}", "punt": f"Punt {n}. {rest}", "paren": f"{n}) {rest}",
                "ad": f"Ad {n}. {rest}", "letter": f"{chr(96 + n)}. {rest}"}[style]
    return change


VARIANTS = {
    "as written": ({}, None),
    "heading directly above its text": ({"heading_gap": False}, None),
    "bold paragraphs as headings": ({}, lambda p: "** " + p[2:] if p.startswith("# ") else p),
    "bold heading directly above its text": ({"heading_gap": False},
                                             lambda p: "** " + p[2:] if p.startswith("# ") else p),
    "Advies N:": ({}, _relabel("advies")),
    "Punt N.": ({}, _relabel("punt")),
    "N)": ({}, _relabel("paren")),
    "Ad N.": ({}, _relabel("ad")),
    "a.": ({}, _relabel("letter")),
}


def _render(name: str, variant: str, folder: Path) -> dict[str, Path]:
    options, change = VARIANTS[variant]
    letter = load_letter(SRC_DIR / f"{name}.letter")
    if change is not None:
        letter = dataclasses.replace(letter, paragraphs=[change(p) for p in letter.paragraphs])
    paths = {fmt: folder / f"{name}.{fmt}" for fmt in ("txt", "docx", "pdf")}
    render_text(letter, paths["txt"], **options)
    render_docx(letter, paths["docx"])
    render_pdf(letter, paths["pdf"], **options)
    return paths


def _blocks(path: Path) -> list[tuple]:
    return [(b.kind, b.number, b.role, " ".join(b.text.split())) for b in parse_document(path).blocks]


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", LETTERS)
def test_the_same_blocks_in_text_word_and_pdf(name, variant, tmp_path):
    paths = _render(name, variant, tmp_path)
    text, word, pdf = (_blocks(paths[fmt]) for fmt in ("txt", "docx", "pdf"))
    assert word == text
    assert pdf == text


@pytest.mark.parametrize("name", [n for n in LETTERS if "advies" in n or "reactie" in n])
def test_word_numbering_gives_the_same_blocks_as_typed_numbers(name, tmp_path):
    letter = load_letter(SRC_DIR / f"{name}.letter")
    typed, numbered = tmp_path / "typed.docx", tmp_path / "numbered.docx"
    render_docx(letter, typed)
    render_docx(dataclasses.replace(letter, word_numbering=True), numbered)
    assert [(k, n, " ".join(t.split())) for k, n, _r, t in _blocks(numbered)] == \
           [(k, n, " ".join(t.split())) for k, n, _r, t in _blocks(typed)]


def test_a_heading_directly_above_its_text_is_a_block_of_its_own(tmp_path):
    paths = _render("reactie_college_jeugd_2025", "heading directly above its text", tmp_path)
    blocks = _blocks(paths["txt"])
    heading = next(i for i, b in enumerate(blocks) if b[3] == "1. Wachttijden")
    assert blocks[heading][:2] == ("heading", "1")
    assert blocks[heading + 1][3].startswith("Wij nemen dit advies gedeeltelijk over.")


@pytest.mark.parametrize("pdf", sorted(p.name for p in CORPUS.glob("*.pdf") if p.with_suffix(".docx").exists()))
def test_a_paragraph_has_the_same_number_in_the_pdf_and_the_word_file(pdf):
    """Citations say "alinea N": the PDF and the Word file of one letter must agree on N."""
    from assistant.extract.commitments import extract_commitments
    from assistant.parse import parse_document
    from assistant.search.passages import make_passages

    a, b = parse_document(CORPUS / pdf), parse_document((CORPUS / pdf).with_suffix(".docx"))
    in_pdf = {" ".join(p.text.split()): p.block for p in make_passages(a)}
    in_word = {" ".join(p.text.split()): p.block for p in make_passages(b)}
    shared = set(in_pdf) & set(in_word)
    assert len(shared) >= 0.8 * len(in_pdf)
    assert {t: in_pdf[t] for t in shared} == {t: in_word[t] for t in shared}
    promised_pdf = {c.text: (c.source.page, c.source.block) for c in extract_commitments(a)}
    promised_word = {c.text: c.source.block for c in extract_commitments(b)}
    assert {t: promised_pdf[t][1] for t in set(promised_pdf) & set(promised_word)} == \
        {t: promised_word[t] for t in set(promised_pdf) & set(promised_word)}
