"""Who may do what at the desk: one-stop officers receive and return; officials process the
dossiers of their agency; everyone reads the dossiers of the agencies they see."""

from typing import Any

from chuan.organisations.models import Agency
from chuan.organisations.scoping import can_see_agency


def may_receive(user: Any, agency: Agency) -> bool:
    return user is None or (
        user.is_authenticated
        and user.has_perm("dossiers.add_dossier")
        and can_see_agency(user, agency.pk)
    )


def may_process(user: Any, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return user is None or (
        user.is_authenticated
        and user.has_perm("dossiers.change_dossier")
        and can_see_agency(user, agency_id)
    )
