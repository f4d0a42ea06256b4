"""Input of the QMS roll-out screens: a lifecycle event, a target, a status spreadsheet."""

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin, date_field
from chuan.organisations.models import AdministrativeUnit
from chuan.rollout.choices import CoverageLevel, EventKind, IsoEdition
from chuan.rollout.services import EventData, decision_file_check


class EventForm(StyledFormMixin, forms.Form):
    """One step of an agency's QMS, with the decision that made it official, if any."""

    kind = forms.ChoiceField(label=_("Event"), choices=[("", "—"), *EventKind.choices])
    occurred_on = date_field(_("Date"))
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=60,
        required=False,
        help_text=_("For example 1520/QĐ-UBND."),
    )
    decision_date = date_field(_("Decision date"), required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    iso_edition = forms.ChoiceField(
        label=_("ISO edition"), choices=[("", "—"), *IsoEdition.choices], required=False
    )
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consultant = forms.CharField(label=_("Consultant"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("Decision file"),
        required=False,
        help_text=_("PDF, DOCX, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        try:
            upload.name = decision_file_check(upload)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["file"]) from exc
        return upload

    def to_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            decision_number=data.get("decision_number") or "",
            decision_date=data.get("decision_date"),
            signer=data.get("signer") or "",
            iso_edition=data.get("iso_edition") or "",
            scope=data.get("scope") or "",
            consultant=data.get("consultant") or "",
            note=data.get("note") or "",
        )


class TargetForm(StyledFormMixin, forms.Form):
    """A target the Provincial People's Committee set for its agencies' QMS."""

    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = date_field(_("Decision date"))
    province = BoundedModelChoiceField(
        label=_("Province"), queryset=AdministrativeUnit.objects.none(), empty_label="—"
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *CoverageLevel.choices])
    percent = forms.DecimalField(
        label=_("Percentage"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    deadline = date_field(_("Deadline"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, provinces: QuerySet[AdministrativeUnit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["province"]
        field.queryset = provinces  # type: ignore[attr-defined]
        # Two lists carry provinces of the same name (Gia Lai before and since 1 July 2025).
        field.label_from_instance = lambda unit: (  # type: ignore[attr-defined]
            f"{unit.name} ({unit.get_unit_set_display()})"
        )


def import_max_bytes() -> int:
    return int(getattr(settings, "CHUAN_IMPORT_MAX_BYTES", 5 * 1024 * 1024))


class StatusImportForm(StyledFormMixin, forms.Form):
    """The province's spreadsheet of agencies' QMS events."""

    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request, so the text is in the user's language.
        self.fields["file"].help_text = gettext(
            "At most %(mb)s MB. The column names may sit in one of the first rows."
        ) % {"mb": import_max_bytes() // (1024 * 1024)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > import_max_bytes():
            raise forms.ValidationError(
                gettext("The file is larger than %(mb)s MB.")
                % {"mb": import_max_bytes() // (1024 * 1024)}
            )
        return upload
