"""Who may do what with controlled documents: the agency's document controller (and ISO
secretary) drafts and distributes, a named colleague reviews, only an agency leader
approves. They, the leaders and the province's overseers read every edition; other
officials read what was distributed to them and what they wrote or reviewed."""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import Agency
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import active_membership, can_see_agency


def may_edit_documents(user: Any, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    if user is None:
        return True
    if not (user.is_authenticated and user.has_perm("documents.change_controlleddocument")):
        return False
    membership = active_membership(user)
    # One's own agency is always in reach; asking the database is for wider scopes.
    return (membership is not None and membership.agency_id == agency_id) or can_see_agency(
        user, agency_id
    )


def reads_all_documents(user: Any, agency_id: int) -> bool:
    """Whether `user` reads every document and every edition (drafts included) of the
    agency: its editors and leaders, and those who oversee the province or the nation."""
    return (
        user_scope(user) in (Scope.PROVINCE, Scope.ALL)
        or may_edit_documents(user, agency_id)
        or is_leader_of(user, agency_id)
    )
