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
