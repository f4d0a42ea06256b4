"""Reads that may come from a PostgreSQL streaming replica, and who must not read there.

A province past one server runs a primary and a hot-standby replica fed by streaming
replication (`CHUAN_REPLICA_DATABASE_URL`). The replica answers the heavy reads that tolerate
a second of delay: the dashboards, the reports and exports, the document search. Every
other read and every write stays on the primary. Three rules keep that safe:

* **Opt-in per view.** Only code inside `reads_from_replica()` (a view decorator or a
  `with` block) reads there; a service that reads in order to write never does, and neither
  does anything inside a transaction on the primary.
* **Read-your-writes.** `PrimaryAfterWriteMiddleware` pins a browser to the primary for
  `CHUAN_REPLICA_PIN_SECONDS` after any request that may have written (POST, PUT, PATCH,
  DELETE): a cookie carries the moment the pin ends, so it holds across web nodes. The
  official who has just received a dossier sees it on the dashboard at once, whatever the
  replica's lag.
* **Never a 500 for the replica.** A quick check (a connection with a short connect
  timeout, the replica's lag) is kept for `CHUAN_REPLICA_CHECK_SECONDS` per process; a
  replica that is down, or lagging more than `CHUAN_REPLICA_MAX_LAG_SECONDS`, sends reads
  back to the primary. A replica that fails in the middle of a view makes the view run
  again on the primary.

Who is asking (session, account, token, sign-in lockout) and the task queue are always read
on the primary: a session opened a moment ago must not look absent.
"""

import logging
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from types import TracebackType
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

V = TypeVar("V", bound=Callable[..., Any])

# Apps whose rows decide who the caller is or what runs next: always read on the primary.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "accounts", "authtoken", "axes", "django_tasks_db", "contenttypes"}
)
PIN_COOKIE = "chuan_primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# The alias reads go to inside reads_from_replica() (None: the primary), and whether this
# request is pinned to the primary.
_reading_from: ContextVar[str | None] = ContextVar("chuan_reading_from", default=None)
_pinned: ContextVar[bool] = ContextVar("chuan_pinned_to_primary", default=False)

# Per process, and safe so: a health verdict is a few seconds' opinion of one node about a
# server, never data another node must agree with.
_health: dict[str, tuple[float, bool]] = {}
_health_lock = threading.Lock()


def replica_alias() -> str:
    """The replica's database alias, or "" when none is configured."""
    alias = getattr(settings, "CHUAN_REPLICA_ALIAS", "")
    return alias if alias and alias in settings.DATABASES else ""


def _probe(alias: str) -> bool:
    """Whether the replica answers now and is not too far behind."""
    connection = connections[alias]
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute("SELECT 1")
                return True
            # Caught up (all WAL received is replayed) or the last replayed commit is
            # recent enough; a server not in recovery (promoted) is current by definition.
            cursor.execute(
                "SELECT pg_is_in_recovery(),"
                " pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn(),"
                " COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)"
            )
            row = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Replica %s is unreachable, reading from the primary: %s", alias, error)
        _close_quietly(alias)
        return False
    if row is None:
        return False
    in_recovery, caught_up, lag = row
    if in_recovery and not caught_up and float(lag) > settings.CHUAN_REPLICA_MAX_LAG_SECONDS:
        logger.warning("Replica %s lags %.0f s, reading from the primary.", alias, float(lag))
        return False
    return True


def _close_quietly(alias: str) -> None:
    try:
        connections[alias].close()
    except DatabaseError:
        logger.debug("Closing the broken replica connection failed.", exc_info=True)


def replica_available(alias: str) -> bool:
    """The cached verdict of the replica's health, checked again when older than
    CHUAN_REPLICA_CHECK_SECONDS."""
    now = time.monotonic()
    seen = _health.get(alias)
    if seen is not None and now - seen[0] < settings.CHUAN_REPLICA_CHECK_SECONDS:
        return seen[1]
    with _health_lock:
        healthy = _probe(alias)
        _health[alias] = (time.monotonic(), healthy)
    return healthy


def replica_mark_down(alias: str) -> None:
    """Record that the replica just failed: reads go to the primary until the next check."""
    _health[alias] = (time.monotonic(), False)
    _close_quietly(alias)


def replica_health_forget() -> None:
    """Drop every cached verdict (tests, and a node told the replica is back)."""
    _health.clear()


def _choose() -> str | None:
    alias = replica_alias()
    if not alias or _pinned.get():
        return None
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return None
    return alias if replica_available(alias) else None


class reads_from_replica:  # noqa: N801 - reads as a phrase where it is used
    """Let the reads inside go to the replica when there is one, it is healthy and the
    request is not pinned to the primary.

        @login_required
        @reads_from_replica()
        def dashboard_view(request): ...

        with reads_from_replica():
            board = stats.dashboard(...)

    As a view decorator it also makes the view run once more on the primary when the
    replica fails in the middle of it: the views it marks only read.
    """

    def __init__(self) -> None:
        self._token: Any = None

    def __enter__(self) -> str:
        alias = _choose()
        self._token = _reading_from.set(alias)
        return alias or DEFAULT_DB_ALIAS

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _reading_from.reset(self._token)

    def __call__(self, view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not replica_alias():
                return view(request, *args, **kwargs)
            # Who is asking is settled on the primary before reads move.
            user = getattr(request, "user", None)
            if user is not None:
                bool(user.is_authenticated)
            with reads_from_replica() as alias:
                try:
                    return view(request, *args, **kwargs)
                except (OperationalError, InterfaceError):
                    if alias == DEFAULT_DB_ALIAS:
                        raise
                    logger.warning(
                        "Replica %s failed during %s; again on the primary.", alias, request.path
                    )
            replica_mark_down(alias)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]


class ReplicaRouter:
    """Django's database router for a primary and one read replica (DATABASE_ROUTERS)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        alias = _reading_from.get()
        if alias is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        # Explicit: an object read from the replica is saved on the primary.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        together = {DEFAULT_DB_ALIAS, replica_alias()}
        if obj1._state.db in together and obj2._state.db in together:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica is a copy of the primary's files: only the primary is migrated.
        return db == DEFAULT_DB_ALIAS


def _pin_fresh(raw: str | None, now: float) -> bool:
    if not raw:
        return False
    try:
        until = int(raw)
    except ValueError:
        return False
    # Bounded: a forged far-future value pins nothing longer than one window.
    return now < until <= now + settings.CHUAN_REPLICA_PIN_SECONDS + 1


class PrimaryAfterWriteMiddleware:
    """Read-your-writes: a request that may write, and every request of the same browser
    for CHUAN_REPLICA_PIN_SECONDS after it, reads only from the primary. Does nothing
    without a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_alias():
            return self.get_response(request)
        now = time.time()
        writes = request.method not in SAFE_METHODS
        token = _pinned.set(writes or _pin_fresh(request.COOKIES.get(PIN_COOKIE), now))
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if writes:
            seconds = settings.CHUAN_REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                str(int(now) + seconds + 1),
                max_age=seconds + 1,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
