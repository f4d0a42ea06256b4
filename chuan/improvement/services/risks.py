"""Writes on the register of risks and opportunities (ISO 9001:2015, 6.1): identify an
item with its first assessment, edit it, re-assess it (at least yearly), add and complete
the actions of its treatment, and move it between open, treated and closed. Only the
agency's ISO secretary and leaders (`can_manage_qms`) write; every write leaves one activity
entry."""

import datetime
from dataclasses import dataclass
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
from chuan.core.exceptions import ConflictError
from chuan.improvement import risk_rules as rules
from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment
from chuan.improvement.models import Risk, RiskAction, RiskAssessment
from chuan.improvement.permissions import can_manage_qms
from chuan.organisations.models import Agency, Department
from chuan.organisations.selectors import agency_officials
from chuan.procedures.models import InternalProcess

# Long enough for any paragraph of a register, short enough that no one fills the database.
TEXT_MAX = 4000
CONTEXT_MAX = 300
# How far ahead a due or review date may be set: a register plans years, not decades.
FAR_YEARS = 10


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "risk.created": gettext_lazy("Recorded a risk or opportunity"),
            "risk.updated": gettext_lazy("Edited a risk or opportunity"),
            "risk.reassessed": gettext_lazy("Re-assessed a risk or opportunity"),
            "risk.action_added": gettext_lazy("Added a treatment action"),
            "risk.action_done": gettext_lazy("Completed a treatment action"),
            "risk.treated": gettext_lazy("Marked a risk or opportunity treated"),
            "risk.closed": gettext_lazy("Closed a risk or opportunity"),
            "risk.reopened": gettext_lazy("Reopened a risk or opportunity"),
        }
    )
    register_field_labels(
        {
            "kind": gettext_lazy("Kind"),
            "likelihood": gettext_lazy("Likelihood"),
            "impact": gettext_lazy("Impact"),
            "score": gettext_lazy("Score"),
            "level": gettext_lazy("Risk level"),
            "treatment": gettext_lazy("Treatment"),
            "state": gettext_lazy("State"),
            "owner": gettext_lazy("Owner"),
            "due_on": gettext_lazy("Due on"),
            "done_on": gettext_lazy("Done on"),
            "next_review_on": gettext_lazy("Next review on"),
            "assessed_on": gettext_lazy("Assessed on"),
            "process": gettext_lazy("Internal process"),
            "description": gettext_lazy("Description"),
            "cause": gettext_lazy("Cause"),
            "consequence": gettext_lazy("Consequence"),
            "context": gettext_lazy("Context issue or interested party"),
            "note": gettext_lazy("Note"),
            "action": gettext_lazy("Treatment action"),
        },
        entity="risk",
    )
    register_value_labels("kind", RiskKind, entity="risk")
    register_value_labels("level", RiskLevel, entity="risk")
    register_value_labels("treatment", RiskTreatment, entity="risk")
    register_value_labels("state", RiskState, entity="risk")


@dataclass
class RiskData:
    """What the register says of an item, apart from its assessment."""

    kind: str
    description: str
    treatment: str
    context: str = ""
    cause: str = ""
    consequence: str = ""
    process: InternalProcess | None = None
    department: Department | None = None
    owner: Any = None
    due_on: datetime.date | None = None
    next_review_on: datetime.date | None = None


@dataclass
class Assessment:
    """One assessment: the likelihood and impact seen on a day."""

    likelihood: int
    impact: int
    assessed_on: datetime.date
    note: str = ""


def _require_manager(actor: Any, agency_id: int) -> None:
    if not can_manage_qms(actor, agency_id):
        raise PermissionDenied(_("Only the ISO secretary or a leader of the agency may do this."))


def _far(day: datetime.date | None, today: datetime.date) -> bool:
    return day is not None and day.year > today.year + FAR_YEARS


def _check_assessment(assessment: Assessment, errors: dict[str, str]) -> None:
    today = timezone.localdate()
    if not rules.in_scale(assessment.likelihood):
        errors["likelihood"] = _("Give the likelihood from 1 to 5.")
    if not rules.in_scale(assessment.impact):
        errors["impact"] = _("Give the impact from 1 to 5.")
    if assessment.assessed_on > today:
        errors["assessed_on"] = _("An assessment cannot be dated in the future.")
    if len(assessment.note) > TEXT_MAX:
        errors["note"] = _("Keep it under %(n)s characters.") % {"n": TEXT_MAX}


