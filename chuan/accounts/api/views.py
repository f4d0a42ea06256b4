"""API sign-in: exchange a username and password for a token."""

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.middleware import mfa_required
from chuan.accounts.services import mfa_check


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
    def post(self, request: Request) -> Response:
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
                return Response(
                    {"detail": _("Too many failed sign-in attempts: the account is locked.")},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
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
