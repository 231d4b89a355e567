"""The Word redline and the HTML view of a comparison.

The redline is read back the way Word applies revisions: accepting drops w:del and
w:moveFrom content and the paragraphs whose mark was deleted or moved away; rejecting drops
w:ins and w:moveTo content and the paragraphs whose mark was inserted. Accepted must give
the NEW body, rejected the OLD one, paragraph by paragraph. LibreOffice must read the same
file as tracked changes (one conversion, skipped when soffice is absent).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest

from assistant.compare import compare_documents, compare_files
from assistant.errors import AssistantError
from assistant.present.html import comparison_html as render_html
from assistant.redline import AUTHOR, BODY_HEADING, SUMMARY_HEADING, write_redline
from tests.conftest import CORPUS
from tests.test_compare import BASE, CONCEPT, DEFINITIEF, edited, make_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")


def body_paragraphs(path):
    """The <w:p> elements after the heading that opens the tracked body."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == BODY_HEADING)
    return [p._p for p in paragraphs[start + 1:]]


def resolved(path, accept: bool) -> list[str]:
    """The body's paragraphs after accepting (or rejecting) every change, whitespace normalised."""
    hidden = {W + "del", W + "moveFrom"} if accept else {W + "ins", W + "moveTo"}
    out: list[str] = []
    carry = ""  # text of a paragraph whose mark went away joins the next paragraph
    for p in body_paragraphs(path):
        text = carry
        for t in p.iter(W + "t", W + "delText"):
            if not {a.tag for a in t.iterancestors()} & hidden:
                text += t.text or ""
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and any(child.tag in hidden for child in mark):
            carry = text
            continue
        carry = ""
        out.append(" ".join(text.split()))  # an empty paragraph left behind is a fault too
    if carry:
        out.append(" ".join(carry.split()))
    return out


def texts(doc) -> list[str]:
    return [" ".join(b.text.split()) for b in doc.blocks]


@pytest.fixture(scope="module", params=["pdf", "docx"])
def corpus_redline(request, tmp_path_factory):
    comparison = compare_files(CORPUS / f"{CONCEPT}.{request.param}", CORPUS / f"{DEFINITIEF}.{request.param}")
    path = tmp_path_factory.mktemp("redline") / f"redline_{request.param}.docx"
    write_redline(comparison, path)
    return comparison, path


def test_accepting_every_change_gives_the_new_text(corpus_redline):
    comparison, path = corpus_redline
    assert resolved(path, accept=True) == texts(comparison.new)


def test_rejecting_every_change_gives_the_old_text(corpus_redline):
    comparison, path = corpus_redline
    assert resolved(path, accept=False) == texts(comparison.old)


def test_changes_are_word_revisions_by_the_assistant_with_a_date(corpus_redline):
    _, path = corpus_redline
    body = docx.Document(str(path)).element.body
    for name in REVISIONS:
        for element in body.iter(W + name):
            assert element.get(W + "author") == AUTHOR
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", element.get(W + "date"))
    deleted = ["".join(t.text for t in d.iter(W + "delText")).strip() for d in body.iter(W + "del")]
    inserted = ["".join(t.text for t in i.iter(W + "t")).strip() for i in body.iter(W + "ins")]
    for word in ("inwoners", "zullen", "250.000", "medio", "Daarnaast"):
        assert word in deleted
    for word in ("huishoudens", "streven ernaar", "te", "300.000", "eind", "Verder"):
        assert word in inserted
    assert any(d.startswith("Wij verhogen per 1 januari 2025") for d in deleted)


def test_deleted_paragraph_has_its_paragraph_mark_deleted(corpus_redline):
    _, path = corpus_redline
    [p] = [p for p in body_paragraphs(path)
           if "".join(t.text for t in p.iter(W + "delText")).startswith("Wij verhogen")]
    assert p.find(f"{W}pPr/{W}rPr/{W}del") is not None


def test_moved_paragraph_has_named_move_ranges_at_both_places(corpus_redline):
    _, path = corpus_redline
    body = docx.Document(str(path)).element.body
    [start_from] = body.iter(W + "moveFromRangeStart")
    [start_to] = body.iter(W + "moveToRangeStart")
    assert start_from.get(W + "name") == start_to.get(W + "name") == "move1"
    [end_from] = body.iter(W + "moveFromRangeEnd")
    [end_to] = body.iter(W + "moveToRangeEnd")
    assert end_from.get(W + "id") == start_from.get(W + "id") and end_to.get(W + "id") == start_to.get(W + "id")
    moved_from = "".join(t.text for m in body.iter(W + "moveFrom") for t in m.iter(W + "t"))
    moved_to = "".join(t.text for m in body.iter(W + "moveTo") for t in m.iter(W + "t"))
    assert moved_from == moved_to
    assert moved_to.startswith("Bij de uitwerking van deze maatregelen betrekken wij ervaringsdeskundigen")


