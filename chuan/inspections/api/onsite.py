"""/api/v1/inspections/: on-site inspections (TT 26/2014/TT-BKHCN Arts. 35–37, 40), scoped
like the screens: the inspection decisions (Mẫu 20) of the caller's province and recording
one; each decided inspection's Article 36 results, recording one (the team and DOST's
coordinators only: 403 with the reason), and the signing of its minutes (409 when the
inspection's state does not allow it, 400 naming the field)."""

from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.roles import Scope, user_scope
from chuan.core.api.fields import BoundedIntegerField
from chuan.core.params import MAX_ID
from chuan.core.permissions import require_perm
from chuan.inspections import article36
from chuan.inspections.choices import Conclusion, InspectionState, ItemResult
from chuan.inspections.models import (
    DecisionInspection,
    DecisionMember,
    Inspection,
    InspectionDecision,
    Inspector,
    TeamRole,
)
from chuan.inspections.onsite_permissions import can_read
from chuan.inspections.permissions import can_manage
from chuan.inspections.selectors import onsite as selectors
from chuan.inspections.services import onsite as services
from chuan.inspections.services import onsite_results as results
from chuan.organisations.models import AdministrativeUnit

_READ = "inspections.view_inspections"


class DecisionMemberSerializer(serializers.ModelSerializer):
    inspector = serializers.IntegerField(source="inspector_id", read_only=True)
    full_name = serializers.CharField(source="inspector.full_name", read_only=True)
    role = serializers.ChoiceField(choices=TeamRole.choices, read_only=True)

    class Meta:
        model = DecisionMember
        fields = ["inspector", "full_name", "role", "unit"]


class DecisionVisitSerializer(serializers.ModelSerializer):
    inspection = serializers.IntegerField(source="inspection_id", read_only=True)
    agency = serializers.CharField(source="inspection.agency.name", read_only=True)
    state = serializers.ChoiceField(
        source="inspection.state", choices=InspectionState.choices, read_only=True
    )

    class Meta:
        model = DecisionInspection
        fields = ["inspection", "agency", "scheduled_at", "place", "state"]


class DecisionSerializer(serializers.ModelSerializer):
    team = DecisionMemberSerializer(many=True, read_only=True)
    visits = DecisionVisitSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionDecision
        fields = ["id", "number", "issued_on", "issuer", "signer", "content", "team", "visits"]


class TeamEntrySerializer(serializers.Serializer):
    inspector = BoundedIntegerField(min_value=1, max_value=MAX_ID)
    role = serializers.ChoiceField(choices=TeamRole.choices)
    unit = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)


class VisitEntrySerializer(serializers.Serializer):
    inspection = BoundedIntegerField(min_value=1, max_value=MAX_ID)
    scheduled_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)


class DecisionCreateSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    issued_on = serializers.DateField()
    issuer = serializers.CharField(max_length=255)
    signer = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)
    content = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)
    team = serializers.ListField(child=TeamEntrySerializer(), max_length=50)
    visits = serializers.ListField(child=VisitEntrySerializer(), max_length=200)


def _province(request: Request) -> int:
    require_perm(request.user, _READ)
    if user_scope(request.user) not in {Scope.PROVINCE, Scope.ALL}:
        raise PermissionDenied
    province_id = selectors.user_province_id(request.user)
    if province_id is None:
        raise PermissionDenied
    return province_id


