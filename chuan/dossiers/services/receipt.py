"""Receipt at the one-stop desk: the dossier's code, due time, procedure version and internal
process in force, and its steps; or a dossier not received (forms 02 and 03).

Legal basis: Decree 118/2025/NĐ-CP (receipt), Circular 03/2025/TT-VPCP (forms, dossier code).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id
from chuan.core.exceptions import ConflictError
from chuan.core.working_time import WorkingCalendar
from chuan.dossiers import rules
from chuan.dossiers.choices import (
    Channel,
    EventKind,
    NotReceivedKind,
    Status,
)
from chuan.dossiers.models import (
    Dossier,
    DossierStep,
    ReceivedComponent,
)
from chuan.dossiers.permissions import may_receive
from chuan.dossiers.services.common import (
    MINUTE,
    add_event,
    agency_calendar,
    bump_figures,
    record_activity,
    search_text_of,
)
from chuan.dossiers.transitions import next_status
from chuan.organisations.models import Agency
from chuan.organisations.scoping import province_family_ids
from chuan.procedures.choices import Responsible
from chuan.procedures.models import ProcedureVersion, ProcessStep
from chuan.procedures.route import result_order
from chuan.procedures.selectors import form_set_on, in_force, process_in_force
from chuan.procedures.timing import engine_amount, step_hours


@dataclass
class Applicant:
    """Who hands in the dossier, and its owner when that is someone else."""

    name: str
    id_number: str
    phone: str
    email: str = ""
    address: str = ""
    owner_name: str = ""
    owner_address: str = ""
    # Agrees to be told by SMS and e-mail (receipt, supplement request, result ready).
    notices: bool = False


@dataclass
class Counted:
    """A paper received, with how many of each form."""

    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass
class ReceiptData:
    version: ProcedureVersion
    channel: int
    applicant: Applicant
    components: list[Counted] = field(default_factory=list)
    sets: int = 1
    fee_amount: int = 0
    note: str = ""
    idempotency_key: str | None = None
    # A code the dossier already carries: a centralised national service's, given by its
    # system (Circular 04/2025/TT-VPCP, adding Art. 13.3 to Circular 03/2025/TT-VPCP).
    # Empty: the desk gives the agency's next code of the day (Art. 13).
    code: str = ""


def _applicant_errors(applicant: Applicant) -> dict[str, str]:
    errors: dict[str, str] = {}
    applicant.name = " ".join(applicant.name.split())
    applicant.id_number = applicant.id_number.strip()
    if not applicant.name:
        errors["applicant_name"] = _("Give the applicant's full name.")
    problem = rules.citizen_id_problem(applicant.id_number)
    if problem == "digits":
        errors["applicant_id_number"] = _("A citizen ID number has exactly 12 digits.")
    elif problem == "province":
        errors["applicant_id_number"] = _(
            "This is not a citizen ID number: its first three digits name no province."
        )
    phone = rules.normalised_phone(applicant.phone)
    if phone is None:
        errors["applicant_phone"] = _("Give a Vietnamese phone number, e.g. 0905 123 456.")
    else:
        applicant.phone = phone
    if applicant.email:
        try:
            validate_email(applicant.email.strip())
        except ValidationError:
            errors["applicant_email"] = _("This email address is not valid.")
    return errors


def _applicant_fields(applicant: Applicant) -> dict[str, Any]:
    """The dossier's columns for who brought it and whose it is."""
    return {
        "applicant_name": applicant.name,
        "applicant_id_number": applicant.id_number,
        "applicant_phone": applicant.phone,
        "applicant_email": applicant.email.strip(),
        "applicant_address": applicant.address.strip(),
        "owner_name": applicant.owner_name.strip(),
        "owner_address": applicant.owner_address.strip(),
        "applicant_notices": bool(applicant.notices),
    }


def _receipt_errors(agency: Agency, data: ReceiptData, at: datetime.datetime) -> dict[str, str]:
    errors = _applicant_errors(data.applicant)
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose how the dossier arrived.")
    if not agency.code:
        errors["agency"] = _(
            "The agency has no electronic code (QCVN 102); an administrator must set it "
            "before dossiers can be received."
        )
    version = data.version
    if not in_force(version, timezone.localtime(at).date()):
        errors["version"] = _("This version of the procedure is not in force today.")
    elif not _in_catalogue(version, agency):
        errors["version"] = _("This procedure is not in the catalogue of the agency's province.")
    if not 1 <= data.sets <= 99:
        errors["sets"] = _("Give the number of sets, from 1 to 99.")
    if any(min(c.originals, c.certified_copies, c.photocopies) < 0 for c in data.components):
        errors["components"] = _("Counts of papers cannot be negative.")
    if data.code and rules.centralised_code_problem(
        data.code, agency.code or "", timezone.localtime(at).date()
    ):
        errors["code"] = _(
            "This is not a centralised service's dossier code for this agency "
            "({agency code}-{yyMMdd}-{AA}{number})."
        )
    return errors


