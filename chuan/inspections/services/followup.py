"""Writes of DOST's year: what follows a conclusion — requests for correction become
nonconformities of the agency, a confirmed QMS is recorded on the roll-out — and the
corrective actions that come back (TT 26/2014 Art. 37.3–37.4)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.calendars.selectors import working_calendar
from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload
from chuan.core.working_time import add_months
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.models import Action, Nonconformity
from chuan.improvement.nc_states import next_state as nc_next_state
from chuan.improvement.services.nonconformities import NonconformityData, nonconformity_raise
from chuan.inspections import article36, request_states
from chuan.inspections.choices import Conclusion, RequestState
from chuan.inspections.models import CorrectionRequest, Inspection
from chuan.inspections.permissions import can_answer, can_manage
from chuan.inspections.selectors import followup as selectors
from chuan.notifications.registry import Reminder
from chuan.notifications.registry import register_reminders as register_kind
from chuan.rollout.choices import EventKind
from chuan.rollout.services import EventData, event_check, event_record

# Art. 37.3: the agency reports its corrective actions within two months of the signing.
REPORT_MONTHS = 2


def report_due(issued_on: datetime.date) -> datetime.date:
    """Two months from the minutes' signing, the month's last day when it has no such day
    (signed 31/12 → due 28/02 or 29/02)."""
    return add_months(issued_on, REPORT_MONTHS)


def finder(inspection: Inspection, actor: Any) -> Any:
    """Who found the nonconformities a conclusion opens: the actor, or — when the system
    concludes (`actor=None`, e.g. a loader or a task) — the province's first DOST coordinator,
    since the inspecting unit found them. A province without one cannot conclude unattended:
    name the person (a nonconformity always has who found it, ISO 9001 10.2 form part 1)."""
    if actor is not None:
        return actor
    manager = selectors.province_managers(inspection.province_id).first()
    if manager is None:
        raise ValidationError(
            _(
                "No DOST coordinator of the province is registered to stand as who found the "
                "nonconformities: conclude the inspection as a person."
            )
        )
    return manager


def inspection_concluded(
    *, inspection: Inspection, issued_on: datetime.date, actor: Any
) -> dict[str, int]:
    """What a conclusion sets off, inside the caller's transaction (the minutes' signing or
    a records-based inspection's conclusion): each drafted request for correction is issued,
    due two months from `issued_on`, and opens a nonconformity in the agency's register
    (source "DOST inspection", found by the actor); a conclusion that the QMS is applied and
    maintained records "applying, confirmed by inspection" on the agency's roll-out when its
    lifecycle allows it (an agency that never announced cannot be confirmed). Returns the
    counts of what it did."""
    opened = 0
    with transaction.atomic():
        found_by = None
        requests = list(
            CorrectionRequest.objects.select_for_update()
            .filter(inspection=inspection, state=RequestState.DRAFT)
            .order_by("id")
        )
        for request in requests:
            found_by = found_by or finder(inspection, actor)
            description = request.text
            if request.code:
                item = article36.item(request.code)
                description = f"{item.label}. {request.text}"
            nc = nonconformity_raise(
                agency=inspection.agency,
                data=NonconformityData(
                    source=NcSource.INSPECTION,
                    severity=Severity.MINOR,
                    description=description,
                    found_on=issued_on,
                ),
                actor=None,
                found_by=found_by,
            )
            request.nonconformity = nc
            request.state = request_states.next_state(request.state, "issue") or request.state
            request.due_on = report_due(issued_on)
            request.save(update_fields=["nonconformity", "state", "due_on", "updated_at"])
            opened += 1
        confirmed = 0
        if inspection.conclusion == Conclusion.CONFORMS:
            data = EventData(
                kind=EventKind.APPLYING_CONFIRMED,
                occurred_on=issued_on,
                note=_("Confirmed by the inspection of %(year)s.") % {"year": inspection.year},
            )
            try:
                event_check(agency=inspection.agency, data=data)
            except ValidationError:
                pass  # the lifecycle does not allow it (never announced, lapsed): no event
            else:
                event_record(agency=inspection.agency, data=data, actor=actor)
                confirmed = 1
        activity_record(
            actor=actor,
            verb="inspection.concluded",
            target=inspection,
            agency_id=inspection.agency_id,
            changes={"requests": opened, "conclusion": inspection.conclusion},
        )
    return {"requests": opened, "confirmed": confirmed}


# --- The agency's corrective-action report and DOST's decision (Art. 37.3–37.4) ----------------

EVIDENCE_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
MAX_REPORT_CHARS = 20_000
MAX_NOTICE_NUMBER = 60
# The nonconformity's actions are done: it awaits the agency's own verification or is closed.
NC_DONE_STATES = frozenset({NcState.IMPLEMENTED, NcState.CLOSED})


def _locked(request: CorrectionRequest) -> CorrectionRequest:
    return (
        CorrectionRequest.objects.select_for_update(of=("self",))
        .select_related("inspection", "nonconformity")
        .get(pk=request.pk)
    )


def _conflict(request: CorrectionRequest) -> ConflictError:
    return ConflictError(
        _("The request is “%(state)s”: this step is not possible now.")
        % {"state": RequestState(request.state).label}
    )


def correction_report(
    *,
    request: CorrectionRequest,
    text: str,
    evidence_file: UploadedFile | None,
    actor: Any,
    actions: list[Action] | None = None,
    at: datetime.datetime | None = None,
) -> CorrectionRequest:
    """The agency's leader or ISO secretary reports to DOST what was done on a request, once
    the nonconformity's corrective actions are done (it awaits verification or is closed):
    the text, an evidence file (its size checked before it is read, then its content) and
    the actions it rests on (by default every action done). A report after the due date is
    accepted and marked late. After a notice of non-acceptance the agency reports again the
    same way; the earlier report stays in the request's activity."""
    moment = at or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        inspection = request.inspection
        if not can_answer(actor, inspection.agency_id):
            raise PermissionDenied(_("Only the agency's leaders and ISO secretary report to DOST."))
        action = request_states.report_action(request.state)
        target = request_states.next_state(request.state, action)
        if target is None:
            raise _conflict(request)
        nc = request.nonconformity
        errors: dict[str, str] = {}
        if nc is not None and nc.state not in NC_DONE_STATES:
            errors["nonconformity"] = _(
                "Carry out the corrective actions of %(code)s in the register first: it is "
                "“%(state)s”."
            ) % {"code": nc.code, "state": NcState(nc.state).label}
        text = (text or "").strip()
        if not text:
            errors["text"] = _("Say what was done to correct it.")
        elif len(text) > MAX_REPORT_CHARS:
            errors["text"] = _("Keep the report under 20,000 characters.")
        done = {a.pk: a for a in selectors.nc_done_actions(request)}
        chosen = list(done.values()) if actions is None else list(actions)
        if any(a.pk not in done for a in chosen):
            errors["actions"] = _("Link only the actions of this nonconformity that were done.")
        if evidence_file is None and not request.report_evidence:
            errors["evidence_file"] = _("Attach the evidence of what was done.")
        if errors:
            raise ValidationError(errors)
        if evidence_file is not None:
            checked = checked_upload(evidence_file, kinds=EVIDENCE_KINDS, field="evidence_file")
            request.report_evidence.save(checked.name, evidence_file, save=False)
        late = request.due_on is not None and timezone.localdate(moment) > request.due_on
        request.report, request.reported_at, request.reported_by = text, moment, actor
        request.state = target
        request.report_count += 1
        request.save(
            update_fields=[
                "report",
                "report_evidence",
                "reported_at",
                "reported_by",
                "state",
                "report_count",
                "updated_at",
            ]
        )
        request.actions.set(chosen)
        activity_record(
            actor=actor,
            verb="correction.reported",
            target=request,
            agency_id=inspection.agency_id,
            changes={
                "state": request.state,
                "report": text,
                "actions": [a.description[:80] for a in chosen],
                "late": late,
                "round": request.report_count,
            },
        )
    return request


