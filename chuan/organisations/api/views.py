"""API of the unit and agency registry, scoped like the screens."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from chuan.core.api.params import IntQuery
from chuan.core.params import MAX_ID
from chuan.core.permissions import require_perm
from chuan.organisations import selectors, services
from chuan.organisations.api.serializers import (
    AgencyInputSerializer,
    AgencySerializer,
    UnitSerializer,
)
from chuan.organisations.choices import UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.permissions import can_place_agency_on_unit
from chuan.organisations.scoping import visible_agencies
from chuan.organisations.services import AgencyData

PARENT = IntQuery("parent", 1, MAX_ID, "Id of the parent unit.")


class UnitListApi(generics.ListAPIView):
    """Administrative units; `q` searches names ignoring diacritics, `set` picks the list."""

    serializer_class = UnitSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("set", OpenApiTypes.STR, enum=UnitSet.values),
            PARENT.parameter(),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "organisations.view_administrativeunit")
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[AdministrativeUnit]:
        params = self.request.query_params
        unit_set = params.get("set") if params.get("set") in UnitSet.values else None
        if params.get("q"):
            return selectors.unit_search(query=params["q"][:100], unit_set=unit_set)
        units = AdministrativeUnit.objects.select_related("parent", "province").order_by("pk")
        if unit_set:
            units = units.filter(unit_set=unit_set)
        parent = PARENT.read(params)
        if parent is not None:
            units = units.filter(parent_id=parent)
        return units


class AgencyListCreateApi(generics.ListCreateAPIView):
    """Agencies the caller may see; POST registers one with the same checks as the screen."""

    serializer_class = AgencySerializer

    def get_queryset(self) -> QuerySet[Agency]:
        params = self.request.query_params
        return selectors.agency_list(
            user=self.request.user,
            query=params.get("q", "")[:100],
            kind=params.get("kind", ""),
            level=params.get("level", ""),
        )

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "organisations.view_agency")
        return super().get(request, *args, **kwargs)

    @extend_schema(request=AgencyInputSerializer, responses={201: AgencySerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "organisations.add_agency")
        serializer = AgencyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        parent = None
        if values.get("parent") is not None:
            parent = visible_agencies(request.user).filter(pk=values["parent"]).first()
        if values.get("parent") is not None and parent is None:
            # The same answer whether the id exists elsewhere or not: nothing leaks.
            return Response(
                {"parent": [_("No agency you can see has this id.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not can_place_agency_on_unit(request.user, values["unit"]):
            raise PermissionDenied
        data = AgencyData(
            name=values["name"],
            short_name=values.get("short_name", ""),
            kind=values["kind"],
            unit=values["unit"],
            parent=parent,
            code=values.get("code") or None,
            valid_from=values.get("valid_from"),
            valid_to=values.get("valid_to"),
        )
        agency = services.agency_create(data=data, actor=request.user)
        return Response(AgencySerializer(agency).data, status=status.HTTP_201_CREATED)


class AgencyDetailApi(generics.RetrieveAPIView):
    serializer_class = AgencySerializer

    def get_object(self) -> Agency:
        agency = selectors.agency_get(user=self.request.user, pk=self.kwargs["pk"])
        if agency is None:
            raise Http404
        require_perm(self.request.user, "organisations.view_agency")
        return agency
