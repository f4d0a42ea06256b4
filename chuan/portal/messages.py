"""The portal's messages and their field lists, as OpenCPS (the reference implementation of
the provincial back office) sends them to the Cổng DVCQG: `DongBoHoSoMC` (synchronise the
dossier, `isUpdating` after the first) and `CapNhatTienDoHoSoMC` (progress: who handled the
dossier, when, in which unit). Dates are `yyyyMMddHHmmss` in Vietnam's time.

The lists follow OpenCPS, which predates Circular 04/2025/TT-VPCP and QCVN 120:2019/BTTTT's
current reading; they are kept here, in one place, so a re-check changes one module. The
simulator (`portal.testing.simulator`) refuses any message that strays from them.

Which event sends what: receipt and every change of status or due time synchronise the
dossier; a hand-over between steps is a progress update. Acceptance of a step and the
citizen's rating send nothing (the portal has its own rating)."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chuan.dossiers.choices import EventKind, Status
from chuan.portal.choices import Service

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# DongBoHoSoMC: every field OpenCPS's createSyncDossierBodyRequest writes ("ko bb" = optional).
SYNC_FIELDS = frozenset(
    {
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "MaLinhVuc",
        "TenLinhVuc",
        "SoBienNhan",
        "ChuHoSo",
        "LoaiDoiTuong",
        "MaDoiTuong",
        "ThongTinKhac",
        "Email",
        "Fax",
        "SoDienThoai",
        "TrichYeuHoSo",
        "NgayTiepNhan",
        "NgayHenTra",
        "TrangThaiHoSo",
        "NgayTra",
        "ThongTinTra",
        "HinhThuc",
        "NgayKetThucXuLy",
        "DonViXuLy",
        "GhiChu",
        "DanhSachLePhi",
        "TaiLieuNop",
        "DanhSachGiayToKetQua",
        "DanhSachHoSoBoSung",
        "DanhSachTepDinhKemKhac",
    }
)
SYNC_REQUIRED = frozenset(
    {"MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "LoaiDoiTuong", "NgayTiepNhan", "TrangThaiHoSo"}
)
SYNC_LIST_FIELDS = {
    "DanhSachLePhi": frozenset({"TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"}),
    "TaiLieuNop": frozenset(
        {"TepDinhKemId", "TenTepDinhKem", "MaThanhPhanHoSo", "DuongDanTaiTepTin", "IsDeleted"}
    ),
    "DanhSachGiayToKetQua": frozenset(
        {"GiayToId", "TenGiayTo", "MaThanhPhanHoSo", "DuongDanTepTinKetQua"}
    ),
    "DanhSachHoSoBoSung": frozenset(
        {
            "HoSoBoSungId",
            "NguoiYeuCauBoSung",
            "NoiDungBoSung",
            "NgayBoSung",
            "NguoiTiepNhanBoSung",
            "ThongTinTiepNhan",
            "NgayTiepNhanBoSung",
            "TrangThaiBoSung",
            "DanhSachGiayToBoSung",
            "DanhSachLePhiBoSung",
            "NgayHenTraTruoc",
            "NgayHenTraMoi",
        }
    ),
    "DanhSachTepDinhKemKhac": frozenset(
        {"TepDinhKemId", "TenTepDinhKem", "DuongDanTaiTepTin", "IsDeleted"}
    ),
}
# CapNhatTienDoHoSoMC: the progress of one hand-over.
PROGRESS_FIELDS = frozenset(
    {
        "MaHoSo",
        "NguoiXuLy",
        "ChucDanh",
        "ThoiDiemXuLy",
        "PhongBanXuLy",
        "NoiDungXuLy",
        "TrangThai",
        "NgayBatDau",
        "NgayKetThucTheoQuyDinh",
    }
)
PROGRESS_REQUIRED = frozenset({"MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai"})
DATE_FIELDS = frozenset(
    {
        "NgayTiepNhan",
        "NgayHenTra",
        "NgayTra",
        "NgayKetThucXuLy",
        "ThoiDiemXuLy",
        "NgayBatDau",
        "NgayKetThucTheoQuyDinh",
        "NgayBoSung",
        "NgayTiepNhanBoSung",
        "NgayHenTraTruoc",
        "NgayHenTraMoi",
    }
)

# The online submission as the portal hands it over (status 1): the sync's names where it
# has them, and the applicant's identity papers and address, which it does not carry.
SUBMISSION_FIELDS = frozenset(
    {
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "MaDonVi",
        "TrangThaiHoSo",
        "ChuHoSo",
        "LoaiDoiTuong",
        "MaDoiTuong",
        "SoGiayToChuHoSo",
        "DiaChiChuHoSo",
        "Email",
        "SoDienThoai",
        "TrichYeuHoSo",
        "NgayNopHoSo",
        "HinhThuc",
        "DichVuTapTrung",
        "TaiLieuNop",
    }
)
SUBMISSION_REQUIRED = frozenset(
    {
        "MaHoSo",
        "MaTTHC",
        "MaDonVi",
        "TrangThaiHoSo",
        "ChuHoSo",
        "SoGiayToChuHoSo",
        "SoDienThoai",
        "NgayNopHoSo",
        "TaiLieuNop",
    }
)
SUBMISSION_FILE_FIELDS = frozenset(
    {"TepDinhKemId", "TenTepDinhKem", "MaThanhPhanHoSo", "TenThanhPhanHoSo", "DuongDanTaiTepTin"}
)

# Events that synchronise the dossier, and the one that reports progress.
SYNC_EVENTS = frozenset(
    {
        EventKind.RECEIVED,
        EventKind.NOT_RECEIVED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENTED,
        EventKind.PAYMENT_REQUESTED,
        EventKind.PAYMENT_MADE,
        EventKind.EXTENDED,
        EventKind.FINISHED,
        EventKind.RETURNED,
        EventKind.WITHDRAWN,
        EventKind.STOPPED,
    }
)
PROGRESS_EVENTS = frozenset({EventKind.HANDED_OVER})


def portal_time(moment: datetime.datetime | str | None) -> str:
    """`yyyyMMddHHmmss` in Vietnam's time; empty for no time."""
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def parse_portal_time(text: str) -> datetime.datetime | None:
    """A `yyyyMMddHHmmss` time in Vietnam's time, or None when it is not one."""
    if not isinstance(text, str) or len(text) != 14 or not text.isascii() or not text.isdigit():
        return None
    try:
        return datetime.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VIETNAM)
    except ValueError:
        return None


