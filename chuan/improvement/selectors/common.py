"""Reads every concern of the improvement cycle shares."""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from chuan.core.params import id_param
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership, visible_agencies


def agency_in_view(request: HttpRequest) -> Agency | None:
    """The agency the page shows: the one asked for (`?agency=`) if the user may see it,
    else the user's own; None for a provincial overseer who has not chosen one."""
    asked = id_param(request.GET.get("agency"))
    if asked:
        agency = visible_agencies(request.user).filter(pk=asked).first()
        if agency is not None:
            return agency
    membership = active_membership(request.user)
    return membership.agency if membership else None


@dataclass
class ReviewInput:
    """One input of a management review's pack (ISO 9001:2015, 9.3.2), as its concern
    compiles it for a period: a table and a sentence that sums it up. Plain values only
    (text, numbers, ISO dates as text), so the pack freezes as JSON once the chair approves."""

    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    summary: str = ""
