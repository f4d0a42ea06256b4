"""The adopting agency's screens: adopting a set or chosen items in one step (with a
preview of the drafts it will create), its adopted items with the model edition each
derives from and the difference, and the update requests a new model edition opens (the
three-way result with its conflicts; adopt the new edition or keep its own with a reason).
The agency stays the owner of what it issues: what adopting creates are drafts its own
leader approves (QĐ 19/2014/QĐ-TTg)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.forms import message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.kits import permissions, selectors, services
from chuan.kits import selectors_screens as screens
from chuan.kits.choices import ItemKind, RequestStatus
from chuan.kits.diffs import merge_rows, rows_of
from chuan.kits.forms import KeepForm, ResolveForm
from chuan.kits.models import AdoptedItem, UpdateRequest
from chuan.kits.views.common import attempt, model_set_or_404
from chuan.organisations.models import Agency


def _agency_for_adoption(request: HttpRequest) -> Agency:
    agency = screens.own_agency(request.user)
    if agency is None or not permissions.may_adopt(request.user, agency):
        raise PermissionDenied
    return agency


@login_required
def adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the whole set or some items (checkboxes), see the drafts adopting will
    create, and adopt in one step."""
    model_set = model_set_or_404(request, pk)
    require_perm(request.user, permissions.ADOPT)
    agency = _agency_for_adoption(request)
    lines = [line for line in screens.item_lines(model_set, with_drafts=False) if line.current]
    offered = {line.item.pk: line for line in lines}
    source = request.POST if request.method == "POST" else request.GET
    asked = [id_param(value) for value in source.getlist("items")]
    already = screens.adopted_item_ids(agency, model_set)
    chosen = [offered[i] for i in dict.fromkeys(asked) if i in offered and i not in already]
    preview = screens.adoption_preview(agency, [line.item for line in chosen]) if chosen else []
    if request.method == "POST":
        result: list[Any] = []
        if not chosen:
            messages.error(request, _("Choose at least one model item."))
        elif attempt(
            request,
            lambda: result.append(
                services.model_set_adopt(
                    agency=agency,
                    model_set=model_set,
                    items=[line.item for line in chosen],
                    actor=request.user,
                )
            ),
            _(
                "Adopted: the drafts were created for your agency; its leader approves them "
                "like any of its own documents and processes."
            ),
        ):
            target = reverse("kits:mine")
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
    return render(
        request,
        "kits/adopt.html",
        {
            "model_set": model_set,
            "agency": agency,
            "documents": [line for line in lines if line.item.kind == ItemKind.DOCUMENT],
            "processes": [line for line in lines if line.item.kind == ItemKind.PROCESS],
            "chosen": {line.item.pk for line in chosen},
            "already": already,
            "preview": preview,
            "previewing": bool(chosen) and request.method == "GET",
        },
    )


@login_required
def mine_view(request: HttpRequest) -> HttpResponse:
    """The agency's adopted items: the model edition each derives from, whether it was
    adapted, kept, or is behind the newest edition, and its open request."""
    require_perm(request.user, permissions.VIEW)
    agency = screens.own_agency(request.user)
    if agency is None:
        raise Http404
    adopted = list(screens.adopted_items(agency))
    latest = screens.latest_approved(a.item_id for a in adopted)
    open_requests = {
        r.adopted_item_id: r
        for r in UpdateRequest.objects.filter(
            adopted_item__in=[a.pk for a in adopted], status=RequestStatus.OPEN
        )
    }
    lines = []
    for item in adopted:
        state = screens.state_of(item, latest.get(item.item_id))
        lines.append(
            {
                "adopted": item,
                "latest": latest.get(item.item_id),
                "state": state,
                "badge": screens.STATE_BADGES[state],
                "label": screens.state_label(state),
                "request": open_requests.get(item.pk),
            }
        )
    sets = screens.visible_sets(request.user)
    return render(
        request,
        "kits/mine.html",
        {
            "agency": agency,
            "lines": lines,
            "open_count": len(open_requests),
            "sets": list(sets.order_by("code")[:10]),
            "may_adopt": permissions.may_adopt(request.user, agency),
        },
    )


