"""The province's yearly reports (TT 26/2014 Art. 38; QĐ 19/2014 Art. 12.6 and Appendix II)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.inspections.report_states import ReportKind, ReportState
from chuan.organisations.models import AdministrativeUnit

_USER = settings.AUTH_USER_MODEL


class ProvinceReport(TimeStampedModel):
    """One report of a province for a year: in November the inspection results to the
    provincial People's Committee (compiled from the minutes and conclusions, the
    corrective-action reports and the team's recommendations, TT 26/2014 Art. 38.1); in
    December the province's report to the Ministry on the form of QĐ 19/2014 Appendix II
    (QĐ 19/2014 Art. 12.6, TT 26/2014 Art. 42.4).

    `compiled` is the snapshot of the figures at the last compilation (see
    `selectors.reports.report_figures`); `corrections` the figures changed by hand before
    issuing, each with its note; `sections` the narrative by the template's section keys.
    Issued (number, date, signer) it is frozen (`report_states`)."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    compiled = models.JSONField(_("compiled figures"), default=dict, blank=True)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    corrections = models.JSONField(_("figures corrected"), default=list, blank=True)
    sections = models.JSONField(_("narrative"), default=dict, blank=True)
    created_by = models.ForeignKey(
        _USER,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        _USER,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("province report")
        verbose_name_plural = _("province reports")
        ordering = ["-year", "kind", "province_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "kind"], name="inspections_report_one_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="inspections_report_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} — {self.province}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:report_detail", args=[self.pk])
