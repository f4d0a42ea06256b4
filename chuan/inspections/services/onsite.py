"""Writes of on-site inspections, part one (TT 26/2014/TT-BKHCN Arts. 35, 40): the inspector
registry and the inspection decision (Mẫu 20 QĐKT) with its team and schedule; the reminder
of an inspection scheduled soon. Results, minutes and signing are in `onsite_results`."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ForbiddenError
from chuan.inspections import inspection_states
from chuan.inspections.article36 import CODE_CHOICES
from chuan.inspections.choices import InspectionForm, InspectionState, ItemResult
from chuan.inspections.models import (
    DecisionInspection,
    DecisionMember,
    Inspection,
    InspectionDecision,
    Inspector,
    TeamRole,
)
from chuan.inspections.permissions import can_manage
from chuan.inspections.qualification import missing_qualifications, reasons_text
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import province_family_ids

REMIND_WORKING_DAYS = 5


def _may_manage(province_id: int, actor: Any) -> None:
    if not can_manage(actor, province_id):
        raise ForbiddenError(_("Only DOST's coordinators of the province may do this."))


# --- the inspector registry (Art. 40) ------------------------------------------------------


@dataclass
class InspectorData:
    full_name: str
    unit: str = ""
    position: str = ""
    user: Any = None
    has_degree: bool = False
    degree_field: str = ""
    state_management_number: str = ""
    state_management_date: datetime.date | None = None
    napa_graduate: bool = False
    auditor_number: str = ""
    auditor_date: datetime.date | None = None
    auditor_certificate: Any = None
    experience_since: datetime.date | None = None
    is_active: bool = True


_INSPECTOR_FIELDS = tuple(InspectorData.__dataclass_fields__)


def _check_inspector(
    province: AdministrativeUnit, data: InspectorData, pk: int | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.full_name.strip():
        errors["full_name"] = _("Write the inspector's full name.")
    today = timezone.localdate()
    for name in ("state_management_date", "auditor_date", "experience_since"):
        day = getattr(data, name)
        if day is not None and day > today:
            errors[name] = _("This date is in the future.")
    if data.user is not None:
        taken = Inspector.objects.filter(province=province, user=data.user)
        if pk is not None:
            taken = taken.exclude(pk=pk)
        if taken.exists():
            errors["user"] = _("This account is already in the registry.")
    certificate = data.auditor_certificate
    if (
        certificate is not None
        and data.user is not None
        and certificate.holder_id not in (None, data.user.pk)
    ):
        errors["auditor_certificate"] = _("This certificate was issued to someone else.")
    return errors


def _clean(data: InspectorData) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in _INSPECTOR_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    return values


def inspector_create(*, province: AdministrativeUnit, data: InspectorData, actor: Any) -> Inspector:
    """Put a person in the province's inspector registry with their qualifications."""
    _may_manage(province.pk, actor)
    errors = _check_inspector(province, data, None)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspector = Inspector.objects.create(province=province, **_clean(data))
        activity_record(
            actor=actor,
            verb="inspector.registered",
            target=inspector,
            changes={
                "full_name": inspector.full_name,
                "missing": [r.value for r in missing_qualifications(inspector, today())],
            },
        )
    return inspector


def inspector_update(*, inspector: Inspector, data: InspectorData, actor: Any) -> Inspector:
    """Correct an inspector's record (a new certificate, a change of unit, leaving)."""
    _may_manage(inspector.province_id, actor)
    errors = _check_inspector(inspector.province, data, inspector.pk)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspector = Inspector.objects.select_for_update().get(pk=inspector.pk)
        values = _clean(data)
        changed = {
            name: str(value) if value is not None else ""
            for name, value in values.items()
            if getattr(inspector, name) != value and name in ("full_name", "unit", "is_active")
        }
        for name, value in values.items():
            setattr(inspector, name, value)
        inspector.save()
        activity_record(
            actor=actor,
            verb="inspector.updated",
            target=inspector,
            changes={
                **changed,
                "missing": [r.value for r in missing_qualifications(inspector, today())],
            },
        )
    return inspector


def today() -> datetime.date:
    return timezone.localdate()


# --- the inspection decision (Art. 35.2, Mẫu 20) -------------------------------------------


@dataclass
class TeamEntry:
    inspector: Inspector
    role: str
    unit: str = ""


@dataclass
class Visit:
    inspection: Inspection
    scheduled_at: datetime.datetime
    place: str = ""


@dataclass
class DecisionData:
    number: str
    issued_on: datetime.date
    issuer: str
    signer: str = ""
    content: str = ""
    team: list[TeamEntry] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)


