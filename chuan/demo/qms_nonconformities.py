"""Corrective-action requests of the demo ward (Ủy ban nhân dân phường Pleiku) in 2026, one in
each state of the form (ISO 9001:2015, 10.2): closed after an effective verification,
reopened after a failed one, approved with an action overdue, awaiting verification, proposed,
confirmed, described and cancelled; one proposal repeats the root cause of the closed request
on the same clause and department, so the register flags it. Every step goes through the
services, by the demo account the rules want. Idempotent: skipped once the first is there.
"""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chuan.accounts.models import User
from chuan.demo.gialai import WARD_DESK, WARD_ECONOMY, WARD_OFFICE, WARD_SOCIETY
from chuan.improvement.choices import NcSource as Src
from chuan.improvement.choices import Severity as Sev
from chuan.improvement.models import Nonconformity
from chuan.improvement.services import nonconformities as services
from chuan.organisations.models import Department

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST = "Bộ phận một cửa dùng mẫu đơn đăng ký khai sinh cũ đã được thay thế"
PEOPLE = ("leader", "secretary", "doccontrol", "desk", "official", "viewer")


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=VIETNAM)


class _Ward:
    def __init__(self, people: dict[str, Any]) -> None:
        self.p = people
        membership = people["secretary"].memberships.select_related("agency").first()
        self.agency = membership.agency
        self.departments = {d.name: d for d in Department.objects.filter(agency=self.agency)}

    def raise_(
        self,
        by: str,
        source: str,
        severity: str,
        clause: str,
        dept: str,
        day: tuple[int, int],
        text: str,
        evidence: str = "",
    ) -> Nonconformity:
        data = services.NonconformityData(
            source=source,
            severity=severity,
            description=text,
            evidence=evidence,
            found_on=datetime.date(2026, *day),
            clause=clause,
            department=self.departments.get(dept),
        )
        return services.nonconformity_raise(agency=self.agency, data=data, actor=self.p[by])

    def confirm(self, nc: Nonconformity, day: tuple[int, int]) -> Nonconformity:
        return services.nonconformity_confirm(nc=nc, actor=self.p["secretary"], at=_at(*day))

    def plan(
        self,
        nc: Nonconformity,
        day: tuple[int, int],
        correction: str,
        whys: list[str],
        cause: str,
        actions: list[tuple[str, str, int]],
    ) -> Nonconformity:
        data = services.PlanData(
            correction=correction,
            whys=whys,
            root_cause=cause,
            actions=[services.ActionData(text, self.p[who], days) for text, who, days in actions],
        )
        return services.nonconformity_plan(
            nc=nc, data=data, actor=self.p["secretary"], at=_at(*day)
        )

    def approve(
        self, nc: Nonconformity, day: tuple[int, int], check_on: datetime.date | None = None
    ) -> Nonconformity:
        return services.nonconformity_approve(
            nc=nc, actor=self.p["leader"], check_on=check_on, at=_at(*day)
        )

    def complete(self, nc: Nonconformity, order: int, day: tuple[int, int], result: str) -> None:
        action = nc.actions.get(order=order)
        services.action_complete(action=action, result=result, actor=action.owner, at=_at(*day))

    def verify(
        self, nc: Nonconformity, day: tuple[int, int], effective: bool, note: str
    ) -> Nonconformity:
        nc.refresh_from_db()
        return services.nonconformity_verify(
            nc=nc, effective=effective, note=note, actor=self.p["secretary"], at=_at(*day)
        )


