import pytest

from chuan.kits.tests.factories import make_kit


@pytest.fixture
def kit(world):
    return make_kit(world)
