"""Writes on nonconformities and their corrective-action requests (ISO 9001:2015, 10.2)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.text import fold
from chuan.dossiers.models import Dossier
from chuan.improvement import nc_rules
from chuan.improvement.choices import ActionState, NcSource, NcState, Severity
from chuan.improvement.models import Action, Nonconformity
from chuan.improvement.nc_states import next_state
from chuan.improvement.permissions import can_raise_nonconformity, can_read_qms
from chuan.organisations.models import Agency, Department
from chuan.organisations.selectors import agency_officials
from chuan.procedures.models import Procedure


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "nonconformity.raised": gettext_lazy("Recorded a nonconformity"),
            "nonconformity.confirmed": gettext_lazy("Confirmed a nonconformity"),
            "nonconformity.planned": gettext_lazy("Proposed corrective actions"),
            "nonconformity.sent_back": gettext_lazy("Sent corrective actions back"),
            "nonconformity.approved": gettext_lazy("Approved corrective actions"),
            "nonconformity.verified": gettext_lazy("Verified the effectiveness of actions"),
            "nonconformity.cancelled": gettext_lazy("Cancelled a corrective-action request"),
            "action.completed": gettext_lazy("Recorded an action as done"),
        }
    )
    register_field_labels(
        {
            "source": gettext_lazy("Source"),
            "severity": gettext_lazy("Severity"),
            "clause": gettext_lazy("ISO 9001 clause"),
            "dossiers": gettext_lazy("Dossiers"),
            "state": gettext_lazy("State"),
            "root_cause": gettext_lazy("Root cause"),
            "actions": gettext_lazy("Actions"),
            "repeats": gettext_lazy("Repeats the cause of"),
            "note": gettext_lazy("Comments"),
            "check_on": gettext_lazy("Check effectiveness on"),
            "effective": gettext_lazy("Effective"),
            "reason": gettext_lazy("Reason"),
        },
        entity="nonconformity",
    )
    register_field_labels(
        {
            "nonconformity": gettext_lazy("Nonconformity"),
            "result": gettext_lazy("Result"),
            "done_on": gettext_lazy("Done on"),
            "on_time": gettext_lazy("On time"),
        },
        entity="action",
    )
    register_value_labels("source", NcSource, entity="nonconformity")
    register_value_labels("severity", Severity, entity="nonconformity")
    register_value_labels("state", NcState, entity="nonconformity")


@dataclass
class NonconformityData:
    """Part 1 of the request: what was found, where, against which requirement."""

    source: str
    severity: str
    description: str
    found_on: datetime.date
    clause: str = ""
    evidence: str = ""
    department: Department | None = None
    procedure: Procedure | None = None
    dossiers: list[Dossier] = field(default_factory=list)


def nonconformity_raise(
    *, agency: Agency, data: NonconformityData, actor: Any, found_by: Any = None
) -> Nonconformity:
    """Record a nonconformity of `agency` (part 1 of the form), numbered in the agency's
    yearly sequence. `found_by` defaults to the actor; the system (a triage or an audit
    finding) passes who found it."""
    if not can_raise_nonconformity(actor, agency.pk):
        raise PermissionDenied(_("You may not record nonconformities of this agency."))
    errors: dict[str, str] = {}
    description = data.description.strip()
    if not description:
        errors["description"] = _("Describe what does not conform.")
    if data.source not in NcSource.values:
        errors["source"] = _("Choose where the nonconformity was found.")
    if data.severity not in Severity.values:
        errors["severity"] = _("Choose how serious it is.")
    if len(data.clause) > 20:
        errors["clause"] = _("Give the clause as in the standard, e.g. 8.5.1.")
    if data.department is not None and data.department.agency_id != agency.pk:
        errors["department"] = _("Choose a department of this agency.")
    if any(dossier.agency_id != agency.pk for dossier in data.dossiers):
        errors["dossiers"] = _("Only this agency's dossiers can be linked.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The agency row is the lock that keeps the yearly numbers without gaps or repeats.
        Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
        year = data.found_on.year
        last = Nonconformity.objects.filter(agency=agency, year=year).aggregate(n=Max("number"))
        nc = Nonconformity.objects.create(
            agency=agency,
            department=data.department,
            year=year,
            number=(last["n"] or 0) + 1,
            source=data.source,
            severity=data.severity,
            clause=data.clause.strip(),
            procedure=data.procedure,
            description=description,
            evidence=data.evidence.strip(),
            found_on=data.found_on,
            found_by=found_by or actor,
        )
        if data.dossiers:
            nc.dossiers.set(data.dossiers)
        activity_record(
            actor=actor,
            verb="nonconformity.raised",
            target=nc,
            agency_id=agency.pk,
            changes={
                "source": nc.source,
                "severity": nc.severity,
                "clause": nc.clause,
                "dossiers": [d.code for d in data.dossiers],
            },
        )
    return nc


# --- The steps after part 1 -------------------------------------------------------------------


@dataclass
class ActionData:
    """One corrective action as the department proposes it: what, who, within how many
    working days of the approval of the plan (counted by the province's calendar)."""

    description: str
    owner: Any
    working_days: int


@dataclass
class PlanData:
    """Part 2 of the request: the immediate correction, the answers to "why?" (up to five,
    the last one reaching the root cause), the root cause and the actions."""

    correction: str
    root_cause: str
    actions: list[ActionData]
    whys: list[str] = field(default_factory=list)


def _moment(at: datetime.datetime | None) -> datetime.datetime:
    return at or timezone.now()


def _locked(nc: Nonconformity) -> Nonconformity:
    return Nonconformity.objects.select_for_update().get(pk=nc.pk)


def _check(step: str, action: str, nc: Nonconformity, actor: Any, today: datetime.date) -> str:
    """The state `action` leads to; refuses an outsider, a wrong state (409) or a rule (403)."""
    if actor is not None and not can_read_qms(actor, nc.agency_id):
        raise PermissionDenied(_("You may not act on this agency's nonconformities."))
    target = next_state(nc.state, action)
    if target is None:
        raise ConflictError(
            _("The request is %(state)s: this step is not possible now.")
            % {"state": NcState(nc.state).label.lower()}
        )
    reason = nc_rules.refusal(step, nc, actor, today)
    if reason:
        raise ForbiddenError(reason)
    return target


def nonconformity_confirm(
    *, nc: Nonconformity, actor: Any, at: datetime.datetime | None = None
) -> Nonconformity:
    """The head of the department concerned (or a leader, or the ISO secretary) signs part 1:
    the nonconformity is acknowledged and its department must propose actions."""
    moment = _moment(at)
    with transaction.atomic():
        nc = _locked(nc)
        target = _check("confirm", "confirm", nc, actor, timezone.localdate(moment))
        nc.state, nc.confirmed_by, nc.confirmed_at = target, actor, moment
        nc.save(update_fields=["state", "confirmed_by", "confirmed_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="nonconformity.confirmed",
            target=nc,
            agency_id=nc.agency_id,
            changes={"state": nc.state},
        )
    return nc


def _plan_errors(nc: Nonconformity, data: PlanData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.correction.strip():
        errors["correction"] = _("Say what was done at once to correct it.")
    whys = [why.strip() for why in data.whys if why.strip()]
    if len(whys) > nc_rules.MAX_WHYS:
        errors["whys"] = _("Ask “why?” at most five times.")
    if not data.root_cause.strip():
        errors["root_cause"] = _("Give the root cause the whys lead to.")
    if not data.actions:
        errors["actions"] = _("Propose at least one action.")
    elif len(data.actions) > nc_rules.MAX_ACTIONS:
        errors["actions"] = _("Propose at most ten actions.")
    officials = set(agency_officials(nc.agency_id).values_list("pk", flat=True))
    for action in data.actions:
        if not action.description.strip():
            errors["actions"] = _("Describe every action.")
        elif getattr(action.owner, "pk", None) not in officials:
            errors["actions"] = _("Each action's responsible person is an official of the agency.")
        elif not 1 <= action.working_days <= nc_rules.MAX_WORKING_DAYS:
            errors["actions"] = _("Give each action from 1 to 250 working days.")
    return errors


def repeated_cause(nc: Nonconformity, root_cause: str) -> Nonconformity | None:
    """The earliest other request of the agency, on the same clause and department, whose
    root cause reads the same (ignoring case, diacritics and punctuation): the cause came
    back, so the earlier actions did not remove it."""
    wanted = fold(root_cause)
    if not wanted:
        return None
    candidates = (
        Nonconformity.objects.filter(agency_id=nc.agency_id, clause=nc.clause)
        .filter(
            **(
                {"department_id": nc.department_id}
                if nc.department_id
                else {"department__isnull": True}
            )
        )
        .exclude(pk=nc.pk)
        .exclude(root_cause="")
        .order_by("found_on", "pk")
        .only("pk", "root_cause")
    )
    return next((other for other in candidates if fold(other.root_cause) == wanted), None)


def nonconformity_plan(
    *,
    nc: Nonconformity,
    data: PlanData,
    actor: Any,
    at: datetime.datetime | None = None,
) -> Nonconformity:
    """The department fills part 2: correction, the whys, root cause and actions, each due
    a number of working days after today by the province's calendar. A reopened request gets
    a new round of actions; the earlier ones stay as its history."""
    moment = _moment(at)
    today = timezone.localdate(moment)
    with transaction.atomic():
        nc = _locked(nc)
        target = _check("plan", "plan", nc, actor, today)
        errors = _plan_errors(nc, data)
        if errors:
            raise ValidationError(errors)
        calendar = working_calendar(agency_province_id(nc.agency))
        # A plan sent back is proposed again: its open actions are replaced, not added to.
        nc.actions.filter(state=ActionState.OPEN).delete()
        last = nc.actions.aggregate(n=Max("order"))["n"] or 0
        created = Action.objects.bulk_create(
            Action(
                agency_id=nc.agency_id,
                nonconformity=nc,
                order=last + index,
                description=action.description.strip(),
                owner=action.owner,
                working_days=action.working_days,
                due_on=calendar.working_day_after(today, action.working_days),
            )
            for index, action in enumerate(data.actions, start=1)
        )
        nc.correction = data.correction.strip()
        nc.whys = [why.strip() for why in data.whys if why.strip()]
        nc.root_cause = data.root_cause.strip()
        nc.repeats = repeated_cause(nc, nc.root_cause)
        nc.state, nc.planned_by, nc.planned_at = target, actor, moment
        nc.save(
            update_fields=[
                "correction",
                "whys",
                "root_cause",
                "repeats",
                "state",
                "planned_by",
                "planned_at",
                "updated_at",
            ]
        )
        activity_record(
            actor=actor,
            verb="nonconformity.planned",
            target=nc,
            agency_id=nc.agency_id,
            changes={
                "state": nc.state,
                "root_cause": nc.root_cause,
                "actions": [f"{a.description} ({a.due_on:%d/%m/%Y})" for a in created],
                "repeats": nc.repeats.code if nc.repeats else "",
            },
        )
    return nc


def nonconformity_send_back(
    *, nc: Nonconformity, note: str, actor: Any, at: datetime.datetime | None = None
) -> Nonconformity:
    """A leader sends the proposed actions back to the department, saying why."""
    moment = _moment(at)
    with transaction.atomic():
        nc = _locked(nc)
        target = _check("send_back", "send_back", nc, actor, timezone.localdate(moment))
        if not note.strip():
            raise ValidationError({"note": _("Say what the plan lacks.")})
        nc.state, nc.return_note = target, note.strip()
        nc.save(update_fields=["state", "return_note", "updated_at"])
        activity_record(
            actor=actor,
            verb="nonconformity.sent_back",
            target=nc,
            agency_id=nc.agency_id,
            changes={"state": nc.state, "note": nc.return_note},
        )
    return nc


def nonconformity_approve(
    *,
    nc: Nonconformity,
    actor: Any,
    check_on: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Nonconformity:
    """A leader of the agency signs part 3: the actions go ahead. `check_on` is the day from
    which effectiveness may be verified (by default the last action's due date)."""
    moment = _moment(at)
    today = timezone.localdate(moment)
    with transaction.atomic():
        nc = _locked(nc)
        target = _check("approve", "approve", nc, actor, today)
        last_due = nc.actions.filter(state=ActionState.OPEN).aggregate(d=Max("due_on"))["d"]
        check_on = check_on or last_due or today
        if check_on < today:
            raise ValidationError({"check_on": _("The check cannot be set in the past.")})
        nc.state, nc.approved_by, nc.approved_at = target, actor, moment
        nc.check_on, nc.return_note = check_on, ""
        nc.save(
            update_fields=[
                "state",
                "approved_by",
                "approved_at",
                "check_on",
                "return_note",
                "updated_at",
            ]
        )
        activity_record(
            actor=actor,
            verb="nonconformity.approved",
            target=nc,
            agency_id=nc.agency_id,
            changes={"state": nc.state, "check_on": check_on.isoformat()},
        )
    return nc


def action_complete(
    *, action: Action, result: str, actor: Any, at: datetime.datetime | None = None
) -> Action:
    """The person responsible (or the ISO secretary) records the action done with its
    result. When the last open action of an approved request is done, the request awaits
    verification."""
    moment = _moment(at)
    today = timezone.localdate(moment)
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if actor is not None and not can_read_qms(actor, action.agency_id):
            raise PermissionDenied(_("You may not act on this agency's actions."))
        nc = _locked(action.nonconformity) if action.nonconformity_id else None  # type: ignore[arg-type]
        if action.state != ActionState.OPEN:
            raise ConflictError(_("This action is no longer open."))
        if nc is not None and nc.state != NcState.APPROVED:
            raise ConflictError(_("The actions can be carried out once they are approved."))
        reason = nc_rules.action_refusal(action, actor)
        if reason:
            raise ForbiddenError(reason)
        if not result.strip():
            raise ValidationError({"result": _("Say what was done.")})
        action.state, action.done_on, action.done_by = ActionState.DONE, today, actor
        action.result = result.strip()
        action.save(update_fields=["state", "done_on", "done_by", "result", "updated_at"])
        activity_record(
            actor=actor,
            verb="action.completed",
            target=action,
            agency_id=action.agency_id,
            changes={
                "nonconformity": nc.code if nc else "",
                "result": action.result,
                "done_on": today.isoformat(),
                "on_time": today <= action.due_on,
            },
        )
        if nc is not None and not nc.actions.filter(state=ActionState.OPEN).exists():
            nc.state = next_state(nc.state, "complete") or nc.state
            nc.save(update_fields=["state", "updated_at"])
    return action


def nonconformity_verify(
    *,
    nc: Nonconformity,
    effective: bool,
    note: str,
    actor: Any,
    at: datetime.datetime | None = None,
) -> Nonconformity:
    """Part 4: on or after the check day, someone who implemented none of the actions judges
    them. Effective closes the request; ineffective reopens it for a new plan, the earlier
    actions staying as its history."""
    moment = _moment(at)
    today = timezone.localdate(moment)
    action = "verify_effective" if effective else "verify_ineffective"
    with transaction.atomic():
        nc = _locked(nc)
        target = _check("verify", action, nc, actor, today)
        if not note.strip():
            raise ValidationError({"note": _("Say what the verification found.")})
        nc.state, nc.verified_by, nc.verified_at = target, actor, moment
        nc.verification_note = note.strip()
        fields = ["state", "verified_by", "verified_at", "verification_note", "updated_at"]
        if effective:
            nc.closed_at = moment
            fields.append("closed_at")
        else:
            nc.reopened_count += 1
            fields.append("reopened_count")
        nc.save(update_fields=fields)
        activity_record(
            actor=actor,
            verb="nonconformity.verified",
            target=nc,
            agency_id=nc.agency_id,
            changes={"state": nc.state, "effective": effective, "note": nc.verification_note},
        )
    return nc


def nonconformity_cancel(
    *, nc: Nonconformity, reason: str, actor: Any, at: datetime.datetime | None = None
) -> Nonconformity:
    """A leader or the ISO secretary withdraws a request not yet planned (recorded twice,
    or not a nonconformity after all), saying why."""
    moment = _moment(at)
    with transaction.atomic():
        nc = _locked(nc)
        target = _check("cancel", "cancel", nc, actor, timezone.localdate(moment))
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the request is cancelled.")})
        nc.state, nc.cancel_reason, nc.closed_at = target, reason.strip(), moment
        nc.save(update_fields=["state", "cancel_reason", "closed_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="nonconformity.cancelled",
            target=nc,
            agency_id=nc.agency_id,
            changes={"state": nc.state, "reason": nc.cancel_reason},
        )
    return nc
