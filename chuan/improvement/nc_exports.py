"""The register of nonconformities as XLSX (sổ theo dõi sự không phù hợp và hành động khắc
phục) and one corrective-action request as DOCX (phiếu yêu cầu hành động khắc phục, four
parts with their signatures; ISO 9001:2015, 10.2 and 7.5: retained as documented
information)."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exports import DATE_FORMAT, Column, XlsxBook
from chuan.core.word import WordDocument
from chuan.improvement.choices import NcState
from chuan.improvement.models import Nonconformity


def _date(value: datetime.datetime | datetime.date | None) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def _verification(nc: Nonconformity) -> str:
    if nc.verified_at is None:
        return ""
    return f"{_date(nc.verified_at):%d/%m/%Y} · {nc.verification_note}"


def register_workbook(requests: Iterable[Nonconformity], *, title: str) -> bytes:
    """One row per request, its actions in one cell (what, who, due, done)."""
    book = XlsxBook(title=title)
    columns = [
        Column(_("No."), 14),
        Column(_("Date"), 12, DATE_FORMAT),
        Column(_("Found through"), 22, wrap=True),
        Column(_("Description"), 50, wrap=True),
        Column(_("Department"), 28, wrap=True),
        Column(_("ISO 9001 clause"), 10),
        Column(_("Severity"), 16),
        Column(_("Actions"), 50, wrap=True),
        Column(_("Due by"), 12, DATE_FORMAT),
        Column(_("State"), 18),
        Column(_("Verification"), 36, wrap=True),
    ]
    rows = []
    for nc in requests:
        actions = "\n".join(
            f"{action.order}. {action.description} — {action.owner.get_full_name()} — "
            f"{action.due_on:%d/%m/%Y}"
            + (f" ({_('done')} {action.done_on:%d/%m/%Y})" if action.done_on else "")
            for action in nc.actions.all()
        )
        due = max((a.due_on for a in nc.actions.all()), default=None)
        state = str(NcState(nc.state).label)
        if nc.repeats_id:
            state = f"{state} · {_('repeated cause')}"
        rows.append(
            [
                nc.code,
                nc.found_on,
                nc.get_source_display(),
                nc.description,
                nc.department.name if nc.department else "",
                nc.clause,
                nc.get_severity_display(),
                actions,
                due,
                str(state),
                _verification(nc),
            ]
        )
    book.sheet(_("Register"), columns, rows, before=[[title]], auto_filter=True)
    return book.to_bytes()


def _who(user: object) -> str:
    return user.get_full_name() if user is not None else ""  # type: ignore[attr-defined]


def request_document(nc: Nonconformity, *, today: datetime.date) -> bytes:
    """The request as the paper form, four parts each signed with names and dates."""
    doc = WordDocument()
    agency = nc.agency
    doc.header(issuer=agency.name, place=agency.unit.short_name, day=today)
    doc.title(_("Corrective action request"), f"{_('No.')} {nc.code}")
    doc.heading(_("1. Description of the nonconformity"))
    doc.paragraph(nc.get_source_display(), label=_("Found through"))
    doc.paragraph(nc.found_on, label=_("Found on"))
    doc.paragraph(nc.department.name if nc.department else "—", label=_("Department"))
    doc.paragraph(nc.clause or "—", label=_("ISO 9001 clause"))
    doc.paragraph(nc.get_severity_display(), label=_("Severity"))
    doc.paragraph(nc.description, label=_("Description"))
    if nc.evidence:
        doc.paragraph(nc.evidence, label=_("Evidence"))
    doc.signatures(
        [
            (_("Found by"), _who(nc.found_by), nc.found_on),
            (_("Head of the department"), _who(nc.confirmed_by), _date(nc.confirmed_at)),
        ]
    )
    doc.heading(_("2. Correction, root cause and corrective actions"))
    doc.paragraph(nc.correction or "—", label=_("Correction"))
    for number, why in enumerate(nc.whys, start=1):
        doc.paragraph(why, label=f"{_('Why?')} ({number})")
    doc.paragraph(nc.root_cause or "—", label=_("Root cause"))
    if nc.repeats_id:
        doc.paragraph(nc.repeats.code, label=_("Repeats the cause of"))  # type: ignore[union-attr]
    doc.table(
        [_("No."), _("Action to take"), _("Responsible"), _("Due by"), _("Done on"), _("Result")],
        [
            [a.order, a.description, _who(a.owner), a.due_on, a.done_on or "", a.result]
            for a in nc.actions.all()
        ],
    )
    doc.signatures([(_("Proposed by"), _who(nc.planned_by), _date(nc.planned_at))])
    doc.heading(_("3. Approval"))
    doc.paragraph(nc.check_on or "—", label=_("Check effectiveness on"))
    doc.signatures([(_("Approved by"), _who(nc.approved_by), _date(nc.approved_at))])
    doc.heading(_("4. Verification of effectiveness"))
    if nc.verified_at:
        conclusion = (
            _("Effective: closed") if nc.state == NcState.CLOSED else _("Not effective: reopened")
        )
        doc.paragraph(conclusion, label=_("Conclusion"))
        doc.paragraph(nc.verification_note, label=_("What the verification found"))
    if nc.reopened_count:
        doc.paragraph(nc.reopened_count, label=_("Times reopened"))
    doc.signatures([(_("Verified by"), _who(nc.verified_by), _date(nc.verified_at))])
    return doc.to_bytes()
