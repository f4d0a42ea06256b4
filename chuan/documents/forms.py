"""Input of the document-control screens."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.accounts.models import User
from chuan.core.files import FILE_MAX_BYTES
from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.documents.choices import DocumentKind
from chuan.documents.services import DocumentData
from chuan.legal.forms import LegalBasisField
from chuan.organisations.models import Department


class DocumentForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Document code"), max_length=40, help_text=_("For example QT-HT-01.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    owner_department = BoundedModelChoiceField(
        label=_("Owner department"), queryset=Department.objects.none(), required=False
    )
    legal_basis = LegalBasisField()
    retention_years = BoundedIntegerField(
        label=_("Retention (years)"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("For record types."),
    )

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_department"].queryset = departments  # type: ignore[attr-defined]

    def data_object(self) -> DocumentData:
        return DocumentData(**self.cleaned_data)


class DraftForm(StyledFormMixin, forms.Form):
    what = forms.CharField(label=_("What changes"), max_length=300, required=False)
    where = forms.CharField(label=_("Where"), max_length=300, required=False)
    why = forms.CharField(label=_("Why"), max_length=300, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=format_lazy(
            _("DOCX, PDF or XLSX of at most {mb} MB; the previous edition's if empty."),
            mb=FILE_MAX_BYTES // (1024 * 1024),
        ),
    )

    def changes(self) -> list[dict[str, str]]:
        return [{k: self.cleaned_data[k] for k in ("what", "where", "why")}]


class SubmitForm(StyledFormMixin, forms.Form):
    reviewer = BoundedModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = officials  # type: ignore[attr-defined]


class CommentsForm(StyledFormMixin, forms.Form):
    comments = forms.CharField(
        label=_("Comments"),
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "placeholder": _("What must change, for the author"),
                "aria-label": _("Comments"),
            }
        ),
    )


class WithdrawForm(StyledFormMixin, forms.Form):
    comments = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Why it is withdrawn")}),
    )


class ApproveForm(StyledFormMixin, forms.Form):
    effective_date = date_field(_("Effective date"))


class DistributeForm(StyledFormMixin, forms.Form):
    departments = BoundedModelMultipleChoiceField(
        label=_("Whole departments"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    users = BoundedModelMultipleChoiceField(
        label=_("Recipients"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, officials: Any, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = officials  # type: ignore[attr-defined]
        if departments is not None:
            self.fields["departments"].queryset = departments  # type: ignore[attr-defined]

    def recipients(self) -> list[Any]:
        """The officials chosen, and every active member of the departments chosen."""
        chosen = {user.pk: user for user in self.cleaned_data["users"]}
        departments = list(self.cleaned_data["departments"])
        if departments:
            members = User.objects.filter(
                is_active=True,
                memberships__department__in=departments,
                memberships__is_active=True,
            ).distinct()
            chosen.update({user.pk: user for user in members})
        return list(chosen.values())


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.CharField(
        label=_("Why no change is needed"), widget=forms.Textarea(attrs={"rows": 2})
    )
