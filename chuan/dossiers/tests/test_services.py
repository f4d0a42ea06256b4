"""The desk through its services: receipt, hand-overs, pauses, extension, finish, return,
withdrawal and stop, on real dates; and what is refused changes nothing."""

import datetime as dt
import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

import pytest

from chuan.calendars import selectors as calendar_selectors
from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.dossiers import selectors, services
from chuan.dossiers.choices import NotReceivedKind, Status
from chuan.dossiers.models import (
    DailyFigure,
    Dossier,
    DossierEvent,
    DossierSequence,
    MonthlyFigure,
)
from chuan.dossiers.rules import LAST_DAY_NUMBER
from chuan.dossiers.services import Applicant
from chuan.dossiers.tests.factories import at, make_desk, receipt, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return make_desk(world)


def test_receipt_gives_code_due_time_steps_and_figures(desk):
    # Friday 13/2/2026 at 16:30, 10 working days: Tết closes 16–20/2, so the tenth working
    # day after receipt is Friday 6/3.
    dossier = receive(desk, desk.land, dt.datetime(2026, 2, 13, 16, 30, tzinfo=at(1, 0).tzinfo))
    assert dossier.code == "000.27.01.H21-260213-0001"
    assert dossier.status == Status.RECEIVED
    assert dossier.due_at == at(6, 17)
    assert dossier.first_due_at == dossier.due_at
    assert dossier.process is not None
    steps = list(dossier.steps.order_by("order"))
    assert [s.allotted_minutes for s in steps] == [240, 3360, 480, 240]
    assert steps[0].started_at is not None and steps[1].started_at is None
    # The first step's four working hours start at Friday 16:30: half an hour that day,
    # 3.5 hours on Monday 23/2 after Tết.
    assert steps[0].due_at == dt.datetime(2026, 2, 23, 11, 0, tzinfo=at(1, 0).tzinfo)
    assert [c.name for c in dossier.components.all()] == ["Tờ khai", "Giấy chứng sinh"]
    figure = DailyFigure.objects.get()
    assert (figure.day, figure.received_direct, figure.received_online) == (
        dt.date(2026, 2, 13),
        1,
        0,
    )
    assert ActivityEntry.objects.get(verb="dossier.received").actor == desk.officer
    second = receive(desk, desk.birth, dt.datetime(2026, 2, 13, 16, 40, tzinfo=at(1, 0).tzinfo))
    assert second.code.endswith("-260213-0002")
    # Same day, received after the 15:00 cut-off: due the next working day, 23/2 after Tết.
    assert second.due_at == dt.datetime(2026, 2, 23, 17, 0, tzinfo=at(1, 0).tzinfo)


def test_a_receipt_makes_only_writes(desk, monkeypatch, django_assert_num_queries):
    """In the transaction (a savepoint here, inside the test's own, and its release) the
    day's number, the dossier with its code, its papers, steps and event, the day's and the
    month's figures (one upsert each on SQLite, one statement on PostgreSQL) and the activity
    entry (the chain's head, the entry, the new head): 12 on SQLite, 11 on PostgreSQL (was
    14, with a read of the process in force and an UPDATE of the code). The rights, the
    scope, the agency and its province, the calendar, the version and the process in force
    were read already (the process is kept per process for the day)."""
    monkeypatch.setattr(calendar_selectors, "STAMP_TTL_SECONDS", 3600)  # the calendar stays built
    receive(desk, desk.land, at(2, 9))  # creates the day's figure and number rows
    with django_assert_num_queries(12 if connection.vendor == "sqlite" else 11):
        dossier = receive(desk, desk.land, at(2, 10))
    assert dossier.code.endswith("-0002")
    assert list(dossier.steps.values_list("order", flat=True)) == [1, 2, 3, 4]
    assert list(dossier.events.values_list("kind", flat=True)) == ["received"]


def test_a_hand_over_recorded_afterwards_makes_11_queries(
    desk, monkeypatch, django_assert_num_queries
):
    """A savepoint and its release here (inside the test's own); the dossier locked with its
    agency, unit, version and the time of its last action; its steps; the step given, the
    step taken and the dossier; the event and the activity entry (the chain's head, the
    entry, the new head): 16 before the agency's unit and the last action were read with the
    lock and the inner blocks stopped taking savepoints. The rights and the calendar were
    read already."""
    monkeypatch.setattr(calendar_selectors, "STAMP_TTL_SECONDS", 3600)  # the calendar stays built
    dossier = receive(desk, desk.land, at(2, 9))
    other = receive(desk, desk.land, at(2, 9))
    services.dossier_hand_over(
        dossier=other, actor=desk.officer, to_user=desk.official, at=at(2, 10)
    )
    with django_assert_num_queries(11):
        dossier = services.dossier_hand_over(
            dossier=dossier, actor=desk.officer, to_user=desk.official, at=at(2, 10)
        )
    assert dossier.current_step == 2


