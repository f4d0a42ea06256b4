"""Who may do what with DOST's guidance (QĐ 19/2014/QĐ-TTg Art. 12).

DOST's coordinators of a province (`publish_guidance`) publish letters and answer the
province's questions; DOST's other readers of the province (inspectors) read them. An
agency's officials read the letters addressed to their agency and acknowledge them for it;
its leaders and ISO secretary (`ask_guidance`) ask questions and see only their agency's
threads. Every agency of the province reads the published FAQ. The system (`None`) passes.
"""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.inspections.permissions import can_read_province, in_province, own_agency
from chuan.organisations.scoping import active_membership, user_province_ids


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_publish_guidance(user: Any, province_id: int) -> bool:
    if user is None:
        return True
    return bool(
        _active(user)
        and user.has_perm("inspections.publish_guidance")
        and in_province(user, province_id)
    )


def can_read_guidance_province(user: Any, province_id: int) -> bool:
    """DOST's view of every letter and question of the province."""
    return can_publish_guidance(user, province_id) or can_read_province(user, province_id)


def can_acknowledge(user: Any, agency_id: int) -> bool:
    """Any official of the agency acknowledges a letter for it."""
    if user is None:
        return True
    return bool(
        _active(user)
        and user.has_perm("inspections.view_inspections")
        and own_agency(user, agency_id)
    )


def can_ask(user: Any, agency_id: int) -> bool:
    if user is None:
        return True
    return bool(
        _active(user) and user.has_perm("inspections.ask_guidance") and own_agency(user, agency_id)
    )


def can_read_question(user: Any, agency_id: int, province_id: int) -> bool:
    """The asking agency's officials and DOST of the province; nobody else."""
    if user is None:
        return True
    if not _active(user):
        return False
    agency_side = user.has_perm("inspections.view_inspections") and own_agency(user, agency_id)
    return bool(agency_side or can_read_guidance_province(user, province_id))


def can_read_faq(user: Any, province_id: int) -> bool:
    """Every official whose agency is in the province (2025 lineage included)."""
    if user is None:
        return True
    if not _active(user) or not user.has_perm("inspections.view_inspections"):
        return False
    return user_scope(user) == Scope.ALL or province_id in user_province_ids(user)


def user_agency_id(user: Any) -> int | None:
    membership = active_membership(user)
    return membership.agency_id if membership is not None else None
