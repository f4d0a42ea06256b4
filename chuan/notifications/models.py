"""Notifications: what the daily digest told each person (the in-app list), which kinds of
reminder each person turned off, and the outbox of e-mails the background worker sends.

Reminders follow the deadlines the law sets elsewhere (QĐ 19/2014/QĐ-TTg Art. 4.4: legal
changes built into the QMS within three months, corrective action on every nonconformity;
TT 26/2014/TT-BKHCN Art. 38: corrective-action reports after an inspection); this app only
carries them to people."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.notifications.choices import MailState

_USER = settings.AUTH_USER_MODEL


class Notification(models.Model):
    """One thing one person was reminded of, once per `key` however often the digest runs.

    The title is stored rendered in the person's language on the day it was raised (the
    provider's lazy title, translated for them), so the list needs no provider to show it.
    `raised_on` is the last day a digest found it still due: the day's e-mail lists exactly
    the rows raised that day."""

    user = models.ForeignKey(
        _USER, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("key"), max_length=120)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    raised_on = models.DateField(_("last reminded on"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notifications_unique_key")
        ]
        indexes = [
            # The bell's count and the list's order (unread first).
            models.Index(fields=["user", "read_at"], name="notifications_unread"),
            # The digest's second pass: who was reminded today.
            models.Index(fields=["raised_on", "user"], name="notifications_raised"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """A kind of reminder a person turned off (or back on). No row: the kind is on."""

    user = models.ForeignKey(
        _USER, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=60)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_unique_pref")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.enabled}"


class OutgoingMail(models.Model):
    """An e-mail waiting in the outbox, sent by the background worker.

    A failed attempt leaves it pending with the error and a later `next_attempt_at`
    (exponential backoff); a worker that dies while sending leaves it claimed until the
    claim lapses, then another attempt is made. `message_id` is fixed when the mail is
    written, so a retried mail carries the same Message-ID. `digest_on` makes the daily
    digest idempotent: one mail per person per day."""

    user = models.ForeignKey(
        _USER,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_address = models.EmailField(_("address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MailState.choices, default=MailState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=250)
    digest_on = models.DateField(_("digest of"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "digest_on"],
                condition=models.Q(digest_on__isnull=False),
                name="notifications_one_digest_a_day",
            )
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notifications_outbox_due")
        ]

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"


class OutgoingSms(models.Model):
    """An SMS waiting to be sent to a citizen by the background worker, through the gateway
    `CHUAN_SMS_BACKEND` names. Like an outgoing mail: written in the transaction of what
    caused it, retried with a growing wait, kept with its error when given up. `key` makes
    writing it idempotent (one notice per dossier event) and is the id the gateway sees on
    every attempt."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    to_number = models.CharField(_("phone"), max_length=15)
    text = models.CharField(_("text"), max_length=160)
    state = models.CharField(
        _("state"), max_length=20, choices=MailState.choices, default=MailState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing SMS")
        verbose_name_plural = _("outgoing SMS")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notifications_sms_due")]

    def __str__(self) -> str:
        return f"{self.to_number}: {self.text[:40]}"
