"""The in-app list and the preferences: each person sees and changes only their own, pages
within a query budget, no bad input yields a 500."""

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from chuan.notifications.models import Notification, NotificationPreference
from chuan.notifications.tests.support import only_kinds, provider

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 5)


def _note(user: Any, n: int, **extra: Any) -> Notification:
    values: dict[str, Any] = {
        "user": user,
        "kind": "test",
        "key": f"test:{n}",
        "title": f"Việc số {n}",
        "url": f"/qms/nonconformities/{n}/",
        "due_on": DAY,
        "raised_on": DAY,
    }
    values.update(extra)
    return Notification.objects.create(**values)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_only_my_notifications_unread_first(world: Any) -> None:
    read = _note(world.secretary, 1, read_at=datetime.datetime(2026, 12, 5, 1, tzinfo=datetime.UTC))
    unread = _note(world.secretary, 2)
    _note(world.leader, 3, title="Của người khác")
    response = _client(world.secretary).get(reverse("notifications:list"))
    assert response.status_code == 200
    page = list(response.context["page"].object_list)
    assert page == [unread, read]
    body = response.content.decode()
    assert "Của người khác" not in body
    assert "05/12/2026" in body
    assert 'data-testid="bell-badge"' in body


def test_reading_another_persons_notification_is_404(world: Any) -> None:
    theirs = _note(world.leader, 1)
    client = _client(world.secretary)
    response = client.post(reverse("notifications:read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_by_htmx_returns_the_row_and_the_badge(world: Any) -> None:
    mine = _note(world.secretary, 1)
    _note(world.secretary, 2)
    response = _client(world.secretary).post(
        reverse("notifications:read", args=[mine.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="notification-{mine.pk}"' in body
    assert 'hx-swap-oob="true"' in body and ">1<" in body.replace("</span>1", ">1<")
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_all_read(world: Any) -> None:
    _note(world.secretary, 1)
    _note(world.secretary, 2)
    theirs = _note(world.leader, 3)
    response = _client(world.secretary).post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=world.secretary, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    htmx = _client(world.secretary).post(reverse("notifications:read_all"), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and 'id="notification-list"' in htmx.content.decode()


def test_list_page_query_budget(world: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(60):
        _note(world.secretary, n)
    client = _client(world.secretary)
    client.get(reverse("notifications:list"))  # warm the session
    with django_assert_max_num_queries(10):
        response = client.get(reverse("notifications:list") + "?page=2")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=99999999999999999999999", "?page=-1", "?unread=x", "?page=%00"]
)
def test_bad_query_strings_never_500(world: Any, query: str) -> None:
    _note(world.secretary, 1)
    response = _client(world.secretary).get(reverse("notifications:list") + query)
    assert response.status_code == 200


def test_bad_posts_never_500(world: Any) -> None:
    client = _client(world.secretary)
    assert client.post("/notifications/99999999999999999999999/read/").status_code == 404
    assert client.get(reverse("notifications:read", args=[1])).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405
    with only_kinds(), provider("test", []):
        response = client.post(
            reverse("notifications:preferences"), {"enabled": ["nope", "x" * 5000]}
        )
    assert response.status_code == 302


def test_anonymous_is_sent_to_sign_in(db: Any) -> None:
    client = Client()
    for url in (reverse("notifications:list"), reverse("notifications:preferences")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("notifications:read_all")).status_code == 302


def test_preferences_turn_a_kind_off_and_on(world: Any, django_assert_max_num_queries: Any) -> None:
    client = _client(world.secretary)
    with only_kinds(), provider("test", [], label="Việc thử"), provider("other", [], label="Khác"):
        client.get(reverse("notifications:preferences"))
        with django_assert_max_num_queries(10):
            page = client.get(reverse("notifications:preferences"))
        assert "Việc thử" in page.content.decode()
        response = client.post(reverse("notifications:preferences"), {"enabled": ["other"]})
        assert response.status_code == 302
        prefs = dict(
            NotificationPreference.objects.filter(user=world.secretary).values_list(
                "kind", "enabled"
            )
        )
        assert prefs == {"test": False}
        client.post(reverse("notifications:preferences"), {"enabled": ["other", "test"]})
        assert not NotificationPreference.objects.filter(
            user=world.secretary, enabled=False
        ).exists()
        # Nobody else's preferences moved.
        assert not NotificationPreference.objects.exclude(user=world.secretary).exists()


def test_services_refuse_another_persons_notification(world: Any) -> None:
    from chuan.core.exceptions import DomainError, ForbiddenError
    from chuan.notifications.services.inbox import notification_read, preference_set

    theirs = _note(world.leader, 1)
    with pytest.raises(ForbiddenError):
        notification_read(notification=theirs, actor=world.secretary)
    with pytest.raises(DomainError):
        preference_set(actor=world.secretary, kind="no-such-kind", enabled=False)
    assert not NotificationPreference.objects.exists()


def test_the_bell_counts_unread_in_one_query(world: Any) -> None:
    from django.test import RequestFactory

    from chuan.notifications.context_processors import unread_notifications

    _note(world.secretary, 1)
    _note(world.secretary, 2, read_at=datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC))
    request = RequestFactory().get("/")
    request.user = world.secretary
    assert unread_notifications(request)["unread_notifications"] == 1
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert unread_notifications(request) == {}


def test_the_bell_count_is_kept_in_the_session(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _note(world.secretary, 1)
    client = _client(world.secretary)  # counted at sign-in
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("notifications:preferences"))
    assert 'data-testid="bell-badge"' in page.content.decode()
    assert not [q for q in queries if 'FROM "notifications_notification" ' in q["sql"]]
    _note(world.secretary, 2)
    client.post(reverse("notifications:read_all"))
    page = client.get(reverse("notifications:preferences"))
    assert 'data-testid="bell-badge"' not in page.content.decode()
