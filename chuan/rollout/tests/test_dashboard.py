"""The DOST dashboard, its drill-down and its workbook, on a small Gia Lai history."""

import datetime as dt
import json
import re
from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from django.utils.translation import gettext

import pytest
from openpyxl import load_workbook

from chuan.accounts.roles import Role
from chuan.core.params import date_param
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, make_unit, member
from chuan.rollout.choices import CoverageLevel as L
from chuan.rollout.choices import EventKind as K
from chuan.rollout.dashboard import months_between
from chuan.rollout.services import EventData, event_record, target_create

D = dt.date
ON = D(2018, 1, 31)
DASHBOARD = reverse("rollout:dashboard")
EXPORT = reverse("rollout:dashboard_export")
LEGACY_LAST = D(2025, 6, 30)


def record(agency, kind, on, number="", actor=None):
    return event_record(
        agency=agency,
        data=EventData(
            kind=kind,
            occurred_on=on,
            decision_number=number,
            decision_date=on if number else None,
        ),
        actor=actor,
    )


@pytest.fixture
def history(world):
    """Legacy Gia Lai on 31/1/2018: 2 of 3 departments and districts announced, 2 of 4
    communes (one per district), decision 658/QĐ-UBND's targets and an earlier one met."""
    hoa_lu = make_unit(
        unit_set="legacy",
        code="23563",
        name="Phường Hoa Lư",
        short_name="Hoa Lư",
        level="commune",
        kind="ward",
        parent=world.pleiku,
    )
    dien_hong = make_unit(
        unit_set="legacy",
        code="23566",
        name="Phường Diên Hồng",
        short_name="Diên Hồng",
        level="commune",
        kind="ward",
        parent=world.pleiku,
    )
    ia_glai = make_unit(
        unit_set="legacy",
        code="23944",
        name="Xã Ia Glai",
        short_name="Ia Glai",
        level="commune",
        kind="commune",
        parent=world.chu_se,
    )

    def commune(name, unit):
        return AgencyFactory(
            name=name,
            unit=unit,
            kind="commune_peoples_committee",
            level="commune",
            valid_to=LEGACY_LAST,
        )

    pleiku_pc = AgencyFactory(
        name="Ủy ban nhân dân thành phố Pleiku",
        unit=world.pleiku,
        kind="district_peoples_committee",
        level="district",
        valid_to=LEGACY_LAST,
    )
    agencies = {
        "town": commune("Ủy ban nhân dân thị trấn Chư Sê", world.chu_se_town),
        "ia_glai": commune("Ủy ban nhân dân xã Ia Glai", ia_glai),
        "hoa_lu": commune("Ủy ban nhân dân phường Hoa Lư", hoa_lu),
        "dien_hong": commune("Ủy ban nhân dân phường Diên Hồng", dien_hong),
        "pleiku_pc": pleiku_pc,
    }
    record(world.dost, K.ANNOUNCED, D(2016, 5, 10), "45/QĐ-SKHCN")
    record(world.dost, K.APPLYING_CONFIRMED, D(2016, 12, 1))
    record(world.chu_se_pc, K.ANNOUNCED, D(2017, 6, 1), "1520/QĐ-UBND")
    record(pleiku_pc, K.BUILDING_STARTED, D(2017, 3, 15))
    record(agencies["town"], K.ANNOUNCED, D(2017, 11, 20), "88/QĐ-UBND")
    record(agencies["ia_glai"], K.BUILDING_STARTED, D(2017, 8, 1))
    record(agencies["hoa_lu"], K.ANNOUNCED, D(2017, 12, 15), "12/QĐ-UBND")
    for level, percent, deadline, number in (
        (L.DEPARTMENT_AND_DISTRICT, "50", D(2017, 6, 30), "300/QĐ-UBND"),
        (L.DEPARTMENT_AND_DISTRICT, "100", D(2017, 12, 31), "658/QĐ-UBND"),
        (L.COMMUNE, "90", D(2017, 12, 31), "658/QĐ-UBND"),
        (L.COMMUNE, "100", D(2018, 6, 30), "658/QĐ-UBND"),
    ):
        target_create(
            decision_number=number,
            decision_date=D(2016, 9, 1),
            province=world.gia_lai_legacy,
            level=level,
            percent=Decimal(percent),
            deadline=deadline,
            actor=world.admin,
        )
    return agencies


