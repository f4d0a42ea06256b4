"""API of the procedure catalogue (read-only): the procedures in force on a date, one
procedure as in force on a date with its components, and the internal processes of the
agencies the caller sees."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.params import IntQuery
from chuan.core.params import MAX_ID, date_param
from chuan.core.permissions import require_perm
from chuan.organisations.choices import UnitLevel
from chuan.procedures import selectors
from chuan.procedures.api.serializers import (
    ProcessSerializer,
    VersionDetailSerializer,
    VersionSerializer,
)
from chuan.procedures.models import ProcedureVersion

FIELD = IntQuery("field", 1, MAX_ID, "Id of the field (lĩnh vực).")
ON = OpenApiParameter("on", OpenApiTypes.DATE, description="Date of reference; today if absent.")


def _on(request: Request) -> Any:
    return date_param(request.query_params.get("on"), iso_only=True) or timezone.localdate()


class ProcedureListApi(generics.ListAPIView):
    """Procedures in force on `on` in the caller's province; `q` ignores diacritics."""

    serializer_class = VersionSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            FIELD.parameter(),
            OpenApiParameter("level", OpenApiTypes.STR, enum=UnitLevel.values),
            ON,
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "procedures.view_procedure")
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[ProcedureVersion]:
        params = self.request.query_params
        level = params.get("level", "")
        return selectors.catalogue_versions(
            user=self.request.user,
            on=_on(self.request),
            query=params.get("q", "")[:100],
            field_id=FIELD.read(params),
            level=level if level in UnitLevel.values else "",
        ).prefetch_related("legal_basis")


class ProcedureDetailApi(APIView):
    """A procedure as in force on `on`, with its dossier components and legal basis."""

    @extend_schema(parameters=[ON], responses={200: VersionDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        require_perm(request.user, "procedures.view_procedure")
        procedure = selectors.procedure_get(user=request.user, pk=pk)
        version = selectors.version_in_force(procedure, _on(request)) if procedure else None
        if version is None:
            raise Http404
        return Response(VersionDetailSerializer(version).data)


class ProcedureProcessListApi(generics.ListAPIView):
    """The internal processes for this procedure of the agencies the caller sees."""

    serializer_class = ProcessSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        require_perm(self.request.user, "procedures.view_procedure")
        procedure = selectors.procedure_get(user=self.request.user, pk=self.kwargs["pk"])
        if procedure is None:
            raise Http404
        return selectors.procedure_processes(user=self.request.user, procedure=procedure)
