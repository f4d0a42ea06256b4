"""Activity reads in words: labels an app registers for its own entity, values as labels,
times as dd/mm/yyyy HH:MM in Vietnam's time, and a list of what would still show raw."""

from django.utils import translation

import pytest

from chuan.core import activity_format as fmt


@pytest.fixture
def parcel():
    """A made-up entity registered the way an app does it in its ready()."""
    fmt.register_verb_labels({"parcel.sent": "Gửi bưu phẩm"})
    fmt.register_field_labels({"state": "Tình trạng", "sent_at": "Gửi lúc"}, entity="parcel")
    fmt.register_value_labels("state", {3: "Đã gửi", "lost": "Thất lạc"}, entity="parcel")
    yield
    fmt.VERB_LABELS.pop("parcel.sent")
    fmt.FIELD_LABELS.pop("parcel")
    fmt.VALUE_LABELS.pop("parcel")


def test_codes_and_times_read_in_words(parcel):
    with translation.override("vi"):
        lines = fmt.change_lines(
            "parcel.sent",
            {
                "state": [3, "lost"],
                "sent_at": "2026-02-16T01:30:00+00:00",
                "valid_from": "2026-02-17",
                "morning": "07:30:00",
            },
        )
    assert lines == [
        "Tình trạng: Đã gửi → Thất lạc",
        "Gửi lúc: 16/02/2026 08:30",  # UTC stored, Vietnam's time shown
        "Hiệu lực từ: 17/02/2026",
        "morning: 07:30",
    ]
    assert fmt.verb_label("parcel.sent") == "Gửi bưu phẩm"


def test_an_entitys_labels_do_not_leak_into_another(parcel):
    assert fmt.change_lines("crate.sent", {"state": "lost"}) == ["state: lost"]


def test_what_would_show_raw_is_listed(parcel):
    assert fmt.unlabelled("parcel.sent", {"state": 3, "sent_at": "2026-02-17"}) == []
    assert fmt.unlabelled("parcel.lost", {"state": "found", "colour": "dark_red"}) == [
        "verb parcel.lost",
        "value parcel.state='found'",
        "field parcel.colour",
        "value parcel.colour='dark_red' (a code without labels)",
    ]
