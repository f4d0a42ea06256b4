"""The reminder of an on-site inspection scheduled soon (TT 26/2014/TT-BKHCN Art. 37.2: the
team announces the decision at the agency, which prepares its records and people): the
team's members with an account and the agency's leaders and ISO secretary, from five working
days before the visit (the province's working calendar)."""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from chuan.inspections.choices import InspectionState
from chuan.inspections.models import DecisionInspection, DecisionMember

REMIND_WORKING_DAYS = 5


def scheduled_reminders(day: datetime.date) -> Iterator[Any]:
    """Team members (with an account) and the agency's answerers (its leaders and ISO
    secretary) of each decided inspection whose visit falls within five working days."""
    from chuan.accounts.models import User
    from chuan.calendars.selectors import working_calendar
    from chuan.notifications.registry import Reminder

    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    # A wide window first (two weeks covers five working days around any holiday but Tết),
    # narrowed below with each province's own calendar.
    window_end = start + datetime.timedelta(days=21)
    visits = list(
        DecisionInspection.objects.filter(
            scheduled_at__gte=start,
            scheduled_at__lt=window_end,
            inspection__state__in=[InspectionState.DECIDED, InspectionState.ANSWERED],
        ).select_related("inspection__agency")
    )
    if not visits:
        return
    calendars: dict[int, Any] = {}
    due: list[DecisionInspection] = []
    for visit in visits:
        province_id = visit.inspection.province_id
        if province_id not in calendars:
            calendars[province_id] = working_calendar(province_id)
        last = calendars[province_id].working_day_after(day, REMIND_WORKING_DAYS)
        if timezone.localtime(visit.scheduled_at).date() <= last:
            due.append(visit)
    teams: dict[int, set[int]] = {}
    for decision_id, user_id in DecisionMember.objects.filter(
        decision_id__in={v.decision_id for v in due}, inspector__user__isnull=False
    ).values_list("decision_id", "inspector__user_id"):
        teams.setdefault(decision_id, set()).add(user_id)
    answerers: dict[int, set[int]] = {}
    for agency_id, user_id in (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__agency_id__in={v.inspection.agency_id for v in due},
        )
        .filter(
            Q(groups__permissions__codename="answer_inspection")
            & Q(groups__permissions__content_type__app_label="inspections")
        )
        .values_list("memberships__agency_id", "pk")
        .distinct()
    ):
        answerers.setdefault(agency_id, set()).add(user_id)
    for visit in due:
        inspection = visit.inspection
        at = timezone.localtime(visit.scheduled_at)
        title = format_lazy(
            gettext_lazy("On-site inspection of {agency} on {day}"),
            agency=inspection.agency.name,
            day=at.strftime("%d/%m/%Y %H:%M"),
        )
        people = teams.get(visit.decision_id, set()) | answerers.get(inspection.agency_id, set())
        for user_id in sorted(people):
            yield Reminder(
                user_id=user_id,
                kind="inspection_scheduled",
                key=f"inspection-scheduled:{inspection.pk}",
                title=title,
                url=f"/inspections/onsite/{inspection.pk}/",
                due_on=at.date(),
            )
