"""Text files in every encoding a municipal PC produces keep their Dutch accents."""

from __future__ import annotations

import pytest

from assistant.parse import parse_document

LETTER = ("Gemeente Rijnwaarde\n\nGeachte leden van de raad,\n\nDe coöperatie opent per 1 september 2025 een café "
          "in de ruïne van het oude gemeentehuis; één keer per week is er een inloopspreekuur.\n")


@pytest.mark.parametrize("name, data", [
    ("utf8.txt", LETTER.encode("utf-8")),
    ("utf8-bom.txt", LETTER.encode("utf-8-sig")),
    ("utf16-bom.txt", LETTER.encode("utf-16")),
    ("utf16-le.txt", LETTER.encode("utf-16-le")),
    ("utf16-be.txt", LETTER.encode("utf-16-be")),
    ("windows.txt", LETTER.encode("cp1252")),
    ("latin1.txt", LETTER.encode("latin-1")),
    ("mixed.txt", "Onderwerp: één loket\n".encode("latin-1") + LETTER.encode("utf-8")),
])
def test_dutch_accents_survive_every_encoding(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)

    text = " ".join(block.text for block in parse_document(path).blocks)

    for word in ("coöperatie", "café", "ruïne", "één"):
        assert word in text, (name, text)
    assert "\ufffd" not in text and "\ufeff" not in text
