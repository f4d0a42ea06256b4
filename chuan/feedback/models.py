"""The citizens' feedback register (sổ tiếp nhận phản ánh, kiến nghị): what citizens and
businesses say about administrative regulations and about how the agency and its officials
handle their procedures, as Decree 20/2008/NĐ-CP (amended by 92/2017/NĐ-CP) has an agency
receive, register, classify, forward, answer and publish it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.dossiers.models import Dossier
from chuan.feedback.choices import Channel, Classification, ContentType, State
from chuan.organisations.models import Agency
from chuan.procedures.models import Procedure

_USER = settings.AUTH_USER_MODEL


class Feedback(models.Model):
    """One feedback or petition in an agency's register (NĐ 20/2008 Art. 9): who sent it and
    how, what it is about, its classification, who handles it, by when, the reply and its
    publication (Art. 19)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("feedback code"), max_length=30)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        _USER,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sender_name = models.CharField(_("sender"), max_length=200)
    sender_phone = models.CharField(_("phone"), max_length=15, blank=True)
    sender_email = models.EmailField(_("email"), blank=True)
    sender_address = models.CharField(_("address"), max_length=300, blank=True)
    content_type = models.CharField(_("content type"), max_length=20, choices=ContentType.choices)
    content = models.TextField(_("content"))
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("administrative procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    official = models.ForeignKey(
        _USER,
        verbose_name=_("official concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices, blank=True
    )
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    classification_note = models.TextField(_("reason"), blank=True)
    # Art. 9.4: feedback outside the agency's competence is forwarded within 5 working days.
    forward_due_at = models.DateTimeField(_("forward by"))
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    forward_reference = models.CharField(_("forwarding letter"), max_length=100, blank=True)
    assignee = models.ForeignKey(
        _USER,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_due_at = models.DateTimeField(_("reply due"))
    # The deadline running now: the reply's, or the forwarding's once classified outside
    # the agency's competence; empty once closed. Worklists count on it (indexed).
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        _USER,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the public page shows instead of the sender's own words (no personal details).
    public_summary = models.TextField(_("summary for the public"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-received_at", "-id"]
        permissions = [("manage_feedback", "Can register, classify and answer feedback")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="feedback_unique_code"),
            models.CheckConstraint(
                condition=~Q(state=State.PUBLISHED) | Q(published_at__isnull=False),
                name="feedback_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "due_at"], name="feedback_worklist_idx"),
            models.Index(fields=["agency", "-received_at"], name="feedback_recent_idx"),
            models.Index(fields=["agency", "-published_at"], name="feedback_published_idx"),
            models.Index(fields=["dossier", "received_at"], name="feedback_dossier_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("feedback:detail", args=[self.pk])


class FeedbackSequence(models.Model):
    """The last feedback number an agency gave in a year; locked while the next is taken."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="feedback_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.last}"
