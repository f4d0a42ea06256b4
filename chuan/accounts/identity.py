"""Who the caller is, worked out once and kept between requests while it stays true.

Every request reads the caller's own row (through the API token or the session), so that a
revoked token, a deactivated account or ended sessions take effect on the next request. What
follows from the row and changes rarely — the roles (group names) and the permissions they
grant — is kept in this process, keyed by the user's id, the instant the account was created
and `User.access_version`. Every change that can alter them raises `access_version` (the
signals connected in `connect_signals`: the user's groups or permissions, a role's
permissions), so the next request of any worker, reading the row, misses the old entry and
reads them afresh. The active membership (agency, department) is read with every request:
the API's token query joins it (`chuan.accounts.authentication`).

Measured on a receipt through the API (benchmarks/http.py): roles and permissions were four
SQL statements of every request (groups, the user's permissions, the groups' permissions,
the membership), about a fifth of the application's time on a list.
"""

import threading
from collections import OrderedDict
from typing import Any

from django.db.models import F

# Entries kept per process: a province's active officials fit with room to spare; the least
# recently used are forgotten first.
MAX_ENTRIES = 4096

_lock = threading.Lock()
_cache: "OrderedDict[tuple[Any, ...], Any]" = OrderedDict()


def identity_cache_clear() -> None:
    """Forget everything kept (tests: each test's users are rolled back)."""
    with _lock:
        _cache.clear()


def _key(user: Any, what: str) -> tuple[Any, ...]:
    return (what, user.pk, user.date_joined, user.is_superuser, user.access_version)


def cached(user: Any, what: str, compute: Any) -> Any:
    """`compute()` for this user's current access version, from the process cache when it
    was computed before. Only for values derived from roles and permissions."""
    if getattr(user, "access_version", None) is None or user.pk is None:
        return compute()
    key = _key(user, what)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = compute()
    with _lock:
        _cache[key] = value
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return value


def bump(user_ids: Any = None, *, group_ids: Any = None) -> None:
    """Raise the access version of these users (or of the members of these groups; of
    everyone when both are None), so that what was kept of them is read again."""
    from chuan.accounts.models import User

    users = User.objects.all()
    if user_ids is not None:
        users = users.filter(pk__in=list(user_ids))
    elif group_ids is not None:
        users = users.filter(groups__in=list(group_ids))
    users.update(access_version=F("access_version") + 1)


def _forget_on_instance(user: Any) -> None:
    """The same Python object read again on its next use within this request."""
    from chuan.accounts.models import User

    for name in ("_chuan_roles", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(name, None)
    user.access_version = (
        User.objects.filter(pk=user.pk).values_list("access_version", flat=True).first() or 0
    )


# Raised after the change, never before: a request of another worker reading the new
# version in between would keep the old roles under it.
_AFTER = ("post_add", "post_remove", "post_clear")


def _user_groups_changed(instance: Any, action: str, pk_set: Any, **_: Any) -> None:
    # user.groups.add(…) has the user as instance; group.user_set.add(…) the group.
    from chuan.accounts.models import User

    if isinstance(instance, User):
        if action in _AFTER:
            bump([instance.pk])
            _forget_on_instance(instance)
    elif action == "pre_clear":  # the group's members, still there to be named
        instance._chuan_members = list(instance.user_set.values_list("pk", flat=True))
    elif action == "post_clear":
        bump(getattr(instance, "_chuan_members", None) or [])
    elif action in _AFTER and pk_set:
        bump(pk_set)


def _user_permissions_changed(instance: Any, action: str, pk_set: Any, **_: Any) -> None:
    if action not in _AFTER:
        return
    from chuan.accounts.models import User

    if isinstance(instance, User):
        bump([instance.pk])
        _forget_on_instance(instance)
    else:  # a permission given to or taken from users: rare, everyone is read again
        bump()


def _group_permissions_changed(instance: Any, action: str, pk_set: Any, **_: Any) -> None:
    if action not in _AFTER:
        return
    from django.contrib.auth.models import Group

    if isinstance(instance, Group):
        if action == "post_clear" or pk_set:
            bump(group_ids=[instance.pk])
    elif action == "post_clear":  # a permission taken from every role: rare
        bump()
    elif pk_set:
        bump(group_ids=list(pk_set))


def connect_signals() -> None:
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed

    from chuan.accounts.models import User

    m2m_changed.connect(
        _user_groups_changed, sender=User.groups.through, dispatch_uid="chuan_identity_groups"
    )
    m2m_changed.connect(
        _user_permissions_changed,
        sender=User.user_permissions.through,
        dispatch_uid="chuan_identity_user_perms",
    )
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="chuan_identity_group_perms",
    )


def prime(user: Any) -> Any:
    """Give `user` (a freshly read row) its roles and permissions from the process cache,
    computing them once per access version; returns the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return user
    from django.contrib.auth.backends import ModelBackend

    from chuan.accounts.roles import Role

    def roles() -> list[str]:
        names = set(user.groups.values_list("name", flat=True))
        return [role for role in Role.values if role in names]

    def permissions() -> frozenset[str]:
        return frozenset(ModelBackend().get_all_permissions(user))

    user._chuan_roles = list(cached(user, "roles", roles))
    user._perm_cache = cached(user, "permissions", permissions)
    return user
