"""Who may take each step of a corrective-action request, in one place: the services refuse
with these reasons and the detail page shows only the buttons they would allow.

The paper form (ISO 9001:2015, 10.2; QĐ 19/2014/QĐ-TTg Art. 4.4b) is signed in part 1 by
who found the nonconformity and the head of the department concerned, in part 2 by that
department, in part 3 by the ISO head (a leader of the agency) and in part 4 by someone who
implemented none of its actions, on or after the day set to check effectiveness.
"""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from chuan.core.text import fold
from chuan.improvement.models import Action, Nonconformity
from chuan.improvement.nc_states import allowed_actions
from chuan.improvement.permissions import can_approve_qms, can_manage_qms, can_read_qms
from chuan.organisations.scoping import active_membership

# How a position held at the head of a department starts, folded: "Trưởng phòng",
# "Phó Trưởng ban", "Chánh Văn phòng", "Giám đốc Trung tâm", "Chi cục trưởng".
HEAD_POSITIONS = (
    "truong ",
    "pho truong ",
    "chanh ",
    "pho chanh ",
    "giam doc",
    "pho giam doc",
    "chi cuc truong",
    "pho chi cuc truong",
)
MAX_WHYS = 5
MAX_ACTIONS = 10
MAX_WORKING_DAYS = 250

# The screens' and the API's steps, each with the table's actions it may take.
STEPS = ("confirm", "plan", "send_back", "approve", "verify", "cancel")


def is_department_head(user: Any, department_id: int | None) -> bool:
    """An official whose active place is in the department with a head's position."""
    if user is None or department_id is None or not user.is_authenticated:
        return False
    membership = active_membership(user)
    return bool(
        membership is not None
        and membership.department_id == department_id
        and fold(membership.position).startswith(HEAD_POSITIONS)
    )


def implementers(nc: Nonconformity) -> set[int]:
    """Whoever owned or carried out one of the request's actions, in any round."""
    people: set[int] = set()
    for action in nc.actions.all():
        if action.state == "cancelled":
            continue
        people.add(action.owner_id)
        if action.done_by_id:
            people.add(action.done_by_id)
    return people


def refusal(step: str, nc: Nonconformity, user: Any, today: datetime.date) -> str | None:
    """Why `user` may not take `step` on `nc` today (None: they may). The state is checked
    apart (a conflict, not a refusal)."""
    agency_id = nc.agency_id
    if step in ("confirm", "plan"):
        if can_manage_qms(user, agency_id) or is_department_head(user, nc.department_id):
            return None
        return _(
            "Only the head of the department concerned, a leader or the ISO secretary of the "
            "agency may do this."
        )
    if step in ("send_back", "approve"):
        if can_approve_qms(user, agency_id):
            return None
        return _("Only a leader of the agency approves corrective actions.")
    if step == "cancel":
        if can_manage_qms(user, agency_id):
            return None
        return _("Only a leader or the ISO secretary of the agency may cancel a request.")
    if step == "verify":
        if not can_manage_qms(user, agency_id):
            return _("Only a leader or the ISO secretary of the agency verifies effectiveness.")
        if nc.check_on and today < nc.check_on:
            return _("Effectiveness can be checked from %(day)s.") % {
                "day": nc.check_on.strftime("%d/%m/%Y")
            }
        if user is not None and user.pk in implementers(nc):
            return _(
                "You implemented an action of this request: someone who implemented none of "
                "them must verify it."
            )
        return None
    raise ValueError(step)


def step_allowed_in(step: str, state: str) -> bool:
    actions = allowed_actions(state)
    if step == "verify":
        return "verify_effective" in actions
    return step in actions


def action_refusal(action: Action, user: Any) -> str | None:
    """Why `user` may not record `action` as done (None: they may)."""
    if user is not None and user.pk == action.owner_id:
        return None
    if can_manage_qms(user, action.agency_id):
        return None
    return _("Only the person responsible or the ISO secretary records an action as done.")


def steps_for(nc: Nonconformity, user: Any, today: datetime.date) -> list[str]:
    """The steps the detail page offers `user`: allowed by the state and by the rules."""
    if user is not None and not can_read_qms(user, nc.agency_id):
        return []
    return [
        step
        for step in STEPS
        if step_allowed_in(step, nc.state) and refusal(step, nc, user, today) is None
    ]
