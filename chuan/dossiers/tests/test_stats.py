"""Report form 06 and the dashboard on a hand-built month where every cell is known."""

import datetime as dt

import pytest

from chuan.dossiers import services, stats
from chuan.dossiers.choices import Channel, NotReceivedKind
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receipt, receive
from chuan.organisations.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(world):
    """March 2026 at the ward's desk."""
    desk = make_desk(world)

    def finish(dossier, when):
        return finish_through(desk, dossier, when)

    finish(receive(desk, desk.land, at(24, 9, month=2)), at(5, 10))  # carried over, early
    finish(receive(desk, desk.birth, at(24, 9, month=2)), at(24, 16, month=2))  # before March
    finish(receive(desk, desk.birth, at(2, 9), channel=Channel.ONLINE), at(2, 16))  # on time
    finish(receive(desk, desk.birth, at(2, 10)), at(3, 9))  # late
    receive(desk, desk.land, at(3, 8))  # due 17/3, still open: overdue at the end
    receive(desk, desk.land, at(30, 8))  # due 13/4: within time at the end
    services.dossier_withdraw(
        dossier=receive(desk, desk.birth, at(4, 9)),
        reason="Xin rút",
        actor=desk.officer,
        at=at(4, 10),
    )
    services.dossier_not_receive(
        agency=desk.agency,
        data=receipt(desk.birth),
        kind=NotReceivedKind.REFUSED,
        reason="Không thuộc thẩm quyền",
        missing=[],
        actor=desk.officer,
        at=at(5, 9),
    )
    receive(desk, desk.birth, at(1, 9, month=4))  # after March
    return desk


def _cells(row):
    return (
        row.received_online,
        row.received_direct,
        row.carried_over,
        row.finished_early,
        row.finished_on_time,
        row.finished_late,
        row.ended_otherwise,
        row.within,
        row.overdue,
    )


def test_form06_by_field(month):
    report = stats.form06(
        agencies=Agency.objects.filter(pk=month.agency.pk),
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 3, 31),
    )
    by_label = {row.label: _cells(row) for row in report.rows}
    assert by_label == {
        "Hộ tịch": (1, 2, 0, 0, 1, 1, 1, 0, 0),
        "Đất đai": (0, 2, 1, 1, 0, 0, 0, 1, 1),
    }
    total = report.total
    assert (total.received, total.finished, total.in_progress) == (6, 3, 2)
    # What the rollups say is still open equals what the open dossiers say.
    for row in report.rows:
        assert row.received - row.finished - row.ended_otherwise == row.in_progress


def test_form06_by_agency_and_other_periods(month, world):
    february = stats.form06(
        agencies=Agency.objects.filter(pk=month.agency.pk),
        start=dt.date(2026, 2, 1),
        end=dt.date(2026, 2, 28),
        by="agency",
    )
    assert [(_cells(row)) for row in february.rows] == [(0, 2, 0, 0, 1, 0, 0, 1, 0)]
    elsewhere = stats.form06(
        agencies=Agency.objects.filter(pk=world.kon_tum_dept.pk),
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 3, 31),
    )
    assert elsewhere.rows == []


def test_dashboard(month):
    board = stats.dashboard(
        agencies=Agency.objects.filter(pk=month.agency.pk), today=dt.date(2026, 3, 31)
    )
    assert [(m.month, finished, good) for m, finished, good in board.months] == [
        (2, 1, 1),
        (3, 3, 2),
    ]
    # Overdue now (November 2026): the two land dossiers and April's birth registration.
    assert board.overdue_now == 3
    assert board.by_procedure[0][0] == "1.001193"  # the late birth registration first
    assert board.received_this_month == 5


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31), (dt.date(2026, 3, 1), dt.date(2026, 3, 1))),
        (dt.date(2026, 3, 2), dt.date(2026, 3, 31), None),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 30), None),
        (dt.date(2026, 2, 15), dt.date(2026, 5, 14), (dt.date(2026, 3, 1), dt.date(2026, 4, 1))),
        (dt.date(2025, 12, 31), dt.date(2026, 2, 28), (dt.date(2026, 1, 1), dt.date(2026, 2, 1))),
        (dt.date(2026, 2, 28), dt.date(2026, 3, 1), None),
        (None, dt.date(2026, 2, 28), (dt.date.min, dt.date(2026, 2, 1))),
        (None, dt.date(2026, 2, 27), (dt.date.min, dt.date(2026, 1, 1))),
    ],
)
def test_whole_months(start, end, months):
    assert stats.whole_months(start, end) == months


