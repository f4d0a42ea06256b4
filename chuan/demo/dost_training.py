"""DOST's courses of a year for the demo: an internal-auditor course, an ISO secretaries'
course and a regulated auditor course of TT 26/2014 Art. 30 (four modules, 36 periods), each
with its sessions, learners from the given agencies, attendance, scores and certificates —
all through the training services, so every rule and activity entry holds.

Registration closes on a course's start date, and the demo's courses lie in the past: each
is created a day ahead, its learners registered and confirmed, and only then moved to its
real dates (the one write outside the services, since no screen moves a course back)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from chuan.organisations.models import AdministrativeUnit, Agency, Membership
from chuan.training.choices import CourseKind
from chuan.training.models import Course, Lecturer
from chuan.training.services import certificates, courses, registrations

NAMES = [
    "Nguyễn Thị Hoa",
    "Trần Văn Bình",
    "Lê Thị Thu",
    "Phạm Minh Đức",
    "Hoàng Văn Nam",
    "Võ Thị Lan",
    "Đặng Quốc Huy",
    "Bùi Thị Mai",
    "Ngô Văn Tùng",
    "Dương Thị Hằng",
    "Lý Văn Phúc",
    "Huỳnh Thị Ngọc",
]


@dataclass(frozen=True)
class Plan:
    kind: str
    title: str
    month: int
    day: int
    sessions: tuple[tuple[int, str, int], ...]  # (module, topic, periods), one per day


PLANS = (
    Plan(
        CourseKind.INTERNAL_AUDITOR,
        "Đào tạo chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015",
        4,
        14,
        (
            (1, "Yêu cầu của TCVN ISO 9001:2015", 8),
            (2, "Kỹ thuật và thực hành đánh giá nội bộ", 8),
        ),
    ),
    Plan(
        CourseKind.ISO_SECRETARY,
        "Nghiệp vụ thư ký ISO và kiểm soát tài liệu",
        6,
        9,
        ((1, "Kiểm soát tài liệu, hồ sơ của HTQLCL", 8),),
    ),
    Plan(
        CourseKind.TT26_AUDITING,
        "Khóa đào tạo chuyên gia đánh giá HTQLCL (Điều 30 Thông tư 26/2014/TT-BKHCN)",
        9,
        8,
        (
            (1, "Khái niệm và yêu cầu của HTQLCL", 9),
            (2, "Tổng quan về đánh giá", 9),
            (3, "Kỹ năng đánh giá, trách nhiệm và quyền hạn của chuyên gia", 9),
            (4, "Thực hành đánh giá", 9),
        ),
    ),
)
LECTURERS = (
    (
        "TS. Nguyễn Văn Thành",
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3",
        "Trưởng đoàn đánh giá chứng nhận ISO 9001, 12 năm kinh nghiệm",
    ),
    (
        "ThS. Trần Thị Minh",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Chuyên gia tư vấn HTQLCL, 8 năm kinh nghiệm",
    ),
)
# Scores of the learners in turn: most pass, one fails the final test.
FINALS = (86, 74.5, 91, 65, 80, 77.25, 88, 70, 93, 82)


def _first_working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _learners(agencies: list[Agency], count: int) -> list[tuple[Agency, Any, str, str]]:
    """(agency, user or None, name, position) for `count` learners across the agencies."""
    members = {
        m.agency_id: m
        for m in Membership.objects.filter(agency__in=agencies, is_active=True).select_related(
            "user"
        )
    }
    chosen: list[tuple[Agency, Any, str, str]] = []
    for n in range(count):
        agency = agencies[n % len(agencies)]
        membership = members.pop(agency.pk, None)
        if membership is not None:
            chosen.append((agency, membership.user, "", membership.position))
        else:
            chosen.append((agency, None, NAMES[n % len(NAMES)], "Chuyên viên"))
    return chosen


def _course(
    plan: Plan, province: AdministrativeUnit, year: int, actor: Any, lecturers: list[Lecturer]
) -> Course:
    days = len(plan.sessions)
    starts_on = _first_working_day(datetime.date(year, plan.month, plan.day))
    dates = [starts_on]
    while len(dates) < days:
        dates.append(_first_working_day(dates[-1] + datetime.timedelta(days=1)))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    course = courses.course_create(
        province=province,
        data=courses.CourseData(
            kind=plan.kind,
            title=plan.title,
            organiser="Chi cục Tiêu chuẩn Đo lường Chất lượng",
            starts_on=max(tomorrow, starts_on),
            ends_on=max(tomorrow, starts_on) + (dates[-1] - starts_on),
            venue="Hội trường Sở Khoa học và Công nghệ",
            max_learners=25 if plan.kind == CourseKind.TT26_AUDITING else 40,
            lecturers=lecturers,
        ),
        actor=actor,
    )
    return course


def load_training(
    *, province: AdministrativeUnit, year: int, agencies: list[Agency], actor: Any
) -> list[Course]:
    """Three finished courses of `year` in `province` with their certificates."""
    if not agencies:
        return []
    made = []
    with transaction.atomic():
        lecturers = [
            Lecturer.objects.filter(province=province, name=name).first()
            or courses.lecturer_create(
                province=province, name=name, unit=unit, qualification=qualification, actor=actor
            )
            for name, unit, qualification in LECTURERS
        ]
        for number, plan in enumerate(PLANS):
            course = _course(plan, province, year, actor, lecturers)
            people = []
            for agency, user, name, position in _learners(agencies, 10):
                registration = registrations.registration_create(
                    course=course,
                    agency=agency,
                    user=user,
                    name=name,
                    position=position,
                    actor=None,
                )
                registrations.registration_confirm(registration=registration, actor=actor)
                people.append(registration)
            starts_on = _first_working_day(datetime.date(year, plan.month, plan.day))
            Course.objects.filter(pk=course.pk).update(
                starts_on=starts_on, ends_on=starts_on + (course.ends_on - course.starts_on)
            )
            course.refresh_from_db()
            day = starts_on
            for module, topic, periods in plan.sessions:
                courses.session_add(
                    course=course,
                    data=courses.SessionData(
                        held_on=day,
                        starts_at=datetime.time(7, 30),
                        module=module,
                        topic=topic,
                        periods=periods,
                        lecturer=lecturers[module % 2],
                    ),
                    actor=actor,
                )
                day = _first_working_day(day + datetime.timedelta(days=1))
            course = courses.course_start(course=course, actor=actor)
            for index, session in enumerate(course.sessions.order_by("held_on", "pk")):
                # The last learner misses sessions, so one fails on attendance.
                absent = {people[-1].pk} if index % 2 == 0 else set()
                registrations.attendance_take(
                    session=session, present_ids={p.pk for p in people} - absent, actor=actor
                )
            for index, person in enumerate(people):
                registrations.score_record(
                    registration=person,
                    mid_score=75,
                    final_score=FINALS[(index + number) % len(FINALS)],
                    actor=actor,
                )
            course = courses.course_finish(course=course, actor=actor)
            if course.ends_on <= timezone.localdate():
                certificates.certificate_issue(course=course, actor=actor, issued_on=course.ends_on)
            made.append(course)
    return made