def _get(client, user, url=DASHBOARD, **params):
    client.force_login(user)
    return client.get(url, params)


# --- who may see it -----------------------------------------------------------------------


def test_permission_matrix_of_the_dashboard(client, world):
    assert_permission_matrix(
        client, DASHBOARD, allowed=world.coordinator, member_without_right=world.leader
    )


def test_permission_matrix_of_the_drill_down_and_the_export(client, world):
    url = reverse("rollout:group_detail", args=[world.chu_se.pk])
    assert_permission_matrix(
        client, url, allowed=world.coordinator, member_without_right=world.leader
    )
    assert_permission_matrix(
        client, EXPORT, allowed=world.coordinator, member_without_right=world.leader
    )


def test_inspector_and_system_administrator_see_it_too(client, world):
    inspector = member(UserFactory(roles=[Role.INSPECTOR]), world.dost)
    assert _get(client, inspector).status_code == 200
    response = _get(client, world.admin)
    assert response.status_code == 200
    # Without an agency, the administrator starts on a province of the list in force today.
    assert response.context["filters"].province == world.gia_lai_2025


def test_drill_down_outside_the_coordinators_provinces_is_not_found(client, world):
    client.force_login(world.coordinator)
    for unit in (world.kon_tum_legacy, world.chu_se_town):  # another province; not a group
        url = reverse("rollout:group_detail", args=[unit.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("rollout:group_detail", args=[987654])).status_code == 404
    admin_url = reverse("rollout:group_detail", args=[world.kon_tum_legacy.pk])
    client.force_login(world.admin)
    assert client.get(admin_url).status_code == 200


def test_a_coordinator_without_an_agency_is_told_so(client, world):
    lonely = UserFactory(roles=[Role.DOST_COORDINATOR])
    response = _get(client, lonely)
    assert response.status_code == 200
    assert b'data-testid="no-province"' in response.content


# --- what it shows ------------------------------------------------------------------------


def test_tiles_and_table_on_a_small_gia_lai_history(client, world, history):
    response = _get(client, world.coordinator, on="2018-01-31")
    assert response.status_code == 200
    filters = response.context["filters"]
    # The coordinator belongs to 2025 Gia Lai; on 2018-01-31 that is legacy Gia Lai (the
    # namesake, not legacy Bình Định).
    assert filters.province == world.gia_lai_legacy
    assert filters.level == L.COMMUNE
    dashboard = response.context["dashboard"]
    tiles = {tile.level: tile for tile in dashboard.tiles}
    assert list(tiles) == [L.DEPARTMENT_AND_DISTRICT, L.PROVINCE, L.DISTRICT, L.COMMUNE]
    assert (
        tiles[L.DEPARTMENT_AND_DISTRICT].figure.announced,
        tiles[L.DEPARTMENT_AND_DISTRICT].figure.in_scope,
    ) == (2, 3)
    assert (tiles[L.PROVINCE].figure.announced, tiles[L.PROVINCE].figure.in_scope) == (1, 1)
    assert (tiles[L.DISTRICT].figure.announced, tiles[L.DISTRICT].figure.in_scope) == (1, 2)
    assert (tiles[L.COMMUNE].figure.announced, tiles[L.COMMUNE].figure.in_scope) == (2, 4)
    assert tiles[L.COMMUNE].figure.percent == Decimal("50.0")
    rows = [(g.name, g.figure.announced, g.figure.in_scope) for g in dashboard.groups]
    assert rows == [("Huyện Chư Sê", 1, 2), ("Thành phố Pleiku", 1, 2)]
    html = response.content.decode()
    commune_tile = re.search(r'data-testid="tile-commune".*?</progress>', html, re.S).group(0)
    assert 'data-testid="tile-count">2/4<' in commune_tile
    assert 'value="50.0"' in commune_tile
    group_link = reverse("rollout:group_detail", args=[world.chu_se.pk])
    assert f'href="{group_link}?on=2018-01-31&amp;level=commune"' in html


def test_the_provinces_own_agencies_come_first_then_districts_alphabetically(
    client, world, history
):
    response = _get(client, world.coordinator, on="2018-01-31", level="department_and_district")
    rows = [
        (g.name, g.figure.announced, g.figure.in_scope)
        for g in response.context["dashboard"].groups
    ]
    assert rows == [
        ("Tỉnh Gia Lai", 1, 1),
        ("Huyện Chư Sê", 1, 1),
        ("Thành phố Pleiku", 0, 1),
    ]


def test_targets_show_met_missed_on_track_and_behind(client, world, history):
    response = _get(client, world.coordinator, on="2018-01-31")
    dashboard = response.context["dashboard"]
    states = [(t.decision_number, t.level, t.state) for t in dashboard.targets]
    assert states == [
        ("300/QĐ-UBND", L.DEPARTMENT_AND_DISTRICT, "met"),  # 2/3 on 30/6/2017 ≥ 50%
        ("658/QĐ-UBND", L.COMMUNE, "missed"),  # 2/4 on 31/12/2017 < 90%
        ("658/QĐ-UBND", L.DEPARTMENT_AND_DISTRICT, "missed"),
        ("658/QĐ-UBND", L.COMMUNE, "behind"),  # due 30/6/2018, 50% < 100% today
    ]
    tiles = {tile.level: tile for tile in dashboard.tiles}
    commune = tiles[L.COMMUNE]
    assert (commune.target.deadline, commune.target.state) == (D(2018, 6, 30), "behind")
    assert (commune.previous.deadline, commune.previous.state) == (D(2017, 12, 31), "missed")
    # No upcoming target: the tile shows the latest one, judged.
    assert tiles[L.DEPARTMENT_AND_DISTRICT].target.state == "missed"
    assert tiles[L.PROVINCE].target is None
    html = response.content.decode()
    assert html.count('data-testid="target-row" data-state="met"') == 1
    assert html.count('data-testid="target-row" data-state="missed"') == 2
    assert 'data-testid="tile-target" data-state="behind"' in html
    assert 'data-testid="tile-previous" data-state="missed"' in html


def test_a_target_is_on_track_before_its_deadline_when_coverage_reaches_it(client, world, history):
    response = _get(client, world.coordinator, on="2017-06-15", level="department_and_district")
    states = {(t.percent, t.deadline): t.state for t in response.context["dashboard"].targets}
    assert states[(Decimal("50"), D(2017, 6, 30))] == "on_track"  # 2/3 already
    assert states[(Decimal("100"), D(2017, 12, 31))] == "behind"


def test_chart_series_and_target_lines(client, world, history):
    response = _get(client, world.coordinator, on="2018-01-31")
    chart = response.context["chart"]
    # Communes' first event is in August 2017: the chart starts there, ends on the date.
    assert chart["labels"][0] == "08/2017"
    assert chart["labels"][-1] == "01/2018"
    assert chart["coverage"][-1] == 50.0
    assert [line["percent"] for line in chart["targets"]] == [90.0, 100.0]
    assert chart["targets"][0]["deadlineIndex"] == chart["labels"].index("12/2017")
    assert chart["targets"][1]["deadlineIndex"] is None  # June 2018 is after the date
    assert "658/QĐ-UBND" in chart["targets"][0]["label"]
    assert "31/12/2017" in chart["targets"][0]["label"]
    html = response.content.decode()
    embedded = re.search(r'<script id="coverage-data" type="application/json">(.*?)</script>', html)
    assert json.loads(embedded.group(1))["labels"] == chart["labels"]
    assert "<script>" not in html  # no inline script: the chart runs from a static file


def test_the_chart_goes_back_no_more_than_24_months(client, world, history):
    response = _get(client, world.coordinator, on="2020-03-10", level="department_and_district")
    labels = response.context["chart"]["labels"]
    assert labels[0] == "03/2018"
    assert labels[-1] == "03/2020"
    assert len(labels) == 25


def test_lagging_list_says_how_long_each_has_been_building(client, world, history):
    response = _get(client, world.coordinator, on="2018-01-31")
    lines = list(response.context["page"].object_list)
    assert [(line.name, line.status, line.since, line.months) for line in lines] == [
        ("Ủy ban nhân dân xã Ia Glai", "building", D(2017, 8, 1), 5),
        ("Ủy ban nhân dân phường Diên Hồng", "not_started", None, None),
    ]
    html = response.content.decode()
    assert "01/08/2017" in html
    lagging = _get(client, world.coordinator, on="2018-01-31", level="district")
    (pleiku,) = lagging.context["page"].object_list
    assert (pleiku.status, pleiku.since, pleiku.months) == ("building", D(2017, 3, 15), 10)


def test_district_tile_is_hidden_after_2025(client, world, history):
    response = _get(client, world.coordinator, on="2026-01-15")
    assert response.context["filters"].province == world.gia_lai_2025
    levels = [tile.level for tile in response.context["dashboard"].tiles]
    assert L.DISTRICT not in levels
    assert levels == [L.DEPARTMENT_AND_DISTRICT, L.PROVINCE, L.COMMUNE]


def test_a_province_of_the_other_list_is_shown_as_it_was_on_the_date(client, world, history):
    response = _get(client, world.coordinator, on="2018-01-31", province=str(world.gia_lai_2025.pk))
    assert response.status_code == 200
    assert response.context["filters"].province == world.gia_lai_legacy
    assert b'data-testid="replaced-note"' not in response.content  # same name, no surprise
    # Legacy Bình Định after 1/7/2025 is part of Gia Lai: say so.
    response = _get(
        client, world.coordinator, on="2026-01-15", province=str(world.binh_dinh_legacy.pk)
    )
    assert response.context["filters"].province == world.gia_lai_2025
    assert b'data-testid="replaced-note"' in response.content
    # Legacy Bình Định is a province of its own before 2025, chosen explicitly.
    response = _get(
        client, world.coordinator, on="2018-01-31", province=str(world.binh_dinh_legacy.pk)
    )
    assert response.context["filters"].province == world.binh_dinh_legacy


def test_drill_down_lists_the_districts_agencies_with_their_status(client, world, history):
    url = reverse("rollout:group_detail", args=[world.pleiku.pk])
    response = _get(client, world.coordinator, url, on="2018-01-31", level="commune")
    assert response.status_code == 200
    lines = list(response.context["page"].object_list)
    assert [(line.name, line.status, line.since) for line in lines] == [
        ("Ủy ban nhân dân phường Diên Hồng", "not_started", None),
        ("Ủy ban nhân dân phường Hoa Lư", "announced", D(2017, 12, 15)),
    ]
    figure = response.context["figure"]
    assert (figure.announced, figure.in_scope) == (1, 2)
    html = response.content.decode()
    assert reverse("rollout:agency_qms", args=[history["hoa_lu"].pk]) in html
    assert "15/12/2017" in html
    before = _get(client, world.coordinator, url, on="2017-12-01", level="commune")
    assert [line.status for line in before.context["page"].object_list] == [
        "not_started",
        "not_started",
    ]


# --- bad input never breaks it -------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"on": "2018-13-45"},
        {"on": "31/02/2018"},
        {"on": "0001-01-01"},
        {"on": "x" * 500},
        {"level": "x"},
        {"province": "abc"},
        {"province": "9" * 40},
        {"province": "-3"},
        {"page": "nope"},
        {"on": "2018-01-31", "page": "999"},
    ],
)
def test_bad_parameters_fall_back_to_the_defaults(client, world, history, params):
    response = _get(client, world.coordinator, **params)
    assert response.status_code == 200
    if "on" in params and params["on"] != "2018-01-31":
        assert response.context["filters"].on != D(1, 1, 1)
    if params.get("level") == "x":
        assert response.context["filters"].level == L.COMMUNE


