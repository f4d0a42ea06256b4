"""Input of the catalogue and internal-process screens."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.core.params import MAX_MONEY
from chuan.legal.forms import LegalBasisField
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import Department
from chuan.procedures.choices import OnlineLevel, Responsible, StepUnit, TimeUnit
from chuan.procedures.services import ComponentData, ProcedureData, StepData


class ProcedureForm(StyledFormMixin, forms.Form):
    """A version of a procedure: what the catalogue publishes about it."""

    code = forms.CharField(
        label=_("Procedure code"), max_length=20, help_text=_("As in the national database.")
    )
    name = forms.CharField(
        label=_("Name"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_name = forms.CharField(
        label=_("Field"), max_length=200, widget=forms.TextInput(attrs={"list": "field-names"})
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels"), choices=UnitLevel.choices, widget=forms.CheckboxSelectMultiple
    )
    time_amount = forms.DecimalField(
        label=_("Statutory time"), min_value=Decimal(0), max_digits=7, decimal_places=2
    )
    time_unit = forms.ChoiceField(label=_("Time unit"), choices=TimeUnit.choices)
    time_note = forms.CharField(
        label=_("Time as published"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fee = forms.CharField(label=_("Fees"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    fee_amount = BoundedIntegerField(
        label=_("Fee (VND)"), min_value=0, max_value=MAX_MONEY, initial=0
    )
    result = forms.CharField(
        label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    online_level = forms.ChoiceField(
        label=_("Online service"), choices=OnlineLevel.choices, initial=OnlineLevel.NONE
    )
    cross_boundary = forms.BooleanField(
        label=_("Received regardless of administrative boundaries"), required=False
    )
    legal_basis = LegalBasisField()
    valid_from = date_field(_("Applies from"))

    def __init__(self, *args: Any, with_code: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]

    def data_object(self, components: list[ComponentData]) -> ProcedureData:
        values = dict(self.cleaned_data)
        values.pop("code", None)
        return ProcedureData(components=components, **values)


class ComponentForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Paper"), max_length=500, required=False)
    originals = BoundedIntegerField(label=_("Originals"), min_value=0, max_value=99, initial=1)
    certified_copies = BoundedIntegerField(
        label=_("Certified copies"), min_value=0, max_value=99, initial=0
    )
    photocopies = BoundedIntegerField(label=_("Photocopies"), min_value=0, max_value=99, initial=0)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


ComponentFormSet = forms.formset_factory(ComponentForm, extra=3, max_num=60)


def components_of(formset: Any) -> list[ComponentData]:
    return [
        ComponentData(**form.cleaned_data)
        for form in formset.forms
        if form.cleaned_data.get("name", "").strip()
    ]


class ProcessForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Document code"), max_length=40, help_text=_("For example QT-HT-01.")
    )


class StepForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("What is done"), max_length=500, required=False)
    responsible = forms.ChoiceField(label=_("Responsible"), choices=Responsible.choices)
    department = BoundedModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label="—",
    )
    time_amount = forms.DecimalField(
        label=_("Time"), min_value=Decimal(0), max_digits=6, decimal_places=2, required=False
    )
    time_unit = forms.ChoiceField(label=_("Time unit"), choices=StepUnit.choices)
    output = forms.CharField(label=_("Output"), max_length=500, required=False)
    signs = forms.BooleanField(
        label=_("Signed by a leader"),
        required=False,
        help_text=_("Only an official holding the agency leader role completes this step."),
    )
    gives_result = forms.BooleanField(
        label=_("Gives the result"),
        required=False,
        help_text=_(
            "The dossier is finished at this step. If no step is marked: the last step "
            "before the return."
        ),
    )

    # Last: the field's name hides the module for the rest of the class body.
    forms = forms.CharField(label=_("Forms"), max_length=300, required=False)

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


StepFormSet = forms.formset_factory(StepForm, extra=2, max_num=40)


def steps_of(formset: Any) -> list[StepData]:
    return [
        StepData(
            name=form.cleaned_data["name"],
            responsible=form.cleaned_data["responsible"],
            department=form.cleaned_data.get("department"),
            time_amount=form.cleaned_data.get("time_amount") or Decimal(0),
            time_unit=form.cleaned_data["time_unit"],
            output=form.cleaned_data.get("output", ""),
            forms=form.cleaned_data.get("forms", ""),
            signs=form.cleaned_data.get("signs", False),
            gives_result=form.cleaned_data.get("gives_result", False),
        )
        for form in formset.forms
        if form.cleaned_data.get("name", "").strip()
    ]


class ApproveForm(StyledFormMixin, forms.Form):
    decision_number = forms.CharField(
        label=_("Decision number"), max_length=60, help_text=_("For example 125/QĐ-UBND.")
    )
    decision_date = date_field(_("Decision date"))
    valid_from = date_field(_("Applies from"))


class CatalogueImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Catalogue file (XLSX)"))
