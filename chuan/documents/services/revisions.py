"""Writes of document control on documents and their revisions: registration, draft,
review, approval, withdrawal, distribution and acknowledgement (ISO 9001:2015, 7.5.2 and
7.5.3). Each write is one transaction with an activity entry."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name, sha256_of
from chuan.documents import hooks, states
from chuan.documents.choices import DocumentKind, ReviewStatus, RevisionState
from chuan.documents.extraction import DOCUMENT_FILE_KINDS, document_file_read
from chuan.documents.models import ControlledDocument, Distribution, ReviewRequest, Revision
from chuan.documents.permissions import may_edit_documents
from chuan.documents.search import index_document
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Agency, Department
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.selectors import agency_officials


@dataclass
class DocumentData:
    code: str
    title: str
    kind: str
    owner_department: Department | None = None
    legal_basis: list[LegalDocument] = field(default_factory=list)
    retention_years: int | None = None


def _record(target: Any, verb: str, actor: Any, agency_id: int | None, **changes: Any) -> None:
    activity_record(actor=actor, verb=verb, target=target, agency_id=agency_id, changes=changes)


def document_create(*, agency: Agency, data: DocumentData, actor: Any) -> ControlledDocument:
    """Register a controlled document of the agency (its first revision is drafted next)."""
    if not may_edit_documents(actor, agency):
        raise PermissionDenied(_("You may not change this agency's documents."))
    errors: dict[str, str] = {}
    code, title = data.code.strip(), " ".join(data.title.split())
    if not code or len(code) > 40:
        errors["code"] = _("Give the document's code (mã hiệu), e.g. QT-HT-01.")
    elif ControlledDocument.objects.filter(agency=agency, code__iexact=code).exists():
        errors["code"] = _("The agency already has a document %(code)s.") % {"code": code}
    if not title:
        errors["title"] = _("Give the document's title.")
    if data.kind not in DocumentKind.values:
        errors["kind"] = _("Choose the kind of document.")
    if data.owner_department is not None and data.owner_department.agency_id != agency.pk:
        errors["owner_department"] = _("Choose a department of this agency.")
    if data.kind == DocumentKind.RECORD_TYPE and not data.retention_years:
        errors["retention_years"] = _("Give how many years records of this type are kept.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    with transaction.atomic():
        try:
            with transaction.atomic():
                document = ControlledDocument.objects.create(
                    agency=agency,
                    code=code,
                    title=title,
                    kind=data.kind,
                    owner_department=data.owner_department,
                    retention_years=data.retention_years,
                )
        except IntegrityError as exc:
            raise ValidationError({"code": [_("This code was just taken.")]}) from exc
        document.legal_basis.set(data.legal_basis)
        index_document(document)
        _record(document, "document.created", actor, agency.pk, code=code, title=title)
    return document


def document_file_check(file: UploadedFile) -> str:
    """Check a controlled document's file without reading its words; the name to store it
    under."""
    return checked_upload_name(file, kinds=DOCUMENT_FILE_KINDS)


def _open_revision(document: ControlledDocument) -> Revision | None:
    return document.revisions.filter(
        state__in=(RevisionState.DRAFT, RevisionState.IN_REVIEW)
    ).first()


def revision_draft(
    *,
    document: ControlledDocument,
    changes: list[dict[str, str]],
    actor: Any,
    file: UploadedFile | None = None,
) -> Revision:
    """Start the next edition as a draft, from the previous edition's file unless a new one
    is given; one draft or review at a time."""
    if not may_edit_documents(actor, document.agency_id):
        raise PermissionDenied(_("You may not change this agency's documents."))
    checksum = text = ""
    if file is not None:
        # Read before the transaction: a long PDF must not hold the database's write lock.
        checked = document_file_read(file)
        file.name = checked.name
        checksum, text = sha256_of(file), checked.text
    rows = [
        {k: str(row.get(k, "")).strip()[:300] for k in ("what", "where", "why")}
        for row in changes
        if any(str(row.get(k, "")).strip() for k in ("what", "where", "why"))
    ]
    with transaction.atomic():
        document = ControlledDocument.objects.select_for_update().get(pk=document.pk)
        if _open_revision(document) is not None:
            raise ConflictError(_("A draft or a review of this document is already open."))
        previous = document.revisions.order_by("-edition").first()
        if previous is not None and not rows:
            raise ValidationError(
                {"changes": [_("Say what changes in this edition, where and why.")]}
            )
        edition = (document.revisions.aggregate(n=Max("edition"))["n"] or 0) + 1
        revision = Revision(
            document=document,
            edition=edition,
            changes=rows,
            prepared_by=actor,
        )
        if file is not None:
            revision.file_sha256, revision.file_text = checksum, text
            revision.file.save(file.name, file, save=False)
        elif previous is not None and previous.file:
            revision.file = previous.file.name
            revision.file_sha256, revision.file_text = previous.file_sha256, previous.file_text
        revision.save()
        index_document(document)
        _record(revision, "revision.drafted", actor, document.agency_id, edition=edition)
    return revision


def revision_file_replace(*, revision: Revision, file: UploadedFile, actor: Any) -> Revision:
    """Replace the file of a draft (never of an edition in review or approved), as an
    author does while still writing it; the words are read again for search."""
    if not may_edit_documents(actor, revision.document.agency_id):
        raise PermissionDenied(_("You may not change this agency's documents."))
    checked = document_file_read(file)
    file.name = checked.name
    checksum = sha256_of(file)
    with transaction.atomic():
        revision = _lock(revision)
        if revision.state != RevisionState.DRAFT:
            raise ConflictError(_("Only a draft's file can be replaced."))
        revision.file_sha256, revision.file_text = checksum, checked.text
        revision.file.save(file.name, file, save=False)
        revision.save(update_fields=["file", "file_sha256", "file_text", "updated_at"])
        index_document(revision.document)
        _record(revision, "revision.file_replaced", actor, revision.document.agency_id)
    return revision


ACTION_LABELS = {
    "submit": gettext_lazy("sent for review"),
    "sign_off": gettext_lazy("signed off"),
    "send_back": gettext_lazy("sent back"),
    "approve": gettext_lazy("approved"),
    "withdraw": gettext_lazy("withdrawn"),
}


def _lock(revision: Revision) -> Revision:
    # Only the revision's row: approval locks the document first, and locking both here
    # in the other order could deadlock against it.
    return (
        Revision.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=revision.pk)
    )


def _next(revision: Revision, action: str) -> str:
    """The state `action` leads to, or a conflict naming the revision's state; asked only
    after the actor's rights are checked, so a refusal says nothing of a hidden draft."""
    target = states.next_state(revision.state, action)
    if target is None:
        raise ConflictError(
            _("A revision “%(state)s” cannot be %(action)s.")
            % {"state": RevisionState(revision.state).label, "action": ACTION_LABELS[action]}
        )
    return target


