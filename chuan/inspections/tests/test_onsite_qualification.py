"""The qualification rule of TT 26/2014 Art. 40, exhaustively: every combination of the four
conditions, each boundary day, and certificates issued in Chuẩn (course kind, revocation,
validity)."""

import datetime as dt
import itertools

import pytest

from chuan.inspections.models import Inspector
from chuan.inspections.qualification import Reason, missing_qualifications, years_after
from chuan.training.choices import CourseKind
from chuan.training.models import Certificate, Course

ON = dt.date(2026, 6, 15)


def person(**changes):
    values = {
        "full_name": "Nguyễn Văn Hùng",
        "has_degree": True,
        "state_management_number": "QLNN-1",
        "state_management_date": dt.date(2015, 1, 1),
        "auditor_number": "ĐGV-1",
        "auditor_date": dt.date(2016, 1, 1),
        "experience_since": dt.date(2014, 1, 1),
    }
    values.update(changes)
    return Inspector(**values)


def certificate(kind=CourseKind.TT26_AUDITING, **changes):
    values = {"number": "CC-1", "holder_name": "x", "issued_on": dt.date(2020, 1, 1)}
    values.update(changes)
    return Certificate(course=Course(kind=kind), **values)


def test_a_fully_qualified_inspector_lacks_nothing():
    assert missing_qualifications(person(), ON) == []


@pytest.mark.parametrize("flags", list(itertools.product([True, False], repeat=4)))
def test_every_combination_names_exactly_what_is_missing(flags):
    degree, state, auditor, experience = flags
    inspector = person(
        has_degree=degree,
        state_management_number="QLNN-1" if state else "",
        auditor_number="ĐGV-1" if auditor else "",
        experience_since=dt.date(2014, 1, 1) if experience else None,
    )
    expected = [
        reason
        for reason, held in (
            (Reason.DEGREE, degree),
            (Reason.STATE_MANAGEMENT, state),
            (Reason.AUDITOR, auditor),
            (Reason.EXPERIENCE, experience),
        )
        if not held
    ]
    assert missing_qualifications(inspector, ON) == expected


def test_three_years_are_counted_to_the_day():
    since = dt.date(2023, 6, 15)
    assert missing_qualifications(person(experience_since=since), ON) == []
    later = since + dt.timedelta(days=1)
    assert missing_qualifications(person(experience_since=later), ON) == [Reason.EXPERIENCE]


def test_a_start_on_29_february_completes_on_28_february():
    assert years_after(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    inspector = person(experience_since=dt.date(2024, 2, 29))
    assert missing_qualifications(inspector, dt.date(2027, 2, 28)) == []
    assert missing_qualifications(inspector, dt.date(2027, 2, 27)) == [Reason.EXPERIENCE]


@pytest.mark.parametrize(
    ("field", "reason"),
    [("state_management_date", Reason.STATE_MANAGEMENT), ("auditor_date", Reason.AUDITOR)],
)
def test_a_certificate_dated_later_is_not_held_yet(field, reason):
    assert missing_qualifications(person(**{field: ON}), ON) == []
    assert missing_qualifications(person(**{field: ON + dt.timedelta(days=1)}), ON) == [reason]
    assert missing_qualifications(person(**{field: None}), ON) == [reason]


def test_a_number_without_spaces_only_is_no_number():
    assert missing_qualifications(person(auditor_number="   "), ON) == [Reason.AUDITOR]


def test_academy_graduates_need_no_state_management_certificate():
    inspector = person(napa_graduate=True, state_management_number="", state_management_date=None)
    assert missing_qualifications(inspector, ON) == []


def test_someone_out_of_the_registry_is_named_so():
    assert missing_qualifications(person(is_active=False), ON) == [Reason.INACTIVE]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (CourseKind.TT26_AUDITING, []),
        (CourseKind.INTERNAL_AUDITOR, []),
        (CourseKind.AWARENESS, [Reason.AUDITOR_COURSE]),
        (CourseKind.ISO_SECRETARY, [Reason.AUDITOR_COURSE]),
        (CourseKind.INSPECTION_SKILLS, [Reason.AUDITOR_COURSE]),
        (CourseKind.TT26_CONSULTING, [Reason.AUDITOR_COURSE]),
    ],
)
def test_a_certificate_in_chuan_must_come_from_an_auditor_course(kind, expected):
    inspector = person(auditor_number="", auditor_date=None)
    inspector.auditor_certificate = certificate(kind)
    assert missing_qualifications(inspector, ON) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"revoked_on": ON}, [Reason.AUDITOR_LAPSED]),
        ({"revoked_on": ON + dt.timedelta(days=1)}, []),
        ({"valid_until": ON}, []),
        ({"valid_until": ON - dt.timedelta(days=1)}, [Reason.AUDITOR_LAPSED]),
        ({"issued_on": ON + dt.timedelta(days=1)}, [Reason.AUDITOR]),
    ],
)
def test_a_certificate_in_chuan_must_be_in_force(changes, expected):
    inspector = person()
    inspector.auditor_certificate = certificate(**changes)
    # The linked certificate decides, whatever number was typed beside it.
    assert missing_qualifications(inspector, ON) == expected
