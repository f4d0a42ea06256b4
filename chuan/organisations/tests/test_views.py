from django.urls import reverse

import pytest

from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.models import Agency, Department
from chuan.organisations.tests.factories import AgencyFactory


def test_unit_search_ignores_diacritics_and_case(client, world):
    client.force_login(world.viewer)
    url = reverse("organisations:unit_browser")
    page = client.get(url, {"q": "chu se", "set": "legacy"}).context["page"]
    names = [u.name for u in page.object_list]
    assert names[0] == "Huyện Chư Sê"
    assert "Thị trấn Chư Sê" in names
    page = client.get(url, {"q": "PLEIKU", "set": "legacy"}).context["page"]
    assert [u.name for u in page.object_list] == ["Thành phố Pleiku"]
    page = client.get(url, {"q": "pleiku", "set": "2025"}).context["page"]
    assert [u.name for u in page.object_list] == ["Phường Pleiku"]


def test_unit_tree_shows_breadcrumbs_children_and_lineage(client, world):
    client.force_login(world.viewer)
    response = client.get(reverse("organisations:unit_detail", args=[world.chu_se_town.pk]))
    assert [u.name for u in response.context["breadcrumbs"]] == [
        "Tỉnh Gia Lai",
        "Huyện Chư Sê",
        "Thị trấn Chư Sê",
    ]
    response = client.get(reverse("organisations:unit_detail", args=[world.gia_lai_legacy.pk]))
    children = {u.name: u.child_count for u in response.context["page"].object_list}
    assert children == {"Huyện Chư Sê": 1, "Thành phố Pleiku": 0}
    assert response.context["lineage"]["successors"][0].successor == world.gia_lai_2025


@pytest.mark.parametrize(
    "name", ["unit_browser", "agency_list", "unit_detail", "agency_detail", "home"]
)
def test_pages_stay_within_the_query_budget(client, world, django_assert_max_num_queries, name):
    for i in range(30):
        AgencyFactory(
            name=f"Ủy ban nhân dân xã thử {i}",
            unit=world.chu_se_town,
            kind="commune_peoples_committee",
            level="commune",
            parent=world.chu_se_pc,
        )
    urls = {
        "unit_browser": reverse("organisations:unit_browser") + "?set=legacy",
        "agency_list": reverse("organisations:agency_list"),
        "unit_detail": reverse("organisations:unit_detail", args=[world.gia_lai_legacy.pk]),
        "agency_detail": reverse("organisations:agency_detail", args=[world.chu_se_pc.pk]),
        "home": reverse("reports:home"),
    }
    client.force_login(world.coordinator)
    # The home page also lists the official's own QMS actions and the feedback waiting; a
    # unit's or agency's page reads the units' lineage a fresh process then keeps.
    with django_assert_max_num_queries(18 if name == "home" else 16):
        response = client.get(urls[name])
    assert response.status_code == 200


def test_agency_list_search_is_scoped_and_ignores_diacritics(client, world):
    client.force_login(world.coordinator)
    page = client.get(reverse("organisations:agency_list"), {"q": "tu phap"}).context["page"]
    assert [a.name for a in page.object_list] == ["Sở Tư pháp tỉnh Bình Định"]
    client.force_login(world.outsider)
    page = client.get(reverse("organisations:agency_list"), {"q": "tu phap"}).context["page"]
    assert [a.name for a in page.object_list] == ["Sở Tư pháp tỉnh Kon Tum"]


def test_agency_detail_permission_matrix(client, world):
    from chuan.organisations.tests.factories import UserFactory, member

    no_role = member(UserFactory(), world.chu_se_pc)
    assert_permission_matrix(
        client,
        reverse("organisations:agency_detail", args=[world.chu_se_pc.pk]),
        allowed=world.viewer,
        member_without_right=no_role,
        outsider=world.outsider,
    )


