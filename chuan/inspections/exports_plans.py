"""The yearly inspection plan as a spreadsheet: Mẫu 19's table (TT 26/2014 Art. 34) —
agency, inspecting and coordinating units, planned time, form, budget — with the reasons
Chuẩn proposed on-site lines for, through the project's one XLSX writer."""

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from chuan.core.exports import Column, Row, XlsxBook, xlsx_response
from chuan.inspections import plan_rules
from chuan.inspections.choices import InspectionForm, PlanState
from chuan.inspections.models import InspectionPlan

MONEY = "#,##0"


def planned_time(line: Any) -> str:
    if line.planned_month:
        return _("Month %(m)s") % {"m": line.planned_month}
    if line.planned_quarter:
        return _("Quarter %(q)s") % {"q": line.planned_quarter}
    return ""


def plan_book(plan: InspectionPlan, lines: Any) -> XlsxBook:
    title = _("Inspection plan %(year)s — %(province)s") % {
        "year": plan.year,
        "province": plan.province.name,
    }
    book = XlsxBook(title=title)
    columns = [
        Column(_("No."), 6),
        Column(_("Agency"), 40, wrap=True),
        Column(_("Inspecting unit"), 30, wrap=True),
        Column(_("Coordinating unit"), 24, wrap=True),
        Column(_("Planned time"), 12),
        Column(_("Form of inspection"), 24),
        Column(_("Budget (VND)"), 16, MONEY),
        Column(_("Reasons proposed"), 50, wrap=True),
        Column(_("Note"), 30, wrap=True),
    ]
    rows, total, on_site, budget = [], 0, 0, 0
    for line in lines:
        if line.removed_on is not None:
            continue
        total += 1
        on_site += line.form == InspectionForm.ON_SITE
        budget += line.budget
        rows.append(
            [
                total,
                line.agency.name,
                line.inspecting_unit,
                line.coordinating_unit,
                planned_time(line),
                InspectionForm(line.form).label,
                line.budget,
                "; ".join(plan_rules.reason_labels(line.reasons)),
                line.note,
            ]
        )
    state = str(PlanState(plan.state).label)
    before: list[Any] = [Row([title], bold=True), [_("State"), state]]
    if plan.decision_number:
        before.append([_("Decision"), plan.decision_number, plan.decision_date])
    after: list[Any] = [
        Row(["", _("Total"), "", "", "", "", budget], bold=True),
        ["", _("Agencies"), total],
        ["", _("On site"), on_site],
    ]
    book.sheet(_("Plan"), columns, rows, before=before, after=after)
    return book


def plan_xlsx(plan: InspectionPlan, lines: Any) -> HttpResponse:
    book = plan_book(plan, lines)
    return xlsx_response(book.to_bytes(), f"ke-hoach-kiem-tra-{plan.year}.xlsx")
