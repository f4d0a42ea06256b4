"""The province's yearly inspection plan (kế hoạch kiểm tra, TT 26/2014 Art. 34, Mẫu 19)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.inspections.choices import InspectionForm, PlanState
from chuan.organisations.models import AdministrativeUnit, Agency

_USER = settings.AUTH_USER_MODEL


class InspectionPlan(TimeStampedModel):
    """One province's plan for one year: drafted by the inspecting unit (a Sub-Department of
    Standards, Metrology and Quality, a division of DOST, or DOST itself), submitted through
    DOST and approved by a decision of the provincial People's Committee. After approval
    every change is a recorded amendment."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    purpose = models.TextField(_("purpose and requirements"), blank=True)
    drafted_by_unit = models.CharField(_("drafted by"), max_length=255, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    decision_file = models.FileField(
        _("decision file"), upload_to="inspections/plans/%Y/", blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_by = models.ForeignKey(
        _USER,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "province_id"]
        permissions = [
            ("view_inspections", _("Can read DOST inspections")),
            ("manage_inspections", _("Can plan and run DOST inspections")),
            ("inspect", _("Can record inspection results as a team member")),
            ("answer_inspection", _("Can answer an inspection for the agency")),
            ("publish_guidance", _("Can publish guidance to agencies")),
            ("ask_guidance", _("Can ask DOST a question")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year"], name="inspections_plan_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} — {self.province}"


class PlanLine(TimeStampedModel):
    """One agency in the plan (Mẫu 19's row): who inspects it, with whom, when, how, and the
    budget. `reasons` keeps why Chuẩn proposed it on site (codes of
    `plan_rules.Reason`). A line removed by an amendment keeps its row (`removed_on`)."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="lines"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(_("form"), max_length=20, choices=InspectionForm.choices)
    inspecting_unit = models.CharField(_("inspecting unit"), max_length=255, blank=True)
    coordinating_unit = models.CharField(_("coordinating unit"), max_length=255, blank=True)
    planned_month = models.PositiveSmallIntegerField(_("planned month"), null=True, blank=True)
    planned_quarter = models.PositiveSmallIntegerField(_("planned quarter"), null=True, blank=True)
    budget = models.BigIntegerField(_("budget (VND)"), default=0)
    reasons = models.JSONField(_("reasons proposed"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["plan_id", "planned_month", "planned_quarter", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "agency"], name="inspections_line_unique"),
            models.CheckConstraint(
                condition=models.Q(planned_month__isnull=True)
                | models.Q(planned_month__gte=1, planned_month__lte=12),
                name="inspections_line_month_range",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_quarter__isnull=True)
                | models.Q(planned_quarter__gte=1, planned_quarter__lte=4),
                name="inspections_line_quarter_range",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="inspections_line_budget_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.agency}"
