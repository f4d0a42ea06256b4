from rest_framework import serializers

from chuan.core.working_time import Unit


class DueSerializer(serializers.Serializer):
    received_at = serializers.DateTimeField()
    amount = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=Unit.ALL)
    province = serializers.CharField(allow_null=True)
    due_at = serializers.DateTimeField()


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    working = serializers.BooleanField(help_text="True for an extra working day.")
    name = serializers.CharField()
    source = serializers.ChoiceField(choices=["computed", "table"])  # type: ignore[assignment]
    legal_basis = serializers.CharField()


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    province = serializers.CharField(allow_null=True)
    days = DaySerializer(many=True)