def _check_data(agency: Agency, data: RiskData, level: str, errors: dict[str, str]) -> None:
    today = timezone.localdate()
    if not data.description.strip():
        errors["description"] = _("Describe the risk or opportunity.")
    for name in ("description", "cause", "consequence"):
        if len(getattr(data, name)) > TEXT_MAX:
            errors[name] = _("Keep it under %(n)s characters.") % {"n": TEXT_MAX}
    if len(data.context) > CONTEXT_MAX:
        errors["context"] = _("Keep it under %(n)s characters.") % {"n": CONTEXT_MAX}
    if data.kind not in RiskKind.values:
        errors["kind"] = _("Choose a risk or an opportunity.")
    if data.treatment not in RiskTreatment.values:
        errors["treatment"] = _("Choose the treatment.")
    elif data.kind in RiskKind.values and not rules.treatment_fits(data.kind, data.treatment):
        errors["treatment"] = (
            _("An opportunity is accepted or exploited.")
            if data.kind == RiskKind.OPPORTUNITY
            else _("A risk is accepted, reduced or avoided; only opportunities are exploited.")
        )
    elif rules.accept_refused(data.kind, data.treatment, level):
        errors["treatment"] = _("A very high risk cannot just be accepted: reduce or avoid it.")
    if data.process is not None and data.process.agency_id != agency.pk:
        errors["process"] = _("Choose an internal process of this agency.")
    if data.department is not None and data.department.agency_id != agency.pk:
        errors["department"] = _("Choose a department of this agency.")
    if data.owner is not None and not agency_officials(agency.pk).filter(pk=data.owner.pk).exists():
        errors["owner"] = _("Choose an official of this agency.")
    for name in ("due_on", "next_review_on"):
        if _far(getattr(data, name), today):
            errors[name] = _("Give a date within %(n)s years.") % {"n": FAR_YEARS}


def _text(data: RiskData) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "context": data.context.strip(),
        "description": data.description.strip(),
        "cause": data.cause.strip(),
        "consequence": data.consequence.strip(),
        "treatment": data.treatment,
        "process": data.process,
        "department": data.department,
        "owner": data.owner,
        "due_on": data.due_on,
        "next_review_on": data.next_review_on,
    }


def _a_year_on(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def risk_create(*, agency: Agency, data: RiskData, assessment: Assessment, actor: Any) -> Risk:
    """Enter an item in `agency`'s register with its first assessment, numbered in the
    agency's yearly sequence."""
    _require_manager(actor, agency.pk)
    errors: dict[str, str] = {}
    _check_assessment(assessment, errors)
    level = ""
    if "likelihood" not in errors and "impact" not in errors:
        level = rules.level_of(rules.score_of(assessment.likelihood, assessment.impact))
    _check_data(agency, data, level, errors)
    if data.next_review_on is not None and data.next_review_on <= assessment.assessed_on:
        errors["next_review_on"] = _("The next review comes after this assessment.")
    if errors:
        raise ValidationError(errors)
    score = rules.score_of(assessment.likelihood, assessment.impact)
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
        year = assessment.assessed_on.year
        last = Risk.objects.filter(agency=agency, year=year).aggregate(n=Max("number"))
        risk = Risk.objects.create(
            agency=agency,
            year=year,
            number=(last["n"] or 0) + 1,
            likelihood=assessment.likelihood,
            impact=assessment.impact,
            score=score,
            level=level,
            assessed_on=assessment.assessed_on,
            **{
                **_text(data),
                # Reviewed at least yearly: a year on unless the register says sooner.
                "next_review_on": data.next_review_on or _a_year_on(assessment.assessed_on),
            },
        )
        RiskAssessment.objects.create(
            risk=risk,
            assessed_on=assessment.assessed_on,
            assessed_by=actor_user,
            likelihood=assessment.likelihood,
            impact=assessment.impact,
            score=score,
            level=level,
            note=assessment.note.strip(),
        )
        activity_record(
            actor=actor,
            verb="risk.created",
            target=risk,
            agency_id=agency.pk,
            changes={
                "kind": risk.kind,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "score": score,
                "level": level,
                "treatment": risk.treatment,
            },
        )
    return risk


def _live(risk: Risk) -> None:
    if risk.state not in rules.LIVE_STATES:
        raise ConflictError(_("A closed item cannot be changed; reopen it first."))


def risk_update(*, risk: Risk, data: RiskData, actor: Any) -> Risk:
    """Edit what the register says of an item (its assessment changes only by re-assessing)."""
    _require_manager(actor, risk.agency_id)
    _live(risk)
    if data.kind != risk.kind and data.kind in RiskKind.values:
        raise ValidationError({"kind": _("A risk cannot become an opportunity; record a new one.")})
    errors: dict[str, str] = {}
    _check_data(risk.agency, data, risk.level, errors)
    if errors:
        raise ValidationError(errors)
    changes: dict[str, Any] = {}
    with transaction.atomic():
        for name, new in _text(data).items():
            old = getattr(risk, name)
            if old != new:
                changes[name] = [_plain(old), _plain(new)]
                setattr(risk, name, new)
        if changes:
            risk.save()
            activity_record(
                actor=actor,
                verb="risk.updated",
                target=risk,
                agency_id=risk.agency_id,
                changes=changes,
            )
    return risk


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def risk_reassess(
    *,
    risk: Risk,
    assessment: Assessment,
    actor: Any,
    next_review_on: datetime.date | None = None,
) -> RiskAssessment:
    """Assess an item again: its likelihood and impact now, what the actions achieved. The
    item takes the new score and level; its next review moves to `next_review_on` (a year
    on if not given)."""
    _require_manager(actor, risk.agency_id)
    _live(risk)
    errors: dict[str, str] = {}
    _check_assessment(assessment, errors)
    if assessment.assessed_on < risk.assessed_on:
        errors["assessed_on"] = _("The last assessment was on %(day)s; give a later date.") % {
            "day": risk.assessed_on.strftime("%d/%m/%Y")
        }
    if next_review_on is not None and next_review_on <= assessment.assessed_on:
        errors["next_review_on"] = _("The next review comes after this assessment.")
    elif _far(next_review_on, timezone.localdate()):
        errors["next_review_on"] = _("Give a date within %(n)s years.") % {"n": FAR_YEARS}
    if errors:
        raise ValidationError(errors)
    score = rules.score_of(assessment.likelihood, assessment.impact)
    level = rules.level_of(score)
    before = (risk.score, risk.level)
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        row = RiskAssessment.objects.create(
            risk=risk,
            assessed_on=assessment.assessed_on,
            assessed_by=actor_user,
            likelihood=assessment.likelihood,
            impact=assessment.impact,
            score=score,
            level=level,
            note=assessment.note.strip(),
        )
        risk.likelihood, risk.impact = assessment.likelihood, assessment.impact
        risk.score, risk.level, risk.assessed_on = score, level, assessment.assessed_on
        risk.next_review_on = next_review_on or _a_year_on(assessment.assessed_on)
        risk.save()
        activity_record(
            actor=actor,
            verb="risk.reassessed",
            target=risk,
            agency_id=risk.agency_id,
            changes={
                "score": [before[0], score],
                "level": [before[1], level],
                "next_review_on": risk.next_review_on.isoformat(),
            },
        )
    return row


def risk_action_add(
    *, risk: Risk, description: str, due_on: datetime.date, actor: Any, owner: Any = None
) -> RiskAction:
    """Add an action to the item's treatment."""
    _require_manager(actor, risk.agency_id)
    _live(risk)
    errors: dict[str, str] = {}
    text = description.strip()
    if not text:
        errors["description"] = _("Say what will be done.")
    elif len(text) > TEXT_MAX:
        errors["description"] = _("Keep it under %(n)s characters.") % {"n": TEXT_MAX}
    if owner is not None and not agency_officials(risk.agency_id).filter(pk=owner.pk).exists():
        errors["owner"] = _("Choose an official of this agency.")
    if _far(due_on, timezone.localdate()):
        errors["due_on"] = _("Give a date within %(n)s years.") % {"n": FAR_YEARS}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = RiskAction.objects.create(risk=risk, description=text, owner=owner, due_on=due_on)
        activity_record(
            actor=actor,
            verb="risk.action_added",
            target=risk,
            agency_id=risk.agency_id,
            changes={"action": text[:200], "due_on": due_on.isoformat()},
        )
    return action


def risk_action_done(*, action: RiskAction, done_on: datetime.date, actor: Any) -> RiskAction:
    """Record that a treatment action was done."""
    risk = action.risk
    _require_manager(actor, risk.agency_id)
    _live(risk)
    if action.done_on is not None:
        raise ConflictError(_("This action is already done."))
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("An action cannot be done in the future.")})
    with transaction.atomic():
        action.done_on = done_on
        action.save(update_fields=["done_on", "updated_at"])
        activity_record(
            actor=actor,
            verb="risk.action_done",
            target=risk,
            agency_id=risk.agency_id,
            changes={"action": action.description[:200], "done_on": done_on.isoformat()},
        )
    return action


