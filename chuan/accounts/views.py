"""Sign-in, sign-out, language choice and the account administration screens."""

import time
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.accounts import services, totp
from chuan.accounts.forms import LoginForm, MfaCodeForm
from chuan.accounts.middleware import mfa_required
from chuan.accounts.models import User
from chuan.accounts.permissions import can_manage_user, users_visible_to
from chuan.accounts.roles import Role
from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.qr import qr_svg
from chuan.core.scoping import scope_queryset
from chuan.core.text import search_tokens
from chuan.organisations.models import Membership


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if user.mfa_enabled_at is not None:
            # The password was right; the code from the official's app comes next, and
            # only then is the session opened.
            self.request.session[MFA_PENDING] = {
                "user": user.pk,
                "backend": getattr(user, "backend", None),
                "next": self.get_success_url(),
                "at": time.time(),
                "tries": 0,
            }
            return redirect("accounts:mfa_verify")
        return _with_language_cookie(super().form_valid(form), user)


def _with_language_cookie(response: HttpResponse, user: User) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        user.language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


MFA_PENDING = "chuan_mfa_pending"
MFA_SETUP = "chuan_mfa_setup_secret"
MFA_PENDING_SECONDS = 300
MFA_TRIES = 5


def mfa_verify_view(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: the six-digit code from the official's app. Five wrong
    codes, or five minutes, and the sign-in starts again; wrong codes count towards the
    account's lockout like wrong passwords."""
    pending: dict[str, Any] = request.session.get(MFA_PENDING) or {}
    user = User.objects.filter(pk=pending.get("user") or 0, is_active=True).first()
    if user is None or time.time() - pending["at"] > MFA_PENDING_SECONDS:
        request.session.pop(MFA_PENDING, None)
        messages.error(request, _("Sign in again."))
        return redirect("accounts:login")
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.mfa_check(user=user, code=form.cleaned_data["code"]):
            request.session.pop(MFA_PENDING, None)
            auth_login(request, user, backend=pending["backend"])
            next_url = pending["next"]
            if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                next_url = settings.LOGIN_REDIRECT_URL
            return _with_language_cookie(redirect(next_url), user)
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        pending["tries"] += 1
        request.session[MFA_PENDING] = pending
        if pending["tries"] >= MFA_TRIES:
            request.session.pop(MFA_PENDING, None)
            messages.error(request, _("Too many wrong codes. Sign in again."))
            return redirect("accounts:login")
        form.add_error("code", _("The code is wrong or expired; try the new one."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "user_name": user.full_name})


@login_required
def mfa_view(request: HttpRequest) -> HttpResponse:
    """Two-step sign-in of one's own account: turn it on with an authenticator app (QR code
    or the secret typed in), or off with a current code."""
    user = cast(User, request.user)
    form = MfaCodeForm(request.POST or None)
    if user.mfa_enabled_at is not None:
        if request.method == "POST" and form.is_valid():
            if services.mfa_check(user=user, code=form.cleaned_data["code"]):
                services.mfa_disable(user=user, actor=user)
                messages.success(request, _("Two-step sign-in is off. Sign in again."))
                return redirect("accounts:login")
            form.add_error("code", _("The code is wrong or expired; try the new one."))
        return render(request, "accounts/mfa.html", {"form": form, "enabled": True})
    secret = request.session.get(MFA_SETUP) or totp.new_secret()
    request.session[MFA_SETUP] = secret
    if request.method == "POST" and form.is_valid():
        try:
            services.mfa_enable(
                user=user, secret=secret, code=form.cleaned_data["code"], actor=user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            request.session.pop(MFA_SETUP, None)
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("accounts:mfa")
    uri = totp.provisioning_uri(secret, user.get_username(), "Chuẩn")
    return render(
        request,
        "accounts/mfa.html",
        {
            "form": form,
            "enabled": False,
            "required": mfa_required(user),
            "qr": mark_safe(qr_svg(uri)),  # noqa: S308 - generated here, no user markup
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page again, saying the account is locked and for how long (django-axes)."""
    if request.path.startswith("/api/"):
        from chuan.accounts.api.views import lockout_json

        return lockout_json(request, credentials)
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
    """Deactivate, reactivate, end the sessions of an account, or turn its two-step sign-in
    off (a lost phone)."""
    target = _visible_user(request, pk)
    if not can_manage_user(request.user, target):
        raise PermissionDenied
    actions = {
        "deactivate": (services.user_deactivate, _("The account was deactivated.")),
        "reactivate": (services.user_reactivate, _("The account was reactivated.")),
        "end-sessions": (services.user_end_sessions, _("All sessions of this account ended.")),
        "mfa-reset": (services.mfa_disable, _("Two-step sign-in was turned off for this account.")),
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
