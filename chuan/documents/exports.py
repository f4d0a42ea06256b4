"""The master list of documents (ISO 9001 7.5.3) as a workbook: internal documents, external
documents with the legal documents they are, and record types with their retention."""

from typing import Any

from django.utils.translation import pgettext

from chuan.core.exports import DATE_FORMAT, Column, XlsxBook
from chuan.documents.choices import DocumentKind
from chuan.documents.selectors import Line


def _sheet_of(kind: str) -> str:
    if kind == DocumentKind.EXTERNAL:
        return "external"
    if kind == DocumentKind.RECORD_TYPE:
        return "records"
    return "internal"


def _laws_dates(laws: list[Any]) -> Any:
    """One legal document's issue date as a real date; several as text, one after another."""
    if len(laws) == 1:
        return laws[0].issue_date
    return "; ".join(law.issue_date.strftime("%d/%m/%Y") for law in laws)


def master_list_workbook(lines: list[Line]) -> bytes:
    columns = [
        Column(pgettext("master list", "No."), 6),
        Column(pgettext("master list", "Code"), 16),
        Column(pgettext("master list", "Title"), 50),
        Column(pgettext("master list", "Edition"), 8),
        Column(pgettext("master list", "Effective date"), 13, DATE_FORMAT),
        Column(pgettext("master list", "Owner department"), 28),
    ]
    extra = {
        "internal": [],
        "external": [
            Column(pgettext("master list", "Legal document"), 24),
            Column(pgettext("master list", "Issue date"), 13, DATE_FORMAT),
            Column(pgettext("master list", "Issued by"), 24),
            Column(pgettext("master list", "Status"), 16),
        ],
        "records": [Column(pgettext("master list", "Retention (years)"), 10)],
    }
    rows: dict[str, list[list[Any]]] = {"internal": [], "external": [], "records": []}
    for line in lines:
        document = line.document
        name = _sheet_of(document.kind)
        row: list[Any] = [
            len(rows[name]) + 1,
            document.code,
            document.title,
            line.current.edition if line.current else "",
            line.current.effective_date if line.current else None,
            document.owner_department.name if document.owner_department else "",
        ]
        if name == "records":
            row.append(document.retention_years or "")
        elif name == "external":
            laws = list(document.legal_basis.all())
            row += [
                "; ".join(law.symbol for law in laws),
                _laws_dates(laws),
                "; ".join(law.issuer for law in laws),
                "; ".join(law.current_status_label for law in laws),
            ]
        rows[name].append(row)
    book = XlsxBook(title=pgettext("master list", "Master list of documents"))
    titles = {
        "internal": pgettext("master list", "Internal documents"),
        "external": pgettext("master list", "External documents"),
        "records": pgettext("master list", "Records"),
    }
    for name, title in titles.items():
        book.sheet(title, columns + extra[name], rows[name])
    return book.to_bytes()
