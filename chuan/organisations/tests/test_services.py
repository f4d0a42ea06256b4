import datetime

from django.core.exceptions import ValidationError

import pytest

from chuan.core.models import ActivityEntry
from chuan.organisations.models import Agency
from chuan.organisations.services import (
    AgencyData,
    agency_create,
    agency_update,
    department_create,
)
from chuan.organisations.validators import validate_agency_code


@pytest.mark.parametrize("code", ["000.00.31.H21", "000.00.06.H56", "123.45.67.G01"])
def test_valid_electronic_agency_codes(code):
    validate_agency_code(code)


@pytest.mark.parametrize(
    "code", ["000.00.31.h21x", "00.00.31.H21", "000-00-31-H21", "000.00.31.21", "", "H21"]
)
def test_malformed_electronic_agency_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_agency_code(code)


def test_create_agency_records_activity_and_ends_with_its_legacy_unit(world):
    agency = agency_create(
        data=AgencyData(
            name="Ủy ban nhân dân thị trấn Chư Sê",
            kind="commune_peoples_committee",
            unit=world.chu_se_town,
            parent=world.chu_se_pc,
            code=" 000.00.31.h21 ",
        ),
        actor=world.coordinator,
    )
    assert agency.level == "commune"
    assert agency.code == "000.00.31.H21"
    # The township ceased on 30/6/2025, so the agency ends with it.
    assert agency.valid_to == datetime.date(2025, 6, 30)
    assert agency.search_name.startswith("uy ban nhan dan thi tran chu se")
    entry = ActivityEntry.objects.get(verb="agency.created")
    assert entry.actor == world.coordinator
    assert entry.agency_id == agency.pk


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"kind": "provincial_department"}, "unit"),
        ({"kind": "other", "level": "province"}, "level"),
        ({"kind": "nonsense"}, "kind"),
        ({"code": "000.00.13.H21"}, "code"),
        ({"code": "abc"}, "code"),
        (
            {"valid_from": datetime.date(2020, 1, 1), "valid_to": datetime.date(2019, 1, 1)},
            "valid_to",
        ),
        ({"valid_to": datetime.date(2026, 1, 1)}, "valid_to"),
        ({"name": "Ủy ban nhân dân huyện Chư Sê", "kind": "district_peoples_committee"}, "name"),
    ],
)
def test_bad_agency_data_is_refused_and_nothing_is_written(world, changes, field):
    values = {"name": "Phòng thử", "kind": "other", "unit": world.chu_se, **changes}
    before = (Agency.objects.count(), ActivityEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        agency_create(data=AgencyData(**values), actor=world.admin)
    assert field in exc.value.message_dict
    assert (Agency.objects.count(), ActivityEntry.objects.count()) == before


def test_commune_agency_cannot_sit_on_a_district(world):
    with pytest.raises(ValidationError) as exc:
        agency_create(
            data=AgencyData(
                name="UBND xã nhầm cấp", kind="commune_peoples_committee", unit=world.chu_se
            ),
            actor=world.admin,
        )
    assert "level" in exc.value.message_dict or "unit" in exc.value.message_dict


def test_update_keeps_old_and_new_values_and_refuses_cycles(world):
    data = AgencyData(
        name=world.dost.name, kind=world.dost.kind, unit=world.dost.unit, short_name="Sở KH&CN"
    )
    agency_update(agency=world.dost, data=data, actor=world.admin)
    entry = ActivityEntry.objects.get(verb="agency.updated")
    assert entry.changes["short_name"] == ["", "Sở KH&CN"]
    child = agency_create(
        data=AgencyData(
            name="Chi cục TĐC", kind="other", unit=world.gia_lai_legacy, parent=world.dost
        ),
        actor=world.admin,
    )
    cyclic = AgencyData(
        name=world.dost.name, kind=world.dost.kind, unit=world.dost.unit, parent=child
    )
    with pytest.raises(ValidationError) as exc:
        agency_update(agency=world.dost, data=cyclic, actor=world.admin)
    assert "parent" in exc.value.message_dict


def test_unchanged_update_writes_no_activity(world):
    data = AgencyData(
        name=world.dost.name,
        kind=world.dost.kind,
        unit=world.dost.unit,
        code=world.dost.code,
        valid_to=world.dost.unit.valid_to,
    )
    agency_update(agency=world.dost, data=data, actor=world.admin)
    world.dost.refresh_from_db()
    agency_update(
        agency=world.dost,
        data=AgencyData(
            name=world.dost.name,
            kind=world.dost.kind,
            unit=world.dost.unit,
            code=world.dost.code,
            valid_to=world.dost.valid_to,
        ),
        actor=world.admin,
    )
    assert ActivityEntry.objects.filter(verb="agency.updated").count() <= 1


def test_department_names_are_unique_within_an_agency(world):
    department_create(agency=world.chu_se_pc, name="Văn phòng HĐND và UBND", actor=world.leader)
    with pytest.raises(ValidationError):
        department_create(
            agency=world.chu_se_pc, name="văn phòng hđnd  và ubnd", actor=world.leader
        )
    department_create(agency=world.dost, name="Văn phòng HĐND và UBND", actor=world.admin)
