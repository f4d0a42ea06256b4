"""The roll-out API: the coverage contract, agencies with their QMS, recording events."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest
from rest_framework.authtoken.models import Token

from chuan.accounts.roles import Role
from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, make_unit, member
from chuan.rollout.choices import EventKind as K
from chuan.rollout.models import QmsEvent, Target
from chuan.rollout.tests.factories import event

D = dt.date
PDF = bad_files.pdf()  # a PDF that parses: junk would now be refused
COVERAGE = "/api/v1/rollout/coverage/"


@pytest.fixture
def gia_lai(world):
    """A small Gia Lai of early 2018: eight commune People's Committees, three announced by
    the end of 2017 (one of which lapsed in January), two more in January 2018; one commune
    created on 1 January 2018; decision 658/QĐ-UBND's two commune targets."""
    ia_glai = make_unit(
        unit_set="legacy",
        code="23950",
        name="Xã Ia Glai",
        short_name="Ia Glai",
        level="commune",
        kind="commune",
        parent=world.chu_se,
    )
    communes = [
        AgencyFactory(
            name=f"Ủy ban nhân dân xã thử {i}",
            unit=ia_glai if i % 2 else world.chu_se_town,
            kind="commune_peoples_committee",
            level="commune",
            valid_from=D(2018, 1, 1) if i == 7 else None,
        )
        for i in range(8)
    ]
    for agency in communes[:3]:
        event(agency, K.ANNOUNCED, D(2017, 11, 20), "1/QĐ-UBND")
    event(communes[2], K.LAPSED, D(2018, 1, 15))
    event(communes[3], K.ANNOUNCED, D(2018, 1, 10), "2/QĐ-UBND")
    event(communes[7], K.ANNOUNCED, D(2018, 1, 20), "3/QĐ-UBND")
    event(communes[4], K.BUILDING_STARTED, D(2017, 6, 1))
    for percent, deadline in ((90, D(2017, 12, 31)), (100, D(2018, 6, 30))):
        Target.objects.create(
            decision_number="658/QĐ-UBND",
            decision_date=D(2017, 5, 12),
            province=world.gia_lai_legacy,
            level="commune",
            percent=percent,
            deadline=deadline,
        )
    Target.objects.create(
        decision_number="658/QĐ-UBND",
        decision_date=D(2017, 5, 12),
        province=world.gia_lai_legacy,
        level="department_and_district",
        percent=100,
        deadline=D(2017, 12, 31),
    )
    return communes


# --- Coverage -------------------------------------------------------------------------------


def test_coverage_contract_on_gia_lai_in_january_2018(client, world, gia_lai):
    client.force_login(world.coordinator)
    response = client.get(COVERAGE, {"province": "64", "on": "2018-01-31", "level": "commune"})
    assert response.status_code == 200
    # In scope: the eight commune PCs (one created on 1/1/2018). Announced on 31/1: two of the
    # three of 2017 (one lapsed), plus two in January. On the 2017 deadline: 3 of 7.
    assert response.json() == {
        "on": "2018-01-31",
        "province": "64",
        "level": "commune",
        "in_scope": 8,
        "announced": 4,
        "percent": 50.0,
        "targets": [
            {
                "decision": "658/QĐ-UBND",
                "percent": 90.0,
                "deadline": "2017-12-31",
                "met": False,
                "state": "missed",
            },
            {
                "decision": "658/QĐ-UBND",
                "percent": 100.0,
                "deadline": "2018-06-30",
                "met": None,
                "state": "not_yet_due",
            },
        ],
    }


def test_coverage_percent_has_one_decimal_and_levels_count_their_own(client, world, gia_lai):
    client.force_login(world.coordinator)
    body = client.get(COVERAGE, {"province": "64", "on": "2017-12-31", "level": "commune"}).json()
    assert (body["in_scope"], body["announced"], body["percent"]) == (7, 3, 42.9)
    assert body["targets"][0]["met"] is False
    event(world.dost, K.ANNOUNCED, D(2016, 6, 1), "3/QĐ-SKHCN")
    event(world.chu_se_pc, K.ANNOUNCED, D(2017, 12, 1), "1520/QĐ-UBND")
    body = client.get(
        COVERAGE, {"province": "64", "on": "2018-01-31", "level": "department_and_district"}
    ).json()
    assert (body["in_scope"], body["announced"], body["percent"]) == (2, 2, 100.0)
    assert body["targets"] == [
        {
            "decision": "658/QĐ-UBND",
            "percent": 100.0,
            "deadline": "2017-12-31",
            "met": True,
            "state": "met",
        }
    ]


