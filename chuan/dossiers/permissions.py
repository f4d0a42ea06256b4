"""Who may do what at the desk: one-stop officers receive and return; officials process the
dossiers of their agency; everyone reads the dossiers of the agencies they see."""

from typing import Any

from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership, can_see_agency


def _reaches(user: Any, agency_id: int) -> bool:
    # One's own agency is in every scope's reach (the membership is cached for the request),
    # so only another agency needs the scope's query.
    membership = active_membership(user)
    if user.is_active and membership is not None and membership.agency_id == agency_id:
        return True
    return can_see_agency(user, agency_id)


def may_receive(user: Any, agency: Agency) -> bool:
    return user is None or (
        user.is_authenticated
        and user.has_perm("dossiers.add_dossier")
        and _reaches(user, agency.pk)
    )


def may_process(user: Any, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return user is None or (
        user.is_authenticated
        and user.has_perm("dossiers.change_dossier")
        and _reaches(user, agency_id)
    )
