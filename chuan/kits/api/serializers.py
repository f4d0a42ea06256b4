"""Serializers of the kits API: thin, every whole number bounded."""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.documents.choices import DocumentKind
from chuan.kits.choices import ItemKind, SetScope
from chuan.kits.models import (
    AdoptedItem,
    ModelEdition,
    ModelItem,
    ModelReview,
    ModelSet,
    ModelStep,
    UpdateRequest,
)
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Agency
from chuan.procedures.choices import Responsible, StepUnit
from chuan.procedures.models import Procedure

MAX_CONFLICTS = 1000


class ModelSetSerializer(serializers.ModelSerializer):
    keeper_name = serializers.CharField(source="keeper.name", read_only=True)
    item_count = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    adopter_count = serializers.IntegerField(read_only=True, default=None, allow_null=True)

    class Meta:
        model = ModelSet
        fields = [
            "id",
            "province",
            "keeper",
            "keeper_name",
            "code",
            "name",
            "scope",
            "description",
            "item_count",
            "adopter_count",
        ]


class ModelSetInputSerializer(serializers.Serializer):
    keeper = BoundedPrimaryKeyRelatedField(queryset=Agency.objects.all())
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    scope = serializers.ChoiceField(choices=SetScope.choices)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class ModelStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ModelStep
        fields = [
            "order",
            "name",
            "responsible",
            "department_name",
            "time_amount",
            "time_unit",
            "output",
            "forms",
            "signs",
            "gives_result",
        ]


class ModelEditionSerializer(serializers.ModelSerializer):
    item_code = serializers.CharField(source="item.code", read_only=True)
    legal_basis = serializers.SlugRelatedField[Any](slug_field="symbol", many=True, read_only=True)
    steps = ModelStepSerializer(many=True, read_only=True)
    prepared_by = serializers.CharField(
        source="prepared_by.username", default=None, allow_null=True, read_only=True
    )
    approved_by = serializers.CharField(
        source="approved_by.username", default=None, allow_null=True, read_only=True
    )
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = ModelEdition
        fields = [
            "id",
            "item",
            "item_code",
            "number",
            "state",
            "body",
            "changes",
            "legal_basis",
            "steps",
            "prepared_by",
            "approved_by",
            "approved_on",
            "withdrawal_reason",
            "has_file",
        ]

    def get_has_file(self, edition: ModelEdition) -> bool:
        return bool(edition.file)


class ModelItemSerializer(serializers.ModelSerializer):
    newest = serializers.SerializerMethodField(help_text="The newest approved edition's number.")
    draft = serializers.SerializerMethodField(help_text="The open draft's number.")
    adopters = serializers.IntegerField(read_only=True, default=None, allow_null=True)

    class Meta:
        model = ModelItem
        fields = [
            "id",
            "model_set",
            "kind",
            "code",
            "title",
            "document_kind",
            "procedure",
            "order",
            "newest",
            "draft",
            "adopters",
        ]

    def get_newest(self, item: ModelItem) -> int | None:
        edition = getattr(item, "newest", None)
        return edition.number if edition is not None else None

    def get_draft(self, item: ModelItem) -> int | None:
        edition = getattr(item, "draft", None)
        return edition.number if edition is not None else None


class ModelSetDetailSerializer(ModelSetSerializer):
    items = serializers.SerializerMethodField()

    class Meta(ModelSetSerializer.Meta):
        fields = [*ModelSetSerializer.Meta.fields, "items"]

    @extend_schema_field(ModelItemSerializer(many=True))
    def get_items(self, model_set: ModelSet) -> Any:
        return ModelItemSerializer(self.context["items"], many=True).data


class KitStepInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=500)
    responsible = serializers.ChoiceField(choices=Responsible.choices)
    department_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    time_amount = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal(999)
    )
    time_unit = serializers.ChoiceField(choices=StepUnit.choices)
    output = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    forms = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    signs = serializers.BooleanField(required=False, default=False)
    gives_result = serializers.BooleanField(required=False, default=False)


class KitChangeRowSerializer(serializers.Serializer):
    what = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    where = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    why = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class KitEditionInputSerializer(serializers.Serializer):
    """An edition's content: `body` for a model document (placeholders like
    {{ten_co_quan}}), `steps` for a model process."""

    body = serializers.CharField(
        max_length=100_000, required=False, allow_blank=True, default="", trim_whitespace=False
    )
    steps = KitStepInputSerializer(many=True, required=False, default=list)
    legal_basis = BoundedPrimaryKeyRelatedField(
        queryset=LegalDocument.objects.all(), many=True, required=False, default=list
    )
    changes = KitChangeRowSerializer(many=True, required=False, default=list)


