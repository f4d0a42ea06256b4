"""Who may do what with controlled documents: the agency's document controller (and ISO
secretary) drafts and distributes, a named colleague reviews, only an agency leader
approves; everyone of the agency reads what is in effect."""

from typing import Any

from chuan.accounts.roles import Role
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership, can_see_agency


def may_edit_documents(user: Any, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return user is None or (
        user.is_authenticated
        and user.has_perm("documents.change_controlleddocument")
        and can_see_agency(user, agency_id)
    )


def is_leader_of(user: Any, agency_id: int) -> bool:
    """An agency leader whose active membership is in this agency."""
    membership = active_membership(user)
    return (
        membership is not None
        and membership.agency_id == agency_id
        and user.groups.filter(name=Role.AGENCY_LEADER).exists()
    )
