"""Per-user language and the absolute session lifetime."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

SESSION_STARTED_KEY = "chuan_session_started"


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
