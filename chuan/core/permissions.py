"""Permission checks shared by every app's screens and API."""

from typing import Any

from django.core.exceptions import PermissionDenied


def require_perm(user: Any, permission: str) -> None:
    """Refuse (403) unless the user's roles grant `permission`; DRF maps it to 403 too."""
    if not user.has_perm(permission):
        raise PermissionDenied
