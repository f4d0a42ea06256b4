"""Choices of the link to the National Public Service Portal (Cổng DVCQG)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionState(models.TextChoices):
    """Where an online submission stands in the desk's queue. A waiting one is the national
    status 1 (Mới đăng ký); receipt gives the dossier status 2."""

    WAITING = "waiting", _("Waiting for the desk")
    RECEIVED = "received", _("Received")
    COMPLETION_REQUESTED = "completion", _("Completion requested online")
    REFUSED = "refused", _("Refused")
    MALFORMED = "malformed", _("Malformed, kept for review")


class Service(models.TextChoices):
    """The portal's services the desk calls, by the names the portal knows them (OpenCPS)."""

    SYNC = "DongBoHoSoMC", _("Dossier synchronisation")
    PROGRESS = "CapNhatTienDoHoSoMC", _("Progress update")


class MessageState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Not delivered")
