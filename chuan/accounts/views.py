"""Sign-in, sign-out, language choice and the account administration screens."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.accounts import services
from chuan.accounts.forms import LoginForm
from chuan.accounts.models import User
from chuan.accounts.permissions import can_manage_user, users_visible_to
from chuan.accounts.roles import Role
from chuan.core.exceptions import DomainError
from chuan.core.pagination import paginate, query_without_page
from chuan.core.scoping import scope_queryset
from chuan.core.text import search_tokens
from chuan.organisations.models import Membership


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page again, saying the account is locked and for how long (django-axes)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/login.html",
        {
            "form": LoginForm(request),
            "locked_message": _(
                "Too many failed sign-in attempts: this account is locked for %(minutes)s "
                "minutes. Try again later or ask your administrator to unlock it."
            )
            % {"minutes": minutes},
        },
        status=429,
    )


@require_POST
def set_language_view(request: HttpRequest) -> HttpResponse:
    """Switch the interface language and remember it (cookie, and the account if signed in)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response: HttpResponse = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language, actor=request.user)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@login_required
def user_list_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.view_user"):
        raise PermissionDenied
    users = users_visible_to(request.user).select_related("active_membership__agency")
    for token in search_tokens(request.GET.get("q", "")[:100]):
        users = users.filter(search_name__contains=token)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": paginate(request, users.order_by("full_name", "pk")),
            "query": query_without_page(request),
            "q": request.GET.get("q", ""),
        },
    )


def _visible_user(request: HttpRequest, pk: int) -> User:
    found = (
        users_visible_to(request.user)
        .select_related("active_membership__agency")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@login_required
def user_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    is_self = pk == request.user.pk
    target = cast(User, request.user) if is_self else _visible_user(request, pk)
    if not is_self and not request.user.has_perm("accounts.view_user"):
        raise PermissionDenied
    role_labels = [
        Role(name).label
        for name in target.groups.values_list("name", flat=True)
        if name in Role.values
    ]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "roles": role_labels,
            # Only the places the viewer may see: another province's posts stay private.
            "memberships": scope_queryset(
                Membership.objects.filter(user=target), request.user, agency_path="agency"
            ).select_related("agency", "department"),
            "can_manage": not is_self and can_manage_user(request.user, target),
        },
    )


@login_required
@require_POST
def user_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Deactivate, reactivate or end the sessions of an account."""
    target = _visible_user(request, pk)
    if not can_manage_user(request.user, target):
        raise PermissionDenied
    actions = {
        "deactivate": (services.user_deactivate, _("The account was deactivated.")),
        "reactivate": (services.user_reactivate, _("The account was reactivated.")),
        "end-sessions": (services.user_end_sessions, _("All sessions of this account ended.")),
    }
    if action not in actions:
        raise Http404
    service, done = actions[action]
    try:
        service(user=target, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("accounts:user_detail", pk=target.pk)
