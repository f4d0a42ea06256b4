"""Quality objectives (mục tiêu chất lượng) an agency sets for a year, each with its plan to
reach it and how it is measured (ISO 9001:2015, 6.2; QĐ 19/2014/QĐ-TTg Art. 4.2: the
agency's head approves the quality policy and objectives)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.improvement.choices import Comparison, Measure, ObjectiveState, ObjectiveUnit
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import Field, Procedure

_USER = settings.AUTH_USER_MODEL


class Objective(TimeStampedModel):
    """One quality objective of an agency (or of one of its departments) for a year: what is
    aimed at ("on-time rate ≥ 98 %"), how its value is known (typed by month or quarter, or
    read live from the desk's figures, for the whole agency, a department, a procedure or a
    field), approved by the agency's leader and evaluated at the year's end."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("no."))
    name = models.CharField(_("objective"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=300)
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison.choices)
    target = models.DecimalField(_("target"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=ObjectiveUnit.choices)
    measure = models.CharField(_("measured"), max_length=20, choices=Measure.choices)
    # A live measure of dossiers reads one procedure, or one field, instead of the whole
    # agency (or the department's procedures).
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("administrative procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ObjectiveState.choices, default=ObjectiveState.DRAFT
    )
    approved_by = models.ForeignKey(
        _USER,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # The year-end evaluation, frozen.
    value_reached = models.DecimalField(
        _("value reached"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    met = models.BooleanField(_("met"), null=True, blank=True)
    evaluation = models.TextField(_("reason"), blank=True)
    evaluated_by = models.ForeignKey(
        _USER,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quality objective")
        verbose_name_plural = _("quality objectives")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="improvement_objective_number"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "year", "state"], name="improvement_objective_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.number:02d} {self.name}"[:300]

    def get_absolute_url(self) -> str:
        return reverse("improvement:objective_detail", args=[self.pk])

    @property
    def unit_suffix(self) -> str:
        """What follows a value as printed: "%", "ngày", nothing for a count."""
        return "" if self.unit == ObjectiveUnit.COUNT else str(self.get_unit_display())


class ObjectivePlanLine(models.Model):
    """One line of the plan to reach the objective: what is done, by whom, with what, by
    when (ISO 9001:2015, 6.2.2)."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="plan"
    )
    order = models.PositiveSmallIntegerField(_("no."))
    action = models.TextField(_("what is done"))
    owner = models.CharField(_("responsible"), max_length=200)
    resources = models.CharField(_("resources"), max_length=300, blank=True)
    deadline = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["objective_id", "order"]

    def __str__(self) -> str:
        return self.action[:80]


class ObjectiveMeasurement(models.Model):
    """A value recorded by hand for a month (first day) or a quarter (its first month's
    first day), with who recorded it and when; recording again replaces it."""

    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    period = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        _USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["objective_id", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "period"], name="improvement_measurement_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period:%m/%Y}: {self.value}"
