"""Management reviews (xem xét của lãnh đạo): the meeting where the agency's leaders look at
the whole QMS once at least a year (ISO 9001:2015, 9.3; QĐ 19/2014/QĐ-TTg Art. 4.4b), its
input pack per clause 9.3.2 and its outputs (decisions, and actions followed like corrective
actions: `Action.review`)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.improvement.choices import ReviewInputKey, ReviewState
from chuan.organisations.models import Agency

_USER = settings.AUTH_USER_MODEL


class ManagementReview(TimeStampedModel):
    """One management-review meeting of an agency for a period, chaired by one of its
    leaders; its minutes (biên bản họp xem xét của lãnh đạo) are signed by the chair and the
    secretary. Once the chair approves, nothing of it changes."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    chair = models.ForeignKey(
        _USER, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        _USER, verbose_name=_("secretary"), on_delete=models.PROTECT, related_name="+"
    )
    attendees: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        _USER, verbose_name=_("attendees"), blank=True, related_name="+"
    )
    guests = models.TextField(_("other attendees"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReviewState.choices, default=ReviewState.PLANNED
    )
    compiled_at = models.DateTimeField(_("pack compiled at"), null=True, blank=True)
    minutes = models.TextField(_("proceedings"), blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-held_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="improvement_review_period_order",
            )
        ]
        indexes = [models.Index(fields=["agency", "state", "held_at"], name="improvement_mr_held")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("improvement:review_detail", args=[self.pk])


class ReviewSection(models.Model):
    """One input of the pack (clause 9.3.2 a–j): the table and summary compiled from the
    agency's figures (frozen once approved) and the comment the meeting made on it."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("input"), max_length=2, choices=ReviewInputKey.choices)
    headers = models.JSONField(_("columns"), default=list, blank=True)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review input")
        verbose_name_plural = _("review inputs")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["review", "key"], name="improvement_review_one_input")
        ]

    def __str__(self) -> str:
        return f"{self.review_id} {self.key}"


class ReviewDecision(models.Model):
    """A decision of the meeting (clause 9.3.3: improvement, changes to the QMS, resources)."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="decisions")
    order = models.PositiveSmallIntegerField(_("no."), default=1)
    text = models.TextField(_("decision"))

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
