"""A zip bomb chosen on a document's page in a browser: refused with the reason on the
file field, the change the user typed still in its boxes, nothing drafted."""

from typing import Any

import pytest

from chuan.accounts.roles import Role
from chuan.core.testing import bad_files
from chuan.documents.services import DocumentData, document_create
from chuan.organisations.tests.factories import UserFactory, member
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = {"what": "Bổ sung bước ký số kết quả", "where": "Mục 5.3", "why": "Nghị định 118/2025"}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_bomb_is_refused_and_the_typed_change_kept(
    request: Any, live_server: Any, world: Any, size: str, tmp_path: Any
) -> None:
    page = request.getfixturevalue("page" if size == "desktop" else "phone_page")
    controller = member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), world.ward_pc)
    document = document_create(
        agency=world.ward_pc,
        data=DocumentData(
            code="QT-HT-01", title="Quy trình đăng ký khai sinh", kind="operational_procedure"
        ),
        actor=controller,
    )
    bomb = tmp_path / "quy-trinh-moi.docx"
    bomb.write_bytes(bad_files.docx_bomb())
    login(page, live_server, controller)
    page.goto(f"{live_server.url}/documents/{document.pk}/")
    form = page.get_by_test_id("draft-form")
    for name, value in TYPED.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("[name=file]").set_input_files(str(bomb))
    with page.expect_navigation():
        form.get_by_role("button", name="Lưu dự thảo").click()
    form = page.get_by_test_id("draft-form")
    assert "bom nén" in form.inner_text()
    for name, value in TYPED.items():
        assert form.locator(f"[name={name}]").input_value() == value
    assert not document.revisions.exists()
    shoot(page, f"documents-upload-refused-{size}")
