"""Writes on the agency's internal audit (ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg Art. 4.4b).

Rules the services keep, whoever calls them: only qualified officials of the agency sit on an
audit team (the lead too); an auditor never audits their own department; the programme is
approved by a leader of the agency and what changes after that is recorded on it; checklist
lines are recorded while the audit runs; when the report is issued, every line found a minor
or major nonconformity opens a nonconformity through `nonconformity_raise` (decided at the
report, not at each line: the closing meeting is where the team and the departments agree
the findings) and the line keeps the link.
"""

import datetime
from dataclasses import dataclass, field
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
from chuan.improvement import audits_rules as rules
from chuan.improvement.choices import AuditState, ChecklistResult, ProgrammeState
from chuan.improvement.models import (
    Audit,
    AuditorQualification,
    AuditProgramme,
    AuditScheduleLine,
)
from chuan.improvement.permissions import can_approve_qms, can_manage_qms
from chuan.organisations.models import Agency, Department, Membership
from chuan.procedures.models import InternalProcess

ATTACHMENT_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
TEXT_MAX = 5000


def register_activity_labels() -> None:
    """Labels of the activity this module records."""
    register_verb_labels(
        {
            "qualification.recorded": gettext_lazy("Recorded an auditor's qualification"),
            "audit_programme.created": gettext_lazy("Drew up an audit programme"),
            "audit_programme.updated": gettext_lazy("Changed an audit programme"),
            "audit_programme.approved": gettext_lazy("Approved an audit programme"),
            "audit.created": gettext_lazy("Planned an internal audit"),
            "audit.updated": gettext_lazy("Changed an internal audit"),
            "audit.started": gettext_lazy("Opened an internal audit"),
            "audit.report_issued": gettext_lazy("Issued an internal audit report"),
            "audit.closed": gettext_lazy("Closed an internal audit"),
            "audit.cancelled": gettext_lazy("Cancelled an internal audit"),
            "audit.scheduled": gettext_lazy("Added a line to an audit plan"),
            "audit.unscheduled": gettext_lazy("Removed a line from an audit plan"),
            "audit.checklist_made": gettext_lazy("Prepared an audit checklist"),
            "checklist_line.recorded": gettext_lazy("Recorded an audit finding"),
            "checklist_template.copied": gettext_lazy("Copied a checklist template"),
            "checklist_template.edited": gettext_lazy("Edited a checklist question"),
        }
    )
    fields = {
        "year": gettext_lazy("Year"),
        "certificate_number": gettext_lazy("Certificate number"),
        "issuer": gettext_lazy("Certificate issued by"),
        "auditor": gettext_lazy("Auditor"),
        "reason": gettext_lazy("Reason"),
        "round": gettext_lazy("Round"),
        "title": gettext_lazy("Title"),
        "clauses": gettext_lazy("ISO 9001 clauses"),
        "lead": gettext_lazy("Team lead"),
        "auditors": gettext_lazy("Auditors"),
        "department": gettext_lazy("Department"),
        "day": gettext_lazy("Date"),
        "lines": gettext_lazy("Questions"),
        "result": gettext_lazy("Result"),
        "nonconformities": gettext_lazy("Nonconformities"),
        "version": gettext_lazy("Version"),
        "code": gettext_lazy("Code"),
        "clause": gettext_lazy("ISO 9001 clause"),
        "state": gettext_lazy("State"),
    }
    for entity in ("qualification", "audit_programme", "audit", "checklist_line"):
        register_field_labels(fields, entity=entity)
    register_field_labels(fields, entity="checklist_template")
    register_value_labels("result", ChecklistResult, entity="checklist_line")
    register_value_labels("state", AuditState, entity="audit")
    register_value_labels("state", ProgrammeState, entity="audit_programme")


def _may_manage(actor: Any, agency_id: int) -> None:
    if not can_manage_qms(actor, agency_id):
        raise PermissionDenied(_("You may not run this agency's internal audits."))


def _text(value: str) -> str:
    return (value or "").strip()[:TEXT_MAX]


def _name(user: Any) -> str:
    return str(user)


def _is_official(user: Any, agency_id: int) -> bool:
    return Membership.objects.filter(user=user, agency_id=agency_id, is_active=True).exists()


