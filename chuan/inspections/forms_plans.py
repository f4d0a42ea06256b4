"""Forms of the plans area: who inspects, the plan's lines (Mẫu 19), its decision and its
amendments (TT 26/2014 Art. 34). Numbers are bounded here and again by the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.inspections import plan_rules
from chuan.inspections.choices import InspectionForm
from chuan.inspections.models.plans import InspectingUnitKind
from chuan.inspections.services.plans import FIRST_YEAR, DecisionData, LineData
from chuan.inspections.services.plans_units import ArrangementData

MONTHS = [("", "—"), *[(str(m), str(m)) for m in range(1, 13)]]
QUARTERS = [("", "—"), *[(str(q), str(q)) for q in range(1, 5)]]


class ProposeForm(StyledFormMixin, forms.Form):
    year = BoundedIntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100)


class LineForm(StyledFormMixin, forms.Form):
    """One line of Mẫu 19."""

    form = forms.ChoiceField(label=_("Form of inspection"), choices=InspectionForm.choices)
    planned_month = forms.TypedChoiceField(
        label=_("Month"), choices=MONTHS, coerce=int, empty_value=None, required=False
    )
    planned_quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=QUARTERS, coerce=int, empty_value=None, required=False
    )
    inspecting_unit = forms.CharField(label=_("Inspecting unit"), max_length=255, required=False)
    coordinating_unit = forms.CharField(
        label=_("Coordinating unit"), max_length=255, required=False
    )
    budget = BoundedIntegerField(
        label=_("Budget (VND)"), min_value=0, max_value=plan_rules.BUDGET_MAX, initial=0
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def line_data(self) -> LineData:
        data = self.cleaned_data
        return LineData(
            form=data["form"],
            inspecting_unit=data["inspecting_unit"],
            coordinating_unit=data["coordinating_unit"],
            planned_month=data["planned_month"],
            planned_quarter=data["planned_quarter"],
            budget=data["budget"] or 0,
            note=data["note"],
        )


class AmendmentFields(forms.Form):
    """The date and reason every change of an approved plan carries."""

    amended_on = date_field(_("Amended on"))
    reason = forms.CharField(
        label=_("Reason for the amendment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AmendLineForm(LineForm, AmendmentFields):
    pass


class _Agencies(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class AddLineForm(LineForm):
    agency = _Agencies(label=_("Agency"), queryset=None)
    field_order = ["agency"]

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class AmendAddLineForm(AddLineForm, AmendmentFields):
    pass


class RemoveForm(StyledFormMixin, AmendmentFields):
    pass


class DecisionForm(StyledFormMixin, forms.Form):
    """The provincial People's Committee's decision approving the plan."""

    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = date_field(_("Decision date"))
    decision_signer = forms.CharField(label=_("Signed by"), max_length=150)
    decision_file = forms.FileField(
        label=_("Decision file"),
        required=False,
        help_text=_("PDF, DOCX, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def decision_data(self) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            number=data["decision_number"],
            date=data["decision_date"],
            signer=data["decision_signer"],
            file=data.get("decision_file") or None,
        )


class ReturnForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Why it is returned"), max_length=500, required=False)


class ArrangementForm(StyledFormMixin, forms.Form):
    """Who inspects in the province from a date."""

    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False)
    lead_unit = forms.CharField(label=_("Lead unit"), max_length=255)
    unit_kind = forms.ChoiceField(
        label=_("Kind of inspecting unit"), choices=InspectingUnitKind.choices
    )
    unit_name = forms.CharField(label=_("Inspecting unit"), max_length=255)
    basis = forms.CharField(label=_("Basis (decision)"), max_length=255, required=False)

    def arrangement_data(self) -> ArrangementData:
        data = self.cleaned_data
        return ArrangementData(
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            lead_unit=data["lead_unit"],
            unit_kind=data["unit_kind"],
            unit_name=data["unit_name"],
            basis=data["basis"],
        )


class EndForm(StyledFormMixin, forms.Form):
    valid_to = date_field(_("Last day"))
