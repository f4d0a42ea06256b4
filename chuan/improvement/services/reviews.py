"""Writes on management reviews (ISO 9001:2015, 9.3; QĐ 19/2014/QĐ-TTg Art. 4.4b): plan the
meeting, compile its input pack, comment each input, record the minutes with decisions and
actions, and the chair's approval, after which the pack's figures are frozen."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.improvement.choices import ReviewInputKey, ReviewState
from chuan.improvement.models import Action, ManagementReview, ReviewDecision, ReviewSection
from chuan.improvement.permissions import can_approve_qms, can_manage_qms
from chuan.improvement.review_pack import Period, compile_pack
from chuan.improvement.review_states import next_state
from chuan.improvement.services.nonconformities import action_complete
from chuan.organisations.models import Agency
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import active_membership

ENTITY = "management_review"


def register_activity_labels() -> None:
    """Labels of the activity this module records."""
    register_verb_labels(
        {
            "management_review.planned": gettext_lazy("Planned a management review"),
            "management_review.compiled": gettext_lazy("Compiled a management review's pack"),
            "management_review.commented": gettext_lazy(
                "Commented an input of a management review"
            ),
            "management_review.minuted": gettext_lazy("Recorded a management review's minutes"),
            "management_review.decided": gettext_lazy("Recorded a management review's decision"),
            "management_review.action_added": gettext_lazy("Assigned a management review's action"),
            "management_review.approved": gettext_lazy("Approved a management review's minutes"),
        }
    )
    register_field_labels(
        {
            "title": gettext_lazy("Meeting title"),
            "period": gettext_lazy("Period"),
            "held_at": gettext_lazy("Date and time"),
            "chair": gettext_lazy("Chair"),
            "secretary": gettext_lazy("Secretary"),
            "state": gettext_lazy("State"),
            "input": gettext_lazy("Input"),
            "comment": gettext_lazy("Comment"),
            "decision": gettext_lazy("Decision"),
            "action": gettext_lazy("Action to take"),
            "owner": gettext_lazy("Responsible"),
            "due_on": gettext_lazy("Due on"),
            "result": gettext_lazy("Result"),
        },
        entity=ENTITY,
    )
    register_value_labels("state", ReviewState, entity=ENTITY)
    register_value_labels("input", ReviewInputKey, entity=ENTITY)


def _may_manage(review_or_agency_id: int, actor: Any) -> None:
    if not can_manage_qms(actor, review_or_agency_id):
        raise PermissionDenied(_("You may not run this agency's management reviews."))


def _step(review: ManagementReview, action: str) -> str:
    to = next_state(review.state, action)
    if to is None:
        raise ConflictError(
            _("Not possible while the review is “%(state)s”.")
            % {"state": ReviewState(review.state).label}
        )
    return to


def _locked(review: ManagementReview) -> ManagementReview:
    return ManagementReview.objects.select_for_update().get(pk=review.pk)


def _is_member(user: Any, agency_id: int) -> bool:
    membership = active_membership(user)
    return membership is not None and membership.agency_id == agency_id


@dataclass
class ReviewData:
    """What the secretary plans: the meeting, its period, its chair and who attends."""

    title: str
    period_start: datetime.date
    period_end: datetime.date
    held_at: datetime.datetime
    chair: Any
    secretary: Any
    place: str = ""
    attendees: list[Any] = field(default_factory=list)
    guests: str = ""


def review_create(*, agency: Agency, data: ReviewData, actor: Any) -> ManagementReview:
    """Plan a management review of `agency`, chaired by one of its leaders."""
    _may_manage(agency.pk, actor)
    errors: dict[str, str] = {}
    title = data.title.strip()
    if not title:
        errors["title"] = _("Give the meeting a title.")
    if data.period_end < data.period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if data.chair is None or not is_leader_of(data.chair, agency.pk):
        errors["chair"] = _("The chair must be a leader of this agency.")
    if data.secretary is None or not _is_member(data.secretary, agency.pk):
        errors["secretary"] = _("The secretary must be an official of this agency.")
    if any(not _is_member(user, agency.pk) for user in data.attendees):
        errors["attendees"] = _("Attendees must be officials of this agency; write guests below.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = ManagementReview.objects.create(
            agency=agency,
            title=title[:255],
            period_start=data.period_start,
            period_end=data.period_end,
            held_at=data.held_at,
            place=data.place.strip()[:255],
            chair=data.chair,
            secretary=data.secretary,
            guests=data.guests.strip(),
        )
        review.attendees.set(data.attendees)
        ReviewSection.objects.bulk_create(
            ReviewSection(review=review, key=key) for key in ReviewInputKey.values
        )
        activity_record(
            actor=actor,
            verb="management_review.planned",
            target=review,
            agency_id=agency.pk,
            changes={
                "title": review.title,
                "period": f"{data.period_start:%d/%m/%Y} – {data.period_end:%d/%m/%Y}",
                "chair": str(data.chair),
                "secretary": str(data.secretary),
            },
        )
    return review


def review_compile(*, review: ManagementReview, actor: Any) -> ManagementReview:
    """Compile (again) every input of the pack from the agency's figures for the period;
    the comments stay. Refused once the chair approved: the figures are frozen."""
    _may_manage(review.agency_id, actor)
    with transaction.atomic():
        review = _locked(review)
        to = _step(review, "compile")
        period = Period(review.agency, review.period_start, review.period_end, review.pk)
        pack = compile_pack(period)
        sections = {s.key: s for s in review.sections.all()}
        for key, compiled in pack.items():
            section = sections.get(key) or ReviewSection(review=review, key=key)
            section.headers = [str(h) for h in compiled.headers]
            section.rows = [list(row) for row in compiled.rows]
            section.summary = str(compiled.summary)
            section.save()
        review.state = to
        review.compiled_at = timezone.now()
        review.save(update_fields=["state", "compiled_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="management_review.compiled",
            target=review,
            agency_id=review.agency_id,
            changes={"state": to},
        )
    return review


def review_comment(
    *, review: ManagementReview, key: str, comment: str, actor: Any
) -> ReviewSection:
    """Write the meeting's comment on one input (for i and j, the input itself)."""
    _may_manage(review.agency_id, actor)
    if key not in ReviewInputKey.values:
        raise ValidationError({"key": _("Choose an input of the pack.")})
    with transaction.atomic():
        review = _locked(review)
        _step(review, "comment")
        section = review.sections.get(key=key)
        section.comment = comment.strip()[:20_000]
        section.save(update_fields=["comment"])
        activity_record(
            actor=actor,
            verb="management_review.commented",
            target=review,
            agency_id=review.agency_id,
            changes={"input": key, "comment": section.comment[:200]},
        )
    return section


