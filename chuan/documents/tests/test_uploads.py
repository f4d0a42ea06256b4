"""A controlled document's file against hostile uploads, through the service and the
document's screen: refused with the reason, nothing stored, and the screen keeps what the
user typed."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from chuan.core.activity import ActivityEntry
from chuan.core.testing import bad_files
from chuan.documents import services
from chuan.documents.models import Revision
from chuan.documents.tests.test_services import _document, office  # noqa: F401

pytestmark = pytest.mark.django_db

HOSTILE = [
    ("bomb.docx", bad_files.docx_bomb, "bom nén"),
    ("bomb.xlsx", bad_files.xlsx_bomb, "bom nén"),
    ("macro.docx", bad_files.docx_with_macros, "macro"),
    ("ole.docx", bad_files.docx_with_ole_object, "macro"),
    ("js.pdf", bad_files.pdf_with_javascript, "mã lệnh"),
    ("junk.pdf", bad_files.junk_pdf, "PDF"),
]


@pytest.mark.parametrize(("name", "build", "reason"), HOSTILE)
def test_the_service_refuses_hostile_files_and_changes_nothing(office, name, build, reason):  # noqa: F811
    document = _document(office)
    before = ActivityEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.revision_draft(
            document=document,
            changes=[],
            file=SimpleUploadedFile(name, build()),
            actor=office["controller"],
        )
    assert reason in refused.value.message_dict["file"][0]
    assert not Revision.objects.exists() and ActivityEntry.objects.count() == before


def test_many_parts_are_refused(office):  # noqa: F811
    document = _document(office)
    many = bad_files.many_parts(bad_files.normal_docx(), 3000)
    with pytest.raises(ValidationError):
        services.revision_draft(
            document=document,
            changes=[],
            file=SimpleUploadedFile("a.docx", many),
            actor=office["controller"],
        )
    assert not Revision.objects.exists()


def test_a_refused_file_on_the_screen_keeps_the_typed_change(client, office):  # noqa: F811
    document = _document(office)
    services.revision_draft(
        document=document,
        changes=[],
        file=SimpleUploadedFile("a.docx", bad_files.normal_docx()),
        actor=office["controller"],
    )
    Revision.objects.update(state="approved")
    client.force_login(office["controller"])
    typed = {"what": "Bổ sung bước ký số", "where": "Mục 5.3", "why": "Nghị định 118/2025"}
    response = client.post(
        f"/documents/{document.pk}/draft/",
        {**typed, "file": SimpleUploadedFile("moi.docx", bad_files.docx_bomb())},
    )
    assert response.status_code == 200
    form = response.context["draft_form"]
    assert "bom nén" in form.errors["file"][0]
    page = response.content.decode()
    for value in typed.values():
        assert f'value="{value}"' in page
    assert document.revisions.count() == 1


def test_the_screen_says_whether_type_or_size_was_wrong(client, office):  # noqa: F811
    document = _document(office)
    client.force_login(office["controller"])
    url = f"/documents/{document.pk}/draft/"
    response = client.post(
        url, {"what": "A", "file": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40)}
    )
    wrong_type = response.context["draft_form"].errors["file"][0]
    big = SimpleUploadedFile("a.pdf", bad_files.pdf() + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(url, {"what": "A", "file": big})
    too_big = response.context["draft_form"].errors["file"][0]
    assert "DOCX, PDF hoặc XLSX" in wrong_type and "10 MB" in too_big
    assert wrong_type != too_big and "DOCX" not in too_big
    assert not Revision.objects.exists()
