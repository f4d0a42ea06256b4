"""Writes of records-based inspections (kiểm tra qua hồ sơ, báo cáo; TT 26/2014/TT-BKHCN
Arts. 35–36): DOST's letter asking an agency for its report on the thirteen Article 36
items, with a reply deadline (one agency, or every planned agency of a province-year in
batches), and Chuẩn's pre-filling of the items with what it already knows. The agency's
answers are in `records_answers`, DOST's assessment and conclusion in `records_assess`;
this module registers the labels and reminders of all three."""

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.accounts.roles import ROLE_PERMISSIONS
from chuan.calendars.selectors import working_calendar
from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.inspections import article36, inspection_states
from chuan.inspections import prefill as rules
from chuan.inspections.choices import InspectionState, ItemResult
from chuan.inspections.models import Inspection, ItemAnswer
from chuan.inspections.permissions import can_manage
from chuan.inspections.selectors.records import prefill_facts
from chuan.notifications.registry import Reminder
from chuan.notifications.registry import register_reminders as _register
from chuan.organisations.models import AdministrativeUnit

ENTITY = "inspection"
# The reply deadline is the inspecting unit's to set (Art. 35.1 names none); bounded so a
# typing slip (2062 for 2026) cannot leave an agency a deadline decades away.
REPLY_MAX_DAYS = 90
NUMBER_MAX = 60
# Agencies a bulk request handles per round trip: the screen shows progress between them.
BATCH = 25
# Reminders start this many working days before the reply deadline.
REMIND_DAYS = 5


def step(inspection: Inspection, action: str) -> str:
    """The state `action` leads to, or a 409 naming the state it is in now
    (`inspection_states.TRANSITIONS`)."""
    if not inspection_states.can(action, inspection.state, inspection.form):
        raise ConflictError(
            _("Not possible while the inspection is “%(state)s”.")
            % {"state": InspectionState(inspection.state).label}
        )
    return inspection_states.target(action)


def may_manage(inspection: Inspection, actor: Any) -> None:
    if not can_manage(actor, inspection.province_id):
        raise PermissionDenied(_("Only DOST of the province may run this inspection."))


