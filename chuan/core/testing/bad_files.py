"""Real hostile files, built in memory for tests and benchmarks: zip bombs dressed as DOCX
and XLSX, archives of many parts, Office files carrying macros or programs, PDFs carrying
JavaScript, and junk that calls itself a PDF. Also the ordinary files they are compared with.
"""

import io
import zipfile

import docx
from openpyxl import Workbook

MB = 1024 * 1024


def normal_docx(text: str = "Quy trình đăng ký khai sinh") -> bytes:
    document = docx.Document()
    document.add_heading("QT-HT-01 " + text, level=1)
    for n in range(1, 6):
        document.add_paragraph(f"{n}. {text}: nội dung mục {n} theo TCVN ISO 9001:2015.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def normal_xlsx(rows: list[list[object]] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows or [["Mã", "Tên"], ["1.001", "Đăng ký khai sinh"]]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(
    package: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None
) -> bytes:
    """The package with some parts replaced and others added (same compression)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def _inflating_xml(head: bytes, tail: bytes, megabytes: int, filler: bytes = b" ") -> bytes:
    # The same few bytes repeated: valid XML that compresses about a thousand times, yet a
    # parser must read all of it (and build a tree of it when `filler` is an element).
    return head + filler * (megabytes * MB // len(filler)) + tail


def docx_bomb(megabytes: int = 40) -> bytes:
    """A DOCX of some tens of KB whose document.xml inflates to `megabytes` MB of empty
    paragraphs (like the file that once took a worker to 1.2 GB)."""
    package = normal_docx()
    original = zipfile.ZipFile(io.BytesIO(package)).read("word/document.xml")
    at = original.index(b"<w:body>") + len(b"<w:body>")
    xml = _inflating_xml(original[:at], original[at:], megabytes, b"<w:p/>")
    return _rewrite(package, {"word/document.xml": xml})


def docx_long_paragraph(megabytes: int = 40) -> bytes:
    """A DOCX whose one paragraph holds `megabytes` MB of text: whoever reads its words must
    hold them all at once."""
    package = normal_docx()
    original = zipfile.ZipFile(io.BytesIO(package)).read("word/document.xml")
    at = original.index(b"<w:body>") + len(b"<w:body>")
    text = b"<w:p><w:r><w:t>" + b"a" * (megabytes * MB) + b"</w:t></w:r></w:p>"
    return _rewrite(package, {"word/document.xml": original[:at] + text + original[at:]})


def xlsx_bomb(megabytes: int = 40) -> bytes:
    """An XLSX whose first sheet's XML inflates to `megabytes` MB."""
    package = normal_xlsx()
    original = zipfile.ZipFile(io.BytesIO(package)).read("xl/worksheets/sheet1.xml")
    at = original.index(b"<sheetData>") + len(b"<sheetData>")
    return _rewrite(
        package,
        {"xl/worksheets/sheet1.xml": _inflating_xml(original[:at], original[at:], megabytes)},
    )


def many_parts(package: bytes, parts: int = 5000) -> bytes:
    """The package with `parts` extra tiny parts (a directory a parser would list whole)."""
    return _rewrite(package, {}, {f"customXml/part{n}.xml": b"<a/>" for n in range(parts)})


def docx_with_macros() -> bytes:
    """A DOCX carrying a VBA project, as a .docm would."""
    return _rewrite(normal_docx(), {}, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})


def docx_with_macro_type() -> bytes:
    """A DOCX whose content types declare it macro-enabled (a .docm renamed)."""
    package = normal_docx()
    types = zipfile.ZipFile(io.BytesIO(package)).read("[Content_Types].xml")
    types = types.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    return _rewrite(package, {"[Content_Types].xml": types})


def docx_with_program() -> bytes:
    """A DOCX with a Windows program embedded under an innocent name."""
    program = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 120
    return _rewrite(normal_docx(), {}, {"word/media/image9.png": program})


def docx_with_ole_object() -> bytes:
    return _rewrite(normal_docx(), {}, {"word/embeddings/oleObject1.bin": b"\0" * 64})


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf(text: str = "Quyet dinh cong bo", *, catalog: bytes = b"", page: bytes = b"") -> bytes:
    """A one-page PDF showing `text` (ASCII); `catalog` and `page` add entries to those
    dictionaries."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 200] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> " + page + b">>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_with_javascript() -> bytes:
    """A PDF that runs JavaScript when opened (/OpenAction)."""
    return pdf(catalog=b"/OpenAction << /S /JavaScript /JS (app.alert('x');) >> ")


def pdf_with_hidden_javascript() -> bytes:
    """The same, with the names escaped (/J#61vaScript) so a byte search misses them."""
    return pdf(catalog=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert('x');) >> ")


def pdf_with_page_action() -> bytes:
    """A PDF whose page runs an action when shown (/AA)."""
    return pdf(page=b"/AA << /O << /S /URI /URI (http://example.invalid/) >> >> ")


def junk_pdf() -> bytes:
    """Bytes that start like a PDF and are not one."""
    return b"%PDF-1.7\n" + b"\x00garbage" * 200
