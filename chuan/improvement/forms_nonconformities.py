"""Input of the corrective-action request's screens, one form per part of the paper form."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.improvement.choices import NcSource, Severity
from chuan.improvement.nc_rules import MAX_WHYS, MAX_WORKING_DAYS
from chuan.improvement.services.nonconformities import ActionData, NonconformityData, PlanData

# Blank action rows of the plan form (no script adds rows; an empty row is ignored).
PLAN_ROWS = 5


def _text(label: Any, *, rows: int = 3, required: bool = True, max_length: int = 4000) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RaiseForm(StyledFormMixin, forms.Form):
    """Part 1: what was found, where and against which requirement."""

    source = forms.ChoiceField(
        label=_("Found through"), choices=NcSource.choices, initial=NcSource.STAFF
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    found_on = date_field(_("Found on"))
    department = BoundedModelChoiceField(
        label=_("Department concerned"), queryset=None, required=False
    )
    clause = forms.CharField(
        label=_("ISO 9001 clause"), max_length=20, required=False, help_text=_("e.g. 8.5.1")
    )
    description = _text(_("Description of the nonconformity"), rows=4)
    evidence = _text(_("Evidence"), required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    def data_object(self) -> NonconformityData:
        return NonconformityData(**self.cleaned_data)


class PlanForm(StyledFormMixin, forms.Form):
    """Part 2: correction, up to five whys, the root cause and up to five actions."""

    correction = _text(_("Correction (what was done at once)"))
    root_cause = _text(_("Root cause"), rows=2)

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_WHYS + 1):
            self.fields[f"why_{number}"] = forms.CharField(
                label=format_lazy(_("Why? ({number})"), number=number),
                max_length=1000,
                required=False,
            )
        for number in range(1, PLAN_ROWS + 1):
            self.fields[f"action_{number}"] = forms.CharField(
                label=format_lazy(_("Action {number}"), number=number),
                max_length=2000,
                required=False,
            )
            self.fields[f"owner_{number}"] = BoundedModelChoiceField(
                label=_("Responsible"), queryset=officials, required=False
            )
            self.fields[f"days_{number}"] = BoundedIntegerField(
                label=_("Working days"), min_value=1, max_value=MAX_WORKING_DAYS, required=False
            )
        for name, field in self.fields.items():
            if name.startswith(("why_", "action_", "owner_", "days_")):
                css = "form-select" if name.startswith("owner_") else "form-control"
                field.widget.attrs["class"] = css

    def why_fields(self) -> list[Any]:
        return [self[f"why_{n}"] for n in range(1, MAX_WHYS + 1)]

    def action_rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (n, self[f"action_{n}"], self[f"owner_{n}"], self[f"days_{n}"])
            for n in range(1, PLAN_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, PLAN_ROWS + 1):
            text = (data.get(f"action_{n}") or "").strip()
            owner, days = data.get(f"owner_{n}"), data.get(f"days_{n}")
            if text and (owner is None or days is None):
                self.add_error(
                    f"action_{n}",
                    _("Give this action a responsible person and a number of working days."),
                )
        return data

    def data_object(self) -> PlanData:
        data = self.cleaned_data
        return PlanData(
            correction=data["correction"],
            root_cause=data["root_cause"],
            whys=[data.get(f"why_{n}") or "" for n in range(1, MAX_WHYS + 1)],
            actions=[
                ActionData(
                    description=data[f"action_{n}"],
                    owner=data[f"owner_{n}"],
                    working_days=data[f"days_{n}"],
                )
                for n in range(1, PLAN_ROWS + 1)
                if (data.get(f"action_{n}") or "").strip()
            ],
        )


class NoteForm(StyledFormMixin, forms.Form):
    note = _text(_("Comments"), rows=2)


class ApproveForm(StyledFormMixin, forms.Form):
    check_on = date_field(_("Check effectiveness on"), required=False)


class VerifyForm(StyledFormMixin, forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Conclusion"),
        choices=[("1", _("Effective: close the request")), ("0", _("Not effective: reopen"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = _text(_("What the verification found"), rows=2)


class ReasonForm(StyledFormMixin, forms.Form):
    reason = _text(_("Reason"), rows=2)


class ResultForm(StyledFormMixin, forms.Form):
    result = _text(_("Result"), rows=2)
