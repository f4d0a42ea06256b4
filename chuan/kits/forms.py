"""Input of the kit's screens: a model item and its edition (text or steps, legal basis,
change table), the approval, the adoption of chosen items, and the answer to an update
request (the side taken in each conflict, or the reason to keep the agency's own)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin, date_field
from chuan.documents.choices import DocumentKind
from chuan.kits.choices import ItemKind
from chuan.kits.services import EditionData, ModelStepData
from chuan.legal.forms import LegalBasisField
from chuan.procedures.choices import Responsible, StepUnit
from chuan.procedures.models import Procedure

BODY_MAX = 100_000


class EditionForm(StyledFormMixin, forms.Form):
    """The content of a model edition: a document's text with placeholders, or nothing
    but the steps (in `StepFormSet`) for a process; the legal basis and the change table."""

    body = forms.CharField(
        label=_("Text of the model"),
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14, "class": "font-monospace"}),
        # The names go in after translation: braces in a catalogue would read as template tags.
        help_text=format_lazy(
            _(
                "Placeholders between double braces are filled with each adopting agency's "
                "own facts: {names}."
            ),
            names="{{ten_co_quan}}, {{ma_co_quan}}, {{dia_ban}}, {{tinh}}, {{lanh_dao}}, "
            "{{thu_ky_iso}}, {{nam}}",
        ),
    )
    legal_basis = LegalBasisField()
    what = forms.CharField(label=_("What changes"), max_length=300, required=False)
    where = forms.CharField(label=_("Where"), max_length=300, required=False)
    why = forms.CharField(label=_("Why"), max_length=300, required=False)

    def changes(self) -> list[dict[str, str]]:
        row = {k: self.cleaned_data.get(k, "") for k in ("what", "where", "why")}
        return [row] if any(v.strip() for v in row.values()) else []


class ModelStepForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("What is done"), max_length=500, required=False)
    responsible = forms.ChoiceField(label=_("Responsible"), choices=Responsible.choices)
    department_name = forms.CharField(
        label=_("Department"),
        max_length=255,
        required=False,
        help_text=_("Named, not chosen: each agency's department of that name takes the step."),
    )
    time_amount = forms.DecimalField(
        label=_("Time"), min_value=Decimal(0), max_digits=6, decimal_places=2, required=False
    )
    time_unit = forms.ChoiceField(label=_("Time unit"), choices=StepUnit.choices)
    output = forms.CharField(label=_("Output"), max_length=500, required=False)
    signs = forms.BooleanField(label=_("Signed by a leader"), required=False)
    gives_result = forms.BooleanField(label=_("Gives the result"), required=False)
    # Last: the field's name hides the module for the rest of the class body.
    forms = forms.CharField(label=_("Forms"), max_length=300, required=False)


StepFormSet = forms.formset_factory(ModelStepForm, extra=2, max_num=60)


def content_of(form: EditionForm, steps: Any, kind: str) -> EditionData:
    """What the screen's edition form and step rows say, for the services."""
    data = EditionData(
        body=form.cleaned_data.get("body", "") if kind == ItemKind.DOCUMENT else "",
        legal_basis=form.cleaned_data.get("legal_basis") or [],
        changes=form.changes(),
    )
    if kind == ItemKind.PROCESS and steps is not None:
        data.steps = [
            ModelStepData(
                name=row.cleaned_data["name"],
                responsible=row.cleaned_data["responsible"],
                time_amount=row.cleaned_data.get("time_amount") or Decimal(0),
                time_unit=row.cleaned_data["time_unit"],
                department_name=row.cleaned_data.get("department_name", ""),
                output=row.cleaned_data.get("output", ""),
                forms=row.cleaned_data.get("forms", ""),
                signs=row.cleaned_data.get("signs", False),
                gives_result=row.cleaned_data.get("gives_result", False),
            )
            for row in steps.forms
            if row.cleaned_data.get("name", "").strip()
        ]
    return data


def steps_initial(edition: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": step.name,
            "responsible": step.responsible,
            "department_name": step.department_name,
            "time_amount": step.time_amount,
            "time_unit": step.time_unit,
            "output": step.output,
            "forms": step.forms,
            "signs": step.signs,
            "gives_result": step.gives_result,
        }
        for step in edition.steps.all()
    ]


class ItemForm(StyledFormMixin, forms.Form):
    """A new model item of a set: a document (its kind) or a process (its procedure)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    code = forms.CharField(
        label=_("Document code"), max_length=40, help_text=_("For example QT-HT-01.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    document_kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[("", "—"), *DocumentKind.choices],
        required=False,
        help_text=_("For a model document."),
    )
    procedure = BoundedModelChoiceField(
        label=_("Procedure"),
        queryset=Procedure.objects.none(),
        required=False,
        help_text=_("For a model process: a procedure of the province's catalogue."),
    )

    def __init__(self, *args: Any, procedures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = procedures  # type: ignore[attr-defined]
        self.fields["procedure"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.code} {p.name}"[:120]
        )


class ApproveForm(StyledFormMixin, forms.Form):
    approved_on = date_field(_("Approved on"), required=False)


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason.")},
    )


class KeepForm(StyledFormMixin, forms.Form):
    """Keep the agency's own edition: the reason is required and recorded."""

    reason = forms.CharField(
        label=_("Why the agency keeps its own"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the agency keeps its own edition.")},
    )


SIDES = (("ours", _("Keep ours")), ("theirs", _("Take the model's")))


class ResolveForm(forms.Form):
    """The side taken in each conflict of a prepared draft, numbered from 1."""

    def __init__(self, *args: Any, conflicts: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, conflicts + 1):
            self.fields[f"conflict_{number}"] = forms.ChoiceField(
                label=_("Conflict %(n)s") % {"n": number},
                choices=SIDES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a side for every conflict.")},
            )

    def choices(self) -> dict[int, str]:
        return {
            int(name.removeprefix("conflict_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("conflict_")
        }
