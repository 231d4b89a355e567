"""Errors the user can act on. Each message says what is wrong and what to do, in Dutch.

The CLI exits with ``exit_code``; the UI shows the message. Codes are distinct per cause
so scripts can tell them apart (1 is left for unexpected failures, 2 for usage errors).
"""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base class: a problem the user can understand and fix."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AssistantError):
    """A value the user typed or chose cannot be used (a date that is no date, a missing choice)."""

    exit_code = 2


class DocumentError(AssistantError):
    """A file could not be read as a document."""

    exit_code = 3
    reason = "kan niet worden gelezen"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = str(path)
        name = Path(path).name
        super().__init__(f"{name}: {detail or self.reason}")


class FileMissing(DocumentError):
    """The path does not exist or is not a file."""

    exit_code = 3
    reason = "bestand niet gevonden; controleer het pad"


class EmptyDocument(DocumentError):
    """The file has no bytes, or no text at all."""

    exit_code = 4
    reason = "het bestand is leeg (0 bytes); kies het juiste bestand of sla het opnieuw op"


class CorruptDocument(DocumentError):
    """The file claims a format but its content is damaged."""

    exit_code = 5
    reason = "het bestand is beschadigd; open het in de oorspronkelijke toepassing en sla het opnieuw op"


class EncryptedDocument(DocumentError):
    """The PDF is protected with a password."""

    exit_code = 6
    reason = (
        "het PDF-bestand is beveiligd met een wachtwoord; "
        "sla een onbeveiligde versie op en probeer het opnieuw"
    )


class NoTextLayer(DocumentError):
    """An image-only (scanned) PDF."""

    exit_code = 7
    reason = (
        "het PDF-bestand heeft geen tekstlaag (gescand document) en OCR is op deze computer niet "
        "geïnstalleerd; installeer OCR met `sudo apt install tesseract-ocr tesseract-ocr-nld poppler-utils` "
        "en lees het bestand opnieuw in"
    )


class TooLarge(DocumentError):
    """The file is larger than the configured limit."""

    exit_code = 8


class UnsupportedType(DocumentError):
    """The content is not PDF, DOCX or plain text."""

    exit_code = 9
    reason = "dit bestandstype wordt niet ondersteund; gebruik PDF, Word (.docx), OpenDocument (.odt) of platte tekst"


class StoreError(AssistantError):
    """The index cannot be used as asked (wrong embedder, unreachable server, ...)."""

    exit_code = 10


class UnknownDocument(AssistantError):
    """A document asked for by id, path or name is not in the index."""

    exit_code = 12


class UnknownCommitment(AssistantError):
    """A commitment asked for by id is not in the register."""

    exit_code = 12

    def __init__(self, commitment_id: str) -> None:
        super().__init__(f"Toezegging '{commitment_id}' staat niet in het register; de id staat achter elke "
                         "toezegging in `assistant commitments --all` en in de export (kolom Id)")


class OutputError(AssistantError):
    """A result file (Word, Excel) cannot be written."""

    exit_code = 11

    def __init__(self, path: str | Path, cause: OSError) -> None:
        super().__init__(
            f"{Path(path).name}: het bestand kan niet worden geschreven ({cause.strerror or cause}); "
            "kies een map waarin u mag schrijven en sluit het bestand als het in Word of Excel openstaat"
        )
