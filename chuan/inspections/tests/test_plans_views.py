"""The plan's screens: who sees what (agency official, other province's DOST, inspector,
DOST), every page's query budget, the proposal, the approval and the XLSX read back."""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

import pytest
from openpyxl import load_workbook

from chuan.accounts.roles import Role
from chuan.core.testing import bad_files
from chuan.inspections.choices import PlanState
from chuan.inspections.models import InspectingArrangement, Inspection, InspectionPlan
from chuan.inspections.services import plans as services
from chuan.inspections.tests import plans_support as support
from chuan.inspections.tests.plans_support import ON_SITE, RECORDS, YEAR
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def _draft(world: Any, count: int = 4) -> InspectionPlan:
    support.arrangement(world)
    support.agencies(world, count)
    return services.plan_propose(province=world.gia_lai_2025, year=YEAR, actor=world.coordinator)


def _ward_official(world: Any) -> Any:
    return member(UserFactory(roles=[Role.AGENCY_LEADER]), world.ward_pc)


def test_permission_matrix_of_the_plan_page(client: Client, world: Any) -> None:
    plan = support.approved_plan(world)
    url = reverse("inspections:plan_detail", args=[plan.pk])
    # DOST of the province: every line, the figures, the actions.
    client.force_login(world.coordinator)
    page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == 7
    assert page.context["allowed"] == {"amend"}
    # An inspector reads the province's plan but changes nothing.
    client.force_login(support.inspector(world))
    page = client.get(url)
    assert page.status_code == 200 and page.context["allowed"] == set()
    line = plan.lines.first()
    assert line is not None
    assert client.get(reverse("inspections:plan_line_edit", args=[line.pk])).status_code == 403
    assert client.post(reverse("inspections:plan_submit", args=[plan.pk])).status_code == 403
    # Another province's DOST does not see it at all.
    client.force_login(support.other_dost(world))
    assert client.get(url).status_code == 404
    assert client.get(reverse("inspections:plan_line_edit", args=[line.pk])).status_code == 404
    # An agency's official sees its own line only, without the province's figures.
    client.force_login(_ward_official(world))
    page = client.get(url)
    assert page.status_code == 200
    assert [row.agency_id for row in page.context["page"].object_list] == [world.ward_pc.pk]
    assert page.context["counts"] is None
    assert client.get(reverse("inspections:plan_file", args=[plan.pk])).status_code == 404
    listing = client.get(reverse("inspections:plan_list"))
    assert [p.pk for p in listing.context["page"].object_list] == [plan.pk]
    # An agency outside the plan sees no plan.
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_agency_never_sees_a_draft(client: Client, world: Any) -> None:
    plan = _draft(world)
    client.force_login(_ward_official(world))
    assert client.get(reverse("inspections:plan_detail", args=[plan.pk])).status_code == 404


def test_anonymous_goes_to_sign_in(client: Client, world: Any) -> None:
    plan = _draft(world)
    response = client.get(reverse("inspections:plan_detail", args=[plan.pk]))
    assert response.status_code == 302


def test_query_budgets(client: Client, world: Any, django_assert_max_num_queries: Any) -> None:
    plan = _draft(world, count=60)
    client.force_login(world.coordinator)
    for url in (
        reverse("inspections:plan_list"),
        reverse("inspections:plan_detail", args=[plan.pk]),
        reverse("inspections:plan_detail", args=[plan.pk]) + "?page=2",
        reverse("inspections:arrangement_list"),
        reverse("inspections:plan_line_add", args=[plan.pk]),
    ):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_propose_by_htmx_redirects_to_the_plan(client: Client, world: Any) -> None:
    support.agencies(world, 4)
    client.force_login(world.coordinator)
    listing = client.get(reverse("inspections:plan_list"))
    assert b"propose-progress" in listing.content
    response = client.post(
        reverse("inspections:plan_propose"),
        {"province": world.gia_lai_2025.pk, "year": YEAR},
        HTTP_HX_REQUEST="true",
    )
    plan = InspectionPlan.objects.get()
    assert response["HX-Redirect"] == reverse("inspections:plan_detail", args=[plan.pk])
    assert plan.lines.filter(form=ON_SITE).count() == 2


