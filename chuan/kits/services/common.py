"""What the kit's writes share: the placeholder values of agencies, a model edition's and
an agency's content as the units the diff and the merge compare, the DOCX a model
document's draft is written to, and the refusal helpers."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Prefetch
from django.utils import timezone

from chuan.accounts.roles import Role
from chuan.core.text import fold
from chuan.core.word import DOCX_TYPE, WordDocument
from chuan.kits import merge, placeholders
from chuan.kits.models import ModelEdition, ModelStep
from chuan.organisations.models import Agency, Department, Membership
from chuan.procedures.models import InternalProcess, ProcessStep
from chuan.procedures.services import StepData

# What a step says, in the order the merge compares it.
StepUnit = tuple[str, str, str, str, str, str, str, bool, bool]
STEP_FIELDS = (
    "name",
    "responsible",
    "department",
    "time_amount",
    "time_unit",
    "output",
    "forms",
    "signs",
    "gives_result",
)


def refuse(**errors: str) -> ValidationError:
    return ValidationError({name: [message] for name, message in errors.items()})


def amount_text(amount: Decimal) -> str:
    """A step's time as text the merge compares: 0.50 and 0.5 are the same time."""
    normal = amount.normalize()
    return format(normal if normal != normal.to_integral_value() else normal.quantize(1), "f")


def step_unit(
    *,
    name: str,
    responsible: str,
    department: str,
    time_amount: Decimal,
    time_unit: str,
    output: str,
    forms: str,
    signs: bool,
    gives_result: bool,
) -> StepUnit:
    return (
        " ".join(name.split()),
        responsible,
        " ".join(department.split()),
        amount_text(time_amount),
        time_unit,
        output.strip(),
        forms.strip(),
        bool(signs),
        bool(gives_result),
    )


def step_json(unit: Any) -> dict[str, Any]:
    return dict(zip(STEP_FIELDS, unit, strict=True))


def step_from_json(row: Any) -> StepUnit:
    return tuple(row[name] for name in STEP_FIELDS)


# --- Placeholder values ------------------------------------------------------------------

_DEPUTY = "phó"


def placeholder_values(
    agencies: Sequence[Agency], on: datetime.date | None = None
) -> dict[int, dict[str, str]]:
    """The placeholder values of each agency (`placeholders.PLACEHOLDERS`), in two queries
    whatever their number: the agencies' units come with them, officials in one query."""
    on = on or timezone.localdate()
    values: dict[int, dict[str, str]] = {}
    for agency in agencies:
        unit = agency.unit
        values[agency.pk] = {
            "ten_co_quan": agency.name,
            "ten_viet_tat": agency.short_name or agency.name,
            "ma_co_quan": agency.code or "",
            "dia_ban": unit.name,
            "tinh": unit.province.name if unit.province_id and unit.province else unit.name,
            "lanh_dao": "",
            "thu_ky_iso": "",
            "nam": str(on.year),
        }
    officials = (
        Membership.objects.filter(
            agency__in=[agency.pk for agency in agencies],
            is_active=True,
            user__is_active=True,
            user__groups__name__in=(Role.AGENCY_LEADER, Role.ISO_SECRETARY),
        )
        .values_list("agency_id", "user__full_name", "position", "user__groups__name", "pk")
        .order_by("pk")
    )
    leaders: dict[int, list[tuple[bool, int, str]]] = {}
    for agency_id, full_name, position, role, pk in officials:
        if role == Role.AGENCY_LEADER:
            # The head before the deputies: "Phó Chủ tịch" sorts after "Chủ tịch".
            deputy = fold(position).startswith(fold(_DEPUTY))
            leaders.setdefault(agency_id, []).append((deputy, pk, full_name))
        elif not values[agency_id]["thu_ky_iso"]:
            values[agency_id]["thu_ky_iso"] = full_name
    for agency_id, found in leaders.items():
        values[agency_id]["lanh_dao"] = min(found)[2]
    return values


# --- Content as units ------------------------------------------------------------------------


@dataclass
class Content:
    """A model edition's or an agency's content: text lines (document) or steps (process)."""

    units: list[Any]

    def text(self) -> str:
        return merge.text_of(self.units)


