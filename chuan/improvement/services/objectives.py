"""Writes on the agency's quality objectives (ISO 9001:2015, 6.2; QĐ 19/2014/QĐ-TTg Art.
4.2): drafted by the ISO secretary, approved by the agency's leader, planned, measured and
evaluated at the year's end. A change of what an approved objective aims at sends it back
for approval; every other change is recorded in the activity log."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
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
from chuan.improvement import objectives_rules as rules
from chuan.improvement.choices import Comparison, Measure, ObjectiveState, ObjectiveUnit
from chuan.improvement.models import Objective, ObjectiveMeasurement, ObjectivePlanLine
from chuan.improvement.permissions import can_approve_qms, can_manage_qms
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import Field, Procedure

MAX_VALUE = Decimal("9999999")
MIN_YEAR, MAX_YEAR = 2000, 2100


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "objective.created": gettext_lazy("Drafted a quality objective"),
            "objective.changed": gettext_lazy("Changed a quality objective"),
            "objective.approved": gettext_lazy("Approved a quality objective"),
            "objective.evaluated": gettext_lazy("Evaluated a quality objective at year end"),
            "objective.plan_added": gettext_lazy("Added a line to a quality objective's plan"),
            "objective.plan_removed": gettext_lazy(
                "Removed a line from a quality objective's plan"
            ),
            "objective.measured": gettext_lazy("Recorded a quality objective's value"),
        }
    )
    register_field_labels(
        {
            "year": gettext_lazy("Year"),
            "indicator": gettext_lazy("Indicator"),
            "comparison": gettext_lazy("Comparison"),
            "target": gettext_lazy("Target"),
            "unit": gettext_lazy("Unit of measure"),
            "measure": gettext_lazy("Measured"),
            "department": gettext_lazy("Department"),
            "procedure": gettext_lazy("Administrative procedure"),
            "field": gettext_lazy("Field"),
            "state": gettext_lazy("State"),
            "value_reached": gettext_lazy("Value reached"),
            "met": gettext_lazy("Met"),
            "evaluation": gettext_lazy("Reason"),
            "action": gettext_lazy("What is done"),
            "owner": gettext_lazy("Responsible"),
            "resources": gettext_lazy("Resources"),
            "deadline": gettext_lazy("Deadline"),
            "period": gettext_lazy("Period"),
            "value": gettext_lazy("Value"),
            "note": gettext_lazy("Note"),
        },
        entity="objective",
    )
    register_value_labels("comparison", Comparison, entity="objective")
    register_value_labels("unit", ObjectiveUnit, entity="objective")
    register_value_labels("measure", Measure, entity="objective")
    register_value_labels("state", ObjectiveState, entity="objective")


@dataclass
class ObjectiveData:
    """What an objective aims at and how it is measured."""

    name: str
    indicator: str
    comparison: str
    target: Decimal
    unit: str
    measure: str
    department: Department | None = None
    procedure: Procedure | None = None
    field: Field | None = None


def _check(agency: Agency, data: ObjectiveData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip() or len(data.name) > 300:
        errors["name"] = _("Name the objective (at most 300 characters).")
    if not data.indicator.strip() or len(data.indicator) > 300:
        errors["indicator"] = _("Say what is measured (at most 300 characters).")
    if data.comparison not in Comparison.values:
        errors["comparison"] = _("Choose how the value is compared with the target.")
    if data.unit not in ObjectiveUnit.values:
        errors["unit"] = _("Choose the unit.")
    if data.measure not in Measure.values:
        errors["measure"] = _("Choose how the value is measured.")
    if data.target is None or not (0 <= data.target <= MAX_VALUE):
        errors["target"] = _("Give a target between 0 and 9,999,999.")
    elif data.unit == ObjectiveUnit.PERCENT and data.target > 100:
        errors["target"] = _("A percentage is at most 100.")
    if data.measure in Measure.values and data.measure not in rules.MANUAL_MEASURES:
        live_unit = (
            ObjectiveUnit.COUNT if data.measure in rules.COUNT_MEASURES else ObjectiveUnit.PERCENT
        )
        if data.unit != live_unit and "unit" not in errors:
            errors["unit"] = _("This measure is counted in %(unit)s.") % {"unit": live_unit.label}
    dossier_measure = data.measure in (
        Measure.ON_TIME,
        Measure.EARLY,
        Measure.SATISFIED,
        Measure.NOT_SATISFIED,
        Measure.OVERDUE_NOW,
    )
    if (data.procedure or data.field) and not dossier_measure:
        errors["procedure"] = _("Only a measure of dossiers reads one procedure or field.")
    if data.procedure and data.field:
        errors["field"] = _("Choose a procedure or a field, not both.")
    if data.department is not None and data.department.agency_id != agency.pk:
        errors["department"] = _("Choose a department of this agency.")
    if data.procedure is not None and data.procedure.province_id != (
        agency.unit.province_id or agency.unit_id
    ):
        errors["procedure"] = _("Choose a procedure of the agency's province.")
    return errors


def _editable(objective: Objective) -> None:
    if objective.state not in rules.OPEN_STATES:
        raise ConflictError(_("The objective was evaluated at year end: it no longer changes."))


def _may_manage(actor: Any, agency_id: int) -> None:
    if not can_manage_qms(actor, agency_id):
        raise PermissionDenied(_("You may not change this agency's quality objectives."))


def _aim(objective: Objective) -> dict[str, Any]:
    return {
        "name": objective.name,
        "indicator": objective.indicator,
        "comparison": objective.comparison,
        "target": objective.target,
        "unit": objective.unit,
        "measure": objective.measure,
        "department": objective.department.name if objective.department else "",
        "procedure": objective.procedure.code if objective.procedure else "",
        "field": objective.field.name if objective.field else "",
    }


def objective_create(*, agency: Agency, year: int, data: ObjectiveData, actor: Any) -> Objective:
    """Draft an objective of `agency` for `year`, numbered next in the year."""
    _may_manage(actor, agency.pk)
    errors = _check(agency, data)
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = _("Give a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
        last = Objective.objects.filter(agency=agency, year=year).aggregate(n=Max("number"))
        objective = Objective.objects.create(
            agency=agency,
            year=year,
            number=(last["n"] or 0) + 1,
            name=data.name.strip(),
            indicator=data.indicator.strip(),
            comparison=data.comparison,
            target=data.target,
            unit=data.unit,
            measure=data.measure,
            department=data.department,
            procedure=data.procedure,
            field=data.field,
        )
        activity_record(
            actor=actor,
            verb="objective.created",
            target=objective,
            agency_id=agency.pk,
            changes={"year": year, **_aim(objective)},
        )
    return objective


def objective_update(*, objective: Objective, data: ObjectiveData, actor: Any) -> Objective:
    """Change the objective. On an approved one, a change of what it aims at (indicator,
    comparison, target, unit, measure, department, procedure or field) returns it to draft for
    the leader to approve again; a change of its name alone is recorded and keeps the approval."""
    _may_manage(actor, objective.agency_id)
    _editable(objective)
    errors = _check(objective.agency, data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        objective = Objective.objects.select_for_update().get(pk=objective.pk)
        _editable(objective)
        before = _aim(objective)
        objective.name = data.name.strip()
        objective.indicator = data.indicator.strip()
        objective.comparison = data.comparison
        objective.target = data.target
        objective.unit = data.unit
        objective.measure = data.measure
        objective.department = data.department
        objective.procedure = data.procedure
        objective.field = data.field
        after = _aim(objective)
        changes: dict[str, Any] = {
            key: [before[key], after[key]] for key in after if before[key] != after[key]
        }
        if not changes:
            return objective
        if objective.state == ObjectiveState.APPROVED and set(changes) & set(rules.AIM_FIELDS):
            objective.state = rules.next_state(objective.state, "revise") or objective.state
            objective.approved_by = None
            objective.approved_at = None
            changes["state"] = [ObjectiveState.APPROVED, objective.state]
        objective.save()
        activity_record(
            actor=actor,
            verb="objective.changed",
            target=objective,
            agency_id=objective.agency_id,
            changes=changes,
        )
    return objective


def objective_approve(*, objective: Objective, actor: Any) -> Objective:
    """The agency's leader approves the objective (QĐ 19/2014/QĐ-TTg Art. 4.2)."""
    if not can_approve_qms(actor, objective.agency_id):
        raise ForbiddenError(_("Only a leader of the agency approves its quality objectives."))
    with transaction.atomic():
        objective = Objective.objects.select_for_update().get(pk=objective.pk)
        target = rules.next_state(objective.state, "approve")
        if target is None:
            raise ConflictError(_("Only a draft objective can be approved."))
        if not objective.plan.exists():
            raise ValidationError({"plan": _("Plan how the objective will be reached first.")})
        objective.state = target
        objective.approved_by = actor
        objective.approved_at = timezone.now()
        objective.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="objective.approved",
            target=objective,
            agency_id=objective.agency_id,
            changes={"state": target},
        )
    return objective


