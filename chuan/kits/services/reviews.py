"""The keeper's reviews a change of the law opens on the models that cite it.

Registered on `legal.hooks.on_law_change` (beside document control's own reviews, which
reach the agencies' documents and processes): when a legal document is amended, replaced or
repealed or its status changes, every model item whose newest approved edition cites it
gets a review for its keeper, due in `CHUAN_REVIEW_DAYS` working days of the province's
calendar, with the law's deadline (QĐ 19/2014/QĐ-TTg Art. 4.4a: within three months of the
change taking effect). Approving a new edition of the item closes it (and carries the legal
document to every adopting agency's update request); so does a reasoned "no change
needed"."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import working_calendar
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.working_time import Unit
from chuan.documents.services.reviews import legal_deadline
from chuan.kits import permissions
from chuan.kits.choices import EditionState, ReviewStatus
from chuan.kits.models import ModelEdition, ModelReview
from chuan.kits.services.common import refuse
from chuan.legal.models import LegalDocument


def model_reviews_open(
    *,
    document: LegalDocument,
    reason: str,
    actor: Any,
    at: datetime.datetime | None = None,
    effective_on: datetime.date | None = None,
) -> None:
    """Open a review on every model item whose newest approved edition cites `document`
    (one open review per item and legal document)."""
    at = min(at or timezone.now(), timezone.now())
    legal_due_on = legal_deadline(effective_on or timezone.localdate(at))
    citing = {
        item_id: (number, province_id)
        for item_id, number, province_id in ModelEdition.objects.filter(
            state=EditionState.APPROVED, legal_basis=document
        ).values_list("item_id", "number", "item__model_set__province_id")
    }
    if not citing:
        return
    newest: dict[int, int] = {}
    for item_id, number in ModelEdition.objects.filter(
        item_id__in=citing, state=EditionState.APPROVED
    ).values_list("item_id", "number"):
        newest[item_id] = max(newest.get(item_id, 0), number)
    already = set(
        ModelReview.objects.filter(
            legal_document=document, status=ReviewStatus.OPEN, item_id__in=citing
        ).values_list("item_id", flat=True)
    )
    due: dict[int | None, datetime.datetime] = {}
    opened = []
    for item_id, (number, province_id) in sorted(citing.items()):
        if item_id in already or newest[item_id] != number:
            continue
        if province_id not in due:
            due[province_id] = working_calendar(province_id).due(
                at, settings.CHUAN_REVIEW_DAYS, Unit.WORKING_DAYS
            )
        opened.append(
            ModelReview(
                item_id=item_id,
                legal_document=document,
                reason=reason[:300],
                due_at=due[province_id],
                legal_due_on=legal_due_on,
            )
        )
    ModelReview.objects.bulk_create(opened)
    if opened:
        activity_record(
            actor=actor,
            verb="model_reviews.opened",
            target=document,
            changes={"legal_document": document.symbol, "reason": reason, "count": len(opened)},
        )


@transaction.atomic
def model_review_close_no_change(*, review: ModelReview, decision: str, actor: Any) -> ModelReview:
    """The keeper closes a review with a "no change needed" decision and its reason."""
    review = (
        ModelReview.objects.select_for_update(of=("self",))
        .select_related("item__model_set")
        .get(pk=review.pk)
    )
    if not permissions.may_keep(actor, review.item.model_set):
        raise PermissionDenied(_("You may not decide on this review."))
    if review.status != ReviewStatus.OPEN:
        raise ConflictError(_("This review is already closed."))
    decision = decision.strip()
    if not decision:
        raise refuse(decision=_("Say why no change is needed."))
    review.status = ReviewStatus.NO_CHANGE
    review.decision = decision[:5000]
    review.closed_at = timezone.now()
    review.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    review.save(update_fields=["status", "decision", "closed_at", "closed_by", "updated_at"])
    activity_record(
        actor=actor,
        verb="model_review.closed",
        target=review,
        agency_id=review.item.model_set.keeper_id,
        changes={"decision": review.decision},
    )
    return review
