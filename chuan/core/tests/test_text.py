import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.core.text import fold, search_tokens


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Chư Sê", "chu se"),
        ("Thành phố Pleiku", "thanh pho pleiku"),
        ("Đắk Đoa", "dak doa"),
        ("ĐƯỜNG  Hùng   Vương", "duong hung vuong"),
        ("hồ sơ", "ho so"),
        ("Sở KH&CN", "so kh cn"),
        ("Ủy ban nhân dân xã Ia Hrú", "uy ban nhan dan xa ia hru"),
        ("", ""),
    ],
)
def test_fold_removes_diacritics_case_and_punctuation(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_tokens_drops_duplicates_and_caps_the_count() -> None:
    assert search_tokens("Chư chu SÊ") == ["chu", "se"]
    assert len(search_tokens(" ".join(f"w{i}" for i in range(20)))) == 8


@given(st.text())
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == "" or once.isascii()
