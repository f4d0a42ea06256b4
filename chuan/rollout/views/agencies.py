"""Screens of each agency's QMS: the list with statuses, an agency's history, recording an
event, the province's targets and the status import. Thin adapters over selectors and
services; every agency is reached through the user's scope (outside it: 404)."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import apply_service_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import date_param, id_param
from chuan.core.permissions import require_perm
from chuan.organisations.choices import UnitLevel
from chuan.organisations.imports import ImportFileError, read_table
from chuan.organisations.models import Agency
from chuan.rollout import lifecycle, selectors, services
from chuan.rollout.choices import EventKind, QmsStatus
from chuan.rollout.forms import EventForm, StatusImportForm, TargetForm
from chuan.rollout.imports import build_status_preview, statuses_import
from chuan.rollout.models import QmsEvent, Target
from chuan.rollout.panels import agency_panels
from chuan.rollout.selectors import AgencyQms
from chuan.rollout.services import event_record, target_create

IMPORT_SESSION_KEY = "chuan_status_import"
STATUS_LABELS = dict(QmsStatus.choices)


def _visible_agency(request: HttpRequest, pk: int) -> Agency:
    agency = selectors.agency_qms_get(user=request.user, pk=pk)
    if agency is None:
        raise Http404
    return agency


@dataclass(frozen=True)
class AgencyLine:
    """An agency as the roll-out list shows it."""

    agency: Agency
    qms: AgencyQms

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.qms.status, self.qms.status))


@login_required
def agency_list_view(request: HttpRequest) -> HttpResponse:
    """The agencies the user may see with their QMS status today, filtered and paged."""
    require_perm(request.user, "rollout.view_qmsevent")
    status = request.GET.get("status", "")
    status = status if status in QmsStatus.values else ""
    level = request.GET.get("level", "")
    level = level if level in UnitLevel.values else ""
    reannounce = request.GET.get("flag", "") == "reannounce"
    former = request.GET.get("former", "") == "1"
    query = request.GET.get("q", "")[:100]
    today = timezone.localdate()
    agencies = selectors.rollout_agency_list(
        user=request.user,
        query=query,
        level=level,
        status=status,
        needs_reannouncement_only=reannounce,
        include_former=former,
        on=today,
    )
    page = paginate(request, agencies)
    on_page = list(page.object_list)
    qms = selectors.agency_qms_map(on_page, today, getattr(agencies, "histories", None))
    return render(
        request,
        "rollout/agency_list.html",
        {
            "page": page,
            "lines": [AgencyLine(agency, qms[agency.pk]) for agency in on_page],
            "query": query_without_page(request),
            "q": query,
            "status": status,
            "level": level,
            "reannounce": reannounce,
            "former": former,
            "statuses": QmsStatus.choices,
            "levels": UnitLevel.choices,
            "today": today,
        },
    )


def _decision_file(agency: Agency, event_id: str) -> FileResponse:
    """The decision file of one of the agency's events, as a download (never shown inline:
    the browser must not render what an uploader sent)."""
    pk = id_param(event_id)
    if pk is None:
        raise Http404
    event = QmsEvent.objects.filter(agency=agency, pk=pk).first()
    if event is None or not event.file:
        raise Http404
    return download(event.file)


@login_required
def agency_qms_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """One agency's QMS: its status today and on any date, its history, the re-announcement
    flag; `?file=<event id>` downloads an event's decision file."""
    agency = _visible_agency(request, pk)
    require_perm(request.user, "rollout.view_qmsevent")
    if "file" in request.GET:
        return _decision_file(agency, request.GET["file"])
    today = timezone.localdate()
    raw_on = request.GET.get("on", "")
    on = date_param(raw_on) if raw_on else None
    qms, events = selectors.agency_qms(agency, today)
    in_force = [e for e in events if e.withdrawn_at is None]
    history = [lifecycle.Event(e.kind, e.occurred_on) for e in in_force]
    status_on = lifecycle.status_on(history, on) if on else None
    return render(
        request,
        "rollout/agency_qms.html",
        {
            "agency": agency,
            "qms": qms,
            "status_label": STATUS_LABELS.get(qms.status, qms.status),
            "on": on,
            "on_invalid": bool(raw_on) and on is None,
            "status_on": status_on,
            "status_on_label": STATUS_LABELS.get(status_on, status_on) if status_on else "",
            "events": list(reversed(events)),
            "today": today,
            "panels": agency_panels(agency, request.user, today),
            "can_record": request.user.has_perm("rollout.add_qmsevent"),
            "withdrawable_id": in_force[-1].pk if in_force else None,
            "announce_kind": (
                EventKind.REANNOUNCED
                if any(e.kind in lifecycle.ANNOUNCING_KINDS for e in history)
                else EventKind.ANNOUNCED
            ),
        },
    )


