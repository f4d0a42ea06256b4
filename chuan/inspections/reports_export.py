"""The province's reports as files: the narrative as DOCX (through `chuan.core.word`, laid out
as an administrative document of Decree 30/2020/NĐ-CP) and the figures as an XLSX annex
(through `chuan.core.exports`, which never lets a typed text become a formula).

Legal basis: TT 26/2014 Art. 38.1 (November, to the provincial People's Committee) and
QĐ 19/2014 Art. 12.6 with its Appendix II (December, to the Ministry)."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exports import Column, Row, XlsxBook
from chuan.core.word import WordDocument
from chuan.inspections.choices import Conclusion, InspectionForm
from chuan.inspections.models import ProvinceReport
from chuan.inspections.report_states import ReportKind
from chuan.inspections.report_template import label, template
from chuan.inspections.selectors.reports import shown_figures


def _on(figures: dict[str, Any]) -> str:
    on = figures.get("on")
    return datetime.date.fromisoformat(on).strftime("%d/%m/%Y") if on else ""


def _choice(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def report_docx(report: ProvinceReport) -> bytes:
    """The report's narrative with its summary table by block, ready to sign."""
    shape = template(report.kind)
    figures = shown_figures(report)
    doc = WordDocument()
    place = report.province.short_name or report.province.name
    doc.header(
        issuer="Sở Khoa học và Công nghệ",
        parent=f"UBND {report.province.name}",
        place=place,
        day=report.issued_on or timezone.localdate(),
    )
    if report.number:
        doc.paragraph(report.number, label=_("Number"))
    doc.title(_("Report"), f"{label(shape.title)} {_('year')} {report.year}")
    doc.paragraph(shape.recipient, label=_("To"))
    doc.paragraph(shape.legal_basis, label=_("Legal basis"))
    if not shape.confirmed:
        doc.paragraph(
            _("The form's field list is not confirmed; the figures follow Chuẩn's template.")
        )
    doc.paragraph(_on(figures), label=_("Figures as at"))
    headers = [_("Block"), *figures["columns"]]
    rows = [[b.label, *b.totals] for b in figures["blocks"]]
    rows.append([_("Total"), *figures["total"]])
    doc.table(headers, rows)
    notes = [
        f"{b.label} — {figures['columns'][i]}: {note}"
        for b in figures["blocks"]
        for i, note in b.corrected.items()
    ]
    if notes:
        doc.heading(_("Figures corrected"))
        for note in notes:
            doc.paragraph(note)
    for section in shape.sections:
        doc.heading(label(section["label"]))
        text = (report.sections or {}).get(section["key"], "")
        for paragraph in text.splitlines() or [""]:
            if paragraph.strip():
                doc.paragraph(paragraph)
    if report.kind == ReportKind.NOVEMBER and figures["inspections"]:
        doc.heading(_("Inspections concluded"))
        doc.table(
            [
                _("Agency"),
                _("Form of inspection"),
                _("Concluded on"),
                _("Conclusion"),
                _("Requests"),
            ],
            [
                [
                    row["agency"],
                    _choice(InspectionForm, row["form"]),
                    _date(row["concluded_on"]),
                    _choice(Conclusion, row["conclusion"]),
                    row["requests"],
                ]
                for row in figures["inspections"]
            ],
        )
    doc.signatures([(report.signer_title or _("Director"), report.signer, report.issued_on)])
    return doc.to_bytes()


def _date(text: str) -> str:
    return datetime.date.fromisoformat(text).strftime("%d/%m/%Y") if text else ""


def report_xlsx(report: ProvinceReport) -> bytes:
    """The annex: the summary by block, then every agency's row under its block."""
    shape = template(report.kind)
    figures = shown_figures(report)
    book = XlsxBook(title=f"{label(shape.title)} {report.year}")
    columns = [Column(_("Block"), 30), *(Column(c, 14, wrap=True) for c in figures["columns"])]
    heading = [
        [label(shape.title)],
        [f"{report.province.name} — {_('year')} {report.year} — {_on(figures)}"],
    ]
    book.sheet(
        _("Summary"),
        columns,
        [[b.label, *b.totals] for b in figures["blocks"]],
        before=heading,
        after=[Row([_("Total"), *figures["total"]], bold=True)],
    )
    rows: list[Any] = []
    for block in figures["blocks"]:
        rows.append(Row([block.label], bold=True))
        rows.extend([row["name"], *row["values"]] for row in block.rows)
    agency_columns = [Column(_("Agency"), 40), *columns[1:]]
    book.sheet(_("Agencies"), agency_columns, rows, before=heading)
    if report.kind == ReportKind.NOVEMBER:
        book.sheet(
            _("Inspections"),
            [
                Column(_("Agency"), 40),
                Column(_("Form of inspection"), 22),
                Column(_("Concluded on"), 14),
                Column(_("Conclusion"), 34),
                Column(_("Requests"), 12),
            ],
            [
                [
                    row["agency"],
                    _choice(InspectionForm, row["form"]),
                    datetime.date.fromisoformat(row["concluded_on"])
                    if row["concluded_on"]
                    else None,
                    _choice(Conclusion, row["conclusion"]),
                    row["requests"],
                ]
                for row in figures["inspections"]
            ],
        )
        book.sheet(
            _("Findings"),
            [
                Column(_("Item"), 8),
                Column(_("Article 36 item"), 70, wrap=True),
                Column(_("Not met"), 12),
            ],
            [[f["label"], f["text"], f["not_met"]] for f in figures["findings"]],
        )
    return book.to_bytes()
