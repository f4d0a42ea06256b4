"""Hostile files against the shared checks: zip bombs and archives of many parts, Office
files carrying macros or programs, PDFs carrying JavaScript, junk PDFs; and the child
process that reads content under a time and memory bound."""

import io
import random
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest

from chuan.core import archives
from chuan.core.archives import UnsafeFileError, archive_check, archive_limits
from chuan.core.files import checked_upload, checked_upload_name
from chuan.core.sandbox import sandboxed_read
from chuan.core.testing import bad_files

KINDS = ("docx", "pdf", "xlsx")


def _refusal(content: bytes, name: str = "tep.docx", kinds: tuple[str, ...] = KINDS) -> str:
    with pytest.raises(ValidationError) as refused:
        checked_upload(SimpleUploadedFile(name, content), kinds=kinds, text=True)
    return " ".join(refused.value.message_dict["file"])


def test_ordinary_files_pass_with_their_words():
    docx = checked_upload(SimpleUploadedFile("QT 01.docx", bad_files.normal_docx()), kinds=KINDS)
    assert docx.name == "qt-01.docx"
    read = checked_upload(
        SimpleUploadedFile("a.xlsx", bad_files.normal_xlsx()), kinds=KINDS, text=True
    )
    assert "Đăng ký khai sinh" in read.text
    pdf = checked_upload(SimpleUploadedFile("a.pdf", bad_files.pdf()), kinds=KINDS, text=True)
    assert "Quyet dinh cong bo" in pdf.text


@pytest.mark.parametrize("build", [bad_files.docx_bomb, bad_files.xlsx_bomb])
def test_a_zip_bomb_is_refused_unread(build, monkeypatch):
    bomb = build(40)
    assert len(bomb) < 200 * 1024  # tens of KB that inflate to 40 MB
    # Nothing may parse it, not even in the child.
    monkeypatch.setattr("chuan.core.files.sandboxed_read", pytest.fail)
    assert "bom nén" in _refusal(bomb)


def test_the_unpacked_size_is_bounded_whatever_the_ratio():
    noise = random.Random(19).randbytes(3 * 1024 * 1024)  # incompressible: ratio 1
    package = bad_files._rewrite(bad_files.normal_docx(), {}, {"word/media/scan.png": noise})
    with override_settings(CHUAN_ARCHIVE_MAX_MB=2):
        assert "2 MB" in _refusal(package)
    assert archive_check(io.BytesIO(package))  # within the default bound


def test_an_archive_of_many_parts_is_refused_before_its_directory_is_listed(monkeypatch):
    package = bad_files.many_parts(bad_files.normal_docx(), 5000)
    monkeypatch.setattr(
        archives.zipfile, "ZipFile", lambda *a, **k: pytest.fail("directory listed")
    )
    assert "1000" in _refusal(package)


def test_an_end_record_that_understates_the_parts_is_caught():
    package = bytearray(bad_files.many_parts(bad_files.normal_docx(), 1500))
    at = package.rfind(b"PK\x05\x06")
    package[at + 8 : at + 12] = (10).to_bytes(2, "little") * 2  # "10 entries"
    assert "1000" in _refusal(bytes(package))


def test_damaged_archives_are_refused_with_a_message():
    assert _refusal(b"PK\x03\x04 not an archive at all")
    truncated = bad_files.normal_docx()[:-30]
    assert _refusal(truncated)


@pytest.mark.parametrize(
    "build",
    [
        bad_files.docx_with_macros,
        bad_files.docx_with_macro_type,
        bad_files.docx_with_program,
        bad_files.docx_with_ole_object,
    ],
)
def test_office_files_with_macros_or_programs_are_refused(build):
    assert "macro" in _refusal(build())