def test_bad_year_is_said_not_500(client: Client, world: Any) -> None:
    client.force_login(world.coordinator)
    for year in ("٣", "99999999999999999999", "2014", ""):
        response = client.post(
            reverse("inspections:plan_propose"),
            {"province": world.gia_lai_2025.pk, "year": year},
            follow=True,
        )
        assert response.status_code == 200
    assert not InspectionPlan.objects.exists()


def test_edit_submit_approve_through_the_screens(client: Client, world: Any) -> None:
    plan = _draft(world)
    client.force_login(world.coordinator)
    line = plan.lines.filter(form=ON_SITE).first()
    assert line is not None
    edit = reverse("inspections:plan_line_edit", args=[line.pk])
    refused = client.post(edit, {"form": ON_SITE, "budget": str(10**13)})
    assert refused.status_code == 200 and refused.context["form"].errors["budget"]
    response = client.post(
        edit, {"form": RECORDS, "planned_month": "7", "budget": "2000000", "note": "Ghi chú"}
    )
    assert response.status_code == 302
    submitted = client.post(reverse("inspections:plan_submit", args=[plan.pk]), follow=True)
    messages = [str(m) for m in submitted.context["messages"]]
    assert services.shortfall_message(1) in messages
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    client.post(edit, {"form": ON_SITE, "planned_quarter": "2", "budget": "0"})
    client.post(reverse("inspections:plan_submit", args=[plan.pk]))
    approve = reverse("inspections:plan_approve", args=[plan.pk])
    assert client.get(approve).status_code == 200
    refused = client.post(
        approve,
        {
            "decision_number": "12/QĐ-UBND",
            "decision_date": "20/12/2025",
            "decision_signer": "Chủ tịch",
            "decision_file": SimpleUploadedFile("qd.pdf", b"MZ not a pdf"),
        },
    )
    assert refused.status_code == 200 and refused.context["form"].errors["decision_file"]
    response = client.post(
        approve,
        {
            "decision_number": "12/QĐ-UBND",
            "decision_date": "20/12/2025",
            "decision_signer": "Chủ tịch",
            "decision_file": SimpleUploadedFile("qd.pdf", bad_files.pdf()),
        },
    )
    assert response.status_code == 302
    assert Inspection.objects.filter(line__plan=plan).count() == 6
    page = client.get(reverse("inspections:plan_detail", args=[plan.pk]))
    assert "20/12/2025" in page.content.decode()


def test_amend_and_remove_through_the_screens(client: Client, world: Any) -> None:
    plan = support.approved_plan(world, count=7)
    client.force_login(world.coordinator)
    line = plan.lines.filter(form=RECORDS).first()
    assert line is not None
    remove = reverse("inspections:plan_line_remove", args=[line.pk])
    assert client.post(remove, {"amended_on": "", "reason": ""}).status_code == 200
    response = client.post(remove, {"amended_on": "01/12/2026", "reason": "Sáp nhập"})
    assert response.status_code == 302
    page = client.get(reverse("inspections:plan_detail", args=[plan.pk]))
    assert "Sáp nhập" in page.content.decode()


def test_xlsx_read_back(client: Client, world: Any) -> None:
    plan = support.approved_plan(world, count=4)
    client.force_login(world.coordinator)
    response = client.get(reverse("inspections:plan_detail", args=[plan.pk]) + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    agencies = [row[1] for row in values if isinstance(row[0], int)]
    assert len(agencies) == 6
    labels = (gettext("Agencies"), gettext("On site"))
    totals = {row[1]: row[2] for row in values if row[1] in labels}
    assert totals == {labels[0]: 6, labels[1]: 2}


def test_who_inspects_screens(client: Client, world: Any) -> None:
    client.force_login(world.coordinator)
    url = reverse("inspections:arrangement_list")
    data = {
        "valid_from": "01/07/2025",
        "unit_kind": "dost_division",
        "unit_name": "Phòng TĐC",
        "lead_unit": "Sở KH&CN",
    }
    assert client.post(url, data).status_code == 302
    overlap = client.post(url, {**data, "valid_from": "01/01/2026"})
    assert overlap.status_code == 200
    assert overlap.context["form"].errors["valid_from"]
    assert InspectingArrangement.objects.count() == 1
    client.force_login(support.inspector(world))
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(world.leader)
    assert client.get(url).status_code in (403, 404)
