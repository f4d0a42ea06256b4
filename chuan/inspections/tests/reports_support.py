"""A hand-built province whose every report cell is known (rows created directly: the other
areas' services fill them in the product)."""

import datetime
from dataclasses import dataclass
from typing import Any

from chuan.accounts.roles import Role
from chuan.inspections.choices import Conclusion, InspectionForm, RequestState
from chuan.inspections.choices import InspectionState as State
from chuan.inspections.models import CorrectionRequest, Inspection, InspectionPlan, PlanLine
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, make_unit, member
from chuan.rollout.choices import EventKind
from chuan.rollout.models import QmsEvent
from chuan.training.choices import CourseKind
from chuan.training.models import Certificate, Course

YEAR = 2026
D = datetime.date


@dataclass
class Hand:
    province: AdministrativeUnit
    agencies: dict[str, Agency]
    coordinator: Any
    agency_leader: Any


def _event(agency: Agency, kind: str, on: datetime.date) -> None:
    extra = {}
    if kind in (EventKind.ANNOUNCED, EventKind.REANNOUNCED):
        extra = {"decision_number": f"{on.year}/QĐ", "decision_date": on}
    QmsEvent.objects.create(agency=agency, kind=kind, occurred_on=on, **extra)


def _inspection(
    agency: Agency, form: str, state: str, conclusion: str = "", year: int = YEAR, **extra: Any
) -> Inspection:
    return Inspection.objects.create(
        agency=agency,
        province=agency.unit.province,
        year=year,
        form=form,
        state=state,
        conclusion=conclusion,
        concluded_on=D(year, 6, 15) if conclusion else None,
        **extra,
    )


def _requests(inspection: Inspection, *states: str) -> None:
    for index, state in enumerate(states):
        CorrectionRequest.objects.create(
            inspection=inspection,
            text=f"Yêu cầu {index + 1}",
            state=state,
            due_on=D(YEAR, 8, 15) if state != RequestState.DRAFT else None,
        )


_numbers = iter(range(1, 10_000))


def _certificate(
    province: AdministrativeUnit, agency: Agency, kind: str, issued: datetime.date, **extra: Any
) -> None:
    course = Course.objects.create(
        province=province,
        kind=kind,
        title=f"Khóa {kind} {issued.year}",
        organiser="Sở KH&CN",
        starts_on=issued,
        ends_on=issued,
    )
    Certificate.objects.create(
        number=f"CC-{next(_numbers)}",
        course=course,
        holder_name="Trần Thị Học",
        agency=agency,
        issued_on=issued,
        **extra,
    )


