"""Edge cases a review found: each one a way data could be lost or a user shown a traceback."""

from __future__ import annotations

import os
import shutil
import threading
import zipfile

import pytest

from assistant.core import Assistant
from assistant.errors import AssistantError, DocumentError, StoreError
from assistant.parse import parse_document
from assistant.search.passages import make_passages
from assistant.search.store import StoreConfig
from tests.conftest import CORPUS


def _letter(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(f"Datum: 3 maart 2025\nOnderwerp: Stand van zaken\n\nGeachte leden van de raad,\n\n{body}\n\n"
                    "Met vriendelijke groet,\n\nHet college\n", encoding="utf-8")
    return path


def test_paragraph_starting_like_a_closing_formula_is_kept(tmp_path):
    doc = parse_document(_letter(tmp_path, "namens.txt",
                                 "Namens het college zal wethouder De Vries de raad in juni 2025 bijpraten over de "
                                 "logeervoorziening.\n\nBeste voorbeelden uit andere gemeenten nemen wij mee."))
    texts = [p.text for p in make_passages(doc)]
    assert any(t.startswith("Namens het college zal") for t in texts)
    assert any(t.startswith("Beste voorbeelden") for t in texts)
    assert not any(t.startswith(("Geachte", "Met vriendelijke groet", "Het college")) for t in texts)


def test_annex_after_the_signature_is_searchable(tmp_path):
    path = _letter(tmp_path, "bijlage.txt", "Hierbij de stand van zaken.")
    path.write_text(path.read_text(encoding="utf-8") + "\nBijlage 1. Planning\n\nWij zullen de logeervoorziening "
                    "aan de Molenweg in 2026 met vier bedden uitbreiden.\n", encoding="utf-8")
    texts = [p.text for p in make_passages(parse_document(path))]
    assert any("met vier bedden uitbreiden" in t for t in texts)


def test_address_line_aan_de_leden_van_does_not_end_the_letterhead(tmp_path):
    path = tmp_path / "rib.txt"
    path.write_text("Aan de leden van de gemeenteraad\n\nDatum: 17 september 2024\nOns kenmerk: 2024/0958\n"
                    "Onderwerp: Raadsinformatiebrief wijkregisseurs\n\nGeachte raadsleden,\n\n"
                    "De pilot loopt goed.\n", encoding="utf-8")
    doc = parse_document(path)
    assert (doc.reference, doc.date.isoformat()) == ("2024/0958", "2024-09-17")


def test_headings_only_document_is_indexed(tmp_path):
    path = tmp_path / "agenda.txt"
    path.write_text("Agenda commissie Samenleving\n\nOpening\n\nWijkregisseurs\n\nRondvraag\n", encoding="utf-8")
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    report = assistant.ingest([path])
    assert report.added and not report.failed
    assert assistant.search("wijkregisseurs", mode="lexical")


def test_control_characters_do_not_reach_word_files(tmp_path):
    path = tmp_path / "stuk.txt"
    path.write_text("Wij nemen dit advies\x02 over.\n", encoding="utf-8")
    assert "\x02" not in parse_document(path).text


def test_unreadable_file_is_a_clear_error_and_the_batch_goes_on(tmp_path, monkeypatch):
    from assistant.errors import FileMissing
    from assistant.parse import detect
    from assistant.search import ingest as ingest_module

    folder = tmp_path / "stukken"
    folder.mkdir()
    shutil.copy(CORPUS / "reactie_college_mantelzorg_2024.pdf", folder / "ok.pdf")
    _letter(folder, "geheim.txt", "Vertrouwelijk.")
    real_detect, real_hash = detect._detect, ingest_module.file_hash

    def no_permission(path, *args):
        if path.name == "geheim.txt":
            raise PermissionError(13, "Permission denied")
        return real_detect(path, *args)

    monkeypatch.setattr(detect, "_detect", no_permission)
    with pytest.raises(FileMissing, match="leesrechten"):
        parse_document(folder / "geheim.txt")
    monkeypatch.setattr(ingest_module, "file_hash",
                        lambda p: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if p.name == "geheim.txt" else real_hash(p))
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder / "ok.pdf"])
    report = assistant.ingest([folder])
    assert [os.path.basename(p) for p, _ in report.failed] == ["geheim.txt"]
    assert "leesrechten" in report.failed[0][1]


def test_damaged_zip_members_are_a_clear_error(tmp_path):
    good = CORPUS / "reactie_college_mantelzorg_2024.docx"
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 50
    data[start:start + 200] = bytes(200)
    path = tmp_path / "kapot.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError):
        parse_document(path)


def test_removing_an_ambiguous_file_name_asks_for_the_id(tmp_path):
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        _letter(tmp_path / year, "brief.txt", f"De raad wordt in {year} geïnformeerd.")
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([tmp_path / "2023", tmp_path / "2024"])
    with pytest.raises(AssistantError, match="meerdere documenten"):
        assistant.remove("brief.txt")
    assert len(assistant.documents()) == 2


def test_reindex_with_a_missing_file_changes_nothing(tmp_path):
    folder = tmp_path / "stukken"
    folder.mkdir()
    a = _letter(folder, "a.txt", "De raad wordt in 2025 geïnformeerd.")
    _letter(folder, "b.txt", "De pilot wordt in 2026 geëvalueerd.")
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    assistant.ingest([folder])
    a.unlink()
    with pytest.raises(StoreError, match="niets gewijzigd"):
        assistant.reindex()
    assert len(Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake").documents()) == 2


def test_searches_beside_an_ingest_do_not_fail(tmp_path):
    folder = tmp_path / "stukken"
    folder.mkdir()
    for name in ("reactie_college_mantelzorg_2024.pdf", "voortgangsbrief_sociaal_domein_2025.pdf",
                 "raadsinformatiebrief_wijkregisseurs_2024.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    assistant = Assistant(StoreConfig(index_dir=tmp_path / "index"), embedder="fake")
    _letter(folder, "eerst.txt", "De logeervoorziening wordt uitgebreid.")
    assistant.ingest([folder / "eerst.txt"])
    errors: list[BaseException] = []
    done = threading.Event()

    def searching():
        while not done.is_set():
            try:
                assistant.search("logeervoorziening wijkregisseurs", k=5)
            except BaseException as exc:  # noqa: BLE001 - the test collects whatever goes wrong
                errors.append(exc)

    threads = [threading.Thread(target=searching) for _ in range(3)]
    for t in threads:
        t.start()
    report = assistant.ingest([folder])
    done.set()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert not report.failed and len(assistant.documents()) == 4
