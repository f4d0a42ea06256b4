"""Requests for correction and the corrective actions that answer them (TT 26/2014
Art. 37.3–37.4), and the inspection file the inspecting unit keeps (Art. 39)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.improvement.models import Action, Nonconformity
from chuan.inspections import article39
from chuan.inspections.article36 import CODE_CHOICES
from chuan.inspections.choices import RequestState
from chuan.inspections.models.inspections import Inspection

_USER = settings.AUTH_USER_MODEL


class CorrectionRequest(TimeStampedModel):
    """One request for correction written in the minutes (or in the letter ending a
    records-based inspection). Issuing it opens a nonconformity in the agency's register
    (source "DOST inspection"), due two months from the signing; the agency's corrective
    action comes back here to be accepted or refused with a notice."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    code = models.CharField(_("item"), max_length=3, choices=CODE_CHOICES, blank=True)
    text = models.TextField(_("request for correction"))
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.DRAFT
    )
    due_on = models.DateField(_("corrective action due"), null=True, blank=True)
    nonconformity = models.OneToOneField(
        Nonconformity,
        verbose_name=_("nonconformity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_request",
    )
    report = models.TextField(_("corrective action reported"), blank=True)
    report_evidence = models.FileField(
        _("evidence file"), upload_to="inspections/corrections/%Y/", blank=True
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        _USER,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        _USER,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_number = models.CharField(_("notice number"), max_length=60, blank=True)
    notice_date = models.DateField(_("notice date"), null=True, blank=True)
    notice_text = models.TextField(_("reasons for non-acceptance"), blank=True)
    # The nonconformity's corrective actions the agency's report rests on.
    actions = models.ManyToManyField(
        Action, verbose_name=_("corrective actions"), blank=True, related_name="+"
    )
    # How many times the agency reported (a refusal asks for another report).
    report_count = models.PositiveSmallIntegerField(_("reports sent"), default=0)

    class Meta:
        verbose_name = _("request for correction")
        verbose_name_plural = _("requests for correction")
        ordering = ["inspection_id", "id"]
        indexes = [models.Index(fields=["state", "due_on"], name="inspections_request_due")]

    def __str__(self) -> str:
        return self.text[:60]


class InspectionFileItem(TimeStampedModel):
    """One document of an inspection's file (TT 26/2014 Art. 39), held as an uploaded file
    or as a link to the record in Chuẩn (the request letter, the agency's report, the
    minutes, the corrective-action reports). Chuẩn fills the types it already holds; the
    inspecting unit attaches the others before the inspection closes."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="file_items",
    )
    kind = models.CharField(_("document type"), max_length=30, choices=article39.CODE_CHOICES)
    present = models.BooleanField(_("in the file"), default=False)
    file = models.FileField(_("file"), upload_to="inspections/file/%Y/", blank=True)
    link = models.CharField(_("record in Chuẩn"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Filled by Chuẩn from its own records rather than by a person.
    automatic = models.BooleanField(_("held by Chuẩn"), default=False)
    recorded_by = models.ForeignKey(
        _USER,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspection file document")
        verbose_name_plural = _("inspection file documents")
        ordering = ["inspection_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "kind"], name="inspections_file_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: {self.get_kind_display()}"