def locked(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().get(pk=inspection.pk)


@dataclass(frozen=True)
class Letter:
    number: str
    letter_date: datetime.date
    reply_due: datetime.date


def _check_letter(*, number: str, letter_date: Any, reply_due: Any) -> Letter:
    errors: dict[str, str] = {}
    number = (number or "").strip()
    if not number:
        errors["number"] = _("Give the request letter's number.")
    elif len(number) > NUMBER_MAX:
        errors["number"] = _("The number is too long (at most %(n)d characters).") % {
            "n": NUMBER_MAX
        }
    if not isinstance(letter_date, datetime.date):
        errors["letter_date"] = _("Give the letter's date.")
    elif letter_date > timezone.localdate():
        errors["letter_date"] = _("The letter's date cannot be in the future.")
    if not isinstance(reply_due, datetime.date):
        errors["reply_due"] = _("Give the date the report is due.")
    elif isinstance(letter_date, datetime.date):
        if reply_due <= letter_date:
            errors["reply_due"] = _("The report must be due after the letter's date.")
        elif (reply_due - letter_date).days > REPLY_MAX_DAYS:
            errors["reply_due"] = _(
                "The report must be due within %(days)d days of the letter."
            ) % {"days": REPLY_MAX_DAYS}
    if errors:
        raise ValidationError(errors)
    return Letter(number, letter_date, reply_due)


def _request(inspection: Inspection, letter: Letter) -> None:
    inspection.state = step(inspection, "request")
    inspection.request_number = letter.number
    inspection.request_date = letter.letter_date
    inspection.reply_due = letter.reply_due
    inspection.save(
        update_fields=["state", "request_number", "request_date", "reply_due", "updated_at"]
    )


def _activity(inspection: Inspection, verb: str, actor: Any, **changes: Any) -> None:
    activity_record(
        actor=actor,
        verb=verb,
        target=inspection,
        agency_id=inspection.agency_id,
        changes=changes,
    )


def inspection_request_report(
    *,
    inspection: Inspection,
    number: str,
    letter_date: datetime.date,
    reply_due: datetime.date,
    actor: Any,
) -> Inspection:
    """DOST's letter asking the agency for its report (công văn đề nghị báo cáo, Art. 35.1):
    planned → report requested, with the thirteen items pre-filled from what Chuẩn knows."""
    may_manage(inspection, actor)
    letter = _check_letter(number=number, letter_date=letter_date, reply_due=reply_due)
    with transaction.atomic():
        inspection = locked(inspection)
        _request(inspection, letter)
        prefill_for([inspection])
        _activity(
            inspection,
            "inspection.report_requested",
            actor,
            request_number=letter.number,
            request_date=letter.letter_date,
            reply_due=letter.reply_due,
            state=inspection.state,
        )
    return inspection


def inspections_request_reports(
    *,
    province: AdministrativeUnit,
    year: int,
    number: str,
    letter_date: datetime.date,
    reply_due: datetime.date,
    actor: Any,
    limit: int = BATCH,
) -> dict[str, int]:
    """The same letter to every planned inspection of the province-year, `limit` of them
    per call (one transaction each call) so the screen can show progress between calls.
    Returns how many it requested now and how many remain planned."""
    if not can_manage(actor, province.pk):
        raise PermissionDenied(_("Only DOST of the province may run this inspection."))
    letter = _check_letter(number=number, letter_date=letter_date, reply_due=reply_due)
    with transaction.atomic():
        planned = Inspection.objects.select_for_update().filter(
            province=province, year=year, state=InspectionState.PLANNED
        )
        batch = list(planned.order_by("id")[: max(1, min(limit, 500))])
        for inspection in batch:
            _request(inspection, letter)
        prefill_for(batch)
        for inspection in batch:
            _activity(
                inspection,
                "inspection.report_requested",
                actor,
                request_number=letter.number,
                request_date=letter.letter_date,
                reply_due=letter.reply_due,
                state=inspection.state,
            )
        remaining = planned.count()
    return {"requested": len(batch), "remaining": remaining}


def prefill_for(inspections: list[Inspection], *, now: datetime.datetime | None = None) -> int:
    """Fill (or refresh) the Article 36 items of these inspections with what Chuẩn knows of
    each agency, for all of them at once: the facts in seven queries, the missing items
    made in one insert and the rest updated in batches. An item the agency has confirmed
    keeps its answer; only the facts beside it are refreshed. Returns the items written."""
    if not inspections:
        return 0
    by_agency_year: dict[int, dict[int, list[Inspection]]] = {}
    for inspection in inspections:
        by_agency_year.setdefault(inspection.year, {}).setdefault(inspection.agency_id, []).append(
            inspection
        )
    written = 0
    with transaction.atomic():
        existing: dict[tuple[int, str], ItemAnswer] = {
            (item.inspection_id, item.code): item
            for item in ItemAnswer.objects.filter(inspection__in=[i.pk for i in inspections]).only(
                "id", "inspection_id", "code", "prefill"
            )
        }
        new: list[ItemAnswer] = []
        changed: list[ItemAnswer] = []
        stamp = timezone.now()
        for year, agencies in by_agency_year.items():
            facts = prefill_facts(list(agencies), year=year, now=now)
            for agency_id, group in agencies.items():
                filled = rules.build(facts[agency_id])
                for inspection in group:
                    for code in article36.CODES:
                        item = existing.get((inspection.pk, code))
                        if item is None:
                            new.append(
                                ItemAnswer(inspection=inspection, code=code, prefill=filled[code])
                            )
                        else:
                            item.prefill = filled[code]
                            item.updated_at = stamp
                            changed.append(item)
        ItemAnswer.objects.bulk_create(new, batch_size=1000)
        _update_prefill(changed, stamp)
        written = len(new) + len(changed)
    return written


def _update_prefill(rows: list[ItemAnswer], stamp: datetime.datetime) -> None:
    """Refresh many items' facts with one UPDATE reading a VALUES list per 400 items (SQLite
    and PostgreSQL alike), where `bulk_update`'s CASE per row took 9.5 s for 3,900 items."""
    table = ItemAnswer._meta.db_table
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    for start in range(0, len(rows), 400):
        chunk = rows[start : start + 400]
        values = ", ".join(["(%s, %s)"] * len(chunk))
        params: list[Any] = []
        for row in chunk:
            params += [row.pk, json.dumps(row.prefill, cls=DjangoJSONEncoder)]
        with connection.cursor() as cursor:
            cursor.execute(
                f'WITH v(id, p) AS (VALUES {values}) UPDATE "{table}" '  # noqa: S608
                f'SET "prefill" = (SELECT v.p{cast} FROM v WHERE v.id = "{table}"."id"), '
                f'"updated_at" = %s WHERE "id" IN (SELECT v.id FROM v)',
                [*params, stamp],
            )


def _answer_roles() -> list[str]:
    return [
        role
        for role, permissions in ROLE_PERMISSIONS.items()
        if "inspections.answer_inspection" in permissions
    ]


def report_reminders(today: datetime.date) -> list[Reminder]:
    """Each answerer (leaders, ISO secretary) of an agency whose requested report is due
    within five working days, or overdue: two queries for all users."""
    from chuan.accounts.models import User

    horizon = working_calendar(None).working_day_after(today, REMIND_DAYS)
    due = list(
        Inspection.objects.filter(
            state=InspectionState.REQUESTED, reply_due__isnull=False, reply_due__lte=horizon
        ).values_list("pk", "agency_id", "year", "reply_due")
    )
    if not due:
        return []
    users: dict[int, list[int]] = {}
    for user_id, agency_id in (
        User.objects.filter(
            is_active=True,
            active_membership__is_active=True,
            active_membership__agency_id__in={row[1] for row in due},
            groups__name__in=_answer_roles(),
        )
        .values_list("pk", "active_membership__agency_id")
        .distinct()
    ):
        users.setdefault(agency_id, []).append(user_id)
    reminders: list[Reminder] = []
    for pk, agency_id, year, reply_due in due:
        assert reply_due is not None  # filtered above
        title = format_lazy(
            gettext_lazy("The report for DOST's inspection of {year} is due on {date}"),
            year=year,
            date=reply_due.strftime("%d/%m/%Y"),
        )
        url = reverse("inspections:records_answer", args=[pk])
        reminders.extend(
            Reminder(
                user_id=user_id,
                kind="inspection_report_due",
                key=f"inspection-report:{pk}",
                title=title,
                url=url,
                due_on=reply_due,
                overdue=reply_due < today,
            )
            for user_id in users.get(agency_id, [])
        )
    return reminders


def register_reminders() -> None:
    """Registered by InspectionsConfig.ready."""
    _register(
        "inspection_report_due",
        gettext_lazy("A report for DOST's inspection is due"),
        report_reminders,
    )


def register_activity_labels() -> None:
    """Labels of the activity of records-based inspections (called by
    InspectionsConfig.ready)."""
    register_verb_labels(
        {
            "inspection.report_requested": gettext_lazy("Asked an agency for its report"),
            "inspection.answer_saved": gettext_lazy("Saved the agency's report as a draft"),
            "inspection.answered": gettext_lazy("Sent the agency's report to DOST"),
            "inspection.assessed": gettext_lazy("Assessed the agency's report"),
            "inspection.request_drafted": gettext_lazy("Drafted a request for correction"),
            "inspection.request_withdrawn": gettext_lazy(
                "Removed a drafted request for correction"
            ),
            "inspection.records_concluded": gettext_lazy("Concluded a records-based inspection"),
        }
    )
    register_field_labels(
        {
            "request_number": gettext_lazy("Request letter number"),
            "request_date": gettext_lazy("Request letter date"),
            "reply_due": gettext_lazy("Reply due"),
            "state": gettext_lazy("State"),
            "items": gettext_lazy("Items"),
            "late": gettext_lazy("Late"),
            "code": gettext_lazy("Item"),
            "text": gettext_lazy("Request for correction"),
            "conclusion_text": gettext_lazy("Conclusion in words"),
            "concluded_on": gettext_lazy("Concluded on"),
        },
        entity=ENTITY,
    )
    register_value_labels("state", InspectionState, entity=ENTITY)
    item_labels = {item.code: item.label for item in article36.ITEMS}
    register_value_labels("code", item_labels, entity=ENTITY)
    register_value_labels("items", item_labels, entity=ENTITY)
    register_value_labels("result", ItemResult, entity=ENTITY)
