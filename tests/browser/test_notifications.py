"""In a browser: the day's digest is built from real reminders (a corrective action of the
ISO secretary's agency), its e-mail arrives at a local SMTP server, and the official reads
their notifications, marks one read by HTMX and turns a kind off — in Vietnamese, on a
desktop and on a phone."""

import datetime
import email
from email import policy

from django.test import override_settings
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from chuan.accounts.roles import Role
from chuan.notifications.models import Notification, NotificationPreference
from chuan.notifications.services.digest import digest_build
from chuan.notifications.services.outbox import outbox_send_pending
from chuan.notifications.tests.support import free_port, smtp_server, smtp_settings
from chuan.organisations.tests.factories import UserFactory, member
from tests.browser.conftest import PHONE, login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _notes(user):
    today = timezone.localdate()
    rows = [
        (
            "qms_action",
            "Hành động khắc phục của KPH-2026-007: Sửa quy trình QT-01 về phiếu xin lỗi",
            -2,
            True,
        ),
        (
            "document_review",
            "Rà soát QT-HT-01 · Quy trình đăng ký khai sinh: 59/2025/QH15 đã thay đổi",
            3,
            False,
        ),
        ("qms_action", "Hành động khắc phục của KPH-2026-008: Tập huấn cán bộ một cửa", 5, False),
    ]
    for n, (kind, title, days, overdue) in enumerate(rows):
        Notification.objects.create(
            user=user,
            kind=kind,
            key=f"shot:{n}",
            title=title,
            url="/qms/actions/",
            due_on=today + datetime.timedelta(days=days),
            overdue=overdue,
            raised_on=today,
            read_at=timezone.now() if n == 2 else None,
        )


def test_a_reminder_arrives_and_is_read(page, browser, live_server, world):
    secretary = member(UserFactory(roles=[Role.ISO_SECRETARY]), world.chu_se_pc)
    _notes(secretary)
    port = free_port()
    digest_build(on=timezone.localdate())
    with smtp_server(port) as sink, override_settings(**smtp_settings(port)):
        assert outbox_send_pending().sent == 1
    message = email.message_from_bytes(sink.envelopes[0].content, policy=policy.default)
    assert message["To"] == secretary.email
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "KPH-2026-007" in text and "QUÁ HẠN" in text

    login(page, live_server, secretary)
    page.goto(f"{live_server.url}/notifications/")
    assert page.get_by_test_id("bell-badge").inner_text().endswith("2")
    assert page.get_by_test_id("notification").count() == 3
    shoot(page, "notifications-list-desktop")
    first = page.get_by_test_id("notification").first
    first.get_by_test_id("mark-read").click()
    # A locator, not a string predicate: evaluating a string is eval, which the policy refuses.
    expect(page.get_by_test_id("unread-mark")).to_have_count(1)
    assert page.get_by_test_id("bell-badge").inner_text().endswith("1")

    page.goto(f"{live_server.url}/notifications/preferences/")
    shoot(page, "notifications-preferences-desktop")
    page.get_by_test_id("kind-document_review").uncheck()
    with page.expect_navigation():
        page.get_by_test_id("save-preferences").click()
    assert "Đã lưu lựa chọn nhắc việc của bạn." in page.content()
    assert NotificationPreference.objects.get(user=secretary).kind == "document_review"

    phone = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True).new_page()
    login(phone, live_server, secretary)
    phone.goto(f"{live_server.url}/notifications/")
    shoot(phone, "notifications-list-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.goto(f"{live_server.url}/notifications/preferences/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(phone, "notifications-preferences-phone")
    phone.context.close()
