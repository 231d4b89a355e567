"""Version comparison: the corpus pair's exact planted changes (PDF and DOCX), edits made to
letters written at test time (PDF, DOCX, text), the ignore options, JSON and the CLI."""

from __future__ import annotations

import json
from datetime import date

import docx
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.compare import COMMITMENT_FIELDS, BlockChange, Comparison, compare_documents, compare_files
from assistant.errors import DocumentError
from assistant.model import Block, Document, assign_offsets
from assistant.parse import parse_document
from tests.conftest import CORPUS

CONCEPT = "beleidsbrief_armoede_concept"
DEFINITIEF = "beleidsbrief_armoede_definitief"

# The planted word edits of corpus/README.md (e), as (deleted, inserted) per changed paragraph,
# in reading order: "inwoners" → "huishoudens", the weakened A1, the amount of A2, the
# deadline of A3, "Daarnaast" → "Verder".
CORPUS_WORD_EDITS = [
    ("inwoners", "huishoudens"),
    ("zullen", "streven ernaar te"),
    ("250.000", "300.000"),
    ("medio", "eind"),
    ("Daarnaast", "Verder"),
]

# A small letter with one commitment of each kind the tests edit.
BASE = [
    "# Aanpak",
    "Met deze brief informeren wij u over de aanpak van eenzaamheid onder ouderen in Rijnwaarde. "
    "Het aantal ouderen dat zich eenzaam voelt, is de afgelopen jaren toegenomen.",
    "Wij zullen in 2025 alle inwoners van 75 jaar en ouder een huisbezoek aanbieden.",
    "Hiervoor trekken wij vanaf 2025 jaarlijks € 120.000 extra uit.",
    "# Welzijn",
    "Vooral in Oosterveld en Molenwijk wonen veel alleenstaande ouderen. Zij komen weinig buiten "
    "en kennen hun buren vaak niet.",
    "Wij openen uiterlijk medio 2025 een tweede ontmoetingscentrum in Molenwijk.",
    "Wij breiden het team ouderenwerk uit met twee consulenten.",
    "Bij de uitwerking betrekken wij de Adviesraad Sociaal Domein en de ouderenbonden.",
    "# Vervolg",
    "In het voorjaar van 2026 ontvangt u een evaluatie van deze aanpak.",
]


# --------------------------------------------------------------------------- helpers


def edited(replacements: dict[str, str] | None = None, *, drop: str | None = None,
           base: list[str] = BASE) -> list[str]:
    """BASE with words replaced and, optionally, the paragraph starting with ``drop`` left out."""
    out = []
    for paragraph in base:
        if drop and paragraph.startswith(drop):
            continue
        for old, new in (replacements or {}).items():
            paragraph = paragraph.replace(old, new)
        out.append(paragraph)
    return out


def write_letter(path, paragraphs: list[str], *, date_text: str = "3 maart 2025"):
    """A real-looking letter (letterhead, header, footer) as PDF or DOCX via corpus/render.py,
    or as plain text; the suffix of ``path`` decides."""
    from corpus.render import letter_from_plain_text, render_docx, render_pdf

    fields = dict(addressee=["De gemeenteraad van Rijnwaarde"], date=date_text, kenmerk="2025/0101",
                  onderwerp="Aanpak eenzaamheid ouderen", salutation="Geachte leden van de raad,",
                  closing="Met vriendelijke groet,", signature=["het college van burgemeester en wethouders"],
                  footer="Concept – niet verspreiden")
    if path.suffix == ".txt":
        body = "\n\n".join(p[2:] if p.startswith("# ") else p for p in paragraphs)
        path.write_text(f"Gemeente Rijnwaarde\n\nDatum: {date_text}\nOns kenmerk: 2025/0101\n"
                        f"Onderwerp: Aanpak eenzaamheid ouderen\n\nGeachte leden van de raad,\n\n{body}\n\n"
                        "Met vriendelijke groet,\n\nhet college van burgemeester en wethouders\n", encoding="utf-8")
        return path
    letter = letter_from_plain_text("\n\n".join(paragraphs), **fields)
    (render_pdf if path.suffix == ".pdf" else render_docx)(letter, path)
    return path


