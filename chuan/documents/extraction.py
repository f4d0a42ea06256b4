"""The words of a controlled document's file, for search: the paragraphs and tables of a
DOCX, the cells of an XLSX, the text layer of a PDF (a scanned PDF has none and is found
by its code and title only)."""

import io
import time
from typing import Any

from chuan.core.files import file_kind

TEXT_LIMIT = 200_000
PDF_PAGE_LIMIT = 200
PDF_SECONDS = 3.0


def extracted_text(file: Any) -> str:
    """The file's words, at most TEXT_LIMIT characters; "" when they cannot be read."""
    kind = file_kind(file)
    file.seek(0)
    try:
        content = io.BytesIO(file.read())
        reader = {"docx": _docx_text, "xlsx": _xlsx_text, "pdf": _pdf_text}.get(kind or "")
        return reader(content)[:TEXT_LIMIT] if reader else ""
    except Exception:  # a damaged file keeps its place; only its words are not searchable
        return ""
    finally:
        file.seek(0)


def _docx_text(content: io.BytesIO) -> str:
    import docx

    document = docx.Document(content)
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


def _xlsx_text(content: io.BytesIO) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(content, read_only=True, data_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _pdf_text(content: io.BytesIO) -> str:
    from pypdf import PdfReader

    reader = PdfReader(content)
    words: list[str] = []
    size = 0
    began = time.monotonic()
    for page in reader.pages[:PDF_PAGE_LIMIT]:
        text = page.extract_text() or ""
        words.append(text)
        size += len(text)
        # Long manuals: the first pages are enough to be found by; a crafted file with huge
        # content streams stops once the time budget is spent.
        if size >= TEXT_LIMIT or time.monotonic() - began > PDF_SECONDS:
            break
    return "\n".join(words)
