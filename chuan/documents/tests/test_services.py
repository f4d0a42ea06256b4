"""Document control through its services: the revision's life, its three signatures,
distribution, files checked by content, and reviews opened when the law changes."""

import datetime as dt
import io
import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

import docx
import pytest

from chuan.accounts.roles import Role
from chuan.core.exceptions import ConflictError
from chuan.core.testing.bad_files import pdf as pdf_bytes
from chuan.documents import services, states
from chuan.documents.choices import ReviewStatus, RevisionState
from chuan.documents.models import ControlledDocument, ReviewRequest, Revision
from chuan.documents.search import search_ids
from chuan.documents.services import DocumentData
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.choices import RelationKind
from chuan.legal.services import legal_relation_add
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures.tests.factories import approved_process, make_procedure

pytestmark = pytest.mark.django_db


def _docx(text: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return SimpleUploadedFile("quy-trinh.docx", buffer.getvalue())


@pytest.fixture
def office(world):
    """The ward's document controller, a reviewer, a leader, and Luật Hộ tịch."""
    agency = world.ward_pc
    law = legal(world.admin, "60/2014/QH13", LegalKind.LAW, dt.date(2014, 11, 20))
    return {
        "agency": agency,
        "law": law,
        "controller": member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), agency),
        "reviewer": member(UserFactory(roles=[Role.ISO_SECRETARY]), agency),
        "leader": member(UserFactory(roles=[Role.AGENCY_LEADER]), agency),
        "clerk": member(UserFactory(roles=[Role.VIEWER]), agency),
    }


def _document(office, code="QT-HT-01"):
    return services.document_create(
        agency=office["agency"],
        data=DocumentData(
            code=code,
            title="Quy trình đăng ký khai sinh",
            kind="operational_procedure",
            legal_basis=[office["law"]],
        ),
        actor=office["controller"],
    )


def _approved(office, document, effective):
    revision = services.revision_draft(
        document=document,
        changes=[{"what": "Ban hành lần đầu"}]
        if not document.revisions.exists()
        else [{"what": "Cập nhật", "where": "Mục 5", "why": "Luật mới"}],
        file=_docx("Quy trình đăng ký khai sinh, mục 5"),
        actor=office["controller"],
    )
    services.revision_submit(
        revision=revision, reviewer=office["reviewer"], actor=office["controller"]
    )
    services.revision_sign_off(revision=revision, actor=office["reviewer"])
    return services.revision_approve(
        revision=revision, effective_date=effective, actor=office["leader"]
    )


def test_a_revision_is_drafted_reviewed_sent_back_and_approved(office):
    document = _document(office)
    revision = services.revision_draft(
        document=document, changes=[], file=_docx("Mục đích, phạm vi"), actor=office["controller"]
    )
    assert revision.edition == 1 and "Mục đích" in revision.file_text and revision.file_sha256
    with pytest.raises(ValidationError):  # the author cannot review their own draft
        services.revision_submit(
            revision=revision, reviewer=office["controller"], actor=office["controller"]
        )
    services.revision_submit(
        revision=revision, reviewer=office["reviewer"], actor=office["controller"]
    )
    with pytest.raises(PermissionDenied):  # before the review, only the reviewer sends back
        services.revision_send_back(revision=revision, comments="Sửa", actor=office["leader"])
    with pytest.raises(ConflictError):  # not before the reviewer signs off
        services.revision_approve(
            revision=revision, effective_date=timezone.localdate(), actor=office["leader"]
        )
    services.revision_send_back(
        revision=revision, comments="Bổ sung mục 7", actor=office["reviewer"]
    )
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT and revision.review_comments == "Bổ sung mục 7"
    services.revision_submit(
        revision=revision, reviewer=office["reviewer"], actor=office["controller"]
    )
    with pytest.raises(PermissionDenied):  # only the named reviewer signs off
        services.revision_sign_off(revision=revision, actor=office["controller"])
    services.revision_sign_off(revision=revision, actor=office["reviewer"])
    with pytest.raises(ConflictError):  # once
        services.revision_sign_off(revision=revision, actor=office["reviewer"])
    # A leader asked to sign may send it back too; the review then starts again.
    services.revision_send_back(revision=revision, comments="Sửa căn cứ", actor=office["leader"])
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT and revision.reviewed_at is None
    services.revision_submit(
        revision=revision, reviewer=office["reviewer"], actor=office["controller"]
    )
    services.revision_sign_off(revision=revision, actor=office["reviewer"])
    with pytest.raises(PermissionDenied):  # a secretary is not a leader
        services.revision_approve(
            revision=revision, effective_date=timezone.localdate(), actor=office["reviewer"]
        )
    today = timezone.localdate()
    services.revision_approve(revision=revision, effective_date=today, actor=office["leader"])
    revision.refresh_from_db()
    assert (revision.state, revision.approved_by, revision.issue_date) == (
        RevisionState.APPROVED,
        office["leader"],
        today,
    )


def test_a_scheduled_revision_takes_over_on_its_date(office):
    document = _document(office)
    first = _approved(office, document, timezone.localdate())
    second = _approved(office, document, timezone.localdate() + dt.timedelta(days=10))
    dated = [states.Dated(r.pk, r.state, r.effective_date) for r in document.revisions.all()]
    today = timezone.localdate()
    assert states.effective_revision(dated, today) == first.pk
    assert states.effective_revision(dated, today + dt.timedelta(days=10)) == second.pk
    assert second.changes == [{"what": "Cập nhật", "where": "Mục 5", "why": "Luật mới"}]
    assert second.file_sha256  # a new file; or the previous one when none is given