def objective_evaluate(
    *, objective: Objective, reason: str, actor: Any, now: datetime.datetime | None = None
) -> Objective:
    """Freeze the year's result: the value reached, met or not, and why. From the year's
    last month on, on an approved objective; nothing changes afterwards."""
    from chuan.improvement.selectors.objectives_live import progress_for

    _may_manage(actor, objective.agency_id)
    now = now or timezone.now()
    if timezone.localdate(now) < datetime.date(objective.year, 12, 1):
        raise ConflictError(_("An objective is evaluated from December of its year on."))
    reason = reason.strip()
    if not reason or len(reason) > 2000:
        raise ValidationError({"evaluation": _("Say why it was met or not (at most 2000).")})
    with transaction.atomic():
        objective = Objective.objects.select_for_update().get(pk=objective.pk)
        target = rules.next_state(objective.state, "evaluate")
        if target is None:
            raise ConflictError(_("Only an approved objective can be evaluated."))
        progress = progress_for([objective], now=now)[objective.pk]
        value = None if progress.value is None else Decimal(str(round(progress.value, 2)))
        objective.state = target
        objective.value_reached = value
        objective.met = bool(rules.is_met(value, objective.comparison, objective.target))
        objective.evaluation = reason
        objective.evaluated_by = actor
        objective.evaluated_at = now
        objective.save()
        activity_record(
            actor=actor,
            verb="objective.evaluated",
            target=objective,
            agency_id=objective.agency_id,
            changes={
                "state": target,
                "value_reached": value,
                "met": objective.met,
                "evaluation": reason,
            },
        )
    return objective


