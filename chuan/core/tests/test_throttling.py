"""Rate limits hold for the whole installation: across workers (separate processes with their
own cache connections), across a restart, and against a forged X-Forwarded-For."""

import os
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory, override_settings

import pytest

from chuan.core.client import client_address, counted_address
from chuan.core.throttling import Limit, rate_count, rate_hit, rate_refund

ROOT = Path(__file__).resolve().parents[3]

# One "worker": its own Python process, its own cache connection, counting `hits` attempts
# against a limit of 10 a quarter hour and printing how many were let through.
WORKER = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from chuan.core.throttling import Limit, rate_hit
    name, hits = sys.argv[1], int(sys.argv[2])
    print(sum(rate_hit(name, Limit(10, 900)) for _ in range(hits)))
    """
)


def _postgres_url() -> str | None:
    """The test database's URL when the suite runs on PostgreSQL (its cache table exists)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    user, password = db.get("USER") or "", db.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else f"{user}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or ''}:{db.get('PORT') or 5432}/{db['NAME']}"


def _env(backend: str, tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_DEBUG": "1",
        "CHUAN_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CHUAN_REDIS_URL", None)
    if backend == "redis":
        env["CHUAN_REDIS_URL"] = "redis://127.0.0.1:6379/15"
    if backend == "postgresql":
        env["DATABASE_URL"] = _postgres_url() or ""
    return env


def _worker(env: dict[str, str], name: str, hits: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, name, str(hits)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _allowed(process: subprocess.Popen[str]) -> int:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return int(out.strip())


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize(
    "backend",
    [
        "database",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(not _redis_reachable(), reason="no Redis on :6379"),
        ),
        # The workers share the test database, whose cache table the suite created; its
        # rows must be committed for them to see one another.
        pytest.param("postgresql", marks=pytest.mark.django_db(transaction=True)),
    ],
)
def test_a_limit_holds_across_workers_and_a_restart(backend, tmp_path):
    if backend == "postgresql" and _postgres_url() is None:
        pytest.skip("the suite runs on SQLite")
    env = _env(backend, tmp_path)
    if backend == "database":
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True
        )
    name = f"test:{uuid.uuid4().hex}"
    # Two workers at once, 30 guesses between them: ten pass, as for one process.
    first, second = _worker(env, name, 15), _worker(env, name, 15)
    assert _allowed(first) + _allowed(second) == 10
    # A restart (a new process) remembers them.
    assert _allowed(_worker(env, name, 5)) == 0


@pytest.mark.django_db
def test_the_window_slides_over_bucket_boundaries():
    limit = Limit(10, 900)
    name = f"test:{uuid.uuid4().hex}"
    start = 900 * 1_000_000 + 890  # ten seconds before a bucket ends
    assert all(rate_hit(name, limit, now=start) for _ in range(10))
    assert not rate_hit(name, limit, now=start)
    # Twenty seconds later a new bucket began, but the last window still holds the guesses.
    assert not rate_hit(name, limit, now=start + 20)
    # A whole window later they have gone.
    assert rate_hit(name, limit, now=start + 900 + 900)
    assert rate_count(name, limit, now=start + 900 + 900) <= 2


@pytest.mark.django_db
def test_a_refund_takes_an_attempt_back():
    limit = Limit(2, 60)
    name = f"test:{uuid.uuid4().hex}"
    for _ in range(5):
        assert rate_hit(name, limit)
        rate_refund(name, limit)
    assert rate_count(name, limit) == 0


def test_limits_read_drf_notation():
    assert Limit.parse("120/minute") == Limit(120, 60)
    assert Limit.parse("10/hour") == Limit(10, 3600)


def _request(peer: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored():
    with override_settings(CHUAN_TRUSTED_PROXIES=[]):
        assert client_address(_request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"
    with override_settings(CHUAN_TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert client_address(_request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


def test_behind_trusted_proxies_the_right_most_untrusted_address_is_the_client():
    with override_settings(CHUAN_TRUSTED_PROXIES=["10.0.0.5", "192.168.10.0/24"]):
        # The client wrote "1.2.3.4" itself; the proxies appended what they saw.
        request = _request("10.0.0.5", "1.2.3.4, 198.51.100.9, 192.168.10.7")
        assert client_address(request) == "198.51.100.9"
        assert client_address(_request("10.0.0.5", "198.51.100.9")) == "198.51.100.9"
        # Garbage where an address should be: the last trusted hop stands.
        assert client_address(_request("10.0.0.5", "not-an-ip")) == "10.0.0.5"
        assert client_address(_request("10.0.0.5", "192.168.10.7")) == "192.168.10.7"
        assert client_address(_request("10.0.0.5")) == "10.0.0.5"
        assert client_address(_request("10.0.0.5", "[2001:db8::1]:443")) == "2001:db8::1"
    assert client_address(_request("")) == "unknown"


def test_an_ipv6_subscriber_is_counted_by_its_64():
    assert counted_address("2001:db8:1:2:aaaa::1") == counted_address("2001:db8:1:2:bbbb::9")
    assert counted_address("2001:db8:1:2::1") != counted_address("2001:db8:1:3::1")
    assert counted_address("203.0.113.7") == "203.0.113.7"


def test_django_axes_uses_the_same_client_address():
    from axes.helpers import get_client_ip_address

    with override_settings(CHUAN_TRUSTED_PROXIES=[]):
        assert get_client_ip_address(_request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"
    with override_settings(CHUAN_TRUSTED_PROXIES=["10.0.0.5"]):
        assert get_client_ip_address(_request("10.0.0.5", "1.2.3.4")) == "1.2.3.4"
    # No address at all (a sign-in made by code): axes stores none rather than a word.
    assert get_client_ip_address(_request("")) is None


def test_a_bad_trusted_proxy_stops_the_start():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_DEBUG": "1",
        "CHUAN_TRUSTED_PROXIES": "10.0.0.0/8,proxy.local",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "proxy.local" in result.stderr


@pytest.mark.django_db
def test_the_public_calendar_api_counts_the_client_not_its_forged_header(client):
    url = "/api/v1/calendar/days/?year=2026"
    with override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"public": "5/minute"},
        }
    ):
        statuses = [
            client.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(6)
        ]
        assert statuses == [200] * 5 + [429]
        # Another client is not held back by the first.
        assert client.get(url, REMOTE_ADDR="192.0.2.77").status_code == 200
