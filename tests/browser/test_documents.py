"""Document control in a browser: draft, review, send back, approve a revision, acknowledge
it as a recipient; replace a legal document and see the review appear."""

import datetime as dt
import io

from django.utils import timezone

import docx
import pytest

from chuan.accounts.roles import Role
from chuan.documents.choices import RevisionState
from chuan.documents.models import Revision
from chuan.documents.services import DocumentData, document_create
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _docx_bytes(text):
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def test_a_revision_from_draft_to_acknowledgement_and_a_law_change(page, live_server, world):
    agency = world.ward_pc
    controller = member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), agency)
    reviewer = member(UserFactory(roles=[Role.ISO_SECRETARY]), agency)
    leader = member(UserFactory(roles=[Role.AGENCY_LEADER]), agency)
    clerk = member(UserFactory(roles=[Role.VIEWER]), agency)
    law = legal(world.admin, "60/2014/QH13", LegalKind.LAW, dt.date(2014, 11, 20))
    document = document_create(
        agency=agency,
        data=DocumentData(
            code="QT-HT-01",
            title="Quy trình đăng ký khai sinh",
            kind="operational_procedure",
            legal_basis=[law],
        ),
        actor=controller,
    )
    url = f"{live_server.url}/documents/{document.pk}/"

    def as_(user):
        page.context.clear_cookies()
        login(page, live_server, user)
        page.goto(url)

    def submit(form_id, button):
        with page.expect_navigation():
            page.get_by_test_id(form_id).get_by_role("button", name=button).click()

    as_(controller)
    draft = page.get_by_test_id("draft-form")
    draft.locator("[name=what]").fill("Ban hành lần đầu")
    draft.locator("[name=file]").set_input_files(
        files=[
            {
                "name": "quy-trinh.docx",
                "mimeType": "application/octet-stream",
                "buffer": _docx_bytes("Nội dung"),
            }
        ]
    )
    submit("draft-form", "Lưu dự thảo")
    page.get_by_test_id("submit-form").locator("select").select_option(str(reviewer.pk))
    submit("submit-form", "Gửi xem xét")
    as_(reviewer)
    page.get_by_test_id("send-back-form").locator("textarea").fill("Bổ sung biểu mẫu BM-01")
    submit("send-back-form", "Trả lại")
    as_(controller)
    assert "Bổ sung biểu mẫu BM-01" in page.content()
    page.get_by_test_id("submit-form").locator("select").select_option(str(reviewer.pk))
    submit("submit-form", "Gửi xem xét")
    as_(leader)
    assert page.get_by_test_id("awaiting-review").is_visible()  # not before the review
    assert page.get_by_test_id("approve-form").count() == 0
    as_(reviewer)
    submit("sign-off-form", "Ký xem xét")
    as_(leader)
    page.get_by_test_id("approve-form").locator("[name=effective_date]").fill(
        timezone.localdate().strftime("%d/%m/%Y")
    )
    submit("approve-form", "Phê duyệt")
    assert (
        page.locator("[data-testid=revision][data-edition='1']").get_attribute("data-state")
        == "effective"
    )
    as_(controller)
    page.get_by_text("Phân phối", exact=True).click()
    page.get_by_test_id("distribute-form").get_by_label(clerk.full_name).check()
    submit("distribute-form", "Gửi cho cán bộ đã chọn")
    as_(clerk)
    page.goto(f"{live_server.url}/overview/")
    assert page.get_by_test_id("document-work").is_visible()
    assert page.get_by_text("Đọc lần ban hành 1").is_visible()
    with page.expect_navigation():
        page.get_by_test_id("document-work").get_by_role("link", name="QT-HT-01").click()
    with page.expect_navigation():
        page.get_by_test_id("acknowledge").click()
    assert Revision.objects.get().recipients.get().acknowledged_at is not None
    assert Revision.objects.get().state == RevisionState.APPROVED

    replacing = legal(world.admin, "59/2025/QH15", LegalKind.LAW, dt.date(2025, 6, 16))
    as_(world.admin)
    page.goto(f"{live_server.url}/legal/{replacing.pk}/")
    form = page.get_by_test_id("relation-form")
    form.locator("[name=kind]").select_option("replaces")
    form.locator("[name=target_symbol]").fill("60/2014/QH13")
    with page.expect_navigation():
        form.get_by_role("button", name="Liên kết").click()
    as_(controller)
    assert page.get_by_test_id("open-review").is_visible()
    shoot(page, "documents-detail")
    page.goto(f"{live_server.url}/overview/")
    assert page.get_by_test_id("home-review").count() == 1
    shoot(page, "documents-home")
    page.goto(f"{live_server.url}/documents/reviews/")
    assert page.get_by_test_id("review-row").count() == 1
    shoot(page, "documents-reviews")
