"""Writes of the procedure catalogue and of agencies' internal processes. Each is one
transaction with an activity entry; a refused write changes nothing."""

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.params import MAX_MONEY
from chuan.core.text import fold
from chuan.legal.models import LegalDocument
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit, Agency, Department
from chuan.procedures import hooks, route
from chuan.procedures.choices import (
    FormSlip,
    OnlineLevel,
    ProcessStatus,
    Responsible,
    StepUnit,
    TimeUnit,
)
from chuan.procedures.models import (
    DossierComponent,
    Field,
    FormSet,
    FormSetItem,
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
from chuan.procedures.permissions import (
    may_approve_process,
    may_edit_catalogue,
    may_edit_process,
    may_keep_form_sets,
)
from chuan.procedures.selectors import form_sets_cache_clear

CODE_MAX = 20
MAX_DAYS = Decimal(3650)


@dataclass
class ComponentData:
    name: str
    originals: int = 1
    certified_copies: int = 0
    photocopies: int = 0
    required: bool = True


@dataclass
class ProcedureData:
    """A version of a procedure as a screen or an import row supplies it."""

    name: str
    field_name: str
    levels: list[str]
    time_amount: Decimal
    time_unit: str
    valid_from: datetime.date
    time_note: str = ""
    fee: str = ""
    fee_amount: int = 0
    result: str = ""
    online_level: str = OnlineLevel.NONE
    cross_boundary: bool = False
    components: list[ComponentData] = field(default_factory=list)
    legal_basis: list[LegalDocument] = field(default_factory=list)


def _check(data: ProcedureData) -> dict[str, str]:
    errors: dict[str, str] = {}
    data.name = " ".join(data.name.split())
    data.field_name = " ".join(data.field_name.split())
    if not data.name:
        errors["name"] = _("Give the procedure's name.")
    if not data.field_name:
        errors["field_name"] = _("Give the field (lĩnh vực).")
    if not data.levels or any(level not in UnitLevel.values for level in data.levels):
        errors["levels"] = _("Choose the levels where the procedure applies.")
    if data.time_unit not in TimeUnit.values:
        errors["time_unit"] = _("Choose the unit of the statutory time.")
    elif data.time_amount < 0 or data.time_amount > MAX_DAYS:
        errors["time_amount"] = _("Give a statutory time from 0 to %(max)s.") % {"max": MAX_DAYS}
    elif data.time_unit != TimeUnit.SAME_DAY and data.time_amount == 0:
        errors["time_amount"] = _("Give the statutory time, or choose “same day”.")
    elif data.time_unit != TimeUnit.WORKING_DAYS and data.time_amount % 1:
        errors["time_amount"] = _("Only working days may be given in halves.")
    if data.online_level not in OnlineLevel.values:
        errors["online_level"] = _("Choose the online service level.")
    if data.fee_amount < 0:
        errors["fee_amount"] = _("A fee cannot be negative.")
    elif data.fee_amount > MAX_MONEY:
        errors["fee_amount"] = _("A fee is at most %(max)s đồng.") % {
            "max": f"{MAX_MONEY:,}".replace(",", ".")
        }
    for index, component in enumerate(data.components, start=1):
        component.name = " ".join(component.name.split())
        counts = (component.originals, component.certified_copies, component.photocopies)
        if not component.name or min(counts) < 0 or max(counts) > 99:
            errors["components"] = _("Dossier component %(n)s needs a name and counts of 0–99.") % {
                "n": index
            }
            break
    return errors


def _search_text(code: str, data: ProcedureData) -> str:
    return f" {fold(' '.join((code, data.name, data.field_name)))} "


def _new_version(
    procedure: Procedure, number: int, data: ProcedureData, actor: Any
) -> ProcedureVersion:
    field_row, _created = Field.objects.get_or_create(name=data.field_name)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        valid_from=data.valid_from,
        name=data.name,
        field=field_row,
        levels=" ".join(level for level in UnitLevel.values if level in data.levels),
        time_amount=data.time_amount,
        time_unit=data.time_unit,
        time_note=data.time_note.strip(),
        fee=data.fee.strip(),
        fee_amount=data.fee_amount,
        result=data.result.strip(),
        online_level=data.online_level,
        cross_boundary=data.cross_boundary,
        search_text=_search_text(procedure.code, data),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    DossierComponent.objects.bulk_create(
        DossierComponent(version=version, order=index, **asdict(component))
        for index, component in enumerate(data.components, start=1)
    )
    version.legal_basis.set(data.legal_basis)
    return version


def _summary(version: ProcedureVersion, data: ProcedureData) -> dict[str, Any]:
    return {
        "code": version.procedure.code,
        "version": version.number,
        "name": data.name,
        "valid_from": data.valid_from.isoformat(),
        "time": f"{data.time_amount} {data.time_unit}",
        "legal_basis": [document.symbol for document in data.legal_basis],
    }


def procedure_create(
    *, province: AdministrativeUnit, code: str, data: ProcedureData, actor: Any
) -> ProcedureVersion:
    """Add a procedure to a province's catalogue with its first version."""
    if not may_edit_catalogue(actor, province):
        raise PermissionDenied(_("You may not change this province's catalogue."))
    code = code.strip()
    errors = _check(data)
    if not code or len(code) > CODE_MAX or " " in code:
        errors["code"] = _("Give the procedure's code as in the national database, e.g. 1.001193.")
    elif Procedure.objects.filter(province=province, code=code).exists():
        errors["code"] = _("The catalogue already has procedure %(code)s; change it instead.") % {
            "code": code
        }
    if province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Choose a province.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    with transaction.atomic():
        try:
            with transaction.atomic():
                procedure = Procedure.objects.create(province=province, code=code)
        except IntegrityError as exc:
            raise ValidationError(
                {"code": [_("This code was just added by someone else.")]}
            ) from exc
        version = _new_version(procedure, 1, data, actor)
        activity_record(
            actor=actor, verb="procedure.created", target=version, changes=_summary(version, data)
        )
    return version


def procedure_revise(*, procedure: Procedure, data: ProcedureData, actor: Any) -> ProcedureVersion:
    """Make a new version of a procedure from `data.valid_from`; the version in force until
    then ends the day before. Dossiers received earlier keep their version."""
    if not may_edit_catalogue(actor, procedure.province_id):
        raise PermissionDenied(_("You may not change this province's catalogue."))
    errors = _check(data)
    with transaction.atomic():
        versions = list(
            ProcedureVersion.objects.select_for_update()
            .filter(procedure=procedure)
            .order_by("-number")
        )
        latest = versions[0]
        if data.valid_from <= latest.valid_from:
            errors["valid_from"] = _(
                "A new version must apply after the latest one (from %(date)s)."
            ) % {"date": latest.valid_from.strftime("%d/%m/%Y")}
        if errors:
            raise ValidationError({name: [message] for name, message in errors.items()})
        latest.valid_to = data.valid_from - datetime.timedelta(days=1)
        latest.save(update_fields=["valid_to", "updated_at"])
        version = _new_version(procedure, latest.number + 1, data, actor)
        activity_record(
            actor=actor, verb="procedure.revised", target=version, changes=_summary(version, data)
        )
        hooks.replaced(old=latest, new=version, actor=actor)
    return version


# --- Internal processes ---------------------------------------------------------------------


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


@dataclass
class FormData:
    """One form of a new set: its number, official title and the paper it is."""

    number: str
    title: str
    slip: str
    title_en: str = ""


def _form_set_errors(
    old: FormSet | None, code: str, name: str, valid_from: datetime.date, forms: list[FormData]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = _("Give the set a code.")
    elif FormSet.objects.filter(code=code).exists():
        errors["code"] = _("A form set with this code exists already.")
    if not name:
        errors["name"] = _("Give the set a name.")
    slips, numbers = [f.slip for f in forms], [f.number for f in forms]
    if (
        any(slip not in FormSlip.values for slip in slips)
        or len(set(slips)) < len(slips)
        or len(set(numbers)) < len(numbers)
        or not all(f.number and f.title for f in forms)
    ):
        errors["forms"] = _("Each form needs a number and a title, and is a different paper.")
    elif FormSlip.RECEIPT not in slips:
        errors["forms"] = _("A form set holds at least the receipt and appointment slip.")
    if old is not None and valid_from <= old.valid_from:
        errors["valid_from"] = _("The new set must apply after the one it replaces began.")
    return errors


def form_set_replace(
    *,
    old: FormSet | None,
    code: str,
    name: str,
    legal_document: LegalDocument,
    valid_from: datetime.date,
    forms: list[FormData],
    actor: Any,
) -> FormSet:
    """Record the desk's new form set as a circular issues it, applying from `valid_from`:
    the set it replaces ends the day before (dossiers received earlier keep printing on it),
    and the reviews the change of the law opened on that set close, answered by this one."""
    if not may_keep_form_sets(actor):
        raise PermissionDenied(_("You may not change the desk's form sets."))
    code, name = code.strip(), " ".join(name.split())
    for form in forms:
        form.number, form.title = form.number.strip(), " ".join(form.title.split())
    errors = _form_set_errors(old, code, name, valid_from, forms)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    with transaction.atomic():
        if old is not None:
            old = FormSet.objects.select_for_update().get(pk=old.pk)
            old.valid_to = min(old.valid_to or valid_from, valid_from - datetime.timedelta(days=1))
            old.save(update_fields=["valid_to", "updated_at"])
        new = FormSet.objects.create(
            code=code, name=name, legal_document=legal_document, valid_from=valid_from
        )
        FormSetItem.objects.bulk_create(
            FormSetItem(form_set=new, **asdict(form))
            for form in sorted(forms, key=lambda f: f.number)
        )
        activity_record(
            actor=actor,
            verb="form_set.created",
            target=new,
            changes={
                "legal_document": legal_document.symbol,
                "valid_from": valid_from.isoformat(),
                "replaces": old.code if old else "",
                "forms": [f"{f.number} {f.title}" for f in forms],
            },
        )
        if old is not None:
            hooks.replaced(old=old, new=new, actor=actor)
        transaction.on_commit(form_sets_cache_clear)
    return new
