"""Forms of the quality objectives' screens: the objective, a plan line, a value recorded
by hand, the year-end evaluation. Every number bounded, every date dd/mm/yyyy."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin, date_field
from chuan.improvement import objectives_rules as rules
from chuan.improvement.choices import Comparison, Measure, ObjectiveUnit
from chuan.improvement.models import Objective
from chuan.improvement.services.objectives import MAX_VALUE, ObjectiveData
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import Field, Procedure, ProcedureVersion

QUARTERS = {1: "I", 4: "II", 7: "III", 10: "IV"}


def _number(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=MAX_VALUE,
        max_digits=9,
        decimal_places=2,
        localize=False,
    )


class ObjectiveForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Objective"), max_length=300)
    indicator = forms.CharField(
        label=_("Indicator"),
        max_length=300,
        help_text=_("What is measured, e.g. the share of dossiers returned on time."),
    )
    comparison = forms.ChoiceField(label=_("Comparison"), choices=Comparison.choices)
    target = _number(_("Target"))
    unit = forms.ChoiceField(label=_("Unit of measure"), choices=ObjectiveUnit.choices)
    measure = forms.ChoiceField(label=_("Measured"), choices=Measure.choices)
    department = BoundedModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    procedure = BoundedModelChoiceField(
        label=_("Only this procedure"), queryset=Procedure.objects.none(), required=False
    )
    field = BoundedModelChoiceField(
        label=_("Only this field"), queryset=Field.objects.all(), required=False
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            agency=agency, is_active=True
        ).order_by("name")
        latest = ProcedureVersion.objects.filter(procedure=OuterRef("pk")).order_by("-number")
        procedure = self.fields["procedure"]
        procedure.queryset = (  # type: ignore[attr-defined]
            Procedure.objects.filter(province_id=agency.unit.province_id or agency.unit_id)
            .annotate(latest_name=Subquery(latest.values("name")[:1]))
            .order_by("code")
        )
        procedure.label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.code} · {p.latest_name or ''}"[:120]
        )

    @staticmethod
    def initial_of(objective: Objective) -> dict[str, Any]:
        return {
            "name": objective.name,
            "indicator": objective.indicator,
            "comparison": objective.comparison,
            "target": objective.target,
            "unit": objective.unit,
            "measure": objective.measure,
            "department": objective.department_id,
            "procedure": objective.procedure_id,
            "field": objective.field_id,
        }

    def data_object(self) -> ObjectiveData:
        data = self.cleaned_data
        return ObjectiveData(
            name=data["name"],
            indicator=data["indicator"],
            comparison=data["comparison"],
            target=data["target"],
            unit=data["unit"],
            measure=data["measure"],
            department=data["department"],
            procedure=data["procedure"],
            field=data["field"],
        )


class PlanLineForm(StyledFormMixin, forms.Form):
    action = forms.CharField(label=_("What is done"), max_length=2000)
    owner = forms.CharField(label=_("Responsible"), max_length=200)
    resources = forms.CharField(label=_("Resources"), max_length=300, required=False)
    deadline = date_field(_("Deadline"))


class MeasurementForm(StyledFormMixin, forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    value = _number(_("Value"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, objective: Objective, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = rules.months_of(objective.year)
        if objective.measure == "manual_quarter":
            choices = [
                (
                    m.isoformat(),
                    _("Quarter %(q)s/%(year)s") % {"q": QUARTERS[m.month], "year": m.year},
                )
                for m in months
                if m.month in QUARTERS
            ]
        else:
            choices = [(m.isoformat(), f"{m:%m/%Y}") for m in months]
        self.fields["period"].choices = choices  # type: ignore[attr-defined]
        # The latest period begun: what is usually recorded next.
        today = timezone.localdate()
        begun = [value for value, _label in choices if value <= today.isoformat()]
        if begun:
            self.fields["period"].initial = begun[-1]

    def period_day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.cleaned_data["period"])


class EvaluateForm(StyledFormMixin, forms.Form):
    evaluation = forms.CharField(
        label=_("Why it was met or not"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
