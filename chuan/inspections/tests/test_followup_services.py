"""What follows an inspection's conclusion (TT 26/2014 Arts. 37.3–37.4, 39): the system as
who found the nonconformities, the agency's report, DOST's acceptance or notice, refusals
that change nothing, the permission matrix, the activity, the file checklist and closing."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.core.testing.bad_files import docx_with_macros
from chuan.improvement.choices import NcSource, NcState
from chuan.inspections import article39
from chuan.inspections.choices import InspectionState, RequestState
from chuan.inspections.models import CorrectionRequest, InspectionFileItem
from chuan.inspections.selectors import followup as selectors
from chuan.inspections.services.followup import (
    correction_accept,
    correction_refuse,
    correction_reminders,
    correction_report,
)
from chuan.inspections.services.followup_file import file_item_record, inspection_close
from chuan.inspections.tests.followup_support import (
    actions_done,
    concluded,
    evidence,
    followup,
    reported,
)

pytestmark = pytest.mark.django_db


def _snapshot(request):
    request.refresh_from_db()
    return (
        request.state,
        request.report,
        request.report_count,
        request.notice_number,
        ActivityEntry.objects.count(),
    )


# --- 1. The system concludes ------------------------------------------------------------------


def test_the_system_concludes_with_the_province_coordinator_as_finder(world):
    inspection = concluded(world, actor=None)
    nc = inspection.requests.first().nonconformity
    assert nc.found_by == world.coordinator
    assert nc.source == NcSource.INSPECTION


def test_the_system_cannot_conclude_where_no_coordinator_is_registered(world):
    world.coordinator.groups.clear()
    with pytest.raises(ValidationError):
        concluded(world, actor=None)
    assert not CorrectionRequest.objects.exclude(state=RequestState.DRAFT).exists()


def test_issued_requests_are_open_and_due_two_months_after_signing(world):
    inspection = concluded(world, issued_on=datetime.date(2026, 3, 31))
    request = inspection.requests.first()
    assert request.state == RequestState.OPEN
    assert request.due_on == datetime.date(2026, 5, 31)


# --- 3. The agency reports ------------------------------------------------------------------------


def test_the_agency_reports_once_the_actions_are_done(world):
    f = followup(world)
    request = f.requests[0]
    before = _snapshot(request)
    with pytest.raises(ValidationError) as error:
        correction_report(
            request=request, text="Đã làm", evidence_file=evidence(), actor=world.secretary
        )
    assert "nonconformity" in error.value.message_dict
    assert _snapshot(request) == before
    actions_done(f, request)
    draft = selectors.report_prefill(request)
    assert "Cập nhật quy trình QT-05" in draft and "Đã cập nhật" in draft
    request = correction_report(
        request=request, text=draft, evidence_file=evidence(), actor=world.secretary
    )
    assert request.state == RequestState.REPORTED
    assert request.report_count == 1
    assert request.report_evidence.name.endswith(".pdf")
    assert request.actions.count() == 1
    entry = ActivityEntry.objects.filter(verb="correction.reported").get()
    assert entry.actor == world.secretary
    assert entry.changes["late"] is False


def test_a_late_report_is_accepted_and_marked(world):
    f = followup(world, issued_on=timezone.localdate() - datetime.timedelta(days=120))
    request = reported(f, f.requests[0])
    assert request.state == RequestState.REPORTED
    assert request.due_on < timezone.localdate()
    assert ActivityEntry.objects.filter(verb="correction.reported").get().changes["late"] is True


@pytest.mark.parametrize(
    "text, file, field",
    [
        ("", "pdf", "text"),
        ("Đã làm", None, "evidence_file"),
        ("Đã làm", "macro", "evidence_file"),
        ("Đã làm", "big", "evidence_file"),
        ("x" * 20_001, "pdf", "text"),
    ],
)
def test_bad_reports_are_refused_and_change_nothing(world, text, file, field):
    f = followup(world)
    request = f.requests[0]
    actions_done(f, request)
    upload = {
        None: None,
        "pdf": evidence(),
        "macro": SimpleUploadedFile("a.docx", docx_with_macros()),
        "big": SimpleUploadedFile("a.pdf", b"%PDF-1.4" + b"0" * (11 * 1024 * 1024)),
    }[file]
    before = _snapshot(request)
    with pytest.raises(ValidationError) as error:
        correction_report(request=request, text=text, evidence_file=upload, actor=world.secretary)
    assert field in error.value.message_dict
    assert _snapshot(request) == before


def test_permission_matrix_of_the_services(world):
    f = followup(world)
    request = f.requests[0]
    actions_done(f, request)
    for outsider in (world.coordinator, f.other_answerer, world.outsider, world.viewer):
        before = _snapshot(request)
        with pytest.raises(PermissionDenied):
            correction_report(request=request, text="x", evidence_file=evidence(), actor=outsider)
        assert _snapshot(request) == before
    request = correction_report(
        request=request, text="Đã làm", evidence_file=evidence(), actor=world.leader
    )
    for outsider in (world.secretary, world.leader, f.other_coordinator, f.other_answerer):
        before = _snapshot(request)
        with pytest.raises(PermissionDenied):
            correction_accept(request=request, actor=outsider)
        with pytest.raises(PermissionDenied):
            correction_refuse(
                request=request,
                notice_number="1/TB",
                notice_date=timezone.localdate(),
                reasons="Chưa đủ",
                actor=outsider,
            )
        assert _snapshot(request) == before
    assert correction_accept(request=request, actor=world.coordinator).state == "accepted"


def test_refusal_needs_a_notice_and_reopens_the_nonconformity(world):
    f = followup(world)
    request = reported(f, f.requests[0])
    today = timezone.localdate()
    for number, day, reasons, field in (
        ("", today, "Chưa đủ", "notice_number"),
        ("12/TB-TĐC", None, "Chưa đủ", "notice_date"),
        ("12/TB-TĐC", today + datetime.timedelta(days=1), "Chưa đủ", "notice_date"),
        ("12/TB-TĐC", today, "  ", "reasons"),
    ):
        before = _snapshot(request)
        with pytest.raises(ValidationError) as error:
            correction_refuse(
                request=request,
                notice_number=number,
                notice_date=day,
                reasons=reasons,
                actor=world.coordinator,
            )
        assert field in error.value.message_dict
        assert _snapshot(request) == before
    request = correction_refuse(
        request=request,
        notice_number="12/TB-TĐC",
        notice_date=today,
        reasons="Chưa có bằng chứng tập huấn",
        actor=world.coordinator,
    )
    assert request.state == RequestState.NOT_ACCEPTED
    request.nonconformity.refresh_from_db()
    assert request.nonconformity.state == NcState.REOPENED
    with pytest.raises(ConflictError):
        correction_accept(request=request, actor=world.coordinator)
    # The agency plans again, carries it out and reports again; DOST accepts.
    actions_done(f, request)
    request = correction_report(
        request=request, text="Đã tập huấn", evidence_file=None, actor=world.secretary
    )
    assert request.state == RequestState.REPORTED and request.report_count == 2
    assert correction_accept(request=request, actor=world.coordinator).state == "accepted"
    verbs = list(
        ActivityEntry.objects.filter(verb__startswith="correction.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "correction.reported",
        "correction.refused",
        "correction.reported",
        "correction.accepted",
    ]


def test_a_closed_nonconformity_stays_closed_on_refusal(world):
    from chuan.improvement.services.nonconformities import nonconformity_verify

    f = followup(world)
    request = f.requests[0]
    actions_done(f, request)
    nc = request.nonconformity
    nc.refresh_from_db()
    nc.check_on = timezone.localdate()
    nc.save(update_fields=["check_on"])
    nonconformity_verify(nc=nc, effective=True, note="Kiểm tra 10 hồ sơ", actor=world.leader)
    request = correction_report(
        request=request, text="Đã làm", evidence_file=evidence(), actor=world.secretary
    )
    correction_refuse(
        request=request,
        notice_number="3/TB",
        notice_date=timezone.localdate(),
        reasons="Chưa đủ",
        actor=world.coordinator,
    )
    nc.refresh_from_db()
    assert nc.state == NcState.CLOSED


# --- 5. The file and closing ----------------------------------------------------------------------


def test_closing_needs_the_file_and_every_request_accepted(world):
    f = followup(world, count=1)
    inspection = f.inspection
    with pytest.raises(ValidationError) as error:
        inspection_close(inspection=inspection, actor=world.coordinator)
    text = " ".join(error.value.messages)
    label = {code: str(kind.label) for code, kind in article39.BY_CODE.items()}
    assert label["decision"] in text and label["team_report"] in text
    assert label["minutes"] not in text  # Chuẩn holds them: the inspection concluded
    assert "1 " in text
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED
    request = reported(f, f.requests[0])
    correction_accept(request=request, actor=world.coordinator)
    for kind in ("plan", "decision", "team_report"):
        file_item_record(
            inspection=inspection, kind=kind, note="Lưu tại Chi cục", actor=world.coordinator
        )
    with pytest.raises(PermissionDenied):
        inspection_close(inspection=inspection, actor=world.secretary)
    inspection = inspection_close(inspection=inspection, actor=world.coordinator)
    assert inspection.state == InspectionState.CLOSED
    kinds = set(InspectionFileItem.objects.filter(automatic=True).values_list("kind", flat=True))
    assert kinds == {"request_letter", "minutes", "corrective_actions"}
    with pytest.raises(ConflictError):
        inspection_close(inspection=inspection, actor=world.coordinator)
    with pytest.raises(ConflictError):
        file_item_record(inspection=inspection, kind="other", note="x", actor=world.coordinator)


def test_file_item_needs_something_and_a_known_type(world):
    inspection = concluded(world, count=0)
    with pytest.raises(ValidationError):
        file_item_record(inspection=inspection, kind="nope", note="x", actor=world.coordinator)
    with pytest.raises(ValidationError):
        file_item_record(inspection=inspection, kind="plan", actor=world.coordinator)
    with pytest.raises(ValidationError):
        file_item_record(
            inspection=inspection, kind="plan", link="javascript:x", actor=world.coordinator
        )
    assert not InspectionFileItem.objects.exists()


# --- 7. Reminders -----------------------------------------------------------------------------


def test_reminders_for_the_agency_and_for_dost(world):
    today = timezone.localdate()
    f = followup(world, issued_on=today - datetime.timedelta(days=58))
    other = followup(world, issued_on=today - datetime.timedelta(days=10))
    reminders = correction_reminders(today)
    agency_users = {r.user_id for r in reminders}
    assert agency_users == {world.leader.pk, world.secretary.pk}
    assert {r.key for r in reminders} == {f"correction-due:{r.pk}" for r in f.requests}
    assert all(r.kind == "correction_due" for r in reminders)
    reported(other, other.requests[0])
    reminders = correction_reminders(today)
    dost = [r for r in reminders if r.user_id == world.coordinator.pk]
    assert len(dost) == 1 and dost[0].url.endswith(f"/{other.requests[0].pk}/")
    assert f.other_coordinator.pk not in {r.user_id for r in reminders}


def test_the_reminder_kind_is_registered():
    from chuan.notifications.registry import KINDS

    assert KINDS["correction_due"].provider is correction_reminders
