"""Coverage arithmetic on tricky histories, through the two-query snapshot."""

import datetime as dt
from decimal import Decimal

import pytest

from chuan.organisations.tests.factories import AgencyFactory
from chuan.rollout.choices import CoverageLevel as L
from chuan.rollout.choices import EventKind as K
from chuan.rollout.coverage import Figure, month_ends
from chuan.rollout.selectors import province_by_code, rollout_snapshot
from chuan.rollout.tests.factories import event

D = dt.date


@pytest.fixture
def communes(world):
    """Three commune PCs of legacy Chư Sê; one created mid-2017."""
    make = lambda name, **kw: AgencyFactory(  # noqa: E731
        name=name,
        unit=world.chu_se_town,
        kind="commune_peoples_committee",
        level="commune",
        valid_to=D(2025, 6, 30),
        **kw,
    )
    return [
        make("UBND thị trấn Chư Sê"),
        make("UBND xã Ia Glai"),
        make("UBND xã Ia Hlốp", valid_from=D(2017, 7, 1)),
    ]


def test_percent_rounds_half_up_to_one_decimal():
    assert Figure(3, 2).percent == Decimal("66.7")
    assert Figure(8, 1).percent == Decimal("12.5")
    assert Figure(0, 0).percent == Decimal("0.0")


def test_an_agency_created_mid_period_enters_the_denominator_on_its_first_day(world, communes):
    event(communes[0], K.ANNOUNCED, D(2017, 5, 2), "15/QĐ-UBND")
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    assert snap.figure(L.COMMUNE, D(2017, 6, 30)) == Figure(in_scope=2, announced=1)
    assert snap.figure(L.COMMUNE, D(2017, 7, 1)) == Figure(in_scope=3, announced=1)


def test_a_lapsed_qms_stops_counting_until_re_announced(world, communes):
    town = communes[0]
    event(town, K.ANNOUNCED, D(2017, 5, 2), "15/QĐ-UBND")
    event(town, K.APPLYING_CONFIRMED, D(2017, 10, 10))
    event(town, K.LAPSED, D(2019, 3, 1))
    event(town, K.REANNOUNCED, D(2019, 9, 2), "88/QĐ-UBND")
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    assert [
        snap.figure(L.COMMUNE, d).announced
        for d in (D(2017, 5, 1), D(2017, 5, 2), D(2018, 1, 1), D(2019, 3, 1), D(2019, 9, 2))
    ] == [0, 1, 1, 0, 1]


def test_after_the_2025_merger_the_legacy_agencies_leave_and_new_ones_count(world, communes):
    for agency in communes:
        event(agency, K.ANNOUNCED, D(2017, 12, 1), "1/QĐ")
    legacy = rollout_snapshot(province=world.gia_lai_legacy)
    assert legacy.figure(L.COMMUNE, D(2025, 6, 30)) == Figure(3, 3)
    assert legacy.figure(L.COMMUNE, D(2025, 7, 1)) == Figure(0, 0)
    reform = rollout_snapshot(province=world.gia_lai_2025)
    assert reform.figure(L.COMMUNE, D(2025, 7, 1)) == Figure(in_scope=1, announced=0)


def test_province_codes_are_read_in_the_list_in_force_on_the_date(world):
    assert province_by_code("52", D(2018, 1, 31)) == world.binh_dinh_legacy
    assert province_by_code("52", D(2026, 1, 5)) == world.gia_lai_2025
    assert province_by_code("64", D(2018, 1, 31)) == world.gia_lai_legacy
    assert province_by_code("64", D(2026, 1, 5)) is None


def test_department_and_district_level_excludes_the_peoples_committee(world):
    AgencyFactory(
        name="Ủy ban nhân dân tỉnh Gia Lai",
        unit=world.gia_lai_legacy,
        kind="provincial_peoples_committee",
    )
    event(world.dost, K.ANNOUNCED, D(2016, 6, 1), "3/QĐ-SKHCN")
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    # Sở KH&CN and UBND huyện Chư Sê; the provincial People's Committee is not counted.
    assert snap.figure(L.DEPARTMENT_AND_DISTRICT, D(2018, 1, 31)) == Figure(2, 1)
    assert snap.figure(L.PROVINCE, D(2018, 1, 31)) == Figure(1, 1)
    assert snap.figure(L.DISTRICT, D(2018, 1, 31)) == Figure(1, 0)


def test_breakdown_by_district_and_lagging_list(world, communes):
    event(communes[1], K.BUILDING_STARTED, D(2017, 4, 3))
    event(communes[0], K.ANNOUNCED, D(2017, 5, 2), "15/QĐ-UBND")
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    groups = snap.by_group(L.COMMUNE, D(2018, 1, 31))
    assert [(name, fig) for _, name, fig in groups] == [("Huyện Chư Sê", Figure(3, 1))]
    lagging = snap.lagging(L.COMMUNE, D(2018, 1, 31))
    assert [(lag.agency.name, lag.building_since) for lag in lagging] == [
        ("UBND xã Ia Glai", D(2017, 4, 3)),
        ("UBND xã Ia Hlốp", None),
    ]


def test_monthly_series_ends_on_the_chosen_day():
    assert list(month_ends(D(2017, 11, 15), D(2018, 1, 31))) == [
        D(2017, 11, 30),
        D(2017, 12, 31),
        D(2018, 1, 31),
    ]
    assert list(month_ends(D(2024, 2, 1), D(2024, 3, 30))) == [D(2024, 2, 29)]


