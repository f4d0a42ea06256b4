"""API of the one-stop desk, scoped like the screens.

`POST /api/v1/dossiers/` receives a dossier; an `Idempotency-Key` header makes a retried
request return the dossier already received (200) instead of receiving it twice (201).
Actions are sub-resources (`/dossiers/{code}/hand-over/`, `/accept/`…); one the dossier's
status or route does not allow (finishing before the step giving the result) answers 409
with the reason, a step only a leader may sign 403, a bad field 400 naming it.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.api.pagination import CappedCountPagination
from chuan.core.api.params import IntQuery
from chuan.core.exceptions import ConflictError
from chuan.core.permissions import require_perm
from chuan.dossiers import selectors, services
from chuan.dossiers.api.serializers import (
    BRIEF_VALUES,
    ActionInputSerializer,
    DossierDetailSerializer,
    DossierSerializer,
    ReceiptInputSerializer,
    brief,
)
from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier, DossierEvent, DossierStep
from chuan.dossiers.services import Applicant, Counted, ReceiptData
from chuan.dossiers.transitions import TransitionError, next_status
from chuan.organisations.scoping import active_membership, visible_agencies
from chuan.procedures.selectors import catalogue_versions

STATUS = IntQuery(
    "status",
    min(Status.values),
    max(Status.values),
    "The national status code.",
    enum=Status.values,
)


class DossierListCreateApi(generics.ListCreateAPIView):
    """Dossiers the caller may see (`q` matches code, applicant and procedure without
    diacritics; `status` the national code), newest first, counted exactly up to 10,000
    (`count_exact`); POST receives one."""

    serializer_class = DossierSerializer
    pagination_class = CappedCountPagination

    def get_queryset(self) -> QuerySet[Dossier]:
        params = self.request.query_params
        return selectors.dossier_list(
            user=self.request.user,
            query=params.get("q", "")[:100],
            status=STATUS.read(params),
        ).select_related("version__procedure")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            STATUS.parameter(),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "dossiers.view_dossier")
        return super().get(request, *args, **kwargs)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset().values(*BRIEF_VALUES))
        return self.get_paginated_response([brief(row) for row in page or ()])

    @extend_schema(
        request=ReceiptInputSerializer,
        responses={200: DossierDetailSerializer, 201: DossierDetailSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER)],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "dossiers.add_dossier")
        serializer = ReceiptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        if "agency" in values:
            agency = visible_agencies(request.user).filter(pk=values["agency"]).first()
        else:
            membership = active_membership(request.user)
            agency = membership.agency if membership else None
        if agency is None:
            return Response(
                {"agency": [_("No agency you can see has this id.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        version = (
            catalogue_versions(user=request.user, on=timezone.localdate())
            .filter(procedure__code=values["procedure"])
            .first()
        )
        if version is None:
            return Response(
                {"procedure": [_("No procedure in force in your catalogue has this code.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        key = (request.headers.get("Idempotency-Key") or "").strip()[:100] or None
        applicant = values["applicant"]
        dossier = services.dossier_receive(
            agency=agency,
            data=ReceiptData(
                version=version,
                channel=values["channel"],
                applicant=Applicant(**applicant),
                components=[Counted(**c) for c in values["components"]],
                sets=values["sets"],
                fee_amount=values["fee_amount"],
                note=values["note"],
                idempotency_key=key,
            ),
            actor=request.user,
        )
        if dossier.replayed:
            return Response(_detail(dossier), status=status.HTTP_200_OK)
        # Answered from what was just written, not read back.
        return Response(DossierDetailSerializer(dossier).data, status=status.HTTP_201_CREATED)


def _with_history(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Dossiers with their procedure and form set joined, and their steps and events (and
    who took them) in two more queries."""
    return dossiers.select_related(
        "version__procedure", "form_set__legal_document"
    ).prefetch_related(
        Prefetch("steps", DossierStep.objects.select_related("assignee", "accepted_by")),
        Prefetch("events", DossierEvent.objects.select_related("actor")),
        "components",
    )


