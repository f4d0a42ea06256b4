"""Pure rules: capacity, the 36-period plan, the pass rule, certificate numbers, the course's
state table (every state × action) and the QR code's PNG."""

import struct
import zlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.core.exceptions import ConflictError
from chuan.training import course_states, rules
from chuan.training.choices import CourseKind, CourseState
from chuan.training.qr_png import png_from_matrix, qr_matrix, qr_png

REG = CourseKind.TT26_AUDITING


def test_capacity_caps_regulated_courses_at_25():
    assert rules.capacity(REG, 40) == 25
    assert rules.capacity(REG, 20) == 20
    assert rules.capacity(CourseKind.AWARENESS, 60) == 60


def test_a_regulated_plan_needs_four_modules_and_36_periods():
    assert rules.plan_shortfalls(REG, [(1, 9), (2, 9), (3, 9), (4, 9)]) == []
    # An optional fifth module is allowed and not counted towards the 36.
    assert rules.plan_shortfalls(REG, [(1, 9), (2, 9), (3, 9), (4, 9), (5, 3)]) == []
    missing = rules.plan_shortfalls(REG, [(1, 18), (2, 18)])
    assert any("3, 4" in m for m in missing)
    short = rules.plan_shortfalls(REG, [(1, 9), (2, 9), (3, 9), (4, 8)])
    assert any("35" in m and "36" in m for m in short)
    assert rules.plan_shortfalls(REG, [])
    assert rules.plan_shortfalls(CourseKind.AWARENESS, [(1, 4)]) == []
    assert rules.plan_shortfalls(CourseKind.AWARENESS, [])


def test_pass_rule():
    assert rules.outcome(Decimal("70"), 70, 29, 36).passed  # 80.5 % ≥ 80 %
    assert not rules.outcome(Decimal("69.99"), 70, 36, 36).passed
    assert not rules.outcome(Decimal("100"), 70, 28, 36).passed  # 77 % < 80 %
    assert not rules.outcome(None, 70, 36, 36).passed
    assert not rules.outcome(Decimal("90"), 70, 0, 0).passed
    assert rules.attendance_rate(4, 5) == 80


def test_certificate_numbers():
    assert rules.certificate_number("52", 2026, 7) == "0007/2026/CCDT-52"
    assert rules.certificate_number("5 2/", 2026, 12345) == "12345/2026/CCDT-52"
    assert rules.number_sequence("0007/2026/CCDT-52") == 7
    assert rules.number_sequence("7/2026/CCDT-52") is None
    assert rules.number_sequence("x") is None
    assert rules.next_sequence([]) == 1
    assert rules.next_sequence(["0007/2026/CCDT-52", "0003/2026/CCDT-52", "junk"]) == 8
    with pytest.raises(ValueError):
        rules.certificate_number("52", 2026, 0)


@given(
    st.integers(1, 999_999),
    st.integers(1901, 9999),
    st.text("0123456789AZ", min_size=1, max_size=6),
)
def test_numbers_read_back(sequence, year, code):
    number = rules.certificate_number(code, year, sequence)
    assert rules.number_sequence(number) == sequence
    assert rules.NUMBER_RE.match(number)


@pytest.mark.parametrize("state", CourseState.values)
@pytest.mark.parametrize("action", course_states.ACTIONS)
def test_every_state_and_action(state, action):
    expected = course_states.TRANSITIONS.get((state, action))
    if expected is None:
        with pytest.raises(ConflictError):
            course_states.next_state(state, action)
        assert action not in course_states.allowed(state)
    else:
        assert course_states.next_state(state, action) == expected
        assert action in course_states.allowed(state)


def _read_png(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks[kind] = body
        position += 12 + length
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    return width, height, zlib.decompress(chunks[b"IDAT"])


def test_png_encoder_draws_the_matrix_exactly():
    matrix = [[True, False], [False, True]]
    width, height, raw = _read_png(png_from_matrix(matrix, scale=2))
    assert (width, height) == (4, 4)
    rows = [raw[i * 5 : i * 5 + 5] for i in range(4)]
    assert all(row[0] == 0 for row in rows)  # filter byte
    assert rows[0][1:] == b"\x00\x00\xff\xff" and rows[3][1:] == b"\xff\xff\x00\x00"
    with pytest.raises(ValueError):
        png_from_matrix([])


def test_qr_png_of_a_verification_url():
    url = "http://127.0.0.1:8000/training/verify/0001/2026/CCDT-52/"
    matrix = qr_matrix(url)
    width, height, _raw = _read_png(qr_png(url, scale=3))
    assert width == height == len(matrix) * 3
    # Finder pattern: the top-left 7×7 square inside the 4-module quiet zone is dark-edged.
    assert all(matrix[4][4 + i] for i in range(7))
    assert not any(matrix[0])
