"""Where a dossier is finished and returned in an internal process, and which marks of
signing and result a process may carry: every case of the pure rules."""

import pytest

from chuan.procedures.route import Routed, result_order, return_order, route_problem


def _route(*spec: str) -> list[Routed]:
    """Steps from "desk", "department", "leader", with "+sign" and "+result" marks."""
    return [
        Routed(order, text.split("+")[0], "+sign" in text, "+result" in text)
        for order, text in enumerate(spec, start=1)
    ]


@pytest.mark.parametrize(
    ("spec", "result", "returned"),
    [
        # Birth registration: the leader signs at 3, the desk returns at 4.
        (("desk", "department", "leader+sign", "desk"), 3, 4),
        # No return step: the last step gives the result.
        (("desk", "department"), 2, None),
        (("department", "department", "department"), 3, None),
        (("desk",), 1, None),
        # Two desk steps: the second returns what the first gives.
        (("desk", "desk"), 1, 2),
        # Signed at 2, issued (the marked result) at 3, returned at 4.
        (("department", "leader+sign", "department+result", "desk"), 3, 4),
        # The result marked on the last step: nothing follows it.
        (("desk", "leader+sign+result"), 2, None),
    ],
)
def test_result_and_return_steps(spec, result, returned):
    steps = _route(*spec)
    assert result_order(steps) == result
    assert return_order(steps) == returned
    assert route_problem(steps) is None


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (("department+result", "leader+result"), "1, 2"),
        (("desk", "department+sign", "desk"), "2"),
        # After the result only the desk's return may follow.
        (("department+result", "leader+sign", "desk"), "1"),
        (("department+result", "desk", "desk"), "1"),
        (("desk", "department+result", "leader+sign"), "2"),
    ],
)
def test_marks_that_cannot_stand(spec, words):
    problem = route_problem(_route(*spec))
    assert problem is not None and words in problem