def _team_errors(province_id: int, data: DecisionData, last_day: datetime.date) -> list[str]:
    errors: list[str] = []
    roles = [entry.role for entry in data.team]
    if roles.count(TeamRole.HEAD) != 1:
        errors.append(_("The team needs exactly one head."))
    if roles.count(TeamRole.DEPUTY) > 1:
        errors.append(_("The team has at most one deputy head."))
    if any(role not in TeamRole.values for role in roles):
        errors.append(_("Choose each member's role."))
    seen: set[tuple[str, int]] = set()
    family = province_family_ids(province_id)
    for entry in data.team:
        person = entry.inspector
        keys = {("inspector", person.pk)}
        if person.user_id is not None:
            keys.add(("user", person.user_id))
        if keys & seen:
            errors.append(_("%(name)s is on the team twice.") % {"name": person.full_name})
            continue
        seen |= keys
        if person.province_id not in family:
            errors.append(
                _("%(name)s is not in this province's inspector registry.")
                % {"name": person.full_name}
            )
            continue
        # Qualified on the decision's day and still on the last day of the visits.
        reasons = list(
            dict.fromkeys(
                missing_qualifications(person, data.issued_on)
                + missing_qualifications(person, last_day)
            )
        )
        if reasons:
            errors.append(
                _("%(name)s cannot be on the team: %(reasons)s.")
                % {"name": person.full_name, "reasons": reasons_text(reasons)}
            )
    return errors


def _visit_errors(province_id: int, data: DecisionData) -> list[str]:
    errors: list[str] = []
    if not data.visits:
        errors.append(_("Choose at least one inspection the decision covers."))
    family = province_family_ids(province_id)
    seen: set[int] = set()
    for visit in data.visits:
        inspection = visit.inspection
        name = str(inspection.agency)
        day = timezone.localtime(visit.scheduled_at).date()
        if inspection.pk in seen:
            errors.append(_("%(agency)s is listed twice.") % {"agency": name})
            continue
        seen.add(inspection.pk)
        if inspection.form != InspectionForm.ON_SITE:
            errors.append(
                _("%(agency)s is not planned for an on-site inspection.") % {"agency": name}
            )
        elif inspection.province_id not in family:
            errors.append(_("%(agency)s is not inspected by this province.") % {"agency": name})
        elif not inspection_states.can("decide", inspection.state, inspection.form):
            errors.append(
                _("%(agency)s: not possible while the inspection is “%(state)s”.")
                % {"agency": name, "state": InspectionState(inspection.state).label}
            )
        elif DecisionInspection.objects.filter(inspection=inspection).exists():
            errors.append(_("%(agency)s is already covered by a decision.") % {"agency": name})
        if day.year != inspection.year:
            errors.append(
                _("%(agency)s: the visit must fall within the plan year %(year)s.")
                % {"agency": name, "year": inspection.year}
            )
        elif day < data.issued_on:
            errors.append(
                _("%(agency)s: the visit cannot be before the decision.") % {"agency": name}
            )
    return errors


def decision_issue(
    *, province: AdministrativeUnit, data: DecisionData, actor: Any
) -> InspectionDecision:
    """Record the inspection decision: only qualified inspectors of the province's registry,
    each once; only on-site inspections of the province not yet concluded, each visited
    within its plan year. Each inspection becomes "inspection decided". A refusal names
    the inspector and what they lack, and changes nothing."""
    _may_manage(province.pk, actor)
    errors: dict[str, list[str]] = {}
    number = data.number.strip()
    if not number:
        errors["number"] = [_("Write the decision's number.")]
    elif InspectionDecision.objects.filter(
        province=province, number=number, issued_on=data.issued_on
    ).exists():
        errors["number"] = [_("A decision with this number and date is already recorded.")]
    if data.issued_on > today():
        errors["issued_on"] = [_("This date is in the future.")]
    if not data.issuer.strip():
        errors["issuer"] = [_("Write who issues the decision.")]
    days = [timezone.localtime(v.scheduled_at).date() for v in data.visits]
    team = _team_errors(province.pk, data, max(days, default=data.issued_on))
    if team:
        errors["team"] = team
    visits = _visit_errors(province.pk, data)
    if visits:
        errors["visits"] = visits
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = {
            i.pk: i
            for i in Inspection.objects.select_for_update().filter(
                pk__in=[v.inspection.pk for v in data.visits]
            )
        }
        for inspection in locked.values():
            if not inspection_states.can("decide", inspection.state, inspection.form):
                raise ValidationError(
                    {"visits": [_("An inspection changed meanwhile; try again.")]}
                )
        decision = InspectionDecision.objects.create(
            province=province,
            number=number[:60],
            issued_on=data.issued_on,
            issuer=data.issuer.strip()[:255],
            signer=data.signer.strip()[:150],
            content=data.content.strip()[:20_000],
            created_by=actor,
        )
        DecisionMember.objects.bulk_create(
            DecisionMember(
                decision=decision,
                inspector=entry.inspector,
                role=entry.role,
                unit=(entry.unit or entry.inspector.unit).strip()[:255],
            )
            for entry in data.team
        )
        DecisionInspection.objects.bulk_create(
            DecisionInspection(
                decision=decision,
                inspection=locked[v.inspection.pk],
                scheduled_at=v.scheduled_at,
                place=v.place.strip()[:255],
            )
            for v in data.visits
        )
        to = inspection_states.target("decide")
        for visit in data.visits:
            inspection = locked[visit.inspection.pk]
            inspection.state = to
            inspection.save(update_fields=["state", "updated_at"])
            visit.inspection.state = to
            activity_record(
                actor=actor,
                verb="inspection.decided",
                target=inspection,
                agency_id=inspection.agency_id,
                changes={
                    "state": to,
                    "decision": f"{decision.number} ({decision.issued_on:%d/%m/%Y})",
                    "scheduled_at": timezone.localtime(visit.scheduled_at).strftime(
                        "%d/%m/%Y %H:%M"
                    ),
                },
            )
        activity_record(
            actor=actor,
            verb="inspection_decision.issued",
            target=decision,
            changes={
                "number": decision.number,
                "issued_on": decision.issued_on.strftime("%d/%m/%Y"),
                "team": [entry.inspector.full_name for entry in data.team],
                "agencies": [str(v.inspection.agency) for v in data.visits],
            },
        )
    return decision