def test_coverage_reads_codes_in_the_list_in_force_on_the_date(client, world, gia_lai):
    client.force_login(world.coordinator)
    # 52 was Bình Định before 1 July 2025 and is the new Gia Lai since; both in the family.
    old = client.get(COVERAGE, {"province": "52", "on": "2018-01-31", "level": "province"})
    assert old.json()["in_scope"] == 1  # Sở Tư pháp tỉnh Bình Định
    new = client.get(COVERAGE, {"province": "52", "on": "2025-08-01", "level": "province"})
    assert new.json()["in_scope"] == 1  # Sở KH&CN of the new Gia Lai
    gone = client.get(COVERAGE, {"province": "64", "on": "2025-08-01", "level": "commune"})
    assert gone.status_code == 400
    assert "province" in gone.json()


def test_coverage_matrix(client, world, gia_lai):
    kon_tum_dost = AgencyFactory(name="Sở KH&CN Kon Tum", unit=world.kon_tum_legacy)
    outsider = member(UserFactory(roles=[Role.DOST_COORDINATOR]), kon_tum_dost)
    url = f"{COVERAGE}?province=64&on=2018-01-31&level=commune"
    assert_permission_matrix(
        client,
        url,
        api=True,
        allowed=world.coordinator,
        member_without_right=world.leader,
        outsider=outsider,
    )
    client.force_login(world.admin)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(f"{COVERAGE}?province=62&on=2018-01-31&level=commune").status_code == 200


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {"province", "on", "level"}),
        ({"province": "64", "on": "2018-01-31"}, {"level"}),
        ({"province": "64", "level": "commune"}, {"on"}),
        ({"on": "2018-01-31", "level": "commune"}, {"province"}),
        ({"province": "64", "on": "31/01/2018", "level": "commune"}, {"on"}),
        ({"province": "64", "on": "2018-02-30", "level": "commune"}, {"on"}),
        ({"province": "64", "on": "2018-01-31", "level": "ward"}, {"level"}),
        ({"province": "999", "on": "2018-01-31", "level": "commune"}, {"province"}),
        ({"province": "x" * 500, "on": "2018-01-31", "level": "commune"}, {"province"}),
        ({"province": "64\x00", "on": "2018-01-31\x00", "level": "commune"}, {"on"}),
    ],
)
def test_coverage_bad_parameters_answer_400_naming_them(client, world, params, fields):
    client.force_login(world.coordinator)
    response = client.get(COVERAGE, params)
    assert response.status_code == 400
    assert set(response.json()) == fields


