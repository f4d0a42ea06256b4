"""/api/v1/qms/nonconformities/: corrective-action requests (ISO 9001:2015, 10.2), scoped
like the screens. Each step of the state table is a POST on …/<step>/ (409 when the state
does not allow it, 403 with the reason when the rules refuse the caller, 400 naming the
field); an action is recorded done on …/actions/<id>/complete/."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.models import Action, Nonconformity
from chuan.improvement.nc_rules import MAX_ACTIONS, MAX_WHYS, MAX_WORKING_DAYS
from chuan.improvement.permissions import can_raise_nonconformity
from chuan.improvement.selectors import nonconformities as selectors
from chuan.improvement.services import nonconformities as services
from chuan.organisations.models import Department
from chuan.organisations.scoping import active_membership

VIEW = "improvement.view_qms"
AGENCY = IntQuery("agency", 1, 2**31 - 1, "Only this agency's requests.")
DEPARTMENT = IntQuery("department", 1, 2**31 - 1, "Only this department's requests.")
YEAR = IntQuery("year", 2000, 2100, "Only requests numbered in this year.")


@extend_schema_field(
    {
        "type": "string",
        "description": "Where it was found, one of: " + ", ".join(NcSource.values),
    }
)
class SourceField(serializers.ChoiceField):
    """The source, its values listed in the schema's description: an enum named "source"
    would collide with other APIs' choices of that name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=NcSource.choices, **kwargs)


class NcActionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username")
    owner_name = serializers.CharField(source="owner.get_full_name")

    class Meta:
        model = Action
        fields = [
            "id",
            "order",
            "description",
            "owner",
            "owner_name",
            "working_days",
            "due_on",
            "state",
            "done_on",
            "result",
        ]


class NonconformitySerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    found_by = serializers.CharField(source="found_by.username")
    repeats = serializers.CharField(source="repeats.code", default=None, allow_null=True)
    source = SourceField(read_only=True)  # type: ignore[assignment]
    actions = NcActionSerializer(many=True, read_only=True)

    class Meta:
        model = Nonconformity
        fields = [
            "id",
            "code",
            "agency",
            "department",
            "year",
            "number",
            "source",
            "severity",
            "clause",
            "description",
            "evidence",
            "found_on",
            "found_by",
            "state",
            "correction",
            "whys",
            "root_cause",
            "repeats",
            "check_on",
            "verification_note",
            "reopened_count",
            "cancel_reason",
            "actions",
        ]


class NcRaiseSerializer(serializers.Serializer):
    source = SourceField()  # type: ignore[assignment]
    severity = serializers.ChoiceField(choices=Severity.choices)
    description = serializers.CharField(max_length=4000)
    found_on = serializers.DateField()
    clause = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    evidence = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    department = BoundedPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )


class NcPlannedActionSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000)
    owner = BoundedPrimaryKeyRelatedField(queryset=User.objects.all())
    working_days = BoundedIntegerField(min_value=1, max_value=MAX_WORKING_DAYS)


class NcStepSerializer(serializers.Serializer):
    """What each step takes: `plan` correction, whys, root_cause, actions; `send-back`
    note; `approve` check_on (optional); `verify` effective and note; `cancel` reason."""

    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    effective = serializers.BooleanField(required=False, allow_null=True, default=None)
    check_on = serializers.DateField(required=False, allow_null=True, default=None)
    correction = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    root_cause = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    whys = serializers.ListField(
        child=serializers.CharField(max_length=1000, allow_blank=True),
        max_length=MAX_WHYS,
        required=False,
        default=list,
    )
    actions = NcPlannedActionSerializer(  # type: ignore[call-arg]
        many=True, required=False, max_length=MAX_ACTIONS, default=list
    )


class NcResultSerializer(serializers.Serializer):
    result = serializers.CharField(max_length=4000)


