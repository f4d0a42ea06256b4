"""Input of the unit and agency screens."""

import datetime
import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.core.params import MAX_ID
from chuan.organisations.choices import AgencyKind, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency, Department
from chuan.organisations.services import AgencyData

USERNAME_RE = re.compile(r"[A-Za-z0-9._-]{2,150}")


class AgencyForm(StyledFormMixin, forms.Form):
    """An agency's identity and place in the registry."""

    name = forms.CharField(label=_("Agency name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgencyKind.choices)
    unit = BoundedIntegerField(
        label=_("Administrative unit"),
        min_value=1,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose the administrative unit.")},
    )
    parent = BoundedModelChoiceField(
        label=_("Parent agency"), queryset=Agency.objects.none(), required=False
    )
    code = forms.CharField(
        label=_("Electronic agency code"),
        max_length=20,
        required=False,
        help_text=_("QCVN 102:2016/BTTTT, for example 000.00.31.H21."),
    )
    valid_from = date_field(_("Valid from"), required=False)
    valid_to = date_field(_("Valid to"), required=False)

    def __init__(self, *args: Any, parents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.unit_obj: AdministrativeUnit | None = None

    def clean_unit(self) -> int:
        pk = self.cleaned_data["unit"]
        self.unit_obj = AdministrativeUnit.objects.filter(pk=pk).first()
        if self.unit_obj is None:
            raise forms.ValidationError(_("Choose the administrative unit."))
        return int(pk)

    def to_data(self) -> AgencyData:
        data = self.cleaned_data
        assert self.unit_obj is not None
        return AgencyData(
            name=data["name"],
            short_name=data.get("short_name") or "",
            kind=data["kind"],
            unit=self.unit_obj,
            parent=data.get("parent"),
            code=data.get("code") or None,
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
        )

    @staticmethod
    def initial_from(agency: Agency) -> dict[str, Any]:
        return {
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
            "unit": agency.unit_id,
            "parent": agency.parent_id,
            "code": agency.code or "",
            "valid_from": agency.valid_from,
            "valid_to": agency.valid_to,
        }


class DepartmentForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Department name"), max_length=255)


class OfficialForm(StyledFormMixin, forms.Form):
    """A new official's account and their place in the agency."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and . _ - only; used to sign in."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    department = BoundedModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args: Any, agency: Agency, roles: list[tuple[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = agency.departments.filter(  # type: ignore[attr-defined]
            is_active=True
        ).order_by("name")
        self.fields["roles"].choices = roles  # type: ignore[attr-defined]
        self.fields["password"].help_text = gettext(
            "At least %(n)s characters; the official should change it after signing in."
        ) % {"n": password_min_length()}

    def clean_username(self) -> str:
        value: str = self.cleaned_data["username"].strip()
        if not USERNAME_RE.fullmatch(value):
            raise forms.ValidationError(_("Use only letters, digits and . _ - (no spaces)."))
        return value


class AgencyImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"))
    unit_set = forms.ChoiceField(
        label=_("Unit codes refer to"), choices=UnitSet.choices, initial=UnitSet.REFORM_2025
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request, so the text is in the user's language.
        self.fields["file"].help_text = gettext(
            "At most %(mb)s MB. The first row holds the column names."
        ) % {"mb": settings.CHUAN_IMPORT_MAX_BYTES // (1024 * 1024)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.CHUAN_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.CHUAN_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


def password_min_length() -> int:
    """The configured minimum password length (CHUAN_PASSWORD_MIN_LENGTH)."""
    validators: list[dict[str, Any]] = getattr(settings, "AUTH_PASSWORD_VALIDATORS", [])
    for validator in validators:
        if str(validator["NAME"]).endswith("MinimumLengthValidator"):
            return int(validator.get("OPTIONS", {}).get("min_length", 8))
    return 8


def parse_date(value: Any) -> datetime.date | None:
    """A date from a spreadsheet cell: a date, or text as dd/mm/yyyy or yyyy-mm-dd."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)
