"""Writes on courses, their sessions and lecturers (QĐ 19/2014 Art. 12.4b; TT 26/2014
Arts. 29–30: a regulated course has four modules totalling 36 periods, at most 25 learners,
a pass mark of 70/100). DOST's training managers of the province write; each write leaves
one activity entry."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.organisations.models import AdministrativeUnit
from chuan.training import course_states, rules
from chuan.training.choices import (
    REGULATED_KINDS,
    REGULATED_MAX_LEARNERS,
    REGULATED_PASS_MARK,
    CourseKind,
    CourseState,
)
from chuan.training.models import Course, Lecturer, Session
from chuan.training.services.common import TEXT_MAX, lock_course, require_manager

MAX_LEARNERS = 500
MAX_DAYS = 366


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "course.created": gettext_lazy("Created a course"),
            "course.updated": gettext_lazy("Edited a course"),
            "course.started": gettext_lazy("Started a course"),
            "course.finished": gettext_lazy("Finished a course"),
            "course.cancelled": gettext_lazy("Cancelled a course"),
            "course.reopened": gettext_lazy("Reopened a course"),
            "course.session_added": gettext_lazy("Added a session"),
            "course.session_removed": gettext_lazy("Removed a session"),
            "lecturer.created": gettext_lazy("Recorded a lecturer"),
        }
    )
    register_field_labels(
        {
            "kind": gettext_lazy("Kind"),
            "title": gettext_lazy("Course title"),
            "organiser": gettext_lazy("Organiser"),
            "starts_on": gettext_lazy("Starts on"),
            "ends_on": gettext_lazy("Ends on"),
            "max_learners": gettext_lazy("At most learners"),
            "pass_mark": gettext_lazy("Pass mark"),
            "venue": gettext_lazy("Venue"),
            "state": gettext_lazy("State"),
            "session": gettext_lazy("Session"),
            "module": gettext_lazy("Module"),
            "periods": gettext_lazy("Periods"),
            "lecturers": gettext_lazy("Lecturers"),
        },
        entity="course",
    )
    register_field_labels(
        {
            "name": gettext_lazy("Name"),
            "unit": gettext_lazy("Workplace"),
            "qualification": gettext_lazy("Qualification"),
        },
        entity="lecturer",
    )
    register_value_labels("kind", CourseKind, entity="course")
    register_value_labels("state", CourseState, entity="course")


@dataclass
class CourseData:
    kind: str
    title: str
    organiser: str
    starts_on: datetime.date
    ends_on: datetime.date
    max_learners: int = REGULATED_MAX_LEARNERS
    pass_mark: int = REGULATED_PASS_MARK
    venue: str = ""
    lecturers: list[Lecturer] | None = None


def _check(data: CourseData, province_id: int) -> None:
    errors: dict[str, str] = {}
    if data.kind not in CourseKind.values:
        errors["kind"] = _("Choose a kind of course.")
    if not data.title.strip():
        errors["title"] = _("Give the course a title.")
    if not data.organiser.strip():
        errors["organiser"] = _("Name the organiser.")
    for name in ("title", "organiser", "venue"):
        if len(getattr(data, name)) > 255:
            errors[name] = _("Keep it under %(n)s characters.") % {"n": 255}
    if data.ends_on < data.starts_on:
        errors["ends_on"] = _("A course cannot end before it starts.")
    elif (data.ends_on - data.starts_on).days > MAX_DAYS:
        errors["ends_on"] = _("A course lasts a year at most.")
    if not 1 <= data.max_learners <= MAX_LEARNERS:
        errors["max_learners"] = _("Give from 1 to %(n)s learners.") % {"n": MAX_LEARNERS}
    elif data.kind in REGULATED_KINDS and data.max_learners > REGULATED_MAX_LEARNERS:
        errors["max_learners"] = _(
            "A course under TT 26/2014 takes at most %(n)s learners (Arts. 29–30)."
        ) % {"n": REGULATED_MAX_LEARNERS}
    if not 1 <= data.pass_mark <= 100:
        errors["pass_mark"] = _("Give a pass mark from 1 to 100.")
    elif data.kind in REGULATED_KINDS and data.pass_mark != REGULATED_PASS_MARK:
        errors["pass_mark"] = _("A course under TT 26/2014 is passed at %(n)s/100.") % {
            "n": REGULATED_PASS_MARK
        }
    if any(lecturer.province_id != province_id for lecturer in data.lecturers or []):
        errors["lecturers"] = _("Choose lecturers of the province.")
    if errors:
        raise ValidationError(errors)


def course_create(*, province: AdministrativeUnit, data: CourseData, actor: Any) -> Course:
    require_manager(actor, province.pk)
    _check(data, province.pk)
    with transaction.atomic():
        course = Course.objects.create(
            province=province,
            kind=data.kind,
            title=data.title.strip(),
            organiser=data.organiser.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            max_learners=data.max_learners,
            pass_mark=data.pass_mark,
            venue=data.venue.strip(),
        )
        course.lecturers.set(data.lecturers or [])
        activity_record(
            actor=actor,
            verb="course.created",
            target=course,
            changes={"kind": course.kind, "starts_on": course.starts_on},
        )
    return course


def course_update(*, course: Course, data: CourseData, actor: Any) -> Course:
    require_manager(actor, course.province_id)
    _check(data, course.province_id)
    with transaction.atomic():
        course = lock_course(course)
        if course.state != CourseState.PLANNED:
            raise ConflictError(_("Only a planned course can be edited."))
        if data.kind in REGULATED_KINDS and course.registrations.count() > data.max_learners:
            raise ValidationError(
                {"max_learners": _("More learners are already registered than that.")}
            )
        changes: dict[str, Any] = {}
        for name in ("kind", "title", "organiser", "starts_on", "ends_on", "venue"):
            value = getattr(data, name)
            value = value.strip() if isinstance(value, str) else value
            if getattr(course, name) != value:
                changes[name] = [getattr(course, name), value]
                setattr(course, name, value)
        for name in ("max_learners", "pass_mark"):
            if getattr(course, name) != getattr(data, name):
                changes[name] = [getattr(course, name), getattr(data, name)]
                setattr(course, name, getattr(data, name))
        course.save()
        if data.lecturers is not None:
            course.lecturers.set(data.lecturers)
        activity_record(actor=actor, verb="course.updated", target=course, changes=changes)
    return course


def _transition(course: Course, action: str, verb: str, actor: Any) -> Course:
    require_manager(actor, course.province_id)
    with transaction.atomic():
        course = lock_course(course)
        new_state = course_states.next_state(course.state, action)
        if action == course_states.START:
            problems = rules.plan_shortfalls(
                course.kind, course.sessions.values_list("module", "periods")
            )
            if problems:
                raise ConflictError(
                    _("The course cannot start: %(problems)s") % {"problems": " ".join(problems)}
                )
        old = course.state
        course.state = new_state
        course.save(update_fields=["state", "updated_at"])
        activity_record(actor=actor, verb=verb, target=course, changes={"state": [old, new_state]})
    return course


def course_start(*, course: Course, actor: Any) -> Course:
    """Start the course (closing registration); a regulated course needs its 36 periods."""
    return _transition(course, course_states.START, "course.started", actor)


def course_finish(*, course: Course, actor: Any) -> Course:
    return _transition(course, course_states.FINISH, "course.finished", actor)


def course_cancel(*, course: Course, actor: Any) -> Course:
    return _transition(course, course_states.CANCEL, "course.cancelled", actor)


def course_reopen(*, course: Course, actor: Any) -> Course:
    return _transition(course, course_states.REOPEN, "course.reopened", actor)


@dataclass
class SessionData:
    held_on: datetime.date
    module: int
    topic: str
    periods: int
    starts_at: datetime.time | None = None
    lecturer: Lecturer | None = None


def session_add(*, course: Course, data: SessionData, actor: Any) -> Session:
    require_manager(actor, course.province_id)
    errors: dict[str, str] = {}
    if not 1 <= data.module <= 5:
        errors["module"] = _("Give a module from 1 to 5.")
    if not 1 <= data.periods <= 12:
        errors["periods"] = _("Give from 1 to 12 periods.")
    if not data.topic.strip():
        errors["topic"] = _("Give the session's topic.")
    elif len(data.topic) > 255:
        errors["topic"] = _("Keep it under %(n)s characters.") % {"n": 255}
    if not course.starts_on <= data.held_on <= course.ends_on:
        errors["held_on"] = _("The session must fall within the course's dates.")
    if data.lecturer is not None and data.lecturer.province_id != course.province_id:
        errors["lecturer"] = _("Choose lecturers of the province.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        course = lock_course(course)
        if course.state not in {CourseState.PLANNED, CourseState.RUNNING}:
            raise ConflictError(
                _("Sessions can only change while the course is planned or running.")
            )
        session = Session.objects.create(
            course=course,
            held_on=data.held_on,
            starts_at=data.starts_at,
            module=data.module,
            topic=data.topic.strip(),
            periods=data.periods,
            lecturer=data.lecturer,
        )
        activity_record(
            actor=actor,
            verb="course.session_added",
            target=course,
            changes={"session": str(session), "module": data.module, "periods": data.periods},
        )
    return session


def session_remove(*, session: Session, actor: Any) -> None:
    course = session.course
    require_manager(actor, course.province_id)
    with transaction.atomic():
        course = lock_course(course)
        if course.state != CourseState.PLANNED:
            raise ConflictError(_("Sessions can only be removed before the course starts."))
        label = str(session)
        session.delete()
        activity_record(
            actor=actor, verb="course.session_removed", target=course, changes={"session": label}
        )


def lecturer_create(
    *, province: AdministrativeUnit, name: str, unit: str = "", qualification: str = "", actor: Any
) -> Lecturer:
    require_manager(actor, province.pk)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give the lecturer's name.")
    elif len(name) > 150:
        errors["name"] = _("Keep it under %(n)s characters.") % {"n": 150}
    if len(unit) > 255:
        errors["unit"] = _("Keep it under %(n)s characters.") % {"n": 255}
    if len(qualification) > TEXT_MAX:
        errors["qualification"] = _("Keep it under %(n)s characters.") % {"n": TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        lecturer = Lecturer.objects.create(
            province=province,
            name=name.strip(),
            unit=unit.strip(),
            qualification=qualification.strip(),
        )
        activity_record(
            actor=actor, verb="lecturer.created", target=lecturer, changes={"name": lecturer.name}
        )
    return lecturer