class KitItemInputSerializer(KitEditionInputSerializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    code = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    document_kind = serializers.ChoiceField(
        choices=DocumentKind.choices, required=False, allow_blank=True, default=""
    )
    procedure = BoundedPrimaryKeyRelatedField(
        queryset=Procedure.objects.all(), required=False, allow_null=True, default=None
    )
    order = BoundedIntegerField(min_value=0, max_value=9999, required=False, default=0)


class KitEditionActionSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class KitAdoptInputSerializer(serializers.Serializer):
    agency = BoundedPrimaryKeyRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The adopting agency; the caller's own when left out.",
    )
    items = BoundedPrimaryKeyRelatedField(
        queryset=ModelItem.objects.all(),
        many=True,
        required=False,
        default=None,
        help_text="The models to adopt; every approved one when left out.",
    )


class AdoptedItemSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="item.code", read_only=True)
    title = serializers.CharField(source="item.title", read_only=True)
    kind = serializers.CharField(source="item.kind", read_only=True)
    model_set = serializers.IntegerField(source="item.model_set_id", read_only=True)
    edition = serializers.IntegerField(source="base_edition.number", read_only=True)
    kept_edition_number = serializers.IntegerField(
        source="kept_edition.number", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = AdoptedItem
        fields = [
            "id",
            "agency",
            "item",
            "model_set",
            "code",
            "title",
            "kind",
            "edition",
            "base_edition",
            "document",
            "process",
            "text",
            "adapted",
            "kept_edition_number",
            "kept_reason",
        ]


class KitAdaptInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=100_000, required=False, allow_blank=True, default="", trim_whitespace=False
    )
    changes = KitChangeRowSerializer(many=True, required=False, default=list)
    steps = KitStepInputSerializer(many=True, required=False, default=list)


class KitDiffPieceSerializer(serializers.Serializer):
    op = serializers.CharField(help_text="equal, insert, delete or replace.")
    old = serializers.ListField(child=serializers.JSONField(), help_text="The model's units.")
    new = serializers.ListField(child=serializers.JSONField(), help_text="The agency's units.")


class KitDiffSerializer(serializers.Serializer):
    edition = serializers.IntegerField(help_text="The model edition compared with.")
    changed = serializers.BooleanField()
    pieces = KitDiffPieceSerializer(many=True)


class UpdateRequestSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="edition.item.code", read_only=True)
    edition_number = serializers.IntegerField(source="edition.number", read_only=True)
    base_edition_number = serializers.IntegerField(source="base_edition.number", read_only=True)
    legal_document = serializers.CharField(
        source="legal_document.symbol", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = UpdateRequest
        fields = [
            "id",
            "agency",
            "adopted_item",
            "code",
            "edition",
            "edition_number",
            "base_edition_number",
            "legal_document",
            "status",
            "due_at",
            "conflicts",
            "merged",
            "decision",
            "superseded_by",
            "revision",
            "process",
            "closed_at",
        ]


class KitConflictChoiceSerializer(serializers.Serializer):
    conflict = BoundedIntegerField(min_value=1, max_value=MAX_CONFLICTS)
    side = serializers.ChoiceField(
        choices=[("ours", "The agency's text"), ("theirs", "The model's text")]
    )


class KitRequestAdoptSerializer(serializers.Serializer):
    choices = KitConflictChoiceSerializer(many=True, required=False, default=list)


class KitDecisionSerializer(serializers.Serializer):
    decision = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ModelReviewSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="item.code", read_only=True)
    legal_document = serializers.CharField(source="legal_document.symbol", read_only=True)

    class Meta:
        model = ModelReview
        fields = [
            "id",
            "item",
            "code",
            "legal_document",
            "reason",
            "due_at",
            "legal_due_on",
            "status",
            "decision",
            "edition",
            "closed_at",
        ]


class KitTableCellSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    code = serializers.CharField()
    newest = serializers.IntegerField(allow_null=True)
    edition = serializers.IntegerField(allow_null=True, help_text="The edition it runs on.")
    state = serializers.CharField()
    kept_reason = serializers.CharField()


class KitTableRowSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    state = serializers.CharField()
    approved = serializers.BooleanField(
        help_text="Every adopted model approved by the agency's leader."
    )
    behind = serializers.IntegerField()
    cells = KitTableCellSerializer(many=True)


class KitTableCountsSerializer(serializers.Serializer):
    current = serializers.IntegerField()
    behind = serializers.IntegerField()
    diverged = serializers.IntegerField()
    kept_own = serializers.IntegerField()
    not_adopted = serializers.IntegerField()
    approved = serializers.IntegerField()
