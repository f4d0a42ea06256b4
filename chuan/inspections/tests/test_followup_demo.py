"""The follow-up demo loader drives reports, acceptances and one refusal."""

import pytest

from chuan.demo.dost_followup import load_followup
from chuan.inspections.choices import RequestState
from chuan.inspections.tests.followup_support import concluded

pytestmark = pytest.mark.django_db


def test_load_followup(world):
    inspection = concluded(world, count=3)
    done = load_followup(
        inspection=inspection,
        reports=3,
        accept=1,
        refuse=1,
        actor=world.coordinator,
        answerer=world.secretary,
    )
    assert done == {"reported": 3, "accepted": 1, "refused": 1}
    states = list(inspection.requests.order_by("id").values_list("state", flat=True))
    assert states == [RequestState.ACCEPTED, RequestState.NOT_ACCEPTED, RequestState.REPORTED]
    again = load_followup(
        inspection=inspection,
        reports=3,
        accept=1,
        refuse=1,
        actor=world.coordinator,
        answerer=world.secretary,
    )
    assert again == {"reported": 0, "accepted": 0, "refused": 0}
