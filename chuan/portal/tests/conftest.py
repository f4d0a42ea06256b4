"""A desk and a simulated portal it is linked to."""

from typing import Any

import pytest

from chuan.dossiers.tests.factories import make_desk
from chuan.portal.client import PortalClient
from chuan.portal.testing.simulator import PortalSimulator

TOKEN = "portal-test-token"


@pytest.fixture
def simulator() -> Any:
    with PortalSimulator(token=TOKEN) as portal:
        yield portal


@pytest.fixture
def portal(simulator: PortalSimulator, settings: Any) -> PortalSimulator:
    settings.CHUAN_PORTAL_URL = simulator.url
    settings.CHUAN_PORTAL_TOKEN = TOKEN
    settings.CHUAN_PORTAL_TIMEOUT = 2
    return simulator


@pytest.fixture
def client_fast(portal: PortalSimulator) -> Any:
    with PortalClient(timeout=0.3) as client:
        yield client


@pytest.fixture
def desk(world: Any) -> Any:
    return make_desk(world)
