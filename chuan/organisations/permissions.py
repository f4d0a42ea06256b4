"""Who may do what with units and agencies, on top of their role's permissions."""

from typing import Any

from chuan.accounts.roles import Role, Scope, user_roles, user_scope
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import active_membership, user_province_ids


def is_leader_of(user: Any, agency_id: int) -> bool:
    """An official holding the agency leader role (the head or a deputy head) whose active
    membership is in this agency: who signs the desk's results and approves the agency's
    controlled documents. The system itself (`None`) passes; a deactivated account or an
    ended membership does not."""
    if user is None:
        return True
    membership = active_membership(user)
    return bool(
        user.is_authenticated
        and user.is_active
        and membership is not None
        and membership.agency_id == agency_id
        and Role.AGENCY_LEADER in user_roles(user)
    )


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
