"""Training in a browser, in Vietnamese, on a desktop and a phone: DOST's course page with
its sessions, learners, attendance grid and scores (saved through HTMX), and a certificate
verified by the page its QR code opens — no sign-in, no sideways scrolling."""

import pytest

from chuan.training.services import certificates
from chuan.training.tests.support import run_course
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(screen):
    # Against the viewport's own width: a phone browser widens its layout to what overflows.
    assert screen.evaluate("document.documentElement.scrollWidth") <= screen.viewport_size["width"]


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_course_page_and_certificate_verification(width, page, phone_page, live_server, world):
    screen = phone_page if width == "phone" else page
    course, _people = run_course(world, learners=6, final=(85, 60, 90, 72.5, 88, 95))
    issued = certificates.certificate_issue(course=course, actor=world.coordinator)

    login(screen, live_server, world.coordinator)
    screen.goto(f"{live_server.url}/training/courses/{course.pk}/")
    assert screen.get_by_test_id("course-state").inner_text() == "Đã kết thúc"
    assert screen.get_by_test_id("attendance").is_visible()
    _no_sideways_scroll(screen)
    shoot(screen, f"training-course-{width}")

    certificate = issued[0]
    screen.goto(f"{live_server.url}/training/certificates/{certificate.pk}/")
    href = screen.locator("[data-testid=certificate-qr] ~ div a").get_attribute("href")
    assert href.endswith(f"/training/verify/{certificate.number}/")
    shoot(screen, f"training-certificate-{width}")

    screen.context.clear_cookies()
    screen.goto(f"{live_server.url}/training/verify/{certificate.number}/")
    assert screen.get_by_test_id("verify-name").inner_text() == certificate.holder_name
    assert screen.get_by_test_id("verify-valid").is_visible()
    _no_sideways_scroll(screen)
    shoot(screen, f"training-verify-{width}")
