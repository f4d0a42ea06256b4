"""Forms of DOST's guidance screens (QĐ 19/2014/QĐ-TTg Art. 12). Files are only bounded
here (count); their size and content are checked by the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import StyledFormMixin, date_field
from chuan.organisations.choices import AgencyKind, UnitLevel


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern), at most ten."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            if len(data) > 10:
                raise forms.ValidationError(
                    _("At most %(count)s files per letter.") % {"count": 10}
                )
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class LetterForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=60)
    issued_on = date_field(_("Date"))
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary of the letter"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    audience_level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *UnitLevel.choices],
    )
    audience_kind = forms.ChoiceField(
        label=_("Kind of agency"),
        required=False,
        choices=[("", _("All kinds")), *AgencyKind.choices],
    )
    letter_file = forms.FileField(label=_("Signed letter (PDF or DOCX)"))
    templates = MultipleFileField(
        label=_("Templates (DOCX, XLSX or PDF)"),
        required=False,
        help_text=_("At most 10 MB each; several may be chosen."),
    )
    publish_now = forms.BooleanField(label=_("Publish now"), required=False, initial=True)


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=1000)


class QuestionForm(StyledFormMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=255)
    text = forms.CharField(
        label=_("Question"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    file = forms.FileField(label=_("Attachment"), required=False)


class MessageForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Message"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label=_("Attachment"), required=False)


class FaqForm(StyledFormMixin, forms.Form):
    question_text = forms.CharField(
        label=_("Question, without the agency's name"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer_text = forms.CharField(
        label=_("Answer, without the agency's name"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