def _in_catalogue(version: ProcedureVersion, agency: Agency) -> bool:
    province_id = agency_province_id(agency)
    # A province's own procedures need no look-up of the provinces merged with it.
    return version.procedure.province_id == province_id or (
        version.procedure.province_id in province_family_ids(province_id)
    )


# Creates the agency's DossierSequence row for the day or bumps it, taking its row lock
# either way.
NEXT_NUMBER_SQL = (
    'INSERT INTO dossiers_dossiersequence (agency_id, day, "last") VALUES (%s, %s, 1)'
    ' ON CONFLICT (agency_id, day) DO UPDATE SET "last" = dossiers_dossiersequence."last" + 1'
    ' RETURNING "last"'
)


def _next_number(agency: Agency, day: datetime.date) -> int:
    """Take the agency's next number of the day, within the receipt's transaction: in one
    statement, under the row lock that concurrent receipts wait on until commit; a receipt
    that fails (the refusal past 999,999 too) gives its number back with its rollback."""
    with connection.cursor() as cursor:
        cursor.execute(NEXT_NUMBER_SQL, [agency.pk, connection.ops.adapt_datefield_value(day)])
        (number,) = cursor.fetchone()
    if number > rules.LAST_DAY_NUMBER:
        raise ConflictError(_("The agency has received 999,999 dossiers today; no code is left."))
    return int(number)


def _step_rows(
    dossier: Dossier,
    process_steps: tuple[ProcessStep, ...],
    calendar: WorkingCalendar,
    total: Decimal,
) -> list[DossierStep]:
    if not process_steps:
        # Without an approved process the dossier goes through the desk, the department and
        # back, the department holding whatever time the law allows; the department's step
        # gives the result (`procedures.route`), so the desk hands over before finishing.
        return [
            DossierStep(
                dossier=dossier,
                order=1,
                name=_("Receive and check the dossier"),
                responsible=Responsible.DESK,
                allotted_minutes=0,
            ),
            DossierStep(
                dossier=dossier,
                order=2,
                name=_("Process the dossier"),
                responsible=Responsible.DEPARTMENT,
                allotted_minutes=int(total * 60),
            ),
        ]
    return [
        DossierStep(
            dossier=dossier,
            order=step.order,
            name=step.name,
            responsible=step.responsible,
            department=step.department,
            allotted_minutes=int(step_hours(step.time_amount, step.time_unit, calendar) * 60),
            signs=step.signs,
            gives_result=step.gives_result,
        )
        for step in process_steps
    ]


