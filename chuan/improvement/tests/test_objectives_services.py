import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.models import ActivityEntry
from chuan.dossiers.rules import VIETNAM
from chuan.improvement.choices import Measure, ObjectiveState
from chuan.improvement.models import ObjectiveMeasurement
from chuan.improvement.services import objectives as services
from chuan.organisations.models import Department

pytestmark = pytest.mark.django_db

DECEMBER = dt.datetime(2026, 12, 15, 9, tzinfo=VIETNAM)


def data(**overrides):
    values = {
        "name": "Hồ sơ giải quyết đúng hạn",
        "indicator": "Tỷ lệ hồ sơ trả đúng hạn và trước hạn",
        "comparison": "gte",
        "target": Decimal(98),
        "unit": "percent",
        "measure": Measure.ON_TIME,
    }
    values.update(overrides)
    return services.ObjectiveData(**values)


def manual(world, **overrides):
    values = {
        "measure": Measure.MANUAL_MONTH,
        "unit": "count",
        "comparison": "lte",
        "target": Decimal(2),
        "name": "Phản ánh, kiến nghị",
        "indicator": "Số phản ánh của người dân",
    }
    values.update(overrides)
    return services.objective_create(
        agency=world.chu_se_pc, year=2026, data=data(**values), actor=world.secretary
    )


def planned(world, objective):
    services.plan_line_add(
        objective=objective,
        action="Nhắc việc hằng tuần",
        owner="Văn phòng",
        deadline=dt.date(2026, 3, 31),
        actor=world.secretary,
    )
    return objective


def test_create_numbers_per_agency_and_year(world):
    first = services.objective_create(
        agency=world.chu_se_pc, year=2026, data=data(), actor=world.secretary
    )
    second = services.objective_create(
        agency=world.chu_se_pc, year=2026, data=data(), actor=world.leader
    )
    other = services.objective_create(
        agency=world.chu_se_pc, year=2027, data=data(), actor=world.secretary
    )
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.state == ObjectiveState.DRAFT
    assert ActivityEntry.objects.filter(verb="objective.created").count() == 3


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"name": " "}, {"name"}),
        ({"indicator": ""}, {"indicator"}),
        ({"comparison": "gt"}, {"comparison"}),
        ({"target": Decimal(101)}, {"target"}),
        ({"target": Decimal(-1)}, {"target"}),
        ({"unit": "kg"}, {"unit"}),
        ({"measure": "guess"}, {"measure"}),
        ({"unit": "count"}, {"unit"}),  # on-time is a percentage
        ({"measure": Measure.OVERDUE_NOW}, {"unit"}),  # overdue is a count
        ({"measure": Measure.REVIEWS_ON_TIME, "field": "F"}, {"procedure"}),
    ],
)
def test_refused_input_changes_nothing(world, overrides, fields):
    if overrides.get("field") == "F":
        from chuan.procedures.models import Field

        overrides["field"] = Field.objects.create(name="Hộ tịch")
    with pytest.raises(ValidationError) as error:
        services.objective_create(
            agency=world.chu_se_pc, year=2026, data=data(**overrides), actor=world.secretary
        )
    assert set(error.value.message_dict) == fields
    assert not ActivityEntry.objects.filter(verb__startswith="objective.").exists()


def test_department_of_another_agency_and_bad_year(world):
    elsewhere = Department.objects.create(agency=world.kon_tum_dept, name="Văn phòng")
    with pytest.raises(ValidationError) as error:
        services.objective_create(
            agency=world.chu_se_pc, year=1999, data=data(department=elsewhere), actor=world.leader
        )
    assert set(error.value.message_dict) == {"department", "year"}


def test_who_may(world):
    for actor in (world.viewer, world.outsider, world.coordinator):
        with pytest.raises(PermissionDenied):
            services.objective_create(agency=world.chu_se_pc, year=2026, data=data(), actor=actor)
    objective = planned(world, manual(world))
    # Only a leader of the agency approves: not the secretary, not another agency's leader.
    for actor in (world.secretary, world.outsider, world.admin):
        with pytest.raises(ForbiddenError):
            services.objective_approve(objective=objective, actor=actor)
    services.objective_approve(objective=objective, actor=world.leader)


def test_approval_needs_a_plan_and_a_draft(world):
    objective = manual(world)
    with pytest.raises(ValidationError) as error:
        services.objective_approve(objective=objective, actor=world.leader)
    assert "plan" in error.value.message_dict
    planned(world, objective)
    objective = services.objective_approve(objective=objective, actor=world.leader)
    assert objective.state == ObjectiveState.APPROVED and objective.approved_by == world.leader
    with pytest.raises(ConflictError):
        services.objective_approve(objective=objective, actor=world.leader)


def test_changing_the_aim_of_an_approved_objective_needs_approval_again(world):
    objective = planned(world, manual(world))
    services.objective_approve(objective=objective, actor=world.leader)
    # The name alone: recorded, still approved.
    objective = services.objective_update(
        objective=objective, data=data(**_manual_values(name="Phản ánh")), actor=world.secretary
    )
    assert objective.state == ObjectiveState.APPROVED
    entry = ActivityEntry.objects.filter(verb="objective.changed").latest("pk")
    assert set(entry.changes) == {"name"}
    # The target: back to draft.
    objective = services.objective_update(
        objective=objective,
        data=data(**_manual_values(target=Decimal(1))),
        actor=world.secretary,
    )
    assert objective.state == ObjectiveState.DRAFT and objective.approved_by is None
    entry = ActivityEntry.objects.filter(verb="objective.changed").latest("pk")
    assert entry.changes["state"] == ["approved", "draft"]
    # No change: nothing recorded.
    count = ActivityEntry.objects.count()
    services.objective_update(
        objective=objective, data=data(**_manual_values(target=Decimal(1))), actor=world.leader
    )
    assert ActivityEntry.objects.count() == count


