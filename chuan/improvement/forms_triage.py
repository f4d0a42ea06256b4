"""Forms of the triage list: accepting a candidate as a nonconformity, dismissing it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedModelMultipleChoiceField, StyledFormMixin
from chuan.improvement.choices import Severity
from chuan.improvement.models import TriageCandidate


class CandidateChoice(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AcceptForm(StyledFormMixin, forms.Form):
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.MINOR
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What does not conform; proposed from the candidate, edit as needed."),
    )
    also = CandidateChoice(
        label=_("Join other candidates of the same procedure"),
        queryset=TriageCandidate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, others: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        also: Any = self.fields["also"]
        if others is not None:
            also.queryset = others
        if not also.queryset.exists():
            del self.fields["also"]


class DismissForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for dismissal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
