"""What reminds whom: the apps above register their reminder providers here.

`notifications` sits below the apps that know what is due (documents, improvement, training,
inspections), so it cannot ask them; each registers, in its `AppConfig.ready()`, a provider
per kind of reminder. The daily digest calls every provider once for all users (one or a
few queries each), groups the reminders by person, drops the kinds a person turned off, and
sends one e-mail per person a day.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class Reminder:
    """One thing one person should act on.

    `title` is lazy (`format_lazy(_("…{code}…"), code=…)`) so that it is rendered in each
    recipient's language; `key` is stable for the same thing ("nc-action:123") so the in-app
    list shows it once however often the digest runs.
    """

    user_id: int
    kind: str
    key: str
    title: Promise | str
    url: str  # a path ("/qms/actions/12/"); the mail prefixes settings.CHUAN_SITE_URL
    due_on: date | None = None
    overdue: bool = False


Provider = Callable[[date], Iterable[Reminder]]


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise | str
    provider: Provider


KINDS: dict[str, Kind] = {}


def register_reminders(code: str, label: Promise | str, provider: Provider) -> None:
    """Register the provider of one kind of reminder (called from an AppConfig.ready)."""
    KINDS[code] = Kind(code, label, provider)


def kind_label(code: str) -> str:
    """The label of a kind of reminder (its code when no app registers it any more)."""
    kind = KINDS.get(code)
    return str(kind.label) if kind is not None else code
