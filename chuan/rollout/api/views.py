"""API of the QMS roll-out, scoped like the screens: the province's coverage on a date, the
agencies with their QMS status and history, and recording an event with the screens' checks.

Errors: 400 with the parameter or field at fault, 403 without the right, 404 for an agency or
province outside the caller's scope.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.roles import Scope, user_scope
from chuan.core.params import date_param
from chuan.core.permissions import require_perm
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import Agency
from chuan.rollout import selectors
from chuan.rollout.api.serializers import (
    CoverageSerializer,
    EventInputSerializer,
    QmsEventSerializer,
    RolloutAgencyDetailSerializer,
    RolloutAgencySerializer,
)
from chuan.rollout.choices import CoverageLevel, QmsStatus
from chuan.rollout.services import EventData, decision_file_check, event_record

ERRORS = {400: OpenApiResponse(description="The parameters or fields at fault, with reasons.")}
ERRORS_403_404 = {
    403: OpenApiResponse(description="The caller lacks the right."),
    404: OpenApiResponse(description="Outside the caller's scope, or no such agency."),
}


class _SpeaksUsersLanguage:
    """Answer in the language the signed-in user chose, token callers included (the
    language middleware runs before DRF has authenticated a token)."""

    def perform_authentication(self, request: Request) -> None:
        super().perform_authentication(request)  # type: ignore[misc]
        language = getattr(request.user, "language", "")
        if language:
            translation.activate(language)
            request._request.LANGUAGE_CODE = language


def _level_list() -> str:
    return ", ".join(CoverageLevel.values)


class CoverageApi(_SpeaksUsersLanguage, APIView):
    """A province's QMS coverage at one level on a date, with its targets at that level.

    Coverage = agencies in scope on `on` whose QMS is announced or applying, over the agencies
    in scope on `on`. `province` is a unit code of the list in force on `on` (64 is Gia Lai
    before 1 July 2025; 52 is Gia Lai since). A target's `met` is null until its deadline has
    passed (on `on` and today: a deadline still to come is never judged, whatever `on` is),
    then whether the coverage reached on the deadline met it; `state` says the same in words.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "province",
                OpenApiTypes.STR,
                description="Unit code; a system administrator may leave it out for the nation.",
            ),
            OpenApiParameter("on", OpenApiTypes.DATE, required=True),
            OpenApiParameter("level", OpenApiTypes.STR, required=True, enum=CoverageLevel.values),
        ],
        responses={200: CoverageSerializer, **ERRORS, **ERRORS_403_404},
    )
    def get(self, request: Request) -> Response:
        require_perm(request.user, "rollout.view_coverage")
        params = request.query_params
        errors: dict[str, list[str]] = {}
        code = params.get("province", "").strip()
        nation = not code and user_scope(request.user) == Scope.ALL
        if not code and not nation:
            errors["province"] = [_("Give the province's unit code, e.g. 64.")]
        elif len(code) > 10:
            errors["province"] = [_("A unit code has at most 10 characters.")]
        raw_on = params.get("on", "")
        on = date_param(raw_on, iso_only=True)
        if on is None:
            errors["on"] = [
                _("“%(v)s” is not a date; write it as YYYY-MM-DD.") % {"v": raw_on[:20]}
                if raw_on
                else _("Give the date as YYYY-MM-DD.")
            ]
        level = params.get("level", "")
        if level not in CoverageLevel.values:
            errors["level"] = [_("Choose the level: %(levels)s.") % {"levels": _level_list()}]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        assert on is not None
        if nation:
            # The whole country: one SQL aggregate instead of loading 16,000 agencies.
            figure = selectors.coverage_figures(province=None, on=on)[level]
            body_nation: dict[str, Any] = {
                "on": on,
                "province": None,
                "level": level,
                "in_scope": figure.in_scope,
                "announced": figure.announced,
                "percent": float(figure.percent),
                "targets": [],
            }
            return Response(CoverageSerializer(body_nation).data)
        province = selectors.province_by_code(code, on)
        if province is None:
            return Response(
                {
                    "province": [
                        _("No province has the code “%(code)s” in the list in force on %(date)s.")
                        % {"code": code, "date": on.strftime("%d/%m/%Y")}
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not selectors.coverage_provinces(request.user).filter(pk=province.pk).exists():
            raise Http404
        snapshot = selectors.rollout_snapshot(province=province, group_names=False)
        figure = snapshot.figure(level, on)
        targets = selectors.targets_for(province=province, level=level)
        today = timezone.localdate()
        judged = [
            snapshot.target_met(level, target.percent, target.deadline, on, today=today)
            for target in targets
        ]
        body = {
            "on": on,
            "province": code,
            "level": level,
            "in_scope": figure.in_scope,
            "announced": figure.announced,
            "percent": float(figure.percent),
            "targets": [
                {
                    "decision": target.decision_number,
                    "percent": float(target.percent),
                    "deadline": target.deadline,
                    "met": met,
                    "state": "not_yet_due" if met is None else ("met" if met else "missed"),
                }
                for target, met in zip(targets, judged, strict=True)
            ],
        }
        return Response(CoverageSerializer(body).data)


class RolloutAgencyListApi(_SpeaksUsersLanguage, generics.ListAPIView):
    """Agencies the caller may see, with their QMS status today and the re-announcement flag.

    `q` searches names and codes ignoring diacritics; `level`, `status` (the status today) and
    `needs_reannouncement=true` filter.
    """

    serializer_class = RolloutAgencySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("level", OpenApiTypes.STR, enum=UnitLevel.values),
            OpenApiParameter("status", OpenApiTypes.STR, enum=QmsStatus.values),
            OpenApiParameter("needs_reannouncement", OpenApiTypes.BOOL),
        ],
        responses={200: RolloutAgencySerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "rollout.view_qmsevent")
        params = request.query_params
        errors: dict[str, list[str]] = {}
        level = params.get("level", "")
        if level and level not in UnitLevel.values:
            errors["level"] = [
                _("Choose the level: %(levels)s.") % {"levels": ", ".join(UnitLevel.values)}
            ]
        wanted = params.get("status", "")
        if wanted and wanted not in QmsStatus.values:
            errors["status"] = [
                _("Choose the status: %(statuses)s.") % {"statuses": ", ".join(QmsStatus.values)}
            ]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        today = timezone.localdate()
        agencies = selectors.rollout_agency_list(
            user=request.user,
            query=params.get("q", "")[:100],
            level=level,
            status=wanted,
            needs_reannouncement_only=params.get("needs_reannouncement", "").lower()
            in ("1", "true", "yes"),
            on=today,
        )
        page = self.paginate_queryset(agencies)  # type: ignore[arg-type]
        on_page: list[Agency] = list(page or [])
        context = {
            **self.get_serializer_context(),
            "qms": selectors.agency_qms_map(on_page, today, getattr(agencies, "histories", None)),
        }
        data = RolloutAgencySerializer(on_page, many=True, context=context).data
        return self.get_paginated_response(data)


class RolloutAgencyDetailApi(_SpeaksUsersLanguage, APIView):
    """One agency's QMS: its status today, the re-announcement flag and every event."""

    @extend_schema(responses={200: RolloutAgencyDetailSerializer, **ERRORS_403_404})
    def get(self, request: Request, pk: int) -> Response:
        agency = selectors.agency_qms_get(user=request.user, pk=pk)
        if agency is None:
            raise Http404
        require_perm(request.user, "rollout.view_qmsevent")
        qms, events = selectors.agency_qms(agency, timezone.localdate())
        context = {"request": request, "qms": {agency.pk: qms}, "events": events}
        return Response(RolloutAgencyDetailSerializer(agency, context=context).data)


class RolloutEventCreateApi(_SpeaksUsersLanguage, APIView):
    """Record a step of the agency's QMS with the same checks as the screen (QĐ 19/2014/
    QĐ-TTg's order of steps; an announcement needs its decision's number and date). Send JSON,
    or multipart with the decision `file` (PDF, DOCX, PNG or JPEG, at most 10 MB)."""

    @extend_schema(
        request={
            "application/json": EventInputSerializer,
            "multipart/form-data": EventInputSerializer,
        },
        responses={201: QmsEventSerializer, **ERRORS, **ERRORS_403_404},
    )
    def post(self, request: Request, pk: int) -> Response:
        agency = selectors.agency_qms_get(user=request.user, pk=pk)
        if agency is None:
            raise Http404
        require_perm(request.user, "rollout.add_qmsevent")
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        upload = values.get("file")
        try:
            if upload is not None:
                upload.name = decision_file_check(upload)
            event = event_record(
                agency=agency,
                data=EventData(
                    kind=values["kind"],
                    occurred_on=values["occurred_on"],
                    decision_number=values.get("decision_number", ""),
                    decision_date=values.get("decision_date"),
                    signer=values.get("signer", ""),
                    iso_edition=values.get("iso_edition", ""),
                    scope=values.get("scope", ""),
                    consultant=values.get("consultant", ""),
                    note=values.get("note", ""),
                ),
                file=upload,
                actor=request.user,
            )
        except ValidationError as exc:
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        body = QmsEventSerializer(event, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)