def test_a_remote_template_is_refused_but_an_external_hyperlink_is_not():
    package = bad_files.normal_docx()
    rels = zipfile.ZipFile(io.BytesIO(package)).read("word/_rels/document.xml.rels")
    link = (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="https://dichvucong.gov.vn/" TargetMode="External"/>'
    )
    linked = bad_files._rewrite(
        package,
        {
            "word/_rels/document.xml.rels": rels.replace(
                b"</Relationships>", link + b"</Relationships>"
            )
        },
    )
    assert checked_upload_name(SimpleUploadedFile("a.docx", linked), kinds=KINDS)
    template = (
        b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/attachedTemplate" Target="http://x.invalid/t.dotm" '
        b'TargetMode="External"/></Relationships>'
    )
    remote = bad_files._rewrite(package, {}, {"word/_rels/settings.xml.rels": template})
    assert "macro" in _refusal(remote)


@pytest.mark.parametrize(
    "build",
    [
        bad_files.pdf_with_javascript,
        bad_files.pdf_with_hidden_javascript,
        bad_files.pdf_with_page_action,
    ],
)
def test_a_pdf_that_runs_something_is_refused(build):
    assert "mã lệnh" in _refusal(build(), "quyet-dinh.pdf")


def test_a_pdf_with_an_embedded_program_is_refused():
    program = b"MZ\x90\x00" + b"\0" * 60
    embedded = bad_files._pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names "
            b"[(a.txt) 4 0 R] >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
            b"<< /Type /Filespec /F (bao-cao.txt) /EF << /F 5 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(program)
            + program
            + b"\nendstream",
        ]
    )
    assert "nhúng chương trình" in _refusal(embedded, "a.pdf")


def test_junk_that_calls_itself_a_pdf_is_refused():
    assert "PDF" in _refusal(bad_files.junk_pdf(), "a.pdf")
    assert "PDF" in _refusal(b"%PDF-1.4\n%%EOF\n", "a.pdf")


def test_type_and_size_have_their_own_messages():
    wrong_type = _refusal(b"MZ\x90\x00 program", "a.pdf", ("pdf", "docx"))
    assert "PDF hoặc DOCX" in wrong_type and "10 MB" in wrong_type
    too_big = _refusal(bad_files.pdf() + b"0" * (10 * 1024 * 1024), "a.pdf", ("pdf", "docx"))
    assert "cho phép 10 MB" in too_big and "DOCX" not in too_big
    assert wrong_type != too_big


def test_a_parser_blow_up_kills_only_the_child():
    """Past the archive check (called directly here), 40 MB of text in one paragraph must be
    held at once; under a 48 MB bound the child runs out and this process gets a refusal."""
    bomb = bad_files.docx_long_paragraph(40)
    with override_settings(CHUAN_FILE_READ_MB=48), pytest.raises(UnsafeFileError) as refused:
        sandboxed_read(bomb, "docx", text=True)
    assert "48 MB" in refused.value.message


def test_the_reader_streams_a_document_of_many_paragraphs():
    """700,000 empty paragraphs read whole under a 64 MB bound: the reader keeps one
    paragraph at a time, where python-docx built a tree of them all (2.3 GB for the 40 MB
    bomb, benchmarks/zipbomb.py --before)."""
    with override_settings(CHUAN_FILE_READ_MB=64):
        assert sandboxed_read(bad_files.docx_bomb(4), "docx", text=False) == ""


def test_a_parser_that_runs_too_long_is_stopped():
    bomb = bad_files.docx_bomb(40)
    with (
        override_settings(CHUAN_FILE_READ_SECONDS=1, CHUAN_FILE_READ_MB=4096),
        pytest.raises(UnsafeFileError) as refused,
    ):
        sandboxed_read(bomb, "docx", text=False)  # read whole: 7 million paragraphs
    assert "1 giây" in refused.value.message


def test_import_limits_are_tighter_than_document_limits():
    assert archive_limits(unpacked_mb=25).unpacked_bytes < archive_limits().unpacked_bytes


def _encrypted(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bad_files.pdf())))
    writer.encrypt(user_password=user_password, owner_password="chu", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_locked_by_password_is_refused_but_one_only_restricted_is_read():
    assert "mật khẩu" in _refusal(_encrypted("mat-khau"), "a.pdf")
    read = checked_upload(SimpleUploadedFile("a.pdf", _encrypted("")), kinds=KINDS, text=True)
    assert "Quyet dinh cong bo" in read.text
