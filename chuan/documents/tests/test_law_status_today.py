"""Every screen and workbook that names a legal document's status gives its status today: a
decree already issued whose effective date is still to come is "Chưa có hiệu lực", never the
"Còn hiệu lực" recorded when it was entered (the library, its list and the API already say
so; the master list, a document's page, a procedure's page and the form sets must too)."""

import datetime as dt
import io
import re

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.documents import services
from chuan.documents.tests.test_services import office  # noqa: F401
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.models import LegalDocument
from chuan.legal.tests.factories import legal
from chuan.procedures.models import FormSet
from chuan.procedures.tests.factories import make_procedure

pytestmark = pytest.mark.django_db
NOT_YET = "Chưa có hiệu lực"
IN_FORCE = "Còn hiệu lực"


def _coming(actor) -> LegalDocument:
    """A decree signed today that takes effect in two months (recorded "in force", as the
    library records every document that is not ended)."""
    today = timezone.localdate()
    decree = legal(
        actor,
        "999/2026/NĐ-CP",
        LegalKind.DECREE,
        today,
        effective_date=today + dt.timedelta(days=60),
    )
    assert decree.status == "in_force" and decree.current_status == "not_yet_in_force"
    return decree


def test_master_list_and_its_workbook_say_not_yet_in_force(
    client,
    office,  # noqa: F811
    django_assert_max_num_queries,
):
    decree = _coming(office["controller"])
    services.document_create(
        agency=office["agency"],
        data=services.DocumentData(
            code="TL-BN-09", title="Nghị định mới", kind="external", legal_basis=[decree]
        ),
        actor=office["controller"],
    )
    client.force_login(office["controller"])
    with django_assert_max_num_queries(15):
        page = client.get("/documents/", {"kind": "external"}).content.decode()
    shown = re.findall(r'data-testid="external-law">(.*?)</div>', page, re.S)
    assert len(shown) == 1 and NOT_YET in shown[0] and IN_FORCE not in shown[0]
    response = client.get("/documents/?format=xlsx")
    external = [
        c.value for c in load_workbook(io.BytesIO(response.content))["Tài liệu bên ngoài"][2]
    ]
    assert external[6] == "999/2026/NĐ-CP" and external[9] == NOT_YET


def test_document_page_marks_a_basis_not_yet_in_force(client, office):  # noqa: F811
    decree = _coming(office["controller"])
    document = services.document_create(
        agency=office["agency"],
        data=services.DocumentData(
            code="QT-HT-09",
            title="Quy trình theo nghị định mới",
            kind="operational_procedure",
            legal_basis=[office["law"], decree],
        ),
        actor=office["controller"],
    )
    client.force_login(office["controller"])
    page = client.get(f"/documents/{document.pk}/").content.decode()
    basis = re.search(r"Căn cứ pháp lý: (.*?)</div>", page, re.S)
    assert basis is not None, page
    assert f'999/2026/NĐ-CP</a> <span class="badge text-bg-secondary">{NOT_YET}' in basis[1]
    assert IN_FORCE not in basis[1]  # a law in force carries no badge


def test_procedure_page_marks_a_basis_not_yet_in_force(
    client, world, django_assert_max_num_queries
):
    decree = _coming(world.admin)
    version = make_procedure(world.gia_lai_2025, legal_basis=[decree])
    client.force_login(world.viewer)
    with django_assert_max_num_queries(20):
        page = client.get(f"/procedures/{version.procedure_id}/").content.decode()
    assert "999/2026/NĐ-CP</a>" in page and NOT_YET in page


def test_form_sets_page_marks_a_circular_not_yet_in_force(
    client, world, django_assert_max_num_queries
):
    circular = FormSet.objects.get(code="TT03-2025").legal_document
    circular.effective_date = timezone.localdate() + dt.timedelta(days=30)
    circular.save(update_fields=["effective_date"])
    response = assert_permission_matrix(client, "/procedures/form-sets/", allowed=world.viewer)
    with django_assert_max_num_queries(10):
        response = client.get("/procedures/form-sets/")
    page = response.content.decode()
    assert f'{circular.symbol}</a> <span class="badge text-bg-secondary">{NOT_YET}' in page
