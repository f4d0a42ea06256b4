"""The demo ward's quality objectives for 2026 (ISO 9001:2015, 6.2; QĐ 19/2014/QĐ-TTg Art.
4.2), as a People's Committee of a ward would set them: dossiers returned on time and citizens
satisfied, read live from its demo dossiers; complaints counted by hand each month; one
objective per department (the economy department's on its business-household dossiers);
each with its plan, approved by the ward's chairman. Idempotent: skipped once the ward has
objectives for 2026.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from chuan.accounts.models import User
from chuan.demo.gialai import WARD_ECONOMY, WARD_OFFICE, WARD_SOCIETY
from chuan.improvement.choices import Measure
from chuan.improvement.models import Objective
from chuan.improvement.services import objectives as services
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import Field

WARD = "Ủy ban nhân dân phường Pleiku"
YEAR = 2026
# name, indicator, comparison, target, unit, measure, department, plan lines
OBJECTIVES: tuple[tuple[Any, ...], ...] = (
    (
        "Giải quyết hồ sơ thủ tục hành chính đúng hạn",
        "Tỷ lệ hồ sơ trả kết quả đúng hạn và trước hạn",
        "gte",
        98,
        "percent",
        Measure.ON_TIME,
        None,
        (
            ("Nhắc hạn hồ sơ sắp đến hạn hằng ngày trên Chuẩn", "Bộ phận Một cửa", "", "31/01"),
            ("Rà soát, xin lỗi người dân với mọi hồ sơ trễ hạn", "Văn phòng", "", "31/12"),
        ),
    ),
    (
        "Người dân hài lòng với việc giải quyết thủ tục hành chính",
        "Tỷ lệ đánh giá hài lòng và rất hài lòng",
        "gte",
        90,
        "percent",
        Measure.SATISFIED,
        None,
        (
            ("Tập huấn kỹ năng giao tiếp cho công chức một cửa", "Văn phòng", "2 buổi", "30/04"),
            (
                "Đặt thiết bị đánh giá tại quầy tiếp nhận",
                "Bộ phận Một cửa",
                "1 máy tính bảng",
                "31/03",
            ),
        ),
    ),
    (
        "Giảm phản ánh, kiến nghị của người dân",
        "Số phản ánh, kiến nghị về thủ tục hành chính trong tháng",
        "lte",
        2,
        "count",
        Measure.MANUAL_MONTH,
        None,
        (("Công khai đường dây nóng, hòm thư góp ý", "Văn phòng", "", "28/02"),),
    ),
    (
        "Hồ sơ hộ kinh doanh đúng hạn",
        "Tỷ lệ hồ sơ đăng ký hộ kinh doanh trả đúng hạn",
        "gte",
        95,
        "percent",
        Measure.ON_TIME,
        WARD_ECONOMY,
        (("Họp giao ban hồ sơ tồn đọng mỗi thứ Hai", "Phòng Kinh tế", "", "31/12"),),
    ),
    (
        "Số hóa hồ sơ hộ tịch",
        "Tỷ lệ sổ hộ tịch đã số hóa",
        "gte",
        80,
        "percent",
        Measure.MANUAL_QUARTER,
        WARD_SOCIETY,
        (("Nhập dữ liệu sổ hộ tịch 2016–2020", "Phòng Văn hóa - Xã hội", "2 công chức", "30/09"),),
    ),
    (
        "Xử lý văn bản đến đúng hạn",
        "Tỷ lệ văn bản đến được xử lý đúng hạn trong tháng",
        "gte",
        95,
        "percent",
        Measure.MANUAL_MONTH,
        WARD_OFFICE,
        (("Theo dõi hạn xử lý văn bản trên phần mềm quản lý văn bản", "Văn phòng", "", "31/01"),),
    ),
)
COMPLAINTS = (3, 2, 2, 1, 2, 1, 0, 1, 1, 0, 1, 0)
DIGITISED = (45, 60, 72, 85)
LETTERS = (92, 94, 95, 96, 97, 95, 96, 98, 97, 96, 97, 98)
# The economy department's dossiers: those of business households.
ECONOMY_FIELD = "Thành lập và hoạt động của hộ kinh doanh"


def _day(text: str) -> datetime.date:
    day, month = (int(part) for part in text.split("/"))
    return datetime.date(YEAR, month, day)


def load_objectives(*, stdout: Any = None) -> int:
    """Create the ward's objectives for 2026, approved, with their hand-recorded values up
    to last month; return how many were created."""
    leader = User.objects.filter(username="leader").first()
    secretary = User.objects.filter(username="secretary").first()
    ward = Agency.objects.filter(name=WARD, memberships__user=leader).first() if leader else None
    if ward is None or secretary is None:
        return 0
    if Objective.objects.filter(agency=ward, year=YEAR).exists():
        return 0
    departments = {d.name: d for d in Department.objects.filter(agency=ward)}
    now = timezone.now()
    today = timezone.localdate(now)
    created = 0
    for name, indicator, comparison, target, unit, measure, department, plan in OBJECTIVES:
        if department is not None and department not in departments:
            continue
        objective = services.objective_create(
            agency=ward,
            year=YEAR,
            data=services.ObjectiveData(
                name=name,
                indicator=indicator,
                comparison=comparison,
                target=Decimal(target),
                unit=unit,
                measure=measure,
                department=departments.get(department) if department else None,
                field=Field.objects.filter(name=ECONOMY_FIELD).first()
                if department == WARD_ECONOMY
                else None,
            ),
            actor=secretary,
        )
        for action, owner, resources, deadline in plan:
            services.plan_line_add(
                objective=objective,
                action=action,
                owner=owner,
                resources=resources,
                deadline=_day(deadline),
                actor=secretary,
            )
        values: tuple[int, ...] = ()
        if measure == Measure.MANUAL_MONTH:
            values = LETTERS if department == WARD_OFFICE else COMPLAINTS
        elif measure == Measure.MANUAL_QUARTER:
            values = DIGITISED
        step = 3 if measure == Measure.MANUAL_QUARTER else 1
        for index, value in enumerate(values):
            period = datetime.date(YEAR, 1 + index * step, 1)
            if period >= today.replace(day=1):
                break
            services.measurement_record(
                objective=objective, day=period, value=Decimal(value), actor=secretary, now=now
            )
        services.objective_approve(objective=objective, actor=leader)
        created += 1
    if stdout is not None:
        stdout.write(f"Quality objectives: {created} for {ward.name} {YEAR}.\n")
    return created
