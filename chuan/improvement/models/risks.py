"""The agency's register of risks and opportunities (sổ theo dõi rủi ro và cơ hội; ISO
9001:2015, 6.1; the system procedure agencies number QT.ISO.02 or QT-HT-05): each item per
process or department, scored likelihood × impact, levelled, treated with actions, and
re-assessed at least once a year — the history of assessments is what the management review
reads as "the effect of actions taken on risks and opportunities" (9.3.2 e)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import InternalProcess

_USER = settings.AUTH_USER_MODEL


class Risk(TimeStampedModel):
    """One line of the register: a risk (RR-2026-003) or an opportunity (CH-2026-004),
    numbered per agency and year. `likelihood`, `impact`, `score`, `level` and
    `assessed_on` are those of the latest assessment; the earlier ones are its
    `assessments`."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=RiskKind.choices)
    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("internal process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    context = models.CharField(_("context issue or interested party"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    cause = models.TextField(_("cause"), blank=True)
    consequence = models.TextField(_("consequence"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    impact = models.PositiveSmallIntegerField(_("impact"))
    score = models.PositiveSmallIntegerField(_("score"))
    level = models.CharField(_("risk level"), max_length=20, choices=RiskLevel.choices)
    assessed_on = models.DateField(_("assessed on"))
    treatment = models.CharField(_("treatment"), max_length=20, choices=RiskTreatment.choices)
    owner = models.ForeignKey(
        _USER,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("treatment due on"), null=True, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=RiskState.choices, default=RiskState.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("why it was closed"), blank=True)

    class Meta:
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        ordering = ["-score", "-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="improvement_risk_unique_number"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "state", "level"], name="improvement_risk_level"),
            models.Index(fields=["agency", "assessed_on"], name="improvement_risk_assessed"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        prefix = "CH" if self.kind == RiskKind.OPPORTUNITY else "RR"
        return f"{prefix}-{self.year}-{self.number:03d}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:risk_detail", args=[self.pk])


class RiskAction(TimeStampedModel):
    """An action of the treatment: what is done, by whom, by when."""

    risk = models.ForeignKey(
        Risk,
        verbose_name=_("risk or opportunity"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.TextField(_("treatment action"))
    owner = models.ForeignKey(
        _USER,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("treatment action")
        verbose_name_plural = _("treatment actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class RiskAssessment(TimeStampedModel):
    """One assessment of an item, the first included: on which day, by whom, the likelihood
    and impact then, their score and level, and what the actions achieved."""

    risk = models.ForeignKey(
        Risk,
        verbose_name=_("risk or opportunity"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        _USER,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    impact = models.PositiveSmallIntegerField(_("impact"))
    score = models.PositiveSmallIntegerField(_("score"))
    level = models.CharField(_("risk level"), max_length=20, choices=RiskLevel.choices)
    note = models.TextField(_("effectiveness of the actions"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.risk_id} {self.assessed_on:%d/%m/%Y}"