def test_bad_parameters_on_the_drill_down_and_the_export(client, world, history):
    client.force_login(world.coordinator)
    url = reverse("rollout:group_detail", args=[world.chu_se.pk])
    assert client.get(url, {"on": "2018-13-45", "level": "x", "page": "z"}).status_code == 200
    assert client.get(EXPORT, {"on": "2018-13-45", "level": "x"}).status_code == 200


def test_a_province_outside_the_users_reach_is_not_found(client, world):
    client.force_login(world.coordinator)
    for url in (DASHBOARD, EXPORT):
        assert client.get(url, {"province": world.kon_tum_legacy.pk}).status_code == 404
        assert client.get(url, {"province": world.chu_se.pk}).status_code == 404  # not a province


def test_dates_are_read_as_people_type_them():
    assert date_param("2018-01-31") == D(2018, 1, 31)
    assert date_param("31/01/2018") == D(2018, 1, 31)
    assert date_param("2018-02-30") is None
    assert date_param("1899-01-01") is None
    assert date_param("٢٠١٨-٠١-٣١") is None  # Arabic-Indic digits are not a date here
    assert months_between(D(2017, 3, 15), D(2018, 1, 31)) == 10
    assert months_between(D(2017, 3, 31), D(2017, 4, 30)) == 0


