from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import StyledFormMixin


class CompletionForm(StyledFormMixin, forms.Form):
    """Ask for a submission's completion online, once and in full (form 02)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    missing = forms.CharField(
        label=_("Papers to complete (one a line)"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def missing_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["missing"].splitlines() if line.strip()]


class RefuseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
