"""Who may record and change legal documents: the system administrator everywhere; a
provincial coordinator or an agency's document controller for central documents and those
of their own province."""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import user_province_ids


def may_edit_legal(user: Any, province: AdministrativeUnit | int | None) -> bool:
    """Whether `user` may record or change a document of `province` (None: central)."""
    if user is None:
        return True  # the system itself: the demo loader, a management command
    if not user.is_authenticated or not user.has_perm("legal.change_legaldocument"):
        return False
    if user_scope(user) == Scope.ALL:
        return True
    if province is None:
        return True
    province_id = province if isinstance(province, int) else province.pk
    return province_id in user_province_ids(user)
