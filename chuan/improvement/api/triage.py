"""/api/v1/qms/triage/: what the desk proposes to the QMS (ISO 9001:2015, 10.2): the list,
a run that looks for new candidates, and the ISO secretary's accept and dismiss (409 when
the candidate was already decided, 400 naming the field)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.fields import BoundedPrimaryKeyRelatedField
from chuan.core.api.params import IntQuery
from chuan.core.params import MAX_ID
from chuan.core.permissions import require_perm
from chuan.improvement.choices import CandidateState, Severity, TriageKind
from chuan.improvement.models import TriageCandidate
from chuan.improvement.permissions import can_manage_qms, can_read_qms
from chuan.improvement.selectors import triage as selectors
from chuan.improvement.services import triage as services
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership, visible_agencies


class CandidateSerializer(serializers.ModelSerializer):
    dossier_code = serializers.CharField(
        source="dossier.code", default=None, allow_null=True, read_only=True
    )
    procedure_code = serializers.CharField(
        source="procedure.code", default=None, allow_null=True, read_only=True
    )
    nonconformity_code = serializers.CharField(
        source="nonconformity.code", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = TriageCandidate
        fields = [
            "id",
            "agency",
            "kind",
            "state",
            "dossier",
            "dossier_code",
            "procedure",
            "procedure_code",
            "month",
            "occurred_at",
            "rate",
            "target",
            "finished",
            "note",
            "found_at",
            "nonconformity",
            "nonconformity_code",
            "decided_by",
            "decided_at",
            "reason",
        ]
        read_only_fields = fields


class RunResultSerializer(serializers.Serializer):
    found = serializers.IntegerField(help_text="New candidates, all agencies.")
    found_for_agency = serializers.IntegerField(help_text="New candidates of the caller's agency.")


class AcceptSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.MINOR)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    also = BoundedPrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=TriageCandidate.objects.all(),
        help_text="Other proposed candidates of the same procedure to join into the same "
        "nonconformity.",
    )


class AcceptResultSerializer(serializers.Serializer):
    nonconformity = serializers.IntegerField()
    nonconformity_code = serializers.CharField()
    candidate = CandidateSerializer()


class DismissSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


AGENCY = IntQuery("agency", 1, MAX_ID, "The agency (default: the caller's own).")
_AGENCY = AGENCY.parameter()


def _agency(request: Request) -> Agency:
    asked = AGENCY.read(request.query_params)
    if asked:
        agency = visible_agencies(request.user).filter(pk=asked).first()
        if agency is None:
            raise Http404
        return agency
    membership = active_membership(request.user)
    if membership is None:
        raise Http404
    return membership.agency


class CandidateListApi(generics.ListAPIView):
    """The agency's candidates, newest first; `kind` and `state` filter."""

    serializer_class = CandidateSerializer

    @extend_schema(
        parameters=[
            _AGENCY,
            OpenApiParameter("kind", OpenApiTypes.STR, enum=TriageKind.values),
            OpenApiParameter("state", OpenApiTypes.STR, enum=CandidateState.values),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[TriageCandidate]:
        require_perm(self.request.user, "improvement.view_qms")
        agency = _agency(self.request)
        if not can_read_qms(self.request.user, agency.pk):
            raise PermissionDenied
        params = self.request.query_params
        return selectors.candidates(
            agency_id=agency.pk,
            kind=params.get("kind", "")[:30],
            state=params.get("state", "")[:30],
        )


class TriageRunApi(APIView):
    """Look for new candidates now: the same incremental run as the schedule's, for every
    agency; answers how many were found and how many for the agency."""

    @extend_schema(request=None, responses={200: RunResultSerializer})
    def post(self, request: Request) -> Response:
        membership = active_membership(request.user)
        agency_id = membership.agency_id if membership else None
        if agency_id is None or not can_manage_qms(request.user, agency_id):
            raise PermissionDenied
        result = services.triage_run(actor=request.user, agency_id=agency_id)
        return Response(
            {"found": result.found, "found_for_agency": result.by_agency.get(agency_id, 0)}
        )


def _candidate(request: Request, pk: int) -> TriageCandidate:
    candidate = selectors.candidate_get(user=request.user, pk=pk)
    if candidate is None:
        raise Http404
    if not can_manage_qms(request.user, candidate.agency_id):
        raise PermissionDenied
    return candidate


class CandidateAcceptApi(APIView):
    """Accept a proposed candidate (and `also` others of the same procedure) as one
    nonconformity with the dossiers linked."""

    @extend_schema(request=AcceptSerializer, responses={200: AcceptResultSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = AcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)  # a bad number is a 400 whatever the id
        candidate = _candidate(request, pk)
        data = serializer.validated_data
        nc = services.candidate_accept(
            candidate=candidate,
            actor=request.user,
            also=list(data.get("also") or []),
            description=data.get("description", ""),
            severity=data["severity"],
        )
        candidate = selectors.candidate_get(user=request.user, pk=pk) or candidate
        return Response(
            {
                "nonconformity": nc.pk,
                "nonconformity_code": nc.code,
                "candidate": CandidateSerializer(candidate).data,
            }
        )


class CandidateDismissApi(APIView):
    """Dismiss a proposed candidate with a reason; it is never proposed again."""

    @extend_schema(request=DismissSerializer, responses={200: CandidateSerializer})
    def post(self, request: Request, pk: int) -> Response:
        candidate = _candidate(request, pk)
        serializer = DismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.candidate_dismiss(
            candidate=candidate, reason=serializer.validated_data["reason"], actor=request.user
        )
        candidate = selectors.candidate_get(user=request.user, pk=pk) or candidate
        return Response(CandidateSerializer(candidate).data)


urlpatterns = [
    path("triage/", CandidateListApi.as_view(), name="api-triage-list"),
    path("triage/run/", TriageRunApi.as_view(), name="api-triage-run"),
    path("triage/<int:pk>/accept/", CandidateAcceptApi.as_view(), name="api-triage-accept"),
    path("triage/<int:pk>/dismiss/", CandidateDismissApi.as_view(), name="api-triage-dismiss"),
]
