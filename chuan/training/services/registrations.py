"""Writes on learners: an agency registers its officials for a course (its own agency only,
while the course is planned and before it starts, within the course's capacity — 25 for a
regulated course, TT 26/2014 Arts. 29–30); DOST confirms or declines, takes attendance per
session and records the mid-course and final scores out of 100 (Art. 30)."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.calendars.selectors import agency_province_id
from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.organisations.models import Agency, Department, Membership
from chuan.organisations.scoping import province_family_ids
from chuan.training import rules
from chuan.training.choices import CourseState, RegistrationState
from chuan.training.models import Attendance, Course, Registration, Session
from chuan.training.permissions import can_register
from chuan.training.services.common import lock_course, require_manager

SCORE_MAX = Decimal("100")


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "registration.created": gettext_lazy("Registered a learner"),
            "registration.confirmed": gettext_lazy("Confirmed a registration"),
            "registration.declined": gettext_lazy("Declined a registration"),
            "registration.scored": gettext_lazy("Recorded scores"),
            "course.attendance_taken": gettext_lazy("Took attendance"),
        }
    )
    register_field_labels(
        {
            "name": gettext_lazy("Learner's name"),
            "position": gettext_lazy("Position"),
            "course": gettext_lazy("Course"),
            "state": gettext_lazy("State"),
            "mid_score": gettext_lazy("Mid-course score"),
            "final_score": gettext_lazy("Final score"),
        },
        entity="registration",
    )
    register_field_labels(
        {"session": gettext_lazy("Session"), "present": gettext_lazy("Present")},
        entity="course",
    )
    register_value_labels("state", RegistrationState, entity="registration")


def registration_open(course: Course, today: datetime.date | None = None) -> bool:
    """Registration closes when the course starts (by its state or by its date)."""
    today = today or timezone.localdate()
    return course.state == CourseState.PLANNED and today < course.starts_on


def taken_places(course: Course) -> int:
    return course.registrations.exclude(state=RegistrationState.DECLINED).count()


def registration_create(
    *,
    course: Course,
    agency: Agency,
    user: Any = None,
    name: str = "",
    position: str = "",
    department: Department | None = None,
    actor: Any,
) -> Registration:
    """Register one official of `agency` (an account of the agency, or only a name)."""
    if not can_register(actor, agency.pk):
        raise PermissionDenied(_("You may register only your own agency's officials."))
    errors: dict[str, str] = {}
    if user is not None:
        membership = Membership.objects.filter(user=user, agency=agency, is_active=True).first()
        if membership is None:
            errors["user"] = _("This official does not work in the agency.")
        else:
            name = name.strip() or str(user)
            position = position.strip() or membership.position
            department = department or membership.department
    if not name.strip():
        errors["name"] = _("Give the learner's name or choose an official.")
    elif len(name) > 150:
        errors["name"] = _("Keep it under %(n)s characters.") % {"n": 150}
    if len(position) > 150:
        errors["position"] = _("Keep it under %(n)s characters.") % {"n": 150}
    if department is not None and department.agency_id != agency.pk:
        errors["department"] = _("Choose a department of the agency.")
    if agency_province_id(agency) not in province_family_ids(course.province_id):
        errors["course"] = _("This course is for another province's agencies.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        course = lock_course(course)
        if not registration_open(course):
            raise ConflictError(_("Registration is closed: the course has started."))
        limit = rules.capacity(course.kind, course.max_learners)
        if taken_places(course) >= limit:
            raise ConflictError(
                _("The course is full: it takes at most %(n)s learners.") % {"n": limit}
            )
        if user is not None and course.registrations.filter(user=user).exists():
            raise ValidationError({"user": _("This official is already registered.")})
        registration = Registration.objects.create(
            course=course,
            agency=agency,
            user=user,
            name=name.strip(),
            position=position.strip(),
            department=department,
        )
        activity_record(
            actor=actor,
            verb="registration.created",
            target=registration,
            agency_id=agency.pk,
            changes={"course": course.title, "name": registration.name},
        )
    return registration


def _decide(registration: Registration, state: str, verb: str, actor: Any) -> Registration:
    require_manager(actor, registration.course.province_id)
    with transaction.atomic():
        lock_course(registration.course)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state == state:
            return registration
        if registration.state != RegistrationState.PENDING and registration.course.state not in {
            CourseState.PLANNED
        }:
            raise ConflictError(_("A decided registration cannot change once the course started."))
        old = registration.state
        registration.state = state
        registration.save(update_fields=["state", "updated_at"])
        activity_record(
            actor=actor,
            verb=verb,
            target=registration,
            agency_id=registration.agency_id,
            changes={"state": [old, state]},
        )
    return registration


def registration_confirm(*, registration: Registration, actor: Any) -> Registration:
    return _decide(registration, RegistrationState.CONFIRMED, "registration.confirmed", actor)


def registration_decline(*, registration: Registration, actor: Any) -> Registration:
    return _decide(registration, RegistrationState.DECLINED, "registration.declined", actor)


def attendance_take(*, session: Session, present_ids: set[int], actor: Any) -> int:
    """Mark the confirmed learners in `present_ids` present at `session`, the others
    absent; returns how many were present."""
    course = session.course
    require_manager(actor, course.province_id)
    with transaction.atomic():
        course = lock_course(course)
        if course.state not in {CourseState.RUNNING, CourseState.FINISHED}:
            raise ConflictError(_("Attendance is taken once the course has started."))
        learners = list(
            course.registrations.filter(state=RegistrationState.CONFIRMED).values_list(
                "pk", flat=True
            )
        )
        stray = set(present_ids) - set(learners)
        if stray:
            raise ValidationError({"present": _("Only confirmed learners can be marked present.")})
        Attendance.objects.filter(session=session).delete()
        Attendance.objects.bulk_create(
            [
                Attendance(session=session, registration_id=pk, present=pk in present_ids)
                for pk in learners
            ]
        )
        activity_record(
            actor=actor,
            verb="course.attendance_taken",
            target=course,
            changes={"session": str(session), "present": len(present_ids)},
        )
    return len(present_ids)


def parse_score(value: Any, field: str) -> Decimal | None:
    """A score out of 100 with up to two decimals, or a refusal naming the field."""
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Give a score from 0 to 100.")}) from None
    if not score.is_finite() or not Decimal("0") <= score <= SCORE_MAX:
        raise ValidationError({field: _("Give a score from 0 to 100.")})
    return score


def score_record(
    *, registration: Registration, mid_score: Any = None, final_score: Any = None, actor: Any
) -> Registration:
    """Record the mid-course and final scores (0–100, decimals allowed) of a confirmed
    learner of a running or finished course."""
    require_manager(actor, registration.course.province_id)
    mid = parse_score(mid_score, "mid_score")
    final = parse_score(final_score, "final_score")
    with transaction.atomic():
        course = lock_course(registration.course)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if course.state not in {CourseState.RUNNING, CourseState.FINISHED}:
            raise ConflictError(_("Scores are recorded once the course has started."))
        if registration.state != RegistrationState.CONFIRMED:
            raise ConflictError(_("Only a confirmed learner is scored."))
        if hasattr(registration, "certificate"):
            raise ConflictError(_("A certificate was issued on these scores."))
        changes = {}
        if registration.mid_score != mid:
            changes["mid_score"] = [registration.mid_score, mid]
        if registration.final_score != final:
            changes["final_score"] = [registration.final_score, final]
        registration.mid_score, registration.final_score = mid, final
        registration.save(update_fields=["mid_score", "final_score", "updated_at"])
        activity_record(
            actor=actor,
            verb="registration.scored",
            target=registration,
            agency_id=registration.agency_id,
            changes=changes,
        )
    return registration
