"""The kits API: the permission matrix of every endpoint (anonymous 401, outside the scope
404, without the right 403, allowed), query budgets of the lists, and a flow through it."""

from django.urls import reverse

import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.kits import services
from chuan.kits.models import AdoptedItem, ModelSet, UpdateRequest
from chuan.kits.tests.factories import BODY, commune
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kit, world):
    first = kit.communes[0]
    services.model_set_adopt(agency=first.agency, model_set=kit.model_set, actor=first.secretary)
    # Someone of another province, and a commune viewer without the kits rights.
    outsider = world.outsider
    viewer = member(UserFactory(roles=[Role.VIEWER]), first.agency)
    nobody = member(UserFactory(roles=[]), first.agency)
    return {"first": first, "outsider": outsider, "viewer": viewer, "nobody": nobody}


def test_reads_follow_the_matrix(client, kit, people):
    first = people["first"]
    adopted = AdoptedItem.objects.filter(agency=first.agency).first()
    edition = kit.document.editions.get()
    for url in (
        reverse("api-kit-set-detail", args=[kit.model_set.pk]),
        reverse("api-kit-adoption", args=[kit.model_set.pk]),
        reverse("api-kit-adoption-counts", args=[kit.model_set.pk]),
        reverse("api-kit-item-detail", args=[kit.document.pk]),
        reverse("api-kit-edition-detail", args=[edition.pk]),
    ):
        assert_permission_matrix(
            client,
            url,
            allowed=first.secretary,
            outsider=people["outsider"],
            member_without_right=people["nobody"],
            api=True,
        )
    for url in (reverse("api-kit-adopted-diff", args=[adopted.pk]),):
        assert_permission_matrix(
            client,
            url,
            allowed=first.secretary,
            outsider=kit.communes[1].secretary,
            member_without_right=people["nobody"],
            api=True,
        )


