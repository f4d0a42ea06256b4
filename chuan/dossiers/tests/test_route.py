"""A dossier follows its internal process: it is finished at the step giving the result,
after every step before it, a signing step only by a leader of the agency; each hand-over's
receiving side is recorded; an extension stays within working time and its limit."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest

from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.dossiers import services
from chuan.dossiers.choices import Status
from chuan.dossiers.models import DailyFigure, DossierEvent
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import at, make_desk, receive
from chuan.procedures.tests.factories import approved_process, make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return make_desk(world)


def _to_step_2(desk, when=None):
    dossier = receive(desk, desk.land, when or at(2, 8))  # Monday 2/3/2026, due 16/3 17:00
    return services.dossier_hand_over(
        dossier=dossier, actor=desk.officer, to_user=desk.official, at=at(2, 9)
    )


def test_finishing_before_the_signing_step_is_refused_and_names_it(desk):
    dossier = _to_step_2(desk)
    with pytest.raises(ConflictError) as caught:
        services.dossier_finish(
            dossier=dossier, result="approved", note="", actor=desk.official, at=at(3, 9)
        )
    # The steps not yet gone through up to the result, named as the process names them.
    assert "3. Bước 3 — " in caught.value.message
    assert "4. Bước 4" not in caught.value.message
    dossier.refresh_from_db()
    assert (dossier.status, dossier.current_step, dossier.ended_at) == (Status.PROCESSING, 2, None)
    assert not DossierEvent.objects.filter(kind="finished").exists()
    assert not DailyFigure.objects.filter(finished_early=1).exists()
    # Even a leader cannot skip the steps.
    with pytest.raises(ConflictError):
        services.dossier_finish(
            dossier=dossier, result="approved", note="", actor=desk.leader, at=at(3, 9)
        )


def test_a_signing_step_is_completed_only_by_a_leader(desk, world):
    land2 = make_procedure(
        world.gia_lai_2025, "1.012788", name="Chuyển mục đích sử dụng đất", field_name="Đất đai"
    )
    # Department, the leader signs at step 2, the department records and issues the result
    # at step 3 (marked), the desk returns it at step 4.
    process = approved_process(
        desk.agency,
        land2,
        "2",
        "2",
        "2",
        "1",
        responsible=("department", "leader", "department", "desk"),
        signing=(2,),
    )
    step3 = process.steps.get(order=3)
    step3.gives_result = True
    step3.save()
    dossier = receive(desk, land2, at(2, 8))
    assert [s.gives_result for s in dossier.steps.all()] == [False, False, True, False]
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.official, to_user=desk.leader, at=at(2, 9)
    )
    for someone in (desk.official, desk.officer):
        with pytest.raises(ForbiddenError) as caught:
            services.dossier_hand_over(dossier=dossier, actor=someone, at=at(2, 10))
        assert "2. Bước 2" in caught.value.message
    dossier.refresh_from_db()
    assert dossier.current_step == 2
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.leader, to_user=desk.official, at=at(2, 10)
    )
    # Step 3 gives the result and is not signed: the official finishes there.
    with pytest.raises(ConflictError):
        services.dossier_hand_over(dossier=dossier, actor=desk.official, at=at(2, 11))
    dossier = services.dossier_finish(
        dossier=dossier,
        result="approved",
        note="Quyết định số 5",
        actor=desk.official,
        at=at(2, 11),
    )
    assert (dossier.status, dossier.current_step) == (Status.FINISHED, 4)


def test_the_leader_finishes_at_the_signing_step(desk):
    dossier = _to_step_2(desk)
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.official, to_user=desk.leader, at=at(3, 9)
    )
    with pytest.raises(ForbiddenError):
        services.dossier_finish(
            dossier=dossier, result="approved", note="", actor=desk.official, at=at(3, 10)
        )
    dossier = services.dossier_finish(
        dossier=dossier, result="approved", note="", actor=desk.leader, at=at(3, 10)
    )
    assert dossier.status == Status.FINISHED
    signed = dossier.steps.get(order=3)
    assert (signed.given_by, signed.accepted_by) == (desk.leader, desk.leader)


def test_without_a_process_the_department_gives_the_result(desk):
    """The default route: the desk receives (step 1), the department gives the result
    (step 2), so the desk hands over before the dossier is finished."""
    dossier = receive(desk, desk.birth, at(2, 8))
    assert dossier.process is None
    assert [s.gives_result for s in dossier.steps.all()] == [False, True]
    with pytest.raises(ConflictError) as caught:
        services.dossier_finish(
            dossier=dossier, result="approved", note="", actor=desk.officer, at=at(2, 9)
        )
    assert "2. " in caught.value.message
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.officer, to_user=desk.official, at=at(2, 9)
    )
    dossier = services.dossier_finish(
        dossier=dossier, result="approved", note="", actor=desk.official, at=at(2, 10)
    )
    assert (dossier.status, dossier.current_step) == (Status.FINISHED, 2)


def test_the_receiving_side_of_each_hand_over(desk):
    dossier = receive(desk, desk.land, at(2, 8))
    first = dossier.steps.get(order=1)
    assert (first.accepted_by, first.accepted_at) == (desk.officer, at(2, 8))
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.officer, to_user=desk.official, at=at(2, 9)
    )
    assert dossier.steps.get(order=2).accepted_at is None
    with pytest.raises(ForbiddenError):  # handed to the official, not to the leader
        services.dossier_accept(dossier=dossier, actor=desk.leader, at=at(2, 9, 30))
    dossier = services.dossier_accept(dossier=dossier, actor=desk.official, at=at(2, 9, 30))
    second = dossier.steps.get(order=2)
    assert (second.accepted_by, second.accepted_at) == (desk.official, at(2, 9, 30))
    with pytest.raises(ConflictError):
        services.dossier_accept(dossier=dossier, actor=desk.official, at=at(2, 9, 40))
    # Handed to the department with no one named: the official who takes it accepts it and
    # holds it from then.
    dossier = services.dossier_hand_over(dossier=dossier, actor=desk.official, at=at(2, 10))
    with pytest.raises(ForbiddenError):  # step 3 is signed by a leader
        services.dossier_accept(dossier=dossier, actor=desk.official, at=at(2, 10, 30))
    dossier = services.dossier_accept(dossier=dossier, actor=desk.leader, at=at(2, 10, 30))
    assert dossier.holder == desk.leader
    dossier = services.dossier_finish(
        dossier=dossier, result="approved", note="", actor=desk.leader, at=at(2, 11)
    )
    # The result waits for the desk: only the desk accepts it, then returns it.
    with pytest.raises(ForbiddenError):
        services.dossier_accept(dossier=dossier, actor=desk.official, at=at(2, 13))
    dossier = services.dossier_accept(dossier=dossier, actor=desk.officer, at=at(2, 13))
    dossier = services.dossier_return(
        dossier=dossier, method="in_person", actor=desk.officer, at=at(2, 14)
    )
    returned = dossier.steps.get(order=4)
    assert (returned.accepted_at, returned.finished_at, returned.given_by) == (
        at(2, 13),
        at(2, 14),
        desk.officer,
    )
    assert list(dossier.events.filter(kind="accepted").values_list("data__step", flat=True)) == [
        2,
        3,
        4,
    ]


def test_a_re_assigned_step_is_accepted_again(desk):
    dossier = _to_step_2(desk)
    dossier = services.dossier_accept(dossier=dossier, actor=desk.official, at=at(2, 9, 30))
    services.dossier_assign(dossier=dossier, to_user=desk.leader, actor=desk.leader)
    step = dossier.steps.get(order=2)
    assert (step.assignee, step.accepted_at) == (desk.leader, None)


# --- Extension ----------------------------------------------------------------------------
# Received Thursday 6/8/2026 at 8:00, the land dossier is due Thursday 20/8 at 17:00. The
# limit is 10 working days further: 21/8, Saturday 22/8 (a working day swapped for Monday
# 31/8), 24–28/8, then 1/9 and 2/9 are National Day, so 3, 4 and 7/9: Monday 7/9 at 17:00.


def _august(desk):
    return receive(desk, desk.land, dt.datetime(2026, 8, 6, 8, tzinfo=VIETNAM))


def _extend(desk, dossier, new_due_at):
    return services.dossier_extend(
        dossier=dossier,
        new_due_at=new_due_at,
        reason="Chờ xác minh nguồn gốc đất",
        actor=desk.leader,
        at=dt.datetime(2026, 8, 17, 9, tzinfo=VIETNAM),
    )


def _aug(day, hour=17, month=8):
    return dt.datetime(2026, month, day, hour, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("new_due_at", "words"),
    [
        (_aug(2, month=9), "02/09/2026"),  # National Day
        (_aug(31), "31/08/2026"),  # the Monday given off for the swapped Saturday
        (_aug(29), "29/08/2026"),  # an ordinary Saturday
        (_aug(25, 12), "25/08/2026 12:00"),  # the lunch break
        (_aug(8, month=9), "07/09/2026 17:00"),  # past the limit
        (dt.datetime(2031, 1, 1, 17, tzinfo=VIETNAM), "01/01/2031"),  # New Year's Day
        (dt.datetime(9999, 12, 31, 17, tzinfo=VIETNAM), "07/09/2026 17:00"),
        (_aug(19), "sau hạn hiện tại"),  # not after the current due time
        (_aug(14), "sau thời điểm hiện tại"),  # before the time of the extension
    ],
)
def test_an_extension_is_refused_outside_working_time_or_its_limit(desk, new_due_at, words):
    dossier = _august(desk)
    assert dossier.due_at == _aug(20)
    with pytest.raises(ValidationError) as caught:
        _extend(desk, dossier, new_due_at)
    messages = caught.value.message_dict["new_due_at"]
    assert any(words in message for message in messages), messages
    dossier.refresh_from_db()
    assert dossier.due_at == _aug(20)
    assert not dossier.events.filter(kind="extended").exists()


def test_1_january_2031_is_refused_for_both_reasons(desk):
    dossier = _august(desk)
    with pytest.raises(ValidationError) as caught:
        _extend(desk, dossier, dt.datetime(2031, 1, 1, 17, tzinfo=VIETNAM))
    assert len(caught.value.message_dict["new_due_at"]) == 2


@pytest.mark.parametrize("new_due_at", [_aug(22), _aug(7, month=9), _aug(21, 9)])
def test_an_extension_to_a_working_time_within_the_limit(desk, new_due_at):
    dossier = _extend(desk, _august(desk), new_due_at)
    assert dossier.due_at == new_due_at and dossier.first_due_at == _aug(20)


@override_settings(CHUAN_EXTENSION_MAX_FACTOR=Decimal("1.5"))
def test_the_limit_follows_the_setting(desk):
    # Fifteen working days from 20/8: 7/9 and five more, Monday 14/9.
    assert _extend(desk, _august(desk), _aug(14, month=9)).due_at == _aug(14, month=9)
    with pytest.raises(ValidationError):
        _extend(desk, _august(desk), _aug(15, month=9))
