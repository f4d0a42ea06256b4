"""The kit's screens: what DOST and a commune see and do, each page within its query budget,
and who may open what."""

import pytest

from chuan.kits import services
from chuan.kits.models import AdoptedItem, ModelEdition, UpdateRequest
from chuan.kits.services import EditionData
from chuan.kits.tests.factories import approve, make_kit, model_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(world):
    """A kit with three communes; the first two adopted it, the first adapted its text."""
    kit = make_kit(world, communes=3)
    for commune in kit.communes[:2]:
        services.model_set_adopt(
            agency=commune.agency, model_set=kit.model_set, actor=commune.secretary
        )
    first = AdoptedItem.objects.get(agency=kit.communes[0].agency, item=kit.document)
    services.adopted_text_adapt(
        adopted=first,
        text=first.text.replace("lưu 5 năm", "lưu 10 năm"),
        actor=kit.communes[0].secretary,
    )
    return kit


def _revise_process(kit):
    edition = services.edition_draft(
        item=kit.process,
        content=EditionData(
            steps=model_steps(signing_days="0.5"),
            changes=[{"what": "Rút ngắn bước ký", "where": "Bước 3", "why": "Luật sửa đổi"}],
        ),
        actor=kit.coordinator,
    )
    return approve(edition, kit)


def _revise_document(kit):
    edition = services.edition_draft(
        item=kit.document,
        content=EditionData(
            body=kit.document.editions.get(number=1).body.replace("lưu 5 năm", "lưu 7 năm"),
            changes=[{"what": "Thời hạn lưu", "where": "Mục 5", "why": "Quy định mới"}],
        ),
        actor=kit.coordinator,
    )
    return approve(edition, kit)


def test_dost_reads_the_set_its_items_and_editions(client, adopted, django_assert_max_num_queries):
    kit = adopted
    client.force_login(kit.coordinator)
    with django_assert_max_num_queries(20):
        page = client.get("/kits/")
    assert page.status_code == 200
    assert "Bộ mẫu HTQLCL cấp xã" in page.content.decode()
    with django_assert_max_num_queries(22):
        page = client.get(f"/kits/sets/{kit.model_set.pk}/")
    text = page.content.decode()
    assert "QT-HT-01" in text and "QT-TP-01" in text
    with django_assert_max_num_queries(25):
        page = client.get(f"/kits/items/{kit.document.pk}/")
    assert page.status_code == 200
    assert "kit-placeholder" in page.content.decode()
    page = client.get(f"/kits/items/{kit.process.pk}/")
    assert "Thẩm định hồ sơ" in page.content.decode()


