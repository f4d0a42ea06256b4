"""Online dossiers in: the portal's feed into the desk's queue, malformed deliveries kept
with their reasons, duplicates recognised, and the desk's three answers."""

from django.core.exceptions import ValidationError

import pytest

from chuan.core.exceptions import ConflictError
from chuan.dossiers.choices import Channel, Status
from chuan.dossiers.models import Dossier
from chuan.portal.choices import SubmissionState
from chuan.portal.models import OnlineSubmission, PortalMessage, PullCursor
from chuan.portal.services import (
    outbox_send,
    submission_receive,
    submission_refuse,
    submission_request_completion,
    submissions_pull,
)
from chuan.portal.testing.data import MALFORMATIONS, submission_data

pytestmark = pytest.mark.django_db


def _submit(portal, desk, code, **changes):
    data = submission_data(
        portal,
        code=code,
        agency_code=desk.agency.code,
        procedure_code=desk.birth.procedure.code,
        **changes,
    )
    portal.submit(data)
    return data


def test_an_online_dossier_arrives_waits_and_is_received(desk, portal, client_fast):
    _submit(portal, desk, "G22-260302-0001")
    result = submissions_pull(client=client_fast)
    assert (result.new, result.malformed, result.position) == (1, 0, 1)
    submission = OnlineSubmission.objects.get()
    assert submission.state == SubmissionState.WAITING
    assert submission.version == desk.birth and submission.agency == desk.agency
    assert [f.kind for f in submission.files.all()] == ["png", "png"]
    assert submission.files.first().file.read().startswith(b"\x89PNG")

    dossier = submission_receive(submission=submission, actor=desk.officer)
    assert dossier.status == Status.RECEIVED and dossier.channel == Channel.ONLINE
    # The desk's code by TT 03/2025 Art. 13; the portal's kept on the link.
    assert dossier.code.startswith(f"{desk.agency.code}-") and dossier.code.endswith("-0001")
    assert [c.name for c in dossier.components.all()] == ["Tờ khai", "Giấy chứng sinh"]
    submission.refresh_from_db()
    assert submission.state == SubmissionState.RECEIVED and submission.dossier == dossier
    with pytest.raises(ConflictError):
        submission_receive(submission=submission, actor=desk.officer)

    outbox_send(client=client_fast)
    held = portal.held("G22-260302-0001")
    assert held["TrangThaiHoSo"] == 2
    body = portal.delivered()[PortalMessage.objects.get().message_id]
    assert body["isUpdating"] is True and body["data"]["SoBienNhan"] == dossier.code


def test_a_centralised_service_keeps_its_code(desk, portal, client_fast):
    code = f"{desk.agency.code}-260302-270012"
    _submit(portal, desk, code, DichVuTapTrung=True)
    submissions_pull(client=client_fast)
    dossier = submission_receive(submission=OnlineSubmission.objects.get(), actor=desk.officer)
    assert dossier.code == code


def test_a_centralised_code_of_another_agency_is_refused_at_receipt(desk, portal, client_fast):
    _submit(portal, desk, "000.00.01.H22-260302-270012", DichVuTapTrung=True)
    submissions_pull(client=client_fast)
    with pytest.raises(ValidationError) as error:
        submission_receive(submission=OnlineSubmission.objects.get(), actor=desk.officer)
    assert "code" in error.value.message_dict
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("label", "change"), MALFORMATIONS)
def test_a_malformed_delivery_is_kept_with_its_reason_and_answered(
    desk, portal, client_fast, label, change
):
    _submit(portal, desk, "G22-BAD-1", **change)
    result = submissions_pull(client=client_fast)
    assert result.malformed == 1, label
    submission = OnlineSubmission.objects.get()
    assert submission.state == SubmissionState.MALFORMED and submission.problems
    assert portal.state.answers["G22-BAD-1"][0]["TiepNhan"] is False
    assert portal.state.answers["G22-BAD-1"][0]["LyDo"] == submission.reason


