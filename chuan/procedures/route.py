"""The route a dossier takes through the steps of an internal process: the step whose output
is the result (where the dossier is finished), the step returning it to the citizen, and
whether a process's marks make sense.

Pure rules over anything with `order`, `responsible`, `signs` and `gives_result`: the steps
of a process and a dossier's copies of them. The result is returned by the one-stop desk
(Decree 118/2025/NĐ-CP), so a final step of the desk after the result is the
return; the result itself comes from the step the process marks, by default the last step
before that return.
"""

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from django.utils.translation import gettext as _

from chuan.procedures.choices import Responsible


class RouteStep(Protocol):
    @property
    def order(self) -> int: ...
    @property
    def responsible(self) -> str: ...
    @property
    def signs(self) -> bool: ...
    @property
    def gives_result(self) -> bool: ...


class Routed(NamedTuple):
    """A step as the route sees it, for steps not yet saved."""

    order: int
    responsible: str
    signs: bool
    gives_result: bool


def result_order(steps: Sequence[RouteStep]) -> int:
    """The order of the step giving the result: the marked one, or else the last step
    before the desk's return (the last step when the process ends otherwise)."""
    ordered = sorted(steps, key=lambda step: step.order)
    for step in ordered:
        if step.gives_result:
            return step.order
    if len(ordered) > 1 and ordered[-1].responsible == Responsible.DESK:
        return ordered[-2].order
    return ordered[-1].order


def return_order(steps: Sequence[RouteStep]) -> int | None:
    """The order of the step returning the result to the citizen (the step after the result
    step), or None when the process ends with the result."""
    result = result_order(steps)
    after = sorted(step.order for step in steps if step.order > result)
    return after[0] if after else None


def route_problem(steps: Sequence[RouteStep]) -> str | None:
    """Why a process's signing and result marks cannot stand, or None. One step at most gives
    the result; a signing step is the agency leader's; after the result only the desk's
    return may follow."""
    marked = [step.order for step in steps if step.gives_result]
    if len(marked) > 1:
        return _("Mark one step only as giving the result (steps %(steps)s are marked).") % {
            "steps": ", ".join(str(order) for order in marked)
        }
    for step in steps:
        if step.signs and step.responsible != Responsible.LEADER:
            return _("Step %(n)s is signed by a leader: its responsible is the agency leader.") % {
                "n": step.order
            }
    if not steps:
        return None
    result = result_order(steps)
    after = [step for step in steps if step.order > result]
    if len(after) > 1 or any(step.responsible != Responsible.DESK for step in after):
        return _(
            "Step %(n)s gives the result: only the one-stop desk's return of the result may "
            "follow it."
        ) % {"n": result}
    return None
