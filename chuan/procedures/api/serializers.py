from typing import Any

from rest_framework import serializers

from chuan.procedures.models import (
    DossierComponent,
    InternalProcess,
    ProcedureVersion,
    ProcessStep,
)


class ComponentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DossierComponent
        fields = ["order", "name", "originals", "certified_copies", "photocopies", "required"]


class VersionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="procedure_id")
    code = serializers.CharField(source="procedure.code")
    field = serializers.CharField(source="field.name")
    levels = serializers.ListField(source="level_list", child=serializers.CharField())
    legal_basis = serializers.SlugRelatedField[Any](slug_field="symbol", many=True, read_only=True)

    class Meta:
        model = ProcedureVersion
        fields = [
            "id",
            "code",
            "number",
            "valid_from",
            "valid_to",
            "name",
            "field",
            "levels",
            "time_amount",
            "time_unit",
            "time_note",
            "fee",
            "fee_amount",
            "result",
            "online_level",
            "cross_boundary",
            "legal_basis",
        ]


class VersionDetailSerializer(VersionSerializer):
    components = ComponentSerializer(many=True, read_only=True)

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "components"]


class StepSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", default=None, allow_null=True)

    class Meta:
        model = ProcessStep
        fields = [
            "order",
            "name",
            "responsible",
            "department",
            "time_amount",
            "time_unit",
            "output",
            "forms",
        ]


class ProcessSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = InternalProcess
        fields = [
            "id",
            "agency",
            "code",
            "edition",
            "status",
            "decision_number",
            "decision_date",
            "valid_from",
            "valid_to",
            "steps",
        ]
