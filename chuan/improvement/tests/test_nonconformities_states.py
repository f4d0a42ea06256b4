"""Every state × every action of the request's table, through the services."""

import pytest

from chuan.core.exceptions import ConflictError
from chuan.improvement import nc_states
from chuan.improvement.choices import NcState
from chuan.improvement.models import Action
from chuan.improvement.services import nonconformities as services
from chuan.improvement.tests.nc_factories import at, cast, plan_data, walk_to

pytestmark = pytest.mark.django_db


def _do(c, nc, action):
    w = c.world
    if action == "confirm":
        return services.nonconformity_confirm(nc=nc, actor=c.head, at=at(3, 2))
    if action == "plan":
        return services.nonconformity_plan(nc=nc, data=plan_data(c), actor=c.head, at=at(4, 2))
    if action == "send_back":
        return services.nonconformity_send_back(nc=nc, note="Thiếu", actor=w.leader, at=at(4, 2))
    if action == "approve":
        return services.nonconformity_approve(nc=nc, actor=w.leader, at=at(3, 4))
    if action == "complete":
        open_actions = list(nc.actions.filter(state="open"))
        if not open_actions:
            open_actions = [
                Action.objects.create(
                    agency=nc.agency,
                    nonconformity=nc,
                    description="x",
                    owner=c.owner,
                    due_on=at(5, 1).date(),
                )
            ]
        for action_row in open_actions:
            services.action_complete(action=action_row, result="Xong", actor=c.owner, at=at(3, 9))
        nc.refresh_from_db()
        return nc
    if action in ("verify_effective", "verify_ineffective"):
        return services.nonconformity_verify(
            nc=nc,
            effective=action == "verify_effective",
            note="Đã kiểm tra",
            actor=w.secretary,
            at=at(5, 4),
        )
    if action == "cancel":
        return services.nonconformity_cancel(nc=nc, reason="Trùng", actor=w.secretary)
    raise AssertionError(action)


@pytest.mark.parametrize("state", NcState.values)
@pytest.mark.parametrize("action", list(nc_states.TRANSITIONS))
def test_every_state_and_action(world, state, action):
    c = cast(world)
    nc = walk_to(c, state)
    assert nc.state == state
    expected = nc_states.next_state(state, action)
    if expected is None:
        with pytest.raises(ConflictError):
            _do(c, nc, action)
        nc.refresh_from_db()
        assert nc.state == state
    else:
        assert _do(c, nc, action).state == expected


def test_table_helpers():
    assert nc_states.allowed_actions(NcState.DESCRIBED) == ["confirm", "cancel"]
    assert nc_states.allowed_actions(NcState.CLOSED) == []
    assert NcState.CLOSED not in nc_states.OPEN_STATES
