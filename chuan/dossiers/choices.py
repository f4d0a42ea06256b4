"""Choices of the one-stop desk, mirroring the national codes used to synchronise with the
National Public Service Portal (status 1–10, channel 1–3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.IntegerChoices):
    """The dossier's status, numbered as the national status codes (TrangThaiHoSo)."""

    SUBMITTED = 1, _("Submitted")
    RECEIVED = 2, _("Received")
    NOT_RECEIVED = 3, _("Not received")
    PROCESSING = 4, _("Processing")
    SUPPLEMENT_REQUESTED = 5, _("Supplement requested")
    PAYMENT_REQUESTED = 6, _("Financial obligation requested")
    WITHDRAWN = 7, _("Withdrawn by the citizen")
    STOPPED = 8, _("Processing stopped")
    FINISHED = 9, _("Processing finished")
    RETURNED = 10, _("Result returned")


# The statuses of a dossier still being worked on (received, and not yet finished, stopped
# or withdrawn): exactly the dossiers without an end time. SUBMITTED is never stored.
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.PAYMENT_REQUESTED,
)


class Channel(models.IntegerChoices):
    IN_PERSON = 1, _("In person")
    ONLINE = 2, _("Online")
    POSTAL = 3, _("Public postal service")


class NotReceivedKind(models.TextChoices):
    """Why a dossier was not received: incomplete (form 02 before receipt) or refused
    (form 03)."""

    INCOMPLETE = "incomplete", _("Completion requested before receipt")
    REFUSED = "refused", _("Refused")


class Result(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Timeliness(models.TextChoices):
    """Early, on time or late: for a finished dossier its finish date against its due date;
    for a step its working time against the time allotted."""

    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class ReturnMethod(models.TextChoices):
    IN_PERSON = "in_person", _("At the desk")
    POSTAL = "postal", _("By post")
    ONLINE = "online", _("Online")


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


class EventKind(models.TextChoices):
    """What happened to a dossier; each leaves a row its slips print from."""

    RECEIVED = "received", _("Received")
    NOT_RECEIVED = "not_received", _("Not received")
    HANDED_OVER = "handed_over", _("Handed over")
    ACCEPTED = "accepted", _("Accepted")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SUPPLEMENTED = "supplemented", _("Supplemented")
    PAYMENT_REQUESTED = "payment_requested", _("Financial obligation requested")
    PAYMENT_MADE = "payment_made", _("Financial obligation fulfilled")
    EXTENDED = "extended", _("Extended")
    FINISHED = "finished", _("Finished")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    STOPPED = "stopped", _("Stopped")
    RATED = "rated", _("Rated by the citizen")
    FILE_ATTACHED = "file_attached", _("File attached")


class FileOrigin(models.TextChoices):
    """Where a dossier's file comes from: a scan of the paper (số hóa, Circular
    01/2023/TT-VPCP) or the original electronic document (an online submission's file, a
    result issued and signed electronically, Decree 45/2020/NĐ-CP Art. 14)."""

    SCANNED = "scanned", _("Scanned from paper")
    ELECTRONIC = "electronic", _("Original electronic")
