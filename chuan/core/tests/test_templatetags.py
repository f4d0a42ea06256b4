from django.utils import translation

from chuan.core.templatetags.chuan import changes_summary, verb_label


def test_changes_read_as_labelled_old_and_new_values():
    with translation.override("vi"):
        text = changes_summary({"short_name": ["", "UBND huyện Chư Sê"], "department": None})
    assert text.splitlines() == ["Tên viết tắt: — → UBND huyện Chư Sê", "Phòng ban: —"]


def test_unknown_verbs_and_non_dict_changes_do_not_break_the_page():
    assert verb_label("something.new") == "something.new"
    assert changes_summary("not a dict") == ""
    with translation.override("en"):
        assert verb_label("agency.created") == "Created agency"


def test_stored_codes_are_shown_with_their_labels():
    with translation.override("vi"):
        agency = changes_summary({"kind": ["other", "provincial_department"]}, "agency.updated")
        user = changes_summary({"roles": ["viewer", "desk_officer"]}, "user.created")
    assert agency == "Loại: Khác → Sở, ban, ngành cấp tỉnh"
    assert user == "Vai trò: Người xem, Công chức một cửa"
