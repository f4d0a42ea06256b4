import pytest

from chuan.core.params import id_param


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        ("", None),
        (None, None),
        ("abc", None),
        ("-3", None),
        ("0", None),
        ("9" * 40, None),
        ("9223372036854775807", 9223372036854775807),
        ("9223372036854775808", None),
        ("４２", None),
    ],
)
def test_id_param_accepts_only_real_ids(raw, expected):
    assert id_param(raw) == expected
