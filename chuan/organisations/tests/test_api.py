from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.models import Agency


def test_agency_detail_api_matrix(client, world):
    from chuan.organisations.tests.factories import UserFactory, member

    assert_permission_matrix(
        client,
        f"/api/v1/agencies/{world.chu_se_pc.pk}/",
        api=True,
        allowed=world.viewer,
        member_without_right=member(UserFactory(), world.chu_se_pc),
        outsider=world.outsider,
    )


def test_unit_search_api_ignores_diacritics(client, world):
    client.force_login(world.viewer)
    body = client.get("/api/v1/units/", {"q": "chu se", "set": "legacy"}).json()
    assert [u["name"] for u in body["results"]] == ["Huyện Chư Sê", "Thị trấn Chư Sê"]


def test_create_agency_api_validates_like_the_screen(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        "/api/v1/agencies/",
        {
            "name": "Ủy ban nhân dân thị trấn Chư Sê",
            "kind": "commune_peoples_committee",
            "unit": world.chu_se_town.pk,
            "code": "bad",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "code" in response.json()
    response = client.post(
        "/api/v1/agencies/",
        {
            "name": "Ủy ban nhân dân thị trấn Chư Sê",
            "kind": "commune_peoples_committee",
            "unit": world.chu_se_town.pk,
            "code": "000.00.52.H21",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["level"] == "commune"
    assert ActivityEntry.objects.filter(verb="agency.created").count() == 1


def test_create_agency_api_refuses_other_provinces_and_roles(client, world):
    client.force_login(world.coordinator)
    payload = {
        "name": "Sở Nội vụ",
        "kind": "provincial_department",
        "unit": world.kon_tum_legacy.pk,
    }
    assert (
        client.post("/api/v1/agencies/", payload, content_type="application/json").status_code
        == 403
    )
    client.force_login(world.leader)
    assert (
        client.post("/api/v1/agencies/", payload, content_type="application/json").status_code
        == 403
    )
    assert not Agency.objects.filter(name="Sở Nội vụ").exists()


def test_schema_is_served(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
