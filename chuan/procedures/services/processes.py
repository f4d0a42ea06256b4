"""Writes of an agency's internal processes for a procedure (steps, responsibility, time),
drafted, approved by the agency's leader and checked against the statutory time
(TT 26/2014/TT-BKHCN Art. 41)."""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.organisations.models import Agency, Department
from chuan.procedures import hooks, route
from chuan.procedures.choices import (
    ProcessStatus,
    Responsible,
    StepUnit,
)
from chuan.procedures.models import (
    InternalProcess,
    Procedure,
    ProcessStep,
)
from chuan.procedures.permissions import (
    may_approve_process,
    may_edit_process,
)


@dataclass
class StepData:
    name: str
    responsible: str
    time_amount: Decimal
    time_unit: str
    department: Department | None = None
    output: str = ""
    forms: str = ""
    signs: bool = False
    gives_result: bool = False


def _check_steps(agency: Agency, code: str, steps: list[StepData]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not code.strip() or len(code.strip()) > 40:
        errors["code"] = _("Give the process's document code, e.g. QT-HT-01.")
    if not steps:
        errors["steps"] = _("A process has at least one step.")
    for index, step in enumerate(steps, start=1):
        step.name = " ".join(step.name.split())
        problem = None
        if not step.name:
            problem = _("say what is done")
        elif step.responsible not in Responsible.values:
            problem = _("choose who is responsible")
        elif step.time_unit not in StepUnit.values:
            problem = _("choose hours or days")
        elif step.time_amount <= 0 or step.time_amount > 999:
            problem = _("allot a time above zero")
        elif step.department is not None and step.department.agency_id != agency.pk:
            problem = _("choose a department of this agency")
        if problem:
            errors["steps"] = _("Step %(n)s: %(problem)s.") % {"n": index, "problem": problem}
            break
    if "steps" not in errors:
        problem = route.route_problem(
            [
                route.Routed(index, step.responsible, step.signs, step.gives_result)
                for index, step in enumerate(steps, start=1)
            ]
        )
        if problem:
            errors["steps"] = problem
    return errors


def _save_steps(process: InternalProcess, steps: list[StepData]) -> None:
    process.steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(process=process, order=index, **asdict(step))
        for index, step in enumerate(steps, start=1)
    )


def _steps_summary(steps: list[StepData]) -> list[str]:
    return [f"{step.name} ({step.time_amount} {step.time_unit})" for step in steps]


def process_draft_create(
    *, agency: Agency, procedure: Procedure, code: str, steps: list[StepData], actor: Any
) -> InternalProcess:
    """Start a new edition of an agency's internal process for a procedure, as a draft."""
    if not may_edit_process(actor, agency):
        raise PermissionDenied(_("You may not change this agency's processes."))
    errors = _check_steps(agency, code, steps)
    if InternalProcess.objects.filter(
        agency=agency, procedure=procedure, status=ProcessStatus.DRAFT
    ).exists():
        errors["code"] = _("A draft of this process already exists; change it instead.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    with transaction.atomic():
        latest = InternalProcess.objects.filter(agency=agency, procedure=procedure).aggregate(
            edition=Max("edition")
        )["edition"]
        try:
            with transaction.atomic():
                process = InternalProcess.objects.create(
                    agency=agency, procedure=procedure, code=code.strip(), edition=(latest or 0) + 1
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"code": [_("A draft of this process already exists; change it instead.")]}
            ) from exc
        _save_steps(process, steps)
        activity_record(
            actor=actor,
            verb="process.drafted",
            target=process,
            agency_id=agency.pk,
            changes={"procedure": procedure.code, "steps": _steps_summary(steps)},
        )
    return process


def process_draft_update(
    *, process: InternalProcess, code: str, steps: list[StepData], actor: Any
) -> InternalProcess:
    """Change a draft's code and steps; an approved edition is never changed."""
    if not may_edit_process(actor, process.agency):
        raise PermissionDenied(_("You may not change this agency's processes."))
    errors = _check_steps(process.agency, code, steps)
    with transaction.atomic():
        process = InternalProcess.objects.select_for_update().get(pk=process.pk)
        if process.status != ProcessStatus.DRAFT:
            errors["code"] = _("An approved process cannot change; start a new edition.")
        if errors:
            raise ValidationError({name: [message] for name, message in errors.items()})
        process.code = code.strip()
        process.save(update_fields=["code", "updated_at"])
        _save_steps(process, steps)
        activity_record(
            actor=actor,
            verb="process.changed",
            target=process,
            agency_id=process.agency_id,
            changes={"steps": _steps_summary(steps)},
        )
    return process


def process_approve(
    *,
    process: InternalProcess,
    decision_number: str,
    decision_date: datetime.date,
    valid_from: datetime.date,
    actor: Any,
) -> InternalProcess:
    """Record the decision approving a draft; the edition in force until then ends the day
    before `valid_from`."""
    if not may_approve_process(actor, process.agency):
        raise PermissionDenied(_("You may not approve this agency's processes."))
    errors: dict[str, str] = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Give the number of the approving decision.")
    if decision_date > timezone.localdate():
        errors["decision_date"] = _("A decision cannot be dated in the future.")
    if valid_from < decision_date:
        errors["valid_from"] = _("A process cannot apply before the decision approving it.")
    with transaction.atomic():
        process = InternalProcess.objects.select_for_update().get(pk=process.pk)
        if process.status != ProcessStatus.DRAFT:
            errors["decision_number"] = _("This edition is already approved.")
        previous = (
            InternalProcess.objects.select_for_update()
            .filter(
                agency=process.agency_id,
                procedure=process.procedure_id,
                status=ProcessStatus.APPROVED,
                valid_to__isnull=True,
            )
            .first()
        )
        if previous is not None and previous.valid_from and valid_from <= previous.valid_from:
            errors["valid_from"] = _(
                "The new edition must apply after edition %(n)s (from %(date)s)."
            ) % {"n": previous.edition, "date": previous.valid_from.strftime("%d/%m/%Y")}
        if errors:
            raise ValidationError({name: [message] for name, message in errors.items()})
        if previous is not None:
            previous.valid_to = valid_from - datetime.timedelta(days=1)
            previous.save(update_fields=["valid_to", "updated_at"])
        process.status = ProcessStatus.APPROVED
        process.decision_number = decision_number.strip()
        process.decision_date = decision_date
        process.valid_from = valid_from
        process.approved_by = actor
        process.save()
        activity_record(
            actor=actor,
            verb="process.approved",
            target=process,
            agency_id=process.agency_id,
            changes={
                "decision_number": process.decision_number,
                "valid_from": valid_from.isoformat(),
                "edition": process.edition,
            },
        )
        if previous is not None:
            hooks.replaced(old=previous, new=process, actor=actor)
        hooks.approved(process=process, actor=actor)
    return process


def process_revise(*, process: InternalProcess, actor: Any) -> InternalProcess:
    """Start the next edition as a draft holding the steps of `process`."""
    steps = [
        StepData(
            name=step.name,
            responsible=step.responsible,
            time_amount=step.time_amount,
            time_unit=step.time_unit,
            department=step.department,
            output=step.output,
            forms=step.forms,
            signs=step.signs,
            gives_result=step.gives_result,
        )
        for step in process.steps.select_related("department")
    ]
    return process_draft_create(
        agency=process.agency,
        procedure=process.procedure,
        code=process.code,
        steps=steps,
        actor=actor,
    )
