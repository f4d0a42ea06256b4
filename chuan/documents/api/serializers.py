from typing import Any

from rest_framework import serializers

from chuan.documents.models import ControlledDocument, ReviewRequest, Revision


class RevisionSerializer(serializers.ModelSerializer):
    shown_state = serializers.SerializerMethodField()
    prepared_by = serializers.CharField(source="prepared_by.username")
    reviewed_by = serializers.CharField(
        source="reviewed_by.username", default=None, allow_null=True
    )
    approved_by = serializers.CharField(
        source="approved_by.username", default=None, allow_null=True
    )
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = [
            "id",
            "edition",
            "state",
            "shown_state",
            "changes",
            "prepared_by",
            "reviewed_by",
            "reviewed_at",
            "approved_by",
            "review_comments",
            "issue_date",
            "effective_date",
            "has_file",
        ]

    def get_shown_state(self, revision: Revision) -> str:
        """As `selectors.revisions_shown` read it for today."""
        return str(self.context["shown"][revision.pk])

    def get_has_file(self, revision: Revision) -> bool:
        return bool(revision.file)


class DocumentSerializer(serializers.ModelSerializer):
    legal_basis = serializers.SlugRelatedField[Any](slug_field="symbol", many=True, read_only=True)

    class Meta:
        model = ControlledDocument
        fields = ["id", "agency", "code", "title", "kind", "legal_basis", "retention_years"]


class ReviewSerializer(serializers.ModelSerializer):
    legal_document = serializers.CharField(source="legal_document.symbol")
    legal_due_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The law's deadline: three months from the change taking effect "
        "(QĐ 19/2014/QĐ-TTg Art. 4.4a).",
    )
    deadline = serializers.DateField(
        read_only=True, help_text="The earlier of the agency's due day and the law's deadline."
    )
    overdue = serializers.BooleanField(
        read_only=True, help_text="Open past the earlier of the two deadlines."
    )

    class Meta:
        model = ReviewRequest
        fields = [
            "id",
            "legal_document",
            "reason",
            "document",
            "procedure_version",
            "process",
            "agency",
            "form_set",
            "due_at",
            "legal_due_on",
            "deadline",
            "overdue",
            "status",
            "decision",
            "revision",
            "new_version",
            "new_process",
            "new_form_set",
            "closed_at",
        ]


class ActionSerializer(serializers.Serializer):
    reviewer = serializers.CharField(required=False, default="", help_text="Username.")
    comments = serializers.CharField(required=False, default="", allow_blank=True)
    effective_date = serializers.DateField(required=False, allow_null=True, default=None)
    decision = serializers.CharField(required=False, default="", allow_blank=True)
