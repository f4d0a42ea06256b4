"""The replica router: which reads go to the replica, read-your-writes, and a replica that
is down or fails mid-view (reads fall back to the primary, never a 500).

Without `CHUAN_TEST_REPLICA_URL` the "replica" alias is a second connection to the test
database, enough for the routing rules; `.ci/run` starts a real streaming replica
(`scripts/pg_replica.sh`) and sets it, and the tests marked `real_replica` then prove the
reads really reach a hot standby and that a paused replay does not hide a user's own write.
"""

import os
import time
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from chuan.core import db_router
from chuan.core.db_router import (
    PIN_COOKIE,
    PrimaryAfterWriteMiddleware,
    ReplicaRouter,
    reads_from_replica,
)
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.tests.factories import make_unit

REPLICA_URL = os.environ.get("CHUAN_TEST_REPLICA_URL", "").strip()
real_replica = pytest.mark.skipif(
    not REPLICA_URL,
    reason="no streaming replica: set CHUAN_TEST_REPLICA_URL (.ci/run starts one with "
    "scripts/pg_replica.sh)",
)


def test_ci_has_a_real_replica() -> None:
    """CI must not skip the real-replica tests silently."""
    if os.environ.get("CHUAN_REQUIRE_REPLICA") == "1":
        assert REPLICA_URL, "CHUAN_REQUIRE_REPLICA=1 but CHUAN_TEST_REPLICA_URL is not set"


@pytest.fixture
def replica_on(settings: Any) -> Iterator[None]:
    settings.CHUAN_REPLICA_ALIAS = "replica"
    db_router.replica_health_forget()
    yield
    db_router.replica_health_forget()


@pytest.fixture
def replica_healthy(replica_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_router, "replica_available", lambda alias: True)


def _read_alias(request: HttpRequest) -> HttpResponse:
    return HttpResponse(router.db_for_read(Agency))


def _chain(view: Any = _read_alias) -> PrimaryAfterWriteMiddleware:
    decorated = reads_from_replica()(view)
    return PrimaryAfterWriteMiddleware(decorated)


def _new_row() -> AdministrativeUnit:
    code = str(90 + AdministrativeUnit.objects.count())
    return make_unit(
        unit_set="legacy",
        code=code,
        name=f"Tỉnh {code}",
        short_name=code,
        level="province",
        kind="province",
    )


def _count(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(AdministrativeUnit.objects.count()))


def _request(method: str = "get", cookie: str | None = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/desk/dashboard/")
    request.user = AnonymousUser()
    if cookie is not None:
        request.COOKIES[PIN_COOKIE] = cookie
    return request


# --- the rules, without a database ------------------------------------------------------


def test_without_a_replica_everything_reads_and_writes_on_the_primary() -> None:
    with reads_from_replica() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(Agency) == DEFAULT_DB_ALIAS
    assert _chain()(_request()).content == b"default"


def test_only_marked_reads_go_to_the_replica(replica_healthy: None) -> None:
    assert router.db_for_read(Agency) == DEFAULT_DB_ALIAS
    with reads_from_replica() as alias:
        assert alias == "replica"
        assert router.db_for_read(Agency) == "replica"
        assert router.db_for_write(Agency) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Agency) == DEFAULT_DB_ALIAS


def test_who_is_asking_is_always_read_on_the_primary(replica_healthy: None) -> None:
    from django.contrib.sessions.models import Session

    from rest_framework.authtoken.models import Token

    from chuan.accounts.models import User

    with reads_from_replica():
        for model in (Session, User, Token):
            assert router.db_for_read(model) == DEFAULT_DB_ALIAS


def test_the_replica_is_never_migrated_and_relations_span_both() -> None:
    r = ReplicaRouter()
    assert r.allow_migrate(DEFAULT_DB_ALIAS, "dossiers") is True
    assert r.allow_migrate("replica", "dossiers") is False


