"""Forms of the province's reports (TT 26/2014 Art. 38; QĐ 19/2014 Art. 12.6)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedIntegerField, StyledFormMixin, date_field
from chuan.core.params import EARLIEST_YEAR, LATEST_YEAR
from chuan.inspections.report_states import ReportKind
from chuan.inspections.services.reports import MAX_FIGURE, MAX_SECTION


class CompileForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    year = BoundedIntegerField(label=_("Year"), min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)


class SectionForm(StyledFormMixin, forms.Form):
    section = forms.CharField(max_length=40, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_SECTION,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CorrectForm(StyledFormMixin, forms.Form):
    block = forms.CharField(label=_("Block"), max_length=40)
    column = forms.CharField(label=_("Column"), max_length=40)
    value = BoundedIntegerField(label=_("Figure"), min_value=0, max_value=MAX_FIGURE)
    note = forms.CharField(label=_("Why it is corrected"), max_length=1000)


class IssueForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=60)
    issued_on = date_field(_("Issued on"))
    signer = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, required=False)
