"""Who may do what on an on-site inspection (TT 26/2014 Arts. 35–37).

DOST's coordinators of the province keep the inspector registry and issue decisions; the
team of the decision covering an inspection — and the province's coordinators — record its
results, requests for correction, minutes and signatures. Anyone who may read the agency's
inspections (the agency itself, DOST of its province) reads them. The system (`None`) passes.
"""

from typing import Any

from chuan.inspections.models import DecisionMember, Inspection
from chuan.inspections.permissions import can_manage, can_read_agency_inspections, can_read_province


def on_team(user: Any, inspection: Inspection) -> bool:
    """Whether `user` is, through the registry, on the team of the decision covering it."""
    if user is None or not user.is_authenticated:
        return False
    return DecisionMember.objects.filter(
        decision__visits__inspection=inspection,
        inspector__user=user,
        inspector__is_active=True,
    ).exists()


def can_record(user: Any, inspection: Inspection) -> bool:
    """Record results, requests, minutes and signatures on this inspection."""
    if user is None:
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if can_manage(user, inspection.province_id):
        return True
    return bool(user.has_perm("inspections.inspect") and on_team(user, inspection))


def can_read(user: Any, inspection: Inspection) -> bool:
    return can_read_province(user, inspection.province_id) or can_read_agency_inspections(
        user, inspection.agency_id
    )