TRANSITION_VERBS = {"treat": "risk.treated", "close": "risk.closed", "reopen": "risk.reopened"}


def risk_transition(*, risk: Risk, action: str, actor: Any, note: str = "") -> Risk:
    """Move an item by the state table: `treat` (its actions are in place), `close` (no
    longer relevant; say why), `reopen`."""
    _require_manager(actor, risk.agency_id)
    if action not in rules.TRANSITIONS:
        raise ValidationError({"action": _("Unknown action.")})
    target = rules.next_state(risk.state, action)
    if target is None:
        raise ConflictError(
            _("This cannot be done while the item is %(state)s.")
            % {"state": RiskState(risk.state).label.lower()}
        )
    text = note.strip()
    if action == "close" and not text:
        raise ValidationError({"note": _("Say why the item is closed.")})
    if len(text) > TEXT_MAX:
        raise ValidationError({"note": _("Keep it under %(n)s characters.") % {"n": TEXT_MAX}})
    if (
        action == "treat"
        and rules.treatment_needs_actions(risk.treatment)
        and not risk.actions.exists()
    ):
        raise ConflictError(_("Add the actions of the treatment before marking it treated."))
    with transaction.atomic():
        before = risk.state
        risk.state = target
        if action == "close":
            risk.closed_at, risk.closing_note = timezone.now(), text
        elif action == "reopen":
            risk.closed_at, risk.closing_note = None, ""
        risk.save()
        changes: dict[str, Any] = {"state": [before, target]}
        if text:
            changes["note"] = text[:500]
        activity_record(
            actor=actor,
            verb=TRANSITION_VERBS[action],
            target=risk,
            agency_id=risk.agency_id,
            changes=changes,
        )
    return risk
