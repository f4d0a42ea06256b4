"""Who may do what in the feedback register: every official reads the register of the
agencies they see; the one-stop officers, the ISO secretary and the leaders record,
classify, assign, forward and publish (`feedback.manage_feedback`); the official a feedback
is assigned to drafts and sends its reply. DOST's roles read their province and change
nothing."""

from typing import Any

from chuan.organisations.scoping import active_membership, can_see_agency


def _reaches(user: Any, agency_id: int) -> bool:
    membership = active_membership(user)
    if user.is_active and membership is not None and membership.agency_id == agency_id:
        return True
    return can_see_agency(user, agency_id)


def may_view(user: Any, agency_id: int) -> bool:
    return bool(
        user.is_authenticated
        and user.has_perm("feedback.view_feedback")
        and _reaches(user, agency_id)
    )


def may_manage(user: Any, agency_id: int) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_perm("feedback.manage_feedback")
        and _reaches(user, agency_id)
    )


def may_reply(user: Any, feedback: Any) -> bool:
    """A manager of the agency, or the official it is assigned to."""
    if may_manage(user, feedback.agency_id):
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and feedback.assignee_id == user.pk
        and may_view(user, feedback.agency_id)
    )


def actions_offered(feedback: Any, user: Any) -> set[str]:
    """The actions the detail screen offers `user`; the services refuse the rest."""
    from chuan.feedback.rules import next_state

    offered = set()
    manage = may_manage(user, feedback.agency_id)
    for action in ("classify", "assign", "forward", "publish"):
        if manage and next_state(action, feedback.state, feedback.classification):
            offered.add(action)
    if next_state("reply", feedback.state, feedback.classification) and may_reply(user, feedback):
        offered.add("reply")
    return offered
