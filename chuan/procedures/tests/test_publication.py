"""The public page of an agency's procedures: no account, the same catalogue the desk
receives from, paginated, searchable, cacheable and within a query budget."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_page_lists_what_the_desk_receives(client, world, django_assert_max_num_queries):
    from django.utils import timezone

    from chuan.dossiers.tests.factories import make_desk
    from chuan.procedures.selectors import catalogue_versions

    desk = make_desk(world)
    url = f"/cong-khai/{world.ward_pc.pk}/"
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    shown = [v.pk for v in response.context["page"].object_list]
    desk_sees = [
        v.pk
        for v in catalogue_versions(
            user=desk.officer, on=timezone.localdate(), level=desk.agency.level
        )
    ]
    assert shown == desk_sees and shown
    html = response.content.decode()
    assert "1.001193" in html and 'data-testid="online-level"' in html
    response = client.get(url, {"q": "dat dai"})
    assert [v.procedure.code for v in response.context["page"].object_list] == ["1.012787"]
    assert client.get("/cong-khai/999999/").status_code == 404
    assert client.get(url, {"page": "²"}).status_code == 200


def test_the_lookup_page_links_to_the_agency_s_procedures(client, world):
    from chuan.dossiers.tests.factories import make_desk

    desk = make_desk(world)
    html = client.get("/tra-cuu/", {"code": f"{desk.agency.code}-260302-0001"}).content.decode()
    assert f"/cong-khai/{desk.agency.pk}/" in html
