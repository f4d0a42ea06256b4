"""Every rule of the corrective-action request's services (ISO 9001:2015, 10.2)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

import pytest

from chuan.calendars.models import CalendarDay
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.models import ActivityEntry
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.models import Action
from chuan.improvement.selectors import nonconformities as selectors
from chuan.improvement.services import nonconformities as services
from chuan.improvement.tests.nc_factories import at, cast, plan_data, raise_nc, walk_to

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    """The refusals are read in the code's language here; the screens' tests read Vietnamese."""
    with translation.override("en"):
        yield


def test_confirm_by_the_department_head_or_the_agency_managers(world):
    c = cast(world)
    for actor in (c.head, world.secretary, world.leader):
        nc = raise_nc(c)
        assert services.nonconformity_confirm(nc=nc, actor=actor).confirmed_by == actor
    nc = raise_nc(c)
    with pytest.raises(ForbiddenError, match="head of the department"):
        services.nonconformity_confirm(nc=nc, actor=c.owner)
    with pytest.raises(PermissionDenied):
        services.nonconformity_confirm(nc=nc, actor=world.outsider)
    nc.refresh_from_db()
    assert nc.state == NcState.DESCRIBED
    assert ActivityEntry.objects.filter(verb="nonconformity.confirmed").count() == 3


def test_plan_counts_working_days_by_the_calendar_and_names_refused_fields(world):
    c = cast(world)
    CalendarDay.objects.create(
        date=D(2026, 3, 4), kind="day_off", name="Nghỉ bù", legal_basis="Thông báo"
    )
    nc = walk_to(c, NcState.CONFIRMED)
    bad = services.PlanData(
        correction=" ",
        root_cause="",
        whys=["1", "2", "3", "4", "5", "6"],
        actions=[services.ActionData("x", world.outsider, 5)],
    )
    with pytest.raises(ValidationError) as error:
        services.nonconformity_plan(nc=nc, data=bad, actor=c.head, at=at(3, 3))
    assert set(error.value.message_dict) == {"correction", "whys", "root_cause", "actions"}
    for actions in ([], [services.ActionData("x", c.owner, 0)]):
        data = services.PlanData(correction="a", root_cause="b", actions=actions)
        with pytest.raises(ValidationError) as error:
            services.nonconformity_plan(nc=nc, data=data, actor=c.head, at=at(3, 3))
        assert set(error.value.message_dict) == {"actions"}
    with pytest.raises(ForbiddenError):
        services.nonconformity_plan(nc=nc, data=plan_data(c), actor=c.owner, at=at(3, 3))
    assert not nc.actions.exists()
    nc = services.nonconformity_plan(nc=nc, data=plan_data(c), actor=c.head, at=at(3, 3))
    dues = list(nc.actions.order_by("order").values_list("due_on", "working_days"))
    # Tue 3/3 + 5 working days, Wed 4/3 off: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11.
    assert dues == [(D(2026, 3, 11), 5), (D(2026, 3, 18), 10)]
    assert nc.whys == ["Vì cán bộ không biết", "Vì quy trình không nêu"]
    assert nc.state == NcState.PLANNED and nc.planned_by == c.head


def test_send_back_and_approve_only_by_a_leader(world):
    c = cast(world)
    nc = walk_to(c, NcState.PLANNED)
    with pytest.raises(ForbiddenError, match="leader"):
        services.nonconformity_approve(nc=nc, actor=world.secretary)
    with pytest.raises(ForbiddenError):
        services.nonconformity_send_back(nc=nc, note="Thiếu", actor=c.head)
    with pytest.raises(ValidationError) as error:
        services.nonconformity_send_back(nc=nc, note=" ", actor=world.leader)
    assert set(error.value.message_dict) == {"note"}
    nc = services.nonconformity_send_back(nc=nc, note="Thiếu nguồn lực", actor=world.leader)
    assert nc.state == NcState.CONFIRMED and nc.return_note == "Thiếu nguồn lực"
    # Planned again: the sent-back actions are replaced, not added to.
    nc = services.nonconformity_plan(nc=nc, data=plan_data(c), actor=c.head, at=at(3, 3))
    assert nc.actions.count() == 2
    with pytest.raises(ValidationError) as error:
        services.nonconformity_approve(
            nc=nc, actor=world.leader, check_on=D(2026, 3, 1), at=at(3, 4)
        )
    assert set(error.value.message_dict) == {"check_on"}
    nc = services.nonconformity_approve(nc=nc, actor=world.leader, at=at(3, 4))
    assert nc.check_on == D(2026, 3, 17) and nc.return_note == ""


def test_action_complete_by_owner_or_secretary_and_last_one_moves_the_request(world):
    c = cast(world)
    nc = walk_to(c, NcState.APPROVED)
    first, second = nc.actions.order_by("order")
    with pytest.raises(ForbiddenError, match="responsible"):
        services.action_complete(action=first, result="Xong", actor=c.head)
    with pytest.raises(ValidationError) as error:
        services.action_complete(action=first, result=" ", actor=c.owner)
    assert set(error.value.message_dict) == {"result"}
    services.action_complete(action=first, result="Đã sửa", actor=c.owner, at=at(3, 9))
    nc.refresh_from_db()
    assert nc.state == NcState.APPROVED
    with pytest.raises(ConflictError):
        services.action_complete(action=first, result="Lại", actor=c.owner)
    services.action_complete(action=second, result="Đã tập huấn", actor=world.secretary)
    nc.refresh_from_db()
    assert nc.state == NcState.IMPLEMENTED
    second.refresh_from_db()
    assert second.done_by == world.secretary


def test_verify_waits_for_the_check_day_and_someone_who_implemented_nothing(world):
    c = cast(world)
    nc = walk_to(c, NcState.IMPLEMENTED)
    assert nc.check_on == D(2026, 3, 17)
    with pytest.raises(ForbiddenError, match="17/03/2026"):
        services.nonconformity_verify(
            nc=nc, effective=True, note="x", actor=world.leader, at=at(3, 16)
        )
    # The secretary recorded an action done for its owner: they implemented it.
    action = Action.objects.create(
        agency=nc.agency,
        nonconformity=nc,
        description="y",
        owner=c.owner,
        due_on=D(2026, 3, 5),
        state="done",
        done_by=world.secretary,
        done_on=D(2026, 3, 5),
    )
    with pytest.raises(ForbiddenError, match="implemented"):
        services.nonconformity_verify(
            nc=nc, effective=True, note="x", actor=world.secretary, at=at(3, 20)
        )
    action.delete()
    with pytest.raises(ForbiddenError):
        services.nonconformity_verify(nc=nc, effective=True, note="x", actor=c.head, at=at(3, 20))
    with pytest.raises(ValidationError):
        services.nonconformity_verify(
            nc=nc, effective=True, note="", actor=world.secretary, at=at(3, 20)
        )
    nc = services.nonconformity_verify(
        nc=nc, effective=False, note="Vẫn trễ", actor=world.secretary, at=at(3, 20)
    )
    assert nc.state == NcState.REOPENED and nc.reopened_count == 1
    # A new round: the earlier actions stay as history.
    nc = services.nonconformity_plan(nc=nc, data=plan_data(c), actor=c.head, at=at(3, 23))
    assert list(nc.actions.order_by("order").values_list("order", "state")) == [
        (1, "done"),
        (2, "done"),
        (3, "open"),
        (4, "open"),
    ]


def test_cancel_needs_a_reason_and_a_manager(world):
    c = cast(world)
    nc = raise_nc(c)
    with pytest.raises(ForbiddenError):
        services.nonconformity_cancel(nc=nc, reason="Trùng", actor=c.head)
    with pytest.raises(ValidationError) as error:
        services.nonconformity_cancel(nc=nc, reason="", actor=world.secretary)
    assert set(error.value.message_dict) == {"reason"}
    nc = services.nonconformity_cancel(nc=nc, reason="Ghi trùng", actor=world.secretary)
    assert nc.state == NcState.CANCELLED and nc.cancel_reason == "Ghi trùng"


def test_a_root_cause_that_comes_back_is_flagged(world):
    c = cast(world)
    first = walk_to(c, NcState.CLOSED)
    again = walk_to(c, NcState.CONFIRMED)
    data = plan_data(c, root_cause="  CHUA CO quy dinh ve phieu xin loi. ")
    again = services.nonconformity_plan(nc=again, data=data, actor=c.head, at=at(4, 6))
    assert again.repeats == first
    other_clause = walk_to(c, NcState.CONFIRMED, clause="7.2")
    other_clause = services.nonconformity_plan(
        nc=other_clause, data=plan_data(c), actor=c.head, at=at(4, 6)
    )
    assert other_clause.repeats is None
    entries = ActivityEntry.objects.filter(verb="nonconformity.planned")
    assert [e.changes["repeats"] for e in entries].count(first.code) == 1


def test_actions_due_cover_corrective_and_review_actions_overdue_first(world):
    c = cast(world)
    nc = walk_to(c, NcState.APPROVED)
    planned = walk_to(c, NcState.PLANNED)
    review_output = Action.objects.create(
        agency=world.chu_se_pc,
        description="Bổ sung máy scan",
        owner=c.owner,
        due_on=D(2026, 3, 6),
    )
    due = list(selectors.actions_due(user=c.owner, today=D(2026, 3, 12)))
    assert due[0] == review_output
    assert {a.nonconformity_id for a in due[1:]} == {nc.pk}
    assert planned.pk not in {a.nonconformity_id for a in due}
    summary = selectors.actions_summary(user=c.owner, today=D(2026, 3, 12))
    assert summary["total"] == 3 and summary["overdue"] == 2
    counts = selectors.card_counts(agency_id=world.chu_se_pc.pk, today=D(2026, 3, 12))
    assert counts == {"open": 2, "overdue": 2}


def test_corrective_actions_on_time(world):
    c = cast(world)
    nc = walk_to(c, NcState.APPROVED)
    first, second = nc.actions.order_by("order")  # due 10/03 and 17/03
    services.action_complete(action=first, result="Xong", actor=c.owner, at=at(3, 10))
    services.action_complete(action=second, result="Xong", actor=c.owner, at=at(3, 20))
    assert selectors.corrective_actions_on_time(
        agency_id=world.chu_se_pc.pk, start=D(2026, 3, 1), end=D(2026, 3, 31)
    ) == (1, 2)
    assert selectors.corrective_actions_on_time(
        agency_id=world.chu_se_pc.pk, start=D(2026, 4, 1), end=D(2026, 4, 30)
    ) == (0, 0)


def test_review_input_by_source_and_severity(world, settings):
    settings.LANGUAGE_CODE = "en"
    c = cast(world)
    walk_to(c, NcState.CLOSED)
    reopened = walk_to(c, NcState.REOPENED, severity=Severity.MAJOR)
    overdue = walk_to(c, NcState.APPROVED, source=NcSource.CITIZEN)
    walk_to(c, NcState.DESCRIBED, found_on=D(2025, 12, 1))
    result = selectors.review_input(agency=world.chu_se_pc, start=D(2026, 1, 1), end=D(2026, 6, 30))
    assert result.headers == [
        "Found through",
        "Major nonconformity",
        "Minor nonconformity",
        "Observation",
        "Total",
    ]
    assert result.rows == [
        ["Internal audit", 1, 1, 0, 2],
        ["Citizen's rating or complaint", 0, 1, 0, 1],
        ["Total", 1, 2, 0, 3],
    ]
    assert "3 nonconformities" in result.summary and "1 closed, 2 still open" in result.summary
    assert "1 with actions overdue" in result.summary
    assert f"Reopened after an ineffective verification: {reopened.code}." in result.summary
    assert f"{overdue.code} (KPH-2026-001)" in result.summary
