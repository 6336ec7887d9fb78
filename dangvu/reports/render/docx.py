"""The report as a party document (.docx), in the form of the Party's guidance on documents: A4, margins
20/20/30/15 mm, Times New Roman; the header block (the level above and the issuing body top left with the
number and symbol under it, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date in italics top right), the title
in bold, centred; the narrative, then the tables; the recipients and the signature block; the page number in
the footer (a PAGE field, so Word counts the pages)."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..document import DECIMAL, INT, PERCENT, Report, RowCounter, long_date, text

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
TABLE_PT = 12
NUMERIC = {INT, DECIMAL, PERCENT}


def _font(target, size: float | None = None):
    """Times New Roman for every script of a style or run (Word picks the font per script)."""
    target.font.name = FONT
    if size is not None:
        target.font.size = Pt(size)
    element = target.element if hasattr(target, "element") else target._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph(
    container,
    content="",
    *,
    bold=False,
    italic=False,
    underline=False,
    size=BODY_PT,
    align=None,
    space_after=0,
    indent_first=None,
):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent_first is not None:
        paragraph.paragraph_format.first_line_indent = indent_first
    if content:
        run = paragraph.add_run(content)
        run.bold, run.italic, run.underline = bold, italic, underline
        _font(run, size)
    return paragraph


def _cell_paragraph(cell, content="", **kwargs):
    """The first paragraph of a fresh cell, then new ones."""
    first = cell.paragraphs[0]
    if not first.runs and not getattr(cell, "_used", False):
        cell._used = True
        run = first.add_run(content)
        run.bold = kwargs.get("bold", False)
        run.italic = kwargs.get("italic", False)
        run.underline = kwargs.get("underline", False)
        _font(run, kwargs.get("size", BODY_PT))
        first.alignment = kwargs.get("align")
        first.paragraph_format.space_after = Pt(kwargs.get("space_after", 0))
        return first
    return _paragraph(cell, content, **kwargs)


def _page_number(paragraph):
    run = paragraph.add_run()
    _font(run, HEADER_PT)
    for kind, content in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = content
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = content
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def header_block(document, report: Report):
    issuer = report.issuer
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if issuer.upper_body:
        _cell_paragraph(left, issuer.upper_body, size=HEADER_PT, align=center)
    _cell_paragraph(left, issuer.body, bold=True, size=HEADER_PT, align=center)
    _cell_paragraph(left, "*", size=HEADER_PT, align=center)
    _cell_paragraph(left, issuer.number_line, size=HEADER_PT, align=center)
    _cell_paragraph(
        right, _("ĐẢNG CỘNG SẢN VIỆT NAM"), bold=True, underline=True, size=15, align=center, space_after=6
    )
    _cell_paragraph(
        right, f"{issuer.place}, {long_date(report.day)}", italic=True, size=BODY_PT, align=center
    )


def closing_block(document, report: Report):
    issuer = report.issuer
    _paragraph(document, "", space_after=6)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    _cell_paragraph(left, _("Nơi nhận:"), bold=True, italic=True, size=12)
    for line in issuer.recipients:
        _cell_paragraph(left, line, size=11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _cell_paragraph(right, issuer.signature_on_behalf, bold=True, size=BODY_PT, align=center)
    _cell_paragraph(right, issuer.signature_title, bold=True, size=BODY_PT, align=center)


def data_table(document, table_data, number: int, counter=None):
    _paragraph(document, f"{number}. {table_data.title}", bold=True, space_after=4)
    columns = table_data.columns
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, columns, strict=True):
        _cell_paragraph(cell, column.header, bold=True, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    for index, values in enumerate(table_data.rows):
        if counter is not None:
            counter()
        cells = table.add_row().cells
        for cell, value, column in zip(cells, values, columns, strict=True):
            _cell_paragraph(
                cell,
                text(value, column.kind),
                bold=index in table_data.strong_rows,
                size=TABLE_PT,
                align=WD_ALIGN_PARAGRAPH.RIGHT if column.kind in NUMERIC else None,
            )
    if not table_data.rows:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
        _cell_paragraph(merged, _("Không có số liệu."), italic=True, size=TABLE_PT)
    _paragraph(document, "", space_after=6)


def render(report: Report, progress=None) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    _font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.title = report.title
    document.core_properties.language = "vi-VN"

    header_block(document, report)
    _paragraph(document, "", space_after=12)
    _paragraph(document, _("BÁO CÁO"), bold=True, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, report.title, bold=True, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(
        document,
        " – ".join(value for _label, value in report.parameters),
        italic=True,
        size=HEADER_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for paragraph in report.narrative:
        _paragraph(document, paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_first=Mm(10), space_after=6)
    counter = RowCounter(report, progress)
    for number, table in enumerate(report.tables, start=1):
        data_table(document, table, number, counter)
    closing_block(document, report)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
