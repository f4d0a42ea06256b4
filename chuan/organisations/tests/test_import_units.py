"""Importing the official unit lists: Gia Lai before and after 1 July 2025, and the country."""

import io

from django.core.management import CommandError, call_command
from django.db.models import Count

import pytest

from chuan.core.exceptions import DomainError
from chuan.core.models import ActivityEntry
from chuan.organisations.choices import (
    LEGACY_LAST_DAY,
    REFORM_2025,
    LineageKind,
    UnitKind,
    UnitLevel,
    UnitSet,
)
from chuan.organisations.models import AdministrativeUnit, UnitLineage
from chuan.organisations.units_import import import_units

pytestmark = pytest.mark.django_db

# Official codes: legacy Gia Lai kept 64; the merged Gia Lai took Bình Định's 52 (its seat
# moved to Quy Nhơn).
GIA_LAI_LEGACY = "64"
BINH_DINH_LEGACY = "52"
GIA_LAI_2025 = "52"


def _unit(unit_set: str, code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(unit_set=unit_set, code=code)


def test_gia_lai_before_2025_has_its_17_districts_and_218_communes() -> None:
    import_units(province="Gia Lai")

    gia_lai = _unit(UnitSet.LEGACY, GIA_LAI_LEGACY)
    assert gia_lai.name == "Tỉnh Gia Lai"
    assert gia_lai.kind == UnitKind.PROVINCE
    assert gia_lai.province_id == gia_lai.pk
    assert gia_lai.parent_id is None
    districts = AdministrativeUnit.objects.filter(parent=gia_lai, level=UnitLevel.DISTRICT)
    assert districts.count() == 17
    communes = AdministrativeUnit.objects.filter(province=gia_lai, level=UnitLevel.COMMUNE)
    assert communes.count() == 218
    assert not communes.exclude(parent__parent=gia_lai).exists()

    chu_se = AdministrativeUnit.objects.get(unit_set=UnitSet.LEGACY, name="Huyện Chư Sê")
    assert chu_se.parent == gia_lai
    assert chu_se.province == gia_lai
    assert (chu_se.code, chu_se.short_name) == ("633", "Chư Sê")
    assert chu_se.kind == UnitKind.RURAL_DISTRICT
    assert (chu_se.valid_from, chu_se.valid_to) == (None, LEGACY_LAST_DAY)
    assert "huyen chu se" in chu_se.search_name
    kinds = dict(districts.values_list("short_name", "kind"))
    assert kinds["Pleiku"] == UnitKind.PROVINCIAL_CITY
    assert kinds["An Khê"] == UnitKind.DISTRICT_TOWN
    town = AdministrativeUnit.objects.get(unit_set=UnitSet.LEGACY, name="Thị trấn Chư Sê")
    assert (town.parent, town.kind) == (chu_se, UnitKind.TOWNSHIP)


def test_gia_lai_since_2025_has_110_communes_and_25_wards() -> None:
    import_units(province="gia lai")

    gia_lai = _unit(UnitSet.REFORM_2025, GIA_LAI_2025)
    assert (gia_lai.name, gia_lai.short_name) == ("Tỉnh Gia Lai", "Gia Lai")
    assert gia_lai.province_id == gia_lai.pk
    assert (gia_lai.valid_from, gia_lai.valid_to) == (REFORM_2025, None)
    units = AdministrativeUnit.objects.filter(parent=gia_lai)
    assert units.count() == 135
    assert dict(units.values_list("kind").annotate(n=Count("id"))) == {
        UnitKind.COMMUNE: 110,
        UnitKind.WARD: 25,
    }
    assert not units.exclude(level=UnitLevel.COMMUNE, province=gia_lai).exists()
    assert not units.exclude(valid_from=REFORM_2025, valid_to=None).exists()
    # Binh Dinh's former seat is now a ward of Gia Lai.
    assert units.filter(name="Phường Quy Nhơn").exists()


def test_former_provinces_and_communes_lead_to_the_new_gia_lai() -> None:
    import_units(province="Gia Lai")

    new = _unit(UnitSet.REFORM_2025, GIA_LAI_2025)
    former = [_unit(UnitSet.LEGACY, GIA_LAI_LEGACY), _unit(UnitSet.LEGACY, BINH_DINH_LEGACY)]
    links = UnitLineage.objects.filter(successor=new)
    assert sorted(links.values_list("predecessor__short_name", flat=True)) == [
        "Bình Định",
        "Gia Lai",
    ]
    assert not links.exclude(kind=LineageKind.MERGED_INTO, effective_on=REFORM_2025).exists()

    # Every former commune has somewhere to go, and every new one came from somewhere.
    former_communes = AdministrativeUnit.objects.filter(
        province__in=former, level=UnitLevel.COMMUNE
    )
    assert former_communes.count() > 218
    assert not former_communes.filter(successor_links__isnull=True).exists()
    new_communes = AdministrativeUnit.objects.filter(province=new, level=UnitLevel.COMMUNE)
    assert not new_communes.filter(predecessor_links__isnull=True).exists()

    town = AdministrativeUnit.objects.get(unit_set=UnitSet.LEGACY, name="Thị trấn Chư Sê")
    successor = town.successor_links.get()
    assert successor.successor.name == "Xã Chư Sê"
    assert (successor.kind, successor.is_main) == (LineageKind.MERGED_INTO, True)

    # A divided commune has several successors, exactly one of which took its seat.
    an_nghia = AdministrativeUnit.objects.get(unit_set=UnitSet.LEGACY, name="Xã An Nghĩa")
    split = an_nghia.successor_links.order_by("successor__name")
    assert [(link.successor.name, link.kind, link.is_main) for link in split] == [
        ("Xã An Hòa", LineageKind.SPLIT_INTO, True),
        ("Xã An Toàn", LineageKind.SPLIT_INTO, False),
    ]
    # Districts were abolished, not merged: they have no successor.
    chu_se = AdministrativeUnit.objects.get(unit_set=UnitSet.LEGACY, name="Huyện Chư Sê")
    assert not chu_se.successor_links.exists()


def test_second_run_changes_nothing_and_records_no_activity() -> None:
    first = import_units(province="Gia Lai")
    assert first.units[UnitSet.LEGACY].created == 1 + 1 + 17 + 11 + 218 + 155
    assert first.units[UnitSet.REFORM_2025].created == 136
    assert first.lineage_created > 0
    assert first.lineage_waiting == 0
    entry = ActivityEntry.objects.get(verb="units.imported")
    assert entry.actor_id is None
    assert entry.changes["units"]["2025"]["created"] == 136

    second = import_units(province="Gia Lai")

    assert (second.created, second.updated) == (0, 0)
    assert (second.lineage_created, second.lineage_updated) == (0, 0)
    assert second.unchanged == first.created
    assert second.lineage_unchanged == first.lineage_created
    assert ActivityEntry.objects.filter(verb="units.imported").count() == 1


def test_a_unit_edited_by_hand_is_put_back() -> None:
    import_units(unit_set="2025", province="Gia Lai")
    ward = AdministrativeUnit.objects.get(unit_set=UnitSet.REFORM_2025, name="Phường Pleiku")
    AdministrativeUnit.objects.filter(pk=ward.pk).update(name="Phường Plei Ku", parent=None)

    report = import_units(unit_set="2025", province="Gia Lai")

    assert (report.created, report.updated, report.unchanged) == (0, 1, 135)
    ward.refresh_from_db()
    assert ward.name == "Phường Pleiku"
    assert ward.parent == _unit(UnitSet.REFORM_2025, GIA_LAI_2025)


@pytest.mark.parametrize("name", ["Gia Lai", "gia lai", "GIA LAI", "Tỉnh Gia Lai", "tinh gialai"])
def test_province_is_found_without_diacritics_case_or_prefix(name: str) -> None:
    report = import_units(unit_set="2025", province=name)

    assert report.provinces == {UnitSet.REFORM_2025: ["Tỉnh Gia Lai"]}
    assert AdministrativeUnit.objects.count() == 136


def test_a_former_province_brings_the_province_it_went_into_and_its_partners() -> None:
    report = import_units(province="Bình Định")

    assert report.provinces == {
        UnitSet.LEGACY: ["Tỉnh Bình Định", "Tỉnh Gia Lai"],
        UnitSet.REFORM_2025: ["Tỉnh Gia Lai"],
    }
    assert report.lineage_waiting == 0


def test_one_list_alone_waits_for_the_other_to_link() -> None:
    legacy = import_units(unit_set="legacy", province="Bình Định")

    assert AdministrativeUnit.objects.filter(unit_set=UnitSet.REFORM_2025).count() == 0
    assert set(AdministrativeUnit.objects.values_list("province__short_name", flat=True)) == {
        "Bình Định"
    }
    assert legacy.lineage_created == 0
    assert legacy.lineage_waiting > 0

    reform = import_units(unit_set="2025", province="Gia Lai")

    binh_dinh = _unit(UnitSet.LEGACY, BINH_DINH_LEGACY)
    assert binh_dinh.successor_links.get().successor.code == GIA_LAI_2025
    assert reform.lineage_created == legacy.lineage_waiting
    # The former Gia Lai is not imported yet, so its links still wait.
    assert reform.lineage_waiting > 0


def test_unknown_province_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(DomainError, match="Atlantis") as error:
        import_units(province="Atlantis")
    assert error.value.field == "province"
    assert not AdministrativeUnit.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_a_former_province_is_not_in_the_2025_list() -> None:
    with pytest.raises(DomainError) as error:
        import_units(unit_set="2025", province="Bình Định")
    # The message (Vietnamese or English) names the province asked for and its successor.
    assert "Bình Định" in error.value.message
    assert "Tỉnh Gia Lai" in error.value.message


def test_unknown_list_is_refused() -> None:
    with pytest.raises(DomainError):
        import_units(unit_set="1975")


def test_command_prints_a_summary() -> None:
    out = io.StringIO()

    call_command("import_units", "--set", "2025", "--province", "Gia Lai", stdout=out)

    text = out.getvalue()
    assert "Since 1 July 2025 (34 provinces) [Tỉnh Gia Lai]: 136 created" in text
    assert "Administrative units imported in" in text
    assert AdministrativeUnit.objects.count() == 136


def test_command_turns_a_refusal_into_a_command_error() -> None:
    with pytest.raises(CommandError, match="“Atlantis”"):
        call_command("import_units", "--province", "Atlantis", stdout=io.StringIO())


@pytest.mark.slow
def test_full_import_of_both_lists_is_complete_and_fast() -> None:
    report = import_units()

    assert report.seconds < 60
    units = AdministrativeUnit.objects
    legacy = units.filter(unit_set=UnitSet.LEGACY)
    reform = units.filter(unit_set=UnitSet.REFORM_2025)
    assert legacy.filter(level=UnitLevel.PROVINCE).count() == 63
    assert legacy.filter(level=UnitLevel.DISTRICT).count() == 696
    assert legacy.filter(level=UnitLevel.COMMUNE).count() == 10035
    assert reform.filter(level=UnitLevel.PROVINCE).count() == 34
    assert reform.filter(level=UnitLevel.COMMUNE).count() == 3321
    assert reform.filter(kind=UnitKind.SPECIAL_ZONE).count() == 13
    assert report.units[UnitSet.LEGACY].created == 63 + 696 + 10035
    assert report.units[UnitSet.REFORM_2025].created == 34 + 3321
    assert not units.filter(province__isnull=True).exists()
    # Each former province went into exactly one new one; every commune, old and new, is linked.
    provinces = UnitLineage.objects.filter(predecessor__level=UnitLevel.PROVINCE)
    assert provinces.count() == 63
    assert not legacy.filter(level=UnitLevel.COMMUNE, successor_links__isnull=True).exists()
    assert not reform.filter(level=UnitLevel.COMMUNE, predecessor_links__isnull=True).exists()
    assert report.lineage_waiting == 0
    # Island districts with no communes became special zones.
    con_dao = UnitLineage.objects.get(predecessor__unit_set=UnitSet.LEGACY, predecessor__code="755")
    assert con_dao.successor.name == "Đặc khu Côn Đảo"
    assert con_dao.successor.province.short_name == "Hồ Chí Minh"
