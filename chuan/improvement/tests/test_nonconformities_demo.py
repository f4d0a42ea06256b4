"""The demo ward's corrective-action requests load through the services, in every state,
and a second run creates nothing."""

import datetime

import pytest

from chuan.accounts.roles import Role
from chuan.demo.gialai import DESK_WARD_2025_DEPARTMENTS
from chuan.demo.qms_nonconformities import load_nonconformities
from chuan.improvement.choices import NcState
from chuan.improvement.models import Nonconformity
from chuan.improvement.selectors.nonconformities import actions_due
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

ROLES = {
    "leader": Role.AGENCY_LEADER,
    "secretary": Role.ISO_SECRETARY,
    "doccontrol": Role.DOCUMENT_CONTROLLER,
    "desk": Role.DESK_OFFICER,
    "official": Role.PROCESSING_OFFICIAL,
    "viewer": Role.VIEWER,
}


def test_the_demo_loads_every_state_once(world):
    for name in DESK_WARD_2025_DEPARTMENTS:
        Department.objects.create(agency=world.ward_pc, name=name)
    for username, role in ROLES.items():
        member(UserFactory(username=username, roles=[role]), world.ward_pc)
    assert load_nonconformities() == 8
    requests = Nonconformity.objects.filter(agency=world.ward_pc)
    assert set(requests.values_list("state", flat=True)) == set(NcState.values)
    reopened = requests.get(state=NcState.REOPENED)
    assert reopened.reopened_count == 1
    repeated = requests.get(state=NcState.PLANNED)
    assert repeated.repeats == requests.get(state=NcState.CLOSED)
    official = reopened.actions.get().owner
    assert official.username == "official"
    overdue = list(actions_due(user=official, today=datetime.date(2026, 12, 4)))
    assert overdue and overdue[0].due_on < datetime.date(2026, 12, 4)
    assert load_nonconformities() == 0
    assert requests.count() == 8
