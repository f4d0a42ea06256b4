"""Forms of training: what a screen reads from a request, bounded before a service sees it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.organisations.models import Department
from chuan.training.choices import MAX_MODULE, CourseKind
from chuan.training.models import Lecturer
from chuan.training.services.courses import MAX_LEARNERS, CourseData, SessionData


class CourseForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    title = forms.CharField(label=_("Course title"), max_length=255)
    organiser = forms.CharField(label=_("Organiser"), max_length=255)
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))
    max_learners = BoundedIntegerField(
        label=_("At most learners"), min_value=1, max_value=MAX_LEARNERS, initial=25
    )
    pass_mark = BoundedIntegerField(
        label=_("Pass mark (out of 100)"), min_value=1, max_value=100, initial=70
    )
    lecturers = BoundedModelMultipleChoiceField(
        label=_("Lecturers"),
        queryset=Lecturer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, province_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lecturers"].queryset = Lecturer.objects.filter(province_id=province_id)  # type: ignore[attr-defined]

    def data_object(self) -> CourseData:
        data = self.cleaned_data
        return CourseData(
            kind=data["kind"],
            title=data["title"],
            organiser=data["organiser"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            max_learners=data["max_learners"],
            pass_mark=data["pass_mark"],
            venue=data["venue"],
            lecturers=list(data["lecturers"]),
        )


class SessionForm(StyledFormMixin, forms.Form):
    held_on = date_field(_("Date"))
    starts_at = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"placeholder": "07:30"})
    )
    module = BoundedIntegerField(label=_("Module"), min_value=1, max_value=MAX_MODULE)
    topic = forms.CharField(label=_("Topic"), max_length=255)
    periods = BoundedIntegerField(label=_("Periods"), min_value=1, max_value=12)
    lecturer = BoundedModelChoiceField(
        label=_("Lecturer"), queryset=Lecturer.objects.none(), required=False
    )

    def __init__(self, *args: Any, province_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = Lecturer.objects.filter(province_id=province_id)  # type: ignore[attr-defined]

    def data_object(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            held_on=data["held_on"],
            starts_at=data["starts_at"],
            module=data["module"],
            topic=data["topic"],
            periods=data["periods"],
            lecturer=data["lecturer"],
        )


class LecturerForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    unit = forms.CharField(label=_("Workplace"), max_length=255, required=False)
    qualification = forms.CharField(label=_("Qualification"), max_length=500, required=False)


class RegistrationForm(StyledFormMixin, forms.Form):
    user = BoundedModelChoiceField(
        label=_("Official"),
        queryset=None,
        required=False,
        help_text=_("An official with an account; or leave empty and type a name."),
    )
    name = forms.CharField(label=_("Learner's name"), max_length=150, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    department = BoundedModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args: Any, officials: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = officials  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class ScoreForm(StyledFormMixin, forms.Form):
    mid_score = forms.DecimalField(
        label=_("Mid-course score"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        max_digits=5,
        required=False,
    )
    final_score = forms.DecimalField(
        label=_("Final score"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        max_digits=5,
        required=False,
    )


class RevokeForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class IssueForm(StyledFormMixin, forms.Form):
    issued_on = date_field(_("Date of issue"))
    valid_until = date_field(_("Valid until"), required=False)
