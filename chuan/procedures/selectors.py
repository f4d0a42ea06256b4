"""Reads of the procedure catalogue and internal processes."""

import datetime
import threading
import time
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.text import search_tokens
from chuan.organisations.scoping import scope_queryset, user_province_ids
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import (
    FormSet,
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
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
    provinces = None if user_scope(user) == Scope.ALL else user_province_ids(user)
    return versions_in_force(
        province_ids=provinces, on=on, query=query, field_id=field_id, level=level
    )


def versions_in_force(
    *,
    province_ids: set[int] | None,
    on: datetime.date,
    query: str = "",
    field_id: int | None = None,
    level: str = "",
) -> QuerySet[ProcedureVersion]:
    """The catalogue as the desk receives from it and the public page publishes it: the
    versions in force on `on` of the provinces' procedures (every province for None), at
    the unit level `level` when given, matching `query` as `catalogue_versions` does."""
    versions = ProcedureVersion.objects.filter(in_force_on(on)).select_related("procedure", "field")
    if province_ids is not None:
        versions = versions.filter(procedure__province_id__in=province_ids)
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


# Form sets change once in years; a process looks at the table at most this often, and a
# write in the same process clears the cache at once. A receipt thus reads its set from
# memory, without a query.
FORM_SETS_TTL_SECONDS = 30.0

_form_sets_lock = threading.Lock()
_form_sets: dict[str, Any] = {"checked": 0.0, "stamp": None, "sets": ()}


def form_sets_cache_clear() -> None:
    """Forget the form sets read (called by the services after a write)."""
    with _form_sets_lock:
        _form_sets.update(checked=0.0, stamp=None, sets=())


def form_sets() -> tuple[FormSet, ...]:
    """Every form set with its circular and forms, oldest first, cached per process."""
    now = time.monotonic()
    with _form_sets_lock:
        if _form_sets["stamp"] is not None and now - _form_sets["checked"] < FORM_SETS_TTL_SECONDS:
            return _form_sets["sets"]
    stamp = tuple(FormSet.objects.aggregate(count=Count("pk"), last=Max("updated_at")).values())
    with _form_sets_lock:
        if stamp == _form_sets["stamp"]:
            _form_sets["checked"] = now
            return _form_sets["sets"]
    sets = tuple(
        FormSet.objects.select_related("legal_document")
        .prefetch_related("forms")
        .order_by("valid_from", "pk")
    )
    with _form_sets_lock:
        _form_sets.update(checked=now, stamp=stamp, sets=sets)
    return sets


def form_set_on(day: datetime.date) -> FormSet | None:
    """The form set in force on `day` (the latest to start, should two overlap)."""
    applying = [
        form_set
        for form_set in form_sets()
        if form_set.valid_from <= day and (form_set.valid_to is None or day <= form_set.valid_to)
    ]
    return applying[-1] if applying else None


def form_set_get(pk: int | None) -> FormSet | None:
    """A form set with its circular and forms, from the cache."""
    return next((form_set for form_set in form_sets() if form_set.pk == pk), None)


# An agency approves a process edition a few times a year; each process keeps the process in
# force per agency, procedure and day, and looks at the tables at most this often (a write in
# the same process clears it at once: `process_cache_clear`, connected to the models'
# signals). A receipt thus finds its process and steps without a query.
PROCESS_TTL_SECONDS = 1.0
PROCESS_CACHE_MAX = 20_000

_process_lock = threading.Lock()
_processes: dict[tuple[int, int, datetime.date], tuple[Any, tuple[Any, ...]]] = {}
_process_stamp: dict[str, Any] = {"checked": 0.0, "value": None}


def process_cache_clear(**_: Any) -> None:
    """Forget the processes in force read (after a write; tests)."""
    with _process_lock:
        _processes.clear()
        _process_stamp.update(checked=0.0, value=None)


def _processes_fresh() -> None:
    now = time.monotonic()
    if (
        _process_stamp["value"] is not None
        and now - _process_stamp["checked"] < PROCESS_TTL_SECONDS
    ):
        return
    stamp = (
        *InternalProcess.objects.aggregate(count=Count("pk"), last=Max("updated_at")).values(),
        *ProcessStep.objects.aggregate(count=Count("pk"), last=Max("pk")).values(),
    )
    with _process_lock:
        if stamp != _process_stamp["value"] or len(_processes) > PROCESS_CACHE_MAX:
            _processes.clear()
        _process_stamp.update(checked=now, value=stamp)


def process_in_force(
    agency_id: int, procedure_id: int, day: datetime.date
) -> tuple[InternalProcess | None, tuple[ProcessStep, ...]]:
    """The agency's approved process for the procedure applying on `day` (the latest edition
    should editions overlap) and its steps in order, read together as the steps with their
    process (an approved process always has steps); kept per process (see above). The
    objects are shared: read them, never change them."""
    _processes_fresh()
    key = (agency_id, procedure_id, day)
    with _process_lock:
        known = _processes.get(key)
    if known is not None:
        return known
    steps = list(
        ProcessStep.objects.filter(
            Q(process__valid_to__isnull=True) | Q(process__valid_to__gte=day),
            process__agency_id=agency_id,
            process__procedure_id=procedure_id,
            process__status=ProcessStatus.APPROVED,
            process__valid_from__lte=day,
        )
        .select_related("process", "department")
        .order_by("-process__edition", "order")
    )
    found: tuple[InternalProcess | None, tuple[ProcessStep, ...]] = (None, ())
    if steps:
        process = steps[0].process
        found = (process, tuple(step for step in steps if step.process_id == process.pk))
    with _process_lock:
        _processes[key] = found
    return found
