"""The records area's steps follow the foundation's one table: every state × action × form."""

import itertools

import pytest

from chuan.core.exceptions import ConflictError
from chuan.inspections import inspection_states
from chuan.inspections.choices import InspectionForm, InspectionState
from chuan.inspections.models import Inspection
from chuan.inspections.services.records import step


@pytest.mark.parametrize(
    ("state", "action", "form"),
    list(
        itertools.product(
            InspectionState.values, inspection_states.TRANSITIONS, InspectionForm.values
        )
    ),
)
def test_step_follows_the_table(state: str, action: str, form: str) -> None:
    inspection = Inspection(state=state, form=form)
    if inspection_states.can(action, state, form):
        assert step(inspection, action) == inspection_states.target(action)
    else:
        with pytest.raises(ConflictError):
            step(inspection, action)
