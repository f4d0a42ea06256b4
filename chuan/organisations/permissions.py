"""Who may do what with units and agencies, on top of their role's permissions."""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import user_province_ids


def can_place_agency_on_unit(user: Any, unit: AdministrativeUnit) -> bool:
    """A coordinator registers agencies only in their own province; an administrator anywhere."""
    if not user.has_perm("organisations.add_agency"):
        return False
    scope = user_scope(user)
    if scope == Scope.ALL:
        return True
    return scope == Scope.PROVINCE and (unit.province_id or unit.pk) in user_province_ids(user)


def can_change_agency(user: Any, agency: Agency) -> bool:
    """Officials with the right edit their own agency; coordinators, any in their province.

    The caller has already checked that `user` can see `agency`.
    """
    return bool(user.has_perm("organisations.change_agency"))


def can_register_official(user: Any, agency: Agency) -> bool:
    """Leaders, coordinators and administrators open accounts for officials they can see."""
    return bool(
        user.has_perm("accounts.manage_users") and user.has_perm("organisations.add_membership")
    )


def can_add_department(user: Any, agency: Agency) -> bool:
    return bool(user.has_perm("organisations.add_department"))
