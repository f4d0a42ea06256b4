"""Screens of records-based inspections: who sees what, query budgets, the forms' flow."""

from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from chuan.inspections import article36
from chuan.inspections.choices import InspectionState
from chuan.inspections.models import ItemAnswer
from chuan.inspections.services import records as services
from chuan.inspections.tests.records_support import DUE, LETTER, make_inspection, other_dost

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _requested(world: Any) -> Any:
    return services.inspection_request_report(
        inspection=make_inspection(world.chu_se_pc),
        number="5/SKHCN",
        letter_date=LETTER,
        reply_due=DUE,
        actor=world.coordinator,
    )


def test_permission_matrix(world: Any) -> None:
    inspection = _requested(world)
    detail = reverse("inspections:records_detail", args=[inspection.pk])
    answer = reverse("inspections:records_answer", args=[inspection.pk])
    assess = reverse("inspections:records_assess", args=[inspection.pk])
    expected = {
        "own agency (secretary)": (world.secretary, 200, 200, 403),
        "own agency (viewer)": (world.viewer, 200, 403, 403),
        "other agency": (world.outsider, 404, 404, 404),
        "DOST of another province": (other_dost(world), 404, 404, 404),
        "DOST": (world.coordinator, 200, 403, 200),
    }
    for who, (user, see, write, judge) in expected.items():
        client = _client(user)
        got = (
            client.get(detail).status_code,
            client.get(answer).status_code,
            client.get(assess).status_code,
        )
        assert got == (see, write, judge), who


def test_list_scopes_and_query_budget(world: Any, django_assert_max_num_queries: Any) -> None:
    for agency in (world.chu_se_pc, world.ward_pc, world.kon_tum_dept):
        for year in (2024, 2025, 2026):
            make_inspection(agency, year=year)
    url = reverse("inspections:records_list")
    dost, secretary = _client(world.coordinator), _client(world.secretary)
    with django_assert_max_num_queries(14):
        response = dost.get(url, {"year": "2026"})
    assert response.status_code == 200
    names = {i.agency.name for i in response.context["page"].object_list}
    assert names == {world.chu_se_pc.name, world.ward_pc.name}
    with django_assert_max_num_queries(14):
        response = secretary.get(url, {"state": "planned", "form": "bogus"})
    assert {i.agency_id for i in response.context["page"].object_list} == {world.chu_se_pc.pk}
    assert len(response.context["page"].object_list) == 3


def test_detail_shows_labels_dates_and_working_days(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    inspection = _requested(world)
    client = _client(world.coordinator)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("inspections:records_detail", args=[inspection.pk]))
    html = response.content.decode()
    assert "31/03/2026" in html and "02/03/2026" in html
    with translation.override("vi"):
        label = str(InspectionState.REQUESTED.label)
    assert label in html and ">requested<" not in html
    assert html.count('data-testid="item-') == 13


def test_answer_form_saves_then_sends(world: Any) -> None:
    inspection = _requested(world)
    client = _client(world.secretary)
    url = reverse("inspections:records_answer", args=[inspection.pk])
    data = {f"{code}-answer": f"Báo cáo {code}" for code in article36.CODES}
    data.update({f"{code}-confirmed": "on" for code in article36.CODES[:-1]})
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 400
    assert "2.e" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.REQUESTED
    # The draft was saved before sending was refused.
    assert ItemAnswer.objects.filter(inspection=inspection, confirmed=True).count() == 12
    data["2e-confirmed"] = "on"
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.ANSWERED


def test_assess_and_conclude_by_the_screen(world: Any) -> None:
    inspection = _requested(world)
    ItemAnswer.objects.filter(inspection=inspection).update(answer="x", confirmed=True)
    from chuan.inspections.services.records_answers import inspection_answer_submit

    inspection_answer_submit(inspection=inspection, actor=world.secretary)
    client = _client(world.coordinator)
    url = reverse("inspections:records_assess", args=[inspection.pk])
    results = {f"{code}-result": "met" for code in article36.CODES}
    assert client.post(url, {**results, "assess": "1"}).status_code == 302
    response = client.post(
        url, {"conclusion": "conforms", "text": "Đạt", "concluded_on": "x", "conclude": "1"}
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "conclusion": "conforms",
            "text": "Đạt",
            "concluded_on": response.context["conclude"]["concluded_on"].initial.strftime(
                "%d/%m/%Y"
            ),
            "conclude": "1",
        },
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED


def test_request_all_shows_progress(world: Any) -> None:
    for agency in (world.chu_se_pc, world.ward_pc):
        make_inspection(agency, year=2026)
    client = _client(world.coordinator)
    url = reverse("inspections:records_request_all")
    response = client.post(
        url,
        {
            "year": "2026",
            "number": "7/SKHCN",
            "letter_date": "02/03/2026",
            "reply_due": "31/03/2026",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'data-testid="request-progress"' in response.content.decode()
    assert response.context["progress"]["remaining"] == 0
