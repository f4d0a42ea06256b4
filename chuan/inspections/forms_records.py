"""Forms of records-based inspections (TT 26/2014/TT-BKHCN Arts. 35–36)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import StyledFormMixin, date_field
from chuan.inspections import article36
from chuan.inspections.choices import Conclusion, ItemResult
from chuan.inspections.services.records import NUMBER_MAX
from chuan.inspections.services.records_answers import TEXT_MAX


class LetterForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Request letter number"), max_length=NUMBER_MAX)
    letter_date = date_field(_("Letter date"))
    reply_due = date_field(_("Report due"))


class AnswerForm(StyledFormMixin, forms.Form):
    """The thirteen items, each with its answer, evidence, file and confirmation; the
    fields are named "<code>-answer" and so on."""

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in items:
            code = row.code
            self.fields[f"{code}-answer"] = forms.CharField(
                label=_("The agency's report"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=row.answer or row.prefill.get("summary", ""),
            )
            self.fields[f"{code}-evidence"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.evidence,
            )
            self.fields[f"{code}-evidence_file"] = forms.FileField(
                label=_("Evidence file (PDF, DOCX, XLSX, PNG or JPEG)"), required=False
            )
            self.fields[f"{code}-confirmed"] = forms.BooleanField(
                label=_("Confirmed"), required=False, initial=row.confirmed
            )
        # The mixin styled the fields it saw; these were added after it.
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif "class" not in widget.attrs:
                widget.attrs["class"] = "form-control"

    def rows(self, items: list[Any]) -> list[dict[str, Any]]:
        """The items with their bound fields, for the template."""
        return [
            {
                "row": row,
                "item": article36.item(row.code),
                "answer": self[f"{row.code}-answer"],
                "evidence": self[f"{row.code}-evidence"],
                "evidence_file": self[f"{row.code}-evidence_file"],
                "confirmed": self[f"{row.code}-confirmed"],
            }
            for row in items
        ]


class AssessForm(forms.Form):
    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in items:
            self.fields[f"{row.code}-result"] = forms.ChoiceField(
                label=_("Result"),
                required=False,
                choices=[("", "—"), *ItemResult.choices],
                initial=row.result,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"{row.code}-finding"] = forms.CharField(
                label=_("Finding"),
                required=False,
                max_length=TEXT_MAX,
                initial=row.finding,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )


def _item_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((i.code, f"{i.label}. {i.text}") for i in article36.ITEMS)]


class CorrectionForm(StyledFormMixin, forms.Form):
    code = forms.ChoiceField(label=_("Article 36 item"), choices=_item_choices, required=False)
    text = forms.CharField(
        label=_("Request for correction"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConcludeForm(StyledFormMixin, forms.Form):
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=Conclusion.choices)
    text = forms.CharField(
        label=_("Conclusion in words"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    concluded_on = date_field(_("Concluded on"))
