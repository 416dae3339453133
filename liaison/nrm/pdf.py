"""A small PDF writer for case documents, on reportlab, in a TrueType font that covers Latin,
Cyrillic and the letters of Portuguese, Russian, Uzbek and Turkmen.

The font is Open Sans from the ``ttf-opensans`` package (Apache License 2.0): reportlab's own
fonts are Latin only, and nothing may be fetched at run time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "LiaisonSans"
FONT_BOLD = "LiaisonSans-Bold"
# Open Sans has no U+02BB (the Uzbek oʻ/gʻ mark): the typographic quote is its usual stand-in.
_MISSING_GLYPHS = str.maketrans({"\u02bb": "\u2018"})


@dataclass
class Facts:
    """A list of label: value lines."""

    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Grid:
    """A table with a header row."""

    heading: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    empty: str = ""


Block = Facts | Grid


@cache
def register_fonts() -> None:
    folder = resources.files("ttf_opensans") / "ttf"
    with resources.as_file(folder / "OpenSans-Regular.ttf") as regular:
        pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    with resources.as_file(folder / "OpenSans-Bold.ttf") as bold:
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


def _text(value: str) -> str:
    return escape(str(value).translate(_MISSING_GLYPHS)).replace("\n", "<br/>")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20),
        "subtitle": ParagraphStyle("subtitle", parent=base, textColor=colors.HexColor("#444444")),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8
        ),
        "label": ParagraphStyle("label", parent=base, fontName=FONT_BOLD),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=11),
    }


_GRID_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
_FACTS_STYLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
    ]
)


def render_pdf(
    *, title: str, subtitle: str, blocks: list[Block], footer: str, author: str = ""
) -> bytes:
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
    )
    width = document.width
    story: list[object] = [
        Paragraph(_text(title), styles["title"]),
        Paragraph(_text(subtitle), styles["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    for block in blocks:
        story.append(Paragraph(_text(block.heading), styles["heading"]))
        if isinstance(block, Facts):
            data = [
                [Paragraph(_text(label), styles["label"]), Paragraph(_text(value), styles["body"])]
                for label, value in block.rows
            ]
            if data:
                table = Table(data, colWidths=[width * 0.32, width * 0.68])
                table.setStyle(_FACTS_STYLE)
                story.append(table)
        elif block.rows:
            column = width / max(len(block.columns), 1)
            data = [[Paragraph(_text(c), styles["head"]) for c in block.columns]]
            data += [[Paragraph(_text(v), styles["cell"]) for v in row] for row in block.rows]
            table = Table(data, colWidths=[column] * len(block.columns), repeatRows=1)
            table.setStyle(_GRID_STYLE)
            story.append(table)
        else:
            story.append(Paragraph(_text(block.empty), styles["body"]))

    def draw_footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(FONT, 7.5)  # type: ignore[attr-defined]
        canvas.drawString(18 * mm, 10 * mm, f"{footer} · {doc.page}".translate(_MISSING_GLYPHS))  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()
