"""The reminder training registers (chuan/notifications/registry.py): a course starting
within five working days reminds each registered learner with an account."""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.calendars.selectors import working_calendar
from chuan.notifications.registry import Reminder
from chuan.notifications.registry import register_reminders as register
from chuan.training.choices import CourseState
from chuan.training.models import Course
from chuan.training.selectors import learners_by_course

KIND = "course_starting"
AHEAD_WORKING_DAYS = 5


def courses_starting(today: datetime.date) -> Iterator[Reminder]:
    """One reminder per learner of each planned course starting within five working days."""
    # Ten calendar days always hold five working days but for Tết: look twenty ahead and let
    # each province's calendar decide.
    candidates = list(
        Course.objects.filter(
            state=CourseState.PLANNED,
            starts_on__gte=today,
            starts_on__lte=today + datetime.timedelta(days=20),
        ).only("pk", "title", "starts_on", "province_id")
    )
    horizon: dict[int, datetime.date] = {}
    courses = []
    for course in candidates:
        if course.province_id not in horizon:
            horizon[course.province_id] = working_calendar(course.province_id).working_day_after(
                today, AHEAD_WORKING_DAYS
            )
        if course.starts_on <= horizon[course.province_id]:
            courses.append(course)
    learners = learners_by_course(c.pk for c in courses)
    for course in courses:
        url = reverse("training:course", args=[course.pk])
        for user_id in learners.get(course.pk, []):
            yield Reminder(
                user_id=user_id,
                kind=KIND,
                key=f"course-starting:{course.pk}",
                title=format_lazy(
                    _("The course “{title}” starts on {day}"),
                    title=course.title,
                    day=f"{course.starts_on:%d/%m/%Y}",
                ),
                url=url,
                due_on=course.starts_on,
            )


def register_reminders() -> None:
    register(KIND, _("A course you are registered for is starting"), courses_starting)
