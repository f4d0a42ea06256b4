"""The working calendar as data: the days a yearly notice decides, and each province's
office hours. The engine (`chuan.core.working_time`) stays pure; `selectors.working_calendar`
builds it from these rows."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.calendars.choices import DayKind
from chuan.core.models import TimeStampedModel
from chuan.organisations.models import AdministrativeUnit


class CalendarDay(TimeStampedModel):
    """A day decided by a notice, not by the Labour Code: an extra day off (a swapped day,
    a provincial day off) or an extra working day (a Saturday worked in exchange). It wins
    over the computed holidays. Without a province it applies to the whole country."""

    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "date"],
                condition=models.Q(province__isnull=False),
                name="calendars_day_unique_in_province",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(province__isnull=True),
                name="calendars_day_unique_nationwide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


DEFAULT_HOURS = {
    "morning_start": datetime.time(7, 30),
    "morning_end": datetime.time(11, 30),
    "afternoon_start": datetime.time(13, 0),
    "afternoon_end": datetime.time(17, 0),
    "same_day_cutoff": datetime.time(15, 0),
}


# Defaults as functions: Django warns of a fixed time default (fields.W161) whenever its
# checks run within seconds of that time of day, which made `check --deploy` fail at 07:30.
def default_morning_start() -> datetime.time:
    return DEFAULT_HOURS["morning_start"]


def default_morning_end() -> datetime.time:
    return DEFAULT_HOURS["morning_end"]


def default_afternoon_start() -> datetime.time:
    return DEFAULT_HOURS["afternoon_start"]


def default_afternoon_end() -> datetime.time:
    return DEFAULT_HOURS["afternoon_end"]


def default_same_day_cutoff() -> datetime.time:
    return DEFAULT_HOURS["same_day_cutoff"]


class OfficeHours(TimeStampedModel):
    """A province's office hours, decided by its People's Committee; without a row the
    national default applies (07:30–11:30, 13:00–17:00, same-day cut-off 15:00)."""

    province = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    morning_start = models.TimeField(_("morning from"), default=default_morning_start)
    morning_end = models.TimeField(_("morning to"), default=default_morning_end)
    afternoon_start = models.TimeField(_("afternoon from"), default=default_afternoon_start)
    afternoon_end = models.TimeField(_("afternoon to"), default=default_afternoon_end)
    same_day_cutoff = models.TimeField(_("same-day cut-off"), default=default_same_day_cutoff)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")

    def __str__(self) -> str:
        return str(self.province)