@login_required
@require_POST
def event_withdraw_view(request: HttpRequest, pk: int, event_id: int) -> HttpResponse:
    """Withdraw the agency's latest event, recorded by mistake, with the reason given."""
    agency = _visible_agency(request, pk)
    require_perm(request.user, "rollout.add_qmsevent")
    event = QmsEvent.objects.filter(agency=agency, pk=event_id).first()
    if event is None:
        raise Http404
    try:
        services.event_withdraw(
            event=event, reason=request.POST.get("reason", "")[:500], actor=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The event was withdrawn."))
    return redirect("rollout:agency_qms", pk=agency.pk)


@login_required
def event_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a step of the agency's QMS, checked against its history (QĐ 19/2014/QĐ-TTg)."""
    agency = _visible_agency(request, pk)
    require_perm(request.user, "rollout.add_qmsevent")
    initial: dict[str, Any] = {}
    if request.GET.get("kind") in EventKind.values:
        initial["kind"] = request.GET["kind"]
    form = EventForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event_record(
                agency=agency,
                data=form.to_data(),
                file=form.cleaned_data.get("file"),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The event was recorded."))
            return redirect("rollout:agency_qms", pk=agency.pk)
    qms, events = selectors.agency_qms(agency, timezone.localdate())
    return render(
        request,
        "rollout/event_form.html",
        {
            "agency": agency,
            "form": form,
            "qms": qms,
            "status_label": STATUS_LABELS.get(qms.status, qms.status),
            "last_event": events[-1] if events else None,
        },
    )


@dataclass(frozen=True)
class TargetLine:
    """A target with the coverage its province reached by its deadline (or today)."""

    target: Target
    reached: Any
    met: bool | None


@login_required
def target_list_view(request: HttpRequest) -> HttpResponse:
    """The targets of the provinces the user belongs to, with whether each was met."""
    require_perm(request.user, "rollout.view_target")
    page = paginate(request, selectors.target_list(user=request.user))
    targets: list[Target] = list(page.object_list)
    today = timezone.localdate()
    # What a province reached is its coverage: only those who may see coverage see it.
    with_results = request.user.has_perm("rollout.view_coverage")
    if not with_results:
        return render(
            request,
            "rollout/target_list.html",
            {
                "page": page,
                "lines": [TargetLine(target=t, reached=None, met=None) for t in targets],
                "query": query_without_page(request),
                "today": today,
                "with_results": False,
            },
        )
    snapshots = selectors.snapshots_for({t.province_id for t in targets})
    lines = []
    for target in targets:
        snapshot = snapshots[target.province_id]
        judged_on = min(today, target.deadline)
        lines.append(
            TargetLine(
                target=target,
                reached=snapshot.figure(target.level, judged_on).percent,
                met=snapshot.target_met(target.level, target.percent, target.deadline, today),
            )
        )
    return render(
        request,
        "rollout/target_list.html",
        {
            "page": page,
            "lines": lines,
            "query": query_without_page(request),
            "today": today,
            "with_results": True,
        },
    )


def _provinces(request: HttpRequest) -> QuerySet[Any]:
    return selectors.target_provinces(request.user).order_by("-unit_set", "search_name", "pk")


@login_required
def target_create_view(request: HttpRequest) -> HttpResponse:
    """Record a target set by a decision of the Provincial People's Committee."""
    require_perm(request.user, "rollout.add_target")
    form = TargetForm(request.POST or None, provinces=_provinces(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target_create(
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                province=data["province"],
                level=data["level"],
                percent=data["percent"],
                deadline=data["deadline"],
                note=data.get("note") or "",
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The target was recorded."))
            return redirect("rollout:target_list")
    return render(request, "rollout/target_form.html", {"form": form})


@login_required
def status_import_view(request: HttpRequest) -> HttpResponse:
    """Upload → preview of every change and every bad row → confirm; nothing is written
    unless every row is valid. The checked table waits in the session for the confirmation."""
    require_perm(request.user, "rollout.import_statuses")
    context: dict[str, Any] = {}
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("rollout:status_import")
        try:
            preview, created = statuses_import(table=stored["table"], actor=request.user)
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect("rollout:status_import")
        del request.session[IMPORT_SESSION_KEY]
        if preview.is_valid:
            messages.success(
                request,
                _("%(n)s events were recorded; %(m)s were already recorded.")
                % {"n": len(created), "m": len(preview.unchanged)},
            )
            return redirect("rollout:agency_list")
        context["preview"] = preview
        form = StatusImportForm()
    else:
        form = StatusImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = read_table(upload, upload.name or "")
                preview = build_status_preview(table, user=request.user)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                context["preview"] = preview
                if preview.is_valid:
                    request.session[IMPORT_SESSION_KEY] = {"table": table}
                else:
                    request.session.pop(IMPORT_SESSION_KEY, None)
    context["form"] = form
    return render(request, "rollout/status_import.html", context)
