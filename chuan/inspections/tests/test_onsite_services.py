"""Services of on-site inspections: the decision and its refusals (which change nothing),
team-only editing, the minutes' signing that concludes the inspection, the activity they
record, and the reminder of an inspection scheduled soon."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import pytest

from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.models import ActivityEntry
from chuan.improvement.models import Nonconformity
from chuan.inspections.choices import (
    Conclusion,
    InspectionForm,
    InspectionState,
    ItemResult,
    RequestState,
)
from chuan.inspections.models import (
    DecisionInspection,
    DecisionMember,
    Inspection,
    InspectionDecision,
    TeamRole,
)
from chuan.inspections.qualification import Reason
from chuan.inspections.services import onsite_results as results
from chuan.inspections.services.onsite import TeamEntry
from chuan.inspections.services.onsite_reminders import scheduled_reminders
from chuan.inspections.tests.onsite_support import (
    VISIT_DAY,
    all_met,
    decide,
    inspection,
    inspector,
    inspector_user,
    qualified,
    team,
)

pytestmark = pytest.mark.django_db


def _nothing_changed(*inspections):
    assert not InspectionDecision.objects.exists()
    assert not DecisionMember.objects.exists()
    assert not DecisionInspection.objects.exists()
    for one in inspections:
        one.refresh_from_db()
        assert one.state == InspectionState.PLANNED
    assert not ActivityEntry.objects.filter(verb__startswith="inspection").exists()


def test_a_decision_schedules_each_inspection(world):
    first, second = inspection(world), inspection(world, world.ward_pc)
    _user, head, entries = team(world)
    decision = decide(world, [first, second], entries)
    assert decision.team.count() == 3
    assert decision.team.get(role=TeamRole.DEPUTY).unit == "Sở Khoa học và Công nghệ"
    assert decision.team.get(role=TeamRole.HEAD).unit == head.unit
    for one in (first, second):
        one.refresh_from_db()
        assert one.state == InspectionState.DECIDED
        assert one.visit.decision == decision
    verbs = list(ActivityEntry.objects.values_list("verb", flat=True))
    assert verbs.count("inspection.decided") == 2
    assert "inspection_decision.issued" in verbs
    issued = ActivityEntry.objects.get(verb="inspection_decision.issued")
    assert issued.actor_id == world.coordinator.pk


def test_an_unqualified_inspector_is_refused_by_name_and_reason(world):
    target = inspection(world)
    _user, _head, entries = team(world)
    weak = inspector(world, "Đỗ Văn Tâm", has_degree=False, auditor_number="")
    with pytest.raises(ValidationError) as refused:
        decide(world, [target], [*entries, TeamEntry(weak, TeamRole.MEMBER)])
    message = " ".join(refused.value.message_dict["team"])
    assert "Đỗ Văn Tâm" in message
    assert str(Reason.DEGREE.label) in message
    assert str(Reason.AUDITOR.label) in message
    _nothing_changed(target)


def test_qualification_must_hold_until_the_last_visit(world):
    target = inspection(world)
    _user, _head, entries = team(world)
    # Three years' experience reached only after the decision's day.
    late = inspector(world, "Vũ Thị Hoa", experience_since=dt.date(2023, 6, 10))
    with pytest.raises(ValidationError) as refused:
        decide(world, [target], [*entries, TeamEntry(late, TeamRole.MEMBER)])
    assert "Vũ Thị Hoa" in refused.value.message_dict["team"][0]
    _nothing_changed(target)


def test_a_person_cannot_be_twice_on_a_team(world):
    target = inspection(world)
    user, head, entries = team(world)
    with pytest.raises(ValidationError) as refused:
        decide(world, [target], [*entries, TeamEntry(head, TeamRole.MEMBER)])
    assert refused.value.message_dict["team"][0] == _("%(name)s is on the team twice.") % {
        "name": head.full_name
    }
    # The same account kept in the registry of the province before the 2025 merger.
    from chuan.inspections.models import Inspector

    again = Inspector.objects.create(
        province=world.gia_lai_legacy, full_name="N. V. Hùng", user=user, **qualified()
    )
    with pytest.raises(ValidationError) as refused:
        decide(world, [target], [*entries, TeamEntry(again, TeamRole.MEMBER)])
    assert refused.value.message_dict["team"] == [
        _("%(name)s is on the team twice.") % {"name": "N. V. Hùng"}
    ]
    _nothing_changed(target)


@pytest.mark.parametrize(
    "entries_change",
    ["no_head", "two_heads", "two_deputies"],
)
def test_the_team_has_one_head_and_at_most_one_deputy(world, entries_change):
    target = inspection(world)
    _user, _head, entries = team(world)
    extra = inspector(world, "Hồ Văn Nam")
    if entries_change == "no_head":
        entries = entries[1:]
    elif entries_change == "two_heads":
        entries.append(TeamEntry(extra, TeamRole.HEAD))
    else:
        entries.append(TeamEntry(extra, TeamRole.DEPUTY))
    with pytest.raises(ValidationError):
        decide(world, [target], entries)
    _nothing_changed(target)


def test_refused_inspections(world):
    records = inspection(world, form=InspectionForm.RECORDS)
    other_province = inspection(world, world.kon_tum_dept, province=world.kon_tum_legacy)
    concluded = inspection(world, world.ward_pc, state=InspectionState.CONCLUDED)
    _user, _head, entries = team(world)
    with pytest.raises(ValidationError) as refused:
        decide(world, [records, other_province, concluded], entries)
    messages = refused.value.message_dict["visits"]
    assert (
        _("%(agency)s is not planned for an on-site inspection.") % {"agency": records.agency.name}
        in messages
    )
    assert (
        _("%(agency)s is not inspected by this province.") % {"agency": other_province.agency.name}
        in messages
    )
    assert any(f"“{InspectionState.CONCLUDED.label}”" in m for m in messages)
    assert not InspectionDecision.objects.exists()


def test_visits_fall_within_the_plan_year_and_after_the_decision(world):
    target = inspection(world)
    _user, _head, entries = team(world)
    from chuan.inspections.services.onsite import Visit
    from chuan.inspections.tests.onsite_support import at

    with pytest.raises(ValidationError) as refused:
        decide(world, [target], entries, visits=[Visit(target, at(dt.date(2027, 1, 5)))])
    assert refused.value.message_dict["visits"][0] == _(
        "%(agency)s: the visit must fall within the plan year %(year)s."
    ) % {"agency": target.agency.name, "year": 2026}
    with pytest.raises(ValidationError) as refused:
        decide(world, [target], entries, visits=[Visit(target, at(dt.date(2026, 5, 5)))])
    assert refused.value.message_dict["visits"][0] == _(
        "%(agency)s: the visit cannot be before the decision."
    ) % {"agency": target.agency.name}
    _nothing_changed(target)


def test_an_inspection_is_covered_by_one_decision_only(world):
    target = inspection(world)
    _user, _head, entries = team(world)
    decide(world, [target], entries)
    with pytest.raises(ValidationError):
        decide(world, [target], entries, number="126/QĐ-TĐC")
    assert InspectionDecision.objects.count() == 1


def test_only_coordinators_of_the_province_issue_decisions(world):
    target = inspection(world)
    user, _head, _entries = team(world)
    from chuan.inspections.services.onsite import DecisionData, decision_issue

    for actor in (user, world.leader, world.outsider):
        with pytest.raises(ForbiddenError):
            decision_issue(
                province=world.gia_lai_2025,
                data=DecisionData(number="1", issued_on=dt.date(2026, 6, 1), issuer="x"),
                actor=actor,
            )
    _nothing_changed(target)


def _decided(world):
    target = inspection(world)
    user, _head, entries = team(world)
    decide(world, [target], entries)
    target.refresh_from_db()
    return target, user


def test_only_the_team_and_coordinators_record_results(world):
    target, head_user = _decided(world)
    stranger = inspector_user(world)  # an inspector of the province, not on this team
    inspector(world, "Người ngoài đoàn", user=stranger)
    for actor in (stranger, world.leader, world.secretary, world.outsider):
        with pytest.raises(ForbiddenError):
            results.result_record(inspection=target, code="1a", result=ItemResult.MET, actor=actor)
    assert not target.items.exists()
    results.result_record(inspection=target, code="1a", result=ItemResult.MET, actor=head_user)
    results.result_record(
        inspection=target,
        code="1b",
        result=ItemResult.NOT_MET,
        evidence_seen="Biên bản phổ biến",
        finding="Chưa phổ biến cho bộ phận một cửa",
        actor=world.coordinator,
    )
    answer = target.items.get(code="1b")
    assert answer.result_by == world.coordinator
    assert answer.site.evidence_seen == "Biên bản phổ biến"


def test_an_inspector_taken_out_of_the_registry_no_longer_edits(world):
    target, head_user = _decided(world)
    head_user.inspector_entries.update(is_active=False)
    with pytest.raises(ForbiddenError):
        results.result_record(inspection=target, code="1a", result="met", actor=head_user)


def test_results_are_refused_with_the_field_named(world):
    target, head_user = _decided(world)
    with pytest.raises(ValidationError) as refused:
        results.result_record(inspection=target, code="9z", result="great", actor=head_user)
    assert set(refused.value.message_dict) == {"code", "result"}
    with pytest.raises(ValidationError) as refused:
        results.result_record(inspection=target, code="1a", result="not_met", actor=head_user)
    assert "finding" in refused.value.message_dict


def _ready(world, not_met=()):
    target, head_user = _decided(world)
    all_met(target, head_user, not_met)
    results.minutes_save(
        inspection=target,
        data=results.MinutesData(
            place="Trụ sở UBND huyện Chư Sê",
            representatives=[{"name": "Rơ Mah Tuấn", "position": "Chủ tịch UBND"}],
            findings="Hệ thống được duy trì",
            conclusion=Conclusion.CORRECTIONS_NEEDED if not_met else Conclusion.CONFORMS,
        ),
        actor=head_user,
    )
    return target, head_user


def test_signing_concludes_and_issues_the_requests(world):
    target, head_user = _ready(world, not_met=("1b", "2d", "1g"))
    for code in ("1b", "2d", "1g"):
        results.request_draft(
            inspection=target, code=code, text=f"Khắc phục {code}", actor=head_user
        )
    minutes = target.minutes
    signed = results.minutes_sign(
        minutes=minutes,
        team_head_signed_on=VISIT_DAY,
        agency_signed_on=VISIT_DAY + dt.timedelta(days=2),
        actor=head_user,
    )
    target.refresh_from_db()
    assert target.state == InspectionState.CONCLUDED
    assert target.concluded_on == VISIT_DAY + dt.timedelta(days=2)
    assert target.conclusion == Conclusion.CORRECTIONS_NEEDED
    assert signed.agency_signed_on == VISIT_DAY + dt.timedelta(days=2)
    requests = list(target.requests.all())
    assert [r.state for r in requests] == [RequestState.OPEN] * 3
    assert requests[0].due_on == dt.date(2026, 8, 17)
    assert Nonconformity.objects.filter(agency=world.chu_se_pc).count() == 3
    verbs = set(ActivityEntry.objects.values_list("verb", flat=True))
    assert {"inspection_minutes.signed", "inspection.concluded"} <= verbs
    # Concluded: nothing more may be written.
    with pytest.raises(ConflictError):
        results.result_record(inspection=target, code="1a", result="met", actor=head_user)


@pytest.mark.parametrize(
    ("head", "agency", "field"),
    [
        (None, VISIT_DAY, "team_head_signed_on"),
        (VISIT_DAY, None, "agency_signed_on"),
        (VISIT_DAY - dt.timedelta(days=1), VISIT_DAY, "team_head_signed_on"),
        (VISIT_DAY, dt.date(2026, 12, 31), "agency_signed_on"),
    ],
)
def test_signing_dates_are_required_real_and_after_the_inspection(world, head, agency, field):
    target, head_user = _ready(world)
    with pytest.raises(ValidationError) as refused:
        results.minutes_sign(
            minutes=target.minutes,
            team_head_signed_on=head,
            agency_signed_on=agency,
            actor=head_user,
            today=dt.date(2026, 12, 5),
        )
    assert field in refused.value.message_dict
    target.refresh_from_db()
    assert target.state == InspectionState.DECIDED
    assert target.minutes.team_head_signed_on is None


def test_signing_needs_every_item_and_a_consistent_conclusion(world):
    target, head_user = _decided(world)
    results.result_record(
        inspection=target, code="1a", result="not_met", finding="x", actor=head_user
    )
    minutes = results.minutes_save(
        inspection=target,
        data=results.MinutesData(conclusion=Conclusion.CONFORMS),
        actor=head_user,
    )
    with pytest.raises(ValidationError) as refused:
        results.minutes_sign(
            minutes=minutes,
            team_head_signed_on=VISIT_DAY,
            agency_signed_on=VISIT_DAY,
            actor=head_user,
        )
    errors = refused.value.message_dict
    assert "1.b" in errors["__all__"][0]
    assert errors["conclusion"] == [
        _("An item is not met: the conclusion cannot be that the QMS conforms.")
    ]


def test_a_request_drafted_can_be_removed_before_signing(world):
    target, head_user = _decided(world)
    request = results.request_draft(inspection=target, code="1a", text="Bổ sung", actor=head_user)
    results.request_remove(request=request, actor=head_user)
    assert not target.requests.exists()
    with pytest.raises(ValidationError):
        results.request_draft(inspection=target, code="", text="  ", actor=head_user)


def test_the_team_and_the_agency_are_reminded_five_working_days_ahead(world):
    target, head_user = _decided(world)
    # 15/06/2026 is a Monday: reminded from Monday 08/06, not on Friday 05/06.
    reminders = list(scheduled_reminders(dt.date(2026, 6, 8)))
    people = {r.user_id for r in reminders}
    assert head_user.pk in people
    assert {world.leader.pk, world.secretary.pk} <= people
    assert world.viewer.pk not in people
    assert {r.kind for r in reminders} == {"inspection_scheduled"}
    assert reminders[0].url == f"/inspections/onsite/{target.pk}/"
    assert list(scheduled_reminders(dt.date(2026, 6, 5))) == []
    assert list(scheduled_reminders(dt.date(2026, 6, 16))) == []


def test_state_table_for_onsite_actions():
    from chuan.inspections import inspection_states as table

    for state in InspectionState.values:
        for form in InspectionForm.values:
            decide_ok = form == InspectionForm.ON_SITE and state in {
                "planned",
                "requested",
                "answered",
            }
            sign_ok = form == InspectionForm.ON_SITE and state in {"decided", "answered"}
            assert table.can("decide", state, form) is decide_ok
            assert table.can("sign_minutes", state, form) is sign_ok
    assert Inspection._meta.get_field("state").default == InspectionState.PLANNED


@pytest.mark.parametrize("state", InspectionState.values)
def test_every_state_for_deciding(world, state):
    target = inspection(world, state=state)
    _user, _head, entries = team(world)
    if state in {"planned", "requested", "answered"}:
        decide(world, [target], entries)
        target.refresh_from_db()
        assert target.state == InspectionState.DECIDED
    else:
        with pytest.raises(ValidationError):
            decide(world, [target], entries)
        target.refresh_from_db()
        assert target.state == state


@pytest.mark.parametrize("state", InspectionState.values)
def test_every_state_for_recording_and_signing(world, state):
    target, head_user = _ready(world)
    Inspection.objects.filter(pk=target.pk).update(state=state)
    target.refresh_from_db()
    open_states = {"decided", "answered"}
    if state in open_states:
        results.result_record(inspection=target, code="1a", result="met", actor=head_user)
        results.minutes_sign(
            minutes=target.minutes,
            team_head_signed_on=VISIT_DAY,
            agency_signed_on=VISIT_DAY,
            actor=head_user,
        )
        target.refresh_from_db()
        assert target.state == InspectionState.CONCLUDED
    else:
        with pytest.raises(ConflictError):
            results.result_record(inspection=target, code="1a", result="met", actor=head_user)
        with pytest.raises(ConflictError):
            results.minutes_sign(
                minutes=target.minutes,
                team_head_signed_on=VISIT_DAY,
                agency_signed_on=VISIT_DAY,
                actor=head_user,
            )
        target.refresh_from_db()
        assert target.state == state
