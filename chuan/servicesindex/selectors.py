"""Reads of the 766 index, scoped like the desk: an agency's officials see their agency, DOST
the province and each of its agencies; and the dossiers behind a figure."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from chuan.accounts.roles import Scope as RoleScope
from chuan.accounts.roles import user_scope
from chuan.dossiers.choices import Channel, EventKind, Satisfaction, Status, Timeliness
from chuan.dossiers.models import Dossier, DossierEvent, ReceivedComponent
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.selectors import RUNNING
from chuan.organisations.models import Agency
from chuan.organisations.scoping import (
    active_membership,
    province_family_ids,
    user_province_ids,
    visible_agencies,
)
from chuan.servicesindex import figures
from chuan.servicesindex.compute import MonthIndex, compute
from chuan.servicesindex.feedback import FeedbackSource, dossiers_with_feedback

# What stands behind a figure, each a filter of the scope's dossiers for the month.
DRILLS = ("late", "online", "not_digitised", "no_result_file", "dislike")


@dataclass(frozen=True)
class View:
    """Whose index the user looks at: one agency, or the province's agencies together."""

    scope: figures.Scope
    agency: Agency | None  # None: the province as a whole
    may_drill_agencies: bool


def _agency_scope(agency: Agency) -> figures.Scope:
    province = agency.unit.province_id or agency.unit_id
    return figures.Scope(
        agency_ids=(agency.pk,),
        province_ids=frozenset(province_family_ids(province)),
        level=agency.level,
        province_id=province,
    )


def index_view(*, user: Any, agency_id: int | None) -> View | None:
    """The user's view: the agency asked for among those they see (None when outside), or
    the province for DOST (and for the administrator), or their own agency."""
    agencies = visible_agencies(user)
    province_wide = user_scope(user) in (RoleScope.PROVINCE, RoleScope.ALL)
    if agency_id is not None:
        agency = agencies.select_related("unit").filter(pk=agency_id).first()
        return None if agency is None else View(_agency_scope(agency), agency, province_wide)
    if not province_wide:
        membership = active_membership(user)
        if membership is None:
            return None
        agency = Agency.objects.select_related("unit").get(pk=membership.agency_id)
        return View(_agency_scope(agency), agency, False)
    ids = tuple(agencies.order_by("pk").values_list("pk", flat=True))
    provinces = set(user_province_ids(user))
    if not provinces:
        provinces = {
            pk
            for pk in agencies.values_list("unit__province_id", flat=True).distinct()
            if pk is not None
        }
    membership = active_membership(user)
    home = None
    if membership is not None:
        unit = membership.agency.unit
        home = unit.province_id or unit.pk
    scope = figures.Scope(ids, frozenset(provinces), "", home or next(iter(provinces), None))
    return View(scope, None, True)


def month_index(
    view: View,
    month: datetime.date,
    *,
    feedback: FeedbackSource | None = None,
    now: datetime.datetime | None = None,
) -> MonthIndex:
    """The index of one month for the view's scope."""
    (inputs,) = figures.trend_inputs(view.scope, [month], feedback=feedback, now=now)
    return compute(inputs)


def trend(
    view: View,
    month: datetime.date,
    *,
    months: int = 12,
    feedback: FeedbackSource | None = None,
    now: datetime.datetime | None = None,
) -> list[MonthIndex]:
    """The index of each of the `months` months ending with `month`, oldest first."""
    inputs = figures.trend_inputs(
        view.scope, figures.months_back(month, months), feedback=feedback, now=now
    )
    return [compute(one) for one in inputs]


def agencies_index(
    view: View,
    month: datetime.date,
    *,
    feedback: FeedbackSource | None = None,
    now: datetime.datetime | None = None,
) -> list[tuple[Agency, MonthIndex]]:
    """Each agency of the province with its index for the month, best first."""
    agencies = list(
        Agency.objects.filter(pk__in=view.scope.agency_ids).only("name", "level", "code")
    )
    levels = {agency.pk: agency.level for agency in agencies}
    inputs = figures.agency_inputs(view.scope, month, levels, feedback=feedback, now=now)
    rows = [(agency, compute(inputs[agency.pk])) for agency in agencies]
    rows.sort(key=lambda row: (-row[1].points, row[0].name))
    return rows


def _bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(month, datetime.time(0), tzinfo=VIETNAM)
    end = datetime.datetime.combine(figures.next_month(month), datetime.time(0), tzinfo=VIETNAM)
    return start, end


def drill_dossiers(
    view: View,
    month: datetime.date,
    drill: str,
    *,
    feedback: FeedbackSource | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[Dossier]:
    """The dossiers behind a figure of the month: late (finished late, or still running and
    overdue at the month's end), received online, received without a digitised paper,
    finished without a result file, or with feedback or a "not satisfied" rating."""
    start, end = _bounds(month)
    judged = figures.month_end_instant(month, now or datetime.datetime.now(tz=VIETNAM))
    dossiers = Dossier.objects.filter(agency_id__in=view.scope.agency_ids)
    received = Q(received_at__gte=start, received_at__lt=end) & ~Q(status=Status.NOT_RECEIVED)
    finished = Q(ended_at__gte=start, ended_at__lt=end) & ~Q(timeliness="")
    if drill == "late":
        dossiers = dossiers.filter(
            (finished & Q(timeliness=Timeliness.LATE))
            | Q(status__in=RUNNING, received_at__lt=judged, due_at__lt=judged)
        )
    elif drill == "online":
        dossiers = dossiers.filter(received, channel=Channel.ONLINE)
    elif drill == "not_digitised":
        papers = ReceivedComponent.objects.filter(dossier_id=OuterRef("pk")).exclude(file="")
        dossiers = dossiers.filter(received).exclude(Exists(papers))
    elif drill == "no_result_file":
        dossiers = dossiers.filter(finished, result_file="")
    elif drill == "dislike":
        rated = DossierEvent.objects.filter(
            dossier_id=OuterRef("pk"), kind=EventKind.RATED, at__gte=start, at__lt=end
        )
        last_day = figures.next_month(month) - datetime.timedelta(days=1)
        found = dossiers_with_feedback(
            agency_ids=view.scope.agency_ids, start=month, end=last_day, source=feedback
        )
        dossiers = dossiers.filter(
            Q(pk__in=list(found.ids)) | (Q(satisfaction=Satisfaction.NOT_SATISFIED) & Exists(rated))
        )
    else:
        return Dossier.objects.none()
    return dossiers.select_related("agency", "version").order_by("-received_at", "-id")
