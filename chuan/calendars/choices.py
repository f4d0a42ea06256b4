"""Choices of the working calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """What a row of the calendar table decides for its day."""

    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Extra working day")