def compare_texts(tmp_path, old: list[str], new: list[str], fmt: str = "docx", **options) -> Comparison:
    a = write_letter(tmp_path / f"old.{fmt}", old)
    b = write_letter(tmp_path / f"new.{fmt}", new)
    return compare_files(a, b, **options)


def make_document(paragraphs: list[str], *, doc_id: str = "doc", day: date = date(2025, 3, 3)) -> Document:
    """A Document built directly, for what no file format keeps (double spaces) or for speed."""
    blocks = [Block(kind="heading" if p.startswith("# ") else "paragraph", text=p.removeprefix("# "), page=1 + i // 12)
              for i, p in enumerate(paragraphs)]
    return Document(id=doc_id, path=f"{doc_id}.txt", format="text", content_hash=doc_id, pages=blocks[-1].page,
                    blocks=assign_offsets(blocks), title="Aanpak eenzaamheid ouderen", date=day,
                    reference="2025/0101", sender="het college van burgemeester en wethouders van Rijnwaarde")


def non_equal(comparison: Comparison) -> list[BlockChange]:
    return [b for b in comparison.blocks if b.op != "equal"]


def edits(change: BlockChange) -> tuple[str, str]:
    deleted = " ".join(w.text.strip() for w in change.diff if w.op == "delete")
    inserted = " ".join(w.text.strip() for w in change.diff if w.op == "insert")
    return " ".join(deleted.split()), " ".join(inserted.split())


# --------------------------------------------------------------------------- the corpus pair


@pytest.fixture(scope="module", params=["pdf", "docx"])
def corpus_pair(request) -> Comparison:
    return compare_files(CORPUS / f"{CONCEPT}.{request.param}", CORPUS / f"{DEFINITIEF}.{request.param}")


def test_corpus_pair_metadata_only_the_date_changed(corpus_pair):
    assert [m.to_dict() for m in corpus_pair.metadata] == [
        {"field": "date", "old": "2024-09-02", "new": "2024-10-01"}]


def test_corpus_pair_amount_change_has_field_amount(corpus_pair):
    [change] = [c for c in corpus_pair.changed if "trekken wij" in c.new.text]
    assert change.fields == ["amount"]
    assert (change.old.amount.eur, change.new.amount.eur) == (250_000, 300_000)
    assert (change.details[0].old, change.details[0].new) == ("€ 250.000 (structureel)", "€ 300.000 (structureel)")


def test_corpus_pair_deadline_change_has_field_due(corpus_pair):
    [change] = [c for c in corpus_pair.changed if "wachttijd" in c.new.text]
    assert change.fields == ["due"]
    assert (change.details[0].old, change.details[0].new) == ("uiterlijk medio 2025", "uiterlijk eind 2025")
    assert (change.old.due.end, change.new.due.end) == (date(2025, 8, 31), date(2025, 12, 31))


def test_corpus_pair_deleted_commitment_is_removed(corpus_pair):
    assert [c.text for c in corpus_pair.removed] == [
        "Wij verhogen per 1 januari 2025 de inkomensgrens voor de gemeentelijke minimaregelingen van 120 naar "
        "130 procent van het sociaal minimum."]
    assert corpus_pair.added == []


def test_corpus_pair_weakened_commitment_is_a_strength_change(corpus_pair):
    [change] = [c for c in corpus_pair.changed if "betalingsachterstand" in c.new.text]
    assert change.fields == ["strength"]
    assert change.old.text.startswith("Wij zullen in 2025") and change.new.text.startswith("Wij streven ernaar")
    assert (change.old.strength, change.new.strength) == ("firm", "intent")
    assert "zal" in change.details[0].old and "streeft ernaar" in change.details[0].new


def test_corpus_pair_has_exactly_three_commitment_changes(corpus_pair):
    assert sorted(tuple(c.fields) for c in corpus_pair.changed) == [("amount",), ("due",), ("strength",)]


def test_corpus_pair_moved_paragraph_is_one_move(corpus_pair):
    [moved] = [b for b in corpus_pair.blocks if b.op == "moved"]
    assert moved.new.startswith("Bij de uitwerking van deze maatregelen betrekken wij ervaringsdeskundigen")
    assert moved.old == moved.new and moved.diff == ()
    # from the end of "Schuldhulpverlening" to just before "Vroegsignalering van schulden"
    new_texts = [b.text for b in corpus_pair.new.blocks]
    assert new_texts[moved.new_index + 1] == "Vroegsignalering van schulden"
    old_texts = [b.text for b in corpus_pair.old.blocks]
    assert old_texts[moved.old_index + 1] == "Inkomensondersteuning"


def test_corpus_pair_word_edits_are_changed_blocks(corpus_pair):
    changed = [b for b in corpus_pair.blocks if b.op == "changed"]
    assert [edits(b) for b in changed] == CORPUS_WORD_EDITS


def test_corpus_pair_has_no_other_changes(corpus_pair):
    counts = corpus_pair.counts()
    assert {op: n for op, n in counts.items() if op != "equal"} == {
        "changed": 5, "inserted": 0, "deleted": 1, "moved": 1}
    assert len(non_equal(corpus_pair)) == 7
    # every paragraph of both versions is accounted for exactly once
    assert counts["equal"] + 5 + 1 == len(corpus_pair.new.blocks)  # + changed + moved
    assert counts["equal"] + 5 + 1 + 1 == len(corpus_pair.old.blocks)  # + changed + moved + deleted
    [deleted] = [b for b in corpus_pair.blocks if b.op == "deleted"]
    assert deleted.old.startswith("Wij verhogen per 1 januari 2025 de inkomensgrens")


def test_corpus_pair_json_has_the_documented_shape(corpus_pair):
    data = json.loads(json.dumps(corpus_pair.to_dict(today=date(2025, 1, 1))))
    assert set(data) >= {"metadata", "blocks", "commitments", "summary"}
    assert {b["op"] for b in data["blocks"]} == {"equal", "changed", "deleted", "moved"}
    for block in data["blocks"]:
        assert set(block) >= {"op", "old", "new", "old_page", "new_page"}
    changed = next(b for b in data["blocks"] if b["op"] == "changed")
    assert {w["op"] for w in changed["diff"]} <= {"equal", "delete", "insert"}
    entry = data["commitments"]["changed"][0]
    assert set(entry) >= {"old", "new", "fields"}
    assert set(entry["old"]) >= {"text", "action", "due", "amount", "strength", "page", "status"}
    assert all(f in COMMITMENT_FIELDS for c in data["commitments"]["changed"] for f in c["fields"])
    assert data["summary"]["blocks"]["moved"] == 1
    assert data["summary"]["commitments"] == {"added": 0, "removed": 1, "changed": 3}


def test_summary_text_lists_each_commitment_change_in_full(corpus_pair):
    text = corpus_pair.summary_text()
    assert "5 gewijzigd, 1 verwijderd, 1 verplaatst" in text
    assert "bedrag: € 250.000 (structureel) → € 300.000 (structureel)" in text
    assert "termijn: uiterlijk medio 2025 → uiterlijk eind 2025" in text
    assert "datum: 2 september 2024 → 1 oktober 2024" in text
    assert "Vervallen toezeggingen" in text
    assert "was:   Wij zullen in 2025 alle huishoudens" in text


# --------------------------------------------------------------------------- constructed edits


def test_same_letter_twice_has_no_changes(tmp_path):
    comparison = compare_texts(tmp_path, BASE, BASE, "pdf")
    assert comparison.identical
    assert comparison.summary_text().endswith("Geen wijzigingen gevonden.")


def test_moved_paragraph_is_a_move_not_a_deletion_and_insertion(tmp_path):
    moved = BASE[8]
    new = BASE[:1] + [moved] + [p for p in BASE[1:] if p != moved]
    comparison = compare_texts(tmp_path, BASE, new, "docx")
    assert [(b.op, b.new) for b in non_equal(comparison)] == [("moved", moved)]
    assert comparison.added == comparison.removed == comparison.changed == []


def test_moved_and_edited_paragraph_is_a_move_with_its_word_diff(tmp_path):
    moved = "Bij de uitwerking betrekken wij de Adviesraad Sociaal Domein en de ouderenbonden."
    edited_move = "Bij de uitwerking betrekken wij vanaf het begin de Adviesraad Sociaal Domein en de ouderenbonden."
    new = BASE[:1] + [edited_move] + [p for p in BASE[1:] if p != moved]
    comparison = compare_texts(tmp_path, BASE, new, "txt")
    [change] = non_equal(comparison)
    assert change.op == "moved"
    assert edits(change) == ("", "vanaf het begin")


def test_changed_amount_is_an_amount_change(tmp_path):
    comparison = compare_texts(tmp_path, BASE, edited({"€ 120.000": "€ 150.000"}), "pdf")
    [change] = comparison.changed
    assert change.fields == ["amount"]
    assert [edits(b) for b in non_equal(comparison)] == [("120.000", "150.000")]


def test_changed_deadline_is_a_due_change(tmp_path):
    comparison = compare_texts(tmp_path, BASE, edited({"uiterlijk medio 2025": "uiterlijk begin 2026"}), "pdf")
    [change] = comparison.changed
    assert change.fields == ["due"]
    assert (change.details[0].old, change.details[0].new) == ("uiterlijk medio 2025", "uiterlijk begin 2026")
    assert change.new.due.end == date(2026, 4, 30)


def test_changed_letter_date_is_metadata_and_moves_no_deadline(tmp_path):
    a = write_letter(tmp_path / "old.docx", BASE, date_text="3 maart 2025")
    b = write_letter(tmp_path / "new.docx", BASE, date_text="17 maart 2025")
    comparison = compare_files(a, b)
    assert [(m.field, m.old, m.new) for m in comparison.metadata] == [("date", "2025-03-03", "2025-03-17")]
    # "uiterlijk medio 2025" runs from the letter's date: its start moved, its deadline did not
    assert comparison.changed == [] and non_equal(comparison) == []


def test_deleted_commitment_is_removed_and_its_paragraph_deleted(tmp_path):
    comparison = compare_texts(tmp_path, BASE, edited(drop="Wij breiden"), "docx")
    assert [c.text for c in comparison.removed] == ["Wij breiden het team ouderenwerk uit met twee consulenten."]
    assert [(b.op, b.old) for b in non_equal(comparison)] == [("deleted", BASE[7])]


def test_new_commitment_is_added_and_its_paragraph_inserted(tmp_path):
    extra = "Wij starten in september 2025 een belteam met vrijwilligers voor ouderen zonder netwerk."
    comparison = compare_texts(tmp_path, BASE, BASE[:8] + [extra] + BASE[8:], "txt")
    assert [c.text for c in comparison.added] == [extra]
    assert [(b.op, b.new) for b in non_equal(comparison)] == [("inserted", extra)]


def test_reworded_commitment_to_onderzoekt_of_is_a_strength_change(tmp_path):
    new = edited({"Wij openen uiterlijk medio 2025 een tweede ontmoetingscentrum in Molenwijk.":
                  "Wij onderzoeken of wij uiterlijk medio 2025 een tweede ontmoetingscentrum in Molenwijk openen."})
    comparison = compare_texts(tmp_path, BASE, new, "docx")
    [change] = comparison.changed
    assert change.fields == ["strength"]
    assert change.new.strength == "intent" and "onderzoekt of" in change.details[0].new


def test_changed_number_in_the_action_is_a_scope_change(tmp_path):
    comparison = compare_texts(tmp_path, BASE, edited({"met twee consulenten": "met drie consulenten"}), "docx")
    [change] = comparison.changed
    assert change.fields == ["scope"]
    assert (change.details[0].old, change.details[0].new) == ("twee", "drie")


def test_changed_party_in_the_action_is_a_scope_change(tmp_path):
    comparison = compare_texts(tmp_path, BASE, edited({"alle inwoners van 75 jaar": "alle huishoudens van 75 jaar"}))
    [change] = comparison.changed
    assert change.fields == ["scope"]
    assert (change.details[0].old, change.details[0].new) == ("inwoners", "huishoudens")


def test_rewrapped_pdf_with_other_line_width_and_pages_has_no_changes(tmp_path, monkeypatch):
    """Same letter, narrower text column and a higher bottom margin: other line breaks, other
    hyphenation points, other page breaks; nothing counts as a change."""
    import corpus.render as render
    from pypdf import PdfReader

    letter = render.load_letter(CORPUS / "src" / f"{CONCEPT}.letter")
    render.render_pdf(letter, tmp_path / "wide.pdf")
    narrow = render._text_block
    monkeypatch.setattr(render, "_text_block", lambda text, x, width, font, hyphenate:
                        narrow(text, x, width * 0.7, font, hyphenate))
    monkeypatch.setattr(render, "BODY_BOTTOM", 250.0)
    render.render_pdf(letter, tmp_path / "narrow.pdf")
    pages = (len(PdfReader(tmp_path / "wide.pdf").pages), len(PdfReader(tmp_path / "narrow.pdf").pages))
    assert pages[0] < pages[1]

    comparison = compare_files(tmp_path / "wide.pdf", tmp_path / "narrow.pdf")
    assert comparison.identical, comparison.summary_text()


def test_case_only_change_counts_unless_ignore_case(tmp_path):
    new = edited({"Adviesraad Sociaal Domein": "adviesraad sociaal domein"})
    assert [b.op for b in non_equal(compare_texts(tmp_path, BASE, new))] == ["changed"]
    assert compare_texts(tmp_path, BASE, new, ignore_case=True).identical


def test_punctuation_only_change_counts_unless_ignore_punctuation(tmp_path):
    new = edited({"Oosterveld en Molenwijk wonen": "Oosterveld, en Molenwijk, wonen", "buiten en": "buiten; en"})
    [change] = non_equal(compare_texts(tmp_path, BASE, new, "pdf"))
    assert change.op == "changed" and edits(change) == ("", ", , ;")
    assert compare_texts(tmp_path, BASE, new, "pdf", ignore_punctuation=True).identical


def test_whitespace_only_change_counts_only_when_whitespace_is_kept():
    old = make_document(BASE)
    new = make_document(edited({"twee consulenten": "twee  consulenten", "Aanpak": " Aanpak"}))
    assert compare_documents(old, new).identical
    [change] = non_equal(compare_documents(old, new, ignore_whitespace=False))
    assert change.op == "changed" and change.new == "Wij breiden het team ouderenwerk uit met twee  consulenten."


def test_table_cell_separators_are_layout_not_text():
    """The PDF reader gives a table row as words, the DOCX reader with " | " between cells."""
    old = make_document(BASE + ["Huisbezoeken € 120.000 structureel 2025"])
    new = make_document(BASE + ["Huisbezoeken | € 120.000 | structureel | 2025"])
    assert compare_documents(old, new).identical


def test_rewritten_paragraph_is_a_deletion_and_an_insertion_not_a_change():
    new = edited({BASE[5]: "De wachtlijst voor dagbesteding is in een jaar gehalveerd dankzij extra vrijwilligers."})
    ops = [b.op for b in non_equal(compare_documents(make_document(BASE), make_document(new)))]
    assert ops == ["deleted", "inserted"]


def test_missing_file_is_a_document_error(tmp_path):
    existing = write_letter(tmp_path / "old.txt", BASE)
    with pytest.raises(DocumentError, match="bestand niet gevonden"):
        compare_files(existing, tmp_path / "bestaat-niet.pdf")


def test_thirty_page_letters_are_compared_paragraph_by_paragraph():
    """Two 30-page letters (the corpus pair's paragraphs, 17 times, each copy distinct) give every
    change 17 times; how fast is measured by bench/compare.py, not here."""
    old_doc, new_doc = (parse_document(CORPUS / f"{name}.pdf") for name in (CONCEPT, DEFINITIEF))

    def long(doc: Document) -> Document:
        blocks = [Block(kind=b.kind, text=f"{b.text} Zie ook bijlage {k + 1}.", page=b.page + 3 * k)
                  for k in range(17) for b in doc.blocks[:-2]]
        return Document(id=doc.id, path=doc.path, format="pdf", content_hash=doc.id, pages=51,
                        blocks=assign_offsets(blocks), date=doc.date, sender=doc.sender)

    old, new = long(old_doc), long(new_doc)
    comparison = compare_documents(old, new)
    assert comparison.counts()["moved"] == 17 and len(comparison.changed) == 3 * 17


# --------------------------------------------------------------------------- CLI


def test_cli_compare_prints_the_summary_and_writes_the_redline(tmp_path):
    out = tmp_path / "redline.docx"
    result = CliRunner().invoke(main, ["compare", str(CORPUS / f"{CONCEPT}.docx"), str(CORPUS / f"{DEFINITIEF}.docx"),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Gewijzigde toezeggingen" in result.output
    assert f"Word-bestand met bijgehouden wijzigingen: {out}" in result.output
    assert out.stat().st_size > 0


def test_cli_compare_json(tmp_path):
    a, b = write_letter(tmp_path / "a.txt", BASE), write_letter(tmp_path / "b.txt", edited({"twee": "drie"}))
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["fields"] for c in data["commitments"]["changed"]] == [["scope"]]


def test_cli_compare_missing_file_is_one_dutch_sentence(tmp_path):
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")])
    assert result.exit_code == DocumentError.exit_code
    assert result.output.startswith("Fout: a.pdf: bestand niet gevonden")


def test_a_pdf_concept_against_a_word_final_reports_what_two_pdfs_report():
    across = compare_files(CORPUS / f"{CONCEPT}.pdf", CORPUS / f"{DEFINITIEF}.docx")
    within = compare_files(CORPUS / f"{CONCEPT}.pdf", CORPUS / f"{DEFINITIEF}.pdf")

    def changes(c: Comparison):
        return [(b.op, b.old, b.new) for b in non_equal(c)]

    def commitments(c: Comparison):
        return ([(ch.old.text, ch.new.text, [d.to_dict() for d in ch.details]) for ch in c.changed],
                [r.text for r in c.removed], [a.text for a in c.added])

    assert changes(across) == changes(within)
    assert commitments(across) == commitments(within)
    assert [m.to_dict() for m in across.metadata] == [m.to_dict() for m in within.metadata]


# --------------------------------------------------------------------------- commitments below the threshold

COSTED = BASE[:4] + ["De kosten van de huisbezoeken worden geraamd op € 80.000."] + BASE[4:]


@pytest.mark.parametrize("formats", [("txt", "txt"), ("pdf", "docx")])
def test_a_costed_sentence_below_the_threshold_that_changed_its_amount_is_a_changed_commitment(tmp_path, formats):
    old = write_letter(tmp_path / f"old.{formats[0]}", COSTED)
    new = write_letter(tmp_path / f"new.{formats[1]}", edited({"€ 80.000": "€ 95.000",
                                                               "uiterlijk medio 2025": "uiterlijk eind 2025"},
                                                              base=COSTED))
    comparison = compare_files(old, new)

    by_field = {tuple(ch.fields): ch for ch in comparison.changed}
    assert set(by_field) == {("amount",), ("due",)}
    amount = by_field[("amount",)]
    assert (amount.details[0].old, amount.details[0].new) == ("€ 80.000", "€ 95.000")
    assert not comparison.added and not comparison.removed

    from assistant.redline import write_redline

    summary = docx.Document(str(write_redline(comparison, tmp_path / "redline.docx")))
    cells = " ".join(cell.text for table in summary.tables for row in table.rows for cell in row.cells)
    assert "€ 80.000 → € 95.000" in cells and "uiterlijk medio 2025 → uiterlijk eind 2025" in cells


def test_a_promise_that_became_an_estimate_with_another_amount_is_changed_not_removed():
    """Accepted in the concept, below the threshold in the final (the amount changed and the verb
    with it): paired through the sentences of both versions."""
    from assistant.compare import Options, commitment_changes

    old = make_document(BASE[:4] + ["Voor de huisbezoeken trekken wij in 2025 € 80.000 uit."] + BASE[4:])
    new = make_document(BASE[:4] + ["Voor de huisbezoeken is in 2025 € 95.000 geraamd."] + BASE[4:])

    added, removed, changed = commitment_changes(old, new, Options())

    assert not added and not removed
    [change] = changed
    assert change.fields == ["amount"] and change.new.text.endswith("€ 95.000 geraamd.")


def test_a_long_paragraph_is_diffed_sentence_by_sentence_with_the_same_word_edits():
    from assistant.compare import Options, tokenize, word_diff

    sentences = [f"In wijk {n} bezoeken de consulenten elke week {n + 2} ouderen thuis." for n in range(1, 80)]
    old = " ".join(sentences)
    new = old.replace("In wijk 40 bezoeken de consulenten elke week 42", "In wijk 40 bezoeken de consulenten elke "
                                                                            "week 44")
    ops = word_diff(tokenize(old, Options()), tokenize(new, Options()), Options())

    assert [(op.op, op.text.strip()) for op in ops if op.op != "equal"] == [("delete", "42"), ("insert", "44")]
    assert "".join(op.text for op in ops if op.op != "delete") == new
