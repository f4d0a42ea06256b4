"""Notices to citizens from the desk's events: consent decides, the phone and the e-mail on
the dossier choose the channels, nothing is written when the action rolls back, and the
worker sends after the commit and retries a gateway's failure."""

import datetime as dt
from typing import Any

from django.core import mail
from django.db import transaction
from django.utils import timezone

import pytest

from chuan.dossiers import services
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from chuan.notifications.choices import MailState
from chuan.notifications.models import OutgoingMail, OutgoingSms
from chuan.notifications.services.outbox import outbox_send_pending
from chuan.notifications.services.sms_outbox import sms_send_pending
from chuan.notifications.sms import LocmemBackend, SmsError

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world: Any) -> Any:
    return make_desk(world)


@pytest.fixture(autouse=True)
def _empty_locmem() -> Any:
    LocmemBackend.outbox.clear()
    LocmemBackend.failing = None
    yield
    LocmemBackend.failing = None


def _applicant(desk: Any, **changes: Any) -> Any:
    from chuan.dossiers.tests.factories import receipt

    applicant = receipt(desk.land).applicant
    for name, value in changes.items():
        setattr(applicant, name, value)
    return applicant


def test_without_consent_nothing_is_written(desk: Any) -> None:
    dossier = receive(desk, desk.land, at(2, 9), applicant=_applicant(desk, email="hoa@example.vn"))
    assert not dossier.applicant_notices
    assert not OutgoingSms.objects.exists() and not OutgoingMail.objects.exists()


def test_receipt_supplement_and_result_with_consent(desk: Any) -> None:
    dossier = receive(
        desk,
        desk.land,
        at(2, 9),
        applicant=_applicant(desk, notices=True, email="hoa@example.vn"),
    )
    sms = OutgoingSms.objects.get()
    assert sms.key.startswith("dossier-event-") and sms.to_number == "0905123456"
    assert sms.text.isascii() and len(sms.text) <= 160
    assert dossier.code in sms.text and "da duoc tiep nhan" in sms.text
    assert "/tra-cuu/" in sms.text
    email = OutgoingMail.objects.get()
    assert email.to_address == "hoa@example.vn" and email.user is None
    assert "đã được tiếp nhận" in email.body_text  # the e-mail keeps its diacritics
    services.dossier_hand_over(dossier=dossier, actor=desk.officer, to_user=desk.official)
    assert OutgoingSms.objects.count() == 1  # a hand-over tells the citizen nothing
    dossier.refresh_from_db()
    services.dossier_request_supplement(
        dossier=dossier, reason="Thiếu bản vẽ", missing=["Bản vẽ thửa đất"], actor=desk.official
    )
    assert OutgoingSms.objects.count() == 2
    assert "bo sung" in OutgoingSms.objects.order_by("pk").last().text


def test_result_ready(desk: Any) -> None:
    dossier = receive(desk, desk.birth, at(2, 9), applicant=_applicant(desk, notices=True))
    finish_through(desk, dossier, at(2, 10))
    texts = list(OutgoingSms.objects.order_by("pk").values_list("text", flat=True))
    assert len(texts) == 2 and "da co ket qua" in texts[1]
    assert not OutgoingMail.objects.exists()  # phone only: no e-mail


def test_email_only(desk: Any) -> None:
    dossier = receive(
        desk, desk.birth, at(2, 9), applicant=_applicant(desk, notices=True, email="a@b.vn")
    )
    # A dossier from the portal may come without a phone: the e-mail alone is used.
    type(dossier).objects.filter(pk=dossier.pk).update(applicant_phone="")
    dossier.refresh_from_db()
    OutgoingSms.objects.all().delete()
    OutgoingMail.objects.all().delete()
    finish_through(desk, dossier, at(2, 10))
    assert not OutgoingSms.objects.exists()
    assert OutgoingMail.objects.get().subject.endswith("đã có kết quả")


def test_a_rolled_back_action_leaves_no_notice(desk: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        receive(desk, desk.land, at(2, 9), applicant=_applicant(desk, notices=True))
        raise RuntimeError
    assert not OutgoingSms.objects.exists()


def test_the_worker_is_queued_after_commit_and_sends(
    desk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        receive(
            desk,
            desk.land,
            at(2, 9),
            applicant=_applicant(desk, notices=True, email="hoa@example.vn"),
        )
    assert len(callbacks) == 1
    from django_tasks_db.models import DBTaskResult

    paths = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "chuan.notifications.tasks.send_pending_sms",
        "chuan.notifications.tasks.send_pending_mail",
    } <= paths
    # Nothing was sent during the request: the worker sends.
    assert not LocmemBackend.outbox and not mail.outbox
    assert sms_send_pending().sent == 1 and len(LocmemBackend.outbox) == 1
    assert outbox_send_pending().sent == 1 and len(mail.outbox) == 1


def test_a_gateway_failure_is_retried(desk: Any) -> None:
    receive(desk, desk.land, at(2, 9), applicant=_applicant(desk, notices=True))
    LocmemBackend.failing = SmsError("HTTP 503")
    now = timezone.now()
    assert sms_send_pending(now=now).retried == 1
    sms = OutgoingSms.objects.get()
    assert (sms.state, sms.attempts) == (MailState.PENDING, 1)
    LocmemBackend.failing = None
    assert sms_send_pending(now=now + dt.timedelta(minutes=1)).sent == 1
    assert [s.message_id for s in LocmemBackend.outbox] == [sms.key]


def test_consent_through_the_receipt_form_and_the_api(client: Any, desk: Any) -> None:
    from chuan.dossiers.models import Dossier

    client.force_login(desk.officer)
    body = {
        "procedure": desk.birth.procedure.code,
        "channel": 1,
        "applicant": {
            "name": "Nguyễn Văn A",
            "id_number": "064095000124",
            "phone": "0905 111 222",
            "notices": True,
        },
    }
    response = client.post("/api/v1/dossiers/", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["applicant_notices"] is True
    assert Dossier.objects.get().applicant_notices
    assert OutgoingSms.objects.count() == 1
