"""Who may do what with the portal link: the desk's officers take online submissions in (as
they receive dossiers at the counter); the agency's leaders, DOST for the province and the
system administrator reconcile the desk with the portal and send again what failed."""

from typing import Any

from chuan.dossiers.permissions import may_receive
from chuan.organisations.models import Agency
from chuan.organisations.scoping import can_see_agency

RECONCILE = "portal.reconcile_portal"


def may_take_in(user: Any, agency: Agency) -> bool:
    """Receive, ask to complete or refuse an online submission for `agency`."""
    return may_receive(user, agency)


def may_reconcile(user: Any, agency_id: int) -> bool:
    return user is None or (
        user.is_authenticated and user.has_perm(RECONCILE) and can_see_agency(user, agency_id)
    )