def model_units(edition: ModelEdition, values: dict[str, str]) -> list[Any]:
    """The edition's content with the agency's placeholders filled: its text's lines, or
    its steps (names, outputs, forms and department filled). Reads prefetched steps."""
    if edition.item.kind == "document":
        return merge.lines(placeholders.fill_text(edition.body, values))
    return [
        step_unit(
            name=placeholders.fill_text(step.name, values),
            responsible=step.responsible,
            department=placeholders.fill_text(step.department_name, values),
            time_amount=step.time_amount,
            time_unit=step.time_unit,
            output=placeholders.fill_text(step.output, values),
            forms=placeholders.fill_text(step.forms, values),
            signs=step.signs,
            gives_result=step.gives_result,
        )
        for step in edition.steps.all()
    ]


def editions_with_steps(ids: Iterable[int]) -> dict[int, ModelEdition]:
    """Model editions by id with their item and steps, in three queries."""
    return {
        edition.pk: edition
        for edition in ModelEdition.objects.filter(pk__in=set(ids))
        .select_related("item")
        .prefetch_related(Prefetch("steps", queryset=ModelStep.objects.order_by("order")))
    }


def latest_processes(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], InternalProcess]:
    """The newest edition (draft or approved) of each (agency, procedure) internal process,
    with its steps and their departments, in two queries."""
    pairs = set(pairs)
    if not pairs:
        return {}
    agencies = {agency for agency, _ in pairs}
    procedures = {procedure for _, procedure in pairs}
    latest: dict[tuple[int, int], InternalProcess] = {}
    for process in InternalProcess.objects.filter(
        agency_id__in=agencies, procedure_id__in=procedures
    ).order_by("agency_id", "procedure_id", "-edition"):
        key = (process.agency_id, process.procedure_id)
        if key in pairs and key not in latest:
            latest[key] = process
    steps: dict[int, list[ProcessStep]] = {}
    for step in (
        ProcessStep.objects.filter(process__in=[p.pk for p in latest.values()])
        .select_related("department")
        .order_by("process_id", "order")
    ):
        steps.setdefault(step.process_id, []).append(step)
    for process in latest.values():
        process.kit_steps = steps.get(process.pk, [])  # type: ignore[attr-defined]
    return latest


def process_units(process: InternalProcess | None) -> list[Any]:
    """An agency's process as units (read from `latest_processes`' steps)."""
    if process is None:
        return []
    return [
        step_unit(
            name=step.name,
            responsible=step.responsible,
            department=step.department.name if step.department else "",
            time_amount=step.time_amount,
            time_unit=step.time_unit,
            output=step.output,
            forms=step.forms,
            signs=step.signs,
            gives_result=step.gives_result,
        )
        for step in getattr(process, "kit_steps", None)
        or process.steps.select_related("department")
    ]


def step_data(units: Sequence[Any], agency: Agency) -> list[StepData]:
    """Steps for the procedures app, each department found by its name in the agency (none
    when the agency has no department of that name: the step keeps its responsibility)."""
    departments = {
        fold(department.name): department
        for department in Department.objects.filter(agency=agency, is_active=True)
    }
    return [
        StepData(
            name=unit[0],
            responsible=unit[1],
            department=departments.get(fold(unit[2])) if unit[2] else None,
            time_amount=Decimal(unit[3]),
            time_unit=unit[4],
            output=unit[5][:500],
            forms=unit[6][:300],
            signs=unit[7],
            gives_result=unit[8],
        )
        for unit in units
    ]


def document_file(*, agency: Agency, code: str, title: str, text: str, edition: int) -> Any:
    """The agency's draft of a model document as a DOCX laid out as an administrative
    document: the agency in the header, the title, the text paragraph by paragraph."""
    word = WordDocument()
    parent = agency.parent.name if agency.parent_id and agency.parent else ""
    word.header(issuer=agency.name, parent=parent)
    word.title(title, subtitle=code)
    for line in merge.lines(text):
        if line.strip():
            word.paragraph(line)
    name = f"{code}-lan-{edition}.docx".replace("/", "-")
    return SimpleUploadedFile(name, word.to_bytes(), content_type=DOCX_TYPE)
