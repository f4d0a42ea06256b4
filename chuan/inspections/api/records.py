"""/api/v1/inspections/: records-based inspections (TT 26/2014/TT-BKHCN Arts. 35–36) as an
agency's system or DOST's sees them: the inspections (scoped like the screens), one with its
thirteen Article 36 items and Chuẩn's pre-filled facts, the agency's answers (PATCH, a
draft) and sending the report. 400 naming the field, 403 for who may not write, 404 for
what the caller does not see, 409 when the state does not allow it."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.pagination import PageNumberPagination
from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.inspections import article36, prefill
from chuan.inspections.choices import InspectionForm, InspectionState
from chuan.inspections.models import Inspection, ItemAnswer
from chuan.inspections.selectors import records as selectors
from chuan.inspections.services import records_answers as answers

VIEW = "inspections.view_inspections"


class InspectionSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    late = serializers.SerializerMethodField(help_text="The report came, or is, past its due date.")

    class Meta:
        model = Inspection
        fields = [
            "id",
            "agency",
            "agency_name",
            "province",
            "year",
            "form",
            "state",
            "request_number",
            "request_date",
            "reply_due",
            "answered_at",
            "late",
            "conclusion",
            "concluded_on",
        ]
        read_only_fields = fields

    def get_late(self, inspection: Inspection) -> bool:
        return selectors.is_late(inspection)


class ItemSerializer(serializers.ModelSerializer):
    number = serializers.SerializerMethodField(help_text='As printed: "1.a" … "2.e".')
    text = serializers.SerializerMethodField()
    facts = serializers.SerializerMethodField(help_text="What Chuẩn knows, one line a fact.")

    class Meta:
        model = ItemAnswer
        fields = [
            "id",
            "code",
            "number",
            "text",
            "facts",
            "prefill",
            "answer",
            "evidence",
            "confirmed",
            "result",
            "finding",
        ]
        read_only_fields = fields

    def get_number(self, row: ItemAnswer) -> str:
        return article36.item(row.code).label

    def get_text(self, row: ItemAnswer) -> str:
        return str(article36.item(row.code).text)

    def get_facts(self, row: ItemAnswer) -> list[str]:
        return prefill.summaries(row.prefill)


class InspectionDetailSerializer(InspectionSerializer):
    items = serializers.SerializerMethodField()

    class Meta(InspectionSerializer.Meta):
        fields = [*InspectionSerializer.Meta.fields, "items"]

    @extend_schema_field(ItemSerializer(many=True))
    def get_items(self, inspection: Inspection) -> Any:
        return ItemSerializer(selectors.inspection_items(inspection), many=True).data


class ItemAnswerSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=article36.CODE_CHOICES)
    answer = serializers.CharField(max_length=answers.TEXT_MAX, allow_blank=True, default="")
    evidence = serializers.CharField(max_length=answers.TEXT_MAX, allow_blank=True, default="")
    confirmed = serializers.BooleanField(default=False)


class AnswerSerializer(serializers.Serializer):
    items = ItemAnswerSerializer(  # type: ignore[call-arg]  # ListSerializer's max_length
        many=True, allow_empty=False, max_length=len(article36.CODES)
    )


YEAR = IntQuery("year", 2000, 2100, "Only this year's inspections.")
LIST_PARAMETERS = [
    YEAR.parameter(),
    OpenApiParameter("state", OpenApiTypes.STR, enum=InspectionState.values),
    OpenApiParameter("form", OpenApiTypes.STR, enum=InspectionForm.values),
]


class InspectionListApi(generics.ListAPIView):
    """DOST: its province's inspections; an agency: its own."""

    serializer_class = InspectionSerializer
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[Inspection]:
        require_perm(self.request.user, VIEW)
        params = self.request.query_params
        filters: dict[str, Any] = {}
        year = YEAR.read(params)
        if year is not None:
            filters["year"] = year
        for name, values in (("state", InspectionState.values), ("form", InspectionForm.values)):
            value = params.get(name, "")
            if value and value not in values:
                raise ApiValidationError(
                    {name: [_("Choose one of: %(values)s.") % {"values": ", ".join(values)}]}
                )
            filters[name] = value
        return selectors.inspection_list(
            user=self.request.user, filters=selectors.InspectionFilters(**filters)
        )

    @extend_schema(parameters=LIST_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _inspection(request: Request, pk: int) -> Inspection:
    require_perm(request.user, VIEW)
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if inspection is None:
        raise Http404
    return inspection


class InspectionDetailApi(APIView):
    """One inspection with its thirteen items; PATCH saves the agency's answers (a draft)."""

    @extend_schema(responses={200: InspectionDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(InspectionDetailSerializer(_inspection(request, pk)).data)

    @extend_schema(request=AnswerSerializer, responses={200: InspectionDetailSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        require_perm(request.user, VIEW)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inspection = _inspection(request, pk)
        require_perm(request.user, "inspections.answer_inspection")
        items = {
            row["code"]: answers.ItemData(
                answer=row["answer"], evidence=row["evidence"], confirmed=row["confirmed"]
            )
            for row in serializer.validated_data["items"]
        }
        answers.inspection_answer_save(inspection=inspection, items=items, actor=request.user)
        return Response(InspectionDetailSerializer(_inspection(request, pk)).data)


class InspectionSubmitApi(APIView):
    """Send the agency's report to DOST (400 naming the items not yet confirmed)."""

    @extend_schema(
        operation_id="v1_inspections_records_submit",
        request=None,
        responses={200: InspectionSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        inspection = _inspection(request, pk)
        require_perm(request.user, "inspections.answer_inspection")
        inspection = answers.inspection_answer_submit(inspection=inspection, actor=request.user)
        return Response(InspectionSerializer(inspection).data)


urlpatterns = [
    path("", InspectionListApi.as_view(), name="api-inspection-list"),
    path("<int:pk>/", InspectionDetailApi.as_view(), name="api-inspection-detail"),
    path("<int:pk>/submit/", InspectionSubmitApi.as_view(), name="api-inspection-submit"),
]
