"""Hostile and malformed files, generated here: each is read or refused with a Dutch message
(an AssistantError, never another exception), a batch of all of them goes on past each one,
and the ones that attack memory (zip bomb, entity expansion, deep nesting) stay under 1 GB."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.core import Assistant, StoreConfig
from assistant.errors import AssistantError
from assistant.parse import parse_document
from tests.builders import make_pdf

DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
              'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.document.main+xml"/></Types>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, body_xml: str | bytes, *, extra: dict[str, bytes] | None = None,
          compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr("[Content_Types].xml", DOCX_TYPES)
        zf.writestr("word/document.xml", body_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _odt(path: Path, content: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
    return path


def _zip_bomb(path: Path) -> Path:
    """A .docx whose document.xml unpacks to 300 MB of spaces (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", DOCX_TYPES)
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f"<w:document {W}><w:body><w:p><w:r><w:t>".encode())
            chunk = b" " * (1 << 20)
            for _ in range(300):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def _laughs(depth: int = 10) -> str:
    """The "billion laughs" entity expansion."""
    lines = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, depth)]
    return (f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(lines)}]>'
            f'<w:document {W}><w:body><w:p><w:r><w:t>&lol{depth - 1};</w:t></w:r></w:p></w:body></w:document>')


def _deep(levels: int = 200_000) -> str:
    return f"<w:document {W}><w:body>" + "<w:sdt><w:sdtContent>" * levels + "</w:sdtContent></w:sdt>" * levels \
        + "</w:body></w:document>"


