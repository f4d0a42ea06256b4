"""The slips the desk prints on A4: receipt and appointment (form 01) with a QR code for the
citizen's lookup, the process control slip (form 05 of 2018, 06 of 2025), the request to
complete (form 02), the refusal (form 03), the apology and new date (form 04), and the
notices of stop and withdrawal. Each prints from the dossier's rows, with the number,
title and circular of its form in the dossier's form set (the set in force at receipt)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from chuan.core.permissions import require_perm
from chuan.core.qr import qr_svg
from chuan.dossiers.choices import EventKind, NotReceivedKind
from chuan.dossiers.models import Dossier
from chuan.dossiers.views.dossier import dossier_or_404
from chuan.procedures.choices import FormSlip, Responsible
from chuan.procedures.route import return_order
from chuan.procedures.selectors import form_set_get

# Which event each slip prints from.
SLIP_EVENTS = {
    "not-received": EventKind.NOT_RECEIVED,
    "supplement": EventKind.SUPPLEMENT_REQUESTED,
    "apology": EventKind.EXTENDED,
    "stop": EventKind.STOPPED,
    "withdrawal": EventKind.WITHDRAWN,
}
SLIPS = {"receipt", "control", *SLIP_EVENTS}
# Which form of the set each slip is; a withdrawal is on no form of either circular.
SLIP_FORMS: dict[str, str] = {
    "receipt": FormSlip.RECEIPT,
    "supplement": FormSlip.SUPPLEMENT,
    "apology": FormSlip.APOLOGY,
    "stop": FormSlip.STOP,
    "control": FormSlip.CONTROL,
}


@login_required
def slip_view(request: HttpRequest, pk: int, slip: str) -> HttpResponse:
    require_perm(request.user, "dossiers.view_dossier")
    if slip not in SLIPS:
        raise Http404
    dossier = dossier_or_404(request, pk)
    form_set = form_set_get(dossier.form_set_id)
    form_slip: str
    if slip == "not-received":
        kind = dossier.not_received_kind
        form_slip = FormSlip.SUPPLEMENT if kind == NotReceivedKind.INCOMPLETE else FormSlip.REFUSAL
    else:
        form_slip = SLIP_FORMS.get(slip, "")
    context: dict[str, Any] = {
        "dossier": dossier,
        "agency": dossier.agency,
        "components": list(dossier.components.all()),
        "form_set": form_set,
        "form": form_set.form_for(form_slip) if form_set and form_slip else None,
    }
    # A paper is dated the day it was issued, however late it is reprinted: the receipt and
    # the refusal on the day of receipt, a notice on the day of its action. The control slip,
    # a record kept up as the dossier moves, is dated the day it is printed.
    if slip in ("receipt", "not-received"):
        context["issued_on"] = dossier.received_at
    if slip in SLIP_EVENTS:
        event = dossier.events.filter(kind=SLIP_EVENTS[slip]).select_related("actor").last()
        if event is None:
            raise Http404
        context["event"] = event
        context["issued_on"] = event.at
        if slip == "apology":
            # The dates of this apology, from its own event: a later extension changes the
            # dossier's due time, not what this slip promised.
            context["old_due_at"] = _moment(event.data.get("old_due_at"))
            context["new_due_at"] = _moment(event.data.get("due_at")) or dossier.due_at
    if slip == "receipt":
        if dossier.code is None:
            raise Http404
        url = request.build_absolute_uri(reverse("dossiers:lookup")) + f"?code={dossier.code}"
        context["qr"] = mark_safe(qr_svg(url))  # noqa: S308 - generated here, no user markup
        context["lookup_url"] = url
    if slip == "control":
        context["rows"] = control_rows(dossier)
    return render(request, f"dossiers/slips/{slip.replace('-', '_')}.html", context)


def _moment(text: Any) -> datetime.datetime | None:
    return parse_datetime(text) if isinstance(text, str) else None


@dataclass
class ControlRow:
    """One hand-over of the process control slip: from a step to the next, or to the
    citizen for the last one; the receiving side is who accepted the next step."""

    order: int
    name: str
    who: str
    started_at: datetime.datetime | None
    given_by: str
    given_at: datetime.datetime | None
    received_by: str
    received_at: datetime.datetime | None
    timeliness: str
    note: str


def control_rows(dossier: Dossier) -> list[ControlRow]:
    """The slip's rows from the dossier's steps. The return to the citizen is always the last
    row: the process's return step, or, when the process ends with the result, a row of its
    own whose officer received the result from the last step (at the return at the latest)."""
    steps = list(dossier.steps.select_related("department", "given_by", "accepted_by"))
    if not steps:
        return []
    citizen = f"{dossier.applicant_name} ({_('applicant')})"
    has_return_step = return_order(steps) is not None
    returner = ""
    if dossier.returned_at is not None:
        event = dossier.events.filter(kind=EventKind.RETURNED).select_related("actor").last()
        returner = event.actor.full_name if event and event.actor else ""
    rows = []
    for index, step in enumerate(steps):
        following = steps[index + 1] if index + 1 < len(steps) else None
        received_by, received_at = "", None
        if following is not None:
            if following.accepted_at is not None:
                received_by = following.accepted_by.full_name if following.accepted_by else "—"
                received_at = following.accepted_at
        elif dossier.returned_at is not None and step.finished_at is not None:
            received_by = citizen if has_return_step else returner
            received_at = dossier.returned_at
        rows.append(
            ControlRow(
                order=step.order,
                name=step.name,
                who=step.department.name if step.department else step.get_responsible_display(),
                started_at=step.started_at,
                given_by=step.given_by.full_name if step.given_by else "",
                given_at=step.finished_at,
                received_by=received_by,
                received_at=received_at,
                timeliness=step.get_timeliness_display() if step.timeliness else "",
                note=step.note,
            )
        )
    if dossier.returned_at is not None and not has_return_step:
        rows.append(
            ControlRow(
                order=len(steps) + 1,
                name=_("Return the result to the applicant"),
                who=str(Responsible.DESK.label),
                started_at=dossier.ended_at,
                given_by=returner,
                given_at=dossier.returned_at,
                received_by=citizen,
                received_at=dossier.returned_at,
                timeliness="",
                note=dossier.get_return_method_display(),
            )
        )
    return rows
