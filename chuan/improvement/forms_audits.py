"""Forms of the internal audit's screens; every rule is the services' (these only type)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.improvement import audits_rules as rules
from chuan.improvement.choices import ChecklistResult
from chuan.improvement.services.audits import AuditData, ScheduleData

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
TIME_FORMATS = ["%H:%M"]


def _datetime(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M",
            attrs={"placeholder": "dd/mm/yyyy hh:mm", "maxlength": "16", "autocomplete": "off"},
        ),
    )


def _time(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "maxlength": "5"}),
    )


def clause_choices() -> list[tuple[str, str]]:
    return [(c, f"{c}. {t}") for c, t in rules.clause_titles().items()]


def _process_label(process: Any) -> str:
    return f"{process.code} · {process.procedure.code}"


class ProgrammeForm(StyledFormMixin, forms.Form):
    year = BoundedIntegerField(label=_("Year"), min_value=2000, max_value=2100)
    purpose = forms.CharField(
        label=_("Purpose"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    criteria = forms.CharField(
        label=_("Audit criteria"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        required=False,
        help_text=_("Required once the programme is approved."),
    )


class AuditForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Name of the audit"), max_length=255)
    departments = BoundedModelMultipleChoiceField(
        label=_("Departments audited"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: the whole agency."),
    )
    processes = BoundedModelMultipleChoiceField(
        label=_("Processes audited"), queryset=None, required=False
    )
    clauses = forms.MultipleChoiceField(
        label=_("ISO 9001:2015 clauses"),
        choices=clause_choices,
        required=False,
        help_text=_("None: every clause."),
    )
    criteria = forms.CharField(
        label=_("Audit criteria"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    lead = BoundedModelChoiceField(label=_("Team lead"), queryset=None)
    auditors = BoundedModelMultipleChoiceField(
        label=_("Auditors"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    opening_at = _datetime(_("Opening meeting"))
    closing_at = _datetime(_("Closing meeting"))

    def __init__(self, *args: Any, officials: Any, departments: Any, processes: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["departments"].queryset = departments  # type: ignore[attr-defined]
        self.fields["processes"].queryset = processes  # type: ignore[attr-defined]
        self.fields["processes"].label_from_instance = _process_label  # type: ignore[attr-defined]
        self.fields["lead"].queryset = officials  # type: ignore[attr-defined]
        self.fields["auditors"].queryset = officials  # type: ignore[attr-defined]
        self.fields["clauses"].widget.attrs["size"] = "10"

    def data_object(self) -> AuditData:
        data = self.cleaned_data
        return AuditData(
            title=data["title"],
            lead=data["lead"],
            auditors=list(data["auditors"]),
            departments=list(data["departments"]),
            processes=list(data["processes"]),
            clauses=list(data["clauses"]),
            criteria=data["criteria"],
            opening_at=data["opening_at"],
            closing_at=data["closing_at"],
        )


class ScheduleForm(StyledFormMixin, forms.Form):
    day = date_field(_("Date"))
    starts_at = _time(_("From"))
    ends_at = _time(_("To"))
    department = BoundedModelChoiceField(label=_("Department"), queryset=None)
    process = BoundedModelChoiceField(label=_("Process"), queryset=None, required=False)
    clause = forms.ChoiceField(label=_("Clause"), required=False)
    auditor = BoundedModelChoiceField(label=_("Auditor"), queryset=None)

    def __init__(self, *args: Any, team: Any, departments: Any, processes: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["process"].queryset = processes  # type: ignore[attr-defined]
        self.fields["process"].label_from_instance = _process_label  # type: ignore[attr-defined]
        self.fields["auditor"].queryset = team  # type: ignore[attr-defined]
        self.fields["clause"].choices = [("", "—"), *clause_choices()]  # type: ignore[attr-defined]

    def data_object(self) -> ScheduleData:
        data = self.cleaned_data
        return ScheduleData(
            day=data["day"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            department=data["department"],
            process=data["process"],
            clause=data["clause"],
            auditor=data["auditor"],
        )


class FindingForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=ChecklistResult.choices[1:])
    evidence = forms.CharField(
        label=_("Evidence seen"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Note (the finding as written in the nonconformity)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    auditor = BoundedModelChoiceField(label=_("Auditor"), queryset=None)
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PNG or JPEG, at most 10 MB."),
    )

    def __init__(self, *args: Any, team: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["auditor"].queryset = team  # type: ignore[attr-defined]


class ReportForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    conclusion = forms.CharField(
        label=_("Conclusion on conformity and effectiveness"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QualificationForm(StyledFormMixin, forms.Form):
    user = BoundedModelChoiceField(label=_("Official"), queryset=None)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60)
    issuer = forms.CharField(label=_("Certificate issued by"), max_length=255)
    issued_on = date_field(_("Certificate issued on"))
    valid_until = date_field(_("Valid until"), required=False)

    def __init__(self, *args: Any, officials: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["user"].queryset = officials  # type: ignore[attr-defined]
