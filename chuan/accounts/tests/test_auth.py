import time

from django.conf import settings
from django.urls import reverse

import pytest

from chuan.accounts.middleware import SESSION_STARTED_KEY
from chuan.accounts.roles import Role
from chuan.organisations.tests.factories import UserFactory

PASSWORD = "mật-khẩu-thử-2026"


@pytest.fixture
def official(db):
    return UserFactory(username="thuky", full_name="Trần Thị Hoa", roles=[Role.ISO_SECRETARY])


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_is_vietnamese_by_default(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_login_with_the_right_password_opens_the_overview(client, official):
    response = _login(client, "thuky", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:start")


def test_wrong_password_gives_a_message_and_no_session(client, official):
    response = _login(client, "thuky", "sai-mat-khau")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_five_failures_lock_the_account_for_fifteen_minutes(client, official):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "thuky", "sai-mat-khau")
    response = _login(client, "thuky", PASSWORD)
    assert response.status_code == 429
    assert "15" in response.context["locked_message"]
    assert "_auth_user_id" not in client.session


def test_lockout_is_lifted_after_the_cool_off(client, official, settings):
    from datetime import timedelta

    from django.utils import timezone

    import time_machine

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "thuky", "sai-mat-khau")
    assert _login(client, "thuky", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _login(client, "thuky", PASSWORD).status_code == 302


def test_idle_session_expires_after_the_configured_minutes(client, official):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    _login(client, "thuky", PASSWORD)
    assert client.session.get_expiry_age() == 15 * 60


def test_a_session_older_than_the_maximum_is_ended(client, official):
    _login(client, "thuky", PASSWORD)
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_MAX_HOURS * 3600 - 60
    session.save()
    response = client.get(reverse("reports:home"))
    assert response.status_code == 302
    assert client.get(reverse("reports:home")).status_code == 302


def test_language_choice_is_remembered_on_the_account(client, official):
    _login(client, "thuky", PASSWORD)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.language == "en"
    assert '<html lang="en">' in client.get(reverse("reports:home")).content.decode()
    client.logout()
    _login(client, "thuky", PASSWORD)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_language_switch_refuses_foreign_redirects(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logout_requires_post_and_ends_the_session(client, official):
    _login(client, "thuky", PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("reports:home")).status_code == 302


def test_fifteen_idle_minutes_end_the_session_but_activity_keeps_it(client, official):
    from datetime import timedelta

    from django.utils import timezone

    import time_machine

    _login(client, "thuky", PASSWORD)
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=14)):
        assert client.get(reverse("reports:home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=28)):
        # 14 idle minutes since the last request: still signed in.
        assert client.get(reverse("reports:home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=44)):
        response = client.get(reverse("reports:home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_dost_lands_on_the_roll_out_dashboard_and_officials_on_the_overview(client, world):
    client.force_login(world.coordinator)
    assert client.get(reverse("reports:start"))["Location"] == reverse("rollout:dashboard")
    client.force_login(world.leader)
    assert client.get(reverse("reports:start"))["Location"] == reverse("reports:home")


def test_the_token_api_answers_a_locked_account_in_json_with_the_time_left(client, official):
    def token(password):
        return client.post(
            "/api/v1/auth/token/",
            {"username": "thuky", "password": password},
            content_type="application/json",
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        token("sai-mat-khau")
    response = token(PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert "15 phút" in body["detail"] and "khóa" in body["detail"]
    assert 14 * 60 < body["retry_after"] <= 15 * 60
    assert response["Retry-After"] == str(body["retry_after"])
