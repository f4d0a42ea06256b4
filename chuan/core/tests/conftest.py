import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from chuan.accounts.roles import Role
from chuan.dossiers.services import dossier_receive
from chuan.dossiers.tests.factories import make_desk, receipt
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member


@dataclass(frozen=True)
class ApiRows:
    desk: Any
    dossier: Any
    caller: Any
    decree: Any


@pytest.fixture
def api_rows(world: Any) -> ApiRows:
    """Rows for the API's paths to name (a desk with one dossier, a decree in the library)
    and a caller who may reach every check, so whole-API tests see full answers too."""
    desk = make_desk(world)
    dossier = dossier_receive(
        agency=desk.agency,
        data=receipt(desk.land),
        actor=desk.officer,
        at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    )
    caller = member(UserFactory(roles=[Role.SYSTEM_ADMIN], is_superuser=True), desk.agency)
    decree = legal(caller, "61/2018/NĐ-CP", "decree", dt.date(2018, 4, 23))
    return ApiRows(desk, dossier, caller, decree)
