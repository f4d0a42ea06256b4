"""Input of the register of risks and opportunities: the item, a re-assessment, an action,
a transition; and the register's filters read from the query string."""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.accounts.models import User
from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin, date_field
from chuan.core.params import id_param, int_param
from chuan.improvement import risk_rules as rules
from chuan.improvement.choices import (
    RiskImpact,
    RiskKind,
    RiskLevel,
    RiskLikelihood,
    RiskState,
    RiskTreatment,
)
from chuan.improvement.selectors.risks import LIVE, RiskFilters
from chuan.improvement.services.risks import CONTEXT_MAX, TEXT_MAX, Assessment, RiskData
from chuan.organisations.models import Department
from chuan.procedures.models import InternalProcess


def _text(label: Any, *, rows: int = 2, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _scale(label: Any, choices: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int)


class ProcessChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} · {obj.procedure.code}"


class RiskForm(StyledFormMixin, forms.Form):
    """An item of the register; on a new one, its first assessment too."""

    kind = forms.ChoiceField(label=_("Kind"), choices=RiskKind.choices)
    process = ProcessChoiceField(
        label=_("Internal process"), queryset=InternalProcess.objects.none(), required=False
    )
    department = BoundedModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    context = forms.CharField(
        label=_("Context issue or interested party"),
        max_length=CONTEXT_MAX,
        required=False,
        help_text=_("For example: legal changes; citizens filing land dossiers; staff."),
    )
    description = _text(_("Description"), rows=3, required=True)
    cause = _text(_("Cause"))
    consequence = _text(_("Consequence"))
    likelihood = _scale(_("Likelihood"), RiskLikelihood.choices)
    impact = _scale(_("Impact"), RiskImpact.choices)
    assessed_on = date_field(_("Assessed on"))
    treatment = forms.ChoiceField(
        label=_("Treatment"),
        choices=RiskTreatment.choices,
        help_text=_("A risk: accept, reduce or avoid. An opportunity: accept or exploit."),
    )
    owner = BoundedModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = date_field(_("Treatment due on"), required=False)
    next_review_on = date_field(_("Next review on"), required=False)
    note = _text(_("Assessment note"))

    def __init__(
        self, *args: Any, agency_id: int, officials: Any, with_assessment: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = (  # type: ignore[attr-defined]
            InternalProcess.objects.filter(agency_id=agency_id)
            .select_related("procedure")
            .order_by("code", "-edition")
        )
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            agency_id=agency_id
        ).order_by("name")
        self.fields["owner"].queryset = officials  # type: ignore[attr-defined]
        if with_assessment:
            self.fields["assessed_on"].initial = timezone.localdate()
        else:
            for name in ("likelihood", "impact", "assessed_on", "note"):
                del self.fields[name]
            self.fields["kind"].disabled = True

    def data_object(self) -> RiskData:
        data = self.cleaned_data
        return RiskData(
            kind=data["kind"],
            description=data["description"],
            treatment=data["treatment"],
            context=data["context"],
            cause=data["cause"],
            consequence=data["consequence"],
            process=data["process"],
            department=data["department"],
            owner=data["owner"],
            due_on=data["due_on"],
            next_review_on=data["next_review_on"],
        )

    def assessment(self) -> Assessment:
        data = self.cleaned_data
        return Assessment(
            likelihood=data["likelihood"],
            impact=data["impact"],
            assessed_on=data["assessed_on"],
            note=data["note"],
        )


class ReassessForm(StyledFormMixin, forms.Form):
    likelihood = _scale(_("Likelihood"), RiskLikelihood.choices)
    impact = _scale(_("Impact"), RiskImpact.choices)
    assessed_on = date_field(_("Assessed on"))
    note = _text(_("Effectiveness of the actions"), required=True)
    next_review_on = date_field(_("Next review on"), required=False)

    def assessment(self) -> Assessment:
        data = self.cleaned_data
        return Assessment(
            likelihood=data["likelihood"],
            impact=data["impact"],
            assessed_on=data["assessed_on"],
            note=data["note"],
        )


class ActionForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Treatment action"), max_length=TEXT_MAX)
    owner = BoundedModelChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), required=False
    )
    due_on = date_field(_("Due on"))

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officials  # type: ignore[attr-defined]


class DoneForm(StyledFormMixin, forms.Form):
    done_on = date_field(_("Done on"))


class TransitionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=TEXT_MAX, widget=forms.Textarea({"rows": 2})
    )


def _choice(value: str | None, choices: Any) -> str:
    return value if value is not None and value in choices else ""


def filters_from(params: QueryDict) -> RiskFilters:
    """The register's filters from the query string; what is not a valid value is ignored."""
    return RiskFilters(
        kind=_choice(params.get("kind"), RiskKind.values),
        level=_choice(params.get("level"), RiskLevel.values),
        treatment=_choice(params.get("treatment"), RiskTreatment.values),
        state=_choice(params.get("state"), [*RiskState.values, LIVE]),
        process_id=id_param(params.get("process")),
        department_id=id_param(params.get("department")),
        likelihood=int_param(params.get("likelihood"), minimum=1, maximum=rules.SCALE_MAX),
        impact=int_param(params.get("impact"), minimum=1, maximum=rules.SCALE_MAX),
        due=params.get("due") == "1",
    )