def build_province(code: str = "98") -> Hand:
    """Seven agencies required to apply, one excluded (the People's Committee), one gone."""
    province = make_unit(
        unit_set="2025",
        code=code,
        name=f"Tỉnh Thử Nghiệm {code}",
        short_name="Thử Nghiệm",
        level="province",
        kind="province",
    )
    ward_unit = make_unit(
        unit_set="2025",
        code=f"{code}001",
        name="Phường Một",
        short_name="Một",
        level="commune",
        kind="ward",
        parent=province,
    )
    commune_unit = make_unit(
        unit_set="2025",
        code=f"{code}002",
        name="Xã Hai",
        short_name="Hai",
        level="commune",
        kind="commune",
        parent=province,
    )
    a: dict[str, Agency] = {}
    a["pc"] = AgencyFactory(
        name="Ủy ban nhân dân tỉnh", unit=province, kind="provincial_peoples_committee"
    )
    a["dost"] = AgencyFactory(name="Sở Khoa học và Công nghệ", unit=province)
    a["justice"] = AgencyFactory(name="Sở Tư pháp", unit=province)
    a["forest"] = AgencyFactory(name="Chi cục Kiểm lâm", unit=province, parent=a["justice"])
    a["board"] = AgencyFactory(name="Ban Quản lý Khu kinh tế", unit=province)
    a["tax"] = AgencyFactory(name="Cục Thuế tỉnh", unit=province, kind="other")
    a["ward"] = AgencyFactory(
        name="UBND phường Một", unit=ward_unit, kind="commune_peoples_committee", level="commune"
    )
    a["commune"] = AgencyFactory(
        name="UBND xã Hai", unit=commune_unit, kind="commune_peoples_committee", level="commune"
    )
    a["former"] = AgencyFactory(name="Sở Cũ", unit=province, valid_to=D(2025, 6, 30))

    _event(a["dost"], EventKind.ANNOUNCED, D(2020, 5, 1))
    _event(a["dost"], EventKind.APPLYING_CONFIRMED, D(YEAR, 3, 1))
    _event(a["justice"], EventKind.ANNOUNCED, D(2019, 5, 1))
    _event(a["justice"], EventKind.REANNOUNCED, D(YEAR, 2, 1))
    _event(a["forest"], EventKind.BUILDING_STARTED, D(2025, 9, 1))
    _event(a["tax"], EventKind.ANNOUNCED, D(2021, 1, 4))
    _event(a["tax"], EventKind.LAPSED, D(2024, 1, 4))
    _event(a["ward"], EventKind.ANNOUNCED, D(2025, 9, 1))
    _event(a["former"], EventKind.ANNOUNCED, D(2018, 1, 4))

    plan = InspectionPlan.objects.create(province=province, year=YEAR, state="approved")
    lines = {
        "justice": (InspectionForm.ON_SITE, 3),
        "dost": (InspectionForm.RECORDS, 4),
        "ward": (InspectionForm.RECORDS, 5),
        "forest": (InspectionForm.ON_SITE, 11),
    }
    made = {
        key: PlanLine.objects.create(plan=plan, agency=a[key], form=form, planned_month=month)
        for key, (form, month) in lines.items()
    }
    PlanLine.objects.create(
        plan=plan, agency=a["board"], form=InspectionForm.RECORDS, removed_on=D(YEAR, 2, 1)
    )

    _inspection(
        a["dost"], InspectionForm.RECORDS, State.CONCLUDED, Conclusion.CONFORMS, line=made["dost"],
        request_date=D(YEAR, 3, 1), reply_due=D(YEAR, 3, 20),
        answered_at=datetime.datetime(YEAR, 3, 18, 9, tzinfo=datetime.UTC),
    )  # fmt: skip
    justice = _inspection(
        a["justice"], InspectionForm.ON_SITE, State.CONCLUDED, Conclusion.CORRECTIONS_NEEDED,
        line=made["justice"], request_date=D(YEAR, 2, 1), reply_due=D(YEAR, 2, 20),
        answered_at=datetime.datetime(YEAR, 2, 25, 9, tzinfo=datetime.UTC),
    )  # fmt: skip
    _requests(justice, RequestState.ACCEPTED, RequestState.REPORTED, RequestState.OPEN)
    _inspection(
        a["ward"], InspectionForm.RECORDS, State.REQUESTED, line=made["ward"],
        request_date=D(YEAR, 4, 1), reply_due=D(YEAR, 4, 20),
    )  # fmt: skip
    forest = _inspection(
        a["forest"], InspectionForm.ON_SITE, State.CLOSED, Conclusion.NOT_CONFORMING,
        line=made["forest"],
    )  # fmt: skip
    _requests(forest, RequestState.NOT_ACCEPTED, RequestState.DRAFT)
    _inspection(a["tax"], InspectionForm.RECORDS, State.CONCLUDED, Conclusion.CONFORMS, year=2025)

    _certificate(province, a["dost"], CourseKind.INTERNAL_AUDITOR, D(YEAR, 4, 1))
    _certificate(province, a["dost"], CourseKind.ISO_SECRETARY, D(2024, 4, 1))
    _certificate(province, a["justice"], CourseKind.AWARENESS, D(YEAR, 5, 1))
    _certificate(
        province, a["justice"], CourseKind.INTERNAL_AUDITOR, D(2023, 5, 1), revoked_on=D(YEAR, 1, 5)
    )
    _certificate(province, a["ward"], CourseKind.ISO_SECRETARY, D(YEAR, 6, 1))

    coordinator = member(UserFactory(roles=[Role.DOST_COORDINATOR]), a["dost"])
    leader = member(UserFactory(roles=[Role.AGENCY_LEADER]), a["justice"])
    return Hand(province=province, agencies=a, coordinator=coordinator, agency_leader=leader)


# December report: block -> the cells of appendix2.json's columns, in order:
# required, building, announced, reannounced, applying, inspected_records, inspected_on_site,
# conforms, corrections, not_conforming, requests_issued, requests_accepted, requests_open,
# trained, nobody_trained.
DECEMBER = {
    "boards": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    "sub_departments": [1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1],
    "departments": [2, 0, 2, 1, 1, 1, 1, 1, 1, 0, 3, 1, 2, 2, 0],
    "vertical": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    "communes": [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
}
DECEMBER_TOTAL = [7, 1, 3, 1, 1, 1, 2, 1, 1, 1, 4, 1, 3, 3, 4]
# November report: planned_records, planned_on_site, inspected_records, inspected_on_site,
# conforms, corrections, not_conforming, requests_issued, requests_reported,
# requests_accepted, requests_not_accepted, requests_open.
NOVEMBER = {
    "boards": [0] * 12,
    "sub_departments": [0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1],
    "departments": [1, 1, 1, 1, 1, 1, 0, 3, 1, 1, 0, 2],
    "vertical": [0] * 12,
    "communes": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
}
NOVEMBER_TOTAL = [2, 2, 1, 2, 1, 1, 1, 4, 1, 1, 1, 3]
