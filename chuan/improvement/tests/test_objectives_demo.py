import datetime as dt

import pytest
import time_machine

from chuan.accounts.roles import Role
from chuan.demo.gialai import WARD_ECONOMY, WARD_OFFICE, WARD_SOCIETY
from chuan.demo.qms_objectives import load_objectives
from chuan.dossiers.rules import VIETNAM
from chuan.improvement.choices import ObjectiveState
from chuan.improvement.models import Objective
from chuan.improvement.selectors.objectives import objectives_of, progress_for
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_the_ward_objectives_load_once(world):
    ward = world.ward_pc
    for name in (WARD_OFFICE, WARD_ECONOMY, WARD_SOCIETY):
        Department.objects.create(agency=ward, name=name)
    assert load_objectives() == 0  # no demo accounts yet
    member(UserFactory(username="leader", roles=[Role.AGENCY_LEADER]), ward)
    member(UserFactory(username="secretary", roles=[Role.ISO_SECRETARY]), ward)
    with time_machine.travel(dt.datetime(2026, 7, 15, 9, tzinfo=VIETNAM), tick=False):
        assert load_objectives() == 6
        assert load_objectives() == 0
        objectives = list(objectives_of(agency_id=ward.pk, year=2026))
        progress = progress_for(objectives)
    assert {o.state for o in objectives} == {ObjectiveState.APPROVED}
    assert all(o.plan.exists() for o in objectives)
    assert Objective.objects.filter(department__isnull=False).count() == 3
    complaints = next(o for o in objectives if o.measure == "manual_month" and not o.department)
    assert complaints.measurements.count() == 6  # January to June
    assert progress[complaints.pk].value == 1.0 and progress[complaints.pk].status == "met"
    digitised = next(o for o in objectives if o.measure == "manual_quarter")
    assert digitised.measurements.count() == 2
