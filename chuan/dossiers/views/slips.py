"""The slips the desk prints on A4: receipt and appointment (form 01) with a QR code for the
citizen's lookup, the process control slip (form 05 of 2018, 06 of 2025), the request to
complete (form 02), the refusal (form 03), the apology and new date (form 04), and the
notices of stop and withdrawal. Each prints from the dossier's rows, with the number,
title and circular of its form in the dossier's form set (the set in force at receipt)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from chuan.core.permissions import require_perm
from chuan.core.qr import qr_svg
from chuan.dossiers.choices import EventKind, NotReceivedKind
from chuan.dossiers.views.dossier import dossier_or_404
from chuan.procedures.choices import FormSlip
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
    context = {
        "dossier": dossier,
        "agency": dossier.agency,
        "components": list(dossier.components.all()),
        "form_set": form_set,
        "form": form_set.form_for(form_slip) if form_set and form_slip else None,
    }
    if slip in SLIP_EVENTS:
        event = dossier.events.filter(kind=SLIP_EVENTS[slip]).select_related("actor").last()
        if event is None:
            raise Http404
        context["event"] = event
    if slip == "receipt":
        if dossier.code is None:
            raise Http404
        url = request.build_absolute_uri(reverse("dossiers:lookup")) + f"?code={dossier.code}"
        context["qr"] = mark_safe(qr_svg(url))  # noqa: S308 - generated here, no user markup
        context["lookup_url"] = url
    if slip == "control":
        context["steps"] = list(dossier.steps.select_related("assignee", "department", "given_by"))
    return render(request, f"dossiers/slips/{slip.replace('-', '_')}.html", context)
