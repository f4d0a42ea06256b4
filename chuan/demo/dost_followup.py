"""Demo of what follows an inspection (TT 26/2014 Arts. 37.3–37.4): for a concluded
inspection's requests for correction, the agency carries out each nonconformity's corrective
actions in its register and reports them to DOST with an evidence file; DOST accepts some
and refuses one with a notice of non-acceptance. Every step goes through the services, by
the people the rules want. Idempotent: only requests still awaiting a first report move.
"""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import docx

from chuan.improvement.choices import NcState
from chuan.improvement.permissions import can_approve_qms
from chuan.improvement.services import nonconformities as nc_services
from chuan.inspections.choices import RequestState
from chuan.inspections.models import CorrectionRequest, Inspection
from chuan.inspections.services import followup as services
from chuan.organisations.selectors import agency_officials


def _evidence(request: CorrectionRequest) -> SimpleUploadedFile:
    """A short DOCX report, as agencies send them."""
    document = docx.Document()
    document.add_heading("Báo cáo kết quả khắc phục", level=1)
    document.add_paragraph(request.text)
    document.add_paragraph("Đã rà soát, sửa đổi quy trình và tập huấn cán bộ liên quan.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        f"bao-cao-khac-phuc-{request.pk}.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _approver(agency_id: int, fallback: Any) -> Any:
    for official in agency_officials(agency_id):
        if can_approve_qms(official, agency_id):
            return official
    return fallback


def _carry_out(request: CorrectionRequest, answerer: Any) -> None:
    """The agency walks the nonconformity through its register until its actions are done."""
    nc = request.nonconformity
    if nc is None:
        return
    nc.refresh_from_db()
    if nc.state == NcState.DESCRIBED:
        nc = nc_services.nonconformity_confirm(nc=nc, actor=answerer)
    if nc.state in (NcState.CONFIRMED, NcState.REOPENED):
        nc = nc_services.nonconformity_plan(
            nc=nc,
            data=nc_services.PlanData(
                correction="Rà soát ngay các hồ sơ liên quan",
                root_cause="Chưa phân công người theo dõi và cập nhật",
                actions=[
                    nc_services.ActionData("Sửa đổi quy trình và ban hành lại", answerer, 5),
                    nc_services.ActionData("Tập huấn cán bộ liên quan", answerer, 10),
                ],
            ),
            actor=answerer,
        )
    if nc.state == NcState.PLANNED:
        nc = nc_services.nonconformity_approve(nc=nc, actor=_approver(nc.agency_id, answerer))
    if nc.state == NcState.APPROVED:
        for action in nc.actions.filter(state="open"):
            nc_services.action_complete(
                action=action, result="Đã thực hiện, có hồ sơ kèm theo", actor=answerer
            )


def load_followup(
    *, inspection: Inspection, reports: int, accept: int, refuse: int, actor: Any, answerer: Any
) -> dict[str, int]:
    """Report `reports` of the inspection's open requests (by `answerer`, the agency's
    leader or ISO secretary), then DOST (`actor`) accepts `accept` of them and refuses
    `refuse` with a notice. Returns the counts of what it did."""
    done = {"reported": 0, "accepted": 0, "refused": 0}
    waiting = list(
        CorrectionRequest.objects.filter(inspection=inspection, state=RequestState.OPEN)
        .select_related("nonconformity", "inspection")
        .order_by("id")[: max(reports, 0)]
    )
    sent = []
    for request in waiting:
        _carry_out(request, answerer)
        sent.append(
            services.correction_report(
                request=request,
                text=(
                    "Đã xác định nguyên nhân, sửa đổi quy trình liên quan và tập huấn cán bộ; "
                    "kèm theo báo cáo và quyết định ban hành lại quy trình."
                ),
                evidence_file=_evidence(request),
                actor=answerer,
            )
        )
        done["reported"] += 1
    for request in sent[: max(accept, 0)]:
        services.correction_accept(request=request, actor=actor)
        done["accepted"] += 1
    for number, request in enumerate(sent[max(accept, 0) :][: max(refuse, 0)], start=1):
        services.correction_refuse(
            request=request,
            notice_number=f"{number:02d}/TB-TĐC",
            notice_date=timezone.localdate(),
            reasons=(
                "Chưa có bằng chứng cán bộ đã được tập huấn; đề nghị bổ sung danh sách và "
                "biên bản tập huấn."
            ),
            actor=actor,
        )
        done["refused"] += 1
    return done
