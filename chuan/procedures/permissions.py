"""Who may change the catalogue, internal processes and the desk's form sets.

The catalogue of a province is kept by its coordinator (DOST) and the system administrator;
an agency's internal processes by its document controller and ISO secretary, and approved
(recording the head's decision) by its leader or document controller. Province-wide roles
reach every agency of their province.
"""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import can_see_agency, user_province_ids


def may_edit_catalogue(user: Any, province: AdministrativeUnit | int) -> bool:
    if user is None:
        return True  # the system itself: the demo loader, a management command
    if not user.is_authenticated or not user.has_perm("procedures.change_procedure"):
        return False
    if user_scope(user) == Scope.ALL:
        return True
    province_id = province if isinstance(province, int) else province.pk
    return province_id in user_province_ids(user)


def may_edit_process(user: Any, agency: Agency) -> bool:
    return user is None or (
        user.is_authenticated
        and user.has_perm("procedures.change_internalprocess")
        and can_see_agency(user, agency.pk)
    )


def may_approve_process(user: Any, agency: Agency) -> bool:
    return user is None or (
        user.is_authenticated
        and user.has_perm("procedures.approve_internalprocess")
        and can_see_agency(user, agency.pk)
    )


def may_keep_form_sets(user: Any) -> bool:
    """The desk's form sets are national: kept by who records the central legal documents
    (the system administrator, DOST), not by one agency."""
    return user is None or (user.is_authenticated and user.has_perm("procedures.change_formset"))
