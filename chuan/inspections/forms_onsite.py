"""Forms of the on-site inspection screens (TT 26/2014/TT-BKHCN Arts. 35–37, 40)."""

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin, date_field
from chuan.core.params import date_param
from chuan.inspections.choices import Conclusion, ItemResult
from chuan.inspections.models import TeamRole


class _Account(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class _Certificate(BoundedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} — {obj.holder_name} ({obj.issued_on:%d/%m/%Y})"


class InspectorForm(StyledFormMixin, forms.Form):
    """An inspector's record in the registry (Art. 40)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    unit = forms.CharField(label=_("Work unit"), max_length=255, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    user = _Account(label=_("User account"), queryset=None, required=False)
    has_degree = forms.BooleanField(label=_("University degree or higher"), required=False)
    degree_field = forms.CharField(label=_("Field of study"), max_length=255, required=False)
    state_management_number = forms.CharField(
        label=_("State-management certificate number"), max_length=60, required=False
    )
    state_management_date = date_field(_("State-management certificate date"), required=False)
    napa_graduate = forms.BooleanField(
        label=_("Graduate of the National Academy of Public Administration (exempt)"),
        required=False,
    )
    auditor_number = forms.CharField(
        label=_("Auditor certificate number"), max_length=60, required=False
    )
    auditor_date = date_field(_("Auditor certificate date"), required=False)
    auditor_certificate = _Certificate(
        label=_("…or a certificate issued in Chuẩn"), queryset=None, required=False
    )
    experience_since = date_field(
        _("Working in quality management or standards since"), required=False
    )
    is_active = forms.BooleanField(label=_("In the registry"), required=False, initial=True)

    def __init__(self, *args: Any, accounts: Any, certificates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = accounts  # type: ignore[attr-defined]
        self.fields["auditor_certificate"].queryset = certificates  # type: ignore[attr-defined]


class DecisionForm(StyledFormMixin, forms.Form):
    """The decision's own fields; its team and schedule are rows read by `team_rows` and
    `visit_rows` from the same POST."""

    number = forms.CharField(label=_("Decision number"), max_length=60)
    issued_on = date_field(_("Decision date"))
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    content = forms.CharField(
        label=_("Content of the inspection"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


ROLE_CHOICES = [("", _("Not on the team")), *TeamRole.choices]


def _date(value: str) -> datetime.date | None:
    return date_param(value.strip() or None)


_HH_MM = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def _time(value: str) -> datetime.time | None:
    match = _HH_MM.match(value.strip() or "08:00")
    return datetime.time(int(match[1]), int(match[2])) if match else None


def team_rows(data: Any, inspectors: list[Any]) -> list[tuple[Any, str, str]]:
    """(inspector, role, unit) for each inspector given a role in the POST."""
    rows = []
    for inspector in inspectors:
        role = str(data.get(f"role_{inspector.pk}", ""))
        if role in TeamRole.values:
            unit = str(data.get(f"unit_{inspector.pk}", ""))[:255]
            rows.append((inspector, role, unit))
    return rows


def visit_rows(
    data: Any, inspections: list[Any]
) -> tuple[list[tuple[Any, datetime.datetime, str]], list[str]]:
    """(inspection, scheduled at, place) for each inspection ticked, and the rows whose day
    or time could not be read."""
    rows, bad = [], []
    for inspection in inspections:
        if not data.get(f"visit_{inspection.pk}"):
            continue
        day = _date(str(data.get(f"day_{inspection.pk}", ""))[:10])
        moment = _time(str(data.get(f"time_{inspection.pk}", ""))[:5])
        if day is None or moment is None:
            bad.append(str(inspection.agency))
            continue
        at = timezone.make_aware(datetime.datetime.combine(day, moment))
        rows.append((inspection, at, str(data.get(f"place_{inspection.pk}", ""))[:255]))
    return rows, bad


class ResultForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Result"), choices=ItemResult.choices, widget=forms.RadioSelect
    )
    evidence_seen = forms.CharField(
        label=_("Evidence seen"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    finding = forms.CharField(
        label=_("Notes"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestForm(StyledFormMixin, forms.Form):
    code = forms.ChoiceField(label=_("Item"), required=False)
    text = forms.CharField(
        label=_("Request for correction"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from chuan.inspections.article36 import CODE_CHOICES

        self.fields["code"].choices = [("", "—"), *CODE_CHOICES]  # type: ignore[attr-defined]


class MinutesForm(StyledFormMixin, forms.Form):
    day = date_field(_("Day"), required=False)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "08:00", "maxlength": "5"}),
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    representatives = forms.CharField(
        label=_("Agency representatives"),
        help_text=_("One per line: full name, position."),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    findings = forms.CharField(
        label=_("Findings"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    conclusion = forms.ChoiceField(
        label=_("Conclusion"), choices=[("", "—"), *Conclusion.choices], required=False
    )
    conclusion_text = forms.CharField(
        label=_("Conclusion in words"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agency_opinion = forms.CharField(
        label=_("Agency's opinion"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def held_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("day")
        if day is None:
            return None
        moment = self.cleaned_data.get("time") or datetime.time(8, 0)
        return timezone.make_aware(datetime.datetime.combine(day, moment))

    def people(self) -> list[dict[str, str]]:
        people = []
        for line in self.cleaned_data.get("representatives", "").splitlines():
            if line.strip():
                name, _sep, position = line.partition(",")
                people.append({"name": name.strip(), "position": position.strip()})
        return people


def representatives_text(people: list[dict[str, str]]) -> str:
    return "\n".join(f"{p.get('name', '')}, {p.get('position', '')}".rstrip(", ") for p in people)


class SignForm(StyledFormMixin, forms.Form):
    team_head_signed_on = date_field(_("Team head signed on"), required=False)
    agency_signed_on = date_field(_("Agency signed on"), required=False)
