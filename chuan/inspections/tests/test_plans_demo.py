"""The demo loader of a plan: proposes, trims to the agencies named, one third on site,
budgets, approval — through the services, so the activity reads in words."""

import datetime
from typing import Any

import pytest

from chuan.core.models import ActivityEntry
from chuan.demo.dost_plans import BUDGET_ON_SITE, load_plan
from chuan.inspections.choices import InspectionState, PlanState
from chuan.inspections.models import Inspection
from chuan.inspections.selectors.plans import plan_counts
from chuan.inspections.tests import plans_support as support

pytestmark = pytest.mark.django_db


def test_load_plan(world: Any) -> None:
    support.arrangement(world)
    chosen = support.agencies(world, 7)  # the province holds 9; the plan 7
    plan = load_plan(
        province=world.gia_lai_2025,
        year=support.YEAR,
        agencies=chosen,
        decision_number="3120/QĐ-UBND",
        decision_date=datetime.date(2025, 12, 22),
        actor=world.coordinator,
    )
    assert plan.state == PlanState.APPROVED
    counts = plan_counts(plan)
    assert (counts.total, counts.on_site) == (7, 3)
    assert counts.budget == 3 * BUDGET_ON_SITE + 4 * 1_500_000
    assert set(plan.lines.values_list("agency_id", flat=True)) == {a.pk for a in chosen}
    assert Inspection.objects.filter(state=InspectionState.PLANNED).count() == 7
    assert ActivityEntry.objects.filter(verb="inspection_plan.approved").count() == 1
