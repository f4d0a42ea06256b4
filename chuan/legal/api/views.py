"""API of the legal library: search and read documents with their relations both ways;
record a document or a relation with the screens' checks (400 naming the field)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.permissions import require_perm
from chuan.legal import selectors, services
from chuan.legal.api.serializers import (
    LegalDocumentDetailSerializer,
    LegalDocumentInputSerializer,
    LegalDocumentSerializer,
    LegalRelationInputSerializer,
)
from chuan.legal.choices import DocumentKind, ShownStatus
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.services import LegalDocumentData
from chuan.organisations.selectors import province_by_code


class LegalDocumentListCreateApi(generics.ListCreateAPIView):
    """Legal documents; `q` searches symbol, title and issuer ignoring diacritics."""

    serializer_class = LegalDocumentSerializer

    def get_queryset(self) -> QuerySet[LegalDocument]:
        params = self.request.query_params
        kind = params.get("kind", "")
        status_ = params.get("status", "")
        return selectors.legal_document_list(
            query=params.get("q", "")[:100],
            kind=kind if kind in DocumentKind.values else "",
            status=status_ if status_ in ShownStatus.values else "",
            issuer=params.get("issuer", "")[:200],
        ).select_related("province")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=DocumentKind.values),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=ShownStatus.values,
                description="The status today: not_yet_in_force before the effective date.",
            ),
            OpenApiParameter("issuer", OpenApiTypes.STR),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "legal.view_legaldocument")
        return super().get(request, *args, **kwargs)

    @extend_schema(request=LegalDocumentInputSerializer, responses={201: LegalDocumentSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "legal.add_legaldocument")
        serializer = LegalDocumentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        code = values.pop("province")
        province = province_by_code(code) if code else None
        if code and province is None:
            return Response(
                {"province": [_("No province has the unit code %(code)s.") % {"code": code}]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        document = services.legal_document_create(
            data=LegalDocumentData(**values, province=province), actor=request.user
        )
        return Response(LegalDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class LegalDocumentDetailApi(generics.RetrieveAPIView):
    """A document with what it acts on (`acts_on`) and what acts on it (`acted_on_by`)."""

    serializer_class = LegalDocumentDetailSerializer

    def get_object(self) -> LegalDocument:
        require_perm(self.request.user, "legal.view_legaldocument")
        document = (
            LegalDocument.objects.select_related("province")
            .prefetch_related(
                Prefetch("outgoing", LegalRelation.objects.select_related("target")),
                Prefetch("incoming", LegalRelation.objects.select_related("source")),
            )
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if document is None:
            raise Http404
        return document


class LegalRelationCreateApi(APIView):
    """Record that this document amends, replaces, repeals or guides another."""

    @extend_schema(
        request=LegalRelationInputSerializer, responses={201: LegalDocumentDetailSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        require_perm(request.user, "legal.change_legaldocument")
        source = selectors.legal_document_get(pk=pk)
        if source is None:
            raise Http404
        serializer = LegalRelationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        target = LegalDocument.objects.filter(pk=values["target"]).first()
        if target is None:
            return Response(
                {"target": [_("No legal document has this id.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        services.legal_relation_add(
            source=source,
            kind=values["kind"],
            target=target,
            note=values["note"],
            actor=request.user,
        )
        return Response(LegalDocumentDetailSerializer(source).data, status=status.HTTP_201_CREATED)
