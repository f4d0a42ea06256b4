"""API sign-in: exchange a username and password for a token."""

import math
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.middleware import mfa_required
from chuan.accounts.services import mfa_check


def lockout_seconds(username: str) -> int:
    """How long the account stays locked: the cool-off counted from its latest failure."""
    from axes.models import AccessAttempt

    latest = AccessAttempt.objects.filter(username=username).aggregate(at=Max("attempt_time"))
    cool_off = settings.AXES_COOLOFF_TIME
    if latest["at"] is None:
        return int(cool_off.total_seconds())
    left = latest["at"] + cool_off - timezone.now()
    return max(1, math.ceil(left.total_seconds()))


def lockout_json(request: HttpRequest, credentials: Any = None) -> JsonResponse:
    """The API's answer to a locked account (django-axes): 429 in JSON like every API error,
    with the time left, also as `Retry-After`."""
    username = str((credentials or {}).get("username") or "")[:150]
    seconds = lockout_seconds(username)
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "Too many failed sign-in attempts: the account is locked. Try again in %(minutes)s "
        "minute or ask your administrator to unlock it.",
        "Too many failed sign-in attempts: the account is locked. Try again in %(minutes)s "
        "minutes or ask your administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    response = JsonResponse({"detail": message, "retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class TokenObtainApi(APIView):
    """`POST {"username", "password"[, "code"]}` → `{"token"}`; accounts with two-step
    sign-in give their current code too; failures count towards the lockout."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=256, trim_whitespace=False)
        code = serializers.CharField(
            max_length=12,
            required=False,
            default="",
            help_text="The six-digit code, for accounts with two-step sign-in.",
        )

    @extend_schema(
        request=InputSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response | JsonResponse:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes needs the underlying HttpRequest to count the attempt.
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            if getattr(request._request, "axes_locked_out", False):
                return lockout_json(request._request, serializer.validated_data)
            return Response(
                {"detail": _("The username or password is wrong.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if user.mfa_enabled_at is not None and not mfa_check(
            user=user, code=serializer.validated_data["code"]
        ):
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=request
            )
            return Response(
                {"code": [_("Give the current six-digit code from your authenticator app.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if user.mfa_enabled_at is None and mfa_required(user):
            return Response(
                {"detail": _("Your role requires two-step sign-in: turn it on first.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
