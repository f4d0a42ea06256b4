"""Writes of the reviews a change of the law opens on what cites it: opened when a legal
document is amended, replaced or repealed or its status changes, closed by the new
revision, version, edition or form set that answers them, or by a reasoned "no change
needed". Each carries the agency's due time and the law's deadline (QĐ 19/2014/QĐ-TTg
Art. 4.4a: within three months of the change taking effect)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.working_time import Unit, add_months
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ControlledDocument, ReviewRequest
from chuan.documents.permissions import may_edit_documents
from chuan.legal.models import LegalDocument
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import FormSet, InternalProcess, ProcedureVersion
from chuan.procedures.permissions import may_edit_catalogue, may_edit_process, may_keep_form_sets

# QĐ 19/2014/QĐ-TTg Art. 4.4a: a change of the law is built into the QMS within three months
# of taking effect.
LEGAL_MONTHS = 3


def legal_deadline(effective_on: datetime.date) -> datetime.date:
    """The last day the law allows to build a change that takes effect on `effective_on`
    into the QMS: the same day three months later (the month's last day when it has none),
    the first day not counted (Civil Code 2015, Art. 147–148)."""
    return add_months(effective_on, LEGAL_MONTHS)


def _due(province_id: int | None, at: datetime.datetime) -> datetime.datetime:
    return working_calendar(province_id).due(at, settings.CHUAN_REVIEW_DAYS, Unit.WORKING_DAYS)


@transaction.atomic
def reviews_open(
    *,
    document: LegalDocument,
    reason: str,
    actor: Any,
    at: datetime.datetime | None = None,
    effective_on: datetime.date | None = None,
) -> None:
    """Open a review on every controlled document, procedure version in force, current
    internal process and form set in force or to come that cites `document` (one open
    review per thing and legal document). `at` is when the change was learnt, for a change
    recorded afterwards; the due times count from it. `effective_on` is the day the change
    takes effect, from which the law's three months run (the day it was learnt when the
    library does not say)."""
    at = min(at or timezone.now(), timezone.now())
    today = timezone.localdate(at)
    legal_due_on = legal_deadline(effective_on or today)
    # Two changes of the same law at once must not both open a review of the same thing.
    LegalDocument.objects.select_for_update().filter(pk=document.pk).first()
    opened: list[ReviewRequest] = []
    already = list(
        ReviewRequest.objects.filter(legal_document=document, status=ReviewStatus.OPEN).values_list(
            "document_id", "procedure_version_id", "process_id", "form_set_id"
        )
    )
    seen_docs, seen_versions, seen_processes, seen_sets = (
        {row[column] for row in already} for column in range(4)
    )
    not_ended = Q(valid_to__isnull=True) | Q(valid_to__gte=today)  # in force or scheduled
    opened.extend(
        ReviewRequest(
            legal_document=document,
            reason=reason,
            document=controlled,
            agency=controlled.agency,
            due_at=_due(agency_province_id(controlled.agency), at),
        )
        for controlled in ControlledDocument.objects.filter(legal_basis=document)
        .select_related("agency__unit")
        .distinct()
        if controlled.pk not in seen_docs
    )
    versions = list(
        ProcedureVersion.objects.filter(not_ended, legal_basis=document).select_related("procedure")
    )
    opened.extend(
        ReviewRequest(
            legal_document=document,
            reason=reason,
            procedure_version=version,
            province_id=version.procedure.province_id,
            due_at=_due(version.procedure.province_id, at),
        )
        for version in versions
        if version.pk not in seen_versions
    )
    processes = InternalProcess.objects.filter(
        not_ended,
        procedure_id__in={version.procedure_id for version in versions},
        status=ProcessStatus.APPROVED,
    ).select_related("agency__unit")
    opened.extend(
        ReviewRequest(
            legal_document=document,
            reason=reason,
            process=process,
            agency=process.agency,
            due_at=_due(agency_province_id(process.agency), at),
        )
        for process in processes
        if process.pk not in seen_processes
    )
    # The desk's form sets are national: no agency or province, the nationwide calendar.
    opened.extend(
        ReviewRequest(
            legal_document=document, reason=reason, form_set=form_set, due_at=_due(None, at)
        )
        for form_set in FormSet.objects.filter(not_ended, legal_document=document)
        if form_set.pk not in seen_sets
    )
    for review in opened:
        review.legal_due_on = legal_due_on
    ReviewRequest.objects.bulk_create(opened)
    if opened and at < timezone.now() - datetime.timedelta(minutes=1):
        ReviewRequest.objects.filter(pk__in=[r.pk for r in opened]).update(created_at=at)
    if opened:
        activity_record(
            actor=actor,
            verb="reviews.opened",
            target=document,
            changes={"legal_document": document.symbol, "reason": reason, "count": len(opened)},
        )


def reviews_answer(*, old: Any, new: Any, actor: Any) -> None:
    """Close, as revised, the open reviews of a procedure version, internal process or form
    set that a new version, edition or set has just replaced, linking what replaced it."""
    if isinstance(old, ProcedureVersion):
        reviews = ReviewRequest.objects.filter(procedure_version=old)
        answer = {"new_version": new}
    elif isinstance(old, FormSet):
        reviews = ReviewRequest.objects.filter(form_set=old)
        answer = {"new_form_set": new}
    else:
        reviews = ReviewRequest.objects.filter(process=old)
        answer = {"new_process": new}
    closed_by = actor if getattr(actor, "is_authenticated", False) else None
    closed = reviews.filter(status=ReviewStatus.OPEN).update(
        status=ReviewStatus.REVISED, closed_at=timezone.now(), closed_by=closed_by, **answer
    )
    if closed:
        activity_record(
            actor=actor,
            verb="reviews.answered",
            target=new,
            agency_id=getattr(new, "agency_id", None),
            changes={"reviews_closed": closed},
        )


@transaction.atomic
def review_close_no_change(*, review: ReviewRequest, decision: str, actor: Any) -> ReviewRequest:
    """Close a review with a "no change needed" decision and its reason."""
    review = (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("document", "process__agency")
        .get(pk=review.pk)
    )
    if review.status != ReviewStatus.OPEN:
        raise ConflictError(_("This review is already closed."))
    agency_id = review.agency_id
    if review.document is not None:
        allowed = may_edit_documents(actor, review.document.agency_id)
    elif review.process is not None:
        allowed = may_edit_process(actor, review.process.agency)
    elif review.form_set_id is not None:
        allowed = may_keep_form_sets(actor)
    else:
        allowed = may_edit_catalogue(actor, review.province_id or 0)
    if not allowed:
        raise PermissionDenied(_("You may not decide on this review."))
    if not decision.strip():
        raise ValidationError({"decision": [_("Say why no change is needed.")]})
    review.status = ReviewStatus.NO_CHANGE
    review.decision = decision.strip()
    review.closed_at = timezone.now()
    review.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    review.save()
    activity_record(
        actor=actor,
        verb="review.closed",
        target=review,
        agency_id=agency_id,
        changes={"decision": review.decision},
    )
    return review
