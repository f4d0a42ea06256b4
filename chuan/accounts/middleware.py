"""The interface language, per-user language, the absolute session lifetime, and two-step
sign-in where required."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)
from django.contrib.auth.middleware import get_user
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "chuan_session_started"


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless someone chose English: the screens follow the language cookie (set by
    the switch and at sign-in from the account) and never the browser's Accept-Language,
    since officials' browsers often come set to English. The API, whose callers are programs
    without a cookie, still reads Accept-Language."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path.startswith("/api/"):
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with the signed-in user's roles and permissions from the process cache
    (`chuan.accounts.identity`) instead of three queries on every request."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        from chuan.accounts.identity import prime

        request.user = SimpleLazyObject(lambda: prime(get_user(request)))  # type: ignore[assignment]


class UserLanguageMiddleware:
    """Speak the language a signed-in user chose; end sessions older than the maximum age.

    The idle timeout is the session cookie's age, renewed on every request; this adds the
    absolute limit (OWASP ASVS 7.3.2), after which the official signs in again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, int(time.time()))
            if time.time() - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Send an official whose role requires two-step sign-in to turn it on before anything
    else (`CHUAN_MFA_REQUIRED_ROLES`); the setup page, signing out and static files stay
    open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.mfa_enabled_at is None
            and mfa_required(user)
        ):
            setup = reverse("accounts:mfa")
            open_paths = (setup, reverse("accounts:logout"), reverse("accounts:set_language"))
            if request.path in open_paths or request.path.startswith(
                (settings.STATIC_URL or "/static/", "/api/v1/auth/")
            ):
                return self.get_response(request)
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Your role requires two-step sign-in: turn it on first.")},
                    status=403,
                )
            return redirect(setup)
        return self.get_response(request)


def mfa_required(user: object) -> bool:
    from chuan.accounts.roles import user_roles

    wanted = set(settings.CHUAN_MFA_REQUIRED_ROLES)
    return bool(wanted) and bool(wanted & set(user_roles(user)))
