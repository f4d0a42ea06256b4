"""The status mapping is data with a version; a sub-status row is tried first."""

import pytest

from chuan.portal.mapping import parse_mapping, status_mapping


def test_the_shipped_mapping_covers_every_status():
    mapping = status_mapping()
    assert mapping.version == "2026.1"
    assert [mapping.code(status) for status in range(1, 11)] == list(range(1, 11))
    # Completion asked before receipt is the portal's "supplement requested".
    assert mapping.code(3, "incomplete") == 5
    assert mapping.code(3, "refused") == 3


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"rows": []}, "no version"),
        ({"version": "1", "rows": [{"status": 11, "portal": 1}]}, "1 to 10"),
        ({"version": "1", "rows": [{"status": 1, "portal": 1}] * 2}, "twice"),
        ({"version": "1", "rows": [{"status": 1, "portal": 1}]}, "without a row"),
    ],
)
def test_a_bad_mapping_is_refused(document, problem):
    with pytest.raises(ValueError, match=problem):
        parse_mapping(document)
