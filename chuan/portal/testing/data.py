"""Online submissions as the portal hands them over, for tests, benchmarks and the browser
test: a valid one for a desk's procedure, and the ways a delivery can be malformed."""

import datetime
import zlib
from typing import Any

from chuan.portal.messages import portal_time
from chuan.portal.testing.simulator import PortalSimulator


def png_bytes(seed: int = 0) -> bytes:
    """A small real PNG (one grey pixel): a scanned paper, as far as content checks go."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0]))
    pixels = chunk(b"IDAT", zlib.compress(bytes([0, seed % 256])))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + chunk(b"IEND", b"")


def submission_data(
    portal: PortalSimulator,
    *,
    code: str,
    agency_code: str,
    procedure_code: str,
    files: int = 2,
    submitted: datetime.datetime | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """A valid online submission (status 1) whose files the simulator holds."""
    entries = []
    for index in range(files):
        file_id = f"{code}-{index + 1}"
        path = portal.add_file(file_id, png_bytes(index))
        entries.append(
            {
                "TepDinhKemId": file_id,
                "TenTepDinhKem": f"giay-to-{index + 1}.png",
                "MaThanhPhanHoSo": f"TP{index + 1}",
                "TenThanhPhanHoSo": ("Tờ khai", "Giấy chứng sinh", "Giấy tờ khác")[index % 3],
                "DuongDanTaiTepTin": path,
            }
        )
    data: dict[str, Any] = {
        "MaHoSo": code,
        "MaTTHC": procedure_code,
        "TenTTHC": "Đăng ký khai sinh",
        "MaDonVi": agency_code,
        "TrangThaiHoSo": 1,
        "ChuHoSo": "Trần Văn Bình",
        "LoaiDoiTuong": 1,
        "SoGiayToChuHoSo": "064095000123",
        "DiaChiChuHoSo": "Tổ 5, phường Pleiku",
        "Email": "binh@example.vn",
        "SoDienThoai": "0905123456",
        "TrichYeuHoSo": "Đăng ký khai sinh cho con",
        "NgayNopHoSo": portal_time(submitted or datetime.datetime.now(datetime.UTC)),
        "HinhThuc": 0,
        "TaiLieuNop": entries,
    }
    data.update(changes)
    return data


MALFORMATIONS: list[tuple[str, dict[str, Any]]] = [
    ("no applicant", {"ChuHoSo": ""}),
    ("bad citizen ID", {"SoGiayToChuHoSo": "12345"}),
    ("unknown procedure", {"MaTTHC": "9.999999"}),
    ("unknown agency", {"MaDonVi": "000.00.99.H99"}),
    ("not status 1", {"TrangThaiHoSo": 4}),
    ("bad time", {"NgayNopHoSo": "2026-03-02"}),
    ("bad phone", {"SoDienThoai": "12"}),
    ("unknown field", {"MaXaPhuong": "x"}),
]
