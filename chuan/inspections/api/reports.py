"""API of DOST's year: the province's reports (under /api/v1/inspections/), scoped like the
screens — an agency's own officials read none of them, DOST its province. Compiling and
issuing answer 409 once the report is issued (frozen), 400 naming the field, 403 outside the
province (TT 26/2014 Art. 38; QĐ 19/2014 Art. 12.6 and Appendix II)."""

from typing import Any

from django.http import Http404
from django.urls import path

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.fields import BoundedIntegerField
from chuan.core.api.params import IntQuery
from chuan.core.params import EARLIEST_YEAR, LATEST_YEAR, MAX_ID
from chuan.core.permissions import require_perm
from chuan.inspections.models import ProvinceReport
from chuan.inspections.permissions import can_manage
from chuan.inspections.report_states import ReportKind
from chuan.inspections.selectors.reports import report_get, report_list, report_provinces
from chuan.inspections.services import reports as services
from chuan.organisations.models import AdministrativeUnit

_READ = "inspections.view_inspections"


class ProvinceReportSerializer(serializers.ModelSerializer):
    province_name = serializers.CharField(source="province.name", read_only=True)

    class Meta:
        model = ProvinceReport
        fields = [
            "id",
            "province",
            "province_name",
            "year",
            "kind",
            "state",
            "number",
            "issued_on",
            "signer",
            "signer_title",
            "compiled_at",
            "issued_at",
        ]


class ProvinceReportDetailSerializer(ProvinceReportSerializer):
    class Meta(ProvinceReportSerializer.Meta):
        fields = [*ProvinceReportSerializer.Meta.fields, "compiled", "corrections", "sections"]


class CompileSerializer(serializers.Serializer):
    province = BoundedIntegerField(min_value=1, max_value=MAX_ID)
    year = BoundedIntegerField(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)
    kind = serializers.ChoiceField(choices=ReportKind.choices)


class IssueSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    issued_on = serializers.DateField()
    signer = serializers.CharField(max_length=150)
    signer_title = serializers.CharField(
        max_length=150, required=False, default="", allow_blank=True
    )


YEAR = IntQuery("year", EARLIEST_YEAR, LATEST_YEAR, "Only this year's reports.")


def _reader(request: Request) -> None:
    require_perm(request.user, _READ)
    if report_provinces(request.user) == set():
        raise PermissionDenied


class ReportListApi(generics.ListAPIView):
    """The province's reports the caller reads (`year` filters)."""

    serializer_class = ProvinceReportSerializer

    @extend_schema(parameters=[YEAR.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        _reader(self.request)
        return report_list(user=self.request.user, year=YEAR.read(self.request.query_params))


class ReportCompileApi(APIView):
    """Compile (again) a province's report of a kind for a year from Chuẩn's data."""

    @extend_schema(request=CompileSerializer, responses={200: ProvinceReportDetailSerializer})
    def post(self, request: Request) -> Response:
        _reader(request)
        serializer = CompileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        province = AdministrativeUnit.objects.filter(pk=data["province"], level="province").first()
        if province is None:
            return Response({"province": ["No such province."]}, status=status.HTTP_400_BAD_REQUEST)
        if not can_manage(request.user, province.pk):
            raise PermissionDenied
        report = services.report_compile(
            province=province, year=data["year"], kind=data["kind"], actor=request.user
        )
        return Response(ProvinceReportDetailSerializer(report).data)


def _report(request: Request, pk: int) -> ProvinceReport:
    _reader(request)
    report = report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    return report


class ReportDetailApi(APIView):
    """A report with its compiled figures, corrections and narrative."""

    @extend_schema(responses={200: ProvinceReportDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ProvinceReportDetailSerializer(_report(request, pk)).data)


class ReportIssueApi(APIView):
    """Issue the report with its number, date and signer: it is frozen from then on."""

    @extend_schema(request=IssueSerializer, responses={200: ProvinceReportDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = IssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = _report(request, pk)
        if not can_manage(request.user, report.province_id):
            raise PermissionDenied
        data = serializer.validated_data
        report = services.report_issue(
            report=report,
            data=services.IssueData(
                number=data["number"],
                issued_on=data["issued_on"],
                signer=data["signer"],
                signer_title=data["signer_title"],
            ),
            actor=request.user,
        )
        return Response(ProvinceReportDetailSerializer(report).data)


urlpatterns = [
    path("reports/", ReportListApi.as_view(), name="inspections_report_list"),
    path("reports/compile/", ReportCompileApi.as_view(), name="inspections_report_compile"),
    path("reports/<int:pk>/", ReportDetailApi.as_view(), name="inspections_report_detail"),
    path("reports/<int:pk>/issue/", ReportIssueApi.as_view(), name="inspections_report_issue"),
]
