import pytest

from chuan.core.params import id_param, int_param


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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        (" 7 ", 7),
        ("-1", None),
        ("100", None),
        ("²", None),
        ("٣", None),
        ("３", None),
        ("1e2", None),
        (True, None),
        (42, 42),
    ],
)
def test_int_param_reads_ascii_digits_within_bounds(raw, expected):
    assert int_param(raw, minimum=0, maximum=99) == expected


@pytest.mark.parametrize("raw", ["²", "٣", "３", "-1", "100"])
def test_bounded_form_fields_refuse_foreign_digits_and_out_of_range(raw):
    from django import forms

    from chuan.core.forms import BoundedIntegerField

    class Form(forms.Form):
        count = BoundedIntegerField(min_value=0, max_value=99)

    form = Form({"count": raw})
    assert not form.is_valid() and "count" in form.errors
