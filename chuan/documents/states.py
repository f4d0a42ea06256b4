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
    """What the rule needs of a revision: its id, stored state and effective date."""

    pk: int
    state: str
    effective_date: datetime.date | None


def effective_revision(revisions: Sequence[Dated], on: datetime.date) -> int | None:
    """The id of the revision in effect on `on`: the approved one with the latest effective
    date not after `on` (at most one, whatever the number of approvals)."""
    candidates = [
        r
        for r in revisions
        if r.state == R.APPROVED and r.effective_date is not None and r.effective_date <= on
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (r.effective_date, r.pk)).pk


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
