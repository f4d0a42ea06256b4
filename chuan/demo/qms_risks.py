"""The 2026 register of risks and opportunities of the demo ward, Ủy ban nhân dân phường
Pleiku (ISO 9001:2015, 6.1; its system procedure "Quy trình quản lý rủi ro và cơ hội"): eight
items a ward's ISO secretary would write after the July 2025 reorganisation — legal changes
not built into the processes within three months (QĐ 19/2014/QĐ-TTg Art. 4.4a), the
year-end peak of building-permit dossiers, turnover at the one-stop desk, the national
portal going down, civil-status data entry, a power cut, and two opportunities (online
payment of fees, data reused from VNeID) — with their actions and re-assessments; one is
overdue for its review. Idempotent: skipped once the ward has a register.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from chuan.accounts.models import User
from chuan.demo.gialai import WARD_DESK, WARD_ECONOMY, WARD_OFFICE, WARD_SOCIETY
from chuan.improvement.models import Risk
from chuan.improvement.services.risks import (
    Assessment,
    RiskData,
    risk_action_add,
    risk_action_done,
    risk_create,
    risk_reassess,
    risk_transition,
)
from chuan.organisations.choices import UnitSet
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import InternalProcess

WARD = "Ủy ban nhân dân phường Pleiku"
D = datetime.date


@dataclass(frozen=True)
class Step:
    """A re-assessment, or an action (with the day it was done, if it was)."""

    on: datetime.date
    likelihood: int = 0
    impact: int = 0
    note: str = ""
    action: str = ""
    owner: str = ""
    done_on: datetime.date | None = None
    next_review_on: datetime.date | None = None


@dataclass(frozen=True)
class Item:
    kind: str
    description: str
    context: str
    cause: str
    consequence: str
    likelihood: int
    impact: int
    treatment: str
    assessed_on: datetime.date
    department: str = ""
    procedure: str = ""  # the code of the procedure whose internal process it concerns
    owner: str = ""
    due_on: datetime.date | None = None
    next_review_on: datetime.date | None = None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    state: str = ""  # "treat" once its actions are in place


ITEMS = (
    Item(
        "risk",
        "Văn bản quy phạm pháp luật mới (như Nghị định 118/2025/NĐ-CP thay thế Nghị định "
        "61/2018/NĐ-CP) không được cập nhật vào quy trình nội bộ trong thời hạn 03 tháng",
        "Thay đổi pháp luật sau sắp xếp đơn vị hành chính 01/7/2025",
        "Chưa phân công người theo dõi văn bản mới; khối lượng văn bản thay đổi lớn",
        "Giải quyết hồ sơ theo quy định đã hết hiệu lực; vi phạm Điều 4.4a QĐ 19/2014/QĐ-TTg",
        4,
        4,
        "reduce",
        D(2026, 1, 12),
        department=WARD_OFFICE,
        owner="secretary",
        due_on=D(2026, 3, 31),
        steps=(
            Step(
                D(2026, 1, 20),
                action="Giao công chức tư pháp - hộ tịch rà soát văn bản mới mỗi thứ Hai và "
                "báo cáo thư ký ISO",
                owner="secretary",
                done_on=D(2026, 2, 2),
            ),
            Step(
                D(2026, 1, 20),
                action="Đăng ký nhận thông báo văn bản mới từ Cơ sở dữ liệu quốc gia về "
                "văn bản pháp luật",
                owner="doccontrol",
                done_on=D(2026, 1, 28),
            ),
            Step(
                D(2026, 6, 15),
                2,
                4,
                "6 tháng đầu năm có 3 văn bản mới, cả 3 được cập nhật vào quy trình trong "
                "vòng 45 ngày",
            ),
        ),
        state="treat",
    ),
    Item(
        "risk",
        "Hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ dồn vào quý IV, nhiều hồ sơ trễ hạn",
        "Người dân, tổ chức nộp hồ sơ xây dựng, đất đai",
        "Nhu cầu xây dựng tăng cuối năm; chỉ có 01 công chức địa chính - xây dựng",
        "Hồ sơ trễ hạn, phải gửi phiếu xin lỗi; người dân không hài lòng",
        4,
        5,
        "reduce",
        D(2026, 2, 9),
        department=WARD_ECONOMY,
        procedure="1.009122",
        owner="official",
        due_on=D(2026, 9, 30),
        steps=(
            Step(
                D(2026, 2, 20),
                action="Bố trí thêm 01 công chức hỗ trợ thẩm định hồ sơ xây dựng từ tháng 10",
                owner="leader",
                done_on=D(2026, 10, 1),
            ),
            Step(
                D(2026, 2, 20),
                action="Lập lịch khảo sát hiện trạng theo tuần, công khai tại Bộ phận một cửa",
                owner="official",
            ),
            Step(
                D(2026, 11, 16),
                3,
                5,
                "Tháng 10 còn 4 hồ sơ trễ hạn (tháng 10/2025: 11); khả năng giảm nhưng mức "
                "ảnh hưởng vẫn lớn",
            ),
        ),
    ),
    Item(
        "risk",
        "Công chức tại Bộ phận một cửa thay đổi, người mới chưa nắm quy trình tiếp nhận",
        "Nhân sự sau sắp xếp tổ chức bộ máy",
        "Điều động, luân chuyển công chức sau sắp xếp; chưa có tài liệu hướng dẫn",
        "Tiếp nhận sai thành phần hồ sơ, người dân phải đi lại nhiều lần",
        3,
        4,
        "reduce",
        D(2026, 3, 2),
        department=WARD_DESK,
        owner="desk",
        due_on=D(2026, 6, 30),
        steps=(
            Step(
                D(2026, 3, 10),
                action="Biên soạn sổ tay tiếp nhận cho 16 thủ tục thường gặp",
                owner="desk",
                done_on=D(2026, 5, 29),
            ),
            Step(
                D(2026, 3, 10),
                action="Kèm cặp công chức mới 02 tuần trước khi tiếp nhận độc lập",
                owner="secretary",
                done_on=D(2026, 4, 15),
            ),
            Step(D(2026, 9, 7), 2, 3, "Không còn phiếu yêu cầu bổ sung do tiếp nhận sai"),
        ),
        state="treat",
    ),
    Item(
        "risk",
        "Cổng Dịch vụ công quốc gia, Hệ thống thông tin giải quyết TTHC của tỉnh bị gián "
        "đoạn, không tiếp nhận được hồ sơ trực tuyến",
        "Hạ tầng công nghệ thông tin; Văn phòng UBND tỉnh",
        "Sự cố đường truyền, bảo trì hệ thống không báo trước",
        "Hồ sơ trực tuyến không được tiếp nhận đúng hạn; người dân phải nộp lại",
        3,
        3,
        "reduce",
        D(2026, 3, 16),
        department=WARD_DESK,
        owner="desk",
        due_on=D(2026, 5, 31),
        steps=(
            Step(
                D(2026, 3, 20),
                action="Quy định cách tiếp nhận bản giấy và nhập bù khi hệ thống hoạt động lại",
                owner="secretary",
                done_on=D(2026, 4, 10),
            ),
        ),
    ),
    Item(
        "risk",
        "Nhập sai thông tin khai sinh vào Cơ sở dữ liệu hộ tịch điện tử",
        "Người dân đăng ký hộ tịch",
        "Nhập liệu thủ công, không đối chiếu lại trước khi ký",
        "Phải cải chính hộ tịch, ảnh hưởng quyền lợi của người dân",
        2,
        4,
        "reduce",
        D(2025, 10, 20),
        department=WARD_SOCIETY,
        procedure="1.001193",
        owner="secretary",
        due_on=D(2025, 12, 31),
        steps=(
            Step(
                D(2025, 10, 25),
                action="Người dân ký xác nhận bản in thông tin trước khi trình ký",
                owner="desk",
                done_on=D(2025, 11, 3),
            ),
        ),
        state="treat",
    ),
    Item(
        "risk",
        "Mất điện tại trụ sở làm gián đoạn tiếp nhận hồ sơ",
        "Cơ sở hạ tầng trụ sở",
        "Lưới điện khu vực cắt điện theo lịch",
        "Tạm ngừng tiếp nhận trong thời gian ngắn",
        2,
        2,
        "accept",
        D(2026, 3, 16),
        department=WARD_OFFICE,
        owner="secretary",
        next_review_on=D(2026, 11, 30),
    ),
    Item(
        "opportunity",
        "Thanh toán trực tuyến phí, lệ phí qua Cổng Dịch vụ công quốc gia",
        "Chuyển đổi số; Đề án 06",
        "Người dân đã quen thanh toán qua ngân hàng điện tử",
        "Giảm thời gian chờ tại Bộ phận một cửa; tăng tỷ lệ hồ sơ trực tuyến toàn trình",
        4,
        4,
        "exploit",
        D(2026, 2, 2),
        department=WARD_DESK,
        owner="desk",
        due_on=D(2026, 8, 31),
        steps=(
            Step(
                D(2026, 2, 10),
                action="Niêm yết mã QR thanh toán và hướng dẫn tại quầy tiếp nhận",
                owner="desk",
                done_on=D(2026, 3, 2),
            ),
            Step(
                D(2026, 2, 10),
                action="Đoàn thanh niên hỗ trợ người dân thanh toán trực tuyến vào sáng thứ Bảy",
                owner="secretary",
                done_on=D(2026, 4, 4),
            ),
            Step(
                D(2026, 10, 5),
                5,
                4,
                "Tỷ lệ hồ sơ thanh toán trực tuyến tăng từ 18% (quý I) lên 46% (quý III)",
            ),
        ),
    ),
    Item(
        "opportunity",
        "Khai thác dữ liệu công dân từ VNeID, không yêu cầu nộp lại giấy tờ đã có trong Cơ "
        "sở dữ liệu quốc gia về dân cư",
        "Cơ sở dữ liệu quốc gia về dân cư",
        "Dữ liệu dân cư đã được làm sạch",
        "Giảm thành phần hồ sơ, rút ngắn thời gian giải quyết",
        3,
        4,
        "exploit",
        D(2026, 4, 6),
        department=WARD_DESK,
        procedure="1.010041",
        owner="secretary",
        due_on=D(2026, 12, 31),
        steps=(
            Step(
                D(2026, 4, 10),
                action="Rà soát quy trình nội bộ, bỏ yêu cầu nộp bản sao giấy tờ đã có dữ liệu",
                owner="secretary",
            ),
        ),
    ),
)


def _ward() -> Agency | None:
    return (
        Agency.objects.filter(name=WARD, unit__unit_set=UnitSet.REFORM_2025).order_by("pk").first()
    )


def _clamp(day: datetime.date | None, today: datetime.date) -> datetime.date | None:
    return min(day, today) if day else None


def load_risks(*, stdout: Any = None) -> int:
    """Enter the ward's 2026 register; returns how many items were created (0 if it exists
    or the ward is missing)."""
    ward = _ward()
    if ward is None or Risk.objects.filter(agency=ward).exists():
        return 0
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(memberships__agency=ward).distinct()}
    actor = users.get("secretary")  # the ISO secretary keeps the register; else the system
    departments = {d.name: d for d in Department.objects.filter(agency=ward)}
    processes = {
        p.procedure.code: p
        for p in InternalProcess.objects.filter(agency=ward)
        .select_related("procedure")
        .order_by("edition")
    }
    with transaction.atomic():
        for item in ITEMS:
            risk = risk_create(
                agency=ward,
                data=RiskData(
                    kind=item.kind,
                    description=item.description,
                    treatment=item.treatment,
                    context=item.context,
                    cause=item.cause,
                    consequence=item.consequence,
                    process=processes.get(item.procedure),
                    department=departments.get(item.department),
                    owner=users.get(item.owner),
                    due_on=item.due_on,
                    next_review_on=item.next_review_on,
                ),
                assessment=Assessment(
                    likelihood=item.likelihood,
                    impact=item.impact,
                    assessed_on=_clamp(item.assessed_on, today) or today,
                ),
                actor=actor,
            )
            for step in item.steps:
                if step.action:
                    action = risk_action_add(
                        risk=risk,
                        description=step.action,
                        owner=users.get(step.owner),
                        due_on=item.due_on or step.on,
                        actor=actor,
                    )
                    if step.done_on and step.done_on <= today:
                        risk_action_done(action=action, done_on=step.done_on, actor=actor)
                elif step.on <= today:
                    risk_reassess(
                        risk=risk,
                        assessment=Assessment(
                            likelihood=step.likelihood,
                            impact=step.impact,
                            assessed_on=step.on,
                            note=step.note,
                        ),
                        next_review_on=step.next_review_on,
                        actor=actor,
                    )
            if item.state:
                risk_transition(risk=risk, action=item.state, actor=actor)
    if stdout is not None:
        stdout.write(f"Risks and opportunities: {len(ITEMS)} items for {WARD}.\n")
    return len(ITEMS)
