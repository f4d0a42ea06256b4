import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from chuan.core.models import ActivityEntry
from chuan.rollout.choices import EventKind as K
from chuan.rollout.models import QmsEvent, Target
from chuan.rollout.services import EventData, event_record, target_create

D = dt.date


def test_recording_an_announcement_leaves_an_activity_entry(world):
    event = event_record(
        agency=world.chu_se_pc,
        data=EventData(
            kind=K.ANNOUNCED,
            occurred_on=D(2017, 12, 15),
            decision_number="1520/QĐ-UBND",
            decision_date=D(2017, 12, 15),
            signer="Chủ tịch UBND huyện",
            iso_edition="2008",
        ),
        actor=world.leader,
    )
    assert event.recorded_by == world.leader
    entry = ActivityEntry.objects.get(verb="qms_event.recorded")
    assert entry.agency_id == world.chu_se_pc.pk
    assert entry.changes["decision_number"] == "1520/QĐ-UBND"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (EventData(kind=K.ANNOUNCED, occurred_on=D(2017, 12, 15)), "decision_number"),
        (EventData(kind=K.APPLYING_CONFIRMED, occurred_on=D(2017, 12, 15)), "kind"),
        (EventData(kind="won_a_prize", occurred_on=D(2017, 12, 15)), "kind"),
        (EventData(kind=K.BUILDING_STARTED, occurred_on=D(2025, 7, 2)), "occurred_on"),
        (
            EventData(kind=K.BUILDING_STARTED, occurred_on=D(2017, 1, 1), iso_edition="2000"),
            "iso_edition",
        ),
    ],
)
def test_refused_events_change_nothing(world, data, field):
    # Chư Sê district ceased on 30/6/2025, so its People's Committee did too.
    world.chu_se_pc.valid_to = D(2025, 6, 30)
    with pytest.raises(ValidationError) as exc:
        event_record(agency=world.chu_se_pc, data=data, actor=world.leader)
    assert field in exc.value.message_dict
    assert not QmsEvent.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_events_cannot_go_back_in_time(world):
    event_record(
        agency=world.dost,
        data=EventData(kind=K.BUILDING_STARTED, occurred_on=D(2017, 3, 1)),
        actor=world.admin,
    )
    with pytest.raises(ValidationError) as exc:
        event_record(
            agency=world.dost,
            data=EventData(kind=K.COMMITTEE_APPOINTED, occurred_on=D(2017, 2, 1)),
            actor=world.admin,
        )
    assert "occurred_on" in exc.value.message_dict


def test_targets_are_checked_and_recorded(world):
    target = target_create(
        decision_number="658/QĐ-UBND",
        decision_date=D(2017, 9, 1),
        province=world.gia_lai_legacy,
        level="commune",
        percent=Decimal("90"),
        deadline=D(2017, 12, 31),
        actor=world.admin,
    )
    assert ActivityEntry.objects.filter(verb="target.created", target_id=str(target.pk)).exists()
    with pytest.raises(ValidationError) as exc:
        target_create(
            decision_number="",
            decision_date=D(2017, 9, 1),
            province=world.chu_se,
            level="galaxy",
            percent=Decimal("120"),
            deadline=D(2017, 1, 1),
            actor=world.admin,
        )
    assert set(exc.value.message_dict) == {
        "decision_number",
        "province",
        "level",
        "percent",
        "deadline",
    }
    assert Target.objects.count() == 1


def test_an_agency_cannot_certify_itself_but_the_province_can(world):
    event_record(
        agency=world.chu_se_pc,
        data=EventData(
            kind=K.ANNOUNCED,
            occurred_on=D(2017, 12, 15),
            decision_number="1520/QĐ-UBND",
            decision_date=D(2017, 12, 15),
        ),
        actor=world.leader,
    )
    confirm = EventData(kind=K.APPLYING_CONFIRMED, occurred_on=D(2018, 5, 10))
    with pytest.raises(ValidationError) as exc:
        event_record(agency=world.chu_se_pc, data=confirm, actor=world.leader)
    assert "kind" in exc.value.message_dict
    event_record(agency=world.chu_se_pc, data=confirm, actor=world.coordinator)
    assert QmsEvent.objects.filter(kind=K.APPLYING_CONFIRMED).count() == 1


def test_events_cannot_be_dated_in_the_future(world):
    import datetime

    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        event_record(
            agency=world.dost,
            data=EventData(kind=K.BUILDING_STARTED, occurred_on=tomorrow),
            actor=world.admin,
        )
    assert "occurred_on" in exc.value.message_dict


def test_a_mistaken_event_is_withdrawn_and_stops_counting(world):
    from chuan.core.exceptions import ConflictError
    from chuan.rollout.selectors import rollout_snapshot
    from chuan.rollout.services import event_withdraw

    building = event_record(
        agency=world.chu_se_pc,
        data=EventData(kind=K.BUILDING_STARTED, occurred_on=D(2017, 3, 1)),
        actor=world.leader,
    )
    wrong = event_record(
        agency=world.chu_se_pc,
        data=EventData(
            kind=K.ANNOUNCED,
            occurred_on=D(2017, 12, 15),
            decision_number="1520/QĐ-UBND",
            decision_date=D(2017, 12, 15),
        ),
        actor=world.leader,
    )
    assert (
        rollout_snapshot(province=world.gia_lai_legacy).status(world.chu_se_pc.pk, D(2018, 1, 31))
        == "announced"
    )
    with pytest.raises(ConflictError):
        event_withdraw(event=building, reason="nhầm", actor=world.leader)
    with pytest.raises(ValidationError):
        event_withdraw(event=wrong, reason="  ", actor=world.leader)
    event_withdraw(event=wrong, reason="Nhập nhầm số quyết định", actor=world.leader)
    wrong.refresh_from_db()
    assert wrong.withdrawn_by == world.leader
    assert (
        rollout_snapshot(province=world.gia_lai_legacy).status(world.chu_se_pc.pk, D(2018, 1, 31))
        == "building"
    )
    entry = ActivityEntry.objects.get(verb="qms_event.withdrawn")
    assert entry.changes["reason"] == "Nhập nhầm số quyết định"
    # The right announcement can now be recorded.
    event_record(
        agency=world.chu_se_pc,
        data=EventData(
            kind=K.ANNOUNCED,
            occurred_on=D(2017, 12, 15),
            decision_number="1521/QĐ-UBND",
            decision_date=D(2017, 12, 15),
        ),
        actor=world.leader,
    )
