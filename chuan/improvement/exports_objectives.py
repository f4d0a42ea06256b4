"""The year's quality objectives as a spreadsheet: the objectives with their target and the
value reached, their plans, and the values recorded by hand (ISO 9001:2015, 6.2.2 asks the
plan be kept as documented information)."""

from django.utils.translation import gettext as _

from chuan.core.exports import PERCENT_FORMAT, Column, XlsxBook
from chuan.improvement.choices import ObjectiveStatus
from chuan.improvement.models import ObjectiveMeasurement, ObjectivePlanLine
from chuan.improvement.selectors.objectives import objectives_of, progress_for, target_text
from chuan.organisations.models import Agency


def objectives_xlsx(*, agency: Agency, year: int) -> bytes:
    """The workbook of `agency`'s objectives of `year`."""
    objectives = list(objectives_of(agency_id=agency.pk, year=year).select_related("approved_by"))
    progress = progress_for(objectives)
    title = _("Quality objectives %(year)s") % {"year": year}
    book = XlsxBook(title=f"{title} — {agency.name}")
    book.sheet(
        title,
        [
            Column(_("No."), 6),
            Column(_("Objective"), 40, wrap=True),
            Column(_("Department"), 24),
            Column(_("Indicator"), 36, wrap=True),
            Column(_("Target"), 12),
            Column(_("Measured"), 30),
            Column(_("State"), 14),
            Column(_("Value reached"), 12, PERCENT_FORMAT),
            Column(_("Where it stands"), 14),
            Column(_("Approved by"), 22),
            Column(_("Approved at"), 16),
            Column(_("Reason"), 40, wrap=True),
        ],
        (
            [
                o.number,
                o.name,
                o.department.name if o.department else "",
                o.indicator,
                target_text(o),
                o.get_measure_display(),
                o.get_state_display(),
                progress[o.pk].value,
                ObjectiveStatus(progress[o.pk].status).label,
                o.approved_by.full_name if o.approved_by else "",
                o.approved_at,
                o.evaluation,
            ]
            for o in objectives
        ),
        before=[[f"{title} — {agency.name}"]],
    )
    numbers = {o.pk: o.number for o in objectives}
    lines = ObjectivePlanLine.objects.filter(objective__in=objectives).order_by(
        "objective__number", "order"
    )
    book.sheet(
        _("Plan"),
        [
            Column(_("Objective no."), 10),
            Column(_("No."), 6),
            Column(_("What is done"), 50, wrap=True),
            Column(_("Responsible"), 24),
            Column(_("Resources"), 30, wrap=True),
            Column(_("Deadline"), 12),
        ],
        (
            [
                numbers[line.objective_id],
                line.order,
                line.action,
                line.owner,
                line.resources,
                line.deadline,
            ]
            for line in lines
        ),
    )
    values = (
        ObjectiveMeasurement.objects.filter(objective__in=objectives)
        .select_related("recorded_by")
        .order_by("objective__number", "period")
    )
    book.sheet(
        _("Measurements"),
        [
            Column(_("Objective no."), 10),
            Column(_("Period"), 12),
            Column(_("Value"), 10),
            Column(_("Note"), 36, wrap=True),
            Column(_("Recorded by"), 22),
            Column(_("Recorded at"), 16),
        ],
        (
            [
                numbers[m.objective_id],
                m.period,
                m.value,
                m.note,
                m.recorded_by.full_name,
                m.recorded_at,
            ]
            for m in values
        ),
    )
    return book.to_bytes()
