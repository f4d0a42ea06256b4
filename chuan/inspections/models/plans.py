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


class InspectingUnitKind(models.TextChoices):
    """What the inspecting unit is in this province: TT 26/2014 names the Sub-Department of
    Standards, Metrology and Quality; the 2025 streamlining folded many of them into DOST,
    so it may be a division of DOST or DOST itself."""

    SUB_DEPARTMENT = "sub_department", _("Sub-Department of Standards, Metrology and Quality")
    DOST_DIVISION = "dost_division", _("A division of DOST")
    DOST = "dost", _("DOST itself")


class InspectingArrangement(TimeStampedModel):
    """Who inspects in a province over a date range (TT 26/2014 Art. 34; wave 2 §1.2): the
    lead unit (đơn vị chủ trì, to which agencies report) and the inspecting unit (đơn vị
    kiểm tra) with its kind and name. Ranges of one province never overlap (the service
    refuses); `valid_to` empty means "until further notice"."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    lead_unit = models.CharField(_("lead unit"), max_length=255)
    unit_kind = models.CharField(
        _("kind of inspecting unit"), max_length=20, choices=InspectingUnitKind.choices
    )
    unit_name = models.CharField(_("inspecting unit"), max_length=255)
    basis = models.CharField(_("basis (decision)"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        _USER,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspecting arrangement")
        verbose_name_plural = _("inspecting arrangements")
        ordering = ["province_id", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="inspections_arrangement_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_name} ({self.valid_from:%d/%m/%Y})"


class PlanAmendment(TimeStampedModel):
    """A change to an approved plan, recorded with its date, reason and what changed (the
    plan approved by the People's Committee is amended, never silently edited)."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="amendments"
    )
    line = models.ForeignKey(
        PlanLine,
        verbose_name=_("plan line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amendments",
    )
    amended_on = models.DateField(_("amended on"))
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    created_by = models.ForeignKey(
        _USER,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        ordering = ["plan_id", "amended_on", "id"]

    def __str__(self) -> str:
        return f"{self.plan} ({self.amended_on:%d/%m/%Y})"