def test_one_draft_at_a_time_and_a_change_table_after_the_first(office):
    document = _document(office)
    _approved(office, document, timezone.localdate())
    with pytest.raises(ValidationError):
        services.revision_draft(document=document, changes=[], actor=office["controller"])
    services.revision_draft(
        document=document, changes=[{"what": "Sửa"}], actor=office["controller"]
    )
    with pytest.raises(ConflictError):
        services.revision_draft(
            document=document, changes=[{"what": "Sửa"}], actor=office["controller"]
        )


def test_a_renamed_executable_is_refused(office):
    document = _document(office)
    program = SimpleUploadedFile("quy-trinh.docx", b"MZ\x90\x00\x03 not a document")
    with pytest.raises(ValidationError):
        services.revision_draft(
            document=document, changes=[], file=program, actor=office["controller"]
        )
    assert not Revision.objects.exists()


def test_only_the_controller_edits(office):
    with pytest.raises(PermissionDenied):
        services.document_create(
            agency=office["agency"],
            data=DocumentData(code="X", title="X", kind="form"),
            actor=office["clerk"],
        )
    assert not ControlledDocument.objects.exists()


def test_pdf_text_is_searchable_and_a_damaged_file_is_refused(office):
    document = _document(office)
    pdf = SimpleUploadedFile("bieu-mau.pdf", pdf_bytes("Bieu mau BM-07 phieu theo doi"))
    revision = services.revision_draft(
        document=document, changes=[], file=pdf, actor=office["controller"]
    )
    assert "phieu theo doi" in revision.file_text
    assert search_ids("bm-07 phieu") == [document.pk]
    broken = _document(office, code="QT-HT-09")
    damaged = SimpleUploadedFile("hong.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50)
    # A "PDF" no parser can read is no controlled document: refused, never kept unsearchable.
    with pytest.raises(ValidationError) as refused:
        services.revision_draft(
            document=broken, changes=[], file=damaged, actor=office["controller"]
        )
    assert "PDF" in refused.value.message_dict["file"][0]
    assert not broken.revisions.exists()


def test_distribution_and_acknowledgement(office):
    revision = _approved(office, _document(office), timezone.localdate())
    assert (
        services.revision_distribute(
            revision=revision,
            users=[office["clerk"], office["reviewer"]],
            actor=office["controller"],
        )
        == 2
    )
    services.revision_acknowledge(revision=revision, actor=office["clerk"])
    copies = {c.user: c.acknowledged_at for c in revision.recipients.all()}
    assert copies[office["clerk"]] is not None and copies[office["reviewer"]] is None
    with pytest.raises(PermissionDenied):
        services.revision_acknowledge(revision=revision, actor=office["leader"])
    outsider = UserFactory(roles=[Role.VIEWER])
    with pytest.raises(ValidationError):  # only officials of the agency receive copies
        services.revision_distribute(
            revision=revision, users=[office["leader"], outsider], actor=office["controller"]
        )
    assert revision.recipients.count() == 2  # nothing was added


def test_a_change_of_the_law_opens_reviews_and_a_revision_closes_them(office, world):
    document = _document(office)
    _approved(office, document, timezone.localdate())
    version = make_procedure(world.gia_lai_2025, legal_basis=[office["law"]])
    approved_process(office["agency"], version, "2", "4")
    amending = legal(world.admin, "59/2025/QH15", LegalKind.LAW, dt.date(2025, 6, 16))
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=office["law"], actor=world.admin
    )
    reviews = ReviewRequest.objects.filter(legal_document=office["law"])
    assert reviews.count() == 3  # the document, the procedure version, the ward's process
    kinds = {(bool(r.document), bool(r.procedure_version), bool(r.process)) for r in reviews}
    assert kinds == {(True, False, False), (False, True, False), (False, False, True)}
    assert all(r.due_at > timezone.now() for r in reviews)
    legal_relation_add(
        source=amending, kind=RelationKind.GUIDES, target=office["law"], actor=world.admin
    )
    assert reviews.count() == 3  # guiding changes nothing; no duplicate reviews
    _approved(office, document, timezone.localdate() + dt.timedelta(days=1))
    closed = reviews.get(document=document)
    assert closed.status == ReviewStatus.REVISED and closed.revision is not None
    process_review = reviews.get(process__isnull=False)
    with pytest.raises(ValidationError):
        services.review_close_no_change(
            review=process_review, decision=" ", actor=office["controller"]
        )
    services.review_close_no_change(
        review=process_review,
        decision="Luật sửa đổi không đụng đến quy trình",
        actor=office["controller"],
    )
    process_review.refresh_from_db()
    assert process_review.status == ReviewStatus.NO_CHANGE


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_leave_one_effective(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across threads are proven on PostgreSQL")
    agency = world.ward_pc
    controller = member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), agency)
    reviewer = member(UserFactory(roles=[Role.ISO_SECRETARY]), agency)
    leaders = [member(UserFactory(roles=[Role.AGENCY_LEADER]), agency) for _ in range(2)]
    document = services.document_create(
        agency=agency,
        data=DocumentData(code="CS-01", title="Chính sách", kind="quality_policy"),
        actor=controller,
    )
    revision = services.revision_draft(
        document=document, changes=[], file=_docx("Chính sách"), actor=controller
    )
    services.revision_submit(revision=revision, reviewer=reviewer, actor=controller)
    services.revision_sign_off(revision=revision, actor=reviewer)
    results = []

    def approve(leader):
        try:
            services.revision_approve(
                revision=revision, effective_date=timezone.localdate(), actor=leader
            )
            results.append("ok")
        except ConflictError:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(leader,)) for leader in leaders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "ok"]
    assert Revision.objects.filter(state=RevisionState.APPROVED).count() == 1
