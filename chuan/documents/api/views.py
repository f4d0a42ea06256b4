"""API of document control, scoped like the screens: documents with their revisions, a
revision's file, review requests; transitions as actions (409 when the revision's state
does not allow them, 400 naming the field)."""

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.files import download
from chuan.core.permissions import require_perm
from chuan.documents import selectors, services
from chuan.documents.api.serializers import (
    ActionSerializer,
    DocumentSerializer,
    ReviewSerializer,
    RevisionSerializer,
)
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ControlledDocument, ReviewRequest


class DocumentListApi(generics.ListAPIView):
    """Controlled documents of the agencies the caller sees; `q` searches code and title."""

    serializer_class = DocumentSerializer

    def get_queryset(self) -> QuerySet[ControlledDocument]:
        require_perm(self.request.user, "documents.view_controlleddocument")
        return selectors.master_list(
            user=self.request.user,
            agency_id=None,
            query=self.request.query_params.get("q", "")[:100],
        )


def _document(request: Request, pk: int) -> ControlledDocument:
    require_perm(request.user, "documents.view_controlleddocument")
    document = selectors.document_get(user=request.user, pk=pk)
    if document is None:
        raise Http404
    return document


def _revisions(document: ControlledDocument, user: Any) -> Any:
    shown = selectors.revisions_shown(document, timezone.localdate(), user)
    context = {"shown": {revision.pk: state for revision, state in shown}}
    return RevisionSerializer([revision for revision, _ in shown], many=True, context=context).data


class DocumentDetailApi(APIView):
    """A document with its revisions and their state as a reader sees it today."""

    @extend_schema(responses={200: DocumentSerializer})
    def get(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return Response(
            {**DocumentSerializer(document).data, "revisions": _revisions(document, request.user)}
        )


class RevisionFileApi(APIView):
    """The revision's file, as a download."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file as uploaded (PDF, DOCX, XLSX…), with its own content type.",
            )
        }
    )
    def get(self, request: Request, pk: int, revision_id: int) -> FileResponse:
        document = _document(request, pk)
        revision = (
            selectors.readable_revisions(document, request.user).filter(pk=revision_id).first()
        )
        if revision is None:
            raise Http404
        return download(revision.file)


REVISION_ACTIONS = ["submit", "sign-off", "send-back", "approve", "withdraw", "acknowledge"]


class RevisionActionApi(APIView):
    """`submit` (reviewer), `sign-off`, `send-back` (comments), `approve` (effective_date),
    `withdraw` (comments), `acknowledge`."""

    @extend_schema(
        operation_id="v1_documents_revision_action",
        parameters=[
            OpenApiParameter(
                "action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=REVISION_ACTIONS
            )
        ],
        request=ActionSerializer,
        responses={200: DocumentSerializer},
    )
    def post(self, request: Request, pk: int, revision_id: int, action: str) -> Response:
        document = _document(request, pk)
        readable = selectors.readable_revisions(document, request.user)
        revision = readable.filter(pk=revision_id).first()
        if revision is None or action not in REVISION_ACTIONS:
            raise Http404
        serializer = ActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        actor = request.user
        if action == "submit":
            reviewer = User.objects.filter(username=data["reviewer"], is_active=True).first()
            if reviewer is None:
                return Response(
                    {"reviewer": [_("No active user has this username.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            services.revision_submit(revision=revision, reviewer=reviewer, actor=actor)
        elif action == "sign-off":
            services.revision_sign_off(revision=revision, actor=actor)
        elif action == "send-back":
            services.revision_send_back(revision=revision, comments=data["comments"], actor=actor)
        elif action == "approve":
            if data["effective_date"] is None:
                return Response(
                    {"effective_date": [_("Give the effective date.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            services.revision_approve(
                revision=revision, effective_date=data["effective_date"], actor=actor
            )
        elif action == "withdraw":
            services.revision_withdraw(revision=revision, reason=data["comments"], actor=actor)
        else:
            services.revision_acknowledge(revision=revision, actor=actor)
        return Response(
            {**DocumentSerializer(document).data, "revisions": _revisions(document, request.user)}
        )


class ReviewListApi(generics.ListAPIView):
    """Review requests the caller sees; `status` open (default), revised or no_change;
    `mine=1` the open ones the caller may decide; `overdue=1` open ones past the earlier of
    their due time and the law's deadline (QĐ 19/2014/QĐ-TTg Art. 4.4a)."""

    serializer_class = ReviewSerializer

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        require_perm(self.request.user, "documents.view_controlleddocument")
        params = self.request.query_params
        wanted = params.get("status", ReviewStatus.OPEN)
        wanted = wanted if wanted in ReviewStatus.values else ReviewStatus.OPEN
        return selectors.review_list(
            user=self.request.user,
            status=wanted,
            mine=params.get("mine") == "1",
            overdue=params.get("overdue") == "1",
            now=timezone.now(),
        )


class ReviewCloseApi(APIView):
    """Close a review with a "no change needed" decision."""

    @extend_schema(request=ActionSerializer, responses={200: ReviewSerializer})
    def post(self, request: Request, review_id: int) -> Response:
        require_perm(request.user, "documents.view_controlleddocument")
        review = selectors.visible_reviews(request.user).filter(pk=review_id).first()
        if review is None:
            raise Http404
        serializer = ActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.review_close_no_change(
            review=review, decision=serializer.validated_data["decision"], actor=request.user
        )
        return Response(ReviewSerializer(review).data)