def unqualified(users: list[Any], on: datetime.date) -> list[Any]:
    """Those of `users` holding no internal-auditor qualification valid on `on`."""
    from chuan.improvement.selectors.audits import qualified_user_ids

    ok = qualified_user_ids([u.pk for u in users], on)
    return [u for u in users if u.pk not in ok]


def own_department_conflict(auditor: Any, department: Department) -> str | None:
    """The refusal when `auditor` works in `department` (their membership's department): an
    auditor may not audit their own work (ISO 9001:2015, 9.2.2 c)."""
    works_there = Membership.objects.filter(
        user=auditor, department=department, is_active=True
    ).exists()
    if not works_there:
        return None
    return _("%(name)s may not audit %(department)s: it is their own department.") % {
        "name": _name(auditor),
        "department": department.name,
    }


# --- Qualifications ---------------------------------------------------------------------------


def qualification_record(
    *,
    agency: Agency,
    user: Any,
    certificate_number: str,
    issuer: str,
    issued_on: datetime.date,
    actor: Any,
    valid_until: datetime.date | None = None,
) -> AuditorQualification:
    """Record an official's internal-auditor certificate (the training concern records one
    per certificate its courses issue)."""
    _may_manage(actor, agency.pk)
    errors: dict[str, str] = {}
    number, issuer = _text(certificate_number)[:60], _text(issuer)[:255]
    if not number:
        errors["certificate_number"] = _("Give the certificate's number.")
    if not issuer:
        errors["issuer"] = _("Say who issued the certificate.")
    if not _is_official(user, agency.pk):
        errors["user"] = _("Choose an official of this agency.")
    if valid_until is not None and valid_until < issued_on:
        errors["valid_until"] = _("The certificate cannot expire before it was issued.")
    if issued_on > timezone.localdate():
        errors["issued_on"] = _("A certificate cannot be issued in the future.")
    if (
        not errors
        and AuditorQualification.objects.filter(
            user=user, issuer=issuer, certificate_number=number
        ).exists()
    ):
        errors["certificate_number"] = _("This certificate is already recorded.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        qualification = AuditorQualification.objects.create(
            agency=agency,
            user=user,
            certificate_number=number,
            issuer=issuer,
            issued_on=issued_on,
            valid_until=valid_until,
        )
        activity_record(
            actor=actor,
            verb="qualification.recorded",
            target=qualification,
            agency_id=agency.pk,
            changes={"auditor": _name(user), "certificate_number": number, "issuer": issuer},
        )
    return qualification


# --- Programme --------------------------------------------------------------------------------


def programme_create(
    *, agency: Agency, year: int, purpose: str, criteria: str, actor: Any
) -> AuditProgramme:
    """Draw up the year's programme (one per agency and year)."""
    _may_manage(actor, agency.pk)
    errors: dict[str, str] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = _("Give a year between 2000 and 2100.")
    elif AuditProgramme.objects.filter(agency=agency, year=year).exists():
        errors["year"] = _("This year already has a programme.")
    if not _text(purpose):
        errors["purpose"] = _("Say what the audits are for.")
    if not _text(criteria):
        errors["criteria"] = _("Name the audit criteria.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        programme = AuditProgramme.objects.create(
            agency=agency, year=year, purpose=_text(purpose), criteria=_text(criteria)
        )
        activity_record(
            actor=actor,
            verb="audit_programme.created",
            target=programme,
            agency_id=agency.pk,
            changes={"year": year},
        )
    return programme


def _note_change(programme: AuditProgramme, what: str, actor: Any) -> None:
    """After approval, every change of the programme is written on it."""
    if programme.state == ProgrammeState.APPROVED:
        programme.changes = [
            *programme.changes,
            {"on": timezone.localdate().isoformat(), "by": _name(actor), "what": what[:500]},
        ]
        programme.save(update_fields=["changes", "updated_at"])


