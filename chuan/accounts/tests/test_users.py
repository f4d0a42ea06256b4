from django.urls import reverse

import pytest
from rest_framework.authtoken.models import Token

from chuan.accounts import services
from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix

PASSWORD = "mật-khẩu-thử-2026"


def test_deactivating_ends_sessions_tokens_and_is_logged(client, world):
    client.login(username=world.viewer.username, password=PASSWORD)
    Token.objects.create(user=world.viewer)
    assert client.get(reverse("reports:home")).status_code == 200
    services.user_deactivate(user=world.viewer, actor=world.leader)
    assert client.get(reverse("reports:home")).status_code == 302
    assert not Token.objects.filter(user=world.viewer).exists()
    entry = ActivityEntry.objects.get(verb="user.deactivated")
    assert entry.actor == world.leader
    assert entry.agency_id == world.chu_se_pc.pk


def test_ending_sessions_signs_the_user_out_everywhere(client, world):
    client.login(username=world.viewer.username, password=PASSWORD)
    services.user_end_sessions(user=world.viewer, actor=world.admin)
    assert client.get(reverse("reports:home")).status_code == 302
    assert client.login(username=world.viewer.username, password=PASSWORD)


def test_cannot_deactivate_oneself_or_twice(world):
    with pytest.raises(ConflictError):
        services.user_deactivate(user=world.leader, actor=world.leader)
    services.user_deactivate(user=world.viewer, actor=world.leader)
    with pytest.raises(ConflictError):
        services.user_deactivate(user=world.viewer, actor=world.leader)
    assert ActivityEntry.objects.filter(verb="user.deactivated").count() == 1


def test_user_create_checks_password_and_username(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.user_create(
            username=world.viewer.username, full_name="", password="123", actor=world.admin
        )
    assert set(exc.value.message_dict) == {"username", "full_name", "password"}


def test_deactivate_screen_permission_matrix(client, world):
    url = reverse("accounts:user_action", args=[world.viewer.pk, "deactivate"])
    assert_permission_matrix(
        client,
        url,
        method="post",
        allowed=world.leader,
        member_without_right=world.secretary,
        outsider=world.outsider,
        allowed_status=302,
    )
    world.viewer.refresh_from_db()
    assert not world.viewer.is_active


def test_user_list_shows_only_the_agencys_users(client, world, django_assert_max_num_queries):
    client.force_login(world.leader)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("accounts:user_list"))
    names = [u.pk for u in response.context["page"].object_list]
    assert world.viewer.pk in names
    assert world.outsider.pk not in names
    assert world.coordinator.pk not in names


def test_everyone_can_open_their_own_account(client, world):
    client.force_login(world.viewer)
    assert client.get(reverse("accounts:user_detail", args=[world.viewer.pk])).status_code == 200


def test_token_api_gives_a_token_and_the_token_works(client, world):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": world.leader.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.logout()
    api = client.get("/api/v1/agencies/", HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code == 200
    assert [a["id"] for a in api.json()["results"]] == [world.chu_se_pc.pk]


def test_token_api_rejects_a_wrong_password_with_a_message(client, world):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": world.leader.username, "password": "sai"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"]
