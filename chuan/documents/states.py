"""The life of a document revision, as pure rules.

draft → in review (signed off by the reviewer) → approved (effective from its date: scheduled
before it, superseded once a later approved revision takes effect); in review → draft (sent
back with comments, by the reviewer or the leader); draft or in review → withdrawn; an
effective revision → withdrawn (the document becomes obsolete).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from chuan.documents.choices import RevisionState as R
from chuan.documents.choices import ShownState as Shown

TRANSITIONS: dict[str, dict[str, str]] = {
    "submit": {R.DRAFT: R.IN_REVIEW},
    # The reviewer signs the review off; the revision stays in review until a leader approves.
    "sign_off": {R.IN_REVIEW: R.IN_REVIEW},
    "send_back": {R.IN_REVIEW: R.DRAFT},
    "approve": {R.IN_REVIEW: R.APPROVED},
    "withdraw": {R.DRAFT: R.WITHDRAWN, R.IN_REVIEW: R.WITHDRAWN, R.APPROVED: R.WITHDRAWN},
}


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None if it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


@dataclass(frozen=True)
class Dated:
    """What the rule needs of a revision: its id, stored state, effective date, and the day
    it was withdrawn (if it was)."""

    pk: int
    state: str
    effective_date: datetime.date | None
    withdrawn_on: datetime.date | None = None


def _took_effect(revision: Dated, on: datetime.date) -> bool:
    """Approved and in effect by `on`; a withdrawn one counts if it had taken effect before
    it was withdrawn (a scheduled edition withdrawn before its date never did)."""
    if revision.effective_date is None or revision.effective_date > on:
        return False
    if revision.state == R.APPROVED:
        return True
    return (
        revision.state == R.WITHDRAWN
        and revision.withdrawn_on is not None
        and revision.withdrawn_on >= revision.effective_date
    )


def effective_revision(revisions: Sequence[Dated], on: datetime.date) -> int | None:
    """The id of the revision in effect on `on`: the latest by effective date of those that
    took effect by then (at most one, whatever the number of approvals). None when there is
    none, or when that latest one was withdrawn by `on`: the document is obsolete, and an
    older edition does not come back."""
    candidates = [r for r in revisions if _took_effect(r, on)]
    if not candidates:
        return None
    latest = max(candidates, key=lambda r: (r.effective_date, r.pk))
    if (
        latest.state == R.WITHDRAWN
        and latest.withdrawn_on is not None
        and latest.withdrawn_on <= on
    ):
        return None
    return latest.pk


def shown_state(revision: Dated, revisions: Sequence[Dated], on: datetime.date) -> str:
    """The state a reader sees on `on`."""
    if revision.state == R.DRAFT:
        return Shown.DRAFT
    if revision.state == R.IN_REVIEW:
        return Shown.IN_REVIEW
    if revision.state != R.APPROVED:
        return Shown.WITHDRAWN
    if revision.effective_date is None or revision.effective_date > on:
        return Shown.SCHEDULED
    return Shown.EFFECTIVE if effective_revision(revisions, on) == revision.pk else Shown.SUPERSEDED
