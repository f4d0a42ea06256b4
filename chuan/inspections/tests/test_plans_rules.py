"""The plan's pure rules: the one-third rule, the reasons and the order of the proposal."""

import datetime

import pytest

from chuan.inspections import plan_rules as rules
from chuan.inspections.choices import Conclusion
from chuan.inspections.plan_rules import Candidate, Reason, Signals

AS_OF = datetime.date(2025, 12, 31)
RECENT = datetime.date(2025, 6, 1)
HEALTHY = Signals(
    last_conclusion=Conclusion.CONFORMS,
    last_on_site_year=2023,
    last_internal_audit=RECENT,
    last_management_review=RECENT,
)


@pytest.mark.parametrize(
    ("n", "required"), [(0, 0), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2), (7, 3), (300, 100)]
)
def test_one_third_rounded_up(n: int, required: int) -> None:
    assert rules.onsite_required(n) == required


def test_shortfall() -> None:
    assert rules.onsite_shortfall(300, 98) == 2
    assert rules.onsite_shortfall(300, 100) == 0
    assert rules.onsite_shortfall(300, 150) == 0
    assert rules.onsite_shortfall(0, 0) == 0
    assert rules.onsite_shortfall(4, 0) == 2


def test_healthy_agency_has_no_reason() -> None:
    assert rules.reasons_of(HEALTHY, as_of=AS_OF) == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"last_conclusion": Conclusion.CORRECTIONS_NEEDED}, Reason.LAST_FOUND_PROBLEMS),
        ({"last_conclusion": Conclusion.NOT_CONFORMING}, Reason.LAST_FOUND_PROBLEMS),
        ({"open_corrections": 2}, Reason.CORRECTIONS_OPEN),
        ({"last_on_site_year": None}, Reason.NEVER_ON_SITE),
        ({"overdue_law_reviews": 1}, Reason.LAW_REVIEWS_OVERDUE),
        ({"last_internal_audit": None}, Reason.NO_INTERNAL_AUDIT),
        ({"last_internal_audit": datetime.date(2024, 12, 30)}, Reason.NO_INTERNAL_AUDIT),
        ({"last_management_review": datetime.date(2024, 6, 1)}, Reason.NO_MANAGEMENT_REVIEW),
        ({"on_time_earlier": (95, 100), "on_time_recent": (80, 100)}, Reason.ON_TIME_FALLING),
    ],
)
def test_each_sign_gives_its_reason(change: dict[str, object], reason: str) -> None:
    signals = Signals(**(HEALTHY.__dict__ | change))  # type: ignore[arg-type]
    assert rules.reasons_of(signals, as_of=AS_OF) == [reason]


def test_never_inspected_agency_has_no_conclusion_reason() -> None:
    found = rules.reasons_of(Signals(), as_of=AS_OF)
    assert Reason.LAST_FOUND_PROBLEMS not in found
    assert Reason.NEVER_ON_SITE in found


def test_audit_exactly_a_year_ago_still_counts() -> None:
    signals = Signals(**(HEALTHY.__dict__ | {"last_internal_audit": datetime.date(2024, 12, 31)}))
    assert rules.reasons_of(signals, as_of=AS_OF) == []


@pytest.mark.parametrize(
    ("earlier", "recent", "falling"),
    [
        ((95, 100), (90, 100), True),
        ((95, 100), (91, 100), False),
        ((95, 100), (100, 100), False),
        ((9, 9), (0, 9), False),  # too few dossiers to say
        ((0, 0), (0, 50), False),
        ((50, 50), (40, 50), True),
    ],
)
def test_on_time_falling(earlier: tuple[int, int], recent: tuple[int, int], falling: bool) -> None:
    assert rules.on_time_falling(earlier, recent) is falling


def test_reasons_are_labelled_and_unknown_codes_dropped() -> None:
    labels = rules.reason_labels([Reason.NEVER_ON_SITE, "retired_code"])
    assert labels == [str(Reason.NEVER_ON_SITE.label)]


def _candidate(pk: int, *reasons: str, last: int | None = 2020, name: str = "") -> Candidate:
    return Candidate(pk, name or f"Agency {pk:03}", tuple(reasons), last)


def test_choose_exactly_one_third_by_warning_score() -> None:
    candidates = [
        _candidate(1),
        _candidate(2, Reason.NO_INTERNAL_AUDIT),
        _candidate(3, Reason.LAST_FOUND_PROBLEMS),
        _candidate(4, Reason.NEVER_ON_SITE, last=None),
        _candidate(5, Reason.CORRECTIONS_OPEN, Reason.ON_TIME_FALLING),
        _candidate(6),
        _candidate(7, Reason.ON_TIME_FALLING),
    ]
    assert rules.choose_on_site(candidates) == [3, 5, 4]


def test_ties_go_to_the_longest_unvisited_then_by_name() -> None:
    candidates = [
        _candidate(1, last=2024, name="B"),
        _candidate(2, last=2019, name="C"),
        _candidate(3, last=2019, name="A"),
        _candidate(4, last=2022, name="D"),
    ]
    assert rules.choose_on_site(candidates) == [3, 2]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 300])
def test_never_more_than_required(n: int) -> None:
    candidates = [_candidate(i, Reason.NEVER_ON_SITE, last=None) for i in range(n)]
    chosen = rules.choose_on_site(candidates)
    assert len(chosen) == rules.onsite_required(n)
    assert len(set(chosen)) == len(chosen)


def test_quarters_spread_over_the_year() -> None:
    assert rules.spread_quarters(0) == []
    assert rules.spread_quarters(1) == [1]
    assert rules.spread_quarters(4) == [1, 2, 3, 4]
    quarters = rules.spread_quarters(100)
    assert [quarters.count(q) for q in (1, 2, 3, 4)] == [25, 25, 25, 25]
    assert quarters == sorted(quarters)


def test_quarter_of_month() -> None:
    assert [rules.quarter_of_month(m) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_year_before_a_leap_day() -> None:
    assert rules.year_before(datetime.date(2024, 2, 29)) == datetime.date(2023, 2, 28)


def test_money_grouped_by_thousands_with_dots() -> None:
    from chuan.inspections.templatetags.plans_tags import vnd

    assert vnd(15_000_000) == "15.000.000"
    assert vnd(0) == "0"
    assert vnd(None) == "—"
