"""Input of the desk's screens: receipt, not receiving, and each processing action."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chuan.accounts.models import User
from chuan.core.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    StyledFormMixin,
    date_field,
)
from chuan.core.params import MAX_MONEY
from chuan.dossiers.choices import (
    Channel,
    FileOrigin,
    NotReceivedKind,
    Result,
    ReturnMethod,
    Satisfaction,
)
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.services import Applicant, Counted, ReceiptData
from chuan.procedures.models import ProcedureVersion


class ReceiptForm(StyledFormMixin, forms.Form):
    """The applicant, the dossier owner if different, the channel and the fees."""

    applicant_name = forms.CharField(label=_("Full name"), max_length=200)
    applicant_id_number = forms.CharField(
        label=_("Citizen ID number"), max_length=12, help_text=_("12 digits.")
    )
    applicant_phone = forms.CharField(label=_("Phone"), max_length=20)
    applicant_email = forms.CharField(label=_("Email"), max_length=254, required=False)
    applicant_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    owner_name = forms.CharField(
        label=_("Dossier owner"),
        max_length=200,
        required=False,
        help_text=_("Only if the dossier is someone else's."),
    )
    owner_address = forms.CharField(label=_("Owner's address"), max_length=300, required=False)
    applicant_notices = forms.BooleanField(
        label=_("The applicant agrees to be notified by SMS and e-mail"),
        help_text=_(
            "Receipt, supplement requests and the result ready, to the phone and e-mail above."
        ),
        required=False,
    )
    channel = forms.TypedChoiceField(
        label=_("Channel"), choices=Channel.choices, coerce=int, initial=Channel.IN_PERSON
    )
    sets = BoundedIntegerField(label=_("Number of sets"), min_value=1, max_value=99, initial=1)
    fee_amount = BoundedIntegerField(
        label=_("Fee collected (VND)"), min_value=0, max_value=MAX_MONEY, initial=0
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def data_object(self, version: ProcedureVersion, components: list[Counted]) -> ReceiptData:
        data = self.cleaned_data
        return ReceiptData(
            version=version,
            channel=data["channel"],
            applicant=Applicant(
                name=data["applicant_name"],
                id_number=data["applicant_id_number"],
                phone=data["applicant_phone"],
                email=data["applicant_email"],
                address=data["applicant_address"],
                owner_name=data["owner_name"],
                owner_address=data["owner_address"],
                notices=data["applicant_notices"],
            ),
            components=components,
            sets=data["sets"],
            fee_amount=data["fee_amount"],
            note=data["note"],
        )


class ComponentCountForm(StyledFormMixin, forms.Form):
    """A paper of the checklist: ticked when received, with the counts."""

    name = forms.CharField(widget=forms.HiddenInput, max_length=500)
    received = forms.BooleanField(required=False)
    originals = BoundedIntegerField(min_value=0, max_value=99, initial=0)
    certified_copies = BoundedIntegerField(min_value=0, max_value=99, initial=0)
    photocopies = BoundedIntegerField(min_value=0, max_value=99, initial=0)


ComponentCountFormSet = forms.formset_factory(ComponentCountForm, extra=0, max_num=60)


def counted_components(formset: Any) -> list[Counted]:
    return [
        Counted(
            name=form.cleaned_data["name"],
            originals=form.cleaned_data["originals"],
            certified_copies=form.cleaned_data["certified_copies"],
            photocopies=form.cleaned_data["photocopies"],
        )
        for form in formset.forms
        if form.cleaned_data.get("received")
    ]


class NotReceiveForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=NotReceivedKind.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    missing = forms.CharField(
        label=_("Papers to complete"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, all at once."),
    )

    def missing_list(self) -> list[str]:
        return [line for line in self.cleaned_data["missing"].splitlines() if line.strip()]


class AcceptForm(StyledFormMixin, forms.Form):
    """Receiving the dossier handed over: nothing to fill, the time is now."""


class HandOverForm(StyledFormMixin, forms.Form):
    to_user = BoundedModelChoiceField(
        label=_("Hand over to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The department"),
    )
    note = forms.CharField(label=_("Result of the step"), max_length=500, required=False)

    def __init__(self, *args: Any, officials: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if officials is not None:
            self.fields["to_user"].queryset = officials  # type: ignore[attr-defined]


class SupplementRequestForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    missing = forms.CharField(
        label=_("Papers to supplement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, all at once."),
    )


class PauseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Obligation"), max_length=2000)
    amount = BoundedIntegerField(
        label=_("Amount (VND)"), min_value=0, max_value=MAX_MONEY, initial=0
    )


class NoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(StyledFormMixin, forms.Form):
    new_due_date = date_field(_("New due date"))
    reason = forms.CharField(
        label=_("Reason for the delay"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def new_due_at(self, closing: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(self.cleaned_data["new_due_date"], closing, tzinfo=VIETNAM)


class FinishForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    note = forms.CharField(
        label=_("Result document or reason for refusal"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(StyledFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("Returned"), choices=ReturnMethod.choices)


class DossierFileForm(StyledFormMixin, forms.Form):
    """A paper's or the result's file, with where it comes from; its content is checked by
    the service (`core.files.checked_upload`)."""

    file = forms.FileField(label=_("File (PDF, image, DOCX or XLSX; at most 10 MB)"))
    origin = forms.ChoiceField(
        label=_("The file is"), choices=FileOrigin.choices, initial=FileOrigin.SCANNED
    )


class LookupForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Dossier code"), max_length=40)
    phone_tail = forms.CharField(
        label=_("Last 4 digits of the phone number"), min_length=4, max_length=4
    )


class RatingForm(StyledFormMixin, forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("How satisfied are you?"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportForm(StyledFormMixin, forms.Form):
    start = date_field(_("From"))
    end = date_field(_("To date"))
    by = forms.ChoiceField(
        label=_("Rows"), choices=[("field", _("By field")), ("agency", _("By agency"))]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The period must end after it starts."))
        return data
