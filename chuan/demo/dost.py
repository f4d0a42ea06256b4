"""DOST's year in the demo: Gia Lai's yearly inspection of 2018 (the one the source article
reports) and of 2026 for today's Gia Lai (TT 26/2014/TT-BKHCN Arts. 33–40).

Each year: who inspects, a plan of twelve agencies approved by the provincial People's
Committee's decision, a third of them inspected on site by a qualified team with signed
minutes, and the records-based round. In 2026 phường Pleiku — the demo ward, whose leader and
ISO secretary sign in — is inspected on site and not found conforming on three items: its
three requests for correction become nonconformities in its register, two come back with
corrective actions, DOST accepts one and refuses the other with a notice. The November
report is issued and the December one drafted, three courses ran with certificates, and two
guidance letters went out. Loaded once: a second run finds the 2026 plan and adds nothing.
"""

import datetime
from typing import Any

from chuan.accounts.models import User
from chuan.demo.dost_followup import load_followup
from chuan.demo.dost_guidance import load_guidance
from chuan.demo.dost_onsite import NOT_MET_EXAMPLE, load_inspectors, load_onsite
from chuan.demo.dost_plans import load_plan
from chuan.demo.dost_records import load_records_round
from chuan.demo.dost_reports import load_reports
from chuan.demo.dost_training import load_training
from chuan.demo.gialai import PROVINCE
from chuan.inspections.choices import InspectionForm, InspectionState
from chuan.inspections.models import InspectingArrangement, Inspection, InspectionPlan
from chuan.inspections.models.plans import InspectingUnitKind
from chuan.inspections.qualification import missing_qualifications
from chuan.inspections.services import plans_amend
from chuan.inspections.services.plans import LineData
from chuan.inspections.services.plans_units import ArrangementData, arrangement_create
from chuan.organisations.choices import AgencyKind, UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency

WARD = "Ủy ban nhân dân phường Pleiku"
TDC = "Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Gia Lai"
# The 2025 streamlining folded the Sub-Department into DOST as its standards division.
TDC_2025 = "Phòng Tiêu chuẩn Đo lường Chất lượng, Sở Khoa học và Công nghệ"


