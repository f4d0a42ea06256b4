"""The 766 index on a hand-built month where every cell is known: five procedures, one per
time unit, with their figures, two dossiers open, and seven with feedback or a "not
satisfied" rating. Each indicator, each group's points and the total are worked out below
by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from chuan.servicesindex import rules
from chuan.servicesindex.compute import (
    CatalogueEntry,
    MonthInputs,
    ProcedureMonth,
    compute,
)

DAY = 8 * 60  # the province's office day, in minutes
Q = Decimal("0.0001")


def entry(pid, code, amount, unit, online, missing=()):
    return CatalogueEntry(
        procedure_id=pid,
        code=code,
        name=f"Thủ tục {code}",
        time_amount=Decimal(amount),
        time_unit=unit,
        online_level=online,
        levels="commune",
        missing=tuple(missing),
    )


CATALOGUE = [
    entry(1, "1.A", 10, "working_days", "full"),
    entry(2, "1.B", 15, "calendar_days", "partial"),
    entry(3, "1.C", 8, "working_hours", "none", ["components"]),
    entry(4, "1.D", 0, "same_day", "none"),
    entry(5, "1.E", 1, "months", "none"),
]


def procedures():
    return {
        # 30 finished in 8 working days on average (3,840 office minutes each).
        1: ProcedureMonth(1, 30, 10, 10, 15, 5, 32, 20, 2, 30, 30 * 8 * DAY),
        # 10 finished in 16 calendar days on average: over the 15 days.
        2: ProcedureMonth(2, 0, 20, 5, 5, 0, 10, 10, 0, 10, 10 * 16 * 1440),
        # 5 finished in 6 working hours on average, within 8.
        3: ProcedureMonth(3, 0, 10, 4, 0, 1, 0, 0, 0, 5, 5 * 360),
        # Same day: 5 office hours on average, within the 8-hour office day.
        4: ProcedureMonth(4, 0, 20, 0, 20, 0, 0, 0, 0, 20, 20 * 300),
        # Months: 45 days on average, 1.5 months of 30 days: over the month.
        5: ProcedureMonth(5, 0, 0, 0, 0, 2, 0, 0, 0, 2, 2 * 45 * 1440),
    }


def inputs(**changes):
    values = {
        "month": dt.date(2026, 3, 1),
        "procedures": procedures(),
        "catalogue": CATALOGUE,
        "open_within": 4,
        "open_overdue": 6,
        "feedback_or_dislike": 7,
        "feedback_available": True,
        "day_minutes": DAY,
    }
    values.update(changes)
    return MonthInputs(**values)


def d(numerator, denominator):
    return Decimal(numerator) / Decimal(denominator)


def test_the_totals_of_the_month():
    index = compute(inputs())
    # Received 30 online + 10 + 20 + 10 + 20 in person; finished 30 + 10 + 5 + 20 + 2.
    assert (index.received, index.finished) == (90, 67)


def test_transparency_counts_the_complete_procedures():
    group = compute(inputs()).group("transparency")
    complete = next(i for i in group.indicators if i.code == "1.3")
    assert (complete.numerator, complete.denominator, complete.value) == (4, 5, Decimal("0.8"))
    assert [i.code for i in group.indicators if not i.available] == ["1.1", "1.2", "1.4"]
    assert group.points == Decimal(18) * Decimal("0.8")  # 14.4


def test_progress_counts_open_dossiers_and_averages_by_time_unit():
    index = compute(inputs())
    on_time = index.group("progress").indicators[0]
    # Early 19 + on time 40 + open within time 4, of finished 67 + open 4 + 6.
    assert (on_time.numerator, on_time.denominator) == (63, 77)
    assert on_time.value == d(63, 77)
    averages = {a.code: a for a in index.averages}
    assert (averages["1.A"].average, averages["1.A"].unit, averages["1.A"].within) == (
        Decimal("8.00"),
        "working_days",
        True,
    )
    assert (averages["1.B"].average, averages["1.B"].unit, averages["1.B"].within) == (
        Decimal("16.00"),
        "calendar_days",
        False,
    )
    assert (averages["1.C"].average, averages["1.C"].within) == (Decimal("6.00"), True)
    # Same day: in working hours against the office day.
    assert (averages["1.D"].average, averages["1.D"].unit, averages["1.D"].statutory) == (
        Decimal("5.00"),
        "working_hours",
        Decimal(8),
    )
    assert averages["1.D"].within
    # Months of 30 days.
    assert (averages["1.E"].average, averages["1.E"].unit, averages["1.E"].within) == (
        Decimal("1.50"),
        "months",
        False,
    )
    within = index.group("progress").indicators[1]
    assert (within.numerator, within.denominator) == (3, 5)
    expected = Decimal(20) * (d(63, 77) + Decimal("0.6")) / 2
    assert index.group("progress").points.quantize(Q) == expected.quantize(Q)  # 14.1818


def test_online_services_with_their_thresholds():
    group = compute(inputs()).group("online")
    offer, used, dossiers = group.indicators
    assert (offer.numerator, offer.denominator, offer.score) == (2, 5, Decimal("0.5"))  # 40 % of 80
    assert (used.numerator, used.denominator, used.score) == (1, 2, Decimal("0.5"))
    assert (dossiers.numerator, dossiers.denominator) == (30, 90)
    assert dossiers.score == d(30, 90) / Decimal("0.5")
    expected = Decimal(12) * (Decimal("0.5") + Decimal("0.5") + d(30, 90) / Decimal("0.5")) / 3
    assert group.points.quantize(Q) == expected.quantize(Q)  # 6.6667


def test_payment_is_not_available_never_zero():
    group = compute(inputs()).group("payment")
    assert group.points is None and not group.available
    assert "thanh toán" in str(group.note).lower() or "payment" in str(group.note).lower()
    assert all(not i.available and i.reason for i in group.indicators)


def test_satisfaction_is_100_less_late_less_feedback_or_dislike():
    group = compute(inputs()).group("satisfaction")
    value = group.indicators[1]
    assert value.value == Decimal(1) - d(8, 67) - d(7, 67)  # 52/67 = 77.6 %
    assert value.score == value.value / Decimal("0.9")
    assert group.points.quantize(Q) == (Decimal(18) * d(52, 67) / Decimal("0.9")).quantize(Q)
    assert group.note == ""
    # Without the feedback register the group says so.
    assert compute(inputs(feedback_available=False)).group("satisfaction").note


def test_digitisation_of_papers_and_results():
    group = compute(inputs()).group("digitisation")
    results, papers = group.indicators[:2]
    assert (results.numerator, results.denominator) == (30, 67)
    assert (papers.numerator, papers.denominator) == (42, 90)
    assert papers.score == d(42, 90) / Decimal("0.8")
    expected = Decimal(22) * (d(30, 67) + d(42, 90) / Decimal("0.8")) / 2
    assert group.points.quantize(Q) == expected.quantize(Q)  # 11.3420


def test_the_total_counts_only_the_groups_computed():
    index = compute(inputs())
    assert index.possible == 90
    assert index.points.quantize(Decimal("0.01")) == Decimal("62.11")


def test_an_empty_month_is_not_available_rather_than_zero():
    index = compute(inputs(procedures={}, open_within=0, open_overdue=0, feedback_or_dislike=0))
    assert index.group("progress").indicators[0].available is False
    assert index.group("satisfaction").points is None
    assert index.group("digitisation").points is None
    # The catalogue is still known: transparency and the online offer are scored.
    assert index.group("transparency").points == Decimal("14.4")
    assert index.group("progress").points is None  # nothing finished, nothing averaged
    assert index.group("online").points == Decimal(12) * (Decimal("0.5") + 0) / 2
    assert index.possible == 18 + 12


@pytest.mark.parametrize(
    ("value", "full_at", "score"),
    [
        (Decimal("0.9"), Decimal("0.8"), Decimal(1)),
        (Decimal("0.4"), Decimal("0.8"), Decimal("0.5")),
        (Decimal(0), Decimal("0.5"), Decimal(0)),
        (None, Decimal(1), None),
    ],
)
def test_proportional_scores(value, full_at, score):
    assert rules.proportional_score(value, full_at) == score


def test_the_groups_make_100_points():
    assert rules.TOTAL_POINTS == 100
    assert [g.points for g in rules.GROUPS] == [18, 20, 12, 10, 18, 22]


def test_missing_parts_of_a_published_procedure():
    complete = rules.Publishable("Khai sinh", 2, Decimal(0), "same_day", "Giấy khai sinh", 1)
    assert rules.missing_parts(complete) == []
    bare = rules.Publishable(" ", 0, Decimal(0), "working_days", "", 0)
    assert rules.missing_parts(bare) == ["name", "components", "time", "result", "legal_basis"]