def _adopted(request: HttpRequest, pk: int) -> AdoptedItem:
    require_perm(request.user, permissions.VIEW)
    adopted = (
        screens.adopted_visible(request.user)
        .select_related("agency", "item__model_set", "item__procedure", "base_edition")
        .filter(pk=pk)
        .first()
    )
    if adopted is None:
        raise Http404
    return adopted


@login_required
def adopted_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An adopted item: the model edition it derives from, filled with the agency's facts,
    against the agency's own text or steps."""
    adopted = _adopted(request, pk)
    compared = selectors.adopted_item_diff(adopted)
    latest = screens.latest_approved([adopted.item_id]).get(adopted.item_id)
    state = screens.state_of(adopted, latest)
    return render(
        request,
        "kits/adopted_detail.html",
        {
            "adopted": adopted,
            "item": adopted.item,
            "latest": latest,
            "state": state,
            "badge": screens.STATE_BADGES[state],
            "label": screens.state_label(state),
            "rows": rows_of(adopted.item.kind, compared.pieces),
            "requests": list(
                adopted.requests.select_related("edition", "legal_document").order_by("-id")[:20]
            ),
        },
    )


@login_required
def request_list_view(request: HttpRequest) -> HttpResponse:
    """The agency's model update requests, open and most urgent first (DOST: the
    province's)."""
    require_perm(request.user, permissions.VIEW)
    status = request.GET.get("status", RequestStatus.OPEN)
    status = status if status in RequestStatus.values else RequestStatus.OPEN
    page = paginate(request, screens.requests_for(request.user, status=status))
    return render(
        request,
        "kits/request_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "status": status,
            "statuses": RequestStatus.choices,
        },
    )


def _request(request: HttpRequest, pk: int) -> UpdateRequest:
    require_perm(request.user, permissions.VIEW)
    found = screens.requests_for(request.user, status="").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def request_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A model update request: the new edition, the three-way result with its conflicts,
    and the two answers."""
    update = _request(request, pk)
    kind = update.edition.item.kind
    resolve_form = ResolveForm(conflicts=update.conflicts)
    return render(
        request,
        "kits/request_detail.html",
        {
            "update": update,
            "item": update.edition.item,
            "kind": kind,
            "rows": merge_rows(kind, update.merged),
            "resolve_form": resolve_form,
            "keep_form": KeepForm(),
            "may_answer": update.status == RequestStatus.OPEN
            and permissions.may_adopt(request.user, update.agency_id),
            "draft_url": screens.draft_url(update),
        },
    )


@login_required
@require_POST
def request_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt the new edition: the prepared draft (conflicts resolved as chosen) becomes
    the agency's draft revision or process, which opens for its leader to approve."""
    update = _request(request, pk)
    require_perm(request.user, permissions.ADOPT)
    form = ResolveForm(request.POST, conflicts=update.conflicts)
    back = redirect("kits:request_detail", update.pk)
    if not form.is_valid():
        message_errors(request, ValidationError(_("Choose a side for every conflict.")))
        return back
    done = attempt(
        request,
        lambda: services.request_adopt(request=update, choices=form.choices(), actor=request.user),
        _("The new edition was adopted: its draft is ready for your leader's approval."),
    )
    if done:
        update.refresh_from_db()
        url = screens.draft_url(update)
        if url:
            return redirect(url)
    return back


@login_required
@require_POST
def request_keep_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the agency's own edition, with the reason recorded."""
    update = _request(request, pk)
    require_perm(request.user, permissions.ADOPT)
    form = KeepForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return redirect("kits:request_detail", update.pk)
    attempt(
        request,
        lambda: services.request_keep(
            request=update, reason=form.cleaned_data["reason"], actor=request.user
        ),
        _("Recorded: the agency keeps its own edition."),
    )
    return redirect("kits:request_detail", update.pk)
