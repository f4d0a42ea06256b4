"""API of DOST's year: who inspects and the yearly inspection plan (TT 26/2014 Art. 34),
under /api/v1/inspections/, scoped like the screens (DOST its province; an agency its own
line of an approved plan).

- `plans/` GET (`?province=`, `?year=`), POST `{province, year}` proposes (or refreshes) it;
- `plans/<id>/` the plan with its figures; `plans/<id>/lines/` its lines (paginated), POST
  adds an agency; `plans/<id>/submit/`, `return/`, `approve/` (multipart with the file);
- `plan-lines/<id>/` PATCH edits a line (amends it, with `reason` and `amended_on`, once
  approved); `plan-lines/<id>/remove/` POST takes it off;
- `arrangements/` GET (`?province=`), POST records who inspects (`inspecting_unit_kind`);
  `arrangements/<id>/end/`.

400 names the field (the one-third rule on `form`), 403 who may not write, 409 a state that
does not allow the action.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import path

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from chuan.core.api.pagination import check_page
from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.inspections import permissions, plan_rules
from chuan.inspections.choices import InspectionForm, PlanState
from chuan.inspections.models import InspectingArrangement, InspectionPlan, PlanLine
from chuan.inspections.models.plans import InspectingUnitKind
from chuan.inspections.selectors import plans as selectors
from chuan.inspections.services import plans as services
from chuan.inspections.services import plans_amend as amend
from chuan.inspections.services import plans_units as units
from chuan.organisations.models import AdministrativeUnit, Agency

_READ = "inspections.view_inspections"
_MANAGE = "inspections.manage_inspections"
_ID = (1, 2**63 - 1)


class InspectionPlanLineSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    reason_labels = serializers.SerializerMethodField()

    class Meta:
        model = PlanLine
        fields = [
            "id",
            "agency",
            "agency_name",
            "form",
            "inspecting_unit",
            "coordinating_unit",
            "planned_month",
            "planned_quarter",
            "budget",
            "reasons",
            "reason_labels",
            "note",
            "removed_on",
        ]

    def get_reason_labels(self, line: PlanLine) -> list[str]:
        return plan_rules.reason_labels(line.reasons)


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            "province",
            "year",
            "state",
            "drafted_by_unit",
            "decision_number",
            "decision_date",
            "decision_signer",
            "approved_at",
        ]


class ArrangementSerializer(serializers.ModelSerializer):
    # Named apart from the units' `unit_kind` so the schema's enums stay distinct.
    inspecting_unit_kind = serializers.ChoiceField(
        source="unit_kind", choices=InspectingUnitKind.choices, read_only=True
    )

    class Meta:
        model = InspectingArrangement
        fields = [
            "id",
            "province",
            "valid_from",
            "valid_to",
            "lead_unit",
            "inspecting_unit_kind",
            "unit_name",
            "basis",
        ]


class ProposeSerializer(serializers.Serializer):
    province = BoundedPrimaryKeyRelatedField(queryset=AdministrativeUnit.objects.all())
    year = BoundedIntegerField(min_value=services.FIRST_YEAR, max_value=2100)


class LineWriteSerializer(serializers.Serializer):
    form = serializers.ChoiceField(choices=InspectionForm.choices)
    inspecting_unit = serializers.CharField(max_length=255, required=False, allow_blank=True)
    coordinating_unit = serializers.CharField(max_length=255, required=False, allow_blank=True)
    planned_month = BoundedIntegerField(min_value=1, max_value=12, required=False, allow_null=True)
    planned_quarter = BoundedIntegerField(min_value=1, max_value=4, required=False, allow_null=True)
    budget = BoundedIntegerField(min_value=0, max_value=plan_rules.BUDGET_MAX, required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    amended_on = serializers.DateField(required=False, allow_null=True)

    def line_data(self) -> services.LineData:
        data = self.validated_data
        return services.LineData(
            form=data["form"],
            inspecting_unit=data.get("inspecting_unit", ""),
            coordinating_unit=data.get("coordinating_unit", ""),
            planned_month=data.get("planned_month"),
            planned_quarter=data.get("planned_quarter"),
            budget=data.get("budget") or 0,
            note=data.get("note", ""),
        )


class LineAddSerializer(LineWriteSerializer):
    agency = BoundedPrimaryKeyRelatedField(queryset=Agency.objects.select_related("unit"))


class AmendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    amended_on = serializers.DateField(required=False, allow_null=True)


class PlanDecisionSerializer(serializers.Serializer):
    decision_number = serializers.CharField(max_length=60)
    decision_date = serializers.DateField()
    decision_signer = serializers.CharField(max_length=150)
    decision_file = serializers.FileField(required=False, allow_null=True)


class ArrangementWriteSerializer(serializers.Serializer):
    province = BoundedPrimaryKeyRelatedField(queryset=AdministrativeUnit.objects.all())
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, allow_null=True)
    lead_unit = serializers.CharField(max_length=255)
    inspecting_unit_kind = serializers.ChoiceField(choices=InspectingUnitKind.choices)
    unit_name = serializers.CharField(max_length=255)
    basis = serializers.CharField(max_length=255, required=False, allow_blank=True)


class EndSerializer(serializers.Serializer):
    valid_to = serializers.DateField()


PROVINCE = IntQuery("province", *_ID, "The province (default: the caller's).")
YEAR = IntQuery("year", services.FIRST_YEAR, 2100, "Only this year's plan.")


def _province(request: Request) -> AdministrativeUnit | None:
    provinces = selectors.provinces_for(request.user)
    asked = PROVINCE.read(request.query_params)
    return (provinces.filter(pk=asked) if asked else provinces).first()


def _counts(plan: InspectionPlan) -> dict[str, Any]:
    counts = selectors.plan_counts(plan)
    return {
        "total": counts.total,
        "on_site": counts.on_site,
        "share": counts.share,
        "required_on_site": counts.required,
        "shortfall": counts.shortfall,
        "budget": counts.budget,
    }


class PlanListApi(generics.ListAPIView):
    """The plans the caller may read, newest year first; POST proposes (or refreshes) one."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[InspectionPlan]:
        require_perm(self.request.user, _READ)
        plans = selectors.plan_list(user=self.request.user, province=_province(self.request))
        year = YEAR.read(self.request.query_params)
        return plans.filter(year=year) if year else plans

    @extend_schema(parameters=[PROVINCE.parameter(), YEAR.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ProposeSerializer, responses={201: PlanSerializer})
    def post(self, request: Request) -> Response:
        require_perm(request.user, _MANAGE)
        serializer = ProposeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.plan_propose(
            province=serializer.validated_data["province"],
            year=serializer.validated_data["year"],
            actor=request.user,
        )
        return Response(
            {**PlanSerializer(plan).data, "counts": _counts(plan)}, status=status.HTTP_201_CREATED
        )


def _plan(request: Request, pk: int) -> InspectionPlan:
    require_perm(request.user, _READ)
    plan = selectors.plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


class PlanDetailApi(APIView):
    @extend_schema(responses={200: PlanSerializer})
    def get(self, request: Request, pk: int) -> Response:
        plan = _plan(request, pk)
        body = dict(PlanSerializer(plan).data)
        if permissions.can_read_province(request.user, plan.province_id):
            body["counts"] = _counts(plan)
        return Response(body)


class PlanLinesApi(generics.ListAPIView):
    """The plan's lines the caller may see (an agency: its own); POST adds an agency
    (amending an approved plan, with `reason` and `amended_on`)."""

    serializer_class = InspectionPlanLineSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        check_page(request)
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[PlanLine]:
        plan = _plan(self.request, self.kwargs["pk"])
        return selectors.plan_lines(plan=plan, user=self.request.user)

    @extend_schema(request=LineAddSerializer, responses={201: InspectionPlanLineSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = LineAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)  # the body first, as for a line's PATCH
        plan = _plan(request, pk)
        require_perm(request.user, _MANAGE)
        data = serializer.validated_data
        if plan.state == PlanState.APPROVED:
            amendment = amend.plan_amend_add(
                plan=plan,
                agency=data["agency"],
                data=serializer.line_data(),
                reason=data.get("reason", ""),
                amended_on=data.get("amended_on"),
                actor=request.user,
            )
            line = amendment.line
        else:
            line = services.line_add(
                plan=plan, agency=data["agency"], data=serializer.line_data(), actor=request.user
            )
        return Response(InspectionPlanLineSerializer(line).data, status=status.HTTP_201_CREATED)


def _line(request: Request, pk: int) -> PlanLine:
    line = PlanLine.objects.select_related("plan", "agency").filter(pk=pk).first()
    if line is None:
        raise Http404
    _plan(request, line.plan_id)
    require_perm(request.user, _MANAGE)
    return line


class LineApi(APIView):
    @extend_schema(request=LineWriteSerializer, responses={200: InspectionPlanLineSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        # The body first: a month of 13 answers 400 naming it whatever the line.
        serializer = LineWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        line = _line(request, pk)
        if line.plan.state == PlanState.APPROVED:
            amend.plan_amend_line(
                line=line,
                data=serializer.line_data(),
                reason=serializer.validated_data.get("reason", ""),
                amended_on=serializer.validated_data.get("amended_on"),
                actor=request.user,
            )
        else:
            services.line_update(line=line, data=serializer.line_data(), actor=request.user)
        line.refresh_from_db()
        return Response(InspectionPlanLineSerializer(line).data)


class LineRemoveApi(APIView):
    @extend_schema(request=AmendSerializer, responses={204: None})
    def post(self, request: Request, pk: int) -> Response:
        line = _line(request, pk)
        if line.plan.state == PlanState.APPROVED:
            serializer = AmendSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            amend.plan_amend_remove(
                line=line,
                reason=serializer.validated_data.get("reason", ""),
                amended_on=serializer.validated_data.get("amended_on"),
                actor=request.user,
            )
        else:
            services.line_delete(line=line, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanStepApi(APIView):
    """`submit`, `return` or `approve` (the decision, multipart when it carries the file)."""

    step = ""

    @extend_schema(request=PlanDecisionSerializer, responses={200: PlanSerializer})
    def post(self, request: Request, pk: int) -> Response:
        plan = _plan(request, pk)
        require_perm(request.user, _MANAGE)
        if self.step == "submit":
            plan = services.plan_submit(plan=plan, actor=request.user)
        elif self.step == "return":
            plan = services.plan_return(plan=plan, actor=request.user)
        else:
            serializer = PlanDecisionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            plan = services.plan_approve(
                plan=plan,
                data=services.DecisionData(
                    number=data["decision_number"],
                    date=data["decision_date"],
                    signer=data["decision_signer"],
                    file=data.get("decision_file"),
                ),
                actor=request.user,
            )
        return Response(PlanSerializer(plan).data)


class ArrangementListApi(generics.ListAPIView):
    serializer_class = ArrangementSerializer

    def get_queryset(self) -> QuerySet[InspectingArrangement]:
        require_perm(self.request.user, _READ)
        province = _province(self.request)
        if province is None or not permissions.can_read_province(self.request.user, province.pk):
            return InspectingArrangement.objects.none()
        return selectors.arrangement_list(province)

    @extend_schema(parameters=[PROVINCE.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ArrangementWriteSerializer, responses={201: ArrangementSerializer})
    def post(self, request: Request) -> Response:
        require_perm(request.user, _MANAGE)
        serializer = ArrangementWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        province = data.pop("province")
        if not permissions.can_read_province(request.user, province.pk):
            raise PermissionDenied
        arrangement = units.arrangement_create(
            province=province,
            data=units.ArrangementData(
                valid_from=data["valid_from"],
                valid_to=data.get("valid_to"),
                lead_unit=data["lead_unit"],
                unit_kind=data["inspecting_unit_kind"],
                unit_name=data["unit_name"],
                basis=data.get("basis", ""),
            ),
            actor=request.user,
        )
        return Response(ArrangementSerializer(arrangement).data, status=status.HTTP_201_CREATED)


class ArrangementEndApi(APIView):
    @extend_schema(request=EndSerializer, responses={200: ArrangementSerializer})
    def post(self, request: Request, pk: int) -> Response:
        require_perm(request.user, _MANAGE)
        arrangement = InspectingArrangement.objects.filter(pk=pk).first()
        if arrangement is None or not permissions.can_read_province(
            request.user, arrangement.province_id
        ):
            raise Http404
        serializer = EndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arrangement = units.arrangement_end(
            arrangement=arrangement,
            valid_to=serializer.validated_data["valid_to"],
            actor=request.user,
        )
        return Response(ArrangementSerializer(arrangement).data)


urlpatterns = [
    path("plans/", PlanListApi.as_view(), name="api-inspection-plans"),
    path("plans/<int:pk>/", PlanDetailApi.as_view(), name="api-inspection-plan"),
    path("plans/<int:pk>/lines/", PlanLinesApi.as_view(), name="api-inspection-plan-lines"),
    path(
        "plans/<int:pk>/submit/",
        PlanStepApi.as_view(step="submit"),
        name="api-inspection-plan-submit",
    ),
    path(
        "plans/<int:pk>/return/",
        PlanStepApi.as_view(step="return"),
        name="api-inspection-plan-return",
    ),
    path(
        "plans/<int:pk>/approve/",
        PlanStepApi.as_view(step="approve"),
        name="api-inspection-plan-approve",
    ),
    path("plan-lines/<int:pk>/", LineApi.as_view(), name="api-inspection-plan-line"),
    path(
        "plan-lines/<int:pk>/remove/",
        LineRemoveApi.as_view(),
        name="api-inspection-plan-line-remove",
    ),
    path("arrangements/", ArrangementListApi.as_view(), name="api-inspecting-arrangements"),
    path(
        "arrangements/<int:pk>/end/",
        ArrangementEndApi.as_view(),
        name="api-inspecting-arrangement-end",
    ),
]