def test_a_busy_day_s_codes_grow_to_five_digits_and_can_be_looked_up(desk):
    DossierSequence.objects.create(agency=desk.agency, day=dt.date(2026, 3, 2), last=9998)
    last = receive(desk, desk.birth, at(2, 9))
    fifth = receive(desk, desk.birth, at(2, 10))
    assert last.code.endswith("-260302-9999") and fifth.code.endswith("-260302-10000")
    assert selectors.lookup(fifth.code.lower(), fifth.applicant_phone[-4:]) == fifth
    assert selectors.agency_of_code(fifth.code) == desk.agency


def test_the_day_s_last_code_and_a_refusal_takes_no_number(desk):
    day = dt.date(2026, 3, 2)
    DossierSequence.objects.create(agency=desk.agency, day=day, last=LAST_DAY_NUMBER - 1)
    assert receive(desk, desk.birth, at(2, 9)).code.endswith(f"-260302-{LAST_DAY_NUMBER}")
    with pytest.raises(ConflictError):
        receive(desk, desk.birth, at(2, 10))
    assert DossierSequence.objects.get(agency=desk.agency, day=day).last == LAST_DAY_NUMBER
    assert Dossier.objects.count() == 1 and DailyFigure.objects.get().received_direct == 1


@pytest.mark.parametrize(
    ("applicant", "field"),
    [
        ({"id_number": "12345"}, "applicant_id_number"),
        ({"id_number": "003095000123"}, "applicant_id_number"),
        ({"phone": "12"}, "applicant_phone"),
        ({"name": "  "}, "applicant_name"),
        ({"email": "không phải email"}, "applicant_email"),
    ],
)
def test_bad_applicants_are_refused_and_nothing_is_written(desk, applicant, field):
    values = {"name": "Nguyễn Thị Hoa", "id_number": "064095000123", "phone": "0905123456"}
    values.update(applicant)
    with pytest.raises(ValidationError) as caught:
        receive(desk, desk.birth, at(2, 9), applicant=Applicant(**values))
    assert field in caught.value.message_dict
    assert not Dossier.objects.exists() and not DailyFigure.objects.exists()


def test_an_agency_without_its_code_cannot_receive(desk):
    desk.agency.code = None
    desk.agency.save(update_fields=["code"])
    with pytest.raises(ValidationError) as caught:
        receive(desk, desk.birth, at(2, 9))
    assert "agency" in caught.value.message_dict


def test_a_version_not_in_force_is_refused(desk):
    with pytest.raises(ValidationError) as caught:
        receive(desk, desk.birth, dt.datetime(2025, 6, 30, 9, tzinfo=at(1, 0).tzinfo))
    assert "version" in caught.value.message_dict


def test_the_same_idempotency_key_gives_the_same_dossier(desk):
    first = receive(desk, desk.birth, at(2, 9), idempotency_key="abc-123")
    again = receive(desk, desk.birth, at(2, 9, 5), idempotency_key="abc-123")
    assert first.pk == again.pk and Dossier.objects.count() == 1


def test_not_receiving_needs_the_reason_and_the_missing_papers(desk):
    with pytest.raises(ValidationError) as caught:
        services.dossier_not_receive(
            agency=desk.agency,
            data=receipt(desk.birth),
            kind=NotReceivedKind.INCOMPLETE,
            reason="",
            missing=[],
            actor=desk.officer,
        )
    assert set(caught.value.message_dict) == {"reason", "missing"}
    dossier = services.dossier_not_receive(
        agency=desk.agency,
        data=receipt(desk.birth),
        kind=NotReceivedKind.INCOMPLETE,
        reason="Thiếu giấy chứng sinh",
        missing=["Giấy chứng sinh (bản chính)"],
        actor=desk.officer,
    )
    assert dossier.status == Status.NOT_RECEIVED and dossier.code is None
    assert dossier.events.get().data["missing"] == ["Giấy chứng sinh (bản chính)"]
    assert not DailyFigure.objects.exists()