def test_coverage_errors_speak_the_users_language(client, world):
    msgid = "Give the date as YYYY-MM-DD."
    with translation.override("vi"):
        vietnamese = translation.gettext(msgid)
    client.force_login(world.coordinator)
    response = client.get(COVERAGE, {"province": "64", "level": "commune"})
    assert response["Content-Language"] == "vi"
    assert response.json()["on"] == [vietnamese]
    # A token caller is answered in the language saved on their account.
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    token = Token.objects.create(user=world.coordinator)
    client.logout()
    response = client.get(
        COVERAGE, {"province": "64", "level": "commune"}, HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response["Content-Language"] == "en"
    assert response.json()["on"] == [msgid]


# --- Agencies ---------------------------------------------------------------------------------


def test_agency_list_matrix_and_scope(client, world, gia_lai):
    response = assert_permission_matrix(
        client,
        "/api/v1/rollout/agencies/",
        api=True,
        allowed=world.viewer,
        member_without_right=member(UserFactory(), world.chu_se_pc),
    )
    body = response.json()
    assert [a["name"] for a in body["results"]] == ["Ủy ban nhân dân huyện Chư Sê"]
    assert body["results"][0]["status"] == "not_started"
    client.force_login(world.coordinator)
    body = client.get("/api/v1/rollout/agencies/", {"status": "announced"}).json()
    assert body["count"] == 4
    assert {a["status_since"] for a in body["results"]} == {
        "2017-11-20",
        "2018-01-10",
        "2018-01-20",
    }
    body = client.get("/api/v1/rollout/agencies/", {"q": "xa thu 4"}).json()
    assert [(a["name"], a["status"]) for a in body["results"]] == [
        ("Ủy ban nhân dân xã thử 4", "building")
    ]


def test_agency_list_flags_agencies_to_re_announce(client, world):
    event(world.dost, K.ANNOUNCED, D(2016, 6, 1), "3/QĐ-SKHCN")
    client.force_login(world.coordinator)
    body = client.get("/api/v1/rollout/agencies/", {"needs_reannouncement": "true"}).json()
    assert [(a["id"], a["needs_reannouncement"]) for a in body["results"]] == [
        (world.dost.pk, True)
    ]


@pytest.mark.parametrize(
    "params", [{"status": "glorious"}, {"level": "galaxy"}, {"page": "abc"}, {"page": "999"}]
)
def test_agency_list_bad_filters_are_not_server_errors(client, world, params):
    client.force_login(world.coordinator)
    response = client.get("/api/v1/rollout/agencies/", params)
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert set(response.json()) == set(params)


def test_agency_detail_matrix_and_history(client, world):
    event(world.chu_se_pc, K.BUILDING_STARTED, D(2017, 3, 1))
    announced = event(world.chu_se_pc, K.ANNOUNCED, D(2017, 12, 15), "1520/QĐ-UBND")
    announced.file.save("qd.pdf", SimpleUploadedFile("qd.pdf", PDF))
    response = assert_permission_matrix(
        client,
        f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/",
        api=True,
        allowed=world.viewer,
        member_without_right=member(UserFactory(), world.chu_se_pc),
        outsider=world.outsider,
    )
    body = response.json()
    assert body["status"] == "announced"
    assert body["needs_reannouncement"] is False
    assert [(e["kind"], e["occurred_on"], e["decision_number"]) for e in body["events"]] == [
        ("building_started", "2017-03-01", ""),
        ("announced", "2017-12-15", "1520/QĐ-UBND"),
    ]
    assert body["events"][1]["file"].endswith(
        f"/rollout/agencies/{world.chu_se_pc.pk}/?file={announced.pk}"
    )
    assert body["events"][0]["file"] is None
    assert client.get("/api/v1/rollout/agencies/999999/").status_code == 404


# --- Recording events -------------------------------------------------------------------------

PAYLOAD = {
    "kind": "announced",
    "occurred_on": "2017-12-15",
    "decision_number": "1520/QĐ-UBND",
    "decision_date": "2017-12-15",
    "signer": "Chủ tịch UBND huyện Chư Sê",
    "iso_edition": "2008",
    "scope": "Toàn bộ thủ tục hành chính",
}


def test_event_create_matrix(client, world):
    response = assert_permission_matrix(
        client,
        f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/events/",
        method="post",
        data=PAYLOAD,
        api=True,
        allowed=world.leader,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=201,
    )
    body = response.json()
    assert body["kind"] == "announced"
    assert body["recorded_by"] == world.leader.full_name
    assert QmsEvent.objects.get().agency == world.chu_se_pc
    assert ActivityEntry.objects.filter(verb="qms_event.recorded").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decision_number": ""}, "decision_number"),
        ({"decision_date": None}, "decision_date"),
        ({"kind": "applying_confirmed"}, "kind"),
        ({"kind": "won_a_prize"}, "kind"),
        ({"occurred_on": "15/12/2017"}, "occurred_on"),
        ({"iso_edition": "2000"}, "iso_edition"),
        ({"signer": "x" * 500}, "signer"),
    ],
)
def test_event_create_refusals_name_the_field_and_change_nothing(client, world, changes, field):
    client.force_login(world.coordinator)
    response = client.post(
        f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/events/",
        {**PAYLOAD, **changes},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not QmsEvent.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_event_create_takes_a_decision_file_checked_by_content(client, world):
    client.force_login(world.coordinator)
    url = f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/events/"
    fake = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url, {**PAYLOAD, "file": fake})
    assert response.status_code == 400
    assert "file" in response.json()
    assert not QmsEvent.objects.exists()
    response = client.post(url, {**PAYLOAD, "file": SimpleUploadedFile("qd.pdf", PDF)})
    assert response.status_code == 201
    assert response.json()["file"].endswith(f"?file={response.json()['id']}")


