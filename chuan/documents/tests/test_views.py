"""The document-control screens: the master list and its XLSX, a document's revision taken
from draft to distribution by clicks, and the reviews list."""

import datetime as dt
import io

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.documents import services
from chuan.documents.choices import ReviewStatus, RevisionState
from chuan.documents.models import ControlledDocument, ReviewRequest, Revision
from chuan.documents.tests.test_services import _approved, _document, _docx, office  # noqa: F401
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.choices import RelationKind
from chuan.legal.services import legal_relation_add
from chuan.legal.tests.factories import legal

pytestmark = pytest.mark.django_db


def test_master_list_and_xlsx(client, office, world, django_assert_max_num_queries):  # noqa: F811
    document = _document(office)
    revision = _approved(office, document, timezone.localdate())
    services.revision_distribute(
        revision=revision, users=[office["clerk"]], actor=office["controller"]
    )
    assert_permission_matrix(client, "/documents/", allowed=office["clerk"])
    with django_assert_max_num_queries(15):
        response = client.get("/documents/?q=khai+sinh")
    line = response.context["lines"][0]
    assert line.document == document and line.current.edition == 1
    services.document_create(
        agency=office["agency"],
        data=services.DocumentData(
            code="TL-BN-01", title="Luật Hộ tịch", kind="external", legal_basis=[office["law"]]
        ),
        actor=office["controller"],
    )
    client.force_login(office["controller"])
    page = client.get("/documents/", {"kind": "external"}).content.decode()
    assert 'data-testid="external-law"' in page and "60/2014/QH13" in page
    response = client.get("/documents/?format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["Tài liệu nội bộ"]["B2"].value == "QT-HT-01"
    external = [cell.value for cell in workbook["Tài liệu bên ngoài"][2]]
    assert external[1] == "TL-BN-01" and external[6] == "60/2014/QH13"
    assert external[9] == "Còn hiệu lực"
    assert {ws.title for ws in workbook.worksheets} == {
        "Tài liệu nội bộ",
        "Tài liệu bên ngoài",
        "Hồ sơ",
    }
    client.force_login(world.outsider)
    assert client.get("/documents/").context["lines"] == []
    assert client.get(f"/documents/{document.pk}/").status_code == 404


def test_an_official_reads_what_was_sent_to_them(client, office):  # noqa: F811
    document = _document(office)
    first = _approved(office, document, timezone.localdate())
    client.force_login(office["clerk"])
    assert client.get("/documents/").context["lines"] == []
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    services.revision_distribute(
        revision=first, users=[office["clerk"]], actor=office["controller"]
    )
    draft = services.revision_draft(
        document=document,
        changes=[{"what": "Sửa mục 5", "where": "5", "why": "Luật mới"}],
        file=_docx("Bản dự thảo chưa duyệt"),
        actor=office["controller"],
    )
    [line] = client.get("/documents/").context["lines"]
    assert line.current == first and line.pending is None  # the draft is not shown
    page = client.get(f"/documents/{document.pk}/")
    assert [r.edition for r, _shown in page.context["revisions"]] == [1]
    base = f"/documents/{document.pk}/revisions/"
    assert client.get(f"{base}{first.pk}/file/").status_code == 200
    assert client.get(f"{base}{draft.pk}/file/").status_code == 404
    assert (
        client.get(f"/api/v1/documents/{document.pk}/revisions/{draft.pk}/file/").status_code == 404
    )
    api = client.get(f"/api/v1/documents/{document.pk}/").json()
    assert [r["edition"] for r in api["revisions"]] == [1]
    client.force_login(office["leader"])  # a leader reads the draft they will approve
    page = client.get(f"/documents/{document.pk}/")
    assert [r.edition for r, _shown in page.context["revisions"]] == [2, 1]


def test_registering_and_a_revision_by_clicks(client, office):  # noqa: F811
    client.force_login(office["controller"])
    response = client.post(
        "/documents/new/",
        {
            "code": "QT-HT-02",
            "title": "Quy trình chứng thực",
            "kind": "operational_procedure",
            "legal_basis": "60/2014/QH13",
        },
    )
    document = ControlledDocument.objects.get(code="QT-HT-02")
    assert response["Location"] == f"/documents/{document.pk}/"
    client.post(
        f"/documents/{document.pk}/draft/", {"what": "Ban hành lần đầu", "file": _docx("Nội dung")}
    )
    revision = document.revisions.get()
    base = f"/documents/{document.pk}/revisions/{revision.pk}/"
    client.post(base + "submit/", {"reviewer": office["reviewer"].pk})
    client.force_login(office["reviewer"])
    client.post(base + "send_back/", {"comments": "Bổ sung biểu mẫu"})
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT
    client.force_login(office["controller"])
    client.post(base + "submit/", {"reviewer": office["reviewer"].pk})
    client.force_login(office["leader"])
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert 'data-testid="awaiting-review"' in page and 'data-testid="approve-form"' not in page
    client.force_login(office["reviewer"])
    client.post(base + "sign_off/")
    client.force_login(office["leader"])
    client.post(base + "approve/", {"effective_date": timezone.localdate().isoformat()})
    revision.refresh_from_db()
    assert revision.state == RevisionState.APPROVED
    client.force_login(office["controller"])
    client.post(base + "distribute/", {"users": [office["clerk"].pk]})
    client.force_login(office["clerk"])
    page = client.get(f"/documents/{document.pk}/")
    assert revision.pk in page.context["to_acknowledge"]
    client.post(base + "acknowledge/")
    assert revision.recipients.get().acknowledged_at is not None
    assert client.get(base + "file/").status_code == 200
    response = client.post(base + "approve/", {"effective_date": "2030-01-01"}, follow=True)
    assert response.status_code == 200 and response.context["messages"]  # refused, with why
    revision.refresh_from_db()
    assert revision.effective_date == timezone.localdate()  # unchanged


def test_reviews_list_and_closing(client, office, world):  # noqa: F811
    document = _document(office)
    amending = legal(world.admin, "59/2025/QH15", LegalKind.LAW, dt.date(2025, 6, 16))
    legal_relation_add(
        source=amending, kind=RelationKind.REPLACES, target=office["law"], actor=world.admin
    )
    review = ReviewRequest.objects.get(document=document)
    client.force_login(office["controller"])
    response = client.get("/documents/reviews/")
    assert [r.pk for r in response.context["page"].object_list] == [review.pk]
    page = client.get(f"/documents/{document.pk}/")
    assert 'data-testid="open-review"' in page.content.decode()
    client.post(f"/documents/reviews/{review.pk}/close/", {"decision": "Không ảnh hưởng"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.NO_CHANGE
    client.force_login(world.outsider)
    assert (
        client.post(f"/documents/reviews/{review.pk}/close/", {"decision": "x"}).status_code == 404
    )


def test_distribution_to_a_whole_department(client, office, world):  # noqa: F811
    from chuan.organisations.models import Department
    from chuan.organisations.tests.factories import UserFactory, member

    department = Department.objects.create(agency=office["agency"], name="Bộ phận Một cửa")
    desk = member(UserFactory(), office["agency"], department)
    revision = _approved(office, _document(office), timezone.localdate())
    client.force_login(office["controller"])
    base = f"/documents/{revision.document_id}/revisions/{revision.pk}/"
    client.post(
        base + "distribute/", {"departments": [department.pk], "users": [office["clerk"].pk]}
    )
    assert {c.user for c in revision.recipients.all()} == {desk, office["clerk"]}


def test_withdrawing_an_edition_makes_the_document_obsolete(client, office):  # noqa: F811
    document = _document(office)
    revision = _approved(office, document, timezone.localdate())
    url = f"/documents/{document.pk}/revisions/{revision.pk}/withdraw/"
    client.force_login(office["controller"])
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert 'data-testid="withdraw"' in page
    response = client.post(url, {"comments": ""}, follow=True)
    assert response.context["messages"]
    revision.refresh_from_db()
    assert revision.state == RevisionState.APPROVED  # a reason is required
    client.post(url, {"comments": "Thủ tục bị bãi bỏ"})
    revision.refresh_from_db()
    assert revision.state == RevisionState.WITHDRAWN
    [line] = client.get("/documents/").context["lines"]
    assert line.current is None
    # With two editions, withdrawing the effective one does not bring the first back.
    two = _document(office, code="QT-HT-07")
    first = _approved(office, two, timezone.localdate())
    earlier = timezone.localdate() - dt.timedelta(days=30)  # as if approved a month ago
    Revision.objects.filter(pk=first.pk).update(issue_date=earlier, effective_date=earlier)
    second = _approved(office, two, timezone.localdate())
    client.post(f"/documents/{two.pk}/revisions/{second.pk}/withdraw/", {"comments": "Bãi bỏ"})
    shown = client.get(f"/documents/{two.pk}/").context["revisions"]
    assert [state for _r, state in shown] == ["withdrawn", "superseded"]
    client.force_login(office["leader"])  # only editors withdraw
    other = _approved(office, _document(office, code="QT-HT-05"), timezone.localdate())
    client.post(f"/documents/{other.document_id}/revisions/{other.pk}/withdraw/", {"comments": "x"})
    other.refresh_from_db()
    assert other.state == RevisionState.APPROVED
