"""Writes of DOST's year: amendments of an approved inspection plan (TT 26/2014 Art. 34).

The People's Committee approved the plan as it stood; a later change is recorded as an
amendment with its date, its reason and what changed, never as a silent edit. Adding an
agency opens its inspection; removing one keeps its line (`removed_on`) and cancels its
inspection if it has not started. The one-third rule still holds after every change."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.inspections import inspection_states
from chuan.inspections.choices import InspectionForm, InspectionState
from chuan.inspections.models import Inspection, InspectionPlan, PlanAmendment, PlanLine
from chuan.inspections.services.plans import (
    LineData,
    check_agency,
    check_line,
    check_one_third,
    inspection_for,
    line_changes,
    locked,
    may_manage,
    step,
)
from chuan.organisations.models import Agency

# A form may still change while the inspection has not gone past its report request.
FORM_CHANGEABLE = frozenset({InspectionState.PLANNED, InspectionState.REQUESTED})


def check_amendment(plan: InspectionPlan, reason: str, amended_on: datetime.date | None) -> str:
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Give the reason for the amendment.")]
    elif len(reason) > 2000:
        errors["reason"] = [_("At most %(n)s characters.") % {"n": 2000}]
    if amended_on is None:
        errors["amended_on"] = [_("Give the amendment's date.")]
    elif amended_on > timezone.localdate():
        errors["amended_on"] = [_("An amendment cannot be dated in the future.")]
    elif plan.decision_date and amended_on < plan.decision_date:
        errors["amended_on"] = [_("An amendment cannot be dated before the plan's approval.")]
    if errors:
        raise ValidationError(errors)
    return reason


def _record(
    plan: InspectionPlan,
    line: PlanLine,
    *,
    amended_on: datetime.date,
    reason: str,
    changes: dict[str, Any],
    actor: Any,
) -> PlanAmendment:
    amendment = PlanAmendment.objects.create(
        plan=plan,
        line=line,
        amended_on=amended_on,
        reason=reason,
        changes=changes,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    activity_record(
        actor=actor,
        verb="inspection_plan.amended",
        target=plan,
        agency_id=line.agency_id,
        changes={"amended_on": amended_on, "reason": reason, **changes},
    )
    return amendment


def plan_amend_line(
    *,
    line: PlanLine,
    data: LineData,
    reason: str,
    amended_on: datetime.date | None,
    actor: Any,
) -> PlanAmendment | None:
    """Change a line of an approved plan; its inspection follows a change of form while it
    has not started (planned or report requested). None when nothing changed."""
    may_manage(line.plan.province_id, actor)
    data = check_line(data)
    with transaction.atomic():
        plan = locked(line.plan)
        step(plan, "amend")
        reason = check_amendment(plan, reason, amended_on)
        assert amended_on is not None
        line = PlanLine.objects.select_for_update().get(pk=line.pk)
        if line.removed_on is not None:
            raise ConflictError(_("This agency was removed from the plan."))
        changes = line_changes(line, data)
        if not changes:
            return None
        inspection = Inspection.objects.select_for_update().filter(line=line).first()
        if "form" in changes:
            if inspection is not None and inspection.state not in FORM_CHANGEABLE:
                raise ValidationError(
                    {
                        "form": [
                            _("The inspection is already “%(state)s”: its form cannot change.")
                            % {"state": InspectionState(inspection.state).label}
                        ]
                    }
                )
            delta = 1 if data.form == InspectionForm.ON_SITE else -1
            check_one_third(plan, extra_on_site=delta)
        for name, (_old, new) in changes.items():
            setattr(line, name, new)
        line.save()
        if inspection is not None and inspection.form != line.form:
            inspection.form = line.form
            inspection.save(update_fields=["form", "updated_at"])
        return _record(
            plan,
            line,
            amended_on=amended_on,
            reason=reason,
            changes={"agency": str(line.agency), **changes},
            actor=actor,
        )


def plan_amend_add(
    *,
    plan: InspectionPlan,
    agency: Agency,
    data: LineData,
    reason: str,
    amended_on: datetime.date | None,
    actor: Any,
) -> PlanAmendment:
    """Add an agency to an approved plan and open its inspection."""
    may_manage(plan.province_id, actor)
    data = check_line(data)
    with transaction.atomic():
        plan = locked(plan)
        step(plan, "amend")
        reason = check_amendment(plan, reason, amended_on)
        assert amended_on is not None
        check_agency(plan, agency)
        check_one_third(plan, extra_total=1, extra_on_site=int(data.form == InspectionForm.ON_SITE))
        line = PlanLine.objects.create(plan=plan, agency=agency, **data.__dict__)
        Inspection.objects.create(**_fields(inspection_for(line, plan)))
        return _record(
            plan,
            line,
            amended_on=amended_on,
            reason=reason,
            changes={"added": str(agency), "form": line.form},
            actor=actor,
        )


def _fields(inspection: Inspection) -> dict[str, Any]:
    return {
        name: getattr(inspection, name)
        for name in ("line", "agency_id", "province_id", "year", "form", "state")
    }


def plan_amend_remove(
    *, line: PlanLine, reason: str, amended_on: datetime.date | None, actor: Any
) -> PlanAmendment:
    """Take an agency off an approved plan: its line stays, marked removed, and its
    inspection is cancelled; refused once the inspection has started."""
    may_manage(line.plan.province_id, actor)
    with transaction.atomic():
        plan = locked(line.plan)
        step(plan, "amend")
        reason = check_amendment(plan, reason, amended_on)
        assert amended_on is not None
        line = PlanLine.objects.select_for_update().get(pk=line.pk)
        if line.removed_on is not None:
            raise ConflictError(_("This agency was already removed from the plan."))
        inspection = Inspection.objects.select_for_update().filter(line=line).first()
        if inspection is not None and not inspection_states.can(
            "cancel", inspection.state, inspection.form
        ):
            raise ConflictError(
                _("The inspection is already “%(state)s”: the agency cannot be removed.")
                % {"state": InspectionState(inspection.state).label}
            )
        on_site = int(line.form == InspectionForm.ON_SITE)
        check_one_third(plan, extra_total=-1, extra_on_site=-on_site)
        line.removed_on = amended_on
        line.save(update_fields=["removed_on", "updated_at"])
        if inspection is not None:
            inspection.state = inspection_states.target("cancel")
            inspection.save(update_fields=["state", "updated_at"])
        return _record(
            plan,
            line,
            amended_on=amended_on,
            reason=reason,
            changes={"removed": str(line.agency), "form": line.form},
            actor=actor,
        )
