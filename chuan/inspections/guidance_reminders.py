"""Reminders of DOST's guidance (QĐ 19/2014/QĐ-TTg Art. 12), registered by
`services.guidance.register_reminders`: a letter an agency has not acknowledged five working
days after it was published reminds the agency's leaders and ISO secretary; a question DOST
has not answered five working days after it was asked (or followed up) reminds DOST's
coordinators of the province. Working days are the province's calendar's. A few queries for
the whole country, whatever the number of letters and agencies."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.accounts.roles import Role
from chuan.calendars.selectors import working_calendar
from chuan.inspections.selectors.guidance import unacknowledged_since, unanswered_since
from chuan.notifications.registry import Reminder
from chuan.organisations.models import Membership
from chuan.organisations.scoping import province_family_ids

AFTER_WORKING_DAYS = 5


def _due(province_id: int, moment: datetime.datetime) -> datetime.date:
    calendar = working_calendar(province_id)
    return calendar.working_day_after(timezone.localdate(moment), AFTER_WORKING_DAYS)


def _cutoff(today: datetime.date) -> datetime.datetime:
    # Five working days are at least five calendar days: older rows only are candidates.
    start = datetime.datetime.combine(
        today - datetime.timedelta(days=AFTER_WORKING_DAYS), datetime.time()
    )
    return timezone.make_aware(start)


def unread_reminders(today: datetime.date) -> Iterator[Reminder]:
    """Letters unacknowledged after five working days, to the agency's leaders and ISO
    secretary."""
    rows = unacknowledged_since(before=_cutoff(today))
    due_by_letter: dict[int, datetime.date] = {}
    late: dict[int, list[int]] = defaultdict(list)
    for letter_id, agency_id, province_id, published_at in rows:
        if letter_id not in due_by_letter:
            due_by_letter[letter_id] = _due(province_id, published_at)
        if due_by_letter[letter_id] <= today:
            late[agency_id].append(letter_id)
    if not late:
        return
    recipients: dict[int, set[int]] = defaultdict(set)
    for agency_id, user_id in Membership.objects.filter(
        agency_id__in=list(late),
        is_active=True,
        user__is_active=True,
        user__groups__name__in=[Role.AGENCY_LEADER, Role.ISO_SECRETARY],
    ).values_list("agency_id", "user_id"):
        recipients[agency_id].add(user_id)
    for agency_id, letter_ids in late.items():
        for letter_id in letter_ids:
            due = due_by_letter[letter_id]
            for user_id in sorted(recipients[agency_id]):
                yield Reminder(
                    user_id=user_id,
                    kind="guidance_unread",
                    key=f"guidance-letter:{letter_id}:{agency_id}",
                    title=_("A guidance letter from DOST awaits your agency's acknowledgement"),
                    url=reverse("inspections:guidance_detail", args=[letter_id]),
                    due_on=due,
                    overdue=today > due,
                )


def unanswered_reminders(today: datetime.date) -> Iterator[Reminder]:
    """Questions unanswered after five working days, to DOST's coordinators."""
    late = []
    for pk, province_id, since, subject in unanswered_since(before=_cutoff(today)):
        due = _due(province_id, since)
        if due <= today:
            late.append((pk, province_id, due, subject))
    if not late:
        return
    families = {pid: province_family_ids(pid) for pid in {row[1] for row in late}}
    everywhere = set().union(*families.values())
    by_province: dict[int, set[int]] = defaultdict(set)
    for user_id, unit_province, unit_id in Membership.objects.filter(
        is_active=True,
        user__is_active=True,
        user__groups__name=Role.DOST_COORDINATOR,
        agency__unit__province_id__in=everywhere,
    ).values_list("user_id", "agency__unit__province_id", "agency__unit_id"):
        by_province[unit_province or unit_id].add(user_id)
    for pk, province_id, due, subject in late:
        users = set().union(*(by_province[pid] for pid in families[province_id]))
        for user_id in sorted(users):
            yield Reminder(
                user_id=user_id,
                kind="guidance_unanswered",
                key=f"guidance-question:{pk}",
                title=format_lazy(
                    _("An agency's question awaits DOST's answer: {subject}"), subject=subject
                ),
                url=reverse("inspections:guidance_question", args=[pk]),
                due_on=due,
                overdue=today > due,
            )