def _manual_values(**overrides):
    values = {
        "measure": Measure.MANUAL_MONTH,
        "unit": "count",
        "comparison": "lte",
        "target": Decimal(2),
        "name": "Phản ánh, kiến nghị",
        "indicator": "Số phản ánh của người dân",
    }
    values.update(overrides)
    return values


def test_manual_values_per_month_and_quarter(world):
    objective = manual(world)
    now = dt.datetime(2026, 6, 20, 9, tzinfo=VIETNAM)
    first = services.measurement_record(
        objective=objective,
        day=dt.date(2026, 5, 9),
        value=Decimal(3),
        actor=world.secretary,
        now=now,
    )
    again = services.measurement_record(
        objective=objective,
        day=dt.date(2026, 5, 1),
        value=Decimal(1),
        note="Sau đối chiếu",
        actor=world.leader,
        now=now,
    )
    assert first.pk == again.pk and again.value == 1 and again.recorded_by == world.leader
    assert again.period == dt.date(2026, 5, 1)
    for day in (dt.date(2025, 12, 1), dt.date(2026, 7, 1)):  # another year; the future
        with pytest.raises(ValidationError):
            services.measurement_record(
                objective=objective, day=day, value=Decimal(1), actor=world.secretary, now=now
            )
    quarterly = manual(world, measure=Measure.MANUAL_QUARTER, unit="percent")
    value = services.measurement_record(
        objective=quarterly,
        day=dt.date(2026, 5, 9),
        value=Decimal(95),
        actor=world.secretary,
        now=now,
    )
    assert value.period == dt.date(2026, 4, 1)
    with pytest.raises(ValidationError):
        services.measurement_record(
            objective=quarterly,
            day=dt.date(2026, 5, 9),
            value=Decimal(101),
            actor=world.secretary,
            now=now,
        )
    live = services.objective_create(
        agency=world.chu_se_pc, year=2026, data=data(), actor=world.secretary
    )
    with pytest.raises(ConflictError):
        services.measurement_record(
            objective=live,
            day=dt.date(2026, 5, 9),
            value=Decimal(95),
            actor=world.secretary,
            now=now,
        )
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            objective=objective,
            day=dt.date(2026, 5, 9),
            value=Decimal(1),
            actor=world.viewer,
            now=now,
        )


def test_year_end_evaluation_freezes(world):
    objective = planned(world, manual(world))
    now = dt.datetime(2026, 6, 20, 9, tzinfo=VIETNAM)
    services.measurement_record(
        objective=objective,
        day=dt.date(2026, 6, 1),
        value=Decimal(1),
        actor=world.secretary,
        now=now,
    )
    # A draft is not evaluated; nor before December.
    with pytest.raises(ConflictError):
        services.objective_evaluate(
            objective=objective, reason="Đạt", actor=world.secretary, now=DECEMBER
        )
    services.objective_approve(objective=objective, actor=world.leader)
    with pytest.raises(ConflictError):
        services.objective_evaluate(
            objective=objective, reason="Đạt", actor=world.secretary, now=now
        )
    with pytest.raises(ValidationError):
        services.objective_evaluate(
            objective=objective, reason=" ", actor=world.secretary, now=DECEMBER
        )
    objective = services.objective_evaluate(
        objective=objective, reason="Chỉ 1 phản ánh trong năm", actor=world.secretary, now=DECEMBER
    )
    assert objective.state == ObjectiveState.EVALUATED
    assert objective.value_reached == Decimal(1) and objective.met is True
    # Frozen: nothing changes any more.
    with pytest.raises(ConflictError):
        services.objective_update(
            objective=objective, data=data(**_manual_values()), actor=world.leader
        )
    with pytest.raises(ConflictError):
        planned(world, objective)
    with pytest.raises(ConflictError):
        services.measurement_record(
            objective=objective,
            day=dt.date(2026, 6, 1),
            value=Decimal(9),
            actor=world.secretary,
            now=DECEMBER,
        )
    with pytest.raises(ConflictError):
        services.plan_line_remove(line=objective.plan.first(), actor=world.secretary)
    with pytest.raises(ConflictError):
        services.objective_evaluate(
            objective=objective, reason="x", actor=world.secretary, now=DECEMBER
        )
    assert ObjectiveMeasurement.objects.get(objective=objective).value == 1


def test_evaluating_without_data_is_not_met(world):
    objective = planned(
        world,
        services.objective_create(
            agency=world.chu_se_pc, year=2026, data=data(), actor=world.secretary
        ),
    )
    services.objective_approve(objective=objective, actor=world.leader)
    objective = services.objective_evaluate(
        objective=objective, reason="Chưa có hồ sơ", actor=world.leader, now=DECEMBER
    )
    assert objective.value_reached is None and objective.met is False


def test_plan_lines(world):
    objective = manual(world)
    with pytest.raises(ValidationError) as error:
        services.plan_line_add(
            objective=objective, action=" ", owner="", deadline=None, actor=world.secretary
        )
    assert set(error.value.message_dict) == {"action", "owner", "deadline"}
    line = planned(world, objective).plan.get()
    second = services.plan_line_add(
        objective=objective,
        action="Tập huấn",
        owner="Phòng Văn hóa - Xã hội",
        resources="Kinh phí 5 triệu",
        deadline=dt.date(2026, 4, 30),
        actor=world.leader,
    )
    assert (line.order, second.order) == (1, 2)
    services.plan_line_remove(line=line, actor=world.secretary)
    assert list(objective.plan.all()) == [second]
    with pytest.raises(PermissionDenied):
        services.plan_line_remove(line=second, actor=world.viewer)
