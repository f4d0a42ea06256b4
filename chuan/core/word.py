"""The one way Chuẩn writes a Word document (DOCX): every record printed for signing (an
audit report, a corrective-action request, meeting minutes) goes through `WordDocument`.

It lays the page out as Vietnamese administrative documents are (Decree 30/2020/NĐ-CP,
Appendix I): A4, Times New Roman 13 pt, margins 20 mm top and bottom, 30 mm left, 15 mm
right; the header block with the issuing body on the left and the national motto on the
right, the place and date under it; a bold centred title; signatures side by side at the end.
Text people typed is written as text: characters XML cannot hold are dropped (python-docx
would refuse them), and every value is cut to a sane length.
"""

import datetime
import re
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from django.http import HttpResponse

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

MAX_TEXT = 20_000
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def clean(value: Any) -> str:
    """`value` as text a DOCX can hold."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return _NOT_XML.sub("", str(value))[:MAX_TEXT]


def place_and_date(place: str, day: datetime.date) -> str:
    """ "Pleiku, ngày 04 tháng 12 năm 2026": how a document dates itself under the motto."""
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


class WordDocument:
    """A document being written, top to bottom."""

    def __init__(self) -> None:
        self.document = docx.Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = self.document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(13)

    def header(
        self, *, issuer: str, parent: str = "", place: str = "", day: datetime.date | None = None
    ) -> None:
        """The header block: the issuing body (under its parent, if any) on the left, the
        national motto on the right, and the place and date under the motto."""
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        left.width, right.width = Mm(70), Mm(95)
        self._lines(left, [(parent.upper(), False), (issuer.upper(), True)])
        self._lines(
            right,
            [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)],
        )
        if day is not None:
            paragraph = right.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(
                clean(place_and_date(place, day) if place else f"{day:%d/%m/%Y}")
            )
            run.italic = True

    @staticmethod
    def _lines(cell: Any, lines: Sequence[tuple[str, bool]]) -> None:
        first = True
        for text, bold in lines:
            if not text:
                continue
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(clean(text))
            run.bold = bold

    def title(self, text: str, subtitle: str = "") -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12)
        run = paragraph.add_run(clean(text).upper())
        run.bold = True
        run.font.size = Pt(14)
        if subtitle:
            below = self.document.add_paragraph()
            below.alignment = WD_ALIGN_PARAGRAPH.CENTER
            below.add_run(clean(subtitle)).bold = True

    def heading(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.add_run(clean(text)).bold = True

    def paragraph(self, text: Any, *, label: str = "") -> None:
        """A paragraph; with a label, "Label: text" with the label in bold."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if label:
            paragraph.add_run(clean(label) + ": ").bold = True
        paragraph.add_run(clean(text))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """A bordered table with a bold header row."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].add_run(clean(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.paragraphs[0].add_run(clean(value))

    def signatures(self, signers: Sequence[tuple[str, str, Any]]) -> None:
        """Signature blocks side by side: (title, name, signed on) each; the date is printed
        under the name when the signature was recorded."""
        if not signers:
            return
        self.document.add_paragraph()
        table = self.document.add_table(rows=1, cols=len(signers))
        for cell, (role, name, signed_on) in zip(table.rows[0].cells, signers, strict=True):
            lines = [(role.upper(), True), ("(Ký, ghi rõ họ tên)", False), ("", False)]
            self._lines(cell, lines)
            for _ in range(3):
                cell.add_paragraph()
            paragraph = cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(clean(name)).bold = True
            if signed_on:
                dated = cell.add_paragraph()
                dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
                dated.add_run(clean(signed_on)).italic = True

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """A download of the document under `filename` (ASCII, as browsers expect)."""
    response = HttpResponse(content, content_type=DOCX_TYPE)
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", filename)[:150] or "document.docx"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
