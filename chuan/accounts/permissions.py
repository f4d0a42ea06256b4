"""Who may manage which accounts."""

from typing import Any

from chuan.accounts.models import User
from chuan.accounts.roles import grantable_roles, user_roles
from chuan.core.scoping import scope_queryset


def users_visible_to(user: Any) -> Any:
    """Accounts whose active agency `user` may see (system administrators see all)."""
    return scope_queryset(User.objects.all(), user, agency_path="active_membership__agency")


def can_manage_user(actor: Any, target: User) -> bool:
    """Whether `actor` may deactivate, reactivate or end the sessions of `target`.

    Nobody manages an account more powerful than the accounts they may open: a leader cannot
    switch off a provincial coordinator, and only a superuser touches a superuser.
    """
    if not actor.has_perm("accounts.manage_users") or target.pk == actor.pk:
        return False
    if target.is_superuser and not actor.is_superuser:
        return False
    return set(user_roles(target)) <= set(grantable_roles(actor))
