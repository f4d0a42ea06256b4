"""Input of the working-calendar screens."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.calendars.choices import DayKind
from chuan.calendars.models import DEFAULT_HOURS
from chuan.calendars.services import CalendarDayData, OfficeHoursData
from chuan.core.forms import StyledFormMixin, date_field


class CalendarDayForm(StyledFormMixin, forms.Form):
    """A day a notice decides, with that notice."""

    date = date_field(_("Date"))
    kind = forms.ChoiceField(label=_("Decision"), choices=DayKind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: Day off in exchange for Saturday 22/08/2026."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        help_text=_("The notice or decision, e.g. 9441/TB-BNV of the Ministry of Home Affairs."),
    )

    def data_object(self) -> CalendarDayData:
        return CalendarDayData(**self.cleaned_data)


def _time_field(label: Any, name: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        initial=DEFAULT_HOURS[name],
        input_formats=["%H:%M"],
        # Text, not the browser's time picker, which shows 12-hour times in an English browser.
        widget=forms.TimeInput(
            attrs={
                "placeholder": "HH:MM",
                "pattern": "[0-9]{1,2}:[0-9]{2}",
                "inputmode": "numeric",
                "maxlength": "5",
                "autocomplete": "off",
            },
            format="%H:%M",
        ),
    )


class OfficeHoursForm(StyledFormMixin, forms.Form):
    """A province's office hours and same-day cut-off."""

    morning_start = _time_field(_("Morning from"), "morning_start")
    morning_end = _time_field(_("Morning to"), "morning_end")
    afternoon_start = _time_field(_("Afternoon from"), "afternoon_start")
    afternoon_end = _time_field(_("Afternoon to"), "afternoon_end")
    same_day_cutoff = _time_field(_("Same-day cut-off"), "same_day_cutoff")
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_("The People's Committee's decision on office hours, if any."),
    )

    def data_object(self) -> OfficeHoursData:
        return OfficeHoursData(**self.cleaned_data)