def plan_line_add(
    *,
    objective: Objective,
    action: str,
    owner: str,
    deadline: datetime.date,
    actor: Any,
    resources: str = "",
) -> ObjectivePlanLine:
    """Add a line to the plan (what, who, with what, by when: ISO 9001:2015, 6.2.2)."""
    _may_manage(actor, objective.agency_id)
    _editable(objective)
    errors = {}
    if not action.strip() or len(action) > 2000:
        errors["action"] = _("Say what will be done (at most 2000 characters).")
    if not owner.strip() or len(owner) > 200:
        errors["owner"] = _("Say who is responsible (at most 200 characters).")
    if len(resources) > 300:
        errors["resources"] = _("At most 300 characters.")
    if deadline is None or not MIN_YEAR <= deadline.year <= MAX_YEAR:
        errors["deadline"] = _("Give the deadline as dd/mm/yyyy.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        last = objective.plan.aggregate(n=Max("order"))
        line = ObjectivePlanLine.objects.create(
            objective=objective,
            order=(last["n"] or 0) + 1,
            action=action.strip(),
            owner=owner.strip(),
            resources=resources.strip(),
            deadline=deadline,
        )
        activity_record(
            actor=actor,
            verb="objective.plan_added",
            target=objective,
            agency_id=objective.agency_id,
            changes={"action": line.action, "owner": line.owner, "deadline": deadline},
        )
    return line


def plan_line_remove(*, line: ObjectivePlanLine, actor: Any) -> None:
    objective = line.objective
    _may_manage(actor, objective.agency_id)
    _editable(objective)
    with transaction.atomic():
        activity_record(
            actor=actor,
            verb="objective.plan_removed",
            target=objective,
            agency_id=objective.agency_id,
            changes={"action": line.action, "owner": line.owner},
        )
        line.delete()


def measurement_record(
    *,
    objective: Objective,
    day: datetime.date,
    value: Decimal,
    actor: Any,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ObjectiveMeasurement:
    """Record the value of a manually measured objective for the month (or quarter) of
    `day`; a second value for the same period replaces the first, both in the log."""
    _may_manage(actor, objective.agency_id)
    _editable(objective)
    now = now or timezone.now()
    if objective.measure not in rules.MANUAL_MEASURES:
        raise ConflictError(_("This objective is measured live from Chuẩn."))
    errors = {}
    if day is None or day.year != objective.year or day > timezone.localdate(now):
        errors["period"] = _("Choose a period of the objective's year, not in the future.")
    if value is None or not 0 <= value <= MAX_VALUE:
        errors["value"] = _("Give a value between 0 and 9,999,999.")
    elif objective.unit == ObjectiveUnit.PERCENT and value > 100:
        errors["value"] = _("A percentage is at most 100.")
    if len(note) > 300:
        errors["note"] = _("At most 300 characters.")
    if errors:
        raise ValidationError(errors)
    period = rules.period_of(day, objective.measure)
    with transaction.atomic():
        measurement, _created = ObjectiveMeasurement.objects.update_or_create(
            objective=objective,
            period=period,
            defaults={
                "value": value,
                "note": note.strip(),
                "recorded_by": actor,
                "recorded_at": now,
            },
        )
        activity_record(
            actor=actor,
            verb="objective.measured",
            target=objective,
            agency_id=objective.agency_id,
            changes={"period": period, "value": value, "note": measurement.note},
        )
    return measurement
