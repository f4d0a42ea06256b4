"""Public, read-only API of the working calendar: a due time, and a year's days off.

Anyone may call it (a portal computing an appointment, a kiosk); it is rate-limited. Bad
parameters answer 400 with the parameter named.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.calendars import selectors
from chuan.calendars.api.serializers import DueSerializer, YearSerializer
from chuan.core.api.params import IntQuery
from chuan.core.params import EARLIEST_YEAR, LATEST_YEAR, int_param
from chuan.core.throttling import AddressRateThrottle
from chuan.core.working_time import VIETNAM, Unit
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.selectors import province_by_code

ERRORS = {400: OpenApiResponse(description="The parameters at fault, with reasons.")}
PROVINCE = OpenApiParameter(
    "province",
    OpenApiTypes.STR,
    description="Province unit code (52 is Gia Lai since 1 July 2025); nationwide if absent.",
)
# Amounts beyond these are typing mistakes: no procedure takes ten years.
MAX_AMOUNT = {Unit.MONTHS: 120, Unit.WORKING_HOURS: 8 * 2600}
DEFAULT_MAX_AMOUNT = 3650


class _PublicApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [AddressRateThrottle]
    throttle_scope = "public"


def _province(params: Any, errors: dict[str, list[str]]) -> AdministrativeUnit | None:
    code = params.get("province", "").strip()
    if not code:
        return None
    province = province_by_code(code[:10]) if int_param(code) is not None else None
    if province is None:
        errors["province"] = [_("No province has the unit code %(code)s.") % {"code": code[:10]}]
    return province


class CalendarDueApi(_PublicApi):
    """When a dossier received at `received_at` with this processing time falls due.

    Periods in days start the working day after receipt and end at the close of office hours
    of their last day; a receipt outside office hours counts from the next opening; same-day
    procedures received after the cut-off (15:00 by default) are due the next working day.
    A `received_at` without an offset is Vietnam time.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter("received_at", OpenApiTypes.DATETIME, required=True),
            IntQuery(
                "amount",
                0,
                max(DEFAULT_MAX_AMOUNT, *MAX_AMOUNT.values()),
                "Processing time in `unit`s (at most 120 months, 20,800 working hours or 3,650 "
                "of any other unit).",
                required=True,
            ).parameter(),
            OpenApiParameter("unit", OpenApiTypes.STR, required=True, enum=list(Unit.ALL)),
            PROVINCE,
        ],
        responses={200: DueSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        errors: dict[str, list[str]] = {}
        received_at = _received_at(params.get("received_at", ""), errors)
        unit = params.get("unit", "")
        if unit not in Unit.ALL:
            errors["unit"] = [_("Choose one of: %(units)s.") % {"units": ", ".join(Unit.ALL)}]
        limit = MAX_AMOUNT.get(unit, DEFAULT_MAX_AMOUNT)
        amount = int_param(params.get("amount"), minimum=0, maximum=limit)
        if amount is None:
            errors["amount"] = [_("Give a whole number from 0 to %(limit)s.") % {"limit": limit}]
        province = _province(params, errors)
        if errors or received_at is None or amount is None:
            return Response(errors, status=400)
        calendar = selectors.working_calendar(province)
        due_at = calendar.due(received_at, amount, unit)
        return Response(
            DueSerializer(
                {
                    "received_at": received_at.astimezone(VIETNAM),
                    "amount": amount,
                    "unit": unit,
                    "province": province.code if province else None,
                    "due_at": due_at,
                }
            ).data
        )


def _received_at(text: str, errors: dict[str, list[str]]) -> datetime.datetime | None:
    message = _("Give the time of receipt in ISO 8601, e.g. 2026-02-13T16:30:00+07:00.")
    try:
        value = parse_datetime(text.strip()[:40])
    except ValueError:
        value = None
    if value is None or not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        errors["received_at"] = [message]
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=VIETNAM)


class CalendarDaysApi(_PublicApi):
    """A year's non-working days beyond ordinary weekends, and its Saturdays worked, with
    their names and sources: the Labour Code 2019 (computed) or a row of the calendar table
    (with the notice that decided it), which wins."""

    @extend_schema(
        parameters=[
            IntQuery("year", EARLIEST_YEAR, LATEST_YEAR, required=True).parameter(),
            PROVINCE,
        ],
        responses={200: YearSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        errors: dict[str, list[str]] = {}
        year = int_param(params.get("year"), minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)
        if year is None:
            errors["year"] = [
                _("Give a year from %(first)s to %(last)s.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
            ]
        province = _province(params, errors)
        if errors or year is None:
            return Response(errors, status=400)
        days = selectors.year_days(province=province, year=year, language=get_language() or "vi")
        return Response(
            YearSerializer(
                {
                    "year": year,
                    "province": province.code if province else None,
                    "days": [
                        {
                            "date": day.date,
                            "working": day.working,
                            "name": day.name,
                            "source": day.source,
                            "legal_basis": day.legal_basis,
                        }
                        for day in days
                    ],
                }
            ).data
        )
