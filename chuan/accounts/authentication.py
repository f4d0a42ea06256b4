"""How API callers prove who they are: the token of `POST /api/v1/auth/token/`.

One query per request reads the token with its user and the user's active membership, agency,
unit and department (what every endpoint's scoping asks first); the roles and permissions
come from the process cache (`chuan.accounts.identity`). A token deleted (signed out
everywhere, deactivated, two-step sign-in turned off) fails on the next request.
"""

from typing import Any

from rest_framework import authentication
from rest_framework.authtoken.models import Token

from chuan.accounts.identity import prime


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        token = (
            Token.objects.select_related(
                "user__active_membership__agency__unit", "user__active_membership__department"
            )
            .filter(key=key)
            .first()
        )
        if token is None or not token.user.is_active:
            # Refused with REST framework's own words (it reads the token once more).
            refused: tuple[Any, Any] = super().authenticate_credentials(key)
            return refused
        user = token.user
        membership = user.active_membership
        # What `organisations.scoping.active_membership` would read: an ended membership
        # gives no agency.
        user._chuan_membership = membership if membership and membership.is_active else None
        return prime(user), token