def test_the_whole_life_of_a_dossier(desk):
    dossier = receive(desk, desk.land, at(2, 8))  # Monday 2/3/2026, due 16/3 17:00
    assert dossier.due_at == at(16, 17)
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.officer, to_user=desk.official, at=at(2, 10)
    )
    assert (dossier.status, dossier.current_step, dossier.holder) == (
        Status.PROCESSING,
        2,
        desk.official,
    )
    first = dossier.steps.get(order=1)
    assert first.timeliness == "on_time" and first.given_by == desk.officer
    # Supplement requested Wednesday 4/3 at 9:00, brought Monday 9/3 at 9:00: three working
    # days stood still, so the due time moves to Thursday 19/3.
    dossier = services.dossier_request_supplement(
        dossier=dossier,
        reason="Thiếu bản đồ",
        missing=["Mảnh trích đo"],
        actor=desk.official,
        at=at(4, 9),
    )
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    with pytest.raises(ConflictError):
        services.dossier_finish(dossier=dossier, result="approved", note="", actor=desk.official)
    dossier = services.dossier_supplement(dossier=dossier, actor=desk.officer, at=at(9, 9))
    assert dossier.status == Status.PROCESSING and dossier.due_at == at(19, 17)
    step = dossier.steps.get(order=2)
    assert step.due_at == at(16, 10)  # 7 working days from 2/3 10:00, plus the 3 paused
    # An extension before the due time, with its reason; the first due time is kept.
    dossier = services.dossier_extend(
        dossier=dossier,
        new_due_at=at(24, 17),
        reason="Chờ ý kiến cơ quan thuế",
        actor=desk.leader,
        at=at(18, 9),
    )
    assert dossier.due_at == at(24, 17) and dossier.first_due_at == at(16, 17)
    # Step 2 is handed to the leader, who signs the result at step 3 and finishes there.
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.official, to_user=desk.leader, at=at(19, 9)
    )
    assert dossier.current_step == 3
    assert dossier.steps.get(order=2).timeliness == "late"  # due 16/3 10:00, given 19/3
    with pytest.raises(ConflictError):  # the result step is finished, not handed over
        services.dossier_hand_over(dossier=dossier, actor=desk.leader, at=at(20, 9))
    dossier = services.dossier_finish(
        dossier=dossier, result="approved", note="", actor=desk.leader, at=at(23, 15)
    )
    assert (dossier.status, dossier.timeliness) == (Status.FINISHED, "early")
    # The desk's step 4 (the return) starts when the result is ready.
    assert dossier.current_step == 4
    assert dossier.steps.get(order=4).started_at == at(23, 15)
    dossier = services.dossier_return(
        dossier=dossier, method="in_person", actor=desk.officer, at=at(24, 8)
    )
    assert dossier.status == Status.RETURNED
    returned = dossier.steps.get(order=4)
    assert (returned.finished_at, returned.given_by) == (at(24, 8), desk.officer)
    figure = DailyFigure.objects.get(day=dt.date(2026, 3, 23))
    assert figure.finished_early == 1
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds == [
        "received",
        "handed_over",
        "supplement_requested",
        "supplemented",
        "extended",
        "handed_over",
        "finished",
        "returned",
    ]
    dossier = services.dossier_rate(dossier=dossier, satisfaction="very_satisfied")
    with pytest.raises(ConflictError):
        services.dossier_rate(dossier=dossier, satisfaction="satisfied")
    # The rating is counted on the day it was given, where the QMS's objectives read it.
    rated = DailyFigure.objects.get(day=timezone.localdate())
    assert (rated.rated_very_satisfied, rated.rated_satisfied, rated.rated_not_satisfied) == (
        1,
        0,
        0,
    )
    month = MonthlyFigure.objects.get(month=timezone.localdate().replace(day=1))
    assert month.rated_very_satisfied == 1


def test_an_extension_after_the_due_time_is_refused(desk):
    dossier = receive(desk, desk.birth, at(2, 8))  # due 2/3 17:00
    with pytest.raises(ConflictError):
        services.dossier_extend(
            dossier=dossier, new_due_at=at(5, 17), reason="Trễ", actor=desk.leader, at=at(3, 8)
        )
    dossier.refresh_from_db()
    assert dossier.due_at == at(2, 17)
    assert not DossierEvent.objects.filter(kind="extended").exists()


