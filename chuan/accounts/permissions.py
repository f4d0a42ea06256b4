"""Who may manage which accounts."""

from typing import Any

from chuan.accounts.models import User
from chuan.core.scoping import scope_queryset


def users_visible_to(user: Any) -> Any:
    """Accounts whose active agency `user` may see (system administrators see all)."""
    return scope_queryset(User.objects.all(), user, agency_path="active_membership__agency")


def can_manage_user(actor: Any, target: User) -> bool:
    return bool(actor.has_perm("accounts.manage_users")) and target.pk != actor.pk