@transaction.atomic
def revision_submit(*, revision: Revision, reviewer: Any, actor: Any) -> Revision:
    """Send the draft to a named colleague for review; the reviewer cannot be its author."""
    if not may_edit_documents(actor, revision.document.agency_id):
        raise PermissionDenied(_("You may not change this agency's documents."))
    revision = _lock(revision)
    target = _next(revision, "submit")
    if reviewer is None or reviewer.pk == revision.prepared_by_id:
        raise ValidationError(
            {"reviewer": [_("The reviewer must be someone other than the author.")]}
        )
    if not agency_officials(revision.document.agency_id).filter(pk=reviewer.pk).exists():
        raise ValidationError({"reviewer": [_("The reviewer must be an official of the agency.")]})
    if not revision.file:
        raise ValidationError({"file": [_("Attach the document's file before the review.")]})
    revision.state, revision.reviewed_by = target, reviewer
    revision.save(update_fields=["state", "reviewed_by", "updated_at"])
    _record(
        revision,
        "revision.submitted",
        actor,
        revision.document.agency_id,
        reviewer=reviewer.get_username(),
    )
    return revision


@transaction.atomic
def revision_sign_off(
    *, revision: Revision, actor: Any, at: datetime.datetime | None = None
) -> Revision:
    """The reviewer signs the review off (ký xem xét): the revision waits for a leader.
    `at` records a review signed earlier on paper."""
    revision = _lock(revision)
    if actor is not None and actor.pk != revision.reviewed_by_id:
        raise PermissionDenied(_("Only the named reviewer signs the review off."))
    _next(revision, "sign_off")
    if revision.reviewed_at is not None:
        raise ConflictError(_("The review was already signed off."))
    revision.reviewed_at = min(at or timezone.now(), timezone.now())
    revision.save(update_fields=["reviewed_at", "updated_at"])
    _record(revision, "revision.signed_off", actor, revision.document.agency_id)
    return revision


@transaction.atomic
def revision_send_back(*, revision: Revision, comments: str, actor: Any) -> Revision:
    """The reviewer, or a leader asked to approve, sends the draft back to its author with
    comments; the review starts again when it is sent anew."""
    revision = _lock(revision)
    agency_id = revision.document.agency_id
    if actor is not None and not (
        actor.pk == revision.reviewed_by_id
        or (revision.reviewed_at is not None and is_leader_of(actor, agency_id))
    ):
        raise PermissionDenied(
            _("Only the reviewer, or a leader once it is reviewed, sends it back.")
        )
    target = _next(revision, "send_back")
    if not comments.strip():
        raise ValidationError({"comments": [_("Say what must change.")]})
    revision.state, revision.review_comments = target, comments.strip()
    revision.reviewed_at = None
    revision.save(update_fields=["state", "review_comments", "reviewed_at", "updated_at"])
    _record(
        revision,
        "revision.sent_back",
        actor,
        revision.document.agency_id,
        comments=comments.strip(),
    )
    return revision


