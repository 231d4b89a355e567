"""Small real files built at test time."""

from __future__ import annotations

from pathlib import Path


def make_pdf(path: Path, pages: list[list[str]], *, header: str | None = None, footer: bool = True) -> Path:
    """A real PDF with the given lines per page; blank strings are paragraph gaps."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(72, height - 40, header)
        c.setFont("Helvetica", 10)
        y = height - 90
        for line in lines:
            if line:
                c.drawString(72, y, line)
                y -= 13
            else:
                y -= 11
        if footer:
            c.setFont("Helvetica", 8)
            c.drawString(72, 40, f"Pagina {number} van {len(pages)}")
        c.showPage()
    c.save()
    return path
