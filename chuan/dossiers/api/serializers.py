from typing import Any

from rest_framework import serializers

from chuan.core.api.fields import BoundedIntegerField
from chuan.core.params import MAX_COPIES, MAX_ID, MAX_MONEY
from chuan.dossiers.choices import Channel, Result, ReturnMethod
from chuan.dossiers.models import Dossier, DossierEvent, DossierStep, ReceivedComponent
from chuan.procedures.models import FormSet


class DossierStepSerializer(serializers.ModelSerializer):
    assignee = serializers.CharField(source="assignee.username", default=None, allow_null=True)
    accepted_by = serializers.CharField(
        source="accepted_by.username", default=None, allow_null=True
    )

    class Meta:
        model = DossierStep
        fields = [
            "order",
            "name",
            "responsible",
            "signs",
            "gives_result",
            "assignee",
            "allotted_minutes",
            "started_at",
            "accepted_at",
            "accepted_by",
            "due_at",
            "finished_at",
            "timeliness",
        ]


class ReceivedComponentSerializer(serializers.ModelSerializer):
    """A paper received, and whether it was digitised (TaiLieuNop.DuocSoHoa)."""

    digitised = serializers.SerializerMethodField(
        help_text="Whether the paper carries its file (a scan or the electronic original)."
    )

    class Meta:
        model = ReceivedComponent
        fields = [
            "order",
            "name",
            "originals",
            "certified_copies",
            "photocopies",
            "digitised",
            "file_origin",
            "file_at",
        ]

    def get_digitised(self, component: ReceivedComponent) -> bool:
        return bool(component.file)


class DossierEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)

    class Meta:
        model = DossierEvent
        fields = ["kind", "at", "actor", "reason", "data"]


class DossierSerializer(serializers.ModelSerializer):
    agency = serializers.IntegerField(source="agency_id")
    procedure = serializers.CharField(source="version.procedure.code")
    procedure_version = serializers.IntegerField(source="version.number")

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "agency",
            "procedure",
            "procedure_version",
            "status",
            "channel",
            "applicant_name",
            "received_at",
            "first_due_at",
            "due_at",
            "current_step",
            "ended_at",
            "result",
            "timeliness",
            "returned_at",
        ]


# The list reads its columns as values, without building a model (and its version and
# procedure) per row: that was most of the list's time. `brief` gives what DossierSerializer
# gives of the same dossier (a test compares them).
BRIEF_VALUES = (
    "id",
    "code",
    "agency_id",
    "version__procedure__code",
    "version__number",
    "status",
    "channel",
    "applicant_name",
    "received_at",
    "first_due_at",
    "due_at",
    "current_step",
    "ended_at",
    "result",
    "timeliness",
    "returned_at",
)
_RENAMED = {
    "agency_id": "agency",
    "version__procedure__code": "procedure",
    "version__number": "procedure_version",
}
_TIMES = frozenset({"received_at", "first_due_at", "due_at", "ended_at", "returned_at"})
_TIME = serializers.DateTimeField()


def brief(row: dict[str, Any]) -> dict[str, Any]:
    """A dossier of the list, from its BRIEF_VALUES, as DossierSerializer shows it."""
    return {
        _RENAMED.get(name, name): (
            _TIME.to_representation(value) if name in _TIMES and value is not None else value
        )
        for name, value in row.items()
    }


class FormSetBriefSerializer(serializers.ModelSerializer):
    """The form set a dossier's slips print on: the one in force on its day of receipt."""

    circular = serializers.CharField(
        source="legal_document.symbol",
        help_text="Symbol of the circular that issued the forms, e.g. 03/2025/TT-VPCP.",
    )

    class Meta:
        model = FormSet
        fields = ["code", "name", "circular"]


class DossierDetailSerializer(DossierSerializer):
    form_set = FormSetBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The form set in force on the day of receipt, which the dossier's slips, "
        "register and report print on; null for a dossier received before any set the "
        "library holds.",
    )
    steps = DossierStepSerializer(many=True, read_only=True)
    events = DossierEventSerializer(many=True, read_only=True)
    components = ReceivedComponentSerializer(many=True, read_only=True)
    has_result_file = serializers.SerializerMethodField(
        help_text="Whether the result carries its file (an electronic result or its scan)."
    )

    class Meta(DossierSerializer.Meta):
        fields = [
            *DossierSerializer.Meta.fields,
            "applicant_id_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "applicant_notices",
            "owner_name",
            "owner_address",
            "form_set",
            "components",
            "has_result_file",
            "result_file_origin",
            "result_file_at",
            "steps",
            "events",
        ]

    def get_has_result_file(self, dossier: Dossier) -> bool:
        return bool(dossier.result_file)


class ComponentInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=500)
    originals = BoundedIntegerField(min_value=0, max_value=MAX_COPIES, default=0)
    certified_copies = BoundedIntegerField(min_value=0, max_value=MAX_COPIES, default=0)
    photocopies = BoundedIntegerField(min_value=0, max_value=MAX_COPIES, default=0)


class ApplicantInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    id_number = serializers.CharField(max_length=12)
    phone = serializers.CharField(max_length=20)
    email = serializers.CharField(max_length=254, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    owner_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    owner_address = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True
    )
    notices = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The applicant agrees to notices by SMS and e-mail (receipt, supplement "
        "request, result ready).",
    )


class ReceiptInputSerializer(serializers.Serializer):
    agency = BoundedIntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="Agency id; the caller's own agency if absent.",
    )
    procedure = serializers.CharField(max_length=20, help_text="Procedure code, e.g. 1.001193.")
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant = ApplicantInputSerializer()
    components = ComponentInputSerializer(many=True, required=False, default=list)
    sets = BoundedIntegerField(min_value=1, max_value=MAX_COPIES, default=1)
    fee_amount = BoundedIntegerField(min_value=0, max_value=MAX_MONEY, default=0)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ActionInputSerializer(serializers.Serializer):
    """Fields of the actions; each action reads the ones it needs."""

    reason = serializers.CharField(required=False, default="", allow_blank=True)
    missing = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, default=list
    )
    note = serializers.CharField(required=False, default="", allow_blank=True)
    to_user = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="Username."
    )
    amount = BoundedIntegerField(min_value=0, max_value=MAX_MONEY, required=False, default=0)
    new_due_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    result = serializers.ChoiceField(choices=Result.choices, required=False)
    method = serializers.ChoiceField(choices=ReturnMethod.choices, required=False)