def _detail(dossier: Dossier) -> Any:
    return DossierDetailSerializer(_with_history(Dossier.objects.filter(pk=dossier.pk)).get()).data


def _dossier(request: Request, code: str) -> Dossier:
    dossier = (
        selectors.visible_dossiers(request.user)
        .select_related("agency", "version__procedure")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier


CODE = OpenApiParameter(
    "code",
    {"type": "string", "minLength": 1, "maxLength": 40},
    OpenApiParameter.PATH,
    description="The dossier's code, e.g. 000.27.01.H21-260302-0001.",
)


class DossierDetailApi(APIView):
    """A dossier by its code, with its steps and what happened to it."""

    @extend_schema(parameters=[CODE], responses={200: DossierDetailSerializer})
    def get(self, request: Request, code: str) -> Response:
        require_perm(request.user, "dossiers.view_dossier")
        return Response(_detail(_dossier(request, code)))


ACTIONS = (
    "receive",
    "accept",
    "assign",
    "hand-over",
    "request-supplement",
    "supplement",
    "pause",
    "resume",
    "extend",
    "finish",
    "return",
    "withdraw",
    "stop",
)


class DossierActionApi(APIView):
    """One action on a dossier; 409 when its status does not allow it."""

    @extend_schema(
        operation_id="v1_dossiers_action",
        parameters=[
            CODE,
            OpenApiParameter("action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=ACTIONS),
        ],
        request=ActionInputSerializer,
        responses={200: DossierDetailSerializer},
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        require_perm(request.user, "dossiers.change_dossier")
        if action not in ACTIONS:
            raise Http404
        dossier = _dossier(request, code)
        serializer = ActionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        to_user = None
        if data["to_user"]:
            to_user = User.objects.filter(username=data["to_user"], is_active=True).first()
            if to_user is None:
                return Response(
                    {"to_user": [_("No active user has this username.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        actor = request.user
        if action == "receive":
            next_status_or_conflict(dossier.status, "receive")
        elif action == "accept":
            services.dossier_accept(dossier=dossier, actor=actor)
        elif action == "assign":
            if to_user is None:
                return Response(
                    {"to_user": [_("Name the official to assign.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            services.dossier_assign(dossier=dossier, to_user=to_user, actor=actor)
        elif action == "hand-over":
            services.dossier_hand_over(
                dossier=dossier, actor=actor, to_user=to_user, note=data["note"]
            )
        elif action == "request-supplement":
            services.dossier_request_supplement(
                dossier=dossier, reason=data["reason"], missing=data["missing"], actor=actor
            )
        elif action == "supplement":
            services.dossier_supplement(dossier=dossier, actor=actor, note=data["note"])
        elif action == "pause":
            services.dossier_pause(
                dossier=dossier, reason=data["reason"], amount=data["amount"], actor=actor
            )
        elif action == "resume":
            services.dossier_resume(dossier=dossier, actor=actor, note=data["note"])
        elif action == "extend":
            if data["new_due_at"] is None:
                return Response(
                    {"new_due_at": [_("Give the new due time.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            services.dossier_extend(
                dossier=dossier, new_due_at=data["new_due_at"], reason=data["reason"], actor=actor
            )
        elif action == "finish":
            services.dossier_finish(
                dossier=dossier, result=data.get("result", ""), note=data["reason"], actor=actor
            )
        elif action == "return":
            if not request.user.has_perm("dossiers.add_dossier"):
                raise PermissionDenied
            services.dossier_return(dossier=dossier, method=data.get("method", ""), actor=actor)
        elif action == "withdraw":
            services.dossier_withdraw(dossier=dossier, reason=data["reason"], actor=actor)
        elif action == "stop":
            services.dossier_stop(dossier=dossier, reason=data["reason"], actor=actor)
        return Response(_detail(dossier))


def next_status_or_conflict(current: int, action: str) -> int:
    try:
        return next_status(current, action)
    except TransitionError as exc:
        raise ConflictError(exc.message) from exc