class DecisionListApi(generics.ListCreateAPIView):
    """Inspection decisions of the caller's province, latest first; POST records one (DOST's
    coordinators): unqualified or repeated team members and inspections that cannot be
    decided are refused, naming the person and what they lack."""

    serializer_class = DecisionSerializer

    def get_queryset(self) -> Any:
        _province(self.request)
        return selectors.decision_list(user=self.request.user, full=True)

    @extend_schema(request=DecisionCreateSerializer, responses={201: DecisionSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        province_id = _province(request)
        if not can_manage(request.user, province_id):
            raise PermissionDenied
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        registry = {i.pk: i for i in selectors.registry_for(province_id)}
        inspections = {
            i.pk: i
            for i in Inspection.objects.filter(
                pk__in=[v["inspection"] for v in data["visits"]]
            ).select_related("agency")
        }
        team = [registry.get(entry["inspector"]) for entry in data["team"]]
        if any(person is None for person in team):
            return Response(
                {"team": [_("No such inspector in the province's registry.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        visible = [inspections.get(v["inspection"]) for v in data["visits"]]
        if any(i is None or not can_read(request.user, i) for i in visible):
            return Response(
                {"visits": [_("No such inspection.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        decision = services.decision_issue(
            province=AdministrativeUnit.objects.get(pk=province_id),
            data=services.DecisionData(
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
                signer=data["signer"],
                content=data["content"],
                team=[
                    services.TeamEntry(person, entry["role"], entry["unit"])
                    for person, entry in zip(team, data["team"], strict=True)
                    if isinstance(person, Inspector)
                ],
                visits=[
                    services.Visit(inspections[v["inspection"]], v["scheduled_at"], v["place"])
                    for v in data["visits"]
                ],
            ),
            actor=request.user,
        )
        fresh = selectors.decision_get(user=request.user, pk=decision.pk)
        return Response(DecisionSerializer(fresh).data, status=status.HTTP_201_CREATED)


class DecisionDetailApi(APIView):
    """One decision with its team and schedule."""

    @extend_schema(responses={200: DecisionSerializer})
    def get(self, request: Request, pk: int) -> Response:
        _province(request)
        decision = selectors.decision_get(user=request.user, pk=pk)
        if decision is None:
            raise Http404
        return Response(DecisionSerializer(decision).data)


class ItemResultSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=article36.CODE_CHOICES)
    number = serializers.CharField(help_text="As the minutes print it: 1.a … 2.e.")
    result = serializers.ChoiceField(choices=ItemResult.choices, allow_blank=True)
    evidence_seen = serializers.CharField(allow_blank=True)
    finding = serializers.CharField(allow_blank=True)


class ResultsSerializer(serializers.Serializer):
    inspection = serializers.IntegerField()
    agency = serializers.CharField()
    state = serializers.ChoiceField(choices=InspectionState.choices)
    conclusion = serializers.ChoiceField(choices=Conclusion.choices, allow_blank=True)
    concluded_on = serializers.DateField(allow_null=True)
    items = ItemResultSerializer(many=True)


class ResultRecordSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=article36.CODE_CHOICES)
    result = serializers.ChoiceField(choices=ItemResult.choices)
    evidence_seen = serializers.CharField(
        max_length=20_000, required=False, default="", allow_blank=True
    )
    finding = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)


class SignSerializer(serializers.Serializer):
    team_head_signed_on = serializers.DateField()
    agency_signed_on = serializers.DateField()


def _inspection(request: Request, pk: int) -> Inspection:
    require_perm(request.user, _READ)
    inspection = selectors.onsite_get(pk=pk)
    if inspection is None or not can_read(request.user, inspection):
        raise Http404
    return inspection


def _results(inspection: Inspection) -> dict[str, Any]:
    rows = [row for _title, group in selectors.item_rows(inspection) for row in group]
    return {
        "inspection": inspection.pk,
        "agency": inspection.agency.name,
        "state": inspection.state,
        "conclusion": inspection.conclusion,
        "concluded_on": inspection.concluded_on,
        "items": [
            {
                "code": row.item.code,
                "number": row.item.label,
                "result": row.answer.result if row.answer else "",
                "evidence_seen": row.evidence_seen,
                "finding": row.answer.finding if row.answer else "",
            }
            for row in rows
        ],
    }


class ResultsApi(APIView):
    """GET: the thirteen Article 36 items of a decided on-site inspection with the team's
    results. POST: record one item's result (the team and DOST's coordinators)."""

    @extend_schema(responses={200: ResultsSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ResultsSerializer(_results(_inspection(request, pk))).data)

    @extend_schema(request=ResultRecordSerializer, responses={200: ResultsSerializer})
    def post(self, request: Request, pk: int) -> Response:
        inspection = _inspection(request, pk)
        serializer = ResultRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        results.result_record(
            inspection=inspection, actor=request.user, **serializer.validated_data
        )
        fresh = _inspection(request, pk)
        return Response(ResultsSerializer(_results(fresh)).data)


class SignApi(APIView):
    """Record the two signatures of the minutes: the inspection is concluded on the later."""

    @extend_schema(request=SignSerializer, responses={200: ResultsSerializer})
    def post(self, request: Request, pk: int) -> Response:
        inspection = _inspection(request, pk)
        serializer = SignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        minutes = getattr(inspection, "minutes", None)
        if minutes is None:
            return Response(
                {"detail": _("Write the minutes first.")}, status=status.HTTP_409_CONFLICT
            )
        results.minutes_sign(minutes=minutes, actor=request.user, **serializer.validated_data)
        return Response(ResultsSerializer(_results(_inspection(request, pk))).data)


urlpatterns = [
    path("decisions/", DecisionListApi.as_view(), name="inspections_decision_list"),
    path("decisions/<int:pk>/", DecisionDetailApi.as_view(), name="inspections_decision_detail"),
    path("onsite/<int:pk>/results/", ResultsApi.as_view(), name="inspections_onsite_results"),
    path("onsite/<int:pk>/sign/", SignApi.as_view(), name="inspections_onsite_sign"),
]
