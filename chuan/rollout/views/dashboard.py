"""The DOST dashboard: a province's QMS coverage against its targets, and who lags behind.

The page the provincial coordinator opens every morning: a tile per level (announced over in
scope, the next target and whether it is on track), coverage month by month with the target
lines, the table by district (legacy list) or province with a drill-down to the agencies, the
lagging list, and the same tables as a workbook. Everything is computed from one
`rollout_snapshot` (three queries), whatever the date.
"""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chuan.accounts.roles import Scope, user_scope
from chuan.core.db_router import reads_from_replica
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import date_param, id_param
from chuan.core.permissions import require_perm
from chuan.core.text import fold
from chuan.documents.selectors import overdue_review_count
from chuan.organisations.choices import UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import active_membership, province_family_ids, user_province_ids
from chuan.rollout import exports
from chuan.rollout.choices import COUNTED_STATUSES, CoverageLevel, QmsStatus
from chuan.rollout.coverage import Figure
from chuan.rollout.dashboard import (
    AgencyLine,
    Dashboard,
    chart_data,
    dashboard_compute,
    months_between,
    status_since,
)
from chuan.rollout.panels import dashboard_panels
from chuan.rollout.selectors import rollout_snapshot, targets_for, unit_set_on

PERMISSION = "rollout.view_coverage"
# The coordinator's day starts in Vietnam whatever the server's or the user's clock says.
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_LEVEL = CoverageLevel.COMMUNE
LAGGING_PER_PAGE = 20
GROUP_PER_PAGE = 50

# --- Reading the filters ------------------------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate(timezone=LOCAL_TZ)


def level_param(value: str | None) -> str | None:
    return value if value in CoverageLevel.values else None


@dataclass
class Reach:
    """The provinces a user may open the dashboard for: every province for a system
    administrator, otherwise the province of their agency with the provinces it merged from or
    into in 2025 (a DOST of Gia Lai since 1/7/2025 also answers for legacy Bình Định)."""

    everywhere: bool
    family: set[int]
    home_id: int | None

    def allows(self, province_id: int | None) -> bool:
        return province_id is not None and (self.everywhere or province_id in self.family)


def reach_of(user: Any) -> Reach:
    membership = active_membership(user)
    home_id = None
    if membership is not None:
        unit = membership.agency.unit
        home_id = unit.province_id or unit.pk
    scope = user_scope(user)
    if scope == Scope.ALL:
        return Reach(everywhere=True, family=set(), home_id=home_id)
    if scope != Scope.PROVINCE or home_id is None:
        # An agency's own officials never see a province's coverage, whatever they were given.
        return Reach(everywhere=False, family=set(), home_id=home_id)
    return Reach(everywhere=False, family=set(user_province_ids(user)), home_id=home_id)


def provinces_within(reach: Reach) -> list[AdministrativeUnit]:
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    if not reach.everywhere:
        provinces = provinces.filter(pk__in=reach.family)
    return list(provinces.order_by("unit_set", "search_name", "pk"))


def _prefer(candidates: list[AdministrativeUnit], name: str) -> AdministrativeUnit | None:
    # Legacy Gia Lai and legacy Bình Định both precede 2025 Gia Lai: the namesake wins.
    same = [p for p in candidates if fold(p.name) == fold(name)]
    ranked = same or candidates
    return ranked[0] if ranked else None


@dataclass
class Filters:
    """The dashboard's date, province and level, validated."""

    on: datetime.date
    province: AdministrativeUnit
    level: str
    provinces: list[AdministrativeUnit]
    # The province asked for, when it did not exist on the date and its successor or
    # predecessor under another name is shown instead (Bình Định → Gia Lai in 2025).
    replaced: AdministrativeUnit | None = None

    def query(self, **overrides: Any) -> str:
        params = {"province": self.province.pk, "on": self.on.isoformat(), "level": self.level}
        params.update(overrides)
        return urlencode(params)


def read_filters(request: HttpRequest, reach: Reach) -> Filters | None:
    """The filters of the request; bad values fall back to the defaults, a province outside the
    user's reach is a 404, and None means the user has no province at all."""
    on = date_param(request.GET.get("on")) or today()
    level = level_param(request.GET.get("level")) or DEFAULT_LEVEL
    provinces = provinces_within(reach)
    if not provinces:
        return None
    wanted_set = unit_set_on(on)
    by_id = {p.pk: p for p in provinces}
    raw = request.GET.get("province")
    chosen_id = id_param(raw)
    if chosen_id is not None:
        chosen = by_id.get(chosen_id)
        if chosen is None:
            raise Http404
        if chosen.unit_set == wanted_set:
            return Filters(on=on, province=chosen, level=level, provinces=provinces)
        # The province chosen belongs to the other list (a date moved across 1/7/2025):
        # show its counterpart in the list in force rather than a page of zeros.
        family = reach.family if not reach.everywhere else province_family_ids(chosen.pk)
        twin = _prefer(
            [p for p in provinces if p.pk in family and p.unit_set == wanted_set], chosen.name
        )
        if twin is None:
            return Filters(on=on, province=chosen, level=level, provinces=provinces)
        replaced = chosen if fold(twin.name) != fold(chosen.name) else None
        return Filters(on=on, province=twin, level=level, provinces=provinces, replaced=replaced)
    home = by_id.get(reach.home_id) if reach.home_id is not None else None
    if home is not None:
        family = (reach.family if not reach.everywhere else province_family_ids(home.pk)) or {
            home.pk
        }
        candidates = [p for p in provinces if p.pk in family and p.unit_set == wanted_set]
        return Filters(
            on=on, province=_prefer(candidates, home.name) or home, level=level, provinces=provinces
        )
    in_force = [p for p in provinces if p.unit_set == wanted_set] or provinces
    return Filters(on=on, province=in_force[0], level=level, provinces=provinces)


