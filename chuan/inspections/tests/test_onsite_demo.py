"""The demo's on-site loader drives decision → results → minutes → signing, twice safely."""

import datetime as dt

import pytest

from chuan.demo.dost_onsite import NOT_MET_EXAMPLE, load_inspectors, load_onsite
from chuan.inspections.choices import Conclusion, InspectionState, RequestState
from chuan.inspections.qualification import Reason, missing_qualifications
from chuan.inspections.tests.onsite_support import inspection, inspector_user

pytestmark = pytest.mark.django_db


def test_the_demo_concludes_one_conforming_and_one_with_three_requests(world):
    users = [inspector_user(world), inspector_user(world)]
    registry = load_inspectors(province=world.gia_lai_2025, users=users)
    assert [p.user for p in registry[:2]] == users
    day = dt.date(2026, 6, 1)
    assert missing_qualifications(registry[-1], day) == [Reason.AUDITOR, Reason.EXPERIENCE]
    assert load_inspectors(province=world.gia_lai_2025, users=users) == registry
    good, weak = inspection(world), inspection(world, world.ward_pc)
    decision = load_onsite(
        inspections=[good, weak],
        decision_number="45/QĐ-TĐC",
        decision_date=day,
        team=registry[:4],
        results={weak.pk: NOT_MET_EXAMPLE},
        actor=world.coordinator,
    )
    assert decision is not None and decision.team.count() == 4
    good.refresh_from_db()
    weak.refresh_from_db()
    assert (good.state, good.conclusion) == (InspectionState.CONCLUDED, Conclusion.CONFORMS)
    assert weak.conclusion == Conclusion.CORRECTIONS_NEEDED
    assert [r.state for r in weak.requests.all()] == [RequestState.OPEN] * 3
    assert weak.items.filter(result="not_met").count() == 3
    again = load_onsite(
        inspections=[good, weak],
        decision_number="45/QĐ-TĐC",
        decision_date=day,
        team=registry[:4],
        results={},
        actor=world.coordinator,
    )
    assert again is None
