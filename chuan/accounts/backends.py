"""Authentication backends."""

from typing import Any

from django.http import HttpRequest

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout for every sign-in that comes from a request.

    Sign-ins made by code without a request (management commands, the test client's login)
    have no attacker to count, so they pass through to the model backend.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
