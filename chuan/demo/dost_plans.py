"""Demo: a province's yearly inspection plan approved by the People's Committee (TT 26/2014
Art. 34), built through the same services DOST uses on screen — proposed by Chuẩn, trimmed
to the agencies chosen, one third on site, budgets typed, submitted and approved."""

import datetime
from collections.abc import Sequence
from typing import Any

from chuan.inspections import plan_rules
from chuan.inspections.choices import InspectionForm
from chuan.inspections.models import InspectionPlan, PlanLine
from chuan.inspections.services.plans import (
    DecisionData,
    LineData,
    line_add,
    line_delete,
    line_update,
    plan_approve,
    plan_propose,
    plan_submit,
)
from chuan.organisations.models import AdministrativeUnit, Agency

# What an inspection costs in the demo (VND): travel and per diem of a team on site, postage
# and review of a records-based one — illustrative, within TT 116/2015's caps.
BUDGET_ON_SITE = 12_000_000
BUDGET_RECORDS = 1_500_000


def load_plan(
    *,
    province: AdministrativeUnit,
    year: int,
    agencies: Sequence[Agency],
    decision_number: str,
    decision_date: datetime.date,
    actor: Any,
    signer: str = "Phó Chủ tịch Ủy ban nhân dân tỉnh",
) -> InspectionPlan:
    """The plan of `province` for `year` holding exactly `agencies`, approved by decision
    `decision_number` of `decision_date`: Chuẩn's proposal is kept for those agencies, the
    on-site third re-chosen among them by the same rules, budgets filled in."""
    plan = plan_propose(province=province, year=year, actor=actor)
    wanted = {agency.pk: agency for agency in agencies}
    for line in PlanLine.objects.filter(plan=plan).exclude(agency_id__in=wanted):
        line_delete(line=line, actor=actor)
    present = set(PlanLine.objects.filter(plan=plan).values_list("agency_id", flat=True))
    for pk, agency in wanted.items():
        if pk not in present:
            line_add(
                plan=plan,
                agency=agency,
                data=LineData(form=InspectionForm.RECORDS),
                actor=actor,
            )
    lines = list(PlanLine.objects.filter(plan=plan).select_related("agency"))
    candidates = [
        plan_rules.Candidate(line.agency_id, line.agency.name, tuple(line.reasons))
        for line in lines
    ]
    on_site = plan_rules.choose_on_site(candidates)
    quarters = dict(zip(on_site, plan_rules.spread_quarters(len(on_site)), strict=True))
    for line in lines:
        form = InspectionForm.ON_SITE if line.agency_id in quarters else InspectionForm.RECORDS
        line_update(
            line=line,
            data=LineData(
                form=form,
                inspecting_unit=line.inspecting_unit,
                coordinating_unit=line.coordinating_unit,
                planned_quarter=quarters.get(line.agency_id, line.planned_quarter),
                budget=BUDGET_ON_SITE if form == InspectionForm.ON_SITE else BUDGET_RECORDS,
                note=line.note,
            ),
            actor=actor,
        )
    plan_submit(plan=plan, actor=actor)
    return plan_approve(
        plan=plan,
        data=DecisionData(number=decision_number, date=decision_date, signer=signer),
        actor=actor,
    )
