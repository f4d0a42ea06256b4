"""The one table of what may happen to a dossier in each status (national status codes 1–10).

Every action of the desk and of processing is a row: the statuses it may start from and the
status it leaves. Anything else is refused with a message saying what the status allows.
Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP set the steps; the codes are those the
National Public Service Portal synchronises.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.dossiers.choices import Status


@dataclass(frozen=True)
class Action:
    name: str
    label: object
    sources: frozenset[int]
    target: int | None  # None: the status does not change


def _action(name: str, label: object, sources: Iterable[int], target: int | None) -> Action:
    return Action(name, label, frozenset(sources), target)


_OPEN = {Status.RECEIVED, Status.PROCESSING}
_PAUSED = {Status.SUPPLEMENT_REQUESTED, Status.PAYMENT_REQUESTED}

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        _action("receive", gettext_lazy("Receive"), {Status.SUBMITTED}, Status.RECEIVED),
        _action(
            "not_receive", gettext_lazy("Do not receive"), {Status.SUBMITTED}, Status.NOT_RECEIVED
        ),
        _action("hand_over", gettext_lazy("Hand over"), _OPEN, Status.PROCESSING),
        # The receiving side of a hand-over; at the desk, of the result to return.
        _action("accept", gettext_lazy("Accept the dossier"), _OPEN | {Status.FINISHED}, None),
        _action(
            "request_supplement",
            gettext_lazy("Request a supplement"),
            _OPEN,
            Status.SUPPLEMENT_REQUESTED,
        ),
        _action(
            "supplement",
            gettext_lazy("Supplemented"),
            {Status.SUPPLEMENT_REQUESTED},
            Status.PROCESSING,
        ),
        _action(
            "pause",
            gettext_lazy("Request the financial obligation"),
            _OPEN,
            Status.PAYMENT_REQUESTED,
        ),
        _action(
            "resume",
            gettext_lazy("Obligation fulfilled"),
            {Status.PAYMENT_REQUESTED},
            Status.PROCESSING,
        ),
        _action("extend", gettext_lazy("Extend"), _OPEN | _PAUSED, None),
        _action("finish", gettext_lazy("Finish"), _OPEN, Status.FINISHED),
        _action(
            "return",
            gettext_lazy("Return the result"),
            {Status.FINISHED, Status.STOPPED},
            Status.RETURNED,
        ),
        _action(
            "withdraw", gettext_lazy("Withdraw the dossier"), _OPEN | _PAUSED, Status.WITHDRAWN
        ),
        _action("stop", gettext_lazy("Stop processing"), _OPEN | _PAUSED, Status.STOPPED),
    )
}


class TransitionError(Exception):
    """An action the dossier's status does not allow, with the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def allowed_actions(status: int) -> list[str]:
    """The actions a dossier in `status` allows, in the table's order."""
    return [name for name, action in ACTIONS.items() if status in action.sources]


def next_status(status: int, action: str) -> int:
    """The status `action` leaves a dossier in `status` in; TransitionError if not allowed."""
    row = ACTIONS.get(action)
    if row is None:
        raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action})
    if status not in row.sources:
        allowed = ", ".join(str(ACTIONS[name].label) for name in allowed_actions(status))
        raise TransitionError(
            _("A dossier “%(status)s” cannot be “%(action)s”. Allowed: %(allowed)s.")
            % {
                "status": Status(status).label,
                "action": row.label,
                "allowed": allowed or _("nothing"),
            }
        )
    return status if row.target is None else row.target
