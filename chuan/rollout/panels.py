"""What the apps above the roll-out add to an agency's QMS page.

The roll-out knows an agency's lifecycle, not how the agency keeps its QMS alive; the apps
that do (the improvement cycle: last internal audit and management review) register a
provider in their `AppConfig.ready`, and the page shows each panel a provider returns.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chuan.organisations.models import AdministrativeUnit, Agency


@dataclass(frozen=True)
class Panel:
    """A card of the agency's QMS page: the template that draws it and what it needs."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Agency, Any, datetime.date], Panel | None]
_PROVIDERS: list[Provider] = []


def provide_agency_panel(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def agency_panels(agency: Agency, user: Any, today: datetime.date) -> list[Panel]:
    """The panels the registered providers give for `agency` as `user` sees it."""
    return [panel for provider in _PROVIDERS if (panel := provider(agency, user, today))]


# The DOST dashboard's cards from the apps above (the province's QMS kits: who runs on
# which model set and edition): a provider gets the province shown, the user and the date.
DashboardProvider = Callable[[AdministrativeUnit, Any, datetime.date], Panel | None]
_DASHBOARD_PROVIDERS: list[DashboardProvider] = []


def provide_dashboard_panel(provider: DashboardProvider) -> DashboardProvider:
    if provider not in _DASHBOARD_PROVIDERS:
        _DASHBOARD_PROVIDERS.append(provider)
    return provider


def dashboard_panels(province: AdministrativeUnit, user: Any, on: datetime.date) -> list[Panel]:
    """The cards the registered providers give for the dashboard of `province`."""
    return [panel for provider in _DASHBOARD_PROVIDERS if (panel := provider(province, user, on))]