# --- it stays fast -------------------------------------------------------------------------


def test_query_budgets(client, world, history, django_assert_max_num_queries):
    client.force_login(world.coordinator)
    # 15, the overdue reviews, the kits' card; a fresh process also reads the rights and the
    # units' lineage it then keeps.
    with django_assert_max_num_queries(20):
        assert client.get(DASHBOARD, {"on": "2018-01-31"}).status_code == 200
    with django_assert_max_num_queries(15):
        url = reverse("rollout:group_detail", args=[world.chu_se.pk])
        assert client.get(url, {"on": "2018-01-31"}).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(EXPORT, {"on": "2018-01-31"}).status_code == 200
    client.force_login(world.admin)
    with django_assert_max_num_queries(15):
        response = client.get(DASHBOARD, {"on": "2018-01-31", "province": world.gia_lai_2025.pk})
        assert response.context["filters"].province == world.gia_lai_legacy


def test_the_number_of_queries_does_not_grow_with_agencies(
    client, world, history, django_assert_num_queries
):
    client.force_login(world.coordinator)
    client.get(DASHBOARD, {"on": "2018-01-31"})  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(DASHBOARD, {"on": "2018-01-31"})
    for index in range(30):
        agency = AgencyFactory(
            name=f"Ủy ban nhân dân xã thử {index}",
            unit=world.chu_se_town,
            kind="commune_peoples_committee",
            level="commune",
            valid_to=LEGACY_LAST,
        )
        record(agency, K.BUILDING_STARTED, D(2017, 9, 1))
    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(DASHBOARD, {"on": "2018-01-31"})
    assert response.context["page"].paginator.count == 32