def service_for(kind: str) -> str | None:
    """Which service an event of this kind is sent as, or None when it sends nothing."""
    if kind in SYNC_EVENTS:
        return Service.SYNC
    if kind in PROGRESS_EVENTS:
        return Service.PROGRESS
    return None


def sub_status(dossier: Any) -> str:
    """The sub-status the mapping is tried with first: why a dossier was not received."""
    return dossier.not_received_kind if dossier.status == Status.NOT_RECEIVED else ""


def _name(user: Any) -> str:
    return (getattr(user, "full_name", "") or getattr(user, "username", "")) if user else ""


def sync_data(dossier: Any, event: Any, status_code: int) -> dict[str, Any]:
    """The DongBoHoSoMC body for the dossier as it stands after `event`. `MaHoSo` and
    `SoBienNhan` are filled when the message is sent: at receipt the code is given after
    the event is recorded."""
    version = dossier.version
    data: dict[str, Any] = {
        "MaTTHC": version.procedure.code if hasattr(version, "procedure") else "",
        "TenTTHC": version.name,
        "TenLinhVuc": dossier.field.name if dossier.field_id else "",
        "ChuHoSo": dossier.owner_name or dossier.applicant_name,
        "LoaiDoiTuong": 1,
        "Email": dossier.applicant_email,
        "SoDienThoai": dossier.applicant_phone,
        "TrichYeuHoSo": version.name,
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(dossier.due_at),
        "TrangThaiHoSo": status_code,
        "DonViXuLy": dossier.agency.name,
        "HinhThuc": 0,
        "GhiChu": (event.reason or "")[:500],
        "DanhSachLePhi": (
            [
                {
                    "TenPhiLePhi": "Lệ phí",
                    "MaPhiLePhi": "",
                    "HinhThucThu": 1,
                    "Gia": dossier.fee_amount,
                    "LoaiPhiLePhi": 1,
                }
            ]
            if dossier.fee_amount
            else []
        ),
        "TaiLieuNop": [],
        "DanhSachGiayToKetQua": [],
        "DanhSachHoSoBoSung": [],
    }
    if dossier.ended_at and dossier.status in (Status.FINISHED, Status.RETURNED):
        data["NgayKetThucXuLy"] = portal_time(dossier.ended_at)
    if dossier.returned_at:
        data["NgayTra"] = portal_time(dossier.returned_at)
        data["ThongTinTra"] = dossier.get_return_method_display()
        data["HinhThuc"] = 1 if dossier.return_method == "postal" else 0
    if event.kind in (EventKind.SUPPLEMENT_REQUESTED, EventKind.SUPPLEMENTED):
        info = event.data or {}
        entry = {
            "HoSoBoSungId": str(event.pk),
            "NguoiYeuCauBoSung": _name(event.actor),
            "NoiDungBoSung": event.reason or "; ".join(info.get("missing") or []),
            "NgayBoSung": portal_time(event.at),
            "TrangThaiBoSung": 1 if event.kind == EventKind.SUPPLEMENTED else 0,
        }
        if event.kind == EventKind.SUPPLEMENTED:
            entry["NguoiTiepNhanBoSung"] = _name(event.actor)
            entry["NgayTiepNhanBoSung"] = portal_time(event.at)
            entry["NgayHenTraTruoc"] = portal_time(info.get("old_due_at"))
            entry["NgayHenTraMoi"] = portal_time(info.get("due_at"))
        data["DanhSachHoSoBoSung"] = [entry]
    if event.kind == EventKind.NOT_RECEIVED:
        data["GhiChu"] = "; ".join(
            [event.reason, *((event.data or {}).get("missing") or [])]
        ).strip("; ")[:500]
    return data


def progress_data(dossier: Any, event: Any, step: Any, status_code: int) -> dict[str, Any]:
    """The CapNhatTienDoHoSoMC body for a hand-over into `step`."""
    return {
        "NguoiXuLy": _name(event.actor),
        "ChucDanh": "",
        "ThoiDiemXuLy": portal_time(event.at),
        "PhongBanXuLy": step.department.name if step is not None and step.department_id else "",
        "NoiDungXuLy": (step.name if step is not None else "") or event.reason or "",
        "TrangThai": status_code,
        "NgayBatDau": portal_time(step.started_at if step is not None else event.at),
        "NgayKetThucTheoQuyDinh": portal_time(step.due_at if step is not None else None),
    }


def envelope(
    *, service: str, message_id: str, agency_code: str, data: dict[str, Any], updating: bool
) -> dict[str, Any]:
    """The request body: the service's name, the agency's electronic ID (`madonvi`), the
    message's idempotent id and the data."""
    body: dict[str, Any] = {
        "service": service,
        "madonvi": agency_code,
        "messageId": message_id,
        "data": data,
    }
    if service == Service.SYNC:
        body["isUpdating"] = updating
    return body
