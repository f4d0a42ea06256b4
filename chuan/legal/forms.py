"""Input of the legal library's screens."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin, date_field
from chuan.legal.choices import DocumentKind, DocumentStatus, RelationKind
from chuan.legal.models import LegalDocument
from chuan.legal.selectors import legal_document_by_symbol
from chuan.legal.services import LegalDocumentData, legal_file_check
from chuan.organisations.models import AdministrativeUnit


class LegalDocumentForm(StyledFormMixin, forms.Form):
    """A legal document's record."""

    symbol = forms.CharField(
        label=_("Symbol"), max_length=60, help_text=_("For example 61/2018/NĐ-CP or 658/QĐ-UBND.")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *DocumentKind.choices])
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    issue_date = date_field(_("Issue date"))
    effective_date = date_field(_("Effective date"), required=False)
    end_date = date_field(_("End of effect"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=DocumentStatus.choices)
    province = BoundedModelChoiceField(
        label=_("Province"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("Central document"),
        help_text=_("For documents of a province's authorities."),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("PDF or DOCX, at most 10 MB.")
    )

    def __init__(self, *args: Any, provinces: QuerySet[AdministrativeUnit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                legal_file_check(upload)
            except forms.ValidationError as exc:
                raise forms.ValidationError(exc.message_dict["file"]) from exc
        return upload

    def data_object(self) -> LegalDocumentData:
        values = {k: v for k, v in self.cleaned_data.items() if k != "file"}
        return LegalDocumentData(**values)


class LegalRelationForm(StyledFormMixin, forms.Form):
    """This document acts on another, named by its symbol."""

    kind = forms.ChoiceField(label=_("This document"), choices=RelationKind.choices)
    target_symbol = forms.CharField(
        label=_("Symbol of the other document"),
        max_length=60,
        help_text=_("For example 61/2018/NĐ-CP."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class LegalBasisField(forms.CharField):
    """Legal documents typed one symbol per line (e.g. 60/2014/QH13), each found in the
    library; cleans to the documents, in order, without repeats."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Legal basis"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault(
            "help_text",
            _("One symbol per line, e.g. 60/2014/QH13; each must be in the legal library."),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[LegalDocument]:
        text = super().clean(value) or ""
        documents, unknown = [], []
        for line in filter(str.strip, text.splitlines()):
            found = legal_document_by_symbol(line)
            if found:
                documents.append(found[0])
            else:
                unknown.append(line.strip())
        if unknown:
            raise forms.ValidationError(
                _("Not in the legal library: %(symbols)s. Record them there first.")
                % {"symbols": ", ".join(unknown)}
            )
        return list(dict.fromkeys(documents))