def test_dost_drafts_and_its_leader_approves_a_new_edition(client, adopted):
    kit = adopted
    client.force_login(kit.coordinator)
    form = client.get(f"/kits/items/{kit.process.pk}/draft/")
    assert form.status_code == 200
    data = {
        "what": "Rút ngắn bước ký",
        "where": "Bước 3",
        "why": "Luật sửa đổi",
        "legal_basis": "60/2014/QH13",
        "steps-TOTAL_FORMS": "4",
        "steps-INITIAL_FORMS": "0",
    }
    for index, step in enumerate(model_steps(signing_days="0.5")):
        data.update(
            {
                f"steps-{index}-name": step.name,
                f"steps-{index}-responsible": step.responsible,
                f"steps-{index}-department_name": step.department_name,
                f"steps-{index}-time_amount": str(step.time_amount),
                f"steps-{index}-time_unit": step.time_unit,
            }
        )
        if step.signs:
            data[f"steps-{index}-signs"] = "on"
    saved = client.post(f"/kits/items/{kit.process.pk}/draft/", data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    draft = ModelEdition.objects.get(item=kit.process, state="draft")
    client.force_login(kit.dost_leader)
    approved = client.post(f"/kits/editions/{draft.pk}/approve/", {"approved_on": ""})
    assert approved.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "approved"
    assert UpdateRequest.objects.filter(edition=draft, status="open").count() == 2


def test_a_change_with_no_reason_is_refused_on_the_form(client, adopted):
    kit = adopted
    client.force_login(kit.coordinator)
    page = client.post(
        f"/kits/items/{kit.document.pk}/draft/",
        {"body": "x", "steps-TOTAL_FORMS": "0", "steps-INITIAL_FORMS": "0"},
    )
    assert page.status_code == 200
    assert not ModelEdition.objects.filter(item=kit.document, state="draft").exists()


def test_a_commune_previews_and_adopts_chosen_items(client, adopted, django_assert_max_num_queries):
    kit = adopted
    third = kit.communes[2]
    client.force_login(third.secretary)
    with django_assert_max_num_queries(25):
        page = client.get(f"/kits/sets/{kit.model_set.pk}/adopt/?items={kit.document.pk}")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="planned"' in text
    done = client.post(
        f"/kits/sets/{kit.model_set.pk}/adopt/",
        {"items": [kit.document.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert done.status_code == 204
    assert done["HX-Redirect"] == "/kits/mine/"
    assert list(
        AdoptedItem.objects.filter(agency=third.agency).values_list("item_id", flat=True)
    ) == [kit.document.pk]
    with django_assert_max_num_queries(20):
        mine = client.get("/kits/mine/")
    assert "QT-HT-01" in mine.content.decode()


def test_the_diff_shows_the_agencys_change(client, adopted, django_assert_max_num_queries):
    kit = adopted
    commune = kit.communes[0]
    item = AdoptedItem.objects.get(agency=commune.agency, item=kit.document)
    client.force_login(commune.secretary)
    with django_assert_max_num_queries(20):
        page = client.get(f"/kits/adopted/{item.pk}/")
    text = page.content.decode()
    assert 'data-op="changed"' in text
    assert "lưu 10 năm" in text and "lưu 5 năm" in text
    process = AdoptedItem.objects.get(agency=commune.agency, item=kit.process)
    assert client.get(f"/kits/adopted/{process.pk}/").status_code == 200


def test_a_commune_answers_with_a_conflict_resolved(client, adopted, django_assert_max_num_queries):
    kit = adopted
    edition = _revise_document(kit)
    commune = kit.communes[0]
    request = UpdateRequest.objects.get(edition=edition, agency=commune.agency)
    assert request.conflicts == 1
    client.force_login(commune.secretary)
    with django_assert_max_num_queries(20):
        listing = client.get("/kits/requests/")
    assert "QT-HT-01" in listing.content.decode()
    with django_assert_max_num_queries(20):
        page = client.get(f"/kits/requests/{request.pk}/")
    assert 'data-testid="conflict"' in page.content.decode()
    refused = client.post(f"/kits/requests/{request.pk}/adopt/", {})
    assert refused.status_code == 302
    request.refresh_from_db()
    assert request.status == "open"
    done = client.post(f"/kits/requests/{request.pk}/adopt/", {"conflict_1": "ours"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == "adopted"


def test_keeping_ours_needs_a_reason(client, adopted):
    kit = adopted
    edition = _revise_process(kit)
    commune = kit.communes[1]
    request = UpdateRequest.objects.get(edition=edition, agency=commune.agency)
    client.force_login(commune.secretary)
    client.post(f"/kits/requests/{request.pk}/keep/", {"reason": "  "})
    request.refresh_from_db()
    assert request.status == "open"
    client.post(f"/kits/requests/{request.pk}/keep/", {"reason": "Quy trình của xã đã rút gọn"})
    request.refresh_from_db()
    assert request.status == "kept"


def test_dost_table_counts_filters_and_exports(client, adopted, django_assert_max_num_queries):
    kit = adopted
    _revise_process(kit)
    client.force_login(kit.coordinator)
    url = f"/kits/sets/{kit.model_set.pk}/adoption/"
    with django_assert_max_num_queries(25):
        page = client.get(url)
    assert page.status_code == 200
    counts = {
        tile["state"]: tile["count"]
        for tile in [
            {"state": value, "count": count} for value, _l, count, _b in page.context["states"]
        ]
    }
    assert counts["behind"] == 2
    assert counts["not_adopted"] >= 1
    behind = client.get(url, {"state": "behind"})
    assert len(behind.context["rows"]) == 2
    export = client.get(url, {"format": "xlsx"})
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_an_agency_sees_only_its_own(client, adopted):
    kit = adopted
    first, second = kit.communes[0], kit.communes[1]
    theirs = AdoptedItem.objects.get(agency=second.agency, item=kit.document)
    client.force_login(first.secretary)
    assert client.get(f"/kits/adopted/{theirs.pk}/").status_code == 404
    assert client.get(f"/kits/sets/{kit.model_set.pk}/adoption/").status_code == 403
    assert client.get(f"/kits/items/{kit.document.pk}/draft/").status_code == 403
    edition = _revise_process(kit)
    request = UpdateRequest.objects.get(edition=edition, agency=second.agency)
    assert client.get(f"/kits/requests/{request.pk}/").status_code == 404
    client.force_login(kit.coordinator)
    assert client.get(f"/kits/sets/{kit.model_set.pk}/adopt/").status_code == 403


def test_the_roll_out_shows_the_set_and_editions(client, adopted, django_assert_max_num_queries):
    kit = adopted
    _revise_process(kit)
    client.force_login(kit.coordinator)
    page = client.get("/rollout/", {"province": kit.province.pk})
    text = page.content.decode()
    assert 'data-testid="kit-dashboard-panel"' in text
    assert 'data-testid="kit-revision"' in text
    agency = client.get(f"/rollout/agencies/{kit.communes[0].agency.pk}/")
    assert 'data-testid="kit-panel"' in agency.content.decode()
    assert "QT-TP-01" in agency.content.decode()