def hostile_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good_pdf = make_pdf(folder / "goed.pdf", [["De logeervoorziening wordt per 1 september 2025 uitgebreid."]])
    pdf_bytes = good_pdf.read_bytes()
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        files[name] = folder / name

    for suffix in (".pdf", ".docx", ".odt", ".txt", ".md"):
        put(f"leeg{suffix}", b"")
    put("afgekapt.pdf", pdf_bytes[: len(pdf_bytes) // 3])
    put("alleen-kop.pdf", b"%PDF-1.7\n")
    put("ruis.pdf", bytes(range(256)) * 64)
    put("geen-eof.pdf", pdf_bytes.replace(b"%%EOF", b""))
    put("programma.pdf", b"MZ\x90\x00" + b"\x00" * 2000)
    put("plaatje.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500)
    put("foto.docx", b"\xff\xd8\xff\xe0" + b"\x00" * 500)
    put("oud-word.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    put("binair.txt", b"\x00\x01\x02\x03" * 1000)
    put("spaties.txt", b"   \n\n\t  \n")
    put("een-regel.txt", b"woord " * 1_500_000)  # 9 MB, no line break
    put("utf16.txt", "Geachte raad,\n\nDe coöperatie opent een café.\n".encode("utf-16"))
    put("html.txt", b"<html><body><p>Het college neemt het advies over.</p><script>alert(1)</script></body></html>")
    put("json.txt", json.dumps({"titel": "Brief", "tekst": "Wij openen in 2026 een loket."}).encode())
    put("geen-extensie", b"Geachte raad, het college neemt het advies over.")
    put("gemengd.txt", "Onderwerp: één loket\n".encode("latin-1") + "De coöperatie opent.\n".encode("utf-8"))
    put("windows.txt", "Geachte raad,\n\nHet café en de ruïne.\n".encode("cp1252"))
    put("zonder-types.docx", _zip_bytes({"word/document.xml": f"<w:document {W}><w:body><w:p><w:r><w:t>Tekst"
                                                               "</w:t></w:r></w:p></w:body></w:document>".encode()}))
    put("brief.rtf", b"{\\rtf1\\ansi Geachte raad}")
    put("zip-zonder-word.docx", _zip_bytes({"iets.txt": b"hallo"}))
    put("excel.docx", _zip_bytes({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}))
    put("kapotte-zip.docx", _zip_bytes({"word/document.xml": b"<w:document/>"})[:-30])
    files["xml-fout.docx"] = _docx(folder / "xml-fout.docx", "<w:document><w:body><w:p>")
    files["leeg-document.docx"] = _docx(folder / "leeg-document.docx", f"<w:document {W}><w:body/></w:document>")
    files["lachbom.docx"] = _word_with_body(folder / "lachbom.docx", _laughs())
    files["diep.docx"] = _word_with_body(folder / "diep.docx", _deep())
    files["zipbom.docx"] = _zip_bomb(folder / "zipbom.docx")
    files["odt-zonder-content.odt"] = _zip_path(folder / "odt-zonder-content.odt",
                                                {"mimetype": b"application/vnd.oasis.opendocument.text"})
    files["odt-xml-fout.odt"] = _odt(folder / "odt-xml-fout.odt", "<office:document-content>")
    files["odt-diep.odt"] = _odt(folder / "odt-diep.odt",
                                 '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
                                 ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
                                 '<office:text>' + "<text:section>" * 100_000 + "</text:section>" * 100_000
                                 + "</office:text></office:body></office:document-content>")
    files["odt-in-odt.odt"] = _zip_path(folder / "odt-in-odt.odt", {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        "Object 1/content.xml": b"<office:document-content/>",
        "ingebed.odt": (folder / "odt-xml-fout.odt").read_bytes()})
    files["lachbom.odt"] = _odt(folder / "lachbom.odt", _laughs().replace("w:document", "office:document-content"))
    files["controls.docx"] = _controls_docx(folder / "controls.docx")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(good_pdf))
    writer.encrypt(user_password="geheim", algorithm="AES-256")
    with (folder / "versleuteld.pdf").open("wb") as fh:
        writer.write(fh)
    files["versleuteld.pdf"] = folder / "versleuteld.pdf"
    empty_pages = PdfWriter()
    empty_pages.add_blank_page(595, 842)
    with (folder / "blanco.pdf").open("wb") as fh:
        empty_pages.write(fh)
    files["blanco.pdf"] = folder / "blanco.pdf"
    files["goed.pdf"] = good_pdf
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    scripted = PdfWriter(clone_from=PdfReader(good_pdf))
    scripted.add_open_action(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                               NameObject("/JS"): TextStringObject("app.alert('hallo');")}))
    with (folder / "met-script.pdf").open("wb") as fh:
        scripted.write(fh)
    files["met-script.pdf"] = folder / "met-script.pdf"
    return files


def _word_with_body(path: Path, document_xml: str) -> Path:
    """A real Word package (relationships, styles) whose word/document.xml is replaced."""
    import docx

    blank = path.with_suffix(".blank.docx")
    docx.Document().save(str(blank))
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document_xml.encode() if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    blank.unlink()
    return path


def _controls_docx(path: Path) -> Path:
    """A real Word file whose text stands in a content control and a tracked insertion."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    body.insert(0, parse_xml(f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Kenmerk 2025/01</w:t></w:r></w:p>"
                             "</w:sdtContent></w:sdt>"))
    body.insert(1, parse_xml(f'<w:p {W}><w:ins w:id="1" w:author="x"><w:r><w:t>Wij openen in 2026 een loket.</w:t>'
                             "</w:r></w:ins></w:p>"))
    document.save(str(path))
    return path


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _zip_path(path: Path, members: dict[str, bytes]) -> Path:
    path.write_bytes(_zip_bytes(members))
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return hostile_files(tmp_path_factory.mktemp("vijandig"))


def test_there_are_at_least_forty_of_them(hostile):
    assert len(hostile) >= 40


def test_each_is_read_or_refused_in_dutch_never_another_exception(hostile):
    outcomes = {}
    for name, path in hostile.items():
        try:
            doc = parse_document(path)
            outcomes[name] = f"gelezen: {len(doc.blocks)} blokken"
        except AssistantError as exc:
            message = str(exc)
            assert message.startswith(f"{name}: ") and "Traceback" not in message and "\n" not in message, message
            outcomes[name] = f"geweigerd ({exc.exit_code})"
    readable = {n for n, o in outcomes.items() if o.startswith("gelezen")}
    assert {"goed.pdf", "utf16.txt", "html.txt", "json.txt", "controls.docx"} <= readable, outcomes
    controls = " ".join(b.text for b in parse_document(hostile["controls.docx"]).blocks)
    assert "Kenmerk 2025/01" in controls and "Wij openen in 2026 een loket." in controls


def test_a_batch_of_all_of_them_goes_on_past_each_failure(hostile, tmp_path):
    folder = next(iter(hostile.values())).parent
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    report = assistant.ingest([folder])
    done = {Path(p).name for p in report.added} | {Path(p).name for p, _ in report.duplicates}
    failed = {Path(p).name for p, _ in report.failed}
    listed = {p.name for p in folder.iterdir() if p.suffix.lower() in {".pdf", ".docx", ".odt", ".txt", ".md"}}
    assert done | failed == listed
    assert "goed.pdf" in done and all(message for _, message in report.failed)
    assert report.exit_code in {4, 5, 6, 7, 8, 9}


MEMORY_PROBE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB for the whole process
from assistant.errors import AssistantError
from assistant.parse import parse_document
try:
    doc = parse_document(sys.argv[1])
    print("gelezen", sum(len(b.text) for b in doc.blocks))
except AssistantError as exc:
    print("geweigerd", exc.exit_code)
"""


@pytest.mark.parametrize("name", ["zipbom.docx", "lachbom.docx", "diep.docx", "odt-diep.odt", "lachbom.odt"])
def test_memory_attacks_stay_under_one_gigabyte(hostile, name):
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(hostile[name])], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    verdict = result.stdout.split()
    assert verdict[0] in ("gelezen", "geweigerd")
    if verdict[0] == "gelezen":
        assert int(verdict[1]) < 50_000_000  # no expanded entity text of gigabytes
