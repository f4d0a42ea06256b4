"""The daily digest: grouping per person, idempotence, preferences, language, links."""

import datetime
from typing import Any

from django.core import mail
from django.test import override_settings

import pytest

from chuan.notifications.choices import MailState
from chuan.notifications.models import Notification, OutgoingMail
from chuan.notifications.services.digest import digest_build
from chuan.notifications.services.inbox import preference_set
from chuan.notifications.services.outbox import outbox_send_pending
from chuan.notifications.tests.support import only_kinds, provider, reminder
from chuan.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 5)


def test_one_mail_per_person_with_all_their_reminders(world: Any) -> None:
    a, b = world.secretary, world.leader
    items = [reminder(a, 1), reminder(a, 2, overdue=True), reminder(b, 3)]
    with only_kinds(), provider("test", items) as calls:
        result = digest_build(on=DAY)
    assert calls == [1]
    assert (result.reminders, result.stored, result.mails) == (3, 3, 2)
    assert Notification.objects.filter(user=a).count() == 2
    mails = {m.user_id: m for m in OutgoingMail.objects.all()}
    assert set(mails) == {a.pk, b.pk}
    first = mails[a.pk]
    assert first.to_address == a.email
    assert first.state == MailState.PENDING and first.digest_on == DAY
    # The overdue one first, in text and HTML, with the site's address and dd/mm/yyyy.
    assert first.body_text.index("KPH-2") < first.body_text.index("KPH-1")
    assert "http://127.0.0.1:8000/qms/nonconformities/2/" in first.body_text
    assert "10/12/2026" in first.body_text and "05/12/2026" in first.subject
    assert 'href="http://127.0.0.1:8000/qms/nonconformities/1/"' in first.body_html


def test_twice_the_same_day_sends_once_and_keeps_one_row_per_key(world: Any) -> None:
    a = world.secretary
    with only_kinds(), provider("test", [reminder(a, 1)]):
        digest_build(on=DAY)
        again = digest_build(on=DAY)
    assert again.mails == 0
    assert Notification.objects.filter(user=a).count() == 1
    assert OutgoingMail.objects.count() == 1
    outbox_send_pending()
    assert len(mail.outbox) == 1


def test_the_next_day_is_a_new_mail_but_the_same_notification(world: Any) -> None:
    a = world.secretary
    with only_kinds(), provider("test", [reminder(a, 1)]):
        digest_build(on=DAY)
        Notification.objects.update(read_at=datetime.datetime(2026, 12, 5, 9, tzinfo=datetime.UTC))
        digest_build(on=DAY + datetime.timedelta(days=1))
    row = Notification.objects.get()
    assert row.raised_on == DAY + datetime.timedelta(days=1)
    assert row.read_at is not None  # reading it is remembered
    assert OutgoingMail.objects.count() == 2


def test_a_kind_turned_off_is_dropped(world: Any) -> None:
    a, b = world.secretary, world.leader
    with only_kinds(), provider("test", [reminder(a, 1), reminder(b, 2)]):
        preference_set(actor=a, kind="test", enabled=False)
        result = digest_build(on=DAY)
    assert result.stored == 1
    assert not Notification.objects.filter(user=a).exists()
    assert list(OutgoingMail.objects.values_list("user_id", flat=True)) == [b.pk]


def test_inactive_people_and_people_without_an_address(world: Any) -> None:
    gone = UserFactory(is_active=False)
    silent = UserFactory(email="")
    with only_kinds(), provider("test", [reminder(gone, 1), reminder(silent, 2)]):
        result = digest_build(on=DAY)
    # The one without an address still sees it in the list; nobody gets a mail.
    assert list(Notification.objects.values_list("user_id", flat=True)) == [silent.pk]
    assert result.mails == 0


def test_the_mail_is_in_the_persons_language(world: Any) -> None:
    english = UserFactory(language="en")
    vietnamese = UserFactory(language="vi")
    with only_kinds(), provider("test", [reminder(english, 1), reminder(vietnamese, 2)]):
        digest_build(on=DAY)
    en = OutgoingMail.objects.get(user=english)
    vi = OutgoingMail.objects.get(user=vietnamese)
    assert en.subject == "Chuẩn: 1 reminder for 05/12/2026"
    assert "Corrective action of KPH-1" in en.body_text
    assert Notification.objects.get(user=english).title.startswith("Corrective action of")
    assert "05/12/2026" in vi.subject


def test_a_broken_provider_does_not_stop_the_others(world: Any) -> None:
    def broken(on: datetime.date) -> Any:
        raise RuntimeError("boom")

    from chuan.notifications.registry import register_reminders

    with only_kinds(), provider("test", [reminder(world.secretary, 1)]):
        register_reminders("broken", "Broken", broken)
        result = digest_build(on=DAY)
    assert result.mails == 1


@override_settings(CHUAN_SITE_URL="https://chuan.gialai.gov.vn/")
def test_links_use_the_site_address(world: Any) -> None:
    with only_kinds(), provider("test", [reminder(world.secretary, 1)]):
        digest_build(on=DAY)
    body = OutgoingMail.objects.get().body_text
    assert "https://chuan.gialai.gov.vn/qms/nonconformities/1/" in body
    assert "https://chuan.gialai.gov.vn/notifications/preferences/" in body


def test_many_people_are_read_in_chunks(world: Any, django_assert_max_num_queries: Any) -> None:
    from chuan.notifications.services import digest

    people = UserFactory.create_batch(7)
    items = [reminder(p, i) for i, p in enumerate(people)]
    saved = digest.PEOPLE, digest.BATCH
    digest.PEOPLE, digest.BATCH = 3, 4
    try:
        with only_kinds(), provider("test", items):
            result = digest_build(on=DAY)
    finally:
        digest.PEOPLE, digest.BATCH = saved
    assert result.mails == 7
    assert OutgoingMail.objects.count() == 7