@pytest.mark.parametrize(
    "body", ["not json", "[]", '{"kind": 5}', '{"occurred_on": {"a": 1}}', "null"]
)
def test_event_create_garbage_is_a_400(client, world, body):
    client.force_login(world.coordinator)
    response = client.post(
        f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/events/",
        body,
        content_type="application/json",
    )
    assert response.status_code == 400


def test_token_authentication(client, world, gia_lai):
    token = Token.objects.create(user=world.coordinator)
    response = client.get(
        COVERAGE,
        {"province": "64", "on": "2018-01-31", "level": "commune"},
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200
    response = client.get(COVERAGE, HTTP_AUTHORIZATION="Token nonsense")
    assert response.status_code == 401


def test_api_lists_stay_within_the_query_budget(
    client, world, gia_lai, django_assert_max_num_queries
):
    for i in range(30):
        agency = AgencyFactory(
            name=f"Ủy ban nhân dân phường thử {i}",
            unit=world.pleiku_ward_2025,
            kind="commune_peoples_committee",
            level="commune",
        )
        event(agency, K.ANNOUNCED, D(2025, 8, 1), f"{i}/QĐ")
    client.force_login(world.coordinator)
    for url, params in (
        ("/api/v1/rollout/agencies/", {}),
        ("/api/v1/rollout/agencies/", {"status": "announced"}),
        (f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/", {}),
        (COVERAGE, {"province": "52", "on": "2025-09-01", "level": "commune"}),
    ):
        with django_assert_max_num_queries(15):
            assert client.get(url, params).status_code == 200


def test_schema_describes_the_rollout_endpoints(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/rollout/coverage/",
        "/api/v1/rollout/agencies/",
        "/api/v1/rollout/agencies/{id}/",
        "/api/v1/rollout/agencies/{id}/events/",
    ):
        assert path in schema


def test_a_system_administrator_gets_the_nation_without_a_province(client, world):
    import datetime as dt

    from chuan.rollout.models import QmsEvent

    QmsEvent.objects.create(
        agency=world.chu_se_pc,
        kind="announced",
        occurred_on=dt.date(2017, 6, 1),
        decision_number="1/QĐ",
        decision_date=dt.date(2017, 6, 1),
    )
    client.force_login(world.admin)
    body = client.get("/api/v1/rollout/coverage/", {"on": "2018-01-31", "level": "district"}).json()
    assert body == {
        "on": "2018-01-31",
        "province": None,
        "level": "district",
        "in_scope": 1,
        "announced": 1,
        "percent": 100.0,
        "targets": [],
    }
    client.force_login(world.coordinator)
    response = client.get("/api/v1/rollout/coverage/", {"on": "2018-01-31", "level": "district"})
    assert response.status_code == 400
    assert "province" in response.json()


def test_coverage_on_a_future_date_does_not_judge_a_target_still_due(client, world):
    from django.utils import timezone

    deadline = timezone.localdate() + dt.timedelta(days=30)
    Target.objects.create(
        decision_number="1234/QĐ-UBND",
        decision_date=D(2025, 9, 1),
        province=world.gia_lai_2025,
        level="commune",
        percent=100,
        deadline=deadline,
    )
    client.force_login(world.coordinator)
    later = (deadline + dt.timedelta(days=60)).isoformat()
    body = client.get(COVERAGE, {"province": "52", "on": later, "level": "commune"}).json()
    assert body["targets"] == [
        {
            "decision": "1234/QĐ-UBND",
            "percent": 100.0,
            "deadline": deadline.isoformat(),
            "met": None,
            "state": "not_yet_due",
        }
    ]
