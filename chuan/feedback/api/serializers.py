"""Serializers of the feedback register's API: thin; the rules are the services'."""

from rest_framework import serializers

from chuan.accounts.models import User
from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.core.params import MAX_ID
from chuan.feedback.choices import OFFICIAL_CHANNELS, Classification, ContentType
from chuan.feedback.models import Feedback


class FeedbackSerializer(serializers.ModelSerializer):
    dossier_code = serializers.CharField(
        source="dossier.code", default=None, allow_null=True, read_only=True
    )
    procedure_code = serializers.CharField(
        source="procedure.code", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Feedback
        fields = [
            "id",
            "agency",
            "code",
            "channel",
            "received_at",
            "sender_name",
            "sender_phone",
            "sender_email",
            "sender_address",
            "content_type",
            "content",
            "procedure",
            "procedure_code",
            "dossier",
            "dossier_code",
            "official",
            "state",
            "classification",
            "classified_at",
            "classification_note",
            "forward_due_at",
            "forwarded_to",
            "forwarded_at",
            "forward_reference",
            "assignee",
            "reply_due_at",
            "due_at",
            "reply",
            "replied_at",
            "replied_by",
            "public_summary",
            "published_at",
        ]
        read_only_fields = fields


class FeedbackInputSerializer(serializers.Serializer):
    agency = BoundedIntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text="Default: the caller's agency."
    )
    channel = serializers.ChoiceField(choices=[(c.value, c.label) for c in OFFICIAL_CHANNELS])
    sender_name = serializers.CharField(max_length=200)
    sender_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    sender_email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    sender_address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    content_type = serializers.ChoiceField(choices=ContentType.choices)
    content = serializers.CharField(max_length=4000)
    dossier_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    procedure_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    official = BoundedPrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )


class ClassifySerializer(serializers.Serializer):
    classification = serializers.ChoiceField(choices=Classification.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class AssignSerializer(serializers.Serializer):
    assignee = BoundedPrimaryKeyRelatedField(queryset=User.objects.all())


class ForwardSerializer(serializers.Serializer):
    forwarded_to = serializers.CharField(max_length=300)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=8000)


class PublishSerializer(serializers.Serializer):
    summary = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        help_text="What the public page shows instead of the sender's words.",
    )


ACTION_SERIALIZERS = {
    "classify": ClassifySerializer,
    "assign": AssignSerializer,
    "forward": ForwardSerializer,
    "reply": ReplySerializer,
    "publish": PublishSerializer,
}
