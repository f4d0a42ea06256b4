from chuan.kits import placeholders


def test_known_names_are_filled_and_spaces_inside_braces_allowed():
    filled = placeholders.fill(
        "{{ten_co_quan}} ({{ ma_co_quan }}), thư ký: {{thu_ky_iso}}, {{sai_ten}}",
        {"ten_co_quan": "UBND xã Ia Grai", "ma_co_quan": "000.00.31.H21", "thu_ky_iso": " "},
    )
    assert filled.text == "UBND xã Ia Grai (000.00.31.H21), thư ký: …………, {{sai_ten}}"
    assert filled.missing == ["thu_ky_iso"]
    assert filled.unknown == ["sai_ten"]


def test_names_in_order_of_first_use():
    assert placeholders.names_in("{{nam}} {{tinh}} {{nam}} {{ X }}") == ["nam", "tinh"]


def test_text_without_placeholders_is_unchanged():
    assert placeholders.fill_text("Không có gì {{ }} {x}", {}) == "Không có gì {{ }} {x}"