def dossier_receive(
    *, agency: Agency, data: ReceiptData, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Receive a dossier: give it the day's next code, its due time by the province's working
    calendar, the procedure version and internal process in force, and its steps. With an
    idempotency key already used at this agency, return that dossier instead."""
    if not may_receive(actor, agency):
        raise PermissionDenied(_("You may not receive dossiers for this agency."))
    at = at or timezone.now()
    if data.idempotency_key:
        earlier = Dossier.objects.filter(
            agency=agency, idempotency_key=data.idempotency_key
        ).first()
        if earlier is not None:
            earlier.replayed = True
            return earlier
    errors = _receipt_errors(agency, data, at)
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    version, calendar = data.version, agency_calendar(agency)
    day = timezone.localtime(at).date()
    amount, unit = engine_amount(version.time_amount, version.time_unit, calendar)
    due = calendar.due(at, amount, unit)
    process, process_steps = process_in_force(agency.pk, version.procedure_id, day)
    applicant = data.applicant
    received_by = actor if getattr(actor, "is_authenticated", False) else None
    dossier = Dossier(
        agency=agency,
        version=version,
        field_id=version.field_id,
        process=process,
        form_set=form_set_on(day),
        status=next_status(Status.SUBMITTED, "receive"),
        channel=data.channel,
        **_applicant_fields(applicant),
        sets=data.sets,
        fee_amount=data.fee_amount,
        note=data.note.strip(),
        received_at=at,
        received_by=received_by,
        first_due_at=due,
        due_at=due,
        current_step=1,
        holder=received_by,
        idempotency_key=data.idempotency_key or None,
    )
    total = calendar.elapsed(at, due) / datetime.timedelta(hours=1)
    steps = _step_rows(dossier, process_steps, calendar, Decimal(str(round(total, 2))))
    # The step giving the result is marked on the dossier even when the process leaves it
    # to the default, so the dossier says where it will be finished.
    result = result_order(steps)
    for step in steps:
        step.gives_result = step.order == result
    first = steps[0]
    first.started_at = at
    first.due_at = calendar.add(at, first.allotted_minutes * MINUTE)
    first.assignee = received_by
    # The desk takes the dossier from the citizen: the first step's receiving side.
    first.accepted_at, first.accepted_by = at, received_by
    components = [
        ReceivedComponent(dossier=dossier, order=index, **vars(component))
        for index, component in enumerate(data.components, start=1)
    ]
    # Everything is worked out before the transaction, which only writes: the day's number
    # first (its row lock is what receipts of the agency queue on), so that the dossier is
    # inserted once with its code; then its rows, figures and activity entry.
    with transaction.atomic():
        # A centralised service's dossier keeps the code its national system gave it.
        dossier.code = data.code or rules.dossier_code(
            agency.code or "", day, _next_number(agency, day)
        )
        dossier.search_text = search_text_of(dossier)
        try:
            dossier.save(force_insert=True)
        except IntegrityError as exc:  # the same key in a concurrent request
            # No savepoint of its own: leaving the block with the error rolls it all back.
            raise ConflictError(_("This request was already received.")) from exc
        # The id given by the insert.
        for component in components:
            component.dossier = dossier
        for step in steps:
            step.dossier = dossier
        if components:
            ReceivedComponent.objects.bulk_create(components)
        DossierStep.objects.bulk_create(steps)
        event = add_event(dossier, EventKind.RECEIVED, actor, at, due_at=due)
        bump_figures(
            dossier,
            day,
            "received_online" if data.channel == Channel.ONLINE else "received_direct",
        )
        record_activity(dossier, "received", actor, due_at=due.isoformat())
    # What the answer shows, as it was written: no need to read it back.
    _as_prefetched(dossier, {"steps": steps, "events": [event], "components": components})
    return dossier


def _as_prefetched(dossier: Dossier, related: dict[str, list[Any]]) -> None:
    """Give the dossier these rows as if `prefetch_related` had read them: `.all()` answers
    from memory; `.filter()`/`.order_by()` still ask the database, as after a prefetch."""
    cache: dict[str, Any] = {}
    for name, rows in related.items():
        queryset = getattr(dossier, name).all()
        queryset._result_cache = list(rows)
        queryset._prefetch_done = True
        cache[name] = queryset
    dossier._prefetched_objects_cache = cache  # type: ignore[attr-defined]


def dossier_not_receive(
    *,
    agency: Agency,
    data: ReceiptData,
    kind: str,
    reason: str,
    missing: list[str],
    actor: Any,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Record a dossier not received: the papers to complete (form 02, "once and in full") or
    a refusal with its reason (form 03). It gets no dossier code."""
    if not may_receive(actor, agency):
        raise PermissionDenied(_("You may not receive dossiers for this agency."))
    at = at or timezone.now()
    errors = _receipt_errors(agency, data, at)
    errors.pop("agency", None)  # a refusal needs no code
    if kind not in NotReceivedKind.values:
        errors["kind"] = _("Choose whether papers are missing or the dossier is refused.")
    if not reason.strip():
        errors["reason"] = _("Give the reason; the citizen takes it home on the slip.")
    if kind == NotReceivedKind.INCOMPLETE and not [m for m in missing if m.strip()]:
        errors["missing"] = _("List every paper to complete, all at once.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    applicant = data.applicant
    with transaction.atomic():
        dossier = Dossier.objects.create(
            agency=agency,
            version=data.version,
            field_id=data.version.field_id,
            form_set=form_set_on(timezone.localtime(at).date()),
            status=next_status(Status.SUBMITTED, "not_receive"),
            channel=data.channel,
            not_received_kind=kind,
            **_applicant_fields(applicant),
            received_at=at,
            received_by=actor if getattr(actor, "is_authenticated", False) else None,
            ended_at=at,
        )
        Dossier.objects.filter(pk=dossier.pk).update(search_text=search_text_of(dossier))
        add_event(
            dossier,
            EventKind.NOT_RECEIVED,
            actor,
            at,
            reason=reason.strip(),
            not_received_kind=kind,
            missing=[m.strip() for m in missing if m.strip()],
        )
        record_activity(dossier, "not_received", actor, kind=kind, reason=reason.strip())
    return dossier