def register_reminders() -> None:
    """Kind "inspection_scheduled": the team and the agency's answerers, five working days
    before the visit (`onsite_reminders.scheduled_reminders`)."""
    from chuan.inspections.services.onsite_reminders import scheduled_reminders
    from chuan.notifications.registry import register_reminders as register

    register("inspection_scheduled", gettext_lazy("An inspection scheduled"), scheduled_reminders)


def register_activity_labels() -> None:
    """Labels of the activity this module and `onsite_results` record."""
    from chuan.inspections.qualification import Reason

    register_verb_labels(
        {
            "inspector.registered": gettext_lazy("Put an inspector in the registry"),
            "inspector.updated": gettext_lazy("Updated an inspector's record"),
            "inspection_decision.issued": gettext_lazy("Recorded an inspection decision"),
            "inspection.decided": gettext_lazy("Scheduled an on-site inspection"),
            "inspection.result_recorded": gettext_lazy("Recorded an item's result"),
            "inspection.request_drafted": gettext_lazy("Drafted a request for correction"),
            "inspection.request_removed": gettext_lazy("Removed a drafted request for correction"),
            "inspection_minutes.saved": gettext_lazy("Wrote the inspection minutes"),
            "inspection_minutes.signed": gettext_lazy("Recorded the signing of the minutes"),
        }
    )
    register_field_labels(
        {
            "full_name": gettext_lazy("Full name"),
            "unit": gettext_lazy("Work unit"),
            "is_active": gettext_lazy("In the registry"),
            "missing": gettext_lazy("Missing qualifications"),
        },
        entity="inspector",
    )
    register_value_labels("missing", Reason, entity="inspector")
    register_field_labels(
        {
            "number": gettext_lazy("Decision number"),
            "issued_on": gettext_lazy("Decision date"),
            "team": gettext_lazy("Team"),
            "agencies": gettext_lazy("Agencies"),
        },
        entity="inspection_decision",
    )
    register_field_labels(
        {
            "state": gettext_lazy("State"),
            "decision": gettext_lazy("Inspection decision"),
            "scheduled_at": gettext_lazy("Scheduled at"),
            "item": gettext_lazy("Item"),
            "result": gettext_lazy("Result"),
            "finding": gettext_lazy("Notes"),
            "evidence_seen": gettext_lazy("Evidence seen"),
            "request": gettext_lazy("Request for correction"),
        },
        entity="inspection",
    )
    register_value_labels("state", InspectionState, entity="inspection")
    register_value_labels("result", ItemResult, entity="inspection")
    register_value_labels("item", dict(CODE_CHOICES), entity="inspection")
    register_field_labels(
        {
            "conclusion": gettext_lazy("Conclusion"),
            "team_head_signed_on": gettext_lazy("Team head signed on"),
            "agency_signed_on": gettext_lazy("Agency signed on"),
            "representatives": gettext_lazy("Agency representatives"),
        },
        entity="inspection_minutes",
    )
    from chuan.inspections.choices import Conclusion

    register_value_labels("conclusion", Conclusion, entity="inspection_minutes")
