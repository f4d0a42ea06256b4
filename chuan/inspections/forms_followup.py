"""Forms of the follow-up (TT 26/2014 Arts. 37.3–37.4, 39): the agency's corrective-action
report, DOST's notice of non-acceptance, a document of the inspection file."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.files import FILE_MAX_BYTES
from chuan.core.forms import StyledFormMixin, date_field
from chuan.inspections import article39
from chuan.inspections.services.followup import MAX_NOTICE_NUMBER, MAX_REPORT_CHARS


class ReportForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What was done"),
        max_length=MAX_REPORT_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )
    actions = forms.MultipleChoiceField(
        label=_("Corrective actions it rests on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, action_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actions"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(pk), label) for pk, label in action_choices]

    def clean_evidence_file(self) -> Any:
        file = self.cleaned_data.get("evidence_file")
        # The size first: nothing larger is read (the service checks the content).
        if file and file.size > FILE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than the 10 MB allowed."))
        return file


class RefuseForm(StyledFormMixin, forms.Form):
    notice_number = forms.CharField(label=_("Notice number"), max_length=MAX_NOTICE_NUMBER)
    notice_date = date_field(_("Notice date"))
    reasons = forms.CharField(
        label=_("Reasons for non-acceptance"),
        max_length=MAX_REPORT_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FileItemForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=article39.CODE_CHOICES)
    file = forms.FileField(label=_("File"), required=False)
    link = forms.CharField(label=_("Link"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and file.size > FILE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than the 10 MB allowed."))
        return file
