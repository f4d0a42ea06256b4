"""Overlay for the test suite: the production settings plus a fast password hasher."""

import os

os.environ.setdefault("CHUAN_DEBUG", "0")
os.environ.setdefault(
    "CHUAN_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("CHUAN_HTTPS", "0")

from chuan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
# Tests sign administrators in without an authenticator app; the two-step tests turn the
# requirement on themselves.
CHUAN_MFA_REQUIRED_ROLES = []
# SMS to citizens stay in memory (`LocmemBackend.outbox`).
CHUAN_SMS_BACKEND = "chuan.notifications.sms.LocmemBackend"
