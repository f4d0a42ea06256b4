"""Writes on the register of risks and opportunities: who may, what is refused (and then
changes nothing), numbering, re-assessment history, actions and the state table through the
services."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.improvement.choices import RiskLevel, RiskState
from chuan.improvement.models import Risk, RiskAssessment
from chuan.improvement.services.risks import (
    Assessment,
    RiskData,
    risk_action_add,
    risk_action_done,
    risk_create,
    risk_reassess,
    risk_transition,
    risk_update,
)
from chuan.organisations.models import Department

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def data(**overrides):
    values = {
        "kind": "risk",
        "description": "Văn bản pháp luật mới không được cập nhật vào quy trình trong 3 tháng",
        "treatment": "reduce",
        "context": "Thay đổi pháp luật",
        "cause": "Không có người theo dõi văn bản mới",
        "consequence": "Giải quyết hồ sơ theo quy định đã hết hiệu lực",
    }
    values.update(overrides)
    return RiskData(**values)


def make_risk(world, *, likelihood=4, impact=4, on=DAY, actor=None, agency=None, **overrides):
    return risk_create(
        agency=agency or world.chu_se_pc,
        data=data(**overrides),
        assessment=Assessment(likelihood=likelihood, impact=impact, assessed_on=on),
        actor=actor or world.secretary,
    )


def test_an_item_enters_with_its_first_assessment(world):
    risk = make_risk(world)
    chance = make_risk(
        world,
        kind="opportunity",
        treatment="exploit",
        likelihood=3,
        impact=5,
        actor=world.leader,
        description="Thanh toán trực tuyến phí, lệ phí",
    )
    assert (risk.code, chance.code) == ("RR-2026-001", "CH-2026-002")
    assert (risk.score, risk.level, risk.state) == (16, RiskLevel.HIGH, RiskState.OPEN)
    assert chance.level == RiskLevel.HIGH
    assert risk.next_review_on == datetime.date(2027, 3, 2)  # reviewed at least yearly
    [first] = risk.assessments.all()
    assert (first.likelihood, first.impact, first.score, first.assessed_by) == (
        4,
        4,
        16,
        world.secretary,
    )
    entry = ActivityEntry.objects.filter(verb="risk.created").first()
    assert entry.agency_id == world.chu_se_pc.pk and entry.changes["level"] == "high"


def test_refused_input_names_the_fields_and_changes_nothing(world):
    other = Department.objects.create(agency=world.kon_tum_dept, name="Văn phòng")
    cases = [
        ({"description": "  "}, {}, {"description"}),
        ({"kind": "threat"}, {}, {"kind"}),
        ({"treatment": "exploit"}, {}, {"treatment"}),
        ({"kind": "opportunity", "treatment": "avoid"}, {}, {"treatment"}),
        ({"treatment": "accept"}, {"likelihood": 5, "impact": 5}, {"treatment"}),
        ({"department": other}, {}, {"department"}),
        ({"owner": world.outsider}, {}, {"owner"}),
        ({"due_on": datetime.date(2090, 1, 1)}, {}, {"due_on"}),
        ({"context": "x" * 301, "cause": "y" * 5000}, {}, {"context", "cause"}),
        ({}, {"likelihood": 0, "impact": 6}, {"likelihood", "impact"}),
        ({}, {"likelihood": 10**20}, {"likelihood"}),
        ({}, {"on": timezone.localdate() + datetime.timedelta(days=1)}, {"assessed_on"}),
        ({"next_review_on": DAY}, {}, {"next_review_on"}),
    ]
    for overrides, scores, fields in cases:
        with pytest.raises(ValidationError) as error:
            make_risk(world, **scores, **overrides)
        assert set(error.value.message_dict) == fields, overrides
    with pytest.raises(PermissionDenied):
        make_risk(world, actor=world.viewer)
    with pytest.raises(PermissionDenied):
        make_risk(world, actor=world.outsider)
    with pytest.raises(PermissionDenied):
        make_risk(world, actor=world.coordinator)
    assert not Risk.objects.exists() and not ActivityEntry.objects.exists()


def test_editing_keeps_the_assessment_and_records_what_changed(world):
    risk = make_risk(world)
    desk = Department.objects.create(agency=world.chu_se_pc, name="Bộ phận một cửa")
    risk_update(
        risk=risk,
        data=data(department=desk, owner=world.leader, treatment="avoid"),
        actor=world.leader,
    )
    risk.refresh_from_db()
    assert (risk.department, risk.owner, risk.treatment, risk.score) == (
        desk,
        world.leader,
        "avoid",
        16,
    )
    entry = ActivityEntry.objects.get(verb="risk.updated")
    assert entry.changes["treatment"] == ["reduce", "avoid"]
    with pytest.raises(ValidationError) as error:
        risk_update(risk=risk, data=data(kind="opportunity"), actor=world.leader)
    assert set(error.value.message_dict) == {"kind"}
    with pytest.raises(PermissionDenied):
        risk_update(risk=risk, data=data(), actor=world.viewer)


def test_reassessment_keeps_the_history(world):
    risk = make_risk(world)
    later = DAY + datetime.timedelta(days=90)
    risk_reassess(
        risk=risk,
        assessment=Assessment(likelihood=2, impact=4, assessed_on=later, note="Đã giao người"),
        actor=world.leader,
    )
    risk.refresh_from_db()
    assert (risk.score, risk.level, risk.assessed_on) == (8, RiskLevel.MEDIUM, later)
    assert risk.next_review_on == datetime.date(2027, 5, 31)
    history = list(risk.assessments.values_list("score", "level", "note", "assessed_by"))
    assert history == [
        (8, "medium", "Đã giao người", world.leader.pk),
        (16, "high", "", world.secretary.pk),
    ]
    entry = ActivityEntry.objects.get(verb="risk.reassessed")
    assert entry.changes["level"] == ["high", "medium"]
    for assessment, fields in [
        (Assessment(likelihood=6, impact=0, assessed_on=later), {"likelihood", "impact"}),
        (Assessment(likelihood=2, impact=2, assessed_on=DAY), {"assessed_on"}),
    ]:
        with pytest.raises(ValidationError) as error:
            risk_reassess(risk=risk, assessment=assessment, actor=world.leader)
        assert set(error.value.message_dict) == fields
    with pytest.raises(ValidationError) as error:
        risk_reassess(
            risk=risk,
            assessment=Assessment(likelihood=2, impact=2, assessed_on=later),
            next_review_on=later,
            actor=world.leader,
        )
    assert set(error.value.message_dict) == {"next_review_on"}
    assert RiskAssessment.objects.filter(risk=risk).count() == 2


def test_actions_and_the_state_table(world):
    risk = make_risk(world)
    with pytest.raises(ConflictError):
        risk_transition(risk=risk, action="treat", actor=world.secretary)
    with pytest.raises(ValidationError):
        risk_action_add(risk=risk, description=" ", due_on=DAY, actor=world.secretary)
    with pytest.raises(ValidationError):
        risk_action_add(
            risk=risk, description="Giao", due_on=DAY, owner=world.outsider, actor=world.secretary
        )
    action = risk_action_add(
        risk=risk,
        description="Giao công chức tư pháp theo dõi văn bản mới hằng tuần",
        owner=world.secretary,
        due_on=datetime.date(2026, 4, 30),
        actor=world.secretary,
    )
    risk_action_done(action=action, done_on=datetime.date(2026, 4, 20), actor=world.secretary)
    with pytest.raises(ConflictError):
        risk_action_done(action=action, done_on=datetime.date(2026, 4, 20), actor=world.secretary)
    risk_transition(risk=risk, action="treat", actor=world.secretary)
    assert risk.state == RiskState.TREATED
    with pytest.raises(ConflictError):
        risk_transition(risk=risk, action="treat", actor=world.secretary)
    with pytest.raises(ValidationError):
        risk_transition(risk=risk, action="close", actor=world.secretary)
    with pytest.raises(PermissionDenied):
        risk_transition(risk=risk, action="close", note="Hết", actor=world.viewer)
    risk_transition(risk=risk, action="close", note="Đã hết nguy cơ", actor=world.leader)
    risk.refresh_from_db()
    assert risk.state == RiskState.CLOSED and risk.closing_note == "Đã hết nguy cơ"
    with pytest.raises(ConflictError):
        risk_reassess(
            risk=risk,
            assessment=Assessment(likelihood=1, impact=1, assessed_on=timezone.localdate()),
            actor=world.leader,
        )
    with pytest.raises(ConflictError):
        risk_update(risk=risk, data=data(), actor=world.leader)
    with pytest.raises(ConflictError):
        risk_action_add(risk=risk, description="Thêm", due_on=DAY, actor=world.leader)
    risk_transition(risk=risk, action="reopen", actor=world.leader)
    risk.refresh_from_db()
    assert risk.state == RiskState.OPEN and risk.closed_at is None
    assert list(
        ActivityEntry.objects.filter(target_id=str(risk.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    ) == [
        "risk.created",
        "risk.action_added",
        "risk.action_done",
        "risk.treated",
        "risk.closed",
        "risk.reopened",
    ]


def test_accepting_needs_no_action(world):
    risk = make_risk(world, treatment="accept", likelihood=1, impact=2)
    risk_transition(risk=risk, action="treat", actor=world.secretary)
    assert risk.state == RiskState.TREATED