class NonconformityListApi(generics.ListCreateAPIView):
    """Requests the caller sees, newest first; filters `state`, `source`, `severity`,
    `agency`, `department`, `year`, `overdue=1` (an approved action past its due date).
    POST records a nonconformity of the caller's agency (part 1)."""

    serializer_class = NonconformitySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=NcState.values),
            OpenApiParameter("source", OpenApiTypes.STR, enum=NcSource.values),
            OpenApiParameter("severity", OpenApiTypes.STR, enum=Severity.values),
            OpenApiParameter("overdue", OpenApiTypes.STR, enum=["1"]),
            AGENCY.parameter(),
            DEPARTMENT.parameter(),
            YEAR.parameter(),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Nonconformity]:
        require_perm(self.request.user, VIEW)
        params = self.request.query_params

        def choice(name: str, values: list[str]) -> str:
            value = params.get(name, "")
            if value and value not in values:
                raise serializers.ValidationError(
                    {name: [_("Choose one of: %(values)s.") % {"values": ", ".join(values)}]}
                )
            return value

        filters = selectors.RegisterFilters(
            state=choice("state", NcState.values),
            source=choice("source", NcSource.values),
            severity=choice("severity", Severity.values),
            department_id=DEPARTMENT.read(params),
            year=YEAR.read(params),
            overdue=params.get("overdue") == "1",
        )
        requests = selectors.nc_register(
            user=self.request.user,
            agency_id=AGENCY.read(params),
            filters=filters,
            today=timezone.localdate(),
        )
        return selectors.with_actions(requests).select_related("found_by")

    @extend_schema(request=NcRaiseSerializer, responses={201: NonconformitySerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "improvement.raise_nonconformity")
        membership = active_membership(request.user)
        if membership is None or not can_raise_nonconformity(request.user, membership.agency_id):
            raise PermissionDenied(_("You may not record nonconformities of this agency."))
        serializer = NcRaiseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nc = services.nonconformity_raise(
            agency=membership.agency,
            data=services.NonconformityData(**serializer.validated_data),
            actor=request.user,
        )
        return Response(NonconformitySerializer(_get(request, nc.pk)).data, status=201)


def _get(request: Request, pk: int) -> Nonconformity:
    require_perm(request.user, VIEW)
    nc = selectors.nc_get(user=request.user, pk=pk)
    if nc is None:
        raise Http404
    return nc


class NonconformityDetailApi(APIView):
    """A request with its four parts and its actions."""

    @extend_schema(responses={200: NonconformitySerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(NonconformitySerializer(_get(request, pk)).data)


API_STEPS = ["confirm", "plan", "send-back", "approve", "verify", "cancel"]


class NonconformityStepApi(APIView):
    """One step of the request's state table: `confirm` (the department head, a leader or
    the ISO secretary), `plan` (correction, whys, root cause, actions with owners and working
    days), `send-back` (a leader; note), `approve` (a leader; check_on), `verify` (on or after
    the check day, by someone who implemented none of the actions; effective, note),
    `cancel` (reason)."""

    @extend_schema(
        operation_id="v1_qms_nonconformity_step",
        parameters=[
            OpenApiParameter("step", OpenApiTypes.STR, OpenApiParameter.PATH, enum=API_STEPS)
        ],
        request=NcStepSerializer,
        responses={200: NonconformitySerializer},
    )
    def post(self, request: Request, pk: int, step: str) -> Response:
        if step not in API_STEPS:
            raise Http404
        # The body is checked first: a bad number is a 400 whatever the id.
        serializer = NcStepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nc = _get(request, pk)
        data = serializer.validated_data
        actor = request.user
        if step == "confirm":
            services.nonconformity_confirm(nc=nc, actor=actor)
        elif step == "plan":
            plan = services.PlanData(
                correction=data["correction"],
                root_cause=data["root_cause"],
                whys=data["whys"],
                actions=[services.ActionData(**action) for action in data["actions"]],
            )
            services.nonconformity_plan(nc=nc, data=plan, actor=actor)
        elif step == "send-back":
            services.nonconformity_send_back(nc=nc, note=data["note"], actor=actor)
        elif step == "approve":
            services.nonconformity_approve(nc=nc, check_on=data["check_on"], actor=actor)
        elif step == "verify":
            if data["effective"] is None:
                return Response(
                    {"effective": [_("Say whether the actions were effective.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            services.nonconformity_verify(
                nc=nc, effective=data["effective"], note=data["note"], actor=actor
            )
        else:
            services.nonconformity_cancel(nc=nc, reason=data["reason"], actor=actor)
        return Response(NonconformitySerializer(_get(request, pk)).data)


class ActionCompleteApi(APIView):
    """Record an action done (its owner or the ISO secretary), with its result; the last
    open action of a request moves it to awaiting verification."""

    @extend_schema(request=NcResultSerializer, responses={200: NcActionSerializer})
    def post(self, request: Request, action_id: int) -> Response:
        require_perm(request.user, VIEW)
        action = selectors.action_get(user=request.user, pk=action_id)
        if action is None:
            raise Http404
        serializer = NcResultSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = services.action_complete(
            action=action, result=serializer.validated_data["result"], actor=request.user
        )
        return Response(
            NcActionSerializer(Action.objects.select_related("owner").get(pk=action.pk)).data
        )


class MyActionsApi(generics.ListAPIView):
    """The open actions the caller is responsible for, by due date (overdue first)."""

    serializer_class = NcActionSerializer

    def get_queryset(self) -> QuerySet[Action]:
        require_perm(self.request.user, VIEW)
        return selectors.actions_due(
            user=self.request.user, today=timezone.localdate()
        ).select_related("owner")


urlpatterns = [
    path("nonconformities/", NonconformityListApi.as_view(), name="api-nc-list"),
    path("nonconformities/actions/", MyActionsApi.as_view(), name="api-nc-my-actions"),
    path(
        "nonconformities/actions/<int:action_id>/complete/",
        ActionCompleteApi.as_view(),
        name="api-nc-action-complete",
    ),
    path("nonconformities/<int:pk>/", NonconformityDetailApi.as_view(), name="api-nc-detail"),
    path(
        "nonconformities/<int:pk>/<str:step>/",
        NonconformityStepApi.as_view(),
        name="api-nc-step",
    ),
]