def review_record_minutes(
    *, review: ManagementReview, minutes: str, actor: Any
) -> ManagementReview:
    """Record what was said at the meeting: the review is held."""
    _may_manage(review.agency_id, actor)
    if not minutes.strip():
        raise ValidationError({"minutes": _("Write what the meeting concluded.")})
    with transaction.atomic():
        review = _locked(review)
        to = _step(review, "record_minutes")
        review.minutes = minutes.strip()[:20_000]
        review.state = to
        review.save(update_fields=["minutes", "state", "updated_at"])
        activity_record(
            actor=actor,
            verb="management_review.minuted",
            target=review,
            agency_id=review.agency_id,
            changes={"state": to},
        )
    return review


def review_decision_add(*, review: ManagementReview, text: str, actor: Any) -> ReviewDecision:
    """A decision of the meeting (clause 9.3.3)."""
    _may_manage(review.agency_id, actor)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    with transaction.atomic():
        review = _locked(review)
        _step(review, "add_output")
        last = review.decisions.aggregate(n=Max("order"))["n"] or 0
        decision = ReviewDecision.objects.create(review=review, order=last + 1, text=text[:5000])
        activity_record(
            actor=actor,
            verb="management_review.decided",
            target=review,
            agency_id=review.agency_id,
            changes={"decision": decision.text[:200]},
        )
    return decision


def review_action_add(
    *, review: ManagementReview, description: str, owner: Any, due_on: datetime.date, actor: Any
) -> Action:
    """An action the meeting decided, with its owner (an official of the agency) and due
    date; followed like a corrective action."""
    _may_manage(review.agency_id, actor)
    errors: dict[str, str] = {}
    description = description.strip()
    if not description:
        errors["description"] = _("Describe the action.")
    if owner is None or not _is_member(owner, review.agency_id):
        errors["owner"] = _("The owner must be an official of this agency.")
    if due_on < review.held_at.date():
        errors["due_on"] = _("The due date cannot be before the meeting.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = _locked(review)
        _step(review, "add_output")
        last = review.actions.aggregate(n=Max("order"))["n"] or 0
        action = Action.objects.create(
            agency_id=review.agency_id,
            review=review,
            order=last + 1,
            description=description[:5000],
            owner=owner,
            due_on=due_on,
        )
        activity_record(
            actor=actor,
            verb="management_review.action_added",
            target=review,
            agency_id=review.agency_id,
            changes={
                "action": action.description[:200],
                "owner": str(owner),
                "due_on": due_on.strftime("%d/%m/%Y"),
            },
        )
    return action


def review_approve(*, review: ManagementReview, actor: Any) -> ManagementReview:
    """The chair approves the minutes: the pack's figures are frozen from now on."""
    if not can_approve_qms(actor, review.agency_id) or (
        actor is not None and actor.pk != review.chair_id
    ):
        raise ForbiddenError(_("Only the chair of the meeting, a leader of the agency, approves."))
    with transaction.atomic():
        review = _locked(review)
        to = _step(review, "approve")
        review.state = to
        review.approved_at = timezone.now()
        review.save(update_fields=["state", "approved_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="management_review.approved",
            target=review,
            agency_id=review.agency_id,
            changes={"state": to},
        )
    return review


def review_action_complete(
    *, action: Action, result: str, actor: Any, today: datetime.date | None = None
) -> Action:
    """Mark a review's action done: the same step as a corrective action's (its owner or
    the ISO secretary records what was done), refused for an action of no review."""
    if action.review_id is None:
        raise ValidationError({"action": _("This is not a management review's action.")})
    at = None
    if today is not None:
        at = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    return action_complete(action=action, result=result, actor=actor, at=at)
