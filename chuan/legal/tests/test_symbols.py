"""Reading document symbols the way Decree 30/2020/NĐ-CP writes them."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.legal.choices import DocumentKind as K
from chuan.legal.symbols import SymbolError, check_symbol, parse_symbol


@pytest.mark.parametrize(
    ("text", "number", "year", "type_code", "issuer", "normal"),
    [
        ("61/2018/NĐ-CP", 61, 2018, "NĐ", "CP", "61/2018/NĐ-CP"),
        ("658/QĐ-UBND", 658, None, "QĐ", "UBND", "658/QĐ-UBND"),
        ("Số: 19/2014/QĐ-TTg", 19, 2014, "QĐ", "TTg", "19/2014/QĐ-TTg"),
        ("60/2014/QH13", 60, 2014, "", "QH13", "60/2014/QH13"),
        ("01/2022/ubtvqh15", 1, 2022, "", "UBTVQH15", "01/2022/UBTVQH15"),
        ("01/2018/TT-VPCP", 1, 2018, "TT", "VPCP", "01/2018/TT-VPCP"),
        ("9441/TB-BNV", 9441, None, "TB", "BNV", "9441/TB-BNV"),
        ("1234/UBND-KGVX", 1234, None, "", "UBND-KGVX", "1234/UBND-KGVX"),
        ("123/2015/nd-cp", 123, 2015, "NĐ", "CP", "123/2015/NĐ-CP"),
        ("5/2020/qd-ttg", 5, 2020, "QĐ", "TTg", "05/2020/QĐ-TTg"),
        (" 45 / 2020 / ND-CP ", 45, 2020, "NĐ", "CP", "45/2020/NĐ-CP"),
        ("12/2024/NQ-HĐND", 12, 2024, "NQ", "HĐND", "12/2024/NQ-HĐND"),
        ("101/QĐ–BKHCN", 101, None, "QĐ", "BKHCN", "101/QĐ-BKHCN"),
        ("05/TTr-STP", 5, None, "TTr", "STP", "05/TTr-STP"),
        ("02/2013/TTLT-BTP-BCA", 2, 2013, "TTLT", "BTP-BCA", "02/2013/TTLT-BTP-BCA"),
        ("125a/QĐ-UBND", 125, None, "QĐ", "UBND", "125a/QĐ-UBND"),
    ],
)
def test_symbols_are_read_into_their_parts(text, number, year, type_code, issuer, normal):
    symbol = parse_symbol(text)
    assert (symbol.number, symbol.year, symbol.type_code, symbol.issuer_code) == (
        number,
        year,
        type_code,
        issuer,
    )
    assert symbol.text == normal


@pytest.mark.parametrize(
    "text",
    [
        "",
        "61",
        "61/2018",
        "NĐ-CP",
        "0/QĐ-UBND",
        "61/18/NĐ-CP",
        "61/2018/NĐ-",
        "61/2018/NĐ",
        "61/2018/-CP",
        "61/1900/NĐ-CP",
        "61/2999/NĐ-CP",
        "61/2018/NĐ CP/x",
        "abc/QĐ-UBND",
        "61/2018/NĐ--CP",
        "61/2018/NĐ-C<P",
    ],
)
def test_malformed_symbols_say_why(text):
    with pytest.raises(SymbolError) as caught:
        parse_symbol(text)
    assert str(caught.value)


@pytest.mark.parametrize(
    ("text", "kind", "issued"),
    [
        ("61/2018/NĐ-CP", K.DECREE, dt.date(2018, 4, 23)),
        ("60/2014/QH13", K.LAW, dt.date(2014, 11, 20)),
        ("202/2025/QH15", K.RESOLUTION, dt.date(2025, 6, 12)),
        ("658/QĐ-UBND", K.DECISION, dt.date(2017, 5, 12)),
        ("12/2024/QĐ-UBND", K.DECISION, dt.date(2024, 3, 1)),
        ("1234/UBND-KGVX", K.OFFICIAL_LETTER, None),
        ("9441/TB-BNV", K.NOTICE, dt.date(2025, 12, 1)),
        ("05/KH-UBND", K.PLAN, None),
        ("01/2022/UBTVQH15", K.ORDINANCE, None),
    ],
)
def test_symbols_that_fit_their_kind(text, kind, issued):
    assert check_symbol(text, kind=kind, issue_date=issued)


@pytest.mark.parametrize(
    ("text", "kind", "issued", "reason"),
    [
        ("61/2018/NĐ-CP", K.CIRCULAR, None, "TT"),
        ("658/QĐ-UBND", K.DECREE, None, "NĐ"),
        ("61/NĐ-CP", K.DECREE, None, "61/2018/NĐ-CP"),  # a decree always carries its year
        ("61/2018/NĐ-CP", K.DECREE, dt.date(2019, 1, 1), "2019"),
        ("1234/UBND-KGVX", K.DECISION, None, "QĐ"),
        ("60/2014/QH13", K.DECREE, None, "NĐ"),
    ],
)
def test_symbols_that_do_not_fit_their_kind(text, kind, issued, reason):
    with pytest.raises(SymbolError) as caught:
        check_symbol(text, kind=kind, issue_date=issued)
    assert reason in str(caught.value)


@given(
    number=st.integers(10, 99999),
    year=st.integers(1945, 2026),
    code=st.sampled_from(["NĐ-CP", "QĐ-TTg", "TT-BTP", "QĐ-UBND", "NQ-HĐND"]),
)
def test_reading_a_written_symbol_gives_it_back(number, year, code):
    text = f"{number}/{year}/{code}"
    assert parse_symbol(text).text == text
    assert parse_symbol(parse_symbol(text).text) == parse_symbol(text)
