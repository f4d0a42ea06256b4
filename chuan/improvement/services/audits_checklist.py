"""Writes on an internal audit's checklist, its run and its report (ISO 9001:2015, 9.2.2;
QĐ 19/2014/QĐ-TTg Art. 4.4b), and on the checklist templates the agency keeps.

The audit's transitions follow `audits_rules.TRANSITIONS`. Issuing the report opens a
nonconformity (source: internal audit) for every line found a minor or major nonconformity,
through `nonconformity_raise`, found by the line's auditor, and links it to the line; a line
already linked is not raised twice. Labels of the verbs are in `services.audits`.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name
from chuan.improvement import audits_rules as rules
from chuan.improvement.choices import AuditState, ChecklistResult, NcSource
from chuan.improvement.models import (
    Audit,
    ChecklistLine,
    ChecklistTemplate,
    ChecklistTemplateLine,
)
from chuan.improvement.permissions import can_manage_qms
from chuan.improvement.services.audits import (
    _lock,
    _may_manage,
    _may_record,
    _name,
    _team,
    _text,
    own_department_conflict,
)
from chuan.improvement.services.nonconformities import NonconformityData, nonconformity_raise
from chuan.organisations.models import Agency

ATTACHMENT_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")


def template_for(agency_id: int) -> ChecklistTemplate | None:
    """The template an audit of the agency starts from: the agency's latest own version of
    the national code, else the latest national one."""
    code = rules.template_data()["code"]
    own = ChecklistTemplate.objects.filter(agency_id=agency_id, code=code).order_by("-version")
    return own.first() or (
        ChecklistTemplate.objects.filter(agency__isnull=True, code=code)
        .order_by("-version")
        .first()
    )


def checklist_prepare(
    *, audit: Audit, actor: Any, template: ChecklistTemplate | None = None
) -> int:
    """Create the audit's checklist from the template: each question of a clause in the
    audit's scope (every clause when none is named), once for each department audited (once
    for the agency when none is named). Return how many lines were made."""
    _may_manage(actor, audit.agency_id)
    template = template or template_for(audit.agency_id)
    if template is None or template.agency_id not in (None, audit.agency_id):
        raise ValidationError({"template": _("Choose a checklist template of this agency.")})
    with transaction.atomic():
        audit = _lock(audit)
        if audit.state not in (AuditState.PLANNED, AuditState.IN_PROGRESS):
            raise ConflictError(_("The audit's report is issued: its plan no longer changes."))
        if audit.checklist.exists():
            raise ConflictError(_("The audit already has its checklist."))
        questions = [
            q
            for q in template.lines.order_by("order")
            if not audit.clauses or rules.in_scope(q.clause, audit.clauses)
        ]
        departments: list[Any] = list(audit.departments.order_by("name")) or [None]
        lines = [
            ChecklistLine(
                audit=audit,
                order=n,
                clause=q.clause,
                department=d,
                question=q.question,
            )
            for n, (d, q) in enumerate(((d, q) for d in departments for q in questions), start=1)
        ]
        ChecklistLine.objects.bulk_create(lines)
        activity_record(
            actor=actor,
            verb="audit.checklist_made",
            target=audit,
            agency_id=audit.agency_id,
            changes={"lines": len(lines), "code": template.code, "version": template.version},
        )
    return len(lines)


@dataclass
class FindingData:
    """What the auditor records on a checklist line."""

    evidence: str
    result: str
    note: str = ""
    auditor: Any = None


def checklist_line_record(
    *, line: ChecklistLine, data: FindingData, actor: Any, attachment: UploadedFile | None = None
) -> ChecklistLine:
    """Record the evidence seen and the result while the audit runs; the attachment (a
    photo or a copy of a record) is checked before it is stored."""
    audit = line.audit
    _may_record(actor, audit)
    auditor = data.auditor or (actor if actor in _team(audit) else audit.lead)
    errors: dict[str, str] = {}
    if data.result not in ChecklistResult.values:
        errors["result"] = _("Choose a result.")
    if data.result and data.result != ChecklistResult.CONFORMING and not _text(data.evidence):
        errors["evidence"] = _("Write the evidence the finding rests on.")
    if auditor not in _team(audit):
        errors["auditor"] = _("Choose an auditor of this audit's team.")
    elif line.department is not None:
        conflict = own_department_conflict(auditor, line.department)
        if conflict:
            errors["auditor"] = conflict
    if errors:
        raise ValidationError(errors)
    name = (
        checked_upload_name(attachment, kinds=ATTACHMENT_KINDS, field="attachment")
        if (attachment is not None)
        else ""
    )
    with transaction.atomic():
        audit = _lock(audit)
        if audit.state != AuditState.IN_PROGRESS:
            raise ConflictError(_("Findings are recorded while the audit is in progress."))
        line = ChecklistLine.objects.select_for_update().get(pk=line.pk)
        line.evidence, line.note = _text(data.evidence), _text(data.note)
        line.result, line.auditor = data.result, auditor
        line.recorded_on = timezone.localdate()
        if attachment is not None:
            attachment.name = name
            line.attachment.save(name, attachment, save=False)
        line.save()
        activity_record(
            actor=actor,
            verb="checklist_line.recorded",
            target=audit,
            agency_id=audit.agency_id,
            changes={"clause": line.clause, "result": line.result, "auditor": _name(auditor)},
        )
    return line


@dataclass
class ReportData:
    """The report's text: summary, conclusion on conformity and effectiveness,
    recommendations."""

    summary: str
    conclusion: str
    recommendations: str = ""


def _raise_findings(audit: Audit, actor: Any, on: datetime.date) -> list[str]:
    codes = []
    lines = audit.checklist.select_related("department", "auditor").filter(
        result__in=list(rules.NC_RESULTS), nonconformity__isnull=True
    )
    for line in lines:
        description = line.note or line.question
        nc = nonconformity_raise(
            agency=audit.agency,
            data=NonconformityData(
                source=NcSource.INTERNAL_AUDIT,
                severity=rules.NC_RESULTS[ChecklistResult(line.result)],
                clause=line.clause,
                department=line.department,
                description=description,
                evidence=line.evidence,
                found_on=line.recorded_on or on,
            ),
            actor=actor,
            found_by=line.auditor or audit.lead,
        )
        line.nonconformity = nc
        line.save(update_fields=["nonconformity", "updated_at"])
        codes.append(nc.code)
    return codes


VERBS = {
    "start": "audit.started",
    "issue_report": "audit.report_issued",
    "close": "audit.closed",
    "cancel": "audit.cancelled",
}


def audit_transition(
    *, audit: Audit, action: str, actor: Any, report: ReportData | None = None
) -> Audit:
    """Move the audit along its state table: `start` (the opening meeting is held; the team
    needs its lead), `issue_report` (summary and conclusion required; findings become
    nonconformities), `close`, `cancel`."""
    _may_manage(actor, audit.agency_id)
    if action not in rules.TRANSITIONS:
        raise ValidationError({"action": _("Unknown action.")})
    if action == "issue_report":
        errors = {}
        if report is None or not _text(report.summary):
            errors["summary"] = _("Sum up the audit.")
        if report is None or not _text(report.conclusion):
            errors["conclusion"] = _("Conclude on the QMS's conformity and effectiveness.")
        if errors:
            raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        audit = _lock(audit)
        target = rules.next_state(audit.state, action)
        if target is None:
            raise ConflictError(
                _("This action is not allowed while the audit is “%(state)s”.")
                % {"state": audit.get_state_display()}
            )
        changes: dict[str, Any] = {"state": target}
        if action == "start":
            if audit.lead is None:
                raise ValidationError({"lead": _("Name the team lead.")})
            audit.opening_at = audit.opening_at or now
        if action == "issue_report" and report is not None:
            audit.summary = _text(report.summary)
            audit.conclusion = _text(report.conclusion)
            audit.recommendations = _text(report.recommendations)
            audit.closing_at = audit.closing_at or now
            audit.report_issued_on = timezone.localdate()
            changes["nonconformities"] = _raise_findings(audit, actor, audit.report_issued_on)
        audit.state = target
        audit.save()
        activity_record(
            actor=actor,
            verb=VERBS[action],
            target=audit,
            agency_id=audit.agency_id,
            changes=changes,
        )
    return audit


# --- Templates --------------------------------------------------------------------------------


def template_copy(*, agency: Agency, template: ChecklistTemplate, actor: Any) -> ChecklistTemplate:
    """The agency's own copy of a template, as the next version of its code: the agency then
    edits its prompts."""
    _may_manage(actor, agency.pk)
    if template.agency_id not in (None, agency.pk):
        raise PermissionDenied(_("Copy the national template or one of this agency's."))
    with transaction.atomic():
        Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
        last = ChecklistTemplate.objects.filter(agency=agency, code=template.code).aggregate(
            n=Max("version")
        )["n"]
        version = max(last or 0, template.version) + 1
        copy = ChecklistTemplate.objects.create(
            agency=agency,
            code=template.code,
            version=version,
            title=template.title,
            based_on=template,
        )
        ChecklistTemplateLine.objects.bulk_create(
            ChecklistTemplateLine(
                template=copy, order=line.order, clause=line.clause, question=line.question
            )
            for line in template.lines.all()
        )
        activity_record(
            actor=actor,
            verb="checklist_template.copied",
            target=copy,
            agency_id=agency.pk,
            changes={"code": copy.code, "version": version},
        )
    return copy


def template_line_edit(*, line: ChecklistTemplateLine, question: str, actor: Any) -> None:
    """Edit a prompt of the agency's own template (the national one stays as published)."""
    template = line.template
    if template.agency_id is None:
        raise PermissionDenied(_("The national template is not edited: copy it first."))
    if not can_manage_qms(actor, template.agency_id):
        raise PermissionDenied(_("You may not run this agency's internal audits."))
    text = _text(question)
    if not text:
        raise ValidationError({"question": _("Write the question.")})
    with transaction.atomic():
        line.question = text
        line.save(update_fields=["question"])
        activity_record(
            actor=actor,
            verb="checklist_template.edited",
            target=template,
            agency_id=template.agency_id,
            changes={"clause": line.clause, "version": template.version},
        )
