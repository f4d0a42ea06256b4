"""Writes to user accounts: creation, roles, deactivation, ending sessions, language,
two-step sign-in."""

import time
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rest_framework.authtoken.models import Token

from chuan.accounts import totp
from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.text import fold


def _agency_id(user: User) -> int | None:
    membership = user.active_membership
    return membership.agency_id if membership is not None else None


def user_search_name(username: str, full_name: str, email: str) -> str:
    return fold(f"{full_name} {username} {email}")


def user_create(
    *,
    username: str,
    full_name: str,
    password: str,
    email: str = "",
    phone: str = "",
    roles: Iterable[str] = (),
    superuser: bool = False,
    agency_id: int | None = None,
    actor: Any,
) -> User:
    """Create an account with roles; the password must pass the configured validators.

    `superuser` also opens Django's admin site, for the system administrator's account.
    `agency_id` files the activity entry under the agency the account is opened for, so its
    leaders see it.
    """
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("Enter a username.")]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("This username is taken.")]
    if not full_name.strip():
        errors["full_name"] = [_("Enter the user's full name.")]
    unknown = [role for role in roles if role not in Role.values]
    if unknown:
        errors["roles"] = [_("Unknown role: %(role)s.") % {"role": ", ".join(unknown)}]
    candidate = User(username=username, full_name=full_name.strip(), email=email.strip())
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username,
                password=password,
                full_name=full_name.strip(),
                email=email.strip(),
                phone=phone.strip(),
                is_staff=superuser,
                is_superuser=superuser,
                search_name=user_search_name(username, full_name, email),
            )
            user.groups.set(Group.objects.filter(name__in=list(roles)))
            activity_record(
                actor=actor,
                verb="user.created",
                target=user,
                agency_id=agency_id,
                changes={"username": username, "roles": sorted(roles), "superuser": superuser},
            )
    except IntegrityError as exc:
        # Someone took the username between the check above and the insert.
        raise ValidationError({"username": [_("This username is taken.")]}) from exc
    return user


def user_deactivate(*, user: User, actor: Any) -> User:
    """Stop a user from signing in and end all their sessions; their history stays."""
    if user.pk == getattr(actor, "pk", None):
        raise ConflictError(_("You cannot deactivate your own account."))
    if not user.is_active:
        raise ConflictError(_("This account is already deactivated."))
    with transaction.atomic():
        user.is_active = False
        user.session_version += 1
        user.save(update_fields=["is_active", "session_version"])
        Token.objects.filter(user=user).delete()
        activity_record(
            actor=actor, verb="user.deactivated", target=user, agency_id=_agency_id(user)
        )
    return user


def user_reactivate(*, user: User, actor: Any) -> User:
    """Let a deactivated user sign in again."""
    if user.is_active:
        raise ConflictError(_("This account is already active."))
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        activity_record(
            actor=actor, verb="user.reactivated", target=user, agency_id=_agency_id(user)
        )
    return user


def user_end_sessions(*, user: User, actor: Any) -> User:
    """End every session of `user` on every device: they must sign in again."""
    with transaction.atomic():
        user.session_version += 1
        user.save(update_fields=["session_version"])
        Token.objects.filter(user=user).delete()
        activity_record(
            actor=actor, verb="user.sessions_ended", target=user, agency_id=_agency_id(user)
        )
    return user


def user_set_language(*, user: User, language: str, actor: Any) -> User:
    """Remember the interface language a user chose."""
    if language not in {"vi", "en"} or user.language == language:
        return user
    with transaction.atomic():
        old = user.language
        user.language = language
        user.save(update_fields=["language"])
        activity_record(
            actor=actor,
            verb="user.language_changed",
            target=user,
            agency_id=_agency_id(user),
            changes={"language": [old, language]},
        )
    return user


# --- Two-step sign-in -------------------------------------------------------------------


def mfa_enable(*, user: User, secret: str, code: str, actor: Any) -> User:
    """Turn on two-step sign-in once the official proves their app shows the right code
    for `secret` (OWASP ASVS 6.3.2; required for administrators, TCVN 14423)."""
    if user.mfa_enabled_at is not None:
        raise ConflictError(_("Two-step sign-in is already on."))
    step = totp.matching_step(secret, code, time.time())
    if step is None:
        raise ValidationError({"code": [_("The code is wrong or expired; try the new one.")]})
    with transaction.atomic():
        user.mfa_secret, user.mfa_last_step = secret, step
        user.mfa_enabled_at = timezone.now()
        user.save(update_fields=["mfa_secret", "mfa_last_step", "mfa_enabled_at"])
        activity_record(
            actor=actor, verb="user.mfa_enabled", target=user, agency_id=_agency_id(user)
        )
    return user


def mfa_check(*, user: User, code: str) -> bool:
    """Whether `code` is the user's current code, not used before; a good code is spent."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.mfa_enabled_at is None:
            return False
        step = totp.matching_step(locked.mfa_secret, code, time.time(), after=locked.mfa_last_step)
        if step is None:
            return False
        locked.mfa_last_step = step
        locked.save(update_fields=["mfa_last_step"])
    user.mfa_last_step = step
    return True


def mfa_disable(*, user: User, actor: Any) -> User:
    """Turn two-step sign-in off (the official, or an administrator when a phone is lost);
    every session ends, so the next sign-in is judged afresh."""
    if user.mfa_enabled_at is None:
        raise ConflictError(_("Two-step sign-in is already off."))
    with transaction.atomic():
        user.mfa_secret, user.mfa_enabled_at, user.mfa_last_step = "", None, 0
        user.session_version += 1
        user.save(
            update_fields=["mfa_secret", "mfa_enabled_at", "mfa_last_step", "session_version"]
        )
        Token.objects.filter(user=user).delete()
        activity_record(
            actor=actor, verb="user.mfa_disabled", target=user, agency_id=_agency_id(user)
        )
    return user
