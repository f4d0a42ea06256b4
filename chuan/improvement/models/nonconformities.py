"""Nonconformities (sự không phù hợp) and the actions that correct them, as the agency's
corrective-action request form records them (ISO 9001:2015, 10.2; QĐ 19/2014/QĐ-TTg Art.
4.4b asks corrective action on every nonconformity)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.dossiers.models import Dossier
from chuan.improvement.choices import ActionState, NcSource, NcState, Severity
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import Procedure

_USER = settings.AUTH_USER_MODEL


class Nonconformity(TimeStampedModel):
    """One nonconformity and its corrective-action request, numbered per agency and year
    (e.g. "KPH-2026-007")."""

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
    number = models.PositiveIntegerField(_("number"))
    source = models.CharField(_("source"), max_length=30, choices=NcSource.choices)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices)
    clause = models.CharField(_("ISO 9001 clause"), max_length=20, blank=True)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("administrative procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"))
    evidence = models.TextField(_("evidence"), blank=True)
    found_on = models.DateField(_("found on"))
    found_by = models.ForeignKey(
        _USER, verbose_name=_("found by"), on_delete=models.PROTECT, related_name="+"
    )
    # Part 1's second signature: the head of the department concerned.
    confirmed_by = models.ForeignKey(
        _USER,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Part 2: the immediate correction and the root cause, found by asking "why" up to five
    # times; the last answer is the root cause.
    correction = models.TextField(_("correction"), blank=True)
    whys = models.JSONField(_("why, why, why"), default=list, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    planned_by = models.ForeignKey(
        _USER,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    # Part 3.
    approved_by = models.ForeignKey(
        _USER,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Part 4: checked on or after this day by someone who implemented none of the actions.
    check_on = models.DateField(_("check effectiveness on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        _USER,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=NcState.choices, default=NcState.DESCRIBED
    )
    # Why the approver sent the plan back (shown to the department until it plans again).
    return_note = models.TextField(_("sent back because"), blank=True)
    cancel_reason = models.TextField(_("cancelled because"), blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set when the root cause repeats one already recorded for the same clause and
    # department: the earlier action did not remove it.
    repeats = models.ForeignKey(
        "self",
        verbose_name=_("repeats the cause of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dossiers = models.ManyToManyField(
        Dossier, verbose_name=_("dossiers"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["-year", "-number"]
        permissions = [
            ("view_qms", _("Can read the agency's improvement cycle")),
            ("manage_qms", _("Can run the agency's improvement cycle")),
            ("raise_nonconformity", _("Can record a nonconformity")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="improvement_nc_unique_number"
            )
        ]
        indexes = [models.Index(fields=["agency", "state"], name="improvement_nc_state")]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"KPH-{self.year}-{self.number:03d}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:nc_detail", args=[self.pk])


class Action(TimeStampedModel):
    """An action with an owner and a due date, counted in working days by the province's
    calendar: a corrective action of a nonconformity, or an output of a management review;
    both are followed the same way."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    nonconformity = models.ForeignKey(
        Nonconformity,
        verbose_name=_("nonconformity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    order = models.PositiveSmallIntegerField(_("no."), default=1)
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        _USER, verbose_name=_("responsible"), on_delete=models.PROTECT, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=20, choices=ActionState.choices, default=ActionState.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        _USER,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result = models.TextField(_("result"), blank=True)
    review = models.ForeignKey(
        "improvement.ManagementReview",
        verbose_name=_("management review"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "order"]
        indexes = [
            models.Index(fields=["agency", "state", "due_on"], name="improvement_action_due"),
            models.Index(fields=["owner", "state", "due_on"], name="improvement_action_owner"),
        ]

    def __str__(self) -> str:
        return self.description[:80]
