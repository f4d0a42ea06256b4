"""Who may do what in the agency's improvement cycle.

The agency's own officials read it; the ISO secretary and the leaders run it; any official
of the agency may record a nonconformity they found; only a leader of the agency (the head
of its ISO steering committee, or a deputy) approves: objectives, audit programmes,
corrective-action plans, management-review minutes. DOST's coordinators and inspectors read
the agencies of their province and change nothing.
"""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import active_membership, can_see_agency


def _own_agency(user: Any, agency_id: int) -> bool:
    membership = active_membership(user)
    return membership is not None and membership.agency_id == agency_id


def can_read_qms(user: Any, agency_id: int) -> bool:
    return bool(
        user.is_authenticated
        and user.has_perm("improvement.view_qms")
        and (_own_agency(user, agency_id) or can_see_agency(user, agency_id))
    )


def can_manage_qms(user: Any, agency_id: int) -> bool:
    """The agency's ISO secretary and leaders (and the system's administrators)."""
    if user is None:
        return True
    if not (user.is_authenticated and user.is_active and user.has_perm("improvement.manage_qms")):
        return False
    return user_scope(user) == Scope.ALL or _own_agency(user, agency_id)


def can_raise_nonconformity(user: Any, agency_id: int) -> bool:
    if user is None:
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("improvement.raise_nonconformity")
        and (_own_agency(user, agency_id) or can_manage_qms(user, agency_id))
    )


def can_approve_qms(user: Any, agency_id: int) -> bool:
    """A leader of the agency: who approves what the cycle decides."""
    return is_leader_of(user, agency_id)