def test_form06_adds_monthly_and_daily_figures_as_the_days_would(world):
    """Figures spread over sixteen months, a procedure that moved to another field among
    them: every period gives what summing the daily figures alone gives."""
    import random

    from chuan.dossiers.models import DailyFigure, MonthlyFigure
    from chuan.procedures.models import Field, ProcedureVersion

    desk = make_desk(world)
    moved = ProcedureVersion.objects.get(pk=desk.land.pk)
    moved.pk, moved.number = None, moved.number + 1
    moved.field = Field.objects.exclude(pk=desk.land.field_id).first()
    moved.save()
    versions = [desk.birth, desk.land, moved]
    rng = random.Random(7)
    monthly: dict[tuple[int, dt.date], MonthlyFigure] = {}
    day = dt.date(2025, 1, 1)
    while day <= dt.date(2026, 4, 30):
        for version in rng.sample(versions, rng.randint(0, 3)):
            counts = {column: rng.randint(0, 5) for column in stats.COLUMNS}
            DailyFigure.objects.create(
                agency=desk.agency,
                procedure_id=version.procedure_id,
                field_id=version.field_id,
                day=day,
                **counts,
            )
            figure = monthly.setdefault(
                (version.procedure_id, day.replace(day=1)),
                MonthlyFigure(
                    agency=desk.agency, procedure_id=version.procedure_id, month=day.replace(day=1)
                ),
            )
            for column, n in counts.items():
                setattr(figure, column, getattr(figure, column) + n)
        day += dt.timedelta(days=1)
    MonthlyFigure.objects.bulk_create(monthly.values())
    agencies = Agency.objects.filter(pk=desk.agency.pk)
    periods = [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2025, 2, 10), dt.date(2026, 2, 9)),
        (dt.date(2025, 6, 30), dt.date(2025, 7, 1)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 15)),
    ]
    for _ in range(12):
        start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 480))
        periods.append((start, start + dt.timedelta(days=rng.randint(0, 200))))
    for start, end in periods:
        for by, key in (("field", "field_id"), ("agency", "agency_id")):
            report = stats.form06(agencies=agencies, start=start, end=end, by=by)
            expected = {}
            for figure in DailyFigure.objects.all():
                if figure.day <= end:
                    row = expected.setdefault(getattr(figure, key), [0] * 7)
                    counts = [getattr(figure, column) for column in stats.COLUMNS]
                    if figure.day >= start:
                        row[:6] = [a + b for a, b in zip(row[:6], counts, strict=True)]
                    else:
                        row[6] += counts[0] + counts[1] - sum(counts[2:])
            labels = stats._labels(by, list(expected))
            got = {
                row.label: [*(getattr(row, column) for column in stats.COLUMNS), row.carried_over]
                for row in report.rows
            }
            assert got == {labels[group]: row for group, row in expected.items()}, (start, end, by)


def test_the_register_holds_the_days_received_in_vietnam(month):
    from django.utils import timezone

    from chuan.dossiers import selectors
    from chuan.dossiers.models import Dossier

    first = Dossier.objects.order_by("received_at").first()
    first.received_at = dt.datetime(2026, 2, 28, 17, 0, tzinfo=dt.UTC)  # 1/3 00:00 in Vietnam
    first.save(update_fields=["received_at"])
    for start, end in (
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 3, 2)),
    ):
        got = list(selectors.register_dossiers(user=month.leader, start=start, end=end))
        expected = [
            d
            for d in Dossier.objects.order_by("received_at", "id")
            if start <= timezone.localtime(d.received_at).date() <= end
        ]
        assert got == expected and got