def test_read_your_writes_pins_the_browser_to_the_primary(replica_healthy: None) -> None:
    chain = _chain()
    assert chain(_request()).content == b"replica"
    # A write: the request itself and the next ones for a few seconds read the primary.
    written = chain(_request("post"))
    assert written.content == b"default"
    pin = written.cookies[PIN_COOKIE]
    assert pin["httponly"] and int(pin["max-age"]) <= 10
    assert chain(_request(cookie=pin.value)).content == b"default"
    # Once the pin has passed, the replica again.
    assert chain(_request(cookie=str(int(time.time()) - 1))).content == b"replica"
    # A forged cookie pins nothing for long, and garbage nothing at all.
    assert chain(_request(cookie=str(int(time.time()) + 3600))).content == b"replica"
    assert chain(_request(cookie="soon")).content == b"replica"


def test_a_transaction_on_the_primary_keeps_its_reads(
    replica_healthy: None, transactional_db: None
) -> None:
    with transaction.atomic(), reads_from_replica() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(Agency) == DEFAULT_DB_ALIAS


# --- a replica that is down -------------------------------------------------------------


def _break(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the replica alias at a server that is not there."""
    connection = connections["replica"]
    connection.close()
    if connection.vendor == "postgresql":
        monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
        monkeypatch.setitem(connection.settings_dict, "PORT", "9")  # discard: refused
    else:
        monkeypatch.setitem(connection.settings_dict, "NAME", "/nonexistent/chuan/replica.db")


# Transactional: a test transaction would be opened on the replica alias too, which a
# second connection to SQLite's in-memory test database cannot do beside the first.
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_replica_that_is_down_sends_reads_to_the_primary(
    replica_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(monkeypatch)
    _new_row()
    started = time.monotonic()
    with reads_from_replica() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert AdministrativeUnit.objects.count() == 1
    assert time.monotonic() - started < 5
    # The verdict is kept: the next request does not wait for a connection again.
    with reads_from_replica() as alias:
        assert alias == DEFAULT_DB_ALIAS
    connections["replica"].close()


# Transactional: a test transaction would be opened on the replica alias too, which a
# second connection to SQLite's in-memory test database cannot do beside the first.
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_replica_failing_mid_view_reruns_the_view_on_the_primary(
    replica_healthy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(monkeypatch)
    _new_row()

    response = _chain(_count)(_request())
    assert response.status_code == 200 and response.content == b"1"
    connections["replica"].close()


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_dashboard_answers_when_the_replica_is_down(
    replica_on: None, monkeypatch: pytest.MonkeyPatch, client: Any, world: Any
) -> None:
    _break(monkeypatch)
    client.force_login(world.admin)
    for url in ("/desk/dashboard/", "/overview/", "/documents/?q=quy+trinh"):
        assert client.get(url).status_code == 200, url
    connections["replica"].close()


# --- a real streaming replica -----------------------------------------------------------


def _on_replica(sql: str) -> Any:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return row[0] if row else None


def _wait_for_replica(count: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with reads_from_replica():
            if AdministrativeUnit.objects.count() == count:
                return
        time.sleep(0.05)
    raise AssertionError(f"the replica did not reach {count} units within 20 s")


@real_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_marked_reads_reach_the_hot_standby(replica_on: None, client: Any, world: Any) -> None:
    assert _on_replica("SELECT pg_is_in_recovery()") is True
    _wait_for_replica(AdministrativeUnit.objects.count())
    client.force_login(world.admin)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/desk/dashboard/").status_code == 200
    assert len(on_replica) > 0
    # A request after a write (the pin cookie) reads the dashboard from the primary.
    client.cookies[PIN_COOKIE] = str(int(time.time()) + 3)
    with CaptureQueriesContext(connections["replica"]) as pinned:
        assert client.get("/desk/dashboard/").status_code == 200
    assert len(pinned) == 0


@real_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_read_your_writes_on_a_lagging_replica(replica_on: None) -> None:
    _new_row()
    _wait_for_replica(1)

    chain = _chain(_count)
    _on_replica("SELECT pg_wal_replay_pause()")
    try:
        # The replica stands still: a write on the primary is not there yet.
        written = PrimaryAfterWriteMiddleware(lambda request: HttpResponse(str(_new_row().pk)))(
            _request("post")
        )
        assert chain(_request()).content == b"1"
        # The writer, pinned by its cookie, reads the primary and sees its own write.
        assert chain(_request(cookie=written.cookies[PIN_COOKIE].value)).content == b"2"
    finally:
        _on_replica("SELECT pg_wal_replay_resume()")
    _wait_for_replica(2)
    connections["replica"].close()
