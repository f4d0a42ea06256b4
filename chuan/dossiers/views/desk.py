"""The desk's daily screens: worklists, and receiving a dossier (choose the procedure, then
record the applicant and the papers, then receive, ask to complete, or refuse)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.forms import apply_service_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.dossiers import selectors, services
from chuan.dossiers.extensions import worklist_items
from chuan.dossiers.forms import (
    ComponentCountFormSet,
    NotReceiveForm,
    ReceiptForm,
    counted_components,
)
from chuan.dossiers.permissions import may_receive
from chuan.dossiers.selectors import Queue, Whose
from chuan.organisations.scoping import active_membership
from chuan.procedures.selectors import catalogue_versions

QUEUE_LABELS = {
    Queue.TODO: _("To do"),
    Queue.DUE_TODAY: _("Due today"),
    Queue.DUE_SOON: _("Due within 2 working days"),
    Queue.OVERDUE: _("Overdue"),
    Queue.TO_RETURN: _("Results to return"),
}


@login_required
def worklist_view(request: HttpRequest) -> HttpResponse:
    """What waits on the user, their department or their agency, by queue."""
    require_perm(request.user, "dossiers.view_dossier")
    whose = request.GET.get("whose") or selectors.default_whose(request.user)
    whose = whose if whose in (Whose.MINE, Whose.DEPARTMENT, Whose.AGENCY) else Whose.MINE
    queue = request.GET.get("queue", Queue.TODO)
    queue = queue if queue in Queue.ALL else Queue.TODO
    work = selectors.worklist(user=request.user, whose=whose, queue=queue)
    membership = active_membership(request.user)
    now = timezone.now()
    return render(
        request,
        "dossiers/worklist.html",
        {
            "page": paginate(request, work.dossiers),
            "query": query_without_page(request),
            "queues": [(name, str(QUEUE_LABELS[name]), work.counts[name]) for name in Queue.ALL],
            "queue": queue,
            "whose": whose,
            "may_receive": membership is not None and may_receive(request.user, membership.agency),
            "other_work": worklist_items(request.user, now),
            "now": now,
        },
    )


def _desk_agency(request: HttpRequest) -> Any:
    membership = active_membership(request.user)
    if membership is None or not may_receive(request.user, membership.agency):
        raise PermissionDenied
    return membership.agency


@login_required
def receive_start_view(request: HttpRequest) -> HttpResponse:
    """Choose the procedure: search without diacritics among those in force."""
    require_perm(request.user, "dossiers.add_dossier")
    agency = _desk_agency(request)
    query = request.GET.get("q", "")[:100]
    versions = catalogue_versions(
        user=request.user, on=timezone.localdate(), query=query, level=agency.level
    )
    template = "dossiers/_procedure_choices.html" if request.htmx else "dossiers/receive_start.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"versions": versions[:30] if query else versions[:15], "q": query, "agency": agency},
    )


@login_required
def receive_view(request: HttpRequest, version_id: int) -> HttpResponse:
    """Record the applicant and the papers, then receive, ask to complete, or refuse."""
    require_perm(request.user, "dossiers.add_dossier")
    agency = _desk_agency(request)
    version = (
        catalogue_versions(user=request.user, on=timezone.localdate())
        .prefetch_related("components")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404
    initial = [
        {
            "name": c.name,
            "received": c.required,
            "originals": c.originals,
            "certified_copies": c.certified_copies,
            "photocopies": c.photocopies,
        }
        for c in version.components.all()
    ]
    form = ReceiptForm(request.POST or None)
    formset = ComponentCountFormSet(request.POST or None, initial=initial, prefix="c")
    refusal = NotReceiveForm(request.POST if "outcome" in request.POST else None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.data_object(version, counted_components(formset))
        try:
            if "outcome" in request.POST:
                if refusal.is_valid():
                    dossier = services.dossier_not_receive(
                        agency=agency,
                        data=data,
                        kind=refusal.cleaned_data["kind"],
                        reason=refusal.cleaned_data["reason"],
                        missing=refusal.missing_list(),
                        actor=request.user,
                    )
                    messages.warning(request, _("The dossier was not received; print the slip."))
                    return redirect("dossiers:slip", pk=dossier.pk, slip="not-received")
            else:
                dossier = services.dossier_receive(agency=agency, data=data, actor=request.user)
                messages.success(
                    request, _("Dossier %(code)s was received.") % {"code": dossier.code}
                )
                return redirect("dossiers:slip", pk=dossier.pk, slip="receipt")
        except ValidationError as exc:
            apply_service_errors(form, exc)
            if "outcome" in request.POST:
                apply_service_errors(refusal, exc)
    return render(
        request,
        "dossiers/receive.html",
        {
            "form": form,
            "formset": formset,
            "refusal": refusal,
            "version": version,
            "agency": agency,
        },
    )
