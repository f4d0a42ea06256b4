"""The services' rules: who may write, the learner cap, the 36-period start, registration
closing, score bounds, the pass rule, certificate numbers and revocation, competence, and
one activity entry per write with a refused write changing nothing."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member
from chuan.training import selectors
from chuan.training.choices import CourseKind, CourseState, RegistrationState
from chuan.training.models import Certificate, Registration
from chuan.training.reminders import courses_starting
from chuan.training.services import certificates, courses, registrations
from chuan.training.tests.support import (
    TODAY,
    make_course,
    move_to_past,
    plan_36,
    register,
    run_course,
)

pytestmark = pytest.mark.django_db


def test_only_dost_of_the_province_creates_courses(world):
    for outsider in (world.secretary, world.leader, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            courses.course_create(
                province=world.gia_lai_2025,
                data=courses.CourseData(
                    kind="awareness",
                    title="x",
                    organiser="y",
                    starts_on=TODAY,
                    ends_on=TODAY,
                ),
                actor=outsider,
            )
    course = make_course(world)
    assert course.state == CourseState.PLANNED
    assert ActivityEntry.objects.filter(verb="course.created", actor=world.coordinator).count() == 1


def test_regulated_courses_keep_25_learners_and_pass_at_70(world):
    data = courses.CourseData(
        kind=CourseKind.TT26_CONSULTING,
        title="Tư vấn",
        organiser="Chi cục",
        starts_on=TODAY,
        ends_on=TODAY,
        max_learners=30,
        pass_mark=60,
    )
    with pytest.raises(ValidationError) as refused:
        courses.course_create(province=world.gia_lai_2025, data=data, actor=world.coordinator)
    assert set(refused.value.message_dict) == {"max_learners", "pass_mark"}


def test_a_regulated_course_starts_only_with_its_36_periods(world):
    course = make_course(world)
    plan_36(world, course, periods=(9, 9, 9))
    with pytest.raises(ConflictError) as refused:
        courses.course_start(course=course, actor=world.coordinator)
    assert "4" in refused.value.message and "27" in refused.value.message
    course.refresh_from_db()
    assert course.state == CourseState.PLANNED
    courses.session_add(
        course=course,
        data=courses.SessionData(held_on=course.starts_on, module=4, topic="Thực hành", periods=9),
        actor=world.coordinator,
    )
    assert courses.course_start(course=course, actor=world.coordinator).state == "running"


def test_sessions_are_bounded_and_within_the_course(world):
    course = make_course(world)
    with pytest.raises(ValidationError) as refused:
        courses.session_add(
            course=course,
            data=courses.SessionData(
                held_on=course.starts_on - datetime.timedelta(days=1), module=9, topic="", periods=0
            ),
            actor=world.coordinator,
        )
    assert set(refused.value.message_dict) == {"held_on", "module", "topic", "periods"}
    assert not course.sessions.exists()


def test_capacity_is_enforced_with_a_clear_refusal(world):
    course = make_course(world, kind=CourseKind.AWARENESS, max_learners=2)
    register(world, course, "A")
    declined = register(world, course, "B")
    registrations.registration_decline(registration=declined, actor=world.coordinator)
    register(world, course, "C")  # a declined place is free again
    with pytest.raises(ConflictError) as refused:
        register(world, course, "D")
    assert "2" in refused.value.message
    assert course.registrations.count() == 3


def test_an_agency_registers_only_its_own_officials(world):
    course = make_course(world)
    with pytest.raises(PermissionDenied):
        registrations.registration_create(
            course=course, agency=world.ward_pc, name="X", actor=world.secretary
        )
    stranger = UserFactory()
    with pytest.raises(ValidationError) as refused:
        registrations.registration_create(
            course=course, agency=world.chu_se_pc, user=stranger, actor=world.secretary
        )
    assert "user" in refused.value.message_dict
    other = Department.objects.create(agency=world.ward_pc, name="Văn phòng")
    with pytest.raises(ValidationError):
        registrations.registration_create(
            course=course, agency=world.chu_se_pc, name="X", department=other, actor=world.secretary
        )
    official = member(UserFactory(full_name="Trần Thị B"), world.chu_se_pc)
    mine = registrations.registration_create(
        course=course, agency=world.chu_se_pc, user=official, actor=world.secretary
    )
    assert mine.name == "Trần Thị B"
    with pytest.raises(ValidationError):
        registrations.registration_create(
            course=course, agency=world.chu_se_pc, user=official, actor=world.secretary
        )
    # Kon Tum's department is outside Gia Lai's courses.
    with pytest.raises(ValidationError):
        registrations.registration_create(
            course=course, agency=world.kon_tum_dept, name="X", actor=world.outsider
        )


def test_registration_closes_when_the_course_starts(world):
    course = make_course(world, kind=CourseKind.AWARENESS)
    plan_36(world, course, periods=(4,))
    courses.course_start(course=course, actor=world.coordinator)
    with pytest.raises(ConflictError):
        register(world, course)
    started_by_date = make_course(world, kind=CourseKind.AWARENESS, starts_on=TODAY)
    with pytest.raises(ConflictError):
        register(world, started_by_date)


def test_scores_are_bounded(world):
    course, people = run_course(world)
    course.state = CourseState.RUNNING
    course.save()
    for bad in (-1, "100.01", "abc", "NaN", "1e9"):
        with pytest.raises(ValidationError):
            registrations.score_record(
                registration=people[1], final_score=bad, actor=world.coordinator
            )
    registrations.score_record(
        registration=people[1], mid_score="55,5", final_score="99.25", actor=world.coordinator
    )
    people[1].refresh_from_db()
    assert people[1].final_score == Decimal("99.25") and people[1].mid_score == Decimal("55.50")


def test_scores_and_attendance_need_a_started_course(world):
    course = make_course(world)
    plan_36(world, course)
    person = register(world, course)
    registrations.registration_confirm(registration=person, actor=world.coordinator)
    with pytest.raises(ConflictError):
        registrations.score_record(registration=person, final_score=80, actor=world.coordinator)
    with pytest.raises(ConflictError):
        registrations.attendance_take(
            session=course.sessions.first(), present_ids={person.pk}, actor=world.coordinator
        )


def test_pass_rule_and_certificates(world):
    course, people = run_course(world)
    results = {r.registration.pk: r for r in selectors.course_results(course)}
    assert results[people[0].pk].outcome.passed
    assert not results[people[1].pk].outcome.passed
    issued = certificates.certificate_issue(course=course, actor=world.coordinator)
    year = TODAY.year
    assert [c.number for c in issued] == [f"0001/{year}/CCDT-52", f"0002/{year}/CCDT-52"]
    assert {c.holder_name for c in issued} == {"Học viên 0", "Học viên 2"}
    assert certificates.certificate_issue(course=course, actor=world.coordinator) == []
    # A second course of the same province and year continues the sequence.
    other, _people = run_course(world, learners=1, final=(75,))
    more = certificates.certificate_issue(course=other, actor=world.coordinator)
    assert [c.number for c in more] == [f"0003/{year}/CCDT-52"]
    assert ActivityEntry.objects.filter(verb="course.certificates_issued").count() == 2


def test_attendance_below_the_rule_fails(world):
    course, people = run_course(world, present_all=False)
    passed = [r for r in selectors.course_results(course) if r.outcome.passed]
    assert [r.registration.pk for r in passed] == [people[0].pk]


def test_a_certificate_is_not_dated_before_the_course_ends(world):
    course, _people = run_course(world)
    with pytest.raises(ValidationError):
        certificates.certificate_issue(
            course=course, actor=world.coordinator, issued_on=course.ends_on - datetime.timedelta(1)
        )
    assert not Certificate.objects.exists()


def test_certificates_only_for_a_finished_course(world):
    course = make_course(world)
    with pytest.raises(ConflictError):
        certificates.certificate_issue(course=course, actor=world.coordinator)
    with pytest.raises(PermissionDenied):
        certificates.certificate_issue(course=course, actor=world.secretary)


def test_revocation_needs_a_reason_and_happens_once(world):
    course, _people = run_course(world)
    certificate = certificates.certificate_issue(course=course, actor=world.coordinator)[0]
    with pytest.raises(ValidationError):
        certificates.certificate_revoke(
            certificate=certificate, reason=" ", actor=world.coordinator
        )
    certificates.certificate_revoke(
        certificate=certificate, reason="Gian lận khi thi", actor=world.coordinator
    )
    with pytest.raises(ConflictError):
        certificates.certificate_revoke(
            certificate=certificate, reason="x", actor=world.coordinator
        )
    assert selectors.certificate_public(certificate.number).revoked


def test_qualified_auditors_and_competence(world, django_assert_max_num_queries):
    desk = Department.objects.create(agency=world.chu_se_pc, name="Văn phòng")
    official = member(UserFactory(full_name="Lê Văn C"), world.chu_se_pc, department=desk)
    course = make_course(world, kind=CourseKind.INTERNAL_AUDITOR)
    plan_36(world, course, periods=(8,))
    person = registrations.registration_create(
        course=course, agency=world.chu_se_pc, user=official, actor=world.secretary
    )
    registrations.registration_confirm(registration=person, actor=world.coordinator)
    move_to_past(course)
    courses.course_start(course=course, actor=world.coordinator)
    registrations.attendance_take(
        session=course.sessions.get(), present_ids={person.pk}, actor=world.coordinator
    )
    registrations.score_record(registration=person, final_score=80, actor=world.coordinator)
    courses.course_finish(course=course, actor=world.coordinator)
    assert not selectors.is_qualified_auditor(official)
    certificate = certificates.certificate_issue(course=course, actor=world.coordinator)[0]
    assert selectors.is_qualified_auditor(official)
    assert not selectors.is_qualified_auditor(official, on=TODAY - datetime.timedelta(days=1))
    assert not selectors.is_qualified_auditor(world.secretary)
    with django_assert_max_num_queries(4):
        rows = {c.agency.pk: c for c in selectors.agency_competence(world.gia_lai_2025.pk)}
    assert rows[world.chu_se_pc.pk].auditors == 1
    assert rows[world.chu_se_pc.pk].by_department == {"Văn phòng": 1}
    assert not rows[world.chu_se_pc.pk].secretary_trained
    assert rows[world.ward_pc.pk].nobody_trained
    assert world.kon_tum_dept.pk not in rows
    assert list(selectors.trained_officials(world.chu_se_pc)) == [certificate]
    certificates.certificate_revoke(certificate=certificate, reason="Sai", actor=world.coordinator)
    assert not selectors.is_qualified_auditor(official)


def test_competence_of_300_agencies_in_a_handful_of_queries(world, django_assert_max_num_queries):
    from chuan.organisations.tests.factories import AgencyFactory

    for n in range(300):
        AgencyFactory(name=f"UBND xã {n}", unit=world.pleiku_ward_2025)
    with django_assert_max_num_queries(4):
        rows = selectors.agency_competence(world.gia_lai_2025.pk)
    assert len(rows) > 300 and all(r.nobody_trained for r in rows)


def test_reminders_for_a_course_starting_within_five_working_days(world):
    learner = member(UserFactory(), world.chu_se_pc)
    # A Monday, so that five working days are the week.
    monday = TODAY - datetime.timedelta(days=TODAY.weekday()) + datetime.timedelta(days=7)
    soon = make_course(
        world, kind=CourseKind.AWARENESS, starts_on=monday + datetime.timedelta(days=4)
    )
    later = make_course(
        world, kind=CourseKind.AWARENESS, starts_on=monday + datetime.timedelta(days=14)
    )
    for course in (soon, later):
        registrations.registration_create(
            course=course, agency=world.chu_se_pc, user=learner, actor=world.secretary
        )
    reminders = list(courses_starting(monday))
    assert [(r.user_id, r.key) for r in reminders] == [(learner.pk, f"course-starting:{soon.pk}")]
    assert "/training/courses/" in reminders[0].url
    from chuan.notifications.registry import KINDS

    assert "course_starting" in KINDS


def test_refused_writes_change_nothing(world):
    course = make_course(world, kind=CourseKind.AWARENESS, max_learners=1)
    register(world, course)
    before = (ActivityEntry.objects.count(), Registration.objects.count())
    with pytest.raises(ConflictError):
        register(world, course, "B")
    assert (ActivityEntry.objects.count(), Registration.objects.count()) == before
    assert Certificate.objects.count() == 0
    assert Registration.objects.get().state == RegistrationState.PENDING
    assert timezone.localdate() == TODAY


def test_a_training_certificate_qualifies_an_internal_auditor_in_improvement(world):
    from chuan.improvement.services.audits import unqualified

    official = member(UserFactory(full_name="Phạm D"), world.chu_se_pc)
    course = make_course(world, kind=CourseKind.INTERNAL_AUDITOR)
    plan_36(world, course, periods=(8,))
    person = registrations.registration_create(
        course=course, agency=world.chu_se_pc, user=official, actor=world.secretary
    )
    registrations.registration_confirm(registration=person, actor=world.coordinator)
    move_to_past(course)
    courses.course_start(course=course, actor=world.coordinator)
    registrations.attendance_take(
        session=course.sessions.get(), present_ids={person.pk}, actor=world.coordinator
    )
    registrations.score_record(registration=person, final_score=90, actor=world.coordinator)
    courses.course_finish(course=course, actor=world.coordinator)
    assert unqualified([official, world.secretary], TODAY) == [official, world.secretary]
    certificates.certificate_issue(course=course, actor=world.coordinator)
    assert unqualified([official, world.secretary], TODAY) == [world.secretary]
