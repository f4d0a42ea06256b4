"""Forms of the feedback register: thin, every length bounded; the rules are the
services'."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chuan.core.forms import BoundedModelChoiceField, StyledFormMixin
from chuan.feedback.choices import OFFICIAL_CHANNELS, Channel, Classification, ContentType


class SenderFields(StyledFormMixin, forms.Form):
    sender_name = forms.CharField(label=_("Full name"), max_length=200)
    sender_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    sender_email = forms.CharField(label=_("Email"), max_length=254, required=False)
    sender_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    content_type = forms.ChoiceField(label=_("What is it about?"), choices=ContentType.choices)
    content = forms.CharField(
        label=_("Content"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )


class FeedbackForm(SenderFields):
    """An official records a feedback that arrived at the desk, by post, e-mail or phone."""

    channel = forms.ChoiceField(
        label=_("Received"), choices=[(c.value, c.label) for c in OFFICIAL_CHANNELS]
    )
    dossier_code = forms.CharField(label=_("Dossier code"), max_length=40, required=False)
    procedure_code = forms.CharField(label=_("Procedure code"), max_length=20, required=False)
    official = BoundedModelChoiceField(label=_("Official concerned"), queryset=None, required=False)

    field_order = ["channel", "content_type", "content", "sender_name", "sender_phone"]

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials  # type: ignore[attr-defined]
        self.fields["official"].label_from_instance = lambda u: u.full_name or u.username  # type: ignore[attr-defined]


class PublicFeedbackForm(SenderFields):
    """The citizen's form on the lookup page: the dossier found by its code and the phone's
    last four digits, which are checked again."""

    code = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    phone_tail = forms.CharField(max_length=4, required=False, widget=forms.HiddenInput)


class ClassifyForm(StyledFormMixin, forms.Form):
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    note = forms.CharField(
        label=_("Reason or note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(StyledFormMixin, forms.Form):
    assignee = BoundedModelChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officials  # type: ignore[attr-defined]
        self.fields["assignee"].label_from_instance = lambda u: u.full_name or u.username  # type: ignore[attr-defined]


class ForwardForm(StyledFormMixin, forms.Form):
    forwarded_to = forms.CharField(label=_("Forwarded to (agency)"), max_length=300)
    reference = forms.CharField(label=_("Letter number"), max_length=100, required=False)


class ReplyForm(StyledFormMixin, forms.Form):
    reply = forms.CharField(
        label=pgettext_lazy("feedback", "Reply"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PublishForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary shown to the public"),
        help_text=_("Leave out names, phone numbers and addresses."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


CHANNEL_LABELS = dict(Channel.choices)
