"""Reads of the procedure catalogue and internal processes."""

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.text import search_tokens
from chuan.organisations.scoping import scope_queryset, user_province_ids
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess, Procedure, ProcedureVersion
from chuan.procedures.timing import Fit, process_fit


def in_force_on(on: datetime.date) -> Q:
    """Versions (or processes) applying on `on`."""
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def catalogue_versions(
    *,
    user: Any,
    on: datetime.date,
    query: str = "",
    field_id: int | None = None,
    level: str = "",
) -> QuerySet[ProcedureVersion]:
    """The versions in force on `on` of the procedures of the user's province (every
    province for the system administrator), matching every word of `query` without
    diacritics at a word's start ("khai sinh", "1.001193", "ho tich")."""
    versions = ProcedureVersion.objects.filter(in_force_on(on)).select_related("procedure", "field")
    if user_scope(user) != Scope.ALL:
        versions = versions.filter(procedure__province_id__in=user_province_ids(user))
    for token in search_tokens(query):
        versions = versions.filter(search_text__contains=f" {token}")
    if field_id:
        versions = versions.filter(field_id=field_id)
    if level:
        versions = versions.filter(levels__contains=level)
    return versions.order_by("field__name", "procedure__code")


def procedure_get(*, user: Any, pk: int) -> Procedure | None:
    """A procedure of the user's catalogue."""
    procedures = Procedure.objects.select_related("province")
    if user_scope(user) != Scope.ALL:
        procedures = procedures.filter(province_id__in=user_province_ids(user))
    return procedures.filter(pk=pk).first()


def procedure_versions(procedure: Procedure) -> list[ProcedureVersion]:
    """Every version, newest first, with components and legal basis."""
    return list(
        procedure.versions.select_related("field", "created_by").prefetch_related(
            "components", "legal_basis"
        )
    )


def version_in_force(procedure: Procedure, on: datetime.date) -> ProcedureVersion | None:
    """The version a dossier received on `on` binds to."""
    return procedure.versions.filter(in_force_on(on)).first()


def visible_processes(user: Any) -> QuerySet[InternalProcess]:
    return scope_queryset(InternalProcess.objects.all(), user)


def procedure_processes(*, user: Any, procedure: Procedure) -> list[InternalProcess]:
    """The internal processes of the agencies the user may see for this procedure, the
    current edition (or the draft) of each agency first."""
    return list(
        visible_processes(user)
        .filter(procedure=procedure)
        .select_related("agency__unit")
        .prefetch_related("steps")
        .order_by("agency__name", "-edition")
    )


def process_get(*, user: Any, pk: int) -> InternalProcess | None:
    return (
        visible_processes(user)
        .select_related("agency__unit", "procedure__province", "approved_by")
        .prefetch_related(Prefetch("steps", to_attr="step_list"))
        .filter(pk=pk)
        .first()
    )


def in_force(version: ProcedureVersion, on: datetime.date) -> bool:
    return version.valid_from <= on and (version.valid_to is None or version.valid_to >= on)


def process_is_current(process: InternalProcess, on: datetime.date) -> bool:
    return (
        process.status == ProcessStatus.APPROVED
        and process.valid_from is not None
        and process.valid_from <= on
        and (process.valid_to is None or process.valid_to >= on)
    )


def process_time_fit(
    process: InternalProcess, version: ProcedureVersion, steps: list[Any] | None = None
) -> Fit:
    """The process's total allotted time against the version's statutory time, by the
    calendar of the agency's province, counted from the day the process applies (today
    for a draft)."""
    calendar = working_calendar(agency_province_id(process.agency))
    reference = process.valid_from or timezone.localdate()
    rows = steps if steps is not None else list(process.steps.all())
    return process_fit(
        [(step.time_amount, step.time_unit) for step in rows],
        (version.time_amount, version.time_unit),
        calendar,
        reference,
    )