def programme_update(
    *, programme: AuditProgramme, purpose: str, criteria: str, actor: Any, reason: str = ""
) -> AuditProgramme:
    """Change the purpose or criteria; once approved, only with the reason, which is
    recorded on the programme."""
    _may_manage(actor, programme.agency_id)
    errors: dict[str, str] = {}
    if not _text(purpose):
        errors["purpose"] = _("Say what the audits are for.")
    if not _text(criteria):
        errors["criteria"] = _("Name the audit criteria.")
    if programme.state == ProgrammeState.APPROVED and not _text(reason):
        errors["reason"] = _("The programme is approved: say why it changes.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
        programme.purpose, programme.criteria = _text(purpose), _text(criteria)
        programme.save(update_fields=["purpose", "criteria", "updated_at"])
        _note_change(programme, _text(reason), actor)
        activity_record(
            actor=actor,
            verb="audit_programme.updated",
            target=programme,
            agency_id=programme.agency_id,
            changes={"reason": _text(reason)},
        )
    return programme


def programme_approve(
    *, programme: AuditProgramme, actor: Any, on: datetime.date | None = None
) -> AuditProgramme:
    """The head of the agency (or a deputy) approves the programme."""
    if not can_approve_qms(actor, programme.agency_id):
        raise ForbiddenError(_("Only a leader of the agency approves the audit programme."))
    with transaction.atomic():
        programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
        if programme.state != ProgrammeState.DRAFT:
            raise ConflictError(_("The programme is already approved."))
        programme.state = ProgrammeState.APPROVED
        programme.approved_by = actor
        programme.approved_on = on or timezone.localdate()
        programme.save(update_fields=["state", "approved_by", "approved_on", "updated_at"])
        activity_record(
            actor=actor,
            verb="audit_programme.approved",
            target=programme,
            agency_id=programme.agency_id,
            changes={"state": programme.state},
        )
    return programme


# --- Audits -----------------------------------------------------------------------------------


@dataclass
class AuditData:
    """An audit's plan: title, scope, criteria, team and meetings."""

    title: str
    lead: Any
    auditors: list[Any] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    processes: list[InternalProcess] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    criteria: str = ""
    opening_at: datetime.datetime | None = None
    closing_at: datetime.datetime | None = None


def _check_audit(agency_id: int, data: AuditData, on: datetime.date) -> list[str]:
    """The audit's plan checked; return its clauses in the standard's order."""
    errors: dict[str, str] = {}
    if not _text(data.title):
        errors["title"] = _("Give the audit a title.")
    titles = rules.clause_titles()
    wrong = [c for c in data.clauses if c not in titles]
    if wrong:
        errors["clauses"] = _("Not clauses of ISO 9001:2015: %(clauses)s.") % {
            "clauses": ", ".join(wrong)
        }
    if any(d.agency_id != agency_id for d in data.departments):
        errors["departments"] = _("Choose departments of this agency.")
    if any(p.agency_id != agency_id for p in data.processes):
        errors["processes"] = _("Choose internal processes of this agency.")
    if data.lead is None:
        errors["lead"] = _("Name the team lead.")
    team = [u for u in [data.lead, *data.auditors] if u is not None]
    outsiders = [u for u in team if not _is_official(u, agency_id)]
    if outsiders:
        errors["auditors"] = _("Not officials of this agency: %(names)s.") % {
            "names": ", ".join(_name(u) for u in outsiders)
        }
    else:
        lacking = unqualified(list(dict.fromkeys(team)), on)
        if lacking:
            key = "lead" if lacking == [data.lead] else "auditors"
            errors[key] = _(
                "No internal-auditor qualification recorded for: %(names)s. "
                "Record their certificates first."
            ) % {"names": ", ".join(_name(u) for u in lacking)}
    if data.opening_at and data.closing_at and data.closing_at < data.opening_at:
        errors["closing_at"] = _("The closing meeting cannot be before the opening meeting.")
    if errors:
        raise ValidationError(errors)
    return sorted(set(data.clauses), key=rules.clause_key)


def _apply(audit: Audit, data: AuditData, clauses: list[str]) -> None:
    audit.title = _text(data.title)[:255]
    audit.clauses = clauses
    audit.criteria = _text(data.criteria)
    audit.lead = data.lead
    audit.opening_at, audit.closing_at = data.opening_at, data.closing_at
    audit.save()
    audit.departments.set(data.departments)
    audit.processes.set(data.processes)
    audit.auditors.set([u for u in data.auditors if u != data.lead])


def audit_create(*, programme: AuditProgramme, data: AuditData, actor: Any) -> Audit:
    """Plan an audit in the programme, numbered as the programme's next round."""
    _may_manage(actor, programme.agency_id)
    clauses = _check_audit(programme.agency_id, data, timezone.localdate())
    with transaction.atomic():
        programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
        last = programme.audits.aggregate(n=Max("round"))["n"] or 0
        audit = Audit(programme=programme, agency_id=programme.agency_id, round=last + 1)
        _apply(audit, data, clauses)
        _note_change(programme, _("Audit added: %(title)s") % {"title": audit.title}, actor)
        activity_record(
            actor=actor,
            verb="audit.created",
            target=audit,
            agency_id=audit.agency_id,
            changes={"round": audit.round, "title": audit.title, "clauses": clauses},
        )
    return audit


def _lock(audit: Audit) -> Audit:
    return Audit.objects.select_for_update().select_related("programme").get(pk=audit.pk)


def audit_update(*, audit: Audit, data: AuditData, actor: Any) -> Audit:
    """Change a planned or running audit's plan."""
    _may_manage(actor, audit.agency_id)
    clauses = _check_audit(audit.agency_id, data, timezone.localdate())
    with transaction.atomic():
        audit = _lock(audit)
        if audit.state not in (AuditState.PLANNED, AuditState.IN_PROGRESS):
            raise ConflictError(_("The audit's report is issued: its plan no longer changes."))
        _apply(audit, data, clauses)
        _note_change(audit.programme, _("Audit changed: %(title)s") % {"title": audit.title}, actor)
        activity_record(
            actor=actor,
            verb="audit.updated",
            target=audit,
            agency_id=audit.agency_id,
            changes={"title": audit.title, "clauses": clauses},
        )
    return audit


def _team(audit: Audit) -> list[Any]:
    return [u for u in [audit.lead, *audit.auditors.all()] if u is not None]


def _may_record(actor: Any, audit: Audit) -> None:
    if can_manage_qms(actor, audit.agency_id):
        return
    if actor is not None and actor.is_authenticated and actor in _team(audit):
        return
    raise PermissionDenied(_("Only the audit team or the ISO secretary records the checklist."))


@dataclass
class ScheduleData:
    day: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time
    department: Department
    auditor: Any
    process: InternalProcess | None = None
    clause: str = ""


def schedule_line_add(*, audit: Audit, data: ScheduleData, actor: Any) -> AuditScheduleLine:
    """Add a line to the audit plan: when, where, what, by which auditor of the team."""
    _may_manage(actor, audit.agency_id)
    errors: dict[str, str] = {}
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if data.department.agency_id != audit.agency_id:
        errors["department"] = _("Choose a department of this agency.")
    if data.process is not None and data.process.agency_id != audit.agency_id:
        errors["process"] = _("Choose an internal process of this agency.")
    if data.clause and data.clause not in rules.clause_titles():
        errors["clause"] = _("Not clauses of ISO 9001:2015: %(clauses)s.") % {
            "clauses": data.clause
        }
    if data.auditor not in _team(audit):
        errors["auditor"] = _("Choose an auditor of this audit's team.")
    elif "department" not in errors:
        conflict = own_department_conflict(data.auditor, data.department)
        if conflict:
            errors["auditor"] = conflict
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        audit = _lock(audit)
        if audit.state not in (AuditState.PLANNED, AuditState.IN_PROGRESS):
            raise ConflictError(_("The audit's report is issued: its plan no longer changes."))
        line = AuditScheduleLine.objects.create(
            audit=audit,
            day=data.day,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            department=data.department,
            process=data.process,
            clause=data.clause,
            auditor=data.auditor,
        )
        activity_record(
            actor=actor,
            verb="audit.scheduled",
            target=audit,
            agency_id=audit.agency_id,
            changes={
                "day": data.day.isoformat(),
                "department": data.department.name,
                "auditor": _name(data.auditor),
            },
        )
    return line


def schedule_line_remove(*, line: AuditScheduleLine, actor: Any) -> None:
    audit = line.audit
    _may_manage(actor, audit.agency_id)
    with transaction.atomic():
        audit = _lock(audit)
        if audit.state not in (AuditState.PLANNED, AuditState.IN_PROGRESS):
            raise ConflictError(_("The audit's report is issued: its plan no longer changes."))
        activity_record(
            actor=actor,
            verb="audit.unscheduled",
            target=audit,
            agency_id=audit.agency_id,
            changes={"day": line.day.isoformat(), "department": line.department.name},
        )
        line.delete()
