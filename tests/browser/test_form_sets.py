"""Forms follow the law in force, in a browser: a dossier received before Circular
03/2025/TT-VPCP took effect (15/09/2025) and one received after it print their own sets."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import make_desk, receive
from chuan.legal.models import LegalDocument
from chuan.procedures import form_sets
from chuan.procedures.models import FormSet, FormSetItem
from chuan.procedures.selectors import form_sets_cache_clear
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sets(db):
    # A transactional test's database was flushed of what the migrations loaded.
    form_sets.load(
        form_sets.read(), legal_model=LegalDocument, set_model=FormSet, form_model=FormSetItem
    )
    form_sets_cache_clear()


def test_dossiers_before_and_after_circular_03_2025_print_their_own_forms(
    page, phone_page, live_server, world, sets
):
    desk = make_desk(world)
    # Friday 12/09/2025, the last working day on Circular 01/2018's forms; Monday 15/09/2025,
    # the first on Circular 03/2025's.
    before = receive(desk, desk.birth, dt.datetime(2025, 9, 12, 9, 0, tzinfo=VIETNAM))
    after = receive(desk, desk.birth, dt.datetime(2025, 9, 15, 9, 0, tzinfo=VIETNAM))
    login(page, live_server, desk.officer)
    expected = {
        before: ("Mẫu số 05", "01/2018/TT-VPCP", "01"),
        after: ("Mẫu số 06", "03/2025/TT-VPCP", "01"),
    }
    for dossier, (control_number, circular, _receipt) in expected.items():
        page.goto(f"{live_server.url}/dossiers/{dossier.pk}/slip/receipt/")
        expect(page.locator("h1")).to_have_text("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
        expect(page.get_by_test_id("form-number")).to_have_text("Mẫu số 01")
        expect(page.get_by_test_id("form-basis")).to_contain_text(f"Thông tư số {circular}")
        shoot(page, f"form-set-receipt-{circular[:2]}")
        page.goto(f"{live_server.url}/dossiers/{dossier.pk}/slip/control/")
        expect(page.locator("h1")).to_have_text("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")
        expect(page.get_by_test_id("form-number")).to_have_text(control_number)
        expect(page.get_by_test_id("form-basis")).to_contain_text(circular)
        shoot(page, f"form-set-control-{circular[:2]}")
    # The form sets themselves, from the catalogue.
    page.goto(f"{live_server.url}/procedures/")
    page.get_by_test_id("form-sets-link").click()
    expect(page.get_by_test_id("form-set")).to_have_count(2)
    expect(page.get_by_test_id("form-set").first).to_contain_text("Thông báo dừng giải quyết hồ sơ")
    expect(page.get_by_test_id("form-set-current")).to_have_count(1)
    shoot(page, "form-sets")
    login(phone_page, live_server, desk.officer)
    phone_page.goto(f"{live_server.url}/dossiers/{after.pk}/slip/receipt/")
    expect(phone_page.get_by_test_id("form-number")).to_be_visible()
    shoot(phone_page, "form-set-receipt-phone")
    phone_page.goto(f"{live_server.url}/procedures/form-sets/")
    shoot(phone_page, "form-sets-phone")


def test_a_review_shows_the_agency_s_and_the_law_s_deadlines(
    page, phone_page, live_server, world, sets
):
    from chuan.legal.choices import DocumentKind, RelationKind
    from chuan.legal.services import legal_relation_add
    from chuan.legal.tests.factories import legal

    current = FormSet.objects.get(code="TT03-2025")
    # Amended by a circular in force since 01/08/2026: by law the set was to be reviewed
    # by 01/11/2026, before the agency's own ten working days from today.
    amending = legal(
        world.admin,
        "05/2026/TT-VPCP",
        DocumentKind.CIRCULAR,
        dt.date(2026, 7, 1),
        issuer="Văn phòng Chính phủ",
        effective_date=dt.date(2026, 8, 1),
    )
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=current.legal_document, actor=world.admin
    )
    for shown, name in (
        (page, "reviews-legal-deadline"),
        (phone_page, "reviews-legal-deadline-phone"),
    ):
        login(shown, live_server, world.coordinator)
        shown.goto(f"{live_server.url}/documents/reviews/?overdue=1")
        row = shown.get_by_test_id("review-row")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(current.name)
        expect(row.get_by_test_id("review-due-legal")).to_contain_text("01/11/2026")
        expect(row.get_by_test_id("review-due")).to_have_attribute("data-overdue", "1")
        shoot(shown, name)
        shown.goto(f"{live_server.url}/overview/")
        expect(
            shown.get_by_test_id("home-review").get_by_test_id("review-due-legal")
        ).to_contain_text("01/11/2026")
        shoot(shown, f"home-{name}")