@transaction.atomic
def revision_approve(
    *,
    revision: Revision,
    effective_date: datetime.date,
    actor: Any,
    approved_on: datetime.date | None = None,
) -> Revision:
    """An agency leader approves the reviewed revision, effective from a date (the day of
    approval or later: a later date schedules it). Author, reviewer and approver are three
    people. The document's row is locked, so two approvals never make two revisions
    effective. `approved_on` records an approval signed earlier on paper (never in the
    future)."""
    document = ControlledDocument.objects.select_for_update().get(pk=revision.document_id)
    revision = _lock(revision)
    if actor is not None and not is_leader_of(actor, document.agency_id):
        raise PermissionDenied(_("Only a leader of the agency approves its documents."))
    target = _next(revision, "approve")
    if revision.reviewed_at is None:
        raise ConflictError(_("The reviewer has not signed the review off yet."))
    if actor is not None and actor.pk in (revision.prepared_by_id, revision.reviewed_by_id):
        raise ValidationError(
            {"approved_by": [_("The approver cannot be the author or the reviewer.")]}
        )
    today = timezone.localdate()
    approved_on = approved_on or today
    if approved_on > today:
        raise ValidationError({"approved_on": [_("An approval cannot be dated in the future.")]})
    if effective_date < approved_on:
        raise ValidationError(
            {"effective_date": [_("A revision cannot take effect before it is approved.")]}
        )
    if document.revisions.filter(
        state=RevisionState.APPROVED, effective_date=effective_date
    ).exists():
        raise ValidationError(
            {
                "effective_date": [
                    _("Another edition takes effect on that day; choose another date.")
                ]
            }
        )
    revision.state, revision.approved_by = target, actor
    revision.issue_date, revision.effective_date = approved_on, effective_date
    revision.save(
        update_fields=["state", "approved_by", "issue_date", "effective_date", "updated_at"]
    )
    index_document(document)
    closed = ReviewRequest.objects.filter(document=document, status=ReviewStatus.OPEN).update(
        status=ReviewStatus.REVISED, revision=revision, closed_at=timezone.now(), closed_by=actor
    )
    _record(
        revision,
        "revision.approved",
        actor,
        document.agency_id,
        edition=revision.edition,
        effective_date=effective_date.isoformat(),
        reviews_closed=closed,
    )
    hooks.approved(revision=revision, actor=actor)
    return revision


@transaction.atomic
def revision_withdraw(*, revision: Revision, reason: str, actor: Any) -> Revision:
    """Withdraw a draft, or make an approved revision obsolete (kept, marked, never current)."""
    if not may_edit_documents(actor, revision.document.agency_id):
        raise PermissionDenied(_("You may not change this agency's documents."))
    revision = _lock(revision)
    target = _next(revision, "withdraw")
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason.")]})
    revision.state = target
    revision.review_comments = reason.strip()
    revision.withdrawn_on = timezone.localdate()
    revision.save(update_fields=["state", "review_comments", "withdrawn_on", "updated_at"])
    index_document(revision.document)
    _record(
        revision, "revision.withdrawn", actor, revision.document.agency_id, reason=reason.strip()
    )
    return revision


@transaction.atomic
def revision_distribute(*, revision: Revision, users: list[Any], actor: Any) -> int:
    """Send an approved revision to officials of the agency; returns how many were added."""
    if not may_edit_documents(actor, revision.document.agency_id):
        raise PermissionDenied(_("You may not change this agency's documents."))
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != RevisionState.APPROVED:
        raise ConflictError(_("Only an approved revision is distributed."))
    officials = set(
        agency_officials(revision.document.agency_id)
        .filter(pk__in=[u.pk for u in users])
        .values_list("pk", flat=True)
    )
    if any(user.pk not in officials for user in users):
        raise ValidationError({"users": [_("Send it only to officials of this agency.")]})
    now = timezone.now()
    existing = set(revision.recipients.values_list("user_id", flat=True))
    new = [user for user in users if user.pk not in existing]
    Distribution.objects.bulk_create(
        Distribution(revision=revision, user=user, sent_at=now) for user in new
    )
    _record(
        revision,
        "revision.distributed",
        actor,
        revision.document.agency_id,
        recipients=[u.get_username() for u in new],
    )
    return len(new)


@transaction.atomic
def revision_acknowledge(*, revision: Revision, actor: Any) -> Distribution:
    """The recipient confirms having read the revision."""
    copy = Distribution.objects.select_for_update().filter(revision=revision, user=actor).first()
    if copy is None:
        raise PermissionDenied(_("This revision was not sent to you."))
    if copy.acknowledged_at is None:
        copy.acknowledged_at = timezone.now()
        copy.save(update_fields=["acknowledged_at"])
        _record(revision, "revision.acknowledged", actor, revision.document.agency_id)
    return copy
