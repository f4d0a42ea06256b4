"""/api/v1/qms/risks/: the register of risks and opportunities (ISO 9001:2015, 6.1), scoped
like the screens. Transitions are POST actions: `reassess`, `actions`, `actions/<id>/done`,
`treat`, `close`, `reopen` (409 when the item's state does not allow them, 400 naming the
field, 403 for who may not write)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.improvement import risk_rules as rules
from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment
from chuan.improvement.models import Risk, RiskAction, RiskAssessment
from chuan.improvement.selectors import risks as selectors
from chuan.improvement.services import risks as services
from chuan.organisations.models import Agency, Department
from chuan.organisations.scoping import active_membership
from chuan.procedures.models import InternalProcess

_SCALE = {"min_value": rules.SCALE_MIN, "max_value": rules.SCALE_MAX}


class AssessmentSerializer(serializers.ModelSerializer):
    assessed_by = serializers.CharField(
        source="assessed_by.username", default=None, allow_null=True
    )

    class Meta:
        model = RiskAssessment
        fields = [
            "id",
            "assessed_on",
            "assessed_by",
            "likelihood",
            "impact",
            "score",
            "level",
            "note",
        ]


class RiskActionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", default=None, allow_null=True)

    class Meta:
        model = RiskAction
        fields = ["id", "description", "owner", "due_on", "done_on"]


class RiskSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    owner = serializers.CharField(source="owner.username", default=None, allow_null=True)
    due_for_review = serializers.SerializerMethodField(
        help_text="Assessed a year ago or longer, or past its next review date."
    )

    class Meta:
        model = Risk
        fields = [
            "id",
            "code",
            "agency",
            "kind",
            "process",
            "department",
            "context",
            "description",
            "cause",
            "consequence",
            "likelihood",
            "impact",
            "score",
            "level",
            "assessed_on",
            "treatment",
            "owner",
            "due_on",
            "next_review_on",
            "state",
            "due_for_review",
            "closed_at",
            "closing_note",
        ]

    def get_due_for_review(self, risk: Risk) -> bool:
        return selectors.is_due(risk, timezone.localdate())


class RiskDetailSerializer(RiskSerializer):
    assessments = AssessmentSerializer(many=True, read_only=True)
    actions = RiskActionSerializer(many=True, read_only=True)

    class Meta(RiskSerializer.Meta):
        fields = [*RiskSerializer.Meta.fields, "assessments", "actions"]


def _text(max_length: int, *, required: bool = False) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length,
        required=required,
        allow_blank=not required,
        default=serializers.empty if required else "",
    )


class RiskWriteSerializer(serializers.Serializer):
    """What the register says of an item (the first assessment apart)."""

    kind = serializers.ChoiceField(choices=RiskKind.choices)
    description = _text(services.TEXT_MAX, required=True)
    treatment = serializers.ChoiceField(choices=RiskTreatment.choices)
    # Popped by the serializer's metaclass: it does not hide `Serializer.context`.
    context = _text(services.CONTEXT_MAX)  # type: ignore[assignment]
    cause = _text(services.TEXT_MAX)
    consequence = _text(services.TEXT_MAX)
    process = BoundedPrimaryKeyRelatedField(
        queryset=InternalProcess.objects.all(), required=False, allow_null=True, default=None
    )
    department = BoundedPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )
    owner = BoundedPrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True, default=None
    )
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    next_review_on = serializers.DateField(required=False, allow_null=True, default=None)


class RiskCreateSerializer(RiskWriteSerializer):
    agency = BoundedPrimaryKeyRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The agency whose register it enters; the caller's own if omitted.",
    )
    likelihood = BoundedIntegerField(**_SCALE)
    impact = BoundedIntegerField(**_SCALE)
    assessed_on = serializers.DateField(required=False, default=None, allow_null=True)
    note = _text(services.TEXT_MAX)


class ReassessSerializer(serializers.Serializer):
    likelihood = BoundedIntegerField(**_SCALE)
    impact = BoundedIntegerField(**_SCALE)
    assessed_on = serializers.DateField(required=False, default=None, allow_null=True)
    note = _text(services.TEXT_MAX, required=True)
    next_review_on = serializers.DateField(required=False, allow_null=True, default=None)


class ActionAddSerializer(serializers.Serializer):
    description = _text(services.TEXT_MAX, required=True)
    owner = BoundedPrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True, default=None
    )
    due_on = serializers.DateField()


class DoneSerializer(serializers.Serializer):
    done_on = serializers.DateField(required=False, default=None, allow_null=True)


class RiskTransitionSerializer(serializers.Serializer):
    note = _text(services.TEXT_MAX)


INT_FILTERS = [
    IntQuery("agency", 1, 2**63 - 1, "Only this agency's register."),
    IntQuery("process", 1, 2**63 - 1, "Only items of this internal process."),
    IntQuery("department", 1, 2**63 - 1, "Only items of this department."),
    IntQuery("likelihood", rules.SCALE_MIN, rules.SCALE_MAX, "A row of the heat map."),
    IntQuery("impact", rules.SCALE_MIN, rules.SCALE_MAX, "A column of the heat map."),
]
CHOICE_FILTERS = {
    "kind": RiskKind.values,
    "level": RiskLevel.values,
    "treatment": RiskTreatment.values,
    "state": [*RiskState.values, selectors.LIVE],
}
LIST_PARAMETERS = [
    *(q.parameter() for q in INT_FILTERS),
    *(
        OpenApiParameter(name, OpenApiTypes.STR, enum=values)
        for name, values in CHOICE_FILTERS.items()
    ),
    OpenApiParameter("due", OpenApiTypes.STR, enum=["1"], description="Only items due for review."),
]


def _filters(params: Any) -> tuple[int | None, selectors.RiskFilters]:
    ints = {q.name: q.read(params) for q in INT_FILTERS}
    choices = {}
    for name, values in CHOICE_FILTERS.items():
        value = params.get(name, "")
        if value and value not in values:
            raise ApiValidationError(
                {name: [_("Choose one of: %(values)s.") % {"values": ", ".join(values)}]}
            )
        choices[name] = value
    return ints["agency"], selectors.RiskFilters(
        **choices,
        process_id=ints["process"],
        department_id=ints["department"],
        likelihood=ints["likelihood"],
        impact=ints["impact"],
        due=params.get("due") == "1",
    )


class RiskListApi(generics.ListCreateAPIView):
    """The register of the agencies the caller sees, most serious first; POST enters a new
    item with its first assessment (the ISO secretary and leaders of the agency)."""

    serializer_class = RiskSerializer

    def get_queryset(self) -> QuerySet[Risk]:
        require_perm(self.request.user, "improvement.view_qms")
        agency_id, filters = _filters(self.request.query_params)
        return selectors.risk_list(
            user=self.request.user,
            agency_id=agency_id,
            filters=filters,
            today=timezone.localdate(),
        )

    @extend_schema(parameters=LIST_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=RiskCreateSerializer, responses={201: RiskDetailSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "improvement.manage_qms")
        serializer = RiskCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        agency = data.pop("agency")
        if agency is None:
            membership = active_membership(request.user)
            if membership is None:
                return Response(
                    {"agency": [_("Name the agency whose register it enters.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            agency = membership.agency
        assessment = services.Assessment(
            likelihood=data.pop("likelihood"),
            impact=data.pop("impact"),
            assessed_on=data.pop("assessed_on") or timezone.localdate(),
            note=data.pop("note"),
        )
        risk = services.risk_create(
            agency=agency,
            data=services.RiskData(**data),
            assessment=assessment,
            actor=request.user,
        )
        return Response(RiskDetailSerializer(risk).data, status=status.HTTP_201_CREATED)


def _risk(request: Request, pk: int) -> Risk:
    require_perm(request.user, "improvement.view_qms")
    risk = selectors.risk_get(user=request.user, pk=pk)
    if risk is None:
        raise Http404
    return risk


def _detail(risk: Risk) -> Response:
    risk = (
        Risk.objects.select_related("owner")
        .prefetch_related("assessments__assessed_by", "actions__owner")
        .get(pk=risk.pk)
    )
    return Response(RiskDetailSerializer(risk).data)


_DATA_FIELDS = [
    "kind",
    "description",
    "treatment",
    "context",
    "cause",
    "consequence",
    "process",
    "department",
    "owner",
    "due_on",
    "next_review_on",
]


class RiskDetailApi(APIView):
    """An item with its assessments (newest first) and the actions of its treatment; PATCH
    edits what the register says of it (its assessment changes only by `reassess`)."""

    @extend_schema(responses={200: RiskDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return _detail(_risk(request, pk))

    @extend_schema(
        request=RiskWriteSerializer,
        responses={
            200: RiskDetailSerializer,
            409: OpenApiResponse(OpenApiTypes.OBJECT, description="The item is closed."),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        require_perm(request.user, "improvement.view_qms")
        if not isinstance(request.data, dict):
            raise ApiValidationError({"detail": [_("Send the fields to change as an object.")]})
        # The body is checked before the item is looked up: bad input is 400 wherever sent.
        RiskWriteSerializer(data=request.data, partial=True).is_valid(raise_exception=True)
        risk = _risk(request, pk)
        require_perm(request.user, "improvement.manage_qms")
        current = {name: getattr(risk, name) for name in _DATA_FIELDS}
        serializer = RiskWriteSerializer(data={**_ids(current), **request.data}, partial=False)
        serializer.is_valid(raise_exception=True)
        services.risk_update(
            risk=risk, data=services.RiskData(**serializer.validated_data), actor=request.user
        )
        return _detail(risk)


def _ids(values: dict[str, Any]) -> dict[str, Any]:
    """Current values as a client would send them (rows by id)."""
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in values.items()}


class RiskReassessApi(APIView):
    """Assess the item again (its likelihood and impact now, the effect of the actions)."""

    @extend_schema(
        operation_id="v1_qms_risk_reassess",
        request=ReassessSerializer,
        responses={200: RiskDetailSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        require_perm(request.user, "improvement.view_qms")
        serializer = ReassessSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        risk = _risk(request, pk)
        require_perm(request.user, "improvement.manage_qms")
        data = serializer.validated_data
        services.risk_reassess(
            risk=risk,
            assessment=services.Assessment(
                likelihood=data["likelihood"],
                impact=data["impact"],
                assessed_on=data["assessed_on"] or timezone.localdate(),
                note=data["note"],
            ),
            next_review_on=data["next_review_on"],
            actor=request.user,
        )
        return _detail(risk)


class RiskActionAddApi(APIView):
    """Add an action to the item's treatment."""

    @extend_schema(
        operation_id="v1_qms_risk_action_add",
        request=ActionAddSerializer,
        responses={201: RiskDetailSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        require_perm(request.user, "improvement.view_qms")
        serializer = ActionAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        risk = _risk(request, pk)
        require_perm(request.user, "improvement.manage_qms")
        services.risk_action_add(risk=risk, actor=request.user, **serializer.validated_data)
        response = _detail(risk)
        response.status_code = status.HTTP_201_CREATED
        return response


class RiskActionDoneApi(APIView):
    """Record that an action was done (today if no `done_on`)."""

    @extend_schema(
        operation_id="v1_qms_risk_action_done",
        request=DoneSerializer,
        responses={200: RiskDetailSerializer},
    )
    def post(self, request: Request, pk: int, action_id: int) -> Response:
        require_perm(request.user, "improvement.view_qms")
        serializer = DoneSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        risk = _risk(request, pk)
        require_perm(request.user, "improvement.manage_qms")
        action = get_object_or_404(
            RiskAction.objects.select_related("risk"), pk=action_id, risk=risk
        )
        services.risk_action_done(
            action=action,
            done_on=serializer.validated_data["done_on"] or timezone.localdate(),
            actor=request.user,
        )
        return _detail(risk)


TRANSITION_ACTIONS = list(rules.TRANSITIONS)


class RiskTransitionApi(APIView):
    """`treat` (the treatment's actions are in place), `close` (say why in `note`),
    `reopen`."""

    @extend_schema(
        operation_id="v1_qms_risk_transition",
        parameters=[
            OpenApiParameter(
                "action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=TRANSITION_ACTIONS
            )
        ],
        request=RiskTransitionSerializer,
        responses={200: RiskDetailSerializer},
    )
    def post(self, request: Request, pk: int, action: str) -> Response:
        require_perm(request.user, "improvement.view_qms")
        if action not in TRANSITION_ACTIONS:
            raise Http404
        serializer = RiskTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        risk = _risk(request, pk)
        require_perm(request.user, "improvement.manage_qms")
        services.risk_transition(
            risk=risk, action=action, note=serializer.validated_data["note"], actor=request.user
        )
        return _detail(risk)


class RiskHeatMapApi(APIView):
    """Counts per cell (likelihood × impact) of the register as filtered, with each cell's
    score and level."""

    @extend_schema(
        parameters=LIST_PARAMETERS,
        responses={
            200: inline_serializer(
                "RiskHeatMap",
                {
                    "total": serializers.IntegerField(),
                    "cells": inline_serializer(
                        "RiskHeatCell",
                        {
                            "likelihood": serializers.IntegerField(),
                            "impact": serializers.IntegerField(),
                            "score": serializers.IntegerField(),
                            "level": serializers.ChoiceField(choices=RiskLevel.choices),
                            "count": serializers.IntegerField(),
                        },
                        many=True,
                    ),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        require_perm(request.user, "improvement.view_qms")
        agency_id, filters = _filters(request.query_params)
        heat = selectors.heat_map(
            selectors.risk_filter(
                user=request.user, agency_id=agency_id, filters=filters, today=timezone.localdate()
            )
        )
        cells = [cell.__dict__ for row in heat.rows for cell in row]
        return Response({"total": heat.total, "cells": cells})


urlpatterns = [
    path("risks/", RiskListApi.as_view(), name="api-risk-list"),
    path("risks/heatmap/", RiskHeatMapApi.as_view(), name="api-risk-heatmap"),
    path("risks/<int:pk>/", RiskDetailApi.as_view(), name="api-risk-detail"),
    path("risks/<int:pk>/reassess/", RiskReassessApi.as_view(), name="api-risk-reassess"),
    path("risks/<int:pk>/actions/", RiskActionAddApi.as_view(), name="api-risk-action-add"),
    path(
        "risks/<int:pk>/actions/<int:action_id>/done/",
        RiskActionDoneApi.as_view(),
        name="api-risk-action-done",
    ),
    path("risks/<int:pk>/<str:action>/", RiskTransitionApi.as_view(), name="api-risk-transition"),
]