# --- the workbook -------------------------------------------------------------------------


def test_the_export_is_a_workbook_with_every_table(client, world, history):
    response = _get(client, world.coordinator, EXPORT, on="2018-01-31")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-phu-iso-tinh-gia-lai-2018-01-31.xlsx"'
    )
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        gettext("Summary"),
        gettext("By kind of agency"),
        gettext("Targets"),
        gettext("By unit"),
        gettext("Lagging"),
        gettext("Monthly"),
    ]
    summary, _kinds, targets, groups, lagging, monthly = (book[n] for n in book.sheetnames)
    assert summary["A1"].font.bold
    assert summary.column_dimensions["A"].width >= 20
    values = list(summary.iter_rows(min_row=2, max_row=5, values_only=True))
    assert [row[1:4] for row in values] == [(2, 3, 66.7), (1, 1, 100), (1, 2, 50), (2, 4, 50)]
    assert values[3][4] == "658/QĐ-UBND"
    assert values[3][6] == dt.datetime(2018, 6, 30)
    assert summary.cell(row=5, column=7).number_format == "DD/MM/YYYY"
    assert [row[0] for row in targets.iter_rows(min_row=2, values_only=True)] == [
        "300/QĐ-UBND",
        "658/QĐ-UBND",
        "658/QĐ-UBND",
        "658/QĐ-UBND",
    ]
    assert list(groups.iter_rows(min_row=2, values_only=True)) == [
        ("Huyện Chư Sê", 1, 2, 50),
        ("Thành phố Pleiku", 1, 2, 50),
        (gettext("Total"), 2, 4, 50),
    ]
    lag_rows = list(lagging.iter_rows(min_row=2, values_only=True))
    assert lag_rows[0][:2] == (1, "Ủy ban nhân dân xã Ia Glai")
    assert lag_rows[0][4:] == (dt.datetime(2017, 8, 1), 5)
    assert lag_rows[1][1] == "Ủy ban nhân dân phường Diên Hồng"
    months = list(monthly.iter_rows(min_row=2, values_only=True))
    assert months[0] == (dt.datetime(2017, 8, 31), 0, 4, 0)
    assert months[-1] == (dt.datetime(2018, 1, 31), 2, 4, 50)


