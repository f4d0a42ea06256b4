"""Health check, the activity list and the error pages."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.selectors import activity_list
from chuan.core.templatetags.chuan import VERB_LABELS, verb_label


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when the database answers, 503 with a reason if not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return JsonResponse(
            {"status": "error", "database": "unavailable", "reason": reason}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def activity_list_view(request: HttpRequest) -> HttpResponse:
    """Activity filtered by object, agency or user, scoped like every other list."""
    if not request.user.has_perm("core.view_activityentry"):
        raise PermissionDenied
    target_type: ContentType | None = None
    type_label = request.GET.get("type", "")
    if "." in type_label:
        app_label, model = type_label.split(".", 1)
        target_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    entries = activity_list(
        user=request.user,
        agency_id=id_param(request.GET.get("agency")),
        actor_id=id_param(request.GET.get("user")),
        target_type=target_type,
        target_id=request.GET.get("id", "")[:64],
        verb=request.GET.get("verb", "")[:80],
    )
    page = paginate(request, entries)
    first = page.object_list[0] if page.object_list else None
    chips = []
    for name, label in (
        ("agency", _("Agency")),
        ("user", _("Who")),
        ("type", _("Object")),
        ("verb", _("Action")),
    ):
        if not request.GET.get(name):
            continue
        value = ""
        if first is not None:
            value = {
                "user": first.actor_name,
                "type": first.target_repr,
                "verb": str(verb_label(first.verb)),
            }.get(name, "")
        params = request.GET.copy()
        for key in (name, "id", "page") if name == "type" else (name, "page"):
            params.pop(key, None)
        chips.append({"label": label, "value": value, "remove": params.urlencode()})
    context: dict[str, Any] = {
        "page": page,
        "query": query_without_page(request),
        "chips": chips,
        "verbs": sorted(VERB_LABELS.items(), key=lambda item: str(item[1])),
        "verb": request.GET.get("verb", ""),
        "kept": {k: v for k, v in request.GET.items() if k in {"agency", "user", "type", "id"}},
    }
    return render(request, "core/activity_list.html", context)


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/v1/"):
        # The API answers every error in JSON, even those raised before its views run (an id
        # the URL cannot hold, a server error).
        return JsonResponse({"detail": message}, status=status)
    return render(
        request, "error.html", {"status": status, "title": title, "message": message}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        _("Not allowed"),
        _("Your role does not allow this. Ask your agency's administrator if you need it."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("Not found"), _("This page does not exist or you cannot see it."))


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("Nothing was changed. Please try again; if it keeps happening, tell your administrator."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("The form has expired"),
        _("Reload the page and submit the form again. Nothing was changed."),
    )