def test_a_target_is_judged_on_its_deadline_and_unknown_before(world, communes):
    event(communes[0], K.ANNOUNCED, D(2017, 12, 20), "15/QĐ-UBND")
    event(communes[1], K.ANNOUNCED, D(2018, 1, 10), "16/QĐ-UBND")
    event(communes[2], K.ANNOUNCED, D(2018, 1, 20), "17/QĐ-UBND")
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    deadline = D(2017, 12, 31)
    assert snap.target_met(L.COMMUNE, Decimal(90), deadline, D(2017, 12, 30)) is None
    # 1 of 3 on the deadline: missed, even though all three had announced by the end of January.
    assert snap.target_met(L.COMMUNE, Decimal(90), deadline, D(2018, 1, 31)) is False
    assert snap.target_met(L.COMMUNE, Decimal(100), D(2018, 6, 30), D(2018, 7, 1)) is True


def test_snapshot_loads_in_three_queries(world, communes, django_assert_num_queries):
    event(communes[0], K.ANNOUNCED, D(2017, 5, 2), "15/QĐ-UBND")
    with django_assert_num_queries(3):
        snap = rollout_snapshot(province=world.gia_lai_legacy)
    snap.series(L.COMMUNE, D(2016, 1, 1), D(2018, 1, 31))


@pytest.mark.parametrize(
    "on",
    [D(2017, 5, 1), D(2017, 5, 2), D(2017, 12, 31), D(2019, 3, 1), D(2019, 9, 2), D(2025, 7, 1)],
)
def test_the_sql_aggregate_agrees_with_the_lifecycle_rules(world, communes, on):
    from chuan.rollout.selectors import coverage_figures

    town, glai, hlop = communes
    event(town, K.ANNOUNCED, D(2017, 5, 2), "15/QĐ-UBND")
    event(town, K.APPLYING_CONFIRMED, D(2017, 10, 10))
    event(town, K.LAPSED, D(2019, 3, 1))
    event(town, K.BUILDING_STARTED, D(2019, 3, 1))
    event(town, K.REANNOUNCED, D(2019, 9, 2), "88/QĐ-UBND")
    event(glai, K.BUILDING_STARTED, D(2017, 4, 3))
    event(glai, K.ANNOUNCED, D(2017, 12, 31), "9/QĐ-UBND")
    event(glai, K.LAPSED, D(2017, 12, 31))
    event(hlop, K.ANNOUNCED, D(2017, 8, 1), "10/QĐ-UBND")
    event(hlop, K.DOCUMENTS_ISSUED, D(2018, 2, 1))
    event(world.dost, K.ANNOUNCED, D(2016, 6, 1), "3/QĐ-SKHCN")
    AgencyFactory(
        name="Ủy ban nhân dân tỉnh Gia Lai",
        unit=world.gia_lai_legacy,
        kind="provincial_peoples_committee",
    )
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    sql = coverage_figures(province=world.gia_lai_legacy, on=on)
    assert sql == {level: snap.figure(level, on) for level in sql}
    nation = rollout_snapshot(province=None)
    assert coverage_figures(province=None, on=on) == {
        level: nation.figure(level, on) for level in sql
    }


def test_a_target_is_reached_exactly_not_after_rounding():
    assert Figure(2500, 2249).percent == Decimal("90.0")
    assert not Figure(2500, 2249).reaches(Decimal(90))
    assert Figure(2500, 2250).reaches(Decimal(90))
    assert Figure(0, 0).reaches(Decimal(0))
    assert not Figure(0, 0).reaches(Decimal(90))


def test_a_target_whose_deadline_is_after_today_is_never_judged(world, communes):
    # Looking at 31/01/2027 on 04/12/2026: the 2026 target still has until 31/12/2026, and
    # the snapshot has only today's counts (none announced): not "missed".
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    deadline = D(2026, 12, 31)
    today = D(2026, 12, 4)
    assert snap.target_met(L.COMMUNE, Decimal(90), deadline, D(2027, 1, 31), today=today) is None
    assert snap.target_met(L.COMMUNE, Decimal(90), deadline, D(2026, 12, 31), today=today) is None
    # Once the deadline has passed it is judged, as before.
    after = D(2027, 1, 2)
    assert snap.target_met(L.COMMUNE, Decimal(90), deadline, D(2027, 1, 31), today=after) is False


def test_districts_and_laggards_are_in_vietnamese_order(world, communes):
    from chuan.organisations.tests.factories import make_unit

    dak_doa = make_unit(
        unit_set="legacy",
        code="627",
        name="Huyện Đak Đoa",
        short_name="Đak Đoa",
        level="district",
        kind="rural_district",
        parent=world.gia_lai_legacy,
    )
    AgencyFactory(
        name="UBND xã Đak Sơmei",
        unit=make_unit(
            unit_set="legacy",
            code="23800",
            name="Xã Đak Sơmei",
            short_name="Đak Sơmei",
            level="commune",
            kind="commune",
            parent=dak_doa,
        ),
        kind="commune_peoples_committee",
        level="commune",
        valid_to=D(2025, 6, 30),
    )
    AgencyFactory(
        name="UBND xã Ayun",
        unit=world.chu_se_town,
        kind="commune_peoples_committee",
        level="commune",
        valid_to=D(2025, 6, 30),
    )
    snap = rollout_snapshot(province=world.gia_lai_legacy)
    on = D(2018, 1, 31)
    # Byte order put every Đ after Z ("Huyện Đak Đoa" after "Thành phố…").
    assert [name for _, name, _ in snap.by_group(L.COMMUNE, on)] == [
        "Huyện Chư Sê",
        "Huyện Đak Đoa",
    ]
    names = [lag.agency.name for lag in snap.lagging(L.COMMUNE, on)]
    assert names.index("UBND xã Đak Sơmei") < names.index("UBND xã Ia Glai")
