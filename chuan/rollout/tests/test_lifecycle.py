"""Pure lifecycle rules, on Gia Lai's real calendar (decision 658/QĐ-UBND's years)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.rollout.choices import EventKind as K
from chuan.rollout.choices import QmsStatus as S
from chuan.rollout.lifecycle import Event, check_next, counts, ordered, status_on, step

D = dt.date


def announced(on, number="12/QĐ-UBND"):
    return Event(K.ANNOUNCED, on, number, on)


HISTORY = [
    Event(K.COMMITTEE_APPOINTED, D(2017, 3, 1)),
    Event(K.BUILDING_STARTED, D(2017, 3, 15)),
    Event(K.DOCUMENTS_ISSUED, D(2017, 9, 1)),
    announced(D(2017, 11, 20)),
    Event(K.APPLYING_CONFIRMED, D(2018, 5, 10)),
    Event(K.LAPSED, D(2020, 1, 1)),
    Event(K.REANNOUNCED, D(2020, 6, 1), "40/QĐ-UBND", D(2020, 6, 1)),
]


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (D(2017, 2, 28), S.NOT_STARTED),
        (D(2017, 3, 1), S.BUILDING),
        (D(2017, 11, 19), S.BUILDING),
        (D(2017, 11, 20), S.ANNOUNCED),
        (D(2017, 12, 31), S.ANNOUNCED),
        (D(2018, 5, 10), S.APPLYING),
        (D(2019, 12, 31), S.APPLYING),
        (D(2020, 1, 1), S.LAPSED),
        (D(2020, 5, 31), S.LAPSED),
        (D(2020, 6, 1), S.ANNOUNCED),
    ],
)
def test_status_on_a_date_follows_the_events(on, status):
    assert status_on(HISTORY, on) == status


def test_only_announced_and_applying_count():
    assert [s for s in S.values if counts(s)] == [S.ANNOUNCED, S.APPLYING]


def test_building_again_after_announcement_keeps_it_announced():
    events = [announced(D(2017, 11, 20)), Event(K.DOCUMENTS_ISSUED, D(2019, 1, 2))]
    assert status_on(events, D(2019, 6, 1)) == S.ANNOUNCED


def test_rebuilding_after_a_lapse_is_building_not_announced():
    events = [
        announced(D(2017, 11, 20)),
        Event(K.LAPSED, D(2019, 1, 2)),
        Event(K.BUILDING_STARTED, D(2019, 3, 1)),
    ]
    assert status_on(events, D(2019, 6, 1)) == S.BUILDING


def test_same_day_events_apply_in_lifecycle_order():
    day = D(2018, 1, 31)
    events = [Event(K.APPLYING_CONFIRMED, day), announced(day), Event(K.BUILDING_STARTED, day)]
    assert [e.kind for e in ordered(events)] == [
        K.BUILDING_STARTED,
        K.ANNOUNCED,
        K.APPLYING_CONFIRMED,
    ]
    assert status_on(events, day) == S.APPLYING


@pytest.mark.parametrize(
    ("history", "new", "field"),
    [
        ([], Event(K.ANNOUNCED, D(2018, 1, 31)), "decision_number"),
        ([], Event(K.ANNOUNCED, D(2018, 1, 31), "5/QĐ-UBND"), "decision_date"),
        ([], Event(K.ANNOUNCED, D(2018, 1, 31), "5/QĐ-UBND", D(2018, 2, 1)), "decision_date"),
        ([announced(D(2018, 1, 31))], Event(K.BUILDING_STARTED, D(2018, 1, 30)), "occurred_on"),
        ([announced(D(2018, 1, 31))], announced(D(2018, 3, 1)), "kind"),
        ([], Event(K.REANNOUNCED, D(2018, 3, 1), "6/QĐ-UBND", D(2018, 3, 1)), "kind"),
        ([], Event(K.APPLYING_CONFIRMED, D(2018, 3, 1)), "kind"),
        ([Event(K.BUILDING_STARTED, D(2017, 5, 1))], Event(K.LAPSED, D(2018, 3, 1)), "kind"),
        (
            [announced(D(2017, 1, 2)), Event(K.LAPSED, D(2018, 1, 2))],
            announced(D(2018, 3, 1)),
            "kind",
        ),
        (
            [announced(D(2017, 1, 2)), Event(K.LAPSED, D(2018, 1, 2))],
            Event(K.APPLYING_CONFIRMED, D(2018, 3, 1)),
            "kind",
        ),
    ],
)
def test_invalid_events_are_refused_with_the_field_at_fault(history, new, field):
    assert field in check_next(history, new)


@pytest.mark.parametrize(
    ("history", "new"),
    [
        ([], Event(K.COMMITTEE_APPOINTED, D(2017, 3, 1))),
        ([], announced(D(2017, 12, 29))),
        ([announced(D(2017, 12, 29))], Event(K.APPLYING_CONFIRMED, D(2017, 12, 29))),
        (
            [announced(D(2017, 1, 2)), Event(K.LAPSED, D(2018, 1, 2))],
            Event(K.REANNOUNCED, D(2018, 3, 1), "9/QĐ-UBND", D(2018, 2, 28)),
        ),
        ([announced(D(2017, 1, 2))], Event(K.LAPSED, D(2025, 6, 30))),
    ],
)
def test_valid_events_are_accepted(history, new):
    assert check_next(history, new) == {}


KINDS = st.sampled_from(K.values)
DAYS = st.dates(min_value=D(2015, 1, 1), max_value=D(2026, 12, 31))


@given(st.lists(st.tuples(KINDS, DAYS), max_size=12), DAYS)
def test_status_is_always_one_of_the_five_and_monotone_in_time(raw, on):
    events = [Event(kind, day, "1/QĐ", day) for kind, day in raw]
    assert status_on(events, on) in S.values
    if not events or on < min(e.on for e in events):
        assert status_on(events, on) == S.NOT_STARTED


@given(st.lists(st.tuples(KINDS, DAYS), max_size=12))
def test_accepted_histories_never_confirm_or_lapse_an_unannounced_qms(raw):
    history: list[Event] = []
    for kind, day in sorted(raw, key=lambda item: item[1]):
        event = Event(kind, day, "1/QĐ-UBND", day)
        if not check_next(history, event):
            history.append(event)
    status: str = S.NOT_STARTED
    for event in ordered(history):
        if event.kind in {K.APPLYING_CONFIRMED, K.LAPSED}:
            assert status in {S.ANNOUNCED, S.APPLYING}
        if event.kind == K.ANNOUNCED:
            assert status in {S.NOT_STARTED, S.BUILDING}
        status = step(status, event.kind)


def test_after_a_lapse_only_a_re_announcement_is_accepted_even_after_rebuilding():
    history = [
        announced(D(2017, 1, 2)),
        Event(K.LAPSED, D(2018, 1, 2)),
        Event(K.BUILDING_STARTED, D(2018, 2, 1)),
    ]
    assert "kind" in check_next(history, announced(D(2018, 6, 1)))
    assert check_next(history, Event(K.REANNOUNCED, D(2018, 6, 1), "7/QĐ", D(2018, 6, 1))) == {}


def test_an_earlier_step_on_the_same_day_as_a_later_one_is_refused():
    history = [announced(D(2017, 1, 2)), Event(K.LAPSED, D(2018, 1, 2))]
    late = Event(K.REANNOUNCED, D(2018, 1, 2), "7/QĐ", D(2018, 1, 2))
    assert "occurred_on" in check_next(history, late)


def test_building_is_counted_from_the_restart_after_a_lapse():
    from chuan.rollout.lifecycle import building_since

    events = [
        Event(K.BUILDING_STARTED, D(2016, 3, 1)),
        announced(D(2017, 1, 2)),
        Event(K.LAPSED, D(2019, 1, 2)),
        Event(K.BUILDING_STARTED, D(2019, 4, 1)),
    ]
    assert building_since(events) == D(2019, 4, 1)
    assert building_since(events[:1]) == D(2016, 3, 1)
