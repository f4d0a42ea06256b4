"""Who may do what in training (QĐ 19/2014 Art. 12.4b: DOST runs the province's courses).

Every signed-in official with `view_training` reads the courses of their province; DOST's
coordinators (`manage_training`) run the courses of their province: sessions, lecturers,
confirmations, attendance, scores, certificates. An agency's leaders and ISO secretary
(`register_learners`) register their own agency's officials and read their own agency's
registrations and certificates. The system itself (`actor=None`) passes.
"""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.scoping import active_membership, user_province_ids


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def own_agency(user: Any, agency_id: int) -> bool:
    membership = active_membership(user)
    return membership is not None and membership.agency_id == agency_id


def in_province(user: Any, province_id: int) -> bool:
    """Whether the user's province (2025 lineage included) is this one, or they see all."""
    return user_scope(user) == Scope.ALL or province_id in user_province_ids(user)


def is_province_wide(user: Any) -> bool:
    return user_scope(user) in {Scope.ALL, Scope.PROVINCE}


def can_read_course(user: Any, province_id: int) -> bool:
    return bool(
        _active(user) and user.has_perm("training.view_training") and in_province(user, province_id)
    )


def can_manage(user: Any, province_id: int) -> bool:
    """DOST's coordinators of the province (and the system's administrators)."""
    if user is None:
        return True
    return bool(
        _active(user)
        and user.has_perm("training.manage_training")
        and is_province_wide(user)
        and in_province(user, province_id)
    )


def can_register(user: Any, agency_id: int) -> bool:
    """The agency's leaders and ISO secretary register its own officials."""
    if user is None:
        return True
    return bool(
        _active(user)
        and user.has_perm("training.register_learners")
        and (own_agency(user, agency_id) or user_scope(user) == Scope.ALL)
    )


def can_read_agency(user: Any, agency_id: int, province_id: int | None) -> bool:
    """The agency's own officials, or DOST of its province: its registrations and competence."""
    if not (_active(user) and user.has_perm("training.view_training")):
        return False
    if own_agency(user, agency_id):
        return True
    return is_province_wide(user) and province_id is not None and in_province(user, province_id)
