"""Forms of the management review's screens (ISO 9001:2015, 9.3)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import StyledFormMixin, date_field
from chuan.improvement.choices import ReviewInputKey


class _Officials(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class _ManyOfficials(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class ReviewForm(StyledFormMixin, forms.Form):
    """Plan a meeting: title, period, when and where, chair, secretary, attendees."""

    title = forms.CharField(label=_("Meeting title"), max_length=255)
    period_start = date_field(_("Period from"))
    period_end = date_field(_("Period to"))
    day = date_field(_("Meeting day"))
    time = forms.TimeField(
        label=_("Time"),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "08:00", "maxlength": "5"}),
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    chair = _Officials(label=_("Chair"), queryset=None)
    secretary = _Officials(label=_("Secretary"), queryset=None)
    attendees = _ManyOfficials(
        label=_("Attendees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Other attendees"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary", "attendees"):
            self.fields[name].queryset = officials  # type: ignore[attr-defined]

    def held_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))


class CommentForm(StyledFormMixin, forms.Form):
    key = forms.ChoiceField(choices=ReviewInputKey.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=20_000, widget=forms.Textarea
    )


class MinutesForm(StyledFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Proceedings and conclusion"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DecisionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Action to take"), max_length=5000)
    owner = _Officials(label=_("Responsible"), queryset=None)
    due_on = date_field(_("Due on"))

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officials  # type: ignore[attr-defined]


class CompleteForm(StyledFormMixin, forms.Form):
    result = forms.CharField(label=_("Result"), max_length=5000, required=False)
