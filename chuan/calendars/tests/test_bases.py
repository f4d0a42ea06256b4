"""Each computed day of the calendar names what decides it: the Labour Code's holidays and
make-up days, the year's notice for the swaps, with a link when the library holds it."""

import datetime as dt

from django.utils import translation

import pytest

from chuan.calendars import selectors
from chuan.calendars.bases import computed_basis
from chuan.legal.tests.factories import legal

D = dt.date


@pytest.mark.parametrize(
    ("day", "name", "working", "symbol"),
    [
        # 2026 (TB 9441/TB-BNV): 31/8 off in exchange for Saturday 22/8 worked.
        (D(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)", False, "9441/TB-BNV"),
        (D(2026, 8, 22), "", True, "9441/TB-BNV"),
        # Tết Bính Ngọ: the Labour Code gives five days, the notice fixes 16–20/2.
        (D(2026, 2, 16), "Giao thừa Tết Nguyên Đán", False, "9441/TB-BNV"),
        (D(2026, 2, 17), "Tết Nguyên Đán", False, "9441/TB-BNV"),
        # Hùng Kings' day on Sunday 26/4/2026, made up on Monday 27/4 (Art. 111(3)).
        (D(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)", False, "45/2019/QH14"),
        (D(2026, 4, 30), "Ngày Chiến thắng", False, "45/2019/QH14"),
        (D(2026, 9, 2), "Quốc khánh", False, "45/2019/QH14"),
        (D(2026, 11, 24), "Ngày Văn hóa Việt Nam", False, "28/2026/QH16"),
        # 2025 (6150/TB-BLĐTBXH): Friday 2/5 off for Saturday 26/4 worked.
        (D(2025, 5, 2), "Ngày nghỉ (thay cho ngày 26/04/2025)", False, "6150/TB-BLĐTBXH"),
        # 2024 had two notices for different days: no symbol rather than a wrong one.
        (D(2024, 5, 4), "", True, ""),
    ],
)
def test_computed_basis_names_the_deciding_document(day, name, working, symbol):
    basis = computed_basis(day, name, working=working)
    assert basis.symbol == symbol
    assert basis.label
    with translation.override("vi"):
        assert "luật định" not in computed_basis(day, name, working=working).label


@pytest.mark.django_db
def test_the_year_screen_labels_swaps_with_the_notice_and_links_it(client, world):
    notice = legal(
        world.admin,
        "9441/TB-BNV",
        "notice",
        D(2025, 10, 16),
        issuer="Bộ Nội vụ",
        title="Thông báo về việc nghỉ Tết Âm lịch và dịp Quốc khánh năm 2026",
    )
    days = {d.date: d for d in selectors.year_days(province=world.gia_lai_2025, year=2026)}
    assert days[D(2026, 8, 31)].basis_document == notice
    assert days[D(2026, 8, 22)].basis_document == notice
    assert days[D(2026, 4, 30)].basis_document is None  # the Labour Code is not in this library
    client.force_login(world.viewer)
    with translation.override("vi"):
        html = client.get("/calendar/?year=2026", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    row = html[html.index('data-testid="day-row" data-date="2026-08-31"') :]
    row = row[: row.index("</tr>")]
    assert notice.get_absolute_url() in row
    assert "9441/TB-BNV" in row
    assert "Theo luật định" not in html


@pytest.mark.django_db
def test_the_year_api_gives_each_computed_day_its_basis(client, world):
    body = client.get("/api/v1/calendar/days/", {"year": "2026"}).json()
    by_date = {day["date"]: day for day in body["days"]}
    assert "9441/TB-BNV" in by_date["2026-08-31"]["legal_basis"]
    assert "45/2019/QH14" in by_date["2026-04-30"]["legal_basis"]


@pytest.mark.django_db
def test_provinces_are_in_vietnamese_order_not_byte_order(world):
    from chuan.organisations.tests.factories import make_unit

    for code, name, short in (
        ("66", "Tỉnh Đắk Lắk", "Đắk Lắk"),
        ("48", "Thành phố Đà Nẵng", "Đà Nẵng"),
        ("96", "Tỉnh Cà Mau", "Cà Mau"),
        ("08", "Tỉnh Tuyên Quang", "Tuyên Quang"),
    ):
        make_unit(
            unit_set="2025",
            code=code,
            name=name,
            short_name=short,
            level="province",
            kind="province",
        )
    names = [unit.short_name for unit in selectors.province_choices()]
    assert names == ["Cà Mau", "Đà Nẵng", "Đắk Lắk", "Gia Lai", "Tuyên Quang"]