def correction_accept(
    *, request: CorrectionRequest, actor: Any, at: datetime.datetime | None = None
) -> CorrectionRequest:
    """DOST's coordinator accepts the agency's corrective action (Art. 37.4)."""
    moment = at or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if not can_manage(actor, request.inspection.province_id):
            raise PermissionDenied(_("Only DOST's coordinators of the province decide on reports."))
        target = request_states.next_state(request.state, "accept")
        if target is None:
            raise _conflict(request)
        request.state, request.decided_at, request.decided_by = target, moment, actor
        request.save(update_fields=["state", "decided_at", "decided_by", "updated_at"])
        activity_record(
            actor=actor,
            verb="correction.accepted",
            target=request,
            agency_id=request.inspection.agency_id,
            changes={"state": request.state},
        )
    return request


def _reopen(nc: Nonconformity, reasons: str, actor: Any, moment: datetime.datetime) -> None:
    """DOST's notice judges the actions ineffective. A nonconformity awaiting the agency's
    verification is reopened for a new plan, as the register's own ineffective verification
    does (nc_states "verify_ineffective"); a closed one stays closed — the register has no
    way back from closed — and the agency answers the notice in its next report."""
    nc = Nonconformity.objects.select_for_update().get(pk=nc.pk)
    target = nc_next_state(nc.state, "verify_ineffective")
    if target is None:
        return
    nc.state, nc.verified_by, nc.verified_at = target, actor, moment
    nc.verification_note = reasons
    nc.reopened_count += 1
    nc.save(
        update_fields=[
            "state",
            "verified_by",
            "verified_at",
            "verification_note",
            "reopened_count",
            "updated_at",
        ]
    )
    activity_record(
        actor=actor,
        verb="nonconformity.verified",
        target=nc,
        agency_id=nc.agency_id,
        changes={"state": nc.state, "effective": False, "note": reasons},
    )


