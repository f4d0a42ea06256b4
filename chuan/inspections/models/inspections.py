"""One agency's inspection in a year, on its records or on site (TT 26/2014 Arts. 35–37)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.inspections.article36 import CODE_CHOICES
from chuan.inspections.choices import Conclusion, InspectionForm, InspectionState, ItemResult
from chuan.inspections.models.plans import PlanLine
from chuan.organisations.models import AdministrativeUnit, Agency

_USER = settings.AUTH_USER_MODEL


class Inspection(TimeStampedModel):
    """The inspection of one agency: opened from its plan line (or ad hoc, Art. 33), asked
    for its report on the Article 36 items by a letter with a reply deadline, and, on site,
    visited by a team under a decision (Mẫu 20) that signs minutes with it (Mẫu 21). Its
    state follows `inspection_states.TRANSITIONS`."""

    line = models.OneToOneField(
        PlanLine,
        verbose_name=_("plan line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    form = models.CharField(_("form"), max_length=20, choices=InspectionForm.choices)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=InspectionState.choices,
        default=InspectionState.PLANNED,
    )
    # The request letter (công văn đề nghị báo cáo, Art. 35.1).
    request_number = models.CharField(_("request letter number"), max_length=60, blank=True)
    request_date = models.DateField(_("request letter date"), null=True, blank=True)
    reply_due = models.DateField(_("reply due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("report received at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        _USER,
        verbose_name=_("report sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conclusion = models.CharField(
        _("conclusion"), max_length=30, choices=Conclusion.choices, blank=True
    )
    conclusion_text = models.TextField(_("conclusion in words"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-year", "agency__name", "id"]
        indexes = [
            models.Index(fields=["province", "year"], name="inspections_province_year"),
            models.Index(fields=["agency", "year"], name="inspections_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year} — {self.agency}"


class ItemAnswer(TimeStampedModel):
    """One of the thirteen Article 36 items for one inspection: what the agency reports
    (pre-filled by Chuẩn from what it knows, `prefill`, then confirmed or corrected), its
    evidence, and the inspecting unit's or team's result with notes."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("item"), max_length=3, choices=CODE_CHOICES)
    prefill = models.JSONField(_("what Chuẩn knows"), default=dict, blank=True)
    answer = models.TextField(_("agency's report"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="inspections/evidence/%Y/", blank=True
    )
    confirmed = models.BooleanField(_("confirmed by the agency"), default=False)
    result = models.CharField(_("result"), max_length=20, choices=ItemResult.choices, blank=True)
    finding = models.TextField(_("finding"), blank=True)
    result_by = models.ForeignKey(
        _USER,
        verbose_name=_("result recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Article 36 item")
        verbose_name_plural = _("Article 36 items")
        ordering = ["inspection_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "code"], name="inspections_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: {self.code}"
