"""Courses built through the services, for the tests of training."""

import datetime

from django.utils import timezone

from chuan.training.choices import CourseKind
from chuan.training.models import Course, Registration
from chuan.training.services import courses, registrations

TODAY = timezone.localdate()
TITLES = {
    CourseKind.TT26_AUDITING: "Đào tạo chuyên gia đánh giá HTQLCL (Điều 30 TT 26/2014)",
    CourseKind.AWARENESS: "Nhận thức chung về HTQLCL theo TCVN ISO 9001:2015",
    CourseKind.INTERNAL_AUDITOR: "Đào tạo chuyên gia đánh giá nội bộ",
}
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


def make_course(world, *, kind=CourseKind.TT26_AUDITING, starts_on=None, days=4, max_learners=25):
    starts_on = starts_on or NEXT_MONTH
    return courses.course_create(
        province=world.gia_lai_2025,
        data=courses.CourseData(
            kind=kind,
            title=TITLES.get(kind, "Khóa đào tạo"),
            organiser="Chi cục Tiêu chuẩn Đo lường Chất lượng",
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days),
            max_learners=max_learners,
        ),
        actor=world.coordinator,
    )


def plan_36(world, course: Course, *, periods=(9, 9, 9, 9)) -> None:
    for module, count in enumerate(periods, start=1):
        courses.session_add(
            course=course,
            data=courses.SessionData(
                held_on=course.starts_on, module=module, topic=f"Học phần {module}", periods=count
            ),
            actor=world.coordinator,
        )


def register(world, course: Course, name: str = "Nguyễn Văn A", user=None) -> Registration:
    return registrations.registration_create(
        course=course,
        agency=world.chu_se_pc,
        name=name,
        user=user,
        position="Chuyên viên",
        actor=world.secretary,
    )


def move_to_past(course: Course) -> None:
    """Registration closes on the start date: a course is moved into the past once its
    learners are in, so that it can end before its certificates are dated."""
    past = TODAY - datetime.timedelta(days=10)
    Course.objects.filter(pk=course.pk).update(
        starts_on=past, ends_on=past + datetime.timedelta(days=4)
    )
    course.sessions.update(held_on=past)
    course.refresh_from_db()


def run_course(world, *, learners=3, final=(85, 60, 90), present_all=True):
    """A regulated course planned, registered, confirmed, started, attended and scored,
    finished: learner 0 passes, 1 fails on score, 2 passes (unless attendance says no)."""
    course = make_course(world)
    plan_36(world, course)
    people = [register(world, course, f"Học viên {n}") for n in range(learners)]
    for person in people:
        registrations.registration_confirm(registration=person, actor=world.coordinator)
    move_to_past(course)
    courses.course_start(course=course, actor=world.coordinator)
    for session in course.sessions.all():
        present = {p.pk for p in people} if present_all else {people[0].pk}
        registrations.attendance_take(session=session, present_ids=present, actor=world.coordinator)
    for person, score in zip(people, final, strict=False):
        registrations.score_record(
            registration=person, mid_score=70, final_score=score, actor=world.coordinator
        )
    courses.course_finish(course=course, actor=world.coordinator)
    course.refresh_from_db()
    return course, people
