"""The caller's roles and permissions are kept per process between requests, and every change
of them takes effect on the very next request: a role given or taken, a role's permissions,
a membership ended, a token revoked, an account deactivated."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from rest_framework.authtoken.models import Token

from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.accounts.services import user_deactivate, user_end_sessions
from chuan.dossiers.tests.factories import make_desk
from chuan.organisations.models import Membership

pytestmark = pytest.mark.django_db
BODY = {
    "procedure": "1.012787",
    "channel": 2,
    "applicant": {"name": "Trần Văn Bình", "id_number": "064090001234", "phone": "0912345678"},
}


def _receive(client, token: str):
    return client.post(
        "/api/v1/dossiers/",
        BODY,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )


def _list(client, token: str):
    return client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Token {token}")


@pytest.fixture
def desk(world):
    return make_desk(world)


def test_a_role_given_or_taken_counts_on_the_next_request(client, desk, world):
    official = desk.official  # a processing official: may not receive
    token = Token.objects.create(user=official).key
    assert _receive(client, token).status_code == 403
    # Given by someone else (another object, as in another worker).
    User.objects.get(pk=official.pk).groups.add(Group.objects.get(name=Role.DESK_OFFICER))
    assert _receive(client, token).status_code == 201
    group = Group.objects.get(name=Role.DESK_OFFICER)
    group.user_set.remove(official)  # from the role's side this time
    assert _receive(client, token).status_code == 403


def test_a_roles_permissions_changed_count_on_the_next_request(client, desk):
    token = Token.objects.create(user=desk.officer).key
    assert _receive(client, token).status_code == 201
    add = Permission.objects.get(codename="add_dossier", content_type__app_label="dossiers")
    Group.objects.get(name=Role.DESK_OFFICER).permissions.remove(add)
    assert _receive(client, token).status_code == 403
    add.group_set.add(Group.objects.get(name=Role.DESK_OFFICER))
    assert _receive(client, token).status_code == 201


def test_a_membership_ended_or_moved_counts_on_the_next_request(client, desk, world):
    token = Token.objects.create(user=desk.officer).key
    assert _receive(client, token).status_code == 201
    assert len(_list(client, token).json()["results"]) == 1
    Membership.objects.filter(pk=desk.officer.active_membership_id).update(is_active=False)
    response = _receive(client, token)
    assert response.status_code == 400 and "agency" in response.json()
    assert _list(client, token).json()["results"] == []
    # Working for another agency now: that agency's dossiers, not the old one's.
    moved = Membership.objects.create(user=desk.officer, agency=world.chu_se_pc)
    User.objects.filter(pk=desk.officer.pk).update(active_membership=moved)
    assert _list(client, token).json()["results"] == []


def test_a_revoked_token_or_deactivated_account_is_refused_at_once(client, desk, world):
    token = Token.objects.create(user=desk.officer).key
    assert _list(client, token).status_code == 200
    user_end_sessions(user=desk.officer, actor=world.admin)
    assert _list(client, token).status_code == 401
    token = Token.objects.create(user=desk.officer).key
    assert _list(client, token).status_code == 200
    user_deactivate(user=desk.officer, actor=world.admin)
    assert _list(client, token).status_code == 401


def test_signed_in_pages_follow_role_changes_too(client, desk):
    client.force_login(desk.official)
    assert client.get("/desk/receive/").status_code == 403
    User.objects.get(pk=desk.official.pk).groups.add(Group.objects.get(name=Role.DESK_OFFICER))
    assert client.get("/desk/receive/").status_code == 200


def test_roles_and_permissions_are_read_once_per_process(client, desk):
    token = Token.objects.create(user=desk.officer).key
    assert _list(client, token).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert _list(client, token).status_code == 200
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "auth_group" not in read and "auth_permission" not in read
    assert "organisations_membership" in queries.captured_queries[0]["sql"]  # with the token


def test_roles_cleared_count_on_the_next_request(client, desk):
    token = Token.objects.create(user=desk.officer).key
    assert _receive(client, token).status_code == 201
    User.objects.get(pk=desk.officer.pk).groups.clear()
    assert _receive(client, token).status_code == 403
    group = Group.objects.get(name=Role.DESK_OFFICER)
    desk.officer.groups.add(group)
    assert _receive(client, token).status_code == 201
    group.user_set.clear()  # from the role's side
    assert _receive(client, token).status_code == 403
