"""The `assistant` command: options in, one core call, output out.

Core errors (AssistantError) reach the user as one Dutch sentence on stderr with the
error's own exit code, never as a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from assistant.errors import AssistantError


class CliError(click.ClickException):
    """A core error shown as ``Fout: ...`` with the core error's exit code."""

    def __init__(self, error: AssistantError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True)


def _core_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            raise CliError(exc) from exc

    return wrapper


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="adviesassistent")
def main() -> None:
    """Adviesassistent: leest beleidsbrieven en adviezen, vindt toezeggingen en stelt vervolgadvies op."""


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print de structuur als JSON.")
@click.option("--max-mb", default=100.0, show_default=True, help="Grootste bestand dat wordt gelezen (MB).")
@_core_errors
def parse(file: Path, as_json: bool, max_mb: float) -> None:
    """Lees FILE (PDF, Word of tekst) en toon metadata en blokken met pagina."""
    from assistant.parse import parse_document

    doc = parse_document(file, max_mb=max_mb)
    if as_json:
        _echo_json(parse_json(doc))
        return
    click.echo(f"Titel:      {doc.title or '-'}")
    click.echo(f"Datum:      {doc.date.isoformat() if doc.date else '-'}")
    click.echo(f"Kenmerk:    {doc.reference or '-'}")
    click.echo(f"Soort:      {doc.kind} ({doc.kind_evidence})")
    click.echo(f"Afzender:   {doc.sender or '-'}")
    click.echo(f"Geadresseerde: {doc.addressee or '-'}")
    click.echo(f"Pagina's:   {doc.pages}")
    for warning in doc.warnings:
        click.echo(f"Let op: {warning}")
    click.echo("")
    for i, block in enumerate(doc.blocks, start=1):
        label = block.kind + (f" {block.number}" if block.number else "")
        click.echo(f"p.{block.page} ¶{i} [{label}] {block.text}")


def parse_json(doc) -> dict[str, Any]:
    """The `parse --json` contract: metadata plus blocks {kind, number, text, page}."""
    data = doc.to_dict()
    data["blocks"] = [
        {"kind": b.kind, "number": b.number, "text": b.text, "page": b.page, "paragraph": i,
         "start": b.start, "end": b.end}
        for i, b in enumerate(doc.blocks, start=1)
    ]
    return data


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
