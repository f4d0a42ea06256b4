from rest_framework import serializers

from chuan.core.api.fields import BoundedIntegerField
from chuan.core.params import MAX_ID
from chuan.legal.choices import DocumentKind, DocumentStatus, RelationKind, ShownStatus
from chuan.legal.models import LegalDocument, LegalRelation


class LegalDocumentSerializer(serializers.ModelSerializer):
    province = serializers.CharField(
        source="province.code", default=None, allow_null=True, read_only=True
    )
    status = serializers.ChoiceField(
        choices=ShownStatus.choices,
        source="current_status",
        read_only=True,
        help_text="The status today: not_yet_in_force until the effective date.",
    )
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = LegalDocument
        fields = [
            "id",
            "symbol",
            "kind",
            "title",
            "issuer",
            "signer",
            "issue_date",
            "effective_date",
            "end_date",
            "status",
            "summary",
            "province",
            "has_file",
        ]

    def get_has_file(self, document: LegalDocument) -> bool:
        return bool(document.file)


class _RelatedSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=ShownStatus.choices, source="current_status", read_only=True
    )

    class Meta:
        model = LegalDocument
        fields = ["id", "symbol", "title", "status"]


class OutgoingSerializer(serializers.ModelSerializer):
    document = _RelatedSerializer(source="target")

    class Meta:
        model = LegalRelation
        fields = ["kind", "document", "note"]


class IncomingSerializer(serializers.ModelSerializer):
    document = _RelatedSerializer(source="source")

    class Meta:
        model = LegalRelation
        fields = ["kind", "document", "note"]


class LegalDocumentDetailSerializer(LegalDocumentSerializer):
    acts_on = OutgoingSerializer(source="outgoing", many=True, read_only=True)
    acted_on_by = IncomingSerializer(source="incoming", many=True, read_only=True)

    class Meta(LegalDocumentSerializer.Meta):
        fields = [*LegalDocumentSerializer.Meta.fields, "acts_on", "acted_on_by"]


class LegalDocumentInputSerializer(serializers.Serializer):
    symbol = serializers.CharField(max_length=60)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=500)
    issuer = serializers.CharField(max_length=200)
    signer = serializers.CharField(max_length=150, required=False, default="")
    issue_date = serializers.DateField()
    effective_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(
        choices=DocumentStatus.choices, required=False, default=DocumentStatus.IN_FORCE
    )
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    province = serializers.CharField(
        max_length=10, required=False, allow_null=True, default=None, help_text="Unit code."
    )


class LegalRelationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RelationKind.choices)
    target = BoundedIntegerField(
        min_value=1, max_value=MAX_ID, help_text="Id of the document acted on."
    )
    note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
