import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.core.models import ActivityEntry
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.services.nonconformities import NonconformityData, nonconformity_raise

pytestmark = pytest.mark.django_db


def _data(**overrides):
    values = {
        "source": NcSource.STAFF,
        "severity": Severity.MINOR,
        "description": "Sổ theo dõi hồ sơ không ghi ngày trả kết quả",
        "found_on": datetime.date(2026, 3, 9),
        "clause": "8.5.1",
    }
    values.update(overrides)
    return NonconformityData(**values)


def test_numbers_run_per_agency_and_year(world):
    first = nonconformity_raise(agency=world.chu_se_pc, data=_data(), actor=world.secretary)
    second = nonconformity_raise(agency=world.chu_se_pc, data=_data(), actor=world.leader)
    next_year = nonconformity_raise(
        agency=world.chu_se_pc,
        data=_data(found_on=datetime.date(2027, 1, 4)),
        actor=world.secretary,
    )
    assert [first.code, second.code, next_year.code] == [
        "KPH-2026-001",
        "KPH-2026-002",
        "KPH-2027-001",
    ]
    assert first.state == NcState.DESCRIBED and first.found_by == world.secretary
    entry = ActivityEntry.objects.filter(verb="nonconformity.raised").first()
    assert entry.actor == world.secretary and entry.agency_id == world.chu_se_pc.pk


def test_refused_input_changes_nothing(world):
    with pytest.raises(ValidationError) as error:
        nonconformity_raise(
            agency=world.chu_se_pc,
            data=_data(description="  ", severity="huge"),
            actor=world.secretary,
        )
    assert set(error.value.message_dict) == {"description", "severity"}
    with pytest.raises(PermissionDenied):
        nonconformity_raise(agency=world.chu_se_pc, data=_data(), actor=world.outsider)
    with pytest.raises(PermissionDenied):
        nonconformity_raise(agency=world.chu_se_pc, data=_data(), actor=world.viewer)
    assert not ActivityEntry.objects.filter(verb="nonconformity.raised").exists()
