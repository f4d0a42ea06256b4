"""Controlled documents of an agency's QMS (ISO 9001:2015, 7.5): the documents, their
revisions with who prepared, reviewed and approved them, who must read them, and the
reviews the law's changes open on them."""

import datetime
import functools
import operator

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.documents import states
from chuan.documents.choices import DocumentKind, ReviewStatus, RevisionState
from chuan.legal.models import LegalDocument
from chuan.organisations.models import AdministrativeUnit, Agency, Department
from chuan.procedures.models import FormSet, InternalProcess, Procedure, ProcedureVersion


class ControlledDocument(TimeStampedModel):
    """A document of the agency's QMS, identified by its code (mã hiệu) within the agency."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("document code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.ManyToManyField(
        LegalDocument,
        verbose_name=_("legal basis"),
        related_name="controlled_documents",
        blank=True,
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("administrative procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="controlled_documents",
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years)"), null=True, blank=True
    )
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("controlled document")
        verbose_name_plural = _("controlled documents")
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="documents_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])


class Revision(TimeStampedModel):
    """An edition (lần ban hành) of a document with its change table and its three
    signatures: prepared, reviewed, approved (the approver an agency leader)."""

    document = models.ForeignKey(
        ControlledDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    edition = models.PositiveSmallIntegerField(_("edition"))
    state = models.CharField(
        _("state"), max_length=20, choices=RevisionState.choices, default=RevisionState.DRAFT
    )
    changes = models.JSONField(_("change table"), default=list, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set when the reviewer signs the review off; a leader approves only after it.
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comments = models.TextField(_("review comments"), blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    file_text = models.TextField(blank=True, editable=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["document_id", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "edition"], name="documents_revision_unique_edition"
            ),
            models.UniqueConstraint(
                fields=["document", "effective_date"],
                condition=models.Q(state="approved"),
                name="documents_one_approval_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.code} ({self.edition})"

    @property
    def dated(self) -> states.Dated:
        """What the effective-edition rule reads of this revision."""
        return states.Dated(self.pk, self.state, self.effective_date, self.withdrawn_on)


class Distribution(models.Model):
    """A revision sent to an official, who acknowledges having read it."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "user"], name="documents_one_copy_each")
        ]

    def __str__(self) -> str:
        return f"{self.revision} → {self.user}"


# What a review can be about; a review is about exactly one of them.
REVIEW_TARGETS = ("document", "procedure_version", "process", "form_set")


def _exactly_one(fields: tuple[str, ...]) -> models.Q:
    """A condition that exactly one of the foreign keys `fields` is set."""
    return functools.reduce(
        operator.or_,
        (models.Q(**{f"{name}__isnull": name != chosen for name in fields}) for chosen in fields),
    )


class ReviewRequest(TimeStampedModel):
    """A review a change of the law opened on something that cites it: a controlled
    document, a procedure version, an internal process or the desk's form set. It closes
    only with a new revision (version, edition, set) or a "no change needed" decision with
    its reason. Two deadlines: the agency's own (`due_at`, CHUAN_REVIEW_DAYS working days
    from when the change was learnt) and the law's (`legal_due_on`: QĐ 19/2014/QĐ-TTg
    Art. 4.4a, a legal change built into the QMS within three months of taking effect);
    it is overdue past the earlier."""

    legal_document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("legal document"),
        on_delete=models.CASCADE,
        related_name="review_requests",
    )
    reason = models.CharField(_("what changed"), max_length=300)
    document = models.ForeignKey(
        ControlledDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    process = models.ForeignKey(
        InternalProcess, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    form_set = models.ForeignKey(
        FormSet, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField(_("due"))
    legal_due_on = models.DateField(_("legal deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    decision = models.TextField(_("decision"), blank=True)
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What answered a review of a procedure version or an internal process: the version or
    # the edition that replaced it.
    new_version = models.ForeignKey(
        ProcedureVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_process = models.ForeignKey(
        InternalProcess, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_form_set = models.ForeignKey(
        FormSet, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["status", "due_at"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one(REVIEW_TARGETS),
                name="documents_review_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.legal_document.symbol}: {self.target}"

    @property
    def target(self) -> object:
        return self.document or self.procedure_version or self.process or self.form_set

    @property
    def deadline(self) -> datetime.date:
        """The earlier of the agency's due day and the law's deadline."""
        due = timezone.localdate(self.due_at)
        return min(due, self.legal_due_on) if self.legal_due_on is not None else due

    @property
    def late_by_agency(self) -> bool:
        """Open past the agency's own due time."""
        return self.status == ReviewStatus.OPEN and self.due_at < timezone.now()

    @property
    def late_by_law(self) -> bool:
        """Open past the law's last day."""
        return (
            self.status == ReviewStatus.OPEN
            and self.legal_due_on is not None
            and self.legal_due_on < timezone.localdate()
        )

    @property
    def overdue(self) -> bool:
        """Open past the earlier of its two deadlines; the same rule as
        `selectors.overdue_reviews`."""
        return self.late_by_agency or self.late_by_law