def test_writes_follow_the_matrix(client, kit, people):
    first = people["first"]
    second = kit.communes[1]
    # Keeping: DOST's coordinator yes; a commune's ISO secretary may read but not keep.
    assert_permission_matrix(
        client,
        reverse("api-kit-item-detail", args=[kit.document.pk]),
        method="post",
        data={"changes": [{"what": "Sửa mục 5"}]},
        allowed=kit.coordinator,
        outsider=people["outsider"],
        member_without_right=first.secretary,
        api=True,
        allowed_status=201,
    )
    draft = kit.document.editions.get(number=2)
    # Approving: a leader of the keeping agency, not the coordinator who drafted it.
    assert_permission_matrix(
        client,
        reverse("api-kit-edition-approve", args=[draft.pk]),
        method="post",
        data={},
        allowed=kit.dost_leader,
        outsider=people["outsider"],
        member_without_right=kit.coordinator,
        api=True,
    )
    request = UpdateRequest.objects.get(agency=first.agency)
    # Answering: the agency's own ISO secretary; DOST sees it but may not answer.
    assert_permission_matrix(
        client,
        reverse("api-kit-request-keep", args=[request.pk]),
        method="post",
        data={"decision": "Giữ bản của xã."},
        allowed=first.secretary,
        outsider=second.secretary,
        member_without_right=people["viewer"],
        api=True,
    )
    # Adopting: a commune's own officials only.
    assert_permission_matrix(
        client,
        reverse("api-kit-adopt", args=[kit.model_set.pk]),
        method="post",
        data={},
        allowed=second.secretary,
        outsider=people["outsider"],
        member_without_right=people["viewer"],
        api=True,
        allowed_status=201,
    )
    client.force_login(kit.coordinator)
    response = client.post(
        reverse("api-kit-adopt", args=[kit.model_set.pk]),
        data={"agency": kit.communes[1].agency.pk},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_department_keeps_only_its_own_sets(client, kit, world):
    justice = AgencyFactory(name="Sở Tư pháp", unit=world.gia_lai_2025)
    keeper = member(UserFactory(roles=[Role.ISO_SECRETARY]), justice)
    client.force_login(keeper)
    url = reverse("api-kit-set-list")
    body = {
        "keeper": justice.pk,
        "code": "BM-HT",
        "name": "Bộ mẫu hộ tịch",
        "scope": "commune_level",
    }
    response = client.post(url, data=body, content_type="application/json")
    assert response.status_code == 201, response.content
    own = ModelSet.objects.get(code="BM-HT")
    response = client.post(
        url, data={**body, "keeper": kit.dost.pk, "code": "BM-2"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = client.post(
        reverse("api-kit-item-detail", args=[kit.document.pk]),
        data={"changes": [{"what": "x"}]},
        content_type="application/json",
    )
    assert response.status_code == 403
    response = client.post(
        reverse("api-kit-item-create", args=[own.pk]),
        data={
            "kind": "document",
            "code": "BM-01",
            "title": "Mẫu tờ khai",
            "document_kind": "form",
            "body": "Tờ khai gửi {{ten_co_quan}}",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    # A commune may not open a set.
    client.force_login(kit.communes[0].secretary)
    response = client.post(
        url,
        data={**body, "keeper": kit.communes[0].agency.pk, "code": "BM-3"},
        content_type="application/json",
    )
    assert response.status_code == 403


BUDGETS = (
    # Signing in, rights and scope cost about ten queries on every call; the rest is the
    # list's own, the same whatever the number of agencies.
    ("api-kit-set-list", False, 12),
    ("api-kit-set-detail", True, 13),
    ("api-kit-adoption", True, 18),
    ("api-kit-adoption-counts", True, 18),
    ("api-kit-adopted-list", False, 12),
    ("api-kit-request-list", False, 12),
    ("api-kit-review-list", False, 11),
)


def _within_budgets(client, kit, django_assert_max_num_queries):
    for name, with_set, budget in BUDGETS:
        url = reverse(name, args=[kit.model_set.pk] if with_set else [])
        with django_assert_max_num_queries(budget, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
    url = reverse("api-kit-item-detail", args=[kit.document.pk])
    with django_assert_max_num_queries(14, info=url):
        assert client.get(url).status_code == 200


def test_lists_stay_within_their_query_budget(client, kit, django_assert_max_num_queries):
    def revise(line):
        services.edition_approve(
            edition=services.edition_draft(
                item=kit.document,
                content=services.EditionData(body=BODY + line, changes=[{"what": line}]),
                actor=kit.coordinator,
            ),
            actor=kit.dost_leader,
        )

    for extra in range(2):
        more = commune(kit.province, f"Krông {extra}")
        services.model_set_adopt(agency=more.agency, model_set=kit.model_set, actor=more.secretary)
    revise("\n6. Mới.")
    client.force_login(kit.coordinator)
    _within_budgets(client, kit, django_assert_max_num_queries)
    for extra in range(2, 6):
        more = commune(kit.province, f"Krông {extra}")
        services.model_set_adopt(agency=more.agency, model_set=kit.model_set, actor=more.secretary)
    revise("\n7. Mới hơn.")
    _within_budgets(client, kit, django_assert_max_num_queries)
    response = client.get(reverse("api-kit-request-list"))
    assert response.json()["count"] == 6


def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(client, kit, people):
    first = people["first"]
    client.force_login(first.secretary)
    client.cookies["django_language"] = "vi"
    new = services.edition_approve(
        edition=services.edition_draft(
            item=kit.document,
            content=services.EditionData(
                body=BODY.replace("5 năm", "10 năm"), changes=[{"what": "Sửa"}]
            ),
            actor=kit.coordinator,
        ),
        actor=kit.dost_leader,
    )
    request = UpdateRequest.objects.get(edition=new, agency=first.agency)
    url = reverse("api-kit-request-keep", args=[request.pk])
    response = client.post(
        url, data={"decision": " "}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert "decision" in response.json()
    request.refresh_from_db()
    assert request.status == "open"
    response = client.post(
        reverse("api-kit-request-adopt", args=[request.pk]),
        data={"choices": [{"conflict": 1001, "side": "ours"}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    response = client.post(
        reverse("api-kit-request-adopt", args=[request.pk]),
        data={},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "adopted"
    response = client.post(
        reverse("api-kit-request-adopt", args=[request.pk]),
        data={},
        content_type="application/json",
    )
    assert response.status_code == 409