def correction_refuse(
    *,
    request: CorrectionRequest,
    notice_number: str,
    notice_date: datetime.date | None,
    reasons: str,
    actor: Any,
    at: datetime.datetime | None = None,
) -> CorrectionRequest:
    """DOST's coordinator sends a notice of non-acceptance of the corrective action
    (thông báo chưa chấp nhận hành động khắc phục, Art. 37.4): its number, date and reasons
    are required. The request goes back to the agency, which reports again; its
    nonconformity is reopened when the register allows it (`_reopen`)."""
    moment = at or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if not can_manage(actor, request.inspection.province_id):
            raise PermissionDenied(_("Only DOST's coordinators of the province decide on reports."))
        target = request_states.next_state(request.state, "refuse")
        if target is None:
            raise _conflict(request)
        errors: dict[str, str] = {}
        number, reasons = (notice_number or "").strip(), (reasons or "").strip()
        if not number:
            errors["notice_number"] = _("Give the notice's number.")
        elif len(number) > MAX_NOTICE_NUMBER:
            errors["notice_number"] = _(
                "Give the number as written on the notice (60 characters at most)."
            )
        today = timezone.localdate(moment)
        if notice_date is None:
            errors["notice_date"] = _("Give the notice's date.")
        elif notice_date > today:
            errors["notice_date"] = _("The notice cannot be dated in the future.")
        elif request.reported_at and notice_date < timezone.localdate(request.reported_at):
            errors["notice_date"] = _("The notice cannot be dated before the report it answers.")
        if not reasons:
            errors["reasons"] = _("Say why the corrective action is not accepted.")
        elif len(reasons) > MAX_REPORT_CHARS:
            errors["reasons"] = _("Keep the reasons under 20,000 characters.")
        if errors:
            raise ValidationError(errors)
        request.state, request.decided_at, request.decided_by = target, moment, actor
        request.notice_number, request.notice_date, request.notice_text = (
            number,
            notice_date,
            reasons,
        )
        request.save(
            update_fields=[
                "state",
                "decided_at",
                "decided_by",
                "notice_number",
                "notice_date",
                "notice_text",
                "updated_at",
            ]
        )
        if request.nonconformity is not None:
            _reopen(request.nonconformity, reasons, actor, moment)
        activity_record(
            actor=actor,
            verb="correction.refused",
            target=request,
            agency_id=request.inspection.agency_id,
            changes={
                "state": request.state,
                "notice_number": number,
                "notice_date": notice_date.isoformat() if notice_date else "",
                "reasons": reasons,
            },
        )
    return request


# --- Reminders -------------------------------------------------------------------------------

