"""Coded values of notifications; every one has a label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    """An outgoing mail's life: pending (waiting for its next attempt) → sent, or failed
    (refused for good by the server, or still refused after every retry). A failed mail is
    kept with its error so that it can be sent again; nothing is ever deleted."""

    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not sent")
