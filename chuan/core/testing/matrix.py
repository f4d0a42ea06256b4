"""The permission matrix every view and endpoint is tested against.

anonymous → the sign-in page (screens) or 401 (API); an outsider from another agency → 404;
a member of the agency without the right → 403; a user with the right → the allowed status.
"""

from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse


def _call(client: Client, method: str, url: str, data: Any, api: bool) -> Any:
    call = getattr(client, method)
    if api and data is not None:
        return call(url, data=data, content_type="application/json")
    return call(url, data=data) if data is not None else call(url)


def assert_permission_matrix(
    client: Client,
    url: str,
    *,
    allowed: Any,
    member_without_right: Any = None,
    outsider: Any = None,
    method: str = "get",
    data: Any = None,
    api: bool = False,
    allowed_status: int = 200,
) -> Any:
    """Run the four cases in order and return the allowed user's response."""
    client.logout()
    response = _call(client, method, url, data, api)
    if api:
        assert response.status_code == 401, f"anonymous got {response.status_code} on {url}"
    else:
        assert response.status_code == 302, f"anonymous got {response.status_code} on {url}"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    for user, expected, who in (
        (outsider, 404, "outsider"),
        (member_without_right, 403, "member without the right"),
    ):
        if user is None:
            continue
        client.force_login(user)
        response = _call(client, method, url, data, api)
        assert response.status_code == expected, (
            f"{who} got {response.status_code} on {url}, expected {expected}"
        )
        client.logout()
    client.force_login(allowed)
    response = _call(client, method, url, data, api)
    assert response.status_code == allowed_status, (
        f"allowed user got {response.status_code} on {url}, expected {allowed_status}"
    )
    return response