def test_a_late_finish_and_ends_otherwise(desk):
    late = receive(desk, desk.birth, at(2, 8))
    late = services.dossier_hand_over(
        dossier=late, actor=desk.officer, to_user=desk.official, at=at(2, 9)
    )
    late = services.dossier_finish(
        dossier=late, result="refused", note="Không đủ điều kiện", actor=desk.official, at=at(3, 9)
    )
    assert late.timeliness == "late"
    withdrawn = receive(desk, desk.birth, at(2, 9))
    with pytest.raises(ValidationError):
        services.dossier_withdraw(dossier=withdrawn, reason=" ", actor=desk.officer)
    withdrawn = services.dossier_withdraw(
        dossier=withdrawn, reason="Công dân có đơn xin rút", actor=desk.officer, at=at(2, 10)
    )
    stopped = receive(desk, desk.birth, at(2, 10))
    stopped = services.dossier_stop(
        dossier=stopped, reason="Hồ sơ giả mạo", actor=desk.leader, at=at(2, 11)
    )
    assert (withdrawn.status, stopped.status) == (Status.WITHDRAWN, Status.STOPPED)
    figure = DailyFigure.objects.get(day=dt.date(2026, 3, 2))
    assert (figure.received_direct, figure.ended_otherwise) == (3, 2)
    with pytest.raises(ConflictError):
        services.dossier_finish(dossier=stopped, result="approved", note="", actor=desk.leader)


def test_an_official_of_another_agency_can_do_nothing(desk, world):
    dossier = receive(desk, desk.birth, at(2, 8))
    with pytest.raises(PermissionDenied):
        services.dossier_finish(dossier=dossier, result="approved", note="", actor=world.outsider)
    with pytest.raises(PermissionDenied):
        services.dossier_receive(agency=desk.agency, data=receipt(desk.birth), actor=world.viewer)
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


@pytest.mark.django_db(transaction=True)
def test_parallel_receipts_get_unique_codes_without_gaps(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across threads are proven on PostgreSQL")
    desk = make_desk(world)
    codes, errors = [], []

    def work():
        try:
            dossier = receive(desk, desk.birth, at(2, 9))
            codes.append(dossier.code)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(int(code[-4:]) for code in codes) == list(range(1, 13))


def test_history_is_never_rewritten(desk):
    dossier = receive(desk, desk.land, at(2, 8))
    services.dossier_hand_over(dossier=dossier, actor=desk.officer, at=at(3, 9))
    with pytest.raises(ValidationError) as caught:
        services.dossier_finish(
            dossier=dossier, result="approved", note="", actor=desk.official, at=at(3, 8)
        )
    assert "at" in caught.value.message_dict
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING


@pytest.mark.django_db(transaction=True)
def test_actions_lock_within_their_own_transaction(world):
    """Outside any test transaction (as in production, in autocommit), each action opens
    its own transaction for the row locks it takes."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes no row locks; PostgreSQL refuses them outside a transaction")
    desk = make_desk(world)
    dossier = receive(desk, desk.land, at(2, 8))
    dossier = services.dossier_hand_over(dossier=dossier, actor=desk.officer, at=at(2, 9))
    dossier = services.dossier_request_supplement(
        dossier=dossier, reason="Thiếu", missing=["Sơ đồ"], actor=desk.official, at=at(2, 10)
    )
    dossier = services.dossier_supplement(dossier=dossier, actor=desk.officer, at=at(3, 10))
    dossier = services.dossier_extend(
        dossier=dossier, new_due_at=at(27, 17), reason="Chờ", actor=desk.leader, at=at(4, 9)
    )
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.official, to_user=desk.leader, at=at(5, 9)
    )
    dossier = services.dossier_finish(
        dossier=dossier, result="approved", note="", actor=desk.leader, at=at(5, 10)
    )
    dossier = services.dossier_return(
        dossier=dossier, method="postal", actor=desk.officer, at=at(5, 11)
    )
    assert dossier.status == Status.RETURNED


def test_apps_above_hear_every_event_the_desk_records(desk):
    from chuan.dossiers import hooks

    heard = []

    def listener(*, dossier, event, actor):
        heard.append((dossier.pk, event.kind, actor))

    hooks.on_event(listener)
    try:
        dossier = receive(desk, desk.land, dt.datetime(2026, 2, 13, 16, 30, tzinfo=at(1, 0).tzinfo))
    finally:
        hooks.event_recorded.disconnect(listener)
    assert heard == [(dossier.pk, DossierEvent.objects.get(dossier=dossier).kind, desk.officer)]
