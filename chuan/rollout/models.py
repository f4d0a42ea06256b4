"""Each agency's QMS history and the province's targets."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.rollout.choices import CoverageLevel, EventKind, IsoEdition


class QmsEventQuerySet(models.QuerySet["QmsEvent"]):
    def in_force(self) -> "QmsEventQuerySet":
        """The events that count: those not withdrawn as recorded by mistake."""
        return self.filter(withdrawn_at__isnull=True)


class QmsEvent(models.Model):
    """One dated step of an agency's QMS: a steering committee set up, documents issued, the
    announcement decision (số quyết định công bố), an inspection confirming it is applied, a
    lapse. The agency's status is derived from these rows (chuan.rollout.lifecycle)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="qms_events"
    )
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    iso_edition = models.CharField(
        _("ISO edition"), max_length=4, choices=IsoEdition.choices, blank=True
    )
    scope = models.TextField(_("scope"), blank=True)
    consultant = models.CharField(_("consultant"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("decision file"), upload_to="rollout/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # A mistaken event is withdrawn, never deleted: the history shows it struck through.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    objects = QmsEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("QMS event")
        verbose_name_plural = _("QMS events")
        # By id, not "agency": that would join and sort by the agency's name.
        ordering = ["agency_id", "occurred_on", "id"]
        indexes = [models.Index(fields=["agency", "occurred_on"], name="rollout_event_agency_on")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.agency}"


class Target(models.Model):
    """A province's target for its agencies' QMS, set by a decision of the People's Committee,
    e.g. 658/QĐ-UBND: 90% of communes by the end of 2017, 100% by the end of Q2 2018."""

    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="qms_targets",
    )
    level = models.CharField(_("level"), max_length=30, choices=CoverageLevel.choices)
    percent = models.DecimalField(
        _("percentage"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    deadline = models.DateField(_("deadline"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["deadline", "level"]
        permissions = [
            ("view_coverage", _("Can see the province's QMS coverage")),
            ("import_statuses", _("Can import agencies' QMS statuses from a spreadsheet")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100),
                name="rollout_target_percent_range",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("decision_date")),
                name="rollout_target_deadline_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number}: {self.percent}% {self.get_level_display()}"
