"""Who may do what in DOST's year.

An agency's officials read their own inspections and reports, and its leaders and ISO
secretary answer them (`answer_inspection`: the report, corrective actions, the agency's
signature). DOST's coordinators plan and run the province's inspections, reports, courses
and guidance (`manage_inspections`); an inspector reads the province and records results
only on inspections whose team they are on (checked by the on-site services). The system
itself (`actor=None`) passes.
"""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.scoping import active_membership, can_see_agency, user_province_ids


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def own_agency(user: Any, agency_id: int) -> bool:
    membership = active_membership(user)
    return membership is not None and membership.agency_id == agency_id


def in_province(user: Any, province_id: int) -> bool:
    """Whether a province-wide role reaches this province (2025 lineage included)."""
    scope = user_scope(user)
    return scope == Scope.ALL or (
        scope == Scope.PROVINCE and province_id in user_province_ids(user)
    )


def can_read_agency_inspections(user: Any, agency_id: int) -> bool:
    return bool(
        _active(user)
        and user.has_perm("inspections.view_inspections")
        and (own_agency(user, agency_id) or can_see_agency(user, agency_id))
    )


def can_read_province(user: Any, province_id: int) -> bool:
    """DOST's view of a province: its plan, every inspection, the reports, the dashboard."""
    return bool(
        _active(user)
        and user.has_perm("inspections.view_inspections")
        and user_scope(user) in {Scope.PROVINCE, Scope.ALL}
        and in_province(user, province_id)
    )


def can_manage(user: Any, province_id: int) -> bool:
    """DOST's coordinators of the province (and the system's administrators)."""
    if user is None:
        return True
    return bool(
        _active(user)
        and user.has_perm("inspections.manage_inspections")
        and in_province(user, province_id)
    )


def can_answer(user: Any, agency_id: int) -> bool:
    """The agency's leaders and ISO secretary answer for it."""
    if user is None:
        return True
    return bool(
        _active(user)
        and user.has_perm("inspections.answer_inspection")
        and (own_agency(user, agency_id) or user_scope(user) == Scope.ALL)
    )