def test_every_table_of_the_export_can_be_filtered(client, world, history):
    """The coordinator filters and sorts the tables in the spreadsheet: each sheet has the
    filter buttons on its header, over its rows and not over the total under them."""
    response = _get(client, world.coordinator, EXPORT, on="2018-01-31")
    book = load_workbook(BytesIO(response.content))
    refs = {sheet.title: sheet.auto_filter.ref for sheet in book.worksheets}
    assert refs[gettext("Summary")] == "A1:H5"
    assert refs[gettext("Targets")] == "A1:G5"
    assert refs[gettext("By unit")] == "A1:D3"  # the total below is left out
    assert all(ref and ref.startswith("A1:") for ref in refs.values()), refs


def test_export_never_turns_an_agency_name_into_a_formula(client, world):
    import io

    from django.urls import reverse

    from openpyxl import load_workbook

    from chuan.organisations.tests.factories import AgencyFactory

    AgencyFactory(
        name='=HYPERLINK("http://evil.example","x")',
        unit=world.chu_se_town,
        kind="commune_peoples_committee",
        level="commune",
    )
    client.force_login(world.coordinator)
    response = client.get(
        reverse("rollout:dashboard_export"),
        {"on": "2018-01-31", "level": "commune", "province": world.gia_lai_legacy.pk},
    )
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [
        c
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells
    assert all(c.data_type == "s" for c in cells)


def test_an_agency_official_given_view_coverage_still_sees_no_province(client, world):
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    world.leader.user_permissions.add(Permission.objects.get(codename="view_coverage"))
    client.force_login(world.leader)
    response = client.get(reverse("rollout:dashboard"), {"province": world.gia_lai_legacy.pk})
    # The page explains there is no province to show; no figure reaches it.
    assert "dashboard" not in response.context
    response = client.get(
        "/api/v1/rollout/coverage/", {"province": "64", "on": "2018-01-31", "level": "commune"}
    )
    assert response.status_code == 404


def test_province_level_is_broken_down_by_kind_of_agency(client, world):
    import datetime as dt

    from django.urls import reverse

    from chuan.organisations.tests.factories import AgencyFactory
    from chuan.rollout.models import QmsEvent

    AgencyFactory(
        name="Trung tâm Phục vụ hành chính công tỉnh",
        unit=world.gia_lai_legacy,
        kind="public_service_centre",
    )
    QmsEvent.objects.create(
        agency=world.dost,
        kind="announced",
        occurred_on=dt.date(2016, 6, 1),
        decision_number="3/QĐ-SKHCN",
        decision_date=dt.date(2016, 6, 1),
    )
    client.force_login(world.coordinator)
    response = client.get(
        reverse("rollout:dashboard"),
        {"on": "2018-01-31", "level": "province", "province": world.gia_lai_legacy.pk},
    )
    kinds = {
        label: (fig.announced, fig.in_scope) for label, fig in response.context["dashboard"].kinds
    }
    assert kinds == {"Sở, ban, ngành cấp tỉnh": (1, 1), "Trung tâm Phục vụ hành chính công": (0, 1)}


@pytest.fixture
def target_due_next_month(world):
    """A 2025-list target whose deadline is a month after today (nothing announced yet)."""
    from django.utils import timezone

    deadline = timezone.localdate() + dt.timedelta(days=30)
    target_create(
        decision_number="1234/QĐ-UBND",
        decision_date=D(2025, 9, 1),
        province=world.gia_lai_2025,
        level=L.COMMUNE,
        percent=Decimal("100"),
        deadline=deadline,
        actor=world.admin,
    )
    return deadline


def test_a_future_date_never_judges_a_target_still_due(client, world, target_due_next_month):
    later = (target_due_next_month + dt.timedelta(days=60)).isoformat()
    response = _get(client, world.coordinator, on=later, level="commune")
    [target] = response.context["dashboard"].targets
    assert target.met is None
    assert target.state == "not_yet_due"
    assert target.state_label == gettext("Not yet due")
    assert 'data-testid="target-row" data-state="not_yet_due"' in response.content.decode()
    # The workbook says the same.
    response = _get(client, world.coordinator, EXPORT, on=later, level="commune")
    book = load_workbook(BytesIO(response.content))
    rows = list(book[gettext("Targets")].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[-1]) for row in rows] == [("1234/QĐ-UBND", gettext("Not yet due"))]