def load_nonconformities(*, stdout: Any = None) -> int:
    """Create the ward's corrective-action requests; return how many were created."""
    people = {u.username: u for u in User.objects.filter(username__in=PEOPLE)}
    if len(people) < len(PEOPLE) or Nonconformity.objects.filter(description=FIRST).exists():
        return 0
    w = _Ward(people)
    cause_1 = "Chưa có danh sách nơi nhận tài liệu khi ban hành lại biểu mẫu"

    closed = w.raise_(
        "secretary",
        Src.INTERNAL_AUDIT,
        Sev.MINOR,
        "7.5.3",
        WARD_DESK,
        (3, 16),
        FIRST,
        "Đơn của 04 hồ sơ ngày 12/03/2026 dùng mẫu ban hành năm 2020",
    )
    w.confirm(closed, (3, 17))
    w.plan(
        closed,
        (3, 18),
        "Thu hồi mẫu cũ tại quầy, thay bằng mẫu đang hiệu lực",
        [
            "Vì quầy còn bản in mẫu cũ",
            "Vì không ai thu hồi khi ban hành mẫu mới",
            "Vì không biết mẫu được đặt ở những nơi nào",
        ],
        cause_1,
        [
            ("Lập danh sách nơi đặt biểu mẫu", "doccontrol", 5),
            ("Thu hồi toàn bộ mẫu cũ tại bộ phận một cửa", "desk", 3),
        ],
    )
    w.approve(closed, (3, 19))
    w.complete(closed, 2, (3, 23), "Đã thu hồi 35 tờ mẫu cũ")
    w.complete(closed, 1, (3, 25), "Danh sách phân phối lưu tại văn thư")
    w.verify(closed, (4, 20), True, "Kiểm tra 20 hồ sơ tháng 4: đều dùng mẫu đang hiệu lực")

    reopened = w.raise_(
        "secretary",
        Src.LATE_DOSSIER,
        Sev.MAJOR,
        "8.5.1",
        WARD_ECONOMY,
        (4, 6),
        "03 hồ sơ đất đai trả kết quả trễ hạn không có văn bản xin lỗi người dân",
    )
    w.confirm(reopened, (4, 7))
    w.plan(
        reopened,
        (4, 8),
        "Gửi văn bản xin lỗi cho 03 công dân",
        ["Vì chuyên viên không theo dõi hạn", "Vì không có nhắc việc trước hạn"],
        "Không có cơ chế nhắc hạn xử lý hồ sơ",
        [("Phân công theo dõi hạn hằng ngày", "official", 5)],
    )
    w.approve(reopened, (4, 9))
    w.complete(reopened, 1, (4, 15), "Đã phân công trong cuộc họp giao ban")
    w.verify(reopened, (6, 15), False, "Tháng 5 vẫn có 02 hồ sơ trễ hạn không có văn bản xin lỗi")

    overdue = w.raise_(
        "desk",
        Src.CITIZEN,
        Sev.MINOR,
        "9.1.2",
        WARD_DESK,
        (10, 5),
        "Người dân đánh giá không hài lòng vì chờ lâu tại quầy tiếp nhận",
    )
    w.confirm(overdue, (10, 6))
    w.plan(
        overdue,
        (10, 7),
        "Bố trí thêm một công chức tiếp nhận giờ cao điểm",
        ["Vì giờ cao điểm chỉ có một quầy mở"],
        "Chưa bố trí nhân lực theo lượng hồ sơ",
        [
            ("Bố trí lịch trực quầy theo giờ cao điểm", "desk", 5),
            ("Lắp hệ thống xếp hàng tự động", "official", 20),
        ],
    )
    w.approve(overdue, (10, 8))
    w.complete(overdue, 1, (10, 13), "Lịch trực đã niêm yết")

    waiting = w.raise_(
        "secretary",
        Src.INTERNAL_AUDIT,
        Sev.OBSERVATION,
        "6.1",
        WARD_OFFICE,
        (10, 20),
        "Sổ theo dõi rủi ro chưa cập nhật sau khi sắp xếp đơn vị hành chính",
    )
    w.confirm(waiting, (10, 21))
    w.plan(
        waiting,
        (10, 22),
        "Cập nhật ngay các rủi ro đã biết",
        ["Vì chưa rà soát lại sau ngày 01/07/2025"],
        "Chưa có lịch rà soát rủi ro định kỳ",
        [("Ban hành lịch rà soát rủi ro hằng quý", "doccontrol", 10)],
    )
    w.approve(waiting, (10, 23), check_on=datetime.date(2026, 12, 15))
    w.complete(waiting, 1, (11, 2), "Lịch rà soát đã ban hành")

    repeated = w.raise_(
        "desk",
        Src.INTERNAL_AUDIT,
        Sev.MINOR,
        "7.5.3",
        WARD_DESK,
        (11, 16),
        "Quầy tiếp nhận còn mẫu tờ khai hộ tịch cũ sau khi mẫu mới có hiệu lực",
    )
    w.confirm(repeated, (11, 17))
    w.plan(
        repeated,
        (11, 18),
        "Thu hồi tờ khai cũ tại quầy",
        ["Vì mẫu mới ban hành nhưng mẫu cũ không được thu hồi"],
        "chưa có danh sách nơi nhận tài liệu khi ban hành lại biểu mẫu.",
        [("Cập nhật danh sách phân phối vào quy trình QT-HT-01", "doccontrol", 10)],
    )

    confirmed = w.raise_(
        "secretary",
        Src.MANAGEMENT_REVIEW,
        Sev.MINOR,
        "7.2",
        WARD_SOCIETY,
        (11, 24),
        "Hai công chức mới chưa được đào tạo về hệ thống quản lý chất lượng",
    )
    w.confirm(confirmed, (11, 25))

    w.raise_(
        "official",
        Src.STAFF,
        Sev.MINOR,
        "8.5.1",
        WARD_ECONOMY,
        (12, 1),
        "Phiếu kiểm soát quá trình của 02 hồ sơ xây dựng thiếu chữ ký người nhận",
    )

    cancelled = w.raise_(
        "desk",
        Src.STAFF,
        Sev.OBSERVATION,
        "",
        WARD_DESK,
        (10, 5),
        "Người dân chờ lâu tại quầy tiếp nhận",
    )
    services.nonconformity_cancel(
        nc=cancelled, reason=f"Trùng với {overdue.code}", actor=people["secretary"]
    )
    count = Nonconformity.objects.filter(agency=w.agency).count()
    if stdout is not None:
        stdout.write(f"Nonconformities: {count} corrective-action requests of {w.agency.name}.\n")
    return 8
