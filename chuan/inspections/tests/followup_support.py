"""Builders for the follow-up tests: a concluded on-site inspection of the Chư Sê committee
with its requests issued as nonconformities, and each nonconformity walked by the agency
until its corrective actions are done."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chuan.accounts.roles import Role
from chuan.core.testing.bad_files import pdf
from chuan.improvement.services import nonconformities as nc_services
from chuan.inspections.choices import Conclusion, InspectionForm, InspectionState
from chuan.inspections.models import CorrectionRequest, Inspection
from chuan.inspections.services.followup import inspection_concluded
from chuan.organisations.tests.factories import UserFactory, member


@dataclass
class Followup:
    world: Any
    inspection: Inspection
    requests: list[CorrectionRequest]
    owner: Any
    other_coordinator: Any  # DOST of another province (Kon Tum)
    other_answerer: Any  # the leader of another agency of the same province


def concluded(
    world: Any,
    *,
    count: int = 2,
    issued_on: datetime.date | None = None,
    form: str = InspectionForm.ON_SITE,
    actor: Any = "coordinator",
) -> Inspection:
    issued_on = issued_on or timezone.localdate() - datetime.timedelta(days=10)
    inspection = Inspection.objects.create(
        agency=world.chu_se_pc,
        province=world.gia_lai_legacy,
        year=issued_on.year,
        form=form,
        state=InspectionState.CONCLUDED,
        conclusion=Conclusion.CORRECTIONS_NEEDED,
        concluded_on=issued_on,
        request_number="15/TĐC-QLCL",
        request_date=issued_on - datetime.timedelta(days=40),
    )
    for n in range(count):
        CorrectionRequest.objects.create(
            inspection=inspection,
            code="1dd" if n == 0 else "2d",
            text=f"Khắc phục điểm {n + 1}: chưa cập nhật văn bản pháp luật mới vào HTQLCL",
        )
    inspection_concluded(
        inspection=inspection,
        issued_on=issued_on,
        actor=world.coordinator if actor == "coordinator" else actor,
    )
    return inspection


def followup(world: Any, **kwargs: Any) -> Followup:
    inspection = concluded(world, **kwargs)
    owner = member(UserFactory(roles=[Role.PROCESSING_OFFICIAL]), world.chu_se_pc)
    kon_tum_dost = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
    pleiku_leader = member(UserFactory(roles=[Role.AGENCY_LEADER]), world.ward_pc)
    return Followup(
        world=world,
        inspection=inspection,
        requests=list(inspection.requests.order_by("id")),
        owner=owner,
        other_coordinator=kon_tum_dost,
        other_answerer=pleiku_leader,
    )


def actions_done(f: Followup, request: CorrectionRequest) -> None:
    """The agency confirms, plans, approves and carries out the request's nonconformity."""
    w = f.world
    nc = request.nonconformity
    assert nc is not None
    nc.refresh_from_db()
    if nc.state == "described":
        nc = nc_services.nonconformity_confirm(nc=nc, actor=w.secretary)
    nc = nc_services.nonconformity_plan(
        nc=nc,
        data=nc_services.PlanData(
            correction="Rà soát danh mục văn bản pháp luật",
            root_cause="Chưa phân công theo dõi văn bản mới",
            actions=[nc_services.ActionData("Cập nhật quy trình QT-05", f.owner, 3)],
        ),
        actor=w.secretary,
    )
    nc = nc_services.nonconformity_approve(nc=nc, actor=w.leader)
    for action in nc.actions.filter(state="open"):
        nc_services.action_complete(action=action, result="Đã cập nhật", actor=f.owner)


def evidence(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf("Bao cao khac phuc"), content_type="application/pdf")


def reported(f: Followup, request: CorrectionRequest) -> CorrectionRequest:
    from chuan.inspections.services.followup import correction_report

    actions_done(f, request)
    return correction_report(
        request=request,
        text="Đã cập nhật quy trình QT-05 theo Nghị định mới",
        evidence_file=evidence(),
        actor=f.world.secretary,
    )
