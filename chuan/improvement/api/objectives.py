"""/api/v1/qms/objectives/: the agency's quality objectives (ISO 9001:2015, 6.2), scoped
like the screens. Each transition is its own action: approve (a leader of the agency),
evaluate (year end), a plan line added or removed, a value recorded by hand. 409 when the
objective's state does not allow it, 403 with the reason, 400 naming the field."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from django.utils import timezone

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.improvement.choices import Comparison, Measure, ObjectiveUnit
from chuan.improvement.models import Objective, ObjectivePlanLine
from chuan.improvement.permissions import can_manage_qms, can_read_qms
from chuan.improvement.selectors import objectives as selectors
from chuan.improvement.services import objectives as services
from chuan.organisations.models import Agency, Department
from chuan.organisations.scoping import visible_agencies
from chuan.procedures.models import Field, Procedure

# PUT and DELETE may meet an objective evaluated at year end, which no longer changes.
CONFLICT = OpenApiResponse(
    response=OpenApiTypes.OBJECT, description="The objective no longer changes (evaluated)."
)
AGENCY = IntQuery("agency", 1, 2**31 - 1, "The agency (default: the caller's own).")
YEAR = IntQuery("year", 2000, 2100, "The year (default: this year).")


class PlanLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ObjectivePlanLine
        fields = ["id", "order", "action", "owner", "resources", "deadline"]


class MeasurementSerializer(serializers.Serializer):
    period = serializers.DateField()
    value = serializers.DecimalField(max_digits=9, decimal_places=2)
    note = serializers.CharField()
    recorded_by = serializers.CharField(source="recorded_by.username")
    recorded_at = serializers.DateTimeField()


class PointSerializer(serializers.Serializer):
    month = serializers.DateField()
    value = serializers.FloatField(allow_null=True)


class ObjectiveSerializer(serializers.ModelSerializer):
    approved_by = serializers.CharField(
        source="approved_by.username", default=None, allow_null=True
    )
    evaluated_by = serializers.CharField(
        source="evaluated_by.username", default=None, allow_null=True
    )
    value = serializers.SerializerMethodField(method_name="value_so_far")
    status = serializers.SerializerMethodField()
    series = serializers.SerializerMethodField()

    class Meta:
        model = Objective
        fields = [
            "id",
            "agency",
            "department",
            "year",
            "number",
            "name",
            "indicator",
            "comparison",
            "target",
            "unit",
            "measure",
            "procedure",
            "field",
            "state",
            "approved_by",
            "approved_at",
            "value_reached",
            "met",
            "evaluation",
            "evaluated_by",
            "evaluated_at",
            "value",
            "status",
            "series",
        ]

    def _progress(self, objective: Objective) -> Any:
        return self.context["progress"][objective.pk]

    def value_so_far(self, objective: Objective) -> float | None:
        """The value so far (frozen once evaluated)."""
        value = self._progress(objective).value
        return None if value is None else float(value)

    def get_status(self, objective: Objective) -> str:
        """met, at_risk, not_met or no_data."""
        return str(self._progress(objective).status)

    @extend_schema_field(PointSerializer(many=True))
    def get_series(self, objective: Objective) -> list[dict[str, Any]]:
        return [
            {"month": month, "value": value} for month, value in self._progress(objective).series
        ]


class ObjectiveDetailSerializer(ObjectiveSerializer):
    plan = PlanLineSerializer(many=True, read_only=True)
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta(ObjectiveSerializer.Meta):
        fields = [*ObjectiveSerializer.Meta.fields, "plan", "measurements"]


class ObjectiveInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    indicator = serializers.CharField(max_length=300)
    comparison = serializers.ChoiceField(choices=Comparison.choices)
    target = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal(0), max_value=services.MAX_VALUE
    )
    unit = serializers.ChoiceField(choices=ObjectiveUnit.choices)
    measure = serializers.ChoiceField(choices=Measure.choices)
    department = BoundedPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )
    procedure = BoundedPrimaryKeyRelatedField(
        queryset=Procedure.objects.all(), required=False, allow_null=True
    )
    field = BoundedPrimaryKeyRelatedField(
        queryset=Field.objects.all(), required=False, allow_null=True
    )

    def data_object(self) -> services.ObjectiveData:
        data = self.validated_data
        return services.ObjectiveData(
            name=data["name"],
            indicator=data["indicator"],
            comparison=data["comparison"],
            target=data["target"],
            unit=data["unit"],
            measure=data["measure"],
            department=data.get("department"),
            procedure=data.get("procedure"),
            field=data.get("field"),
        )


class ObjectiveCreateSerializer(ObjectiveInputSerializer):
    agency = BoundedPrimaryKeyRelatedField(queryset=Agency.objects.all())
    year = BoundedIntegerField(min_value=2000, max_value=2100)


class PlanLineInputSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=2000)
    owner = serializers.CharField(max_length=200)
    resources = serializers.CharField(max_length=300, required=False, default="")
    deadline = serializers.DateField()


class MeasurementInputSerializer(serializers.Serializer):
    period = serializers.DateField(help_text="A day of the month (or quarter) measured.")
    value = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal(0), max_value=services.MAX_VALUE
    )
    note = serializers.CharField(max_length=300, required=False, default="")


class EvaluateInputSerializer(serializers.Serializer):
    evaluation = serializers.CharField(max_length=2000)


def _detail(objective: Objective) -> dict[str, Any]:
    fresh = (
        Objective.objects.select_related("approved_by", "evaluated_by")
        .prefetch_related("plan", "measurements__recorded_by")
        .get(pk=objective.pk)
    )
    progress = selectors.progress_for([fresh])
    return dict(ObjectiveDetailSerializer(fresh, context={"progress": progress}).data)


def _objective(request: Request, pk: int) -> Objective:
    require_perm(request.user, "improvement.view_qms")
    objective = selectors.objective_get(user=request.user, pk=pk)
    if objective is None:
        raise Http404
    return objective


def _manage(request: Request, objective: Objective) -> None:
    if not can_manage_qms(request.user, objective.agency_id):
        raise PermissionDenied


class ObjectiveListApi(generics.ListCreateAPIView):
    """The agency's objectives of a year, each with its value so far and where it stands;
    POST drafts one (the agency's ISO secretary or leaders)."""

    serializer_class = ObjectiveSerializer

    def get_queryset(self) -> QuerySet[Objective]:
        require_perm(self.request.user, "improvement.view_qms")
        params = self.request.query_params
        agency_id = AGENCY.read(params)
        year = YEAR.read(params) or timezone.localdate().year
        agency = None
        if agency_id is not None:
            agency = visible_agencies(self.request.user).filter(pk=agency_id).first()
        else:
            from chuan.organisations.scoping import active_membership

            membership = active_membership(self.request.user)
            agency = membership.agency if membership else None
        if agency is None or not can_read_qms(self.request.user, agency.pk):
            return Objective.objects.none()
        return selectors.objectives_of(agency_id=agency.pk, year=year)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "progress": {}}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        progress = selectors.progress_for(page or [])
        data = ObjectiveSerializer(page, many=True, context={"progress": progress}).data
        return self.get_paginated_response(data)

    @extend_schema(
        parameters=[AGENCY.parameter(), YEAR.parameter()],
        responses={200: ObjectiveSerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ObjectiveCreateSerializer, responses={201: ObjectiveDetailSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "improvement.manage_qms")
        serializer = ObjectiveCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = serializer.validated_data["agency"]
        if not can_read_qms(request.user, agency.pk):
            raise Http404
        objective = services.objective_create(
            agency=agency,
            year=serializer.validated_data["year"],
            data=serializer.data_object(),
            actor=request.user,
        )
        return Response(_detail(objective), status=status.HTTP_201_CREATED)


class ObjectiveDetailApi(APIView):
    """An objective with its plan, values recorded and month series; PUT changes it (an
    approved one whose aim changes goes back to draft)."""

    @extend_schema(responses={200: ObjectiveDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_objective(request, pk)))

    @extend_schema(
        request=ObjectiveInputSerializer, responses={200: ObjectiveDetailSerializer, 409: CONFLICT}
    )
    def put(self, request: Request, pk: int) -> Response:
        serializer = ObjectiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)  # a bad number is a 400 whatever the id
        objective = _objective(request, pk)
        _manage(request, objective)
        services.objective_update(
            objective=objective, data=serializer.data_object(), actor=request.user
        )
        return Response(_detail(objective))


class ObjectiveApproveApi(APIView):
    """The agency's leader approves a draft objective (with its plan)."""

    @extend_schema(request=None, responses={200: ObjectiveDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        objective = _objective(request, pk)
        services.objective_approve(objective=objective, actor=request.user)
        return Response(_detail(objective))


class ObjectiveEvaluateApi(APIView):
    """Freeze the year's result (from December of the objective's year on)."""

    @extend_schema(request=EvaluateInputSerializer, responses={200: ObjectiveDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        objective = _objective(request, pk)
        _manage(request, objective)
        serializer = EvaluateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.objective_evaluate(
            objective=objective,
            reason=serializer.validated_data["evaluation"],
            actor=request.user,
        )
        return Response(_detail(objective))


class PlanLineApi(APIView):
    """Add a line to the objective's plan."""

    @extend_schema(request=PlanLineInputSerializer, responses={201: ObjectiveDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        objective = _objective(request, pk)
        _manage(request, objective)
        serializer = PlanLineInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plan_line_add(objective=objective, actor=request.user, **serializer.validated_data)
        return Response(_detail(objective), status=status.HTTP_201_CREATED)


class PlanLineRemoveApi(APIView):
    """Remove a line from the objective's plan."""

    @extend_schema(request=None, responses={204: None, 409: CONFLICT})
    def delete(self, request: Request, pk: int, line_id: int) -> Response:
        objective = _objective(request, pk)
        _manage(request, objective)
        line = ObjectivePlanLine.objects.filter(pk=line_id, objective=objective).first()
        if line is None:
            raise Http404
        services.plan_line_remove(line=line, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeasurementApi(APIView):
    """Record the value of a manually measured objective for a month or quarter."""

    @extend_schema(request=MeasurementInputSerializer, responses={201: ObjectiveDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        objective = _objective(request, pk)
        _manage(request, objective)
        serializer = MeasurementInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.measurement_record(
            objective=objective,
            day=data["period"],
            value=data["value"],
            note=data["note"],
            actor=request.user,
        )
        return Response(_detail(objective), status=status.HTTP_201_CREATED)


urlpatterns = [
    path("objectives/", ObjectiveListApi.as_view(), name="api-objective-list"),
    path("objectives/<int:pk>/", ObjectiveDetailApi.as_view(), name="api-objective-detail"),
    path(
        "objectives/<int:pk>/approve/",
        ObjectiveApproveApi.as_view(),
        name="api-objective-approve",
    ),
    path(
        "objectives/<int:pk>/evaluate/",
        ObjectiveEvaluateApi.as_view(),
        name="api-objective-evaluate",
    ),
    path("objectives/<int:pk>/plan/", PlanLineApi.as_view(), name="api-objective-plan"),
    path(
        "objectives/<int:pk>/plan/<int:line_id>/",
        PlanLineRemoveApi.as_view(),
        name="api-objective-plan-remove",
    ),
    path(
        "objectives/<int:pk>/measurements/",
        MeasurementApi.as_view(),
        name="api-objective-measurements",
    ),
]
