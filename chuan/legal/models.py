"""The legal library: the laws, decrees, circulars and decisions Chuẩn's procedures and
documents rest on, and how they act on each other."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.legal.choices import (
    DocumentKind,
    DocumentStatus,
    RelationKind,
    ShownStatus,
    shown_status,
)
from chuan.organisations.models import AdministrativeUnit


class LegalDocument(TimeStampedModel):
    """A legal or administrative document (văn bản): a law, a decree, a circular, a
    provincial decision, a ministry's notice. Central documents have no province; a document
    of a province's authorities names it, which scopes who may change its record."""

    symbol = models.CharField(_("symbol"), max_length=60, db_index=True)
    number = models.PositiveIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year in symbol"), null=True, blank=True)
    type_code = models.CharField(_("type code"), max_length=10, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=500)
    issuer = models.CharField(_("issued by"), max_length=200, db_index=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    issue_date = models.DateField(_("issue date"))
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    end_date = models.DateField(_("end of effect"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    summary = models.TextField(_("summary"), blank=True)
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="legal/%Y/", blank=True)
    file_sha256 = models.CharField(_("file checksum"), max_length=64, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol", "issuer", "issue_date"], name="legal_document_unique_symbol"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "-issue_date"], name="legal_kind_date_idx"),
            models.Index(fields=["status", "-issue_date"], name="legal_status_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}"[:300]

    def get_absolute_url(self) -> str:
        return reverse("legal:document_detail", args=[self.pk])

    @property
    def current_status(self) -> str:
        """The status today (`ShownStatus`): not yet in force before the effective date."""
        return shown_status(self.status, self.effective_date, timezone.localdate())

    @property
    def current_status_label(self) -> str:
        return str(ShownStatus(self.current_status).label)


class LegalRelation(TimeStampedModel):
    """One document acting on another: `source` amends, replaces, repeals or guides
    `target`."""

    source = models.ForeignKey(
        LegalDocument,
        verbose_name=_("acting document"),
        on_delete=models.CASCADE,
        related_name="outgoing",
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocument,
        verbose_name=_("document acted on"),
        on_delete=models.CASCADE,
        related_name="incoming",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("legal relation")
        verbose_name_plural = _("legal relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="legal_relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="legal_relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.symbol} {self.kind} {self.target.symbol}"
