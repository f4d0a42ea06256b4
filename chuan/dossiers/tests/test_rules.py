"""The desk's pure rules: codes, citizen IDs, phones, timeliness; the transition table."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.dossiers.choices import Status
from chuan.dossiers.rules import (
    LAST_DAY_NUMBER,
    VIETNAM,
    citizen_id_problem,
    dossier_code,
    finish_timeliness,
    normalised_phone,
    parse_dossier_code,
    step_timeliness,
)
from chuan.dossiers.transitions import ACTIONS, TransitionError, allowed_actions, next_status


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (1, "000.00.06.H56-231027-0001"),
        (361, "000.00.06.H56-231027-0361"),
        (9999, "000.00.06.H56-231027-9999"),
        (10000, "000.00.06.H56-231027-10000"),  # at least four digits (TT 04/2025/TT-VPCP)
        (99999, "000.00.06.H56-231027-99999"),
        (100000, "000.00.06.H56-231027-100000"),
        (LAST_DAY_NUMBER, "000.00.06.H56-231027-999999"),
    ],
)
def test_dossier_code(number, code):
    assert dossier_code("000.00.06.H56", dt.date(2023, 10, 27), number) == code
    assert parse_dossier_code(code) == ("000.00.06.H56", dt.date(2023, 10, 27), number)


@pytest.mark.parametrize("number", [0, -1, LAST_DAY_NUMBER + 1])
def test_dossier_code_refuses_numbers_out_of_the_day(number):
    with pytest.raises(ValueError):
        dossier_code("000.00.06.H56", dt.date(2023, 10, 27), number)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "000.00.06.H56",
        "000.00.06.H56-231027",
        "-231027-0361",
        "000.00.06.H56-231027-361",  # fewer than four digits
        "000.00.06.H56-231027-0000",
        "000.00.06.H56-231027-1234567",
        "000.00.06.H56-231027-01234",  # a five-digit number never starts with 0
        "000.00.06.H56-231327-0361",  # no 13th month
        "000.00.06.H56-2310270-0361",
        "000.00.06.H56-23102a-0361",
    ],
)
def test_parse_dossier_code_refuses_what_is_not_a_code(code):
    assert parse_dossier_code(code) is None


@given(
    agency=st.from_regex(r"\A[0-9A-Z.]{1,13}\Z"),
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    number=st.integers(1, LAST_DAY_NUMBER),
)
def test_codes_read_back(agency, day, number):
    code = dossier_code(agency, day, number)
    assert parse_dossier_code(code) == (agency, day, number)
    assert len(code) <= 40


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("064095000123", None),  # issued in Gia Lai
        ("001200012345", None),  # Hà Nội
        ("06409500012", "digits"),
        ("0640950001234", "digits"),
        ("06409500012a", "digits"),
        ("003095000123", "province"),  # 003 is no province code
        ("099095000123", "province"),
    ],
)
def test_citizen_id(number, problem):
    assert citizen_id_problem(number) == problem


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("0905 123 456", "0905123456"),
        ("+84905123456", "0905123456"),
        ("090.512.3456", "0905123456"),
        ("12345", None),
        ("09051234567890", None),
    ],
)
def test_phone(text, phone):
    assert normalised_phone(text) == phone


def _at(day, hour):
    return dt.datetime(2026, 3, day, hour, tzinfo=VIETNAM)


def test_timeliness_compares_dates_for_dossiers_and_times_for_steps():
    due = _at(10, 17)
    assert finish_timeliness(_at(9, 16), due) == "early"
    assert finish_timeliness(_at(10, 8), due) == "on_time"
    assert finish_timeliness(_at(11, 8), due) == "late"
    assert step_timeliness(_at(10, 16), _at(10, 15)) == "late"
    assert step_timeliness(_at(10, 14), _at(10, 15)) == "on_time"
    assert step_timeliness(_at(9, 14), _at(10, 15)) == "early"


# The whole table, written out by hand: status → the actions it allows.
EXPECTED = {
    Status.SUBMITTED: {"receive", "not_receive"},
    Status.RECEIVED: {
        "accept",
        "hand_over",
        "request_supplement",
        "pause",
        "extend",
        "finish",
        "withdraw",
        "stop",
    },
    Status.NOT_RECEIVED: set(),
    Status.PROCESSING: {
        "accept",
        "hand_over",
        "request_supplement",
        "pause",
        "extend",
        "finish",
        "withdraw",
        "stop",
    },
    Status.SUPPLEMENT_REQUESTED: {"supplement", "extend", "withdraw", "stop"},
    Status.PAYMENT_REQUESTED: {"resume", "extend", "withdraw", "stop"},
    Status.WITHDRAWN: set(),
    Status.STOPPED: {"return"},
    Status.FINISHED: {"accept", "return"},
    Status.RETURNED: set(),
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_status_and_action(status, action):
    if action in EXPECTED[status]:
        target = next_status(status, action)
        assert target == (ACTIONS[action].target or status)
    else:
        with pytest.raises(TransitionError) as caught:
            next_status(status, action)
        assert str(Status(status).label) in caught.value.message


def test_allowed_actions_follow_the_table():
    for status in Status:
        assert set(allowed_actions(status)) == EXPECTED[status]
    with pytest.raises(TransitionError):
        next_status(Status.RECEIVED, "teleport")