def _province_choices(filters: Filters) -> list[tuple[str, list[AdministrativeUnit]]]:
    """The provinces grouped by list, the list in force on the date first."""
    first = unit_set_on(filters.on)
    labels: dict[str, str] = {
        UnitSet.REFORM_2025: _("Since 01/07/2025"),
        UnitSet.LEGACY: _("Before 01/07/2025"),
    }
    order = [first, *(s for s in (UnitSet.REFORM_2025, UnitSet.LEGACY) if s != first)]
    groups = []
    for unit_set in order:
        members = [p for p in filters.provinces if p.unit_set == unit_set]
        if members:
            groups.append((str(labels[unit_set]), members))
    return groups


def _require(request: HttpRequest) -> Reach:
    require_perm(request.user, PERMISSION)
    return reach_of(request.user)


def _load(filters: Filters) -> Dashboard:
    snapshot = rollout_snapshot(province=filters.province)
    targets = targets_for(province=filters.province)
    return dashboard_compute(
        snapshot, targets, province=filters.province, level=filters.level, on=filters.on
    )


# --- Views --------------------------------------------------------------------------------


@login_required
@require_GET
@reads_from_replica()
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """The DOST home page: coverage tiles, the chart, the table by district, who lags."""
    reach = _require(request)
    filters = read_filters(request, reach)
    if filters is None:
        return render(request, "rollout/dashboard_no_province.html", status=200)
    dashboard = _load(filters)
    return render(
        request,
        "rollout/dashboard.html",
        {
            "dashboard": dashboard,
            "filters": filters,
            "province_choices": _province_choices(filters),
            "levels": CoverageLevel.choices,
            "chart": chart_data(dashboard),
            "page": paginate(request, dashboard.laggards, per_page=LAGGING_PER_PAGE),
            "query": query_without_page(request),
            "group_query": urlencode({"on": filters.on.isoformat(), "level": filters.level}),
            "export_query": filters.query(),
            "level_queries": [
                (value, filters.query(level=value)) for value in CoverageLevel.values
            ],
            "list_label": UnitSet(filters.province.unit_set).label,
            "several_groups": len(dashboard.groups) > 1,
            "overdue_reviews": overdue_review_count(request.user, timezone.now()),
            "panels": dashboard_panels(filters.province, request.user, filters.on),
        },
    )


@login_required
@require_GET
@reads_from_replica()
def dashboard_export_view(request: HttpRequest) -> HttpResponse:
    """The dashboard's tables as one workbook, with the same filters."""
    reach = _require(request)
    filters = read_filters(request, reach)
    if filters is None:
        raise Http404
    dashboard = _load(filters)
    content = exports.coverage_workbook(dashboard)
    slug = "-".join(fold(filters.province.name).split()) or "tinh"
    filename = f"bao-phu-iso-{slug}-{filters.on.isoformat()}.xlsx"
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def group_detail_view(request: HttpRequest, group_id: int) -> HttpResponse:
    """The agencies of one district (or of the province) and where their QMS stood on the
    date: the drill-down behind a row of the dashboard's table."""
    reach = _require(request)
    group = (
        AdministrativeUnit.objects.filter(
            pk=group_id, level__in=[UnitLevel.DISTRICT, UnitLevel.PROVINCE]
        )
        .select_related("province")
        .first()
    )
    if group is None or not reach.allows(group.province_id):
        raise Http404
    province = group.province or group
    on = date_param(request.GET.get("on")) or today()
    level = level_param(request.GET.get("level")) or DEFAULT_LEVEL
    snapshot = rollout_snapshot(province=province)
    lines = []
    for agency in snapshot.in_scope(level, on):
        if agency.group_id != group.pk:
            continue
        status = snapshot.status(agency.id, on)
        since = status_since(snapshot, agency.id, status, on)
        lines.append(
            AgencyLine(
                agency_id=agency.id,
                name=agency.name,
                group_name=snapshot.group_names.get(agency.group_id, ""),
                status=status,
                since=since,
                months=months_between(since, on)
                if since and status == QmsStatus.BUILDING
                else None,
            )
        )
    lines.sort(key=lambda line: (fold(line.name), line.agency_id))
    counted = sum(1 for line in lines if line.status in COUNTED_STATUSES)
    back = urlencode({"province": province.pk, "on": on.isoformat(), "level": level})
    return render(
        request,
        "rollout/dashboard_group.html",
        {
            "group": group,
            "province": province,
            "on": on,
            "level": level,
            "level_label": CoverageLevel(level).label,
            "levels": CoverageLevel.choices,
            "figure": Figure(in_scope=len(lines), announced=counted),
            "page": paginate(request, lines, per_page=GROUP_PER_PAGE),
            "query": query_without_page(request),
            "back_query": back,
        },
    )
