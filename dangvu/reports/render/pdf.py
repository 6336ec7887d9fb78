"""The report as PDF, laid out as the .docx (A4, margins 20/20/30/15 mm, the same header block, title,
narrative, tables, recipients and signature block, the page number at the foot of each page), in Liberation
Serif — metric-compatible with Times New Roman, with the Vietnamese letters — vendored in ../fonts
(SIL Open Font License, fonts/LICENSE.txt), so that the output does not depend on the fonts of the server."""

import io
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..document import DECIMAL, INT, PERCENT, Report, RowCounter, long_date, text

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "LiberationSerif"
NUMERIC = {INT, DECIMAL, PERCENT}
_registered = False


def register_fonts():
    global _registered
    if _registered:
        return
    faces = {
        FAMILY: "LiberationSerif-Regular.ttf",
        f"{FAMILY}-Bold": "LiberationSerif-Bold.ttf",
        f"{FAMILY}-Italic": "LiberationSerif-Italic.ttf",
        f"{FAMILY}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    pdfmetrics.registerFontFamily(
        FAMILY,
        normal=FAMILY,
        bold=f"{FAMILY}-Bold",
        italic=f"{FAMILY}-Italic",
        boldItalic=f"{FAMILY}-BoldItalic",
    )
    _registered = True


def _style(
    name, size=14, *, bold=False, italic=False, align=TA_LEFT, leading=None, **extra
) -> ParagraphStyle:
    font = FAMILY + ("-Bold" if bold else "") + ("-Italic" if italic and not bold else "")
    if bold and italic:
        font = f"{FAMILY}-BoldItalic"
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading or size * 1.25, alignment=align, **extra
    )


def _p(content: str, style) -> Paragraph:
    return Paragraph(escape(content), style)


def render(report: Report, progress=None) -> bytes:
    register_fonts()
    issuer = report.issuer
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        title=report.title,
        author=issuer.body,
        lang="vi-VN",
    )
    width = A4[0] - 45 * mm
    center13 = _style("c13", 13, align=TA_CENTER)
    center13b = _style("c13b", 13, bold=True, align=TA_CENTER)
    party = _style("party", 15, bold=True, align=TA_CENTER)
    dated = _style("dated", 14, italic=True, align=TA_CENTER)
    title = _style("title", 14, bold=True, align=TA_CENTER)
    subtitle = _style("subtitle", 13, italic=True, align=TA_CENTER)
    body = _style("body", 14, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6)
    heading = _style("heading", 14, bold=True, spaceBefore=6, spaceAfter=4)
    cell = _style("cell", 12, leading=14)
    cell_right = _style("cellr", 12, leading=14, align=TA_RIGHT)
    cell_head = _style("cellh", 12, bold=True, leading=14, align=TA_CENTER)
    cell_strong = _style("cells", 12, bold=True, leading=14)
    cell_strong_right = _style("cellsr", 12, bold=True, leading=14, align=TA_RIGHT)
    recipients_head = _style("rh", 12, bold=True, italic=True)
    recipients = _style("r", 11)
    sign = _style("sign", 14, bold=True, align=TA_CENTER)

    left = [
        _p(line, style)
        for line, style in (
            (issuer.upper_body, center13),
            (issuer.body, center13b),
            ("*", center13),
            (issuer.number_line, center13),
        )
        if line
    ]
    right = [
        Paragraph(f"<u>{escape(_('ĐẢNG CỘNG SẢN VIỆT NAM'))}</u>", party),
        Spacer(1, 6),
        _p(f"{issuer.place}, {long_date(report.day)}", dated),
    ]
    head = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story = [head, Spacer(1, 12)]
    story += [
        _p(_("BÁO CÁO"), title),
        _p(report.title, title),
        _p(" – ".join(value for _label, value in report.parameters), subtitle),
        _p("-----", subtitle),
        Spacer(1, 8),
    ]
    story += [_p(paragraph, body) for paragraph in report.narrative]
    counter = RowCounter(report, progress)
    for number, table in enumerate(report.tables, start=1):
        rows = [[_p(c.header, cell_head) for c in table.columns]]
        for index, values in enumerate(table.rows):
            counter()
            strong = index in table.strong_rows
            rows.append(
                [
                    _p(
                        text(value, column.kind),
                        (cell_strong_right if strong else cell_right)
                        if column.kind in NUMERIC
                        else (cell_strong if strong else cell),
                    )
                    for value, column in zip(values, table.columns, strict=True)
                ]
            )
        if not table.rows:
            rows.append([_p(_("Không có số liệu."), cell)] + [""] * (len(table.columns) - 1))
        grid = Table(rows, repeatRows=1, colWidths=_widths(table, width))
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAED")),
                ]
            )
        )
        story += [KeepTogether([_p(f"{number}. {table.title}", heading)]), grid, Spacer(1, 6)]
    closing_left = [_p(_("Nơi nhận:"), recipients_head)] + [
        _p(line, recipients) for line in issuer.recipients
    ]
    closing_right = [_p(issuer.signature_on_behalf, sign), _p(issuer.signature_title, sign)]
    closing = Table([[closing_left, closing_right]], colWidths=[width * 0.48, width * 0.52])
    closing.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [Spacer(1, 12), KeepTogether([closing])]

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont(FAMILY, 13)
        canvas.drawCentredString(30 * mm + width / 2, 10 * mm, str(doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def _widths(table, width: float) -> list[float]:
    """Each column at least as wide as its longest word (numbers never break), text columns sharing the rest
    of the page's width by the length of their longest text."""
    char = 6.2  # points per character of the 12-point table text, a little generous
    minimum, wanted = [], []
    for index, column in enumerate(table.columns):
        values = [text(row[index], column.kind) for row in table.rows[:200]]
        words = [word for value in values for word in value.split()]
        if column.kind in NUMERIC:
            words += values
        # Header words are bold, a little wider.
        header = max((len(word) * 1.2 for word in column.header.split()), default=0)
        longest_word = min(max([header, 4, *(len(word) for word in words)]), 24)
        minimum.append((longest_word + 2) * char)
        wanted.append((max((len(value) for value in values), default=0) + 2) * char)
    floor = sum(minimum)
    if floor >= width:
        return [width * n / floor for n in minimum]
    extra = [max(w - m, 0) for w, m in zip(wanted, minimum, strict=True)]
    spare = width - floor
    if sum(extra) <= spare:
        # Everything fits on one line: the rest of the width goes to every column alike.
        share = (spare - sum(extra)) / len(minimum)
        return [m + e + share for m, e in zip(minimum, extra, strict=True)]
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]
