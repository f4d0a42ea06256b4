"""A hand-built June 2026 of the ward's desk where every figure is known, and each live
measure's value over it."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation

import pytest

from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.dossiers.choices import Status
from chuan.dossiers.models import DailyFigure, Dossier, MonthlyFigure
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import make_desk, receive
from chuan.improvement.choices import Measure, ObjectiveState
from chuan.improvement.models import Objective
from chuan.improvement.selectors import objectives as selectors
from chuan.improvement.selectors import objectives_live as live
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Department
from chuan.procedures.models import ProcessStep

pytestmark = pytest.mark.django_db

JUNE = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 7, 10, 9, 0, tzinfo=VIETNAM)
# procedure: (early, on time, late, very satisfied, satisfied, not satisfied), split over days
BIRTH = [(3, 2, 0, 4, 0, 0), (0, 3, 2, 0, 4, 2)]
LAND = [(0, 6, 4, 1, 0, 1)]


def _figures(agency, version, days):
    totals = [0] * 6
    for index, counts in enumerate(days):
        DailyFigure.objects.create(
            agency=agency,
            procedure=version.procedure,
            field=version.field,
            day=JUNE.replace(day=3 + 10 * index),
            **dict(zip(_COLUMNS, counts, strict=True)),
        )
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    MonthlyFigure.objects.create(
        agency=agency,
        procedure=version.procedure,
        month=JUNE,
        **dict(zip(_COLUMNS, totals, strict=True)),
    )


_COLUMNS = (
    "finished_early",
    "finished_on_time",
    "finished_late",
    "rated_very_satisfied",
    "rated_satisfied",
    "rated_not_satisfied",
)


@pytest.fixture
def june(world):
    desk = make_desk(world)
    agency = desk.agency
    # Dossiers in progress: two land ones overdue, a birth one still within time, and a land
    # one overdue but finished (not counted).
    dossiers = [
        receive(desk, desk.land, dt.datetime(2026, 6, 1, 9, tzinfo=VIETNAM)) for _ in range(4)
    ]
    birth = receive(desk, desk.birth, dt.datetime(2026, 6, 1, 9, tzinfo=VIETNAM))
    past = dt.datetime(2026, 7, 1, 9, tzinfo=VIETNAM)
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers[:2]]).update(
        status=Status.PROCESSING, due_at=past
    )
    Dossier.objects.filter(pk=dossiers[2].pk).update(status=Status.RECEIVED, due_at=past)
    Dossier.objects.filter(pk=dossiers[3].pk).update(status=Status.FINISHED, due_at=past)
    Dossier.objects.filter(pk=birth.pk).update(
        status=Status.PROCESSING, due_at=dt.datetime(2026, 7, 20, tzinfo=VIETNAM)
    )
    # The figures: only ours.
    DailyFigure.objects.all().delete()
    MonthlyFigure.objects.all().delete()
    _figures(agency, desk.birth, BIRTH)
    _figures(agency, desk.land, LAND)
    # The land process: the one-stop desk does step 1, the land department steps 2 and 3.
    one_stop = Department.objects.create(agency=agency, name="Bộ phận Một cửa")
    land_dept = Department.objects.create(agency=agency, name="Phòng Kinh tế")
    steps = ProcessStep.objects.filter(process__procedure=desk.land.procedure)
    steps.filter(order=1).update(department=one_stop)
    steps.filter(order__in=(2, 3)).update(department=land_dept)
    # Reviews of legal changes due in June: on time, late, open past due; one due in December.
    law = LegalDocument.objects.order_by("pk").first()

    def review(due_day, closed=None, status=ReviewStatus.OPEN, month=6):
        return ReviewRequest.objects.create(
            legal_document=law,
            reason="Luật sửa đổi",
            procedure_version=desk.birth,
            agency=agency,
            due_at=timezone.now(),
            legal_due_on=dt.date(2026, month, due_day),
            status=status,
            closed_at=closed,
        )

    review(15, dt.datetime(2026, 6, 10, 9, tzinfo=VIETNAM), ReviewStatus.REVISED)
    review(15, dt.datetime(2026, 6, 20, 9, tzinfo=VIETNAM), ReviewStatus.NO_CHANGE)
    review(5)
    review(15, month=12)
    return desk, one_stop, land_dept


def _objective(agency, measure, number, **scope):
    unit = "count" if measure == Measure.OVERDUE_NOW else "percent"
    return Objective.objects.create(
        agency=agency,
        year=2026,
        number=number,
        name=measure,
        indicator=measure,
        comparison="gte",
        target=Decimal(90),
        unit=unit,
        measure=measure,
        **scope,
    )


def test_each_live_measure_over_a_known_month(june, monkeypatch):
    desk, one_stop, land_dept = june
    agency = desk.agency
    made = {
        "on_time": _objective(agency, Measure.ON_TIME, 1),
        "early": _objective(agency, Measure.EARLY, 2),
        "satisfied": _objective(agency, Measure.SATISFIED, 3),
        "not_satisfied": _objective(agency, Measure.NOT_SATISFIED, 4),
        "overdue": _objective(agency, Measure.OVERDUE_NOW, 5),
        "reviews": _objective(agency, Measure.REVIEWS_ON_TIME, 6),
        "actions": _objective(agency, Measure.ACTIONS_ON_TIME, 7),
        "land": _objective(agency, Measure.ON_TIME, 8, procedure=desk.land.procedure),
        "civil_status": _objective(agency, Measure.ON_TIME, 9, field=desk.birth.field),
        "land_dept": _objective(agency, Measure.ON_TIME, 10, department=land_dept),
        "one_stop": _objective(agency, Measure.ON_TIME, 11, department=one_stop),
        "land_dept_overdue": _objective(agency, Measure.OVERDUE_NOW, 12, department=land_dept),
        "birth_overdue": _objective(
            agency, Measure.OVERDUE_NOW, 13, procedure=desk.birth.procedure
        ),
        "ratings_land": _objective(
            agency, Measure.NOT_SATISFIED, 14, procedure=desk.land.procedure
        ),
    }
    progress = live.progress_for(made.values(), now=NOW)
    value = {name: progress[o.pk].value for name, o in made.items()}
    # Agency: finished 10 + 10; early or on time 8 + 6; early 3; ratings 10 + 2 of which
    # satisfied or better 8 + 1, not satisfied 2 + 1.
    assert value["on_time"] == 70.0
    assert value["early"] == 15.0
    assert value["satisfied"] == 75.0
    assert value["not_satisfied"] == 25.0
    assert value["overdue"] == 3.0  # two processing, one received; not the finished one
    assert value["reviews"] == pytest.approx(33.3)  # 1 on time of 3 due (December's not yet)
    assert value["actions"] is None  # the nonconformities concern offers no count yet
    assert value["land"] == 60.0
    assert value["civil_status"] == 80.0  # the procedures of the field
    assert value["land_dept"] == 60.0  # the land department does most steps of land
    assert value["one_stop"] is None  # leads no procedure
    assert value["land_dept_overdue"] == 3.0
    assert value["birth_overdue"] == 0.0
    assert value["ratings_land"] == 50.0
    # The month series: June only.
    series = dict(progress[made["on_time"].pk].series)
    assert series[JUNE] == 70.0 and series[dt.date(2026, 5, 1)] is None
    assert progress[made["on_time"].pk].status == "at_risk"
    assert progress[made["actions"].pk].status == "no_data"

    # Once the nonconformities concern counts corrective actions, they are read by month.
    from chuan.improvement.selectors import nonconformities

    def on_time(*, agency_id, start, end):
        assert agency_id == agency.pk and start.day == 1
        return (3, 4) if start == JUNE else (0, 0)

    monkeypatch.setattr(nonconformities, "corrective_actions_on_time", on_time, raising=False)
    again = live.progress_for([made["actions"]], now=NOW)[made["actions"].pk]
    assert again.value == 75.0 and dict(again.series)[JUNE] == 75.0


def test_progress_of_many_costs_a_fixed_number_of_queries(june, django_assert_max_num_queries):
    desk, _one_stop, land_dept = june
    objectives = [
        _objective(desk.agency, measure, number, department=land_dept if number % 2 else None)
        for number, measure in enumerate(
            [Measure.ON_TIME, Measure.SATISFIED, Measure.OVERDUE_NOW, Measure.REVIEWS_ON_TIME] * 5,
            start=1,
        )
    ]
    with django_assert_max_num_queries(8):
        progress = live.progress_for(
            selectors.objectives_of(agency_id=desk.agency.pk, year=2026), now=NOW
        )
    assert len(progress) == len(objectives)


def test_on_time_targets_by_procedure(june):
    desk, _one_stop, land_dept = june
    agency = desk.agency
    whole = _objective(agency, Measure.ON_TIME, 1)
    land = _objective(agency, Measure.ON_TIME, 2, procedure=desk.land.procedure)
    dept = _objective(agency, Measure.ON_TIME, 3, department=land_dept)
    _objective(agency, Measure.ON_TIME, 4, field=desk.birth.field)
    _objective(agency, Measure.SATISFIED, 5)
    Objective.objects.filter(pk=land.pk).update(target=Decimal("95.5"))
    Objective.objects.filter(pk=dept.pk).update(target=Decimal("97"))
    assert selectors.on_time_targets(agency_id=agency.pk, year=2026) == {}
    Objective.objects.update(state=ObjectiveState.APPROVED)
    targets = selectors.on_time_targets(agency_id=agency.pk, year=2026)
    # The department's objective stands for land too; the higher target holds.
    assert targets == {None: 90.0, desk.land.procedure_id: 97.0}
    assert selectors.on_time_targets(agency_id=agency.pk, year=2027) == {}
    Objective.objects.filter(pk=whole.pk).update(comparison="lte")
    assert None not in selectors.on_time_targets(agency_id=agency.pk, year=2026)


def test_review_input(june):
    desk, _one_stop, _land = june
    agency = desk.agency
    on_time = _objective(agency, Measure.ON_TIME, 1)
    _objective(agency, Measure.SATISFIED, 2)  # a draft: not in the pack
    Objective.objects.filter(pk=on_time.pk).update(
        state=ObjectiveState.EVALUATED, value_reached=Decimal("99.1"), met=True
    )
    with translation.override("en"):
        pack = selectors.review_input(
            agency=agency, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
        )
    assert len(pack.headers) == len(pack.rows[0]) == 6
    assert pack.rows == [["2026-01", "on_time", "", "≥ 90 %", 99.1, "Met"]]
    assert pack.summary == "1 of 1 quality objectives met."
    empty = selectors.review_input(
        agency=agency, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
    )
    assert empty.rows == [] and empty.summary
