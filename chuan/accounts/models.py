"""Officials who sign in to Chuẩn."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An official (cán bộ, công chức) or a provincial coordinator who uses Chuẩn.

    `active_membership` is the agency (and department) the user is working for now; it decides
    which data they see. `session_version` is part of the session hash, so raising it ends
    every session of the user at once. `access_version` names the current state of their
    roles and permissions, which the processes keep between requests.
    """

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    active_membership = models.ForeignKey(
        "organisations.Membership",
        verbose_name=_("active membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("vi", "Tiếng Việt"), ("en", "English")],
        default="vi",
    )
    session_version = models.PositiveIntegerField(_("session version"), default=0)
    # Raised by every change of the user's roles or permissions (chuan.accounts.identity):
    # what each process keeps of them is keyed by it.
    access_version = models.PositiveIntegerField(default=0, editable=False)
    # Two-step sign-in (TOTP): the shared secret, when it was turned on, and the last
    # 30-second step whose code was used, so that no code is accepted twice.
    mfa_secret = models.CharField(max_length=64, blank=True, editable=False)
    mfa_enabled_at = models.DateTimeField(_("two-step sign-in since"), null=True, blank=True)
    mfa_last_step = models.BigIntegerField(default=0, editable=False)
    search_name = models.CharField(max_length=400, db_index=True, editable=False, default="")

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "username"]
        permissions = [("manage_users", _("Can deactivate users and end their sessions"))]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username

    def _get_session_auth_hash(self, secret: Any = None) -> str:
        key_salt = "chuan.accounts.User.session_auth_hash"
        value = f"{self.password}:{self.session_version}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()