def _province(unit_set: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(
        unit_set=unit_set, level=UnitLevel.PROVINCE, short_name=PROVINCE
    ).first()


def _agencies(province: AdministrativeUnit, first: Agency | None, on: datetime.date) -> list:
    """Twelve agencies of the province in force on `on`: six departments, six communes or
    districts, `first` among them."""
    alive = Agency.objects.exclude(valid_from__gt=on).exclude(valid_to__lt=on)
    departments = list(
        alive.filter(unit=province, kind=AgencyKind.PROVINCIAL_DEPARTMENT).order_by("name")[:6]
    )
    local = list(
        alive.filter(unit__province=province)
        .exclude(kind=AgencyKind.PROVINCIAL_DEPARTMENT)
        .exclude(unit=province)
        .order_by("unit__level", "name")[:6]
    )
    chosen = [a for a in [first, *departments, *local] if a is not None]
    unique = {a.pk: a for a in chosen}
    return list(unique.values())[:12]


def _arrangements(legacy: AdministrativeUnit, today: AdministrativeUnit, dost: Any) -> None:
    for province, data in (
        (
            legacy,
            ArrangementData(
                valid_from=datetime.date(2014, 7, 1),
                valid_to=datetime.date(2025, 6, 30),
                lead_unit="Sở Khoa học và Công nghệ tỉnh Gia Lai",
                unit_kind=InspectingUnitKind.SUB_DEPARTMENT,
                unit_name=TDC,
                basis="Thông tư 26/2014/TT-BKHCN, Điều 33",
            ),
        ),
        (
            today,
            ArrangementData(
                valid_from=datetime.date(2025, 7, 1),
                lead_unit="Sở Khoa học và Công nghệ tỉnh Gia Lai",
                unit_kind=InspectingUnitKind.DOST_DIVISION,
                unit_name=TDC_2025,
                basis="Quyết định tổ chức lại Sở Khoa học và Công nghệ (2025)",
            ),
        ),
    ):
        if not InspectingArrangement.objects.filter(province=province).exists():
            arrangement_create(province=province, data=data, actor=dost)


def _ward_on_site(plan: InspectionPlan, ward: Agency, dost: Any) -> None:
    """The ward's falling on-time rate puts it on site by an amendment when the rules chose
    others (the desk's own figures are the reason)."""
    line = plan.lines.filter(agency=ward, removed_on__isnull=True).first()
    if line is None or line.form == InspectionForm.ON_SITE:
        return
    plans_amend.plan_amend_line(
        line=line,
        data=LineData(
            form=InspectionForm.ON_SITE,
            inspecting_unit=line.inspecting_unit,
            coordinating_unit=line.coordinating_unit,
            planned_quarter=3,
            budget=line.budget,
            note=line.note,
        ),
        reason="Tỷ lệ hồ sơ đúng hạn tại Bộ phận một cửa giảm trong 6 tháng đầu năm.",
        amended_on=plan.decision_date or datetime.date(plan.year, 3, 1),
        actor=dost,
    )


def _year(
    *,
    province: AdministrativeUnit,
    year: int,
    agencies: list[Agency],
    number: str,
    decided: datetime.date,
    visits: datetime.date,
    letter: datetime.date,
    dost: Any,
    team_users: list[Any],
    ward: Agency | None = None,
) -> list[Inspection]:
    plan = load_plan(
        province=province,
        year=year,
        agencies=agencies,
        decision_number=number,
        decision_date=decided,
        actor=dost,
    )
    if ward is not None:
        _ward_on_site(plan, ward, dost)
    inspections = list(
        Inspection.objects.filter(line__plan=plan)
        .exclude(state=InspectionState.CANCELLED)
        .select_related("agency", "province")
        .order_by("agency__name")
    )
    on_site = [i for i in inspections if i.form == InspectionForm.ON_SITE]
    registry = load_inspectors(province=province, users=team_users)
    team = [i for i in registry if not missing_qualifications(i, on=visits)][:4]
    results = {i.pk: NOT_MET_EXAMPLE for i in on_site if ward is not None and i.agency == ward}
    load_onsite(
        inspections=on_site,
        decision_number=f"{number.split('/')[0]}/QĐ-SKHCN",
        decision_date=visits,
        team=team,
        results=results,
        actor=dost,
    )
    records = [i for i in inspections if i.form == InspectionForm.RECORDS]
    load_records_round(
        inspections=records,
        number=f"{letter:%m}{year % 100:02d}/SKHCN-TĐC",
        letter_date=letter,
        reply_due=letter + datetime.timedelta(days=30),
        answered=0,
        actor=dost,
        answerer=dost,
    )
    return on_site


def load_dost(*, stdout: Any = None) -> dict[str, int]:
    """Load DOST's 2018 and 2026; returns what it created (nothing, in one query, on a second
    run: the 2026 plan is loaded last but one step, in the same transaction as the rest)."""
    if InspectionPlan.objects.filter(
        year=2026, province__unit_set=UnitSet.REFORM_2025, province__short_name=PROVINCE
    ).exists():
        return {}
    legacy, today = _province(UnitSet.LEGACY), _province(UnitSet.REFORM_2025)
    people = {u.username: u for u in User.objects.filter(username__in=["dost", "inspector"])}
    secretary = User.objects.filter(username="secretary").first()
    if legacy is None or today is None or len(people) < 2 or secretary is None:
        return {}
    dost = people["dost"]
    ward = Agency.objects.filter(name=WARD, unit__unit_set=UnitSet.REFORM_2025).first()
    _arrangements(legacy, today, dost)
    if stdout:
        stdout.write("DOST's year: the 2018 inspection of Gia Lai…\n")
    _year(
        province=legacy,
        year=2018,
        agencies=_agencies(legacy, None, datetime.date(2018, 1, 1)),
        number="245/QĐ-UBND",
        decided=datetime.date(2018, 3, 20),
        visits=datetime.date(2018, 9, 10),
        letter=datetime.date(2018, 10, 8),
        dost=dost,
        team_users=[],
    )
    if stdout:
        stdout.write("DOST's year: today's Gia Lai in 2026…\n")
    on_site = _year(
        province=today,
        year=2026,
        agencies=_agencies(today, ward, datetime.date(2026, 1, 1)),
        number="312/QĐ-UBND",
        decided=datetime.date(2026, 3, 16),
        visits=datetime.date(2026, 9, 14),
        letter=datetime.date(2026, 11, 16),
        dost=dost,
        team_users=[people["inspector"]],
        ward=ward,
    )
    followed = {"reported": 0, "accepted": 0, "refused": 0}
    for inspection in on_site:
        if inspection.agency == ward:
            followed = load_followup(
                inspection=inspection,
                reports=2,
                accept=1,
                refuse=1,
                actor=dost,
                answerer=secretary,
            )
    agencies_2026 = _agencies(today, ward, datetime.date(2026, 1, 1))
    courses = load_training(province=today, year=2026, agencies=agencies_2026, actor=dost)
    load_guidance(province=today, year=2026, actor=dost, agencies=agencies_2026)
    reports = load_reports(province=today, year=2026, actor=dost, issue_november=True)
    return {
        "plans": InspectionPlan.objects.count(),
        "inspections": Inspection.objects.count(),
        "corrections_reported": followed["reported"],
        "courses": len(courses),
        "reports": len(reports),
    }
