"""API shapes of units and agencies."""

from typing import Any

from rest_framework import serializers

from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.core.params import MAX_ID
from chuan.organisations.choices import AgencyKind
from chuan.organisations.models import AdministrativeUnit, Agency


class UnitSerializer(serializers.ModelSerializer):
    parent: Any = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    province: Any = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = AdministrativeUnit
        fields = [
            "id",
            "unit_set",
            "code",
            "name",
            "short_name",
            "level",
            "kind",
            "parent",
            "province",
            "valid_from",
            "valid_to",
        ]


class AgencySerializer(serializers.ModelSerializer):
    unit = UnitSerializer(read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "level",
            "code",
            "unit",
            "parent",
            "valid_from",
            "valid_to",
        ]


class AgencyInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=AgencyKind.choices)
    unit: Any = BoundedPrimaryKeyRelatedField(queryset=AdministrativeUnit.objects.all())
    parent: Any = BoundedIntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )
    code = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)
