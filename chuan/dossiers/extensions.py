"""What the apps above the desk add to its screens, without the desk knowing them.

* Worklist items: a line above the worklist's tabs for other work waiting on the official
  (the feedback register's open and overdue feedback). A provider `(user, now)` returns
  `WorkItem`s; each costs its provider a query or two, never one per row.
* Lookup panels: a card on the citizen's lookup page under the dossier found (the feedback
  form). A provider `(request, dossier, context)` returns a `Panel` or None; `context`
  holds what the page verified (the code and the phone's last digits).

Providers are connected in the apps' `AppConfig.ready`, like `rollout.panels`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WorkItem:
    label: str
    count: int
    url: str
    overdue: int = 0


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


WorklistProvider = Callable[[Any, datetime.datetime], list[WorkItem]]
LookupProvider = Callable[[Any, Any, dict[str, Any]], Panel | None]
_WORKLIST: list[WorklistProvider] = []
_LOOKUP: list[LookupProvider] = []


def provide_worklist_items(provider: WorklistProvider) -> WorklistProvider:
    if provider not in _WORKLIST:
        _WORKLIST.append(provider)
    return provider


def provide_lookup_panel(provider: LookupProvider) -> LookupProvider:
    if provider not in _LOOKUP:
        _LOOKUP.append(provider)
    return provider


def worklist_items(user: Any, now: datetime.datetime) -> list[WorkItem]:
    return [item for provider in _WORKLIST for item in provider(user, now)]


def lookup_panels(request: Any, dossier: Any, context: dict[str, Any]) -> list[Panel]:
    return [panel for provider in _LOOKUP if (panel := provider(request, dossier, context))]
