"""Reminders of the improvement cycle: actions under way (the corrective actions of an
approved request, and the outputs of a management review) due within five working days or
overdue, sent to their owners (ISO 9001:2015, 10.2; QĐ 19/2014/QĐ-TTg Art. 4.4b).

Registered with `chuan.notifications` from `ImprovementConfig.ready()`; the daily digest
calls `action_reminders` once for everybody: one query, streamed.
"""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.calendars.selectors import working_calendar
from chuan.improvement.choices import ActionState
from chuan.improvement.models import Action
from chuan.improvement.selectors.nonconformities import UNDER_WAY
from chuan.notifications.registry import Reminder, register_reminders

KIND = "qms_action"
HORIZON_DAYS = 5
DESCRIPTION_CHARS = 120


def action_reminders(on: datetime.date) -> Iterator[Reminder]:
    """Open actions under way due on or before the fifth working day after `on`."""
    horizon = working_calendar(None).working_day_after(on, HORIZON_DAYS)
    actions = (
        Action.objects.filter(
            UNDER_WAY, state=ActionState.OPEN, due_on__lte=horizon, owner__is_active=True
        )
        .select_related("nonconformity")
        .only(
            "pk",
            "owner_id",
            "description",
            "due_on",
            "nonconformity__year",
            "nonconformity__number",
        )
        .order_by("pk")
    )
    my_actions = reverse("improvement:my_actions")
    for action in actions.iterator(chunk_size=2000):
        description = action.description[:DESCRIPTION_CHARS]
        if action.nonconformity is not None:
            title = format_lazy(
                _("Corrective action of {code}: {action}"),
                code=action.nonconformity.code,
                action=description,
            )
            url = action.nonconformity.get_absolute_url()
        else:
            title = format_lazy(_("Management review action: {action}"), action=description)
            url = my_actions
        yield Reminder(
            user_id=action.owner_id,
            kind=KIND,
            key=f"qms-action:{action.pk}",
            title=title,
            url=url,
            due_on=action.due_on,
            overdue=action.due_on < on,
        )


def register() -> None:
    register_reminders(KIND, _("Actions due: corrective and management review"), action_reminders)