def test_revision_ids_are_unique(corpus_redline):
    _, path = corpus_redline
    body = docx.Document(str(path)).element.body
    ids = [e.get(W + "id") for name in REVISIONS for e in body.iter(W + name)]
    assert len(ids) == len(set(ids))


def test_first_page_summarises_the_changes_on_a4(corpus_redline):
    _, path = corpus_redline
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == [("Heading 1", SUMMARY_HEADING), ("Heading 2", "Gewijzigde gegevens"),
                            ("Heading 2", "Gewijzigde toezeggingen"), ("Heading 2", "Vervallen toezeggingen")]
    assert ("Heading 1", BODY_HEADING) in headings
    body_heading = next(p for p in document.paragraphs if p.text == BODY_HEADING)
    assert body_heading.paragraph_format.page_break_before
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "bedrag: € 250.000 (structureel) → € 300.000 (structureel)\np. 2 → p. 2" in cells
    assert any(c.startswith("termijn: uiterlijk medio 2025 → uiterlijk eind 2025") for c in cells)
    assert any(c.startswith("stelligheid: stellig (‘zal’) → voornemen (‘streeft ernaar’)") for c in cells)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_inserted_and_moved_edited_paragraphs_resolve_both_ways(tmp_path):
    """Built directly: an inserted paragraph (its mark inserted) and a paragraph that moved
    and was edited (moveTo with an insertion, the lost words only in the moveFrom copy)."""
    moved = BASE[8]
    new = ([BASE[0], moved.replace("betrekken wij", "betrekken wij vanaf het begin")]
           + [p for p in BASE[1:] if p != moved]
           + ["Wij starten in september 2025 een belteam voor ouderen zonder netwerk."])
    new = edited({"de ouderenbonden": "de seniorenraad"}, base=new)
    old_doc, new_doc = make_document(BASE, doc_id="old"), make_document(new, doc_id="new")
    comparison = compare_documents(old_doc, new_doc)
    assert [b.op for b in comparison.blocks if b.op != "equal"] == ["moved", "inserted"]
    path = write_redline(comparison, tmp_path / "r.docx")
    assert resolved(path, accept=True) == texts(new_doc)
    assert resolved(path, accept=False) == texts(old_doc)


def test_unwritable_path_is_an_assistant_error(tmp_path):
    comparison = compare_documents(make_document(BASE), make_document(BASE))
    with pytest.raises(AssistantError, match="kan niet worden geschreven"):
        write_redline(comparison, tmp_path / "bestaat-niet" / "r.docx")


def test_libreoffice_reads_the_redline_as_tracked_changes(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    # one conversion (a few seconds): the PDF pair
    path = write_redline(compare_files(CORPUS / f"{CONCEPT}.pdf", CORPUS / f"{DEFINITIEF}.pdf"), tmp_path / "r.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(tmp_path / path.with_suffix(".odt").name) as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert "<text:tracked-changes" in content
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content, re.S)
    assert len(regions) >= 10
    assert all(f"<dc:creator>{AUTHOR}</dc:creator>" in r for r in regions)
    deletions = " ".join(r for r in regions if "<text:deletion>" in r)
    for word in ("250.000", "medio", "zullen", "Wij verhogen per 1 januari 2025", "Bij de uitwerking"):
        assert word in deletions


# --------------------------------------------------------------------------- HTML


def test_html_marks_insertions_deletions_and_moves(corpus_redline):
    comparison, _ = corpus_redline
    page = render_html(comparison)
    assert '<del class="del">250.000</del> <ins class="ins">300.000</ins> extra uit.' in page
    assert 'id="move-1-from"' in page and 'id="move-1-to"' in page
    assert page.index("Gewijzigde toezeggingen") < page.index(BODY_HEADING)
    assert "<script" not in page and "<link" not in page and "http" not in page


def test_html_escapes_the_letter_text():
    old = make_document(BASE + ["Als a < b & c > d, dan <script>alert(1)</script>."])
    new = make_document(BASE + ["Als a < b & c > e, dan <script>alert(1)</script>."])
    page = render_html(compare_documents(old, new))
    assert "<script>" not in page
    assert "a &lt; b &amp; c &gt; " in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
