"""Choices of the procedure catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    """How a procedure's statutory time is expressed (the catalogue's "đơn vị tính")."""

    WORKING_DAYS = "working_days", _("working days")
    WORKING_HOURS = "working_hours", _("working hours")
    CALENDAR_DAYS = "calendar_days", _("days")
    MONTHS = "months", _("months")
    SAME_DAY = "same_day", _("same day")


class StepUnit(models.TextChoices):
    """How a step of an internal process is allotted its time."""

    WORKING_HOURS = "working_hours", _("working hours")
    WORKING_DAYS = "working_days", _("working days")


class OnlineLevel(models.TextChoices):
    """Online public service level (Decree 42/2022/NĐ-CP, Art. 11)."""

    FULL = "full", _("Full online")
    PARTIAL = "partial", _("Partly online")
    NONE = "none", _("Not online")


class Responsible(models.TextChoices):
    """Who carries out a step of an internal process."""

    DESK = "desk", _("One-stop desk")
    DEPARTMENT = "department", _("Specialised department")
    LEADER = "leader", _("Agency leader")
    OTHER_AGENCY = "other_agency", _("Another agency")


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class FormSlip(models.TextChoices):
    """Which of the desk's printed papers a form of a form set is (the form's number changes
    from one circular to the next; what it is used for does not)."""

    RECEIPT = "receipt", _("Receipt and appointment slip")
    SUPPLEMENT = "supplement", _("Request to complete the dossier")
    REFUSAL = "refusal", _("Refusal to receive the dossier")
    APOLOGY = "apology", _("Apology and new appointment")
    STOP = "stop", _("Notice that processing is stopped")
    CONTROL = "control", _("Process control slip")
    REGISTER = "register", _("Dossier register")