def test_agency_edit_permission_matrix_and_save(client, world):
    url = reverse("organisations:agency_edit", args=[world.chu_se_pc.pk])
    assert_permission_matrix(
        client,
        url,
        allowed=world.leader,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    response = client.post(
        url,
        {
            "name": "Ủy ban nhân dân huyện Chư Sê",
            "short_name": "UBND huyện Chư Sê",
            "kind": "district_peoples_committee",
            "level": "district",
            "unit": world.chu_se.pk,
            "code": "000.00.40.H21",
        },
    )
    assert response.status_code == 302
    world.chu_se_pc.refresh_from_db()
    assert world.chu_se_pc.code == "000.00.40.H21"
    assert ActivityEntry.objects.filter(verb="agency.updated", actor=world.leader).exists()


def test_agency_create_by_coordinator(client, world):
    url = reverse("organisations:agency_create")
    assert_permission_matrix(
        client, url, allowed=world.coordinator, member_without_right=world.leader
    )
    response = client.post(
        url,
        {
            "name": "Ủy ban nhân dân thị trấn Chư Sê",
            "kind": "commune_peoples_committee",
            "unit": world.chu_se_town.pk,
            "parent": world.chu_se_pc.pk,
            "code": "000.00.41.H21",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    agency = Agency.objects.get(code="000.00.41.H21")
    assert agency.parent == world.chu_se_pc
    assert response["Location"] == reverse("organisations:agency_detail", args=[agency.pk])


def test_agency_create_with_bad_input_shows_messages_and_writes_nothing(client, world):
    client.force_login(world.coordinator)
    before = (Agency.objects.count(), ActivityEntry.objects.count())
    response = client.post(
        reverse("organisations:agency_create"),
        {
            "name": "",
            "kind": "xyz",
            "unit": "999999",
            "code": "H21",
            "valid_from": "31/02/2026",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "kind", "unit", "valid_from"} <= set(errors)
    assert (Agency.objects.count(), ActivityEntry.objects.count()) == before


def test_coordinator_cannot_register_agencies_in_another_province(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("organisations:agency_create"),
        {
            "name": "Sở Nội vụ",
            "kind": "provincial_department",
            "unit": world.kon_tum_legacy.pk,
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Agency.objects.filter(unit=world.kon_tum_legacy, name="Sở Nội vụ").exists()


def test_unit_picker_returns_matches(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("organisations:unit_pick"), {"unit_q": "chu se"})
    assert f'data-pick-unit="{world.chu_se.pk}"' in response.content.decode()


def test_department_create_matrix_and_bad_name(client, world):
    url = reverse("organisations:department_create", args=[world.chu_se_pc.pk])
    assert_permission_matrix(
        client,
        url,
        method="post",
        data={"name": "Phòng Tư pháp"},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    assert Department.objects.filter(agency=world.chu_se_pc, name="Phòng Tư pháp").exists()
    client.post(url, {"name": "   "})
    assert Department.objects.filter(agency=world.chu_se_pc).count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/units/abc/",
        "/units/99999999/",
        "/agencies/99999999/",
        "/agencies/99999999/edit/",
        "/units/?page=abc&set=zzz&q=" + "x" * 500,
        "/agencies/?kind=zzz&level=qq&page=-1",
        "/activity/?agency=abc&user=x&type=foo.bar&id=1",
    ],
)
def test_bad_urls_never_give_a_server_error(client, world, path):
    client.force_login(world.admin)
    assert client.get(path).status_code in {200, 404}


def _official(**changes):
    data = {
        "full_name": "Rơ Châm H'Nơi",
        "username": "hnoi.rc",
        "password": "Ia-Pết-2026-an-toàn",
        "email": "hnoi@example.gov.vn",
        "position": "Công chức Tư pháp - Hộ tịch",
        "roles": ["desk_officer"],
    }
    data.update(changes)
    return data


def test_leader_opens_an_account_for_a_new_official(client, world):
    from chuan.accounts.models import User

    url = reverse("organisations:official_create", args=[world.chu_se_pc.pk])
    assert_permission_matrix(
        client,
        url,
        allowed=world.leader,
        member_without_right=world.secretary,
        outsider=world.outsider,
    )
    response = client.post(url, _official())
    assert response.status_code == 302
    official = User.objects.get(username="hnoi.rc")
    assert official.check_password("Ia-Pết-2026-an-toàn")
    assert list(official.groups.values_list("name", flat=True)) == ["desk_officer"]
    assert official.active_membership.agency == world.chu_se_pc
    assert official.active_membership.position == "Công chức Tư pháp - Hộ tịch"
    verbs = set(ActivityEntry.objects.filter(actor=world.leader).values_list("verb", flat=True))
    assert {"user.created", "membership.created"} <= verbs


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"roles": ["system_admin"]}, "roles"),
        ({"roles": ["dost_coordinator"]}, "roles"),
        ({"username": "có dấu cách"}, "username"),
        ({"password": "12345678"}, "password"),
        ({"full_name": ""}, "full_name"),
        ({"roles": []}, "roles"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_bad_official_data_is_refused_and_nothing_is_written(client, world, changes, field):
    from chuan.accounts.models import User

    client.force_login(world.leader)
    before = (User.objects.count(), ActivityEntry.objects.count())
    url = reverse("organisations:official_create", args=[world.chu_se_pc.pk])
    response = client.post(url, _official(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (User.objects.count(), ActivityEntry.objects.count()) == before


def test_department_of_another_agency_is_refused(client, world):
    from chuan.organisations.services import department_create

    other = department_create(agency=world.dost, name="Văn phòng", actor=world.admin)
    client.force_login(world.admin)
    url = reverse("organisations:official_create", args=[world.chu_se_pc.pk])
    response = client.post(url, _official(department=other.pk))
    assert "department" in response.context["form"].errors


@pytest.mark.parametrize(
    "name",
    ["agency_create", "agency_edit", "agency_import", "official_create", "user_detail", "login"],
)
def test_form_pages_stay_within_the_query_budget(
    client, world, django_assert_max_num_queries, name
):
    urls = {
        "agency_create": reverse("organisations:agency_create"),
        "agency_edit": reverse("organisations:agency_edit", args=[world.chu_se_pc.pk]),
        "agency_import": reverse("organisations:agency_import"),
        "official_create": reverse("organisations:official_create", args=[world.chu_se_pc.pk]),
        "user_detail": reverse("accounts:user_detail", args=[world.viewer.pk]),
        "login": reverse("accounts:login"),
    }
    if name != "login":
        client.force_login(world.coordinator)
    # The home page also lists the official's own QMS actions and the feedback waiting; a
    # unit's or agency's page reads the units' lineage a fresh process then keeps.
    with django_assert_max_num_queries(18 if name == "home" else 16):
        response = client.get(urls[name])
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "agency_edit",
            {
                "name": "x" * 300,
                "kind": "other",
                "unit": "abc",
                "parent": "xyz",
                "valid_from": "2026-13-45",
                "level": "planet",
            },
        ),
        ("department_create", {"name": "y" * 300}),
        ("agency_import", {"unit_set": "1990"}),
        ("official_create", {"roles": ["nobody"], "department": "-1", "username": "\x00"}),
    ],
)
def test_garbage_posts_get_messages_and_change_nothing(client, world, name, data):
    client.force_login(world.admin)
    before = (Agency.objects.count(), Department.objects.count(), ActivityEntry.objects.count())
    world.chu_se_pc.refresh_from_db()
    snapshot = (world.chu_se_pc.name, world.chu_se_pc.unit_id, world.chu_se_pc.parent_id)
    args = [] if name == "agency_import" else [world.chu_se_pc.pk]
    response = client.post(reverse(f"organisations:{name}", args=args), data)
    assert response.status_code in {200, 302}
    after = (Agency.objects.count(), Department.objects.count(), ActivityEntry.objects.count())
    assert after == before
    world.chu_se_pc.refresh_from_db()
    assert (world.chu_se_pc.name, world.chu_se_pc.unit_id, world.chu_se_pc.parent_id) == snapshot


def test_agencies_are_listed_in_vietnamese_alphabetical_order(client, world):
    for name in ["Sở Tư pháp", "Sở Thông tin và Truyền thông", "Sở Tài chính"]:
        AgencyFactory(name=name, unit=world.gia_lai_2025)
    client.force_login(world.coordinator)
    page = client.get(reverse("organisations:agency_list"), {"q": "so t", "level": "province"})
    names = [a.name for a in page.context["page"].object_list]
    assert names.index("Sở Tài chính") < names.index("Sở Thông tin và Truyền thông")
    assert names.index("Sở Thông tin và Truyền thông") < names.index("Sở Tư pháp")


def test_units_under_a_province_follow_the_official_code_order(client, world):
    client.force_login(world.viewer)
    response = client.get(reverse("organisations:unit_detail", args=[world.gia_lai_legacy.pk]))
    codes = [u.code for u in response.context["page"].object_list]
    assert codes == sorted(codes) == ["622", "633"]
