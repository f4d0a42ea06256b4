"""The demo's QMS roll-out: the article's Gia Lai on 31 January 2018 (53 of 53 departments and
districts, 11 communes, Pleiku first, decision 658/QĐ-UBND missed), Gia Lai since 2025, every
event recorded through the lifecycle rules, and a second run that adds nothing."""

import datetime
import re
from decimal import Decimal

from django.db import transaction

import pytest

from chuan.core.models import ActivityEntry
from chuan.demo import rollout
from chuan.demo.loader import load_demo
from chuan.organisations.choices import AgencyKind, UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.rollout import lifecycle
from chuan.rollout.choices import CoverageLevel, EventKind, QmsStatus
from chuan.rollout.coverage import Figure
from chuan.rollout.models import QmsEvent, Target
from chuan.rollout.selectors import rollout_snapshot
from chuan.rollout.services import EventData, event_record

D = datetime.date
ARTICLE_DAY = rollout.ARTICLE_DAY
TODAY_IN_THE_DEMO = D(2026, 11, 29)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module (Gia Lai's units only), rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo(whole_country=False, dossiers=0)
        yield summary
        transaction.set_rollback(True)


def _province(unit_set):
    return AdministrativeUnit.objects.get(
        unit_set=unit_set, level=UnitLevel.PROVINCE, short_name="Gia Lai"
    )


@pytest.fixture
def legacy(demo):
    return _province(UnitSet.LEGACY)


@pytest.fixture
def reform(demo):
    return _province(UnitSet.REFORM_2025)


def _the_53(legacy):
    return Agency.objects.filter(
        unit__province=legacy,
        kind__in=[AgencyKind.PROVINCIAL_DEPARTMENT, AgencyKind.DISTRICT_PEOPLES_COMMITTEE],
    )


def _events(agency):
    return list(QmsEvent.objects.filter(agency=agency).order_by("occurred_on", "id"))


@pytest.mark.django_db
def test_first_run_reports_the_events_and_targets_it_recorded(demo):
    assert demo["qms_events"] == QmsEvent.objects.count() > 500
    assert demo["qms_targets"] == Target.objects.count() == 3


@pytest.mark.django_db
def test_on_the_article_day_53_of_53_and_11_communes(legacy):
    snapshot = rollout_snapshot(province=legacy)
    communes = Agency.objects.filter(
        unit__province=legacy, kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    ).count()
    assert communes == 218
    assert snapshot.figure(CoverageLevel.DEPARTMENT_AND_DISTRICT, ARTICLE_DAY) == Figure(53, 53)
    assert snapshot.figure(CoverageLevel.PROVINCE, ARTICLE_DAY) == Figure(36, 36)
    assert snapshot.figure(CoverageLevel.DISTRICT, ARTICLE_DAY) == Figure(17, 17)
    assert snapshot.figure(CoverageLevel.COMMUNE, ARTICLE_DAY) == Figure(218, 11)
    # A day before the eleventh (Đak Đoa, 16/01/2018) there were ten.
    assert snapshot.figure(CoverageLevel.COMMUNE, D(2018, 1, 15)).announced == 10


@pytest.mark.django_db
def test_the_53_announced_between_2013_and_2017_and_apply_by_the_end_of_2017(legacy):
    agencies = list(_the_53(legacy))
    assert len(agencies) == 53
    numbered = re.compile(r"^\d{2,3}/QĐ-[A-ZĐ][A-Za-zĐđ]+$")
    consultants = 0
    for agency in agencies:
        events = _events(agency)
        history = [lifecycle.Event(e.kind, e.occurred_on) for e in events]
        assert lifecycle.status_on(history, D(2017, 12, 31)) == QmsStatus.APPLYING, agency
        kinds = [e.kind for e in events if e.occurred_on <= D(2017, 12, 31)]
        assert kinds == [
            EventKind.COMMITTEE_APPOINTED,
            EventKind.BUILDING_STARTED,
            EventKind.DOCUMENTS_ISSUED,
            EventKind.ANNOUNCED,
            EventKind.APPLYING_CONFIRMED,
        ], agency
        announced = next(e for e in events if e.kind == EventKind.ANNOUNCED)
        assert D(2013, 1, 1) <= announced.occurred_on <= D(2017, 12, 31)
        assert announced.decision_date == announced.occurred_on
        assert numbered.match(announced.decision_number), announced.decision_number
        assert announced.iso_edition == "2008"
        assert announced.scope
        assert announced.signer.startswith(
            ("Giám đốc ", "Chi cục trưởng ", "Trưởng Ban ", "Chánh ", "Chủ tịch UBND ")
        )
        if agency.kind == AgencyKind.DISTRICT_PEOPLES_COMMITTEE:
            assert re.match(r"^\d{3}/QĐ-UBND$", announced.decision_number)
            assert announced.signer == "Chủ tịch UBND " + agency.name.removeprefix(
                "Ủy ban nhân dân "
            )
        consultants += any(e.consultant for e in events)
        assert announced.occurred_on.weekday() < 5
    assert 0 < consultants < 53
    dost = next(a for a in agencies if a.short_name == "Sở KH&CN")
    dost_announced = next(e for e in _events(dost) if e.kind == EventKind.ANNOUNCED)
    assert dost_announced.signer == "Giám đốc Sở Khoa học và Công nghệ"
    assert dost_announced.decision_number.endswith("/QĐ-SKHCN")


@pytest.mark.django_db
def test_the_11_communes_start_in_pleiku_and_spread_over_the_districts(legacy):
    announcements = list(
        QmsEvent.objects.filter(
            agency__unit__province=legacy,
            agency__kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
            kind=EventKind.ANNOUNCED,
            occurred_on__lte=ARTICLE_DAY,
        )
        .select_related("agency__parent")
        .order_by("occurred_on")
    )
    assert len(announcements) == 11
    assert announcements[0].agency.parent.name == "Ủy ban nhân dân thành phố Pleiku"
    assert announcements[0].agency.name == "Ủy ban nhân dân phường Hội Thương"
    districts = [e.agency.parent.name for e in announcements]
    assert districts.count("Ủy ban nhân dân thành phố Pleiku") == 5
    assert len(set(districts)) == 5
    for event in announcements:
        assert re.match(r"^\d{2,3}/QĐ-UBND$", event.decision_number)
        assert event.signer.startswith("Chủ tịch UBND ")
        assert event.iso_edition == "2008"
    names = {(e.agency.parent.name, e.agency.name) for e in announcements}
    assert names == {(district, name) for district, name, _on in rollout.COMMUNES_ANNOUNCED}


@pytest.mark.django_db
def test_the_other_communes_are_building_since_2017_or_not_started(legacy):
    snapshot = rollout_snapshot(province=legacy)
    statuses: dict[str, int] = {}
    for agency in snapshot.in_scope(CoverageLevel.COMMUNE, ARTICLE_DAY):
        status = snapshot.status(agency.id, ARTICLE_DAY)
        statuses[status] = statuses.get(status, 0) + 1
        if status == QmsStatus.BUILDING:
            started = lifecycle.first_on(snapshot.events[agency.id], lifecycle.BUILDING_KINDS)
            assert started is not None
            assert started.year == 2017
    assert statuses[QmsStatus.ANNOUNCED] + statuses.get(QmsStatus.APPLYING, 0) == 11
    assert statuses[QmsStatus.BUILDING] > 30
    assert statuses[QmsStatus.NOT_STARTED] > 100
    assert sum(statuses.values()) == 218
    lagging = snapshot.lagging(CoverageLevel.COMMUNE, ARTICLE_DAY)
    assert len(lagging) == 207
    assert lagging[0].status == QmsStatus.BUILDING
    assert lagging[-1].status == QmsStatus.NOT_STARTED


@pytest.mark.django_db
def test_decision_658_sets_two_targets_and_both_are_missed(legacy):
    targets = list(Target.objects.filter(province=legacy).order_by("deadline"))
    assert [(t.decision_number, t.level, t.percent, t.deadline) for t in targets] == [
        ("658/QĐ-UBND", CoverageLevel.COMMUNE, Decimal(90), D(2017, 12, 31)),
        ("658/QĐ-UBND", CoverageLevel.COMMUNE, Decimal(100), D(2018, 6, 30)),
    ]
    assert {t.decision_date for t in targets} == {D(2017, 4, 24)}
    assert all("Chủ tịch UBND tỉnh" in t.note for t in targets)
    snapshot = rollout_snapshot(province=legacy)
    end_2017, end_q2_2018 = targets
    met = snapshot.target_met
    assert met(end_2017.level, end_2017.percent, end_2017.deadline, ARTICLE_DAY) is False
    assert met(end_q2_2018.level, end_q2_2018.percent, end_q2_2018.deadline, ARTICLE_DAY) is None
    # The rest of Pleiku announced in spring 2018: 27 of 218, still far from 100%.
    assert snapshot.figure(CoverageLevel.COMMUNE, D(2018, 6, 30)) == Figure(218, 27)
    assert met(end_q2_2018.level, end_q2_2018.percent, end_q2_2018.deadline, D(2018, 7, 1)) is (
        False
    )


@pytest.mark.django_db
def test_the_53_moved_to_iso_9001_2015_by_mid_2021(legacy):
    for agency in _the_53(legacy):
        reannounced = [e for e in _events(agency) if e.kind == EventKind.REANNOUNCED]
        assert len(reannounced) == 1
        assert reannounced[0].iso_edition == "2015"
        assert D(2019, 1, 1) <= reannounced[0].occurred_on <= D(2021, 6, 30)


@pytest.mark.django_db
def test_gia_lai_since_2025_starts_again_under_iso_9001_2015(reform):
    events = list(QmsEvent.objects.filter(agency__unit__province=reform))
    assert events
    assert all(D(2025, 7, 1) <= e.occurred_on <= TODAY_IN_THE_DEMO for e in events)
    assert all(e.iso_edition == "2015" for e in events if e.kind == EventKind.ANNOUNCED)
    dost = Agency.objects.get(unit=reform, short_name="Sở KH&CN")
    announced = [e for e in _events(dost) if e.kind == EventKind.ANNOUNCED]
    assert len(announced) == 1
    assert announced[0].occurred_on.year == 2025
    assert announced[0].decision_number.endswith("/QĐ-SKHCN")
    ward = Agency.objects.get(unit__province=reform, name="Ủy ban nhân dân phường Pleiku")
    ward_events = _events(ward)
    assert ward_events
    assert ward_events[-1].signer == "" or ward_events[-1].signer.startswith("Chủ tịch UBND")
    snapshot = rollout_snapshot(province=reform)
    communes = snapshot.figure(CoverageLevel.COMMUNE, TODAY_IN_THE_DEMO)
    assert communes.in_scope == 135
    assert 0 < communes.announced < 20
    assert snapshot.figure(CoverageLevel.COMMUNE, D(2025, 6, 30)).in_scope == 0
    (plan,) = Target.objects.filter(province=reform)
    assert plan.decision_number.endswith("/KH-UBND")
    assert (plan.level, plan.percent, plan.deadline) == (
        CoverageLevel.COMMUNE,
        Decimal(100),
        D(2026, 12, 31),
    )
    assert snapshot.target_met(plan.level, plan.percent, plan.deadline, TODAY_IN_THE_DEMO) is None


@pytest.mark.django_db
def test_every_event_passes_the_lifecycle_rules_and_left_its_activity_entry(demo):
    histories: dict[int, list[lifecycle.Event]] = {}
    events = list(QmsEvent.objects.order_by("id"))
    for event in events:
        new = lifecycle.Event(
            event.kind, event.occurred_on, event.decision_number, event.decision_date
        )
        history = histories.setdefault(event.agency_id, [])
        assert lifecycle.check_next(history, new) == {}, (event.agency_id, event.kind)
        history.append(new)
        assert event.recorded_by is None
    recorded = ActivityEntry.objects.filter(verb="qms_event.recorded")
    assert recorded.count() == len(events)
    assert set(recorded.values_list("target_id", flat=True)) == {str(e.pk) for e in events}
    assert ActivityEntry.objects.filter(verb="target.created").count() == Target.objects.count()
    assert not recorded.exclude(actor=None).exists()


@pytest.mark.django_db
def test_the_plan_is_what_the_database_holds(demo):
    """Deterministic: planning again gives exactly the recorded events."""
    world = rollout._Gialai.sort(rollout._gia_lai_agencies())
    planned = {
        (agency.pk, step.kind, step.on, step.number)
        for agency, steps in rollout.plan(world)
        for step in steps
    }
    recorded = set(
        QmsEvent.objects.values_list("agency_id", "kind", "occurred_on", "decision_number")
    )
    assert planned == recorded


@pytest.mark.django_db
def test_a_second_run_adds_nothing(demo, django_assert_max_num_queries):
    before = (QmsEvent.objects.count(), Target.objects.count(), ActivityEntry.objects.count())
    with django_assert_max_num_queries(29):
        summary = load_demo(whole_country=False, dossiers=0)
    assert (summary["qms_events"], summary["qms_targets"]) == (0, 0)
    agencies = rollout._gia_lai_agencies()
    with django_assert_max_num_queries(2):
        counts = rollout.load_rollout(agencies=agencies)
    assert (counts.events, counts.targets) == (0, 0)
    after = (QmsEvent.objects.count(), Target.objects.count(), ActivityEntry.objects.count())
    assert after == before


@pytest.mark.django_db
def test_the_loader_resumes_a_history_but_leaves_one_written_by_hand(demo, reform):
    ward = Agency.objects.get(unit__province=reform, name=rollout.WARD_PLEIKU)
    dost = Agency.objects.get(unit=reform, short_name="Sở KH&CN")
    with transaction.atomic():
        last = _events(ward)[-1]
        QmsEvent.objects.filter(pk=last.pk).delete()
        # Someone records DOST's inspection by hand, on another day than the demo's.
        QmsEvent.objects.filter(agency=dost, kind=EventKind.APPLYING_CONFIRMED).delete()
        event_record(
            agency=dost,
            data=EventData(kind=EventKind.APPLYING_CONFIRMED, occurred_on=D(2026, 11, 2)),
            actor=None,
        )
        counts = rollout.load_rollout()
        assert counts.events == 1
        assert _events(ward)[-1].kind == last.kind
        assert [e.occurred_on for e in _events(dost)][-1] == D(2026, 11, 2)
        transaction.set_rollback(True)


def test_dates_fall_on_working_days():
    assert rollout.working_day(D(2017, 1, 28)) == D(2017, 2, 6)  # Tết Đinh Dậu
    assert rollout.working_day(D(2018, 4, 28)) == D(2018, 5, 2)  # weekend, 30/4, 1/5
    days = rollout.spread(D(2013, 3, 18), D(2016, 9, 26), 36)
    assert days == sorted(days)
    assert len(set(days)) == 36
    assert all(day.weekday() < 5 for day in days)


def test_head_titles_and_decision_suffixes():
    assert rollout.head_title("Sở Y tế") == "Giám đốc Sở Y tế"
    assert rollout.head_title("Chi cục Kiểm lâm") == "Chi cục trưởng Chi cục Kiểm lâm"
    assert rollout.head_title("Ban Dân tộc") == "Trưởng Ban Dân tộc"
    assert rollout.head_title("Thanh tra tỉnh") == "Chánh Thanh tra tỉnh"
    assert rollout.head_title("Ủy ban nhân dân thị xã An Khê") == "Chủ tịch UBND thị xã An Khê"
    make = lambda short, kind=AgencyKind.PROVINCIAL_DEPARTMENT: Agency(  # noqa: E731
        name="x", short_name=short, kind=kind
    )
    assert rollout.decision_suffix(make("Sở KH&CN")) == "SKHCN"
    assert rollout.decision_suffix(make("Sở LĐ-TB&XH")) == "SLĐTBXH"
    assert rollout.decision_suffix(make("VP UBND tỉnh")) == "VPUBND"
    assert rollout.decision_suffix(make("Ban TĐ-KT")) == "BTĐKT"
    assert rollout.decision_suffix(make("", AgencyKind.COMMUNE_PEOPLES_COMMITTEE)) == "UBND"
