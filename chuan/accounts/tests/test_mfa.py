"""Two-step sign-in: turning it on with an app's code, signing in with password then code,
codes used once, wrong codes counted, administrators made to use it, the API, a reset."""

import time

from django.test import override_settings

import pytest

from chuan.accounts import services, totp
from chuan.accounts.models import User
from chuan.core.models import ActivityEntry

PASSWORD = "mật-khẩu-thử-2026"  # the password UserFactory gives every official

pytestmark = pytest.mark.django_db


def _code(secret: str, ahead: int = 0) -> str:
    return totp.code_at(secret, totp.step_of(time.time()) + ahead)


def _turned_on(user: User) -> str:
    secret = totp.new_secret()
    services.mfa_enable(user=user, secret=secret, code=_code(secret), actor=user)
    return secret


def test_turning_it_on_needs_a_right_code(client, world):
    client.force_login(world.leader)
    page = client.get("/accounts/two-step/")
    assert 'data-testid="mfa-qr"' in page.content.decode() and "<svg" in page.content.decode()
    secret = client.session["chuan_mfa_setup_secret"]
    wrong = client.post("/accounts/two-step/", {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    world.leader.refresh_from_db()
    assert world.leader.mfa_enabled_at is None  # nothing changed
    client.post("/accounts/two-step/", {"code": _code(secret)})
    world.leader.refresh_from_db()
    assert world.leader.mfa_enabled_at is not None and world.leader.mfa_secret == secret
    assert ActivityEntry.objects.filter(verb="user.mfa_enabled", actor=world.leader).exists()


def test_signing_in_takes_the_password_then_a_fresh_code(client, world):
    secret = _turned_on(world.leader)
    response = client.post(
        "/accounts/login/", {"username": world.leader.username, "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/login/code/"
    assert client.get("/overview/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/login/code/", {"code": "123456"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    used = _code(secret)  # spent when the account was turned on
    assert client.post("/accounts/login/code/", {"code": used}).status_code == 200
    done = client.post("/accounts/login/code/", {"code": _code(secret, ahead=1)})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/overview/").status_code == 200


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, world):
    secret = _turned_on(world.leader)
    client.post("/accounts/login/", {"username": world.leader.username, "password": PASSWORD})
    for _ in range(4):
        assert client.post("/accounts/login/code/", {"code": "000000"}).status_code == 200
    last = client.post("/accounts/login/code/", {"code": "000000"})
    assert last.status_code == 429  # the fifth failure locks the account
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/"
    again = client.post(
        "/accounts/login/", {"username": world.leader.username, "password": PASSWORD}
    )
    assert again.status_code == 429  # even the right password waits out the lockout
    assert client.post("/accounts/login/code/", {"code": _code(secret, 1)}).status_code == 302
    assert client.get("/overview/").status_code == 302  # and no code gets past it


@override_settings(CHUAN_MFA_REQUIRED_ROLES=["system_admin"])
def test_an_administrator_must_turn_it_on_first(client, world):
    client.force_login(world.admin)
    assert client.get("/overview/")["Location"] == "/accounts/two-step/"
    page = client.get("/accounts/two-step/").content.decode()
    assert 'data-testid="mfa-required"' in page
    assert client.get("/api/v1/documents/").status_code == 403  # the API is held up too
    token = client.post(
        "/api/v1/auth/token/",
        {"username": world.admin.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert token.status_code == 403
    client.force_login(world.leader)  # other roles are not held up
    assert client.get("/overview/").status_code == 200


def test_the_api_asks_for_the_code_too(client, world):
    secret = _turned_on(world.leader)
    url = "/api/v1/auth/token/"
    body = {"username": world.leader.username, "password": PASSWORD}
    assert client.post(url, body, content_type="application/json").status_code == 400
    ok = client.post(url, {**body, "code": _code(secret, 1)}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["token"]


def test_an_administrator_turns_it_off_for_a_lost_phone(client, world):
    _turned_on(world.viewer)
    client.force_login(world.admin)
    page = client.get(f"/accounts/users/{world.viewer.pk}/").content.decode()
    assert 'data-testid="mfa-reset"' in page
    client.post(f"/accounts/users/{world.viewer.pk}/mfa-reset/")
    world.viewer.refresh_from_db()
    assert world.viewer.mfa_enabled_at is None and world.viewer.mfa_secret == ""
    assert ActivityEntry.objects.filter(verb="user.mfa_disabled", actor=world.admin).exists()
