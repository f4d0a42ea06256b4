"""API of what follows an inspection's conclusion (TT 26/2014 Arts. 37.3–37.4), under
/api/v1/inspections/requests/: the requests for correction the caller follows (DOST: its
province's; an agency: its own), one request, the agency's corrective-action report
(multipart: text, evidence_file, actions), DOST's acceptance and its notice of
non-acceptance. 400 names the field, 403 the missing right, 404 what the caller may not
see, 409 a state that does not allow the step."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.roles import Scope, user_scope
from chuan.core.api.fields import BoundedPrimaryKeyRelatedField
from chuan.core.api.params import IntQuery
from chuan.core.files import FILE_MAX_BYTES
from chuan.core.permissions import require_perm
from chuan.improvement.models import Action
from chuan.inspections.choices import RequestState
from chuan.inspections.models import CorrectionRequest
from chuan.inspections.selectors import followup as selectors
from chuan.inspections.services import followup as services
from chuan.organisations.scoping import active_membership

VIEW = "inspections.view_inspections"
AGENCY = IntQuery("agency", 1, 2**31 - 1, "Only this agency's requests.")
YEAR = IntQuery("year", 2000, 2100, "Only requests of inspections of this year.")


@extend_schema_field(
    {
        "type": "string",
        "description": "The request's state, one of: " + ", ".join(RequestState.values),
    }
)
class RequestStateField(serializers.CharField):
    """The state as a plain string listed in the description: an enum named "state" would
    collide with the other APIs' states."""


class CorrectionRequestSerializer(serializers.ModelSerializer):
    agency = serializers.IntegerField(source="inspection.agency_id", read_only=True)
    agency_name = serializers.CharField(source="inspection.agency.name", read_only=True)
    year = serializers.IntegerField(source="inspection.year", read_only=True)
    state = RequestStateField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    nonconformity = serializers.CharField(
        source="nonconformity.code", default=None, allow_null=True, read_only=True
    )
    late = serializers.SerializerMethodField()
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = CorrectionRequest
        fields = [
            "id",
            "inspection",
            "agency",
            "agency_name",
            "year",
            "code",
            "text",
            "state",
            "state_label",
            "due_on",
            "nonconformity",
            "report",
            "report_count",
            "reported_at",
            "late",
            "has_evidence",
            "decided_at",
            "notice_number",
            "notice_date",
            "notice_text",
        ]
        read_only_fields = fields

    def get_late(self, obj: CorrectionRequest) -> bool:
        return bool(
            obj.reported_at and obj.due_on and timezone.localdate(obj.reported_at) > obj.due_on
        )

    def get_has_evidence(self, obj: CorrectionRequest) -> bool:
        return bool(obj.report_evidence)


class ReportSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_REPORT_CHARS)
    evidence_file = serializers.FileField(required=False, allow_null=True)
    actions = BoundedPrimaryKeyRelatedField(
        queryset=Action.objects.all(), many=True, required=False
    )

    def validate_evidence_file(self, value: Any) -> Any:
        if value is not None and value.size > FILE_MAX_BYTES:
            raise serializers.ValidationError(_("The file is larger than the 10 MB allowed."))
        return value


class RefuseSerializer(serializers.Serializer):
    notice_number = serializers.CharField(max_length=services.MAX_NOTICE_NUMBER)
    notice_date = serializers.DateField()
    reasons = serializers.CharField(max_length=services.MAX_REPORT_CHARS)


class RequestListApi(generics.ListAPIView):
    """The requests the caller follows: DOST's coordinators and inspectors, those of their
    province (reports awaiting acceptance first, then overdue); an agency, its own (what it
    owes first). Filters `state`, `agency` (DOST), `year`, `overdue=1`."""

    serializer_class = CorrectionRequestSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=RequestState.values),
            OpenApiParameter("overdue", OpenApiTypes.STR, enum=["1"]),
            AGENCY.parameter(),
            YEAR.parameter(),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[CorrectionRequest]:
        user = self.request.user
        require_perm(user, VIEW)
        params = self.request.query_params
        state = params.get("state", "")
        if state and state not in RequestState.values:
            raise serializers.ValidationError(
                {
                    "state": [
                        _("Choose one of: %(values)s.") % {"values": ", ".join(RequestState.values)}
                    ]
                }
            )
        filters = selectors.RequestFilters(
            state=state,
            agency_id=AGENCY.read(params),
            year=YEAR.read(params),
            overdue=params.get("overdue") == "1",
        )
        today = timezone.localdate()
        if user_scope(user) in {Scope.PROVINCE, Scope.ALL}:
            return selectors.followup_list(user=user, filters=filters, today=today)
        membership = active_membership(user)
        if membership is None:
            raise PermissionDenied
        filters.agency_id = None
        return selectors.agency_requests(
            agency_id=membership.agency_id, filters=filters, today=today
        )


def _get(request: Request, pk: int) -> CorrectionRequest:
    require_perm(request.user, VIEW)
    found = selectors.request_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


class RequestDetailApi(APIView):
    @extend_schema(responses={200: CorrectionRequestSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(CorrectionRequestSerializer(_get(request, pk)).data)


class RequestReportApi(APIView):
    """The agency's leader or ISO secretary reports the corrective action (multipart, with
    the evidence file; `actions` are ids of the nonconformity's actions done, all by
    default). A report after the due date is accepted and marked late."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=ReportSerializer, responses={200: CorrectionRequestSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = _get(request, pk)
        data = serializer.validated_data
        services.correction_report(
            request=item,
            text=data["text"],
            evidence_file=data.get("evidence_file"),
            actions=data.get("actions"),
            actor=request.user,
        )
        return Response(CorrectionRequestSerializer(_get(request, pk)).data)


class RequestAcceptApi(APIView):
    """DOST's coordinator accepts the corrective action reported."""

    @extend_schema(request=None, responses={200: CorrectionRequestSerializer})
    def post(self, request: Request, pk: int) -> Response:
        services.correction_accept(request=_get(request, pk), actor=request.user)
        return Response(CorrectionRequestSerializer(_get(request, pk)).data)


class RequestRefuseApi(APIView):
    """DOST's coordinator sends a notice of non-acceptance (number, date, reasons)."""

    @extend_schema(request=RefuseSerializer, responses={200: CorrectionRequestSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = RefuseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.correction_refuse(
            request=_get(request, pk),
            notice_number=data["notice_number"],
            notice_date=data["notice_date"],
            reasons=data["reasons"],
            actor=request.user,
        )
        return Response(CorrectionRequestSerializer(_get(request, pk)).data)


urlpatterns: list[URLPattern] = [
    path("requests/", RequestListApi.as_view(), name="api-inspection-requests"),
    path("requests/<int:pk>/", RequestDetailApi.as_view(), name="api-inspection-request"),
    path(
        "requests/<int:pk>/report/",
        RequestReportApi.as_view(),
        name="api-inspection-request-report",
    ),
    path(
        "requests/<int:pk>/accept/",
        RequestAcceptApi.as_view(),
        name="api-inspection-request-accept",
    ),
    path(
        "requests/<int:pk>/refuse/",
        RequestRefuseApi.as_view(),
        name="api-inspection-request-refuse",
    ),
]