REMIND_WORKING_DAYS = 5
# No province's five working days span more than this many calendar days (Tết included).
_WINDOW_DAYS = 21


def correction_reminders(today: datetime.date) -> list[Reminder]:
    """The agency's answerers, for each request still owed that is due within five working
    days (by the province's calendar) or overdue; DOST's coordinators of the province, for
    each report awaiting their acceptance."""
    reminders: list[Reminder] = []
    owed = list(
        CorrectionRequest.objects.filter(
            state__in=request_states.AWAITING_AGENCY,
            due_on__isnull=False,
            due_on__lte=today + datetime.timedelta(days=_WINDOW_DAYS),
        )
        .select_related("inspection")
        .only("pk", "text", "due_on", "state", "inspection__agency_id", "inspection__province_id")
    )
    limits: dict[int, datetime.date] = {}
    answerers = selectors.answerers_by_agency({r.inspection.agency_id for r in owed})
    for request in owed:
        province_id = request.inspection.province_id
        if province_id not in limits:
            limits[province_id] = working_calendar(province_id).working_day_after(
                today, REMIND_WORKING_DAYS
            )
        due = request.due_on
        assert due is not None
        if due > limits[province_id]:
            continue
        title = format_lazy(
            gettext_lazy("Report the corrective action to DOST: {text}"), text=request.text[:80]
        )
        reminders.extend(
            Reminder(
                user_id=user_id,
                kind="correction_due",
                key=f"correction-due:{request.pk}",
                title=title,
                url=reverse("inspections:followup_detail", args=[request.pk]),
                due_on=due,
                overdue=due < today,
            )
            for user_id in answerers.get(request.inspection.agency_id, [])
        )
    waiting = list(
        CorrectionRequest.objects.filter(state=RequestState.REPORTED)
        .select_related("inspection__agency")
        .only(
            "pk",
            "reported_at",
            "report_count",
            "inspection__province_id",
            "inspection__agency__name",
        )
    )
    managers: dict[int, list[int]] = {}
    for request in waiting:
        province_id = request.inspection.province_id
        if province_id not in managers:
            managers[province_id] = list(
                selectors.province_managers(province_id).values_list("pk", flat=True)
            )
        title = format_lazy(
            gettext_lazy("Accept or refuse the corrective action of {agency}"),
            agency=request.inspection.agency.name,
        )
        reminders.extend(
            Reminder(
                user_id=user_id,
                kind="correction_due",
                key=f"correction-decide:{request.pk}:{request.report_count}",
                title=title,
                url=reverse("inspections:followup_detail", args=[request.pk]),
            )
            for user_id in managers[province_id]
        )
    return reminders


def register_reminders() -> None:
    """Kind "correction_due" (called by InspectionsConfig.ready)."""
    register_kind(
        "correction_due",
        gettext_lazy("Corrective actions for DOST's inspections"),
        correction_reminders,
    )


def register_activity_labels() -> None:
    """Labels of the activity this module records (called by InspectionsConfig.ready)."""
    from chuan.inspections.services.followup_file import register_file_labels

    register_verb_labels(
        {
            "inspection.concluded": gettext_lazy("Concluded an inspection"),
            "correction.reported": gettext_lazy("Reported a corrective action to DOST"),
            "correction.accepted": gettext_lazy("Accepted a corrective action"),
            "correction.refused": gettext_lazy("Refused a corrective action with a notice"),
        }
    )
    register_field_labels(
        {
            "requests": gettext_lazy("Requests for correction issued"),
            "conclusion": gettext_lazy("Conclusion"),
        },
        entity="inspection",
    )
    register_value_labels("conclusion", Conclusion, entity="inspection")
    register_field_labels(
        {
            "state": gettext_lazy("State"),
            "report": gettext_lazy("Report"),
            "actions": gettext_lazy("Corrective actions"),
            "late": gettext_lazy("Late"),
            "round": gettext_lazy("Report no."),
            "notice_number": gettext_lazy("Notice number"),
            "notice_date": gettext_lazy("Notice date"),
            "reasons": gettext_lazy("Reasons"),
        },
        entity="correction",
    )
    register_value_labels("state", RequestState, entity="correction")
    register_file_labels()
