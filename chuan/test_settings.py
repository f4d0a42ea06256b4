"""Overlay for the test suite: the production settings plus a fast password hasher."""

import os

os.environ.setdefault("CHUAN_DEBUG", "0")
os.environ.setdefault(
    "CHUAN_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("CHUAN_HTTPS", "0")

from chuan.settings import *  # noqa: F403
from chuan.settings import DATABASES

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

# A replica alias for the router's tests: the real streaming replica named by
# CHUAN_TEST_REPLICA_URL (`.ci/run` starts one), or else a second connection to the test
# database. Off for the rest of the suite; chuan/core/tests/test_db_router.py turns it on.
_test_replica = os.environ.get("CHUAN_TEST_REPLICA_URL", "").strip()
if _test_replica:
    import dj_database_url as _dj_database_url

    DATABASES["replica"] = {
        **_dj_database_url.parse(_test_replica),
        "TEST": {"MIRROR": "default"},
    }
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
elif "replica" not in DATABASES:
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["chuan.core.db_router.ReplicaRouter"]
CHUAN_REPLICA_ALIAS = ""
