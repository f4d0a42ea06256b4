"""/api/v1/qms/audits/: the agency's internal audit (ISO 9001:2015, 9.2), scoped like the
screens: programmes (list, draw up, detail with the year's coverage, approve), audits (list,
detail with team and schedule, transitions), an audit's checklist lines (list, record a
finding). 409 when the state does not allow the action, 400 naming the field, 403 with the
reason, 404 for what the caller does not see."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.api.fields import BoundedIntegerField
from chuan.core.api.pagination import PageNumberPagination
from chuan.core.permissions import require_perm
from chuan.improvement.choices import AuditState, ChecklistResult
from chuan.improvement.models import Audit, AuditProgramme, AuditScheduleLine, ChecklistLine
from chuan.improvement.selectors import audits as selectors
from chuan.improvement.services import audits as services
from chuan.improvement.services import audits_checklist as checklist
from chuan.organisations.scoping import active_membership

VIEW = "improvement.view_qms"


class ProgrammeSerializer(serializers.ModelSerializer):
    approved_by = serializers.CharField(
        source="approved_by.username", default=None, allow_null=True
    )

    class Meta:
        model = AuditProgramme
        fields = [
            "id",
            "agency",
            "year",
            "purpose",
            "criteria",
            "state",
            "approved_by",
            "approved_on",
            "changes",
        ]
        read_only_fields = fields


class ProgrammeCreateSerializer(serializers.Serializer):
    year = BoundedIntegerField(min_value=2000, max_value=2100)
    purpose = serializers.CharField(max_length=5000)
    criteria = serializers.CharField(max_length=5000)


class ScheduleSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")
    auditor = serializers.CharField(source="auditor.username")

    class Meta:
        model = AuditScheduleLine
        fields = ["id", "day", "starts_at", "ends_at", "department", "process", "clause", "auditor"]


class AuditSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="programme.year")
    lead = serializers.CharField(source="lead.username", default=None, allow_null=True)
    auditors = serializers.SlugRelatedField[Any](slug_field="username", many=True, read_only=True)
    departments = serializers.SlugRelatedField[Any](slug_field="name", many=True, read_only=True)
    clauses = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Audit
        fields = [
            "id",
            "programme",
            "year",
            "round",
            "title",
            "state",
            "departments",
            "processes",
            "clauses",
            "criteria",
            "lead",
            "auditors",
            "opening_at",
            "closing_at",
            "report_issued_on",
            "summary",
            "conclusion",
            "recommendations",
        ]


class AuditDetailSerializer(AuditSerializer):
    schedule = ScheduleSerializer(many=True, read_only=True)

    class Meta(AuditSerializer.Meta):
        fields = [*AuditSerializer.Meta.fields, "schedule"]


class CoverageCellSerializer(serializers.Serializer):
    department = serializers.IntegerField()
    department_name = serializers.CharField()
    clause = serializers.CharField()
    coverage = serializers.ChoiceField(choices=["done", "planned", ""])


class ProgrammeDetailSerializer(ProgrammeSerializer):
    audits = AuditSerializer(many=True, read_only=True)
    coverage = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "audits", "coverage"]
        read_only_fields = fields

    @extend_schema_field(CoverageCellSerializer(many=True))
    def get_coverage(self, programme: AuditProgramme) -> list[dict[str, Any]]:
        cover = selectors.coverage_for(programme)
        return [
            {"department": pk, "department_name": name, "clause": clause, "coverage": cell}
            for pk, name, cells in cover.rows()
            for clause, cell in zip(cover.clauses, cells, strict=True)
        ]


class LineSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", default=None, allow_null=True)
    auditor = serializers.CharField(source="auditor.username", default=None, allow_null=True)
    nonconformity = serializers.CharField(
        source="nonconformity.code", default=None, allow_null=True
    )
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = ChecklistLine
        fields = [
            "id",
            "order",
            "clause",
            "department",
            "question",
            "evidence",
            "result",
            "note",
            "auditor",
            "recorded_on",
            "nonconformity",
            "has_attachment",
        ]

    def get_has_attachment(self, line: ChecklistLine) -> bool:
        return bool(line.attachment)


class FindingSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=ChecklistResult.values[1:])
    evidence = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    note = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    auditor = serializers.CharField(
        max_length=150, required=False, default="", allow_blank=True, help_text="Username."
    )


class TransitionSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    conclusion = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True
    )
    recommendations = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True
    )


def _programme(request: Request, pk: int) -> AuditProgramme:
    require_perm(request.user, VIEW)
    programme = selectors.programme_get(request.user, pk)
    if programme is None:
        raise Http404
    return programme


def _audit(request: Request, pk: int) -> Audit:
    require_perm(request.user, VIEW)
    audit = selectors.audit_get(request.user, pk)
    if audit is None:
        raise Http404
    return audit


class ProgrammeListApi(generics.ListAPIView):
    """The programmes of the agencies the caller sees, latest year first; POST draws up the
    caller's agency's programme for a year."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[AuditProgramme]:
        require_perm(self.request.user, VIEW)
        return selectors.scope_programmes(self.request.user)

    @extend_schema(request=ProgrammeCreateSerializer, responses={201: ProgrammeSerializer})
    def post(self, request: Request) -> Response:
        require_perm(request.user, VIEW)
        serializer = ProgrammeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = active_membership(request.user)
        if membership is None:
            return Response(
                {"detail": _("Only an official of an agency draws up its programme.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        programme = services.programme_create(
            agency=membership.agency, actor=request.user, **serializer.validated_data
        )
        return Response(ProgrammeSerializer(programme).data, status=status.HTTP_201_CREATED)


class ProgrammeDetailApi(APIView):
    """A programme with its audits and the year's coverage (department × clauses 4–10:
    `done`, `planned` or empty when unaudited)."""

    @extend_schema(responses={200: ProgrammeDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ProgrammeDetailSerializer(_programme(request, pk)).data)


class ProgrammeApproveApi(APIView):
    """A leader of the agency approves the programme (403 for anyone else, 409 if already
    approved)."""

    @extend_schema(request=None, responses={200: ProgrammeSerializer})
    def post(self, request: Request, pk: int) -> Response:
        programme = services.programme_approve(
            programme=_programme(request, pk), actor=request.user
        )
        return Response(ProgrammeSerializer(programme).data)


class AuditListApi(generics.ListAPIView):
    """Audits the caller sees; `state` filters by state."""

    serializer_class = AuditSerializer

    def get_queryset(self) -> QuerySet[Audit]:
        require_perm(self.request.user, VIEW)
        queryset = (
            selectors.audits(self.request.user)
            .select_related("programme", "lead")
            .prefetch_related("auditors", "departments", "processes")
            .order_by("-programme__year", "round", "pk")
        )
        state = self.request.query_params.get("state", "")
        return queryset.filter(state=state) if state in AuditState.values else queryset

    @extend_schema(
        parameters=[OpenApiParameter("state", OpenApiTypes.STR, enum=list(AuditState.values))]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AuditDetailApi(APIView):
    @extend_schema(responses={200: AuditDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(AuditDetailSerializer(_audit(request, pk)).data)


AUDIT_ACTIONS = ["start", "issue-report", "close", "cancel", "prepare-checklist"]


class AuditActionApi(APIView):
    """`start` (opening meeting), `issue-report` (summary, conclusion, recommendations;
    findings open nonconformities), `close`, `cancel`, `prepare-checklist` (from the
    template for the audit's scope)."""

    @extend_schema(
        operation_id="v1_qms_audit_action",
        parameters=[
            OpenApiParameter("action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=AUDIT_ACTIONS)
        ],
        request=TransitionSerializer,
        responses={200: AuditDetailSerializer},
    )
    def post(self, request: Request, pk: int, action: str) -> Response:
        audit = _audit(request, pk)
        if action not in AUDIT_ACTIONS:
            raise Http404
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if action == "prepare-checklist":
            checklist.checklist_prepare(audit=audit, actor=request.user)
        else:
            report = checklist.ReportData(**serializer.validated_data)
            checklist.audit_transition(
                audit=audit, action=action.replace("-", "_"), actor=request.user, report=report
            )
        return Response(AuditDetailSerializer(_audit(request, pk)).data)


class LineListApi(generics.ListAPIView):
    """The audit's checklist lines in order."""

    serializer_class = LineSerializer

    def get_queryset(self) -> QuerySet[ChecklistLine]:
        return selectors.checklist(_audit(self.request, self.kwargs["pk"]))

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A page or size out of range is refused (400) before the audit is looked up.
        paginator = self.paginator
        if isinstance(paginator, PageNumberPagination):
            paginator.page_param.read(request.query_params)
            paginator.size_param.read(request.query_params)
        return super().get(request, *args, **kwargs)


class LineRecordApi(APIView):
    """Record a finding on a checklist line while the audit is in progress (the auditor by
    username, the caller by default when on the team)."""

    @extend_schema(request=FindingSerializer, responses={200: LineSerializer})
    def post(self, request: Request, pk: int, line_id: int) -> Response:
        audit = _audit(request, pk)
        line = selectors.checklist(audit).filter(pk=line_id).first()
        if line is None:
            raise Http404
        serializer = FindingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        auditor = None
        if data["auditor"]:
            auditor = User.objects.filter(username=data["auditor"], is_active=True).first()
            if auditor is None:
                return Response(
                    {"auditor": [_("No active user has this username.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        line = checklist.checklist_line_record(
            line=line,
            data=checklist.FindingData(
                evidence=data["evidence"], result=data["result"], note=data["note"], auditor=auditor
            ),
            actor=request.user,
        )
        return Response(LineSerializer(selectors.checklist(audit).get(pk=line.pk)).data)


urlpatterns = [
    path("audits/programmes/", ProgrammeListApi.as_view(), name="api-audit-programme-list"),
    path(
        "audits/programmes/<int:pk>/",
        ProgrammeDetailApi.as_view(),
        name="api-audit-programme-detail",
    ),
    path(
        "audits/programmes/<int:pk>/approve/",
        ProgrammeApproveApi.as_view(),
        name="api-audit-programme-approve",
    ),
    path("audits/", AuditListApi.as_view(), name="api-audit-list"),
    path("audits/<int:pk>/", AuditDetailApi.as_view(), name="api-audit-detail"),
    path("audits/<int:pk>/lines/", LineListApi.as_view(), name="api-audit-lines"),
    path(
        "audits/<int:pk>/lines/<int:line_id>/",
        LineRecordApi.as_view(),
        name="api-audit-line-record",
    ),
    path("audits/<int:pk>/<str:action>/", AuditActionApi.as_view(), name="api-audit-action"),
]