def test_a_file_that_is_not_what_it_says_is_refused(desk, portal, client_fast):
    data = _submit(portal, desk, "G22-EXE-1")
    portal.add_file(data["TaiLieuNop"][0]["TepDinhKemId"], b"MZ\x90\x00 not a scan")
    submissions_pull(client=client_fast)
    submission = OnlineSubmission.objects.get()
    assert submission.state == SubmissionState.MALFORMED
    assert "giay-to-1.png" in submission.reason and not submission.files.exists()


def test_a_duplicated_delivery_is_recognised(desk, portal, client_fast):
    data = _submit(portal, desk, "G22-DUP-1")
    portal.submit(data)
    result = submissions_pull(client=client_fast)
    assert (result.new, result.duplicates) == (1, 1)
    assert OnlineSubmission.objects.get().deliveries == 2
    # Pulling again reads nothing twice: the cursor moved with each item.
    assert submissions_pull(client=client_fast).new == 0
    assert PullCursor.objects.get().position == 2


def test_completion_is_asked_online_and_the_completed_dossier_waits_again(
    desk, portal, client_fast
):
    data = _submit(portal, desk, "G22-CMP-1")
    submissions_pull(client=client_fast)
    submission = OnlineSubmission.objects.get()
    with pytest.raises(ValidationError):
        submission_request_completion(
            submission=submission, reason="", missing=[], actor=desk.officer
        )
    submission_request_completion(
        submission=submission,
        reason="Thiếu giấy chứng sinh",
        missing=["Giấy chứng sinh bản chính"],
        actor=desk.officer,
    )
    outbox_send(client=client_fast)
    assert portal.held("G22-CMP-1")["TrangThaiHoSo"] == 5
    # The citizen completes it on the portal; it comes back under the same code.
    portal.submit({**data, "TrichYeuHoSo": "Đã bổ sung"})
    assert submissions_pull(client=client_fast).revised == 1
    submission.refresh_from_db()
    assert submission.state == SubmissionState.WAITING and submission.summary == "Đã bổ sung"
    dossier = submission_receive(submission=submission, actor=desk.officer)
    outbox_send(client=client_fast)
    assert portal.held("G22-CMP-1")["TrangThaiHoSo"] == 2
    assert dossier.status == Status.RECEIVED


def test_a_refusal_goes_back_with_its_reason(desk, portal, client_fast, world):
    _submit(portal, desk, "G22-REF-1")
    submissions_pull(client=client_fast)
    submission = OnlineSubmission.objects.get()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        submission_refuse(submission=submission, reason="x", actor=world.viewer)
    submission_refuse(submission=submission, reason="Không thuộc thẩm quyền", actor=desk.officer)
    outbox_send(client=client_fast)
    body = next(iter(portal.delivered().values()))
    assert body["data"]["TrangThaiHoSo"] == 3 and "thẩm quyền" in body["data"]["GhiChu"]


def test_a_thousand_online_dossiers_with_bad_and_repeated_deliveries(desk, portal, client_fast):
    """1,000 dossiers: 5% malformed, 5% delivered twice → every good one received once,
    every bad one kept with its reason."""
    good, bad = [], []
    for index in range(1000):
        code = f"G22-260302-{index:05d}"
        if index % 20 == 7:
            _label, change = MALFORMATIONS[index % len(MALFORMATIONS)]
            data = _submit(portal, desk, code, files=1, **change)
            bad.append(code)
        else:
            data = _submit(portal, desk, code, files=1)
            good.append(code)
        if index % 20 == 3:
            portal.submit(data)  # the portal delivers it again
    pulled = submissions_pull(client=client_fast, pages=100)
    assert pulled.new == 950 and pulled.malformed == 50 and pulled.duplicates == 50
    waiting = OnlineSubmission.objects.filter(state=SubmissionState.WAITING)
    assert sorted(waiting.values_list("portal_code", flat=True)) == good
    kept = OnlineSubmission.objects.filter(state=SubmissionState.MALFORMED)
    assert sorted(kept.values_list("portal_code", flat=True)) == bad
    assert all(reason for reason in kept.values_list("reason", flat=True))
    for submission in waiting.order_by("id")[:50]:
        submission_receive(submission=submission, actor=desk.officer)
    assert Dossier.objects.filter(channel=Channel.ONLINE).count() == 50
    assert submissions_pull(client=client_fast).new == 0
