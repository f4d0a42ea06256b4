"""Reconciliation (đối soát): ask the portal what it holds for the dossiers the desk has
delivered to it (TraCuuHoSo) and note where it differs from the status the desk delivered
last. One system owns each stage's status; the other keeps a reference, so a difference is
a fact to look into, never overwritten silently."""

import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.portal.client import PortalClient, PortalRefusedError, PortalUnavailableError
from chuan.portal.models import PortalDossier

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    checked: int
    differing: int


def _difference(link: PortalDossier, held: dict[str, Any] | None) -> str:
    if held is None:
        return _("The portal does not hold this dossier.")
    status = held.get("TrangThaiHoSo")
    if status != link.delivered_status:
        return _("The portal holds status %(portal)s; the desk delivered %(desk)s.") % {
            "portal": status,
            "desk": link.delivered_status,
        }
    return ""


def links_check(*, client: PortalClient | None = None, limit: int = 500) -> CheckResult:
    """Check up to `limit` dossiers delivered since they were last checked (the oldest
    first); a portal that cannot be reached stops the round, to be tried again later."""
    own = client is None
    client = client or PortalClient()
    links = list(
        PortalDossier.objects.filter(delivered_at__isnull=False)
        .filter(Q(checked_at__isnull=True) | Q(checked_at__lt=F("delivered_at")))
        .select_related("dossier")
        .order_by("delivered_at")[:limit]
    )
    checked = differing = 0
    try:
        for link in links:
            code = link.portal_code or link.dossier.code or ""
            try:
                held: dict[str, Any] | None = client.lookup(code).body
            except PortalRefusedError:
                held = None
            except PortalUnavailableError:
                logger.warning("The portal cannot be reached for reconciliation")
                break
            difference = _difference(link, held)
            link.portal_status = (held or {}).get("TrangThaiHoSo") if held else None
            link.checked_at = timezone.now()
            link.differs = bool(difference)
            link.difference = difference[:300]
            link.save(update_fields=["portal_status", "checked_at", "differs", "difference"])
            checked += 1
            differing += int(bool(difference))
    finally:
        if own:
            client.close()
    return CheckResult(checked=checked, differing=differing)
