"""Who may do what at the desk: one-stop officers receive and return; officials process the
dossiers of their agency; a leader of the agency signs; everyone reads the dossiers of the
agencies they see."""

from collections.abc import Sequence
from typing import Any

from chuan.organisations.models import Agency
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import active_membership, can_see_agency


def _reaches(user: Any, agency_id: int) -> bool:
    # One's own agency is in every scope's reach (the membership is cached for the request),
    # so only another agency needs the scope's query.
    membership = active_membership(user)
    if user.is_active and membership is not None and membership.agency_id == agency_id:
        return True
    return can_see_agency(user, agency_id)


def may_receive(user: Any, agency: Agency) -> bool:
    return user is None or (
        user.is_authenticated
        and user.has_perm("dossiers.add_dossier")
        and _reaches(user, agency.pk)
    )


def may_process(user: Any, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return user is None or (
        user.is_authenticated
        and user.has_perm("dossiers.change_dossier")
        and _reaches(user, agency_id)
    )


def step_actions_offered(dossier: Any, steps: Sequence[Any], user: Any) -> set[str]:
    """Which of the step-bound actions (accept, hand over, finish) the dossier's screen
    offers `user` where the dossier stands; the services refuse the rest with the reason.
    Finishing waits for the step giving the result; a signing step is a leader's."""
    from chuan.dossiers.choices import Status
    from chuan.dossiers.rules import unpassed_steps
    from chuan.procedures.route import result_order

    if not steps:
        return set()
    current = next((step for step in steps if step.order == dossier.current_step), None)
    signs_ok = current is None or not current.signs or is_leader_of(user, dossier.agency_id)
    offered = set()
    if not unpassed_steps(steps, dossier.current_step) and signs_ok:
        offered.add("finish")
    last = max(step.order for step in steps)
    if current is not None and current.order not in (result_order(steps), last) and signs_ok:
        offered.add("hand_over")
    if (
        current is not None
        and current.accepted_at is None
        and current.finished_at is None
        and current.assignee_id in (None, getattr(user, "pk", None))
        and (dossier.status != Status.FINISHED or may_receive(user, dossier.agency))
        and signs_ok
    ):
        offered.add("accept")
    return offered
