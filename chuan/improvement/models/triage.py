"""The triage list: what the one-stop desk proposes to the QMS as possible nonconformities
(ISO 9001:2015, 9.1.3 analysis of performance data and 10.2; QĐ 19/2014/QĐ-TTg Art. 4.4b:
every nonconformity gets its corrective action).

A candidate is a dossier finished late, a dossier still open more than N working days past
its due time, a citizen's "not satisfied" rating, a citizen's feedback classified as being
about the conduct of the agency or its officials (NĐ 20/2008/NĐ-CP Art. 9.4), or a
procedure whose on-time rate of a month fell below the target of the agency's quality
objective. The ISO secretary accepts it
(it becomes a nonconformity with its dossiers linked) or dismisses it with a reason. Each is
proposed once: the unique constraints keep a dismissed candidate from coming back.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.dossiers.models import Dossier
from chuan.feedback.models import Feedback
from chuan.improvement.choices import CandidateState, TriageKind
from chuan.improvement.models.nonconformities import Nonconformity
from chuan.organisations.models import Agency
from chuan.procedures.models import Procedure

_USER = settings.AUTH_USER_MODEL


class TriageCandidate(TimeStampedModel):
    """One proposal of the triage list: a dossier (late, overdue, rated "not satisfied") or a
    procedure and month (on-time rate below the objective's target)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TriageKind.choices)
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("citizen's feedback"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("administrative procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The first day of the month whose on-time rate fell short (below-target candidates).
    month = models.DateField(_("month"), null=True, blank=True)
    # When it happened: finished, rated, or fell due (dossiers).
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    # Below-target candidates: the month's rate and the target, in %, and the dossiers
    # finished that month.
    rate = models.FloatField(_("on-time rate (%)"), null=True, blank=True)
    target = models.FloatField(_("target (%)"), null=True, blank=True)
    finished = models.PositiveIntegerField(_("dossiers finished"), null=True, blank=True)
    note = models.CharField(_("citizen's comment"), max_length=1000, blank=True)
    found_at = models.DateTimeField(_("found at"))
    state = models.CharField(
        _("state"), max_length=20, choices=CandidateState.choices, default=CandidateState.PROPOSED
    )
    nonconformity = models.ForeignKey(
        Nonconformity,
        verbose_name=_("nonconformity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        _USER,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason for dismissal"), blank=True)

    class Meta:
        verbose_name = _("triage candidate")
        verbose_name_plural = _("triage candidates")
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "dossier"],
                condition=Q(dossier__isnull=False, feedback__isnull=True),
                name="improvement_triage_once_per_dossier",
            ),
            # Several feedbacks may concern one dossier: each is proposed once.
            models.UniqueConstraint(
                fields=["kind", "feedback"],
                condition=Q(feedback__isnull=False),
                name="improvement_triage_once_per_feedback",
            ),
            models.UniqueConstraint(
                fields=["kind", "agency", "procedure", "month"],
                condition=Q(procedure__isnull=False, month__isnull=False),
                name="improvement_triage_once_per_month",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "-found_at"], name="improvement_triage_list")
        ]

    def __str__(self) -> str:
        subject = self.dossier.code if self.dossier_id and self.dossier else ""
        if self.feedback_id and self.feedback:
            subject = self.feedback.code
        if not subject and self.month:
            subject = f"{self.month:%m/%Y}"
        return f"{self.get_kind_display()} {subject}".strip()


class TriageCursor(models.Model):
    """How far the triage has read, so each run reads only what is new: the last dossier
    event seen, per province the due time before which open dossiers were already proposed,
    and the last month whose figures were compared with the targets. One row."""

    last_event_id = models.BigIntegerField(default=0)
    # {province id (text): ISO instant}: dossiers due before it were already looked at.
    overdue_before = models.JSONField(default=dict, blank=True)
    months_through = models.DateField(null=True, blank=True)
    ran_at = models.DateTimeField(null=True, blank=True)
    ran_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_found = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("triage cursor")
        verbose_name_plural = _("triage cursors")

    def __str__(self) -> str:
        return f"{self.last_event_id}"
