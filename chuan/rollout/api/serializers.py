"""API shapes of the QMS roll-out: coverage, agencies with their status, lifecycle events."""

from typing import Any

from django.urls import reverse

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chuan.organisations.models import Agency
from chuan.rollout.choices import CoverageLevel, EventKind, IsoEdition, QmsStatus
from chuan.rollout.models import QmsEvent


class CoverageTargetSerializer(serializers.Serializer):
    decision = serializers.CharField(help_text="Number of the decision that set the target.")
    percent = serializers.FloatField()
    deadline = serializers.DateField()
    met = serializers.BooleanField(
        allow_null=True,
        help_text="Whether it was met; null until its deadline has passed (on `on` and today).",
    )
    state = serializers.ChoiceField(
        choices=["met", "missed", "not_yet_due"],
        help_text="met, missed, or not_yet_due while its deadline is after `on` or after today.",
    )


class CoverageSerializer(serializers.Serializer):
    on = serializers.DateField()
    province = serializers.CharField(
        allow_null=True, help_text="The province's unit code, as asked; null for the nation."
    )
    # Plain strings in the schema: "level" and "kind" already name other choice sets there
    # (units' levels, agencies' kinds), and a second set under the same name is ambiguous.
    level = serializers.CharField(help_text=f"One of: {', '.join(CoverageLevel.values)}.")
    in_scope = serializers.IntegerField()
    announced = serializers.IntegerField()
    percent = serializers.FloatField(help_text="announced / in_scope × 100, one decimal.")
    targets = CoverageTargetSerializer(many=True)


class RolloutAgencySerializer(serializers.ModelSerializer):
    """An agency with its QMS status today (from the `qms` map in the context)."""

    unit = serializers.CharField(source="unit.name", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.SerializerMethodField()
    status_since = serializers.SerializerMethodField()
    needs_reannouncement = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "code",
            "kind",
            "level",
            "unit",
            "unit_code",
            "valid_from",
            "valid_to",
            "status",
            "status_since",
            "needs_reannouncement",
        ]

    def _qms(self, agency: Agency) -> Any:
        return self.context["qms"][agency.pk]

    @extend_schema_field(serializers.ChoiceField(choices=QmsStatus.choices))
    def get_status(self, agency: Agency) -> str:
        status: str = self._qms(agency).status
        return status

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_status_since(self, agency: Agency) -> str | None:
        since = self._qms(agency).since
        return since.isoformat() if since else None

    def get_needs_reannouncement(self, agency: Agency) -> bool:
        return bool(self._qms(agency).needs_reannouncement)


class QmsEventSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True, help_text=f"One of: {', '.join(EventKind.values)}."
    )
    recorded_by = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField()

    class Meta:
        model = QmsEvent
        fields = [
            "id",
            "kind",
            "occurred_on",
            "decision_number",
            "decision_date",
            "signer",
            "iso_edition",
            "scope",
            "consultant",
            "note",
            "file",
            "recorded_by",
            "recorded_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_recorded_by(self, event: QmsEvent) -> str | None:
        user = event.recorded_by
        if user is None:
            return None
        return str(user.full_name or user.username)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_file(self, event: QmsEvent) -> str | None:
        """Where the decision file downloads (for a signed-in browser session)."""
        if not event.file:
            return None
        path = reverse("rollout:agency_qms", args=[event.agency_id]) + f"?file={event.pk}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class RolloutAgencyDetailSerializer(RolloutAgencySerializer):
    events = serializers.SerializerMethodField()

    class Meta(RolloutAgencySerializer.Meta):
        fields = [*RolloutAgencySerializer.Meta.fields, "events"]

    @extend_schema_field(QmsEventSerializer(many=True))
    def get_events(self, agency: Agency) -> list[dict[str, Any]]:
        events = self.context["events"]
        return list(QmsEventSerializer(events, many=True, context=self.context).data)


class EventInputSerializer(serializers.Serializer):
    """A lifecycle event to record; JSON, or multipart with the decision `file`."""

    kind = serializers.ChoiceField(choices=EventKind.choices)
    occurred_on = serializers.DateField()
    decision_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    decision_date = serializers.DateField(required=False, allow_null=True)
    signer = serializers.CharField(max_length=150, required=False, allow_blank=True)
    iso_edition = serializers.ChoiceField(
        choices=IsoEdition.choices, required=False, allow_blank=True
    )
    scope = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    consultant = serializers.CharField(max_length=255, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    file = serializers.FileField(required=False, allow_null=True)
