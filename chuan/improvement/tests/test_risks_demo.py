"""The demo ward's register loads once, with its actions and re-assessments, and feeds the
card and the management review's input; the review input checked against a hand-built year."""

import datetime
import io

from django.core.exceptions import ValidationError

import pytest

from chuan.accounts.roles import Role
from chuan.demo.gialai import WARD_DESK, WARD_ECONOMY, WARD_OFFICE, WARD_SOCIETY
from chuan.demo.qms_risks import ITEMS, load_risks
from chuan.improvement.choices import RiskState
from chuan.improvement.models import Risk, RiskAssessment
from chuan.improvement.selectors.risks import card, review_input
from chuan.improvement.services.risks import (
    Assessment,
    risk_action_add,
    risk_action_done,
    risk_reassess,
    risk_transition,
)
from chuan.improvement.tests.test_risks_services import make_risk
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_the_ward_register_loads_once(world):
    for name in (WARD_OFFICE, WARD_ECONOMY, WARD_SOCIETY, WARD_DESK):
        Department.objects.create(agency=world.ward_pc, name=name)
    member(UserFactory(username="secretary", roles=[Role.ISO_SECRETARY]), world.ward_pc)
    out = io.StringIO()
    assert load_risks(stdout=out) == len(ITEMS) == 8
    assert "8 items" in out.getvalue()
    assert load_risks() == 0
    risks = Risk.objects.filter(agency=world.ward_pc)
    assert risks.count() == 8
    assert risks.filter(kind="opportunity").count() == 2
    assert RiskAssessment.objects.filter(risk__agency=world.ward_pc).count() == 8 + 4
    assert risks.filter(department__isnull=False).count() == 8
    assert set(risks.values_list("state", flat=True)) == {RiskState.OPEN, RiskState.TREATED}
    legal = risks.get(description__startswith="Văn bản quy phạm")
    assert (legal.score, legal.level, legal.state) == (8, "medium", RiskState.TREATED)
    assert legal.assessments.last().assessed_by.username == "secretary"
    summary = card(agency=world.ward_pc, today=datetime.date(2026, 12, 4))
    assert summary.live == 8 and summary.due == 2
    pack = review_input(
        agency=world.ward_pc, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    assert len(pack.rows) == 8 and pack.summary.startswith("6 rủi ro và 2 cơ hội;")


def test_the_review_input_of_a_hand_built_year(world):
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    # Assessed before the year (high), re-assessed in it (medium): improved.
    old = make_risk(world, likelihood=4, impact=4, on=datetime.date(2025, 11, 3))
    action = risk_action_add(
        risk=old, description="A", due_on=datetime.date(2026, 2, 1), actor=world.secretary
    )
    risk_action_done(action=action, done_on=datetime.date(2026, 1, 20), actor=world.secretary)
    risk_action_add(
        risk=old, description="B", due_on=datetime.date(2026, 3, 1), actor=world.secretary
    )
    risk_reassess(
        risk=old,
        assessment=Assessment(
            likelihood=2, impact=4, assessed_on=datetime.date(2026, 6, 1), note="Hiệu quả"
        ),
        actor=world.secretary,
    )
    # Identified in the year and not re-assessed: unchanged.
    make_risk(world, likelihood=1, impact=3, on=datetime.date(2026, 4, 1))
    # An opportunity whose score rose: improved.
    chance = make_risk(
        world,
        kind="opportunity",
        treatment="exploit",
        likelihood=2,
        impact=3,
        on=datetime.date(2026, 2, 1),
    )
    risk_reassess(
        risk=chance,
        assessment=Assessment(likelihood=4, impact=3, assessed_on=datetime.date(2026, 9, 1)),
        actor=world.secretary,
    )
    # A risk that worsened.
    worse = make_risk(world, likelihood=2, impact=2, on=datetime.date(2026, 3, 1))
    risk_reassess(
        risk=worse,
        assessment=Assessment(likelihood=3, impact=4, assessed_on=datetime.date(2026, 5, 1)),
        actor=world.secretary,
    )
    # Closed before the period: left out. Identified after it: left out.
    gone = make_risk(world, likelihood=1, impact=1, on=datetime.date(2025, 3, 1))
    risk_transition(risk=gone, action="close", note="Hết", actor=world.secretary)
    Risk.objects.filter(pk=gone.pk).update(
        closed_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    )
    pack = review_input(agency=world.chu_se_pc, start=start, end=end)
    rows = {row[0]: row for row in pack.rows}
    assert set(rows) == {old.code, "RR-2026-001", chance.code, worse.code}
    assert rows[old.code][3:7] == ["Cao", 16, "Trung bình", 8]
    assert rows[old.code][8] == "1/2" and rows[old.code][9] == "cải thiện"
    assert rows[old.code][10] == "Hiệu quả"
    assert rows["RR-2026-001"][9] == "không đổi"
    assert rows[chance.code][4:7] == [6, "Cao", 12] and rows[chance.code][9] == "cải thiện"
    assert rows[worse.code][9] == "xấu đi"
    assert pack.summary == (
        "3 rủi ro và 1 cơ hội; 2 được cải thiện và 1 xấu đi khi đánh giá lại; "
        "1/2 hành động đã hoàn thành."
    )
    assert len(pack.headers) == len(pack.rows[0]) == 11
    # A period before a later assessment reads the level then.
    early = review_input(agency=world.chu_se_pc, start=start, end=datetime.date(2026, 3, 31))
    early_rows = {row[0]: row for row in early.rows}
    assert early_rows[old.code][5:7] == ["Cao", 16]
    with pytest.raises(ValidationError):
        make_risk(world, likelihood=7)
