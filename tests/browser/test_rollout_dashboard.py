"""The DOST coordinator's morning: open the roll-out dashboard, go back to a date, drill into a
district, on a desktop and on a phone."""

import datetime as dt
from decimal import Decimal

import pytest

from chuan.organisations.tests.factories import AgencyFactory, make_unit
from chuan.rollout.choices import EventKind as K
from chuan.rollout.services import EventData, event_record, target_create
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def _record(agency, kind, on, number=""):
    event_record(
        agency=agency,
        data=EventData(
            kind=kind,
            occurred_on=on,
            decision_number=number,
            decision_date=on if number else None,
        ),
        actor=None,
    )


@pytest.fixture
def gia_lai(world):
    """Legacy Gia Lai's departments, two districts and a dozen communes, with 658/QĐ-UBND."""
    last = D(2025, 6, 30)
    for name in ("Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ"):
        _record(
            AgencyFactory(name=name, unit=world.gia_lai_legacy, valid_to=last),
            K.ANNOUNCED,
            D(2016, 8, 1),
            "10/QĐ-S",
        )
    _record(world.dost, K.ANNOUNCED, D(2016, 5, 10), "45/QĐ-SKHCN")
    _record(world.chu_se_pc, K.ANNOUNCED, D(2017, 6, 1), "1520/QĐ-UBND")
    pleiku_pc = AgencyFactory(
        name="Ủy ban nhân dân thành phố Pleiku",
        unit=world.pleiku,
        kind="district_peoples_committee",
        level="district",
        valid_to=last,
    )
    _record(pleiku_pc, K.ANNOUNCED, D(2017, 9, 5), "2001/QĐ-UBND")
    wards = ["Hoa Lư", "Diên Hồng", "Tây Sơn", "Hội Thương", "Yên Đỗ", "Ia Kring", "Trà Bá"]
    communes = ["Ia Glai", "Ia Hlốp", "Ia Pal", "Dun", "Bờ Ngoong"]
    for index, (district, prefix, names) in enumerate(
        ((world.pleiku, "phường", wards), (world.chu_se, "xã", communes))
    ):
        for number, name in enumerate(names):
            unit = make_unit(
                unit_set="legacy",
                code=f"2{index}{number:03d}",
                name=f"{prefix.capitalize()} {name}",
                short_name=name,
                level="commune",
                kind="ward" if prefix == "phường" else "commune",
                parent=district,
            )
            agency = AgencyFactory(
                name=f"Ủy ban nhân dân {prefix} {name}",
                unit=unit,
                kind="commune_peoples_committee",
                level="commune",
                valid_to=last,
            )
            if number < 3:
                _record(agency, K.BUILDING_STARTED, D(2017, 3 + number, 10))
                _record(agency, K.ANNOUNCED, D(2017, 10 + number, 20), f"{number + 1}/QĐ-UBND")
            elif number < 5:
                _record(agency, K.BUILDING_STARTED, D(2017, 8 + number, 1))
    for level, percent, deadline in (
        ("department_and_district", "100", D(2017, 12, 31)),
        ("commune", "90", D(2017, 12, 31)),
        ("commune", "100", D(2018, 6, 30)),
    ):
        target_create(
            decision_number="658/QĐ-UBND",
            decision_date=D(2016, 4, 25),
            province=world.gia_lai_legacy,
            level=level,
            percent=Decimal(percent),
            deadline=deadline,
            actor=None,
        )
    return world


def _no_sideways_scroll(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways ({scroll}px > {width}px)"


def test_dost_opens_the_dashboard_changes_the_date_and_drills_into_a_district(
    page, live_server, gia_lai
):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, gia_lai.coordinator)
    page.goto(f"{live_server.url}/rollout/")
    assert page.get_by_test_id("tiles").is_visible()
    assert page.locator("#coverage-chart[data-ready=true]").count() == 1

    page.get_by_test_id("filter-on").fill("31/01/2018")
    page.get_by_test_id("filter-submit").click()
    page.wait_for_url("**/rollout/?*on=31%2F01%2F2018*")  # as typed, day first
    assert (
        page.get_by_test_id("tile-department_and_district")
        .get_by_test_id("tile-count")
        .inner_text()
        == "6/6"
    )
    commune = page.get_by_test_id("tile-commune")
    assert commune.get_by_test_id("tile-count").inner_text() == "6/12"
    assert commune.get_by_test_id("tile-target").get_attribute("data-state") == "behind"
    assert commune.get_by_test_id("tile-previous").get_attribute("data-state") == "missed"
    assert page.locator("#coverage-chart[data-ready=true]").count() == 1
    assert page.get_by_test_id("lagging-row").count() == 6
    shoot(page, "rollout-dashboard-desktop")
    with page.expect_download() as download:
        page.get_by_test_id("export-link").click()
    assert download.value.suggested_filename == "bao-phu-iso-tinh-gia-lai-2018-01-31.xlsx"

    page.get_by_test_id("group-table").get_by_role("link", name="Thành phố Pleiku").click()
    page.wait_for_url("**/rollout/groups/**")
    assert page.get_by_test_id("group-name").inner_text() == "Thành phố Pleiku"
    rows = page.get_by_test_id("group-agency-row")
    assert rows.count() == 7
    assert page.locator("[data-testid=group-agency-row][data-status=announced]").count() == 3
    shoot(page, "rollout-group-desktop")
    page.get_by_test_id("back-to-dashboard").click()
    page.wait_for_url("**/rollout/?*on=2018-01-31*")
    assert not errors, errors


def test_the_dashboard_reads_well_on_a_phone(phone_page, live_server, gia_lai):
    page = phone_page
    login(page, live_server, gia_lai.coordinator)
    page.goto(f"{live_server.url}/rollout/?on=2018-01-31")
    assert page.get_by_test_id("tile-commune").is_visible()
    assert page.locator("#coverage-chart[data-ready=true]").count() == 1
    _no_sideways_scroll(page, 390)
    shoot(page, "rollout-dashboard-phone")
    page.get_by_test_id("group-table").get_by_role("link", name="Huyện Chư Sê").click()
    page.wait_for_url("**/rollout/groups/**")
    _no_sideways_scroll(page, 390)
    shoot(page, "rollout-group-phone")
