"""The demo ward's QMS documents under TCVN ISO 9001:2015: policy, objectives, the QMS model,
the six system procedures, an operational procedure per administrative procedure it
handles, forms, an external document and record types, with their editions, a revision in
review and a distribution; then a real amendment recorded afterwards (Decree 07/2025/NĐ-CP
amending Decree 123/2015/NĐ-CP on civil status), which opens the review requests of what
cites it. Idempotent: skipped once the ward has documents.
"""

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import docx

from chuan.accounts.models import User
from chuan.documents import services
from chuan.documents.choices import DocumentKind as K
from chuan.documents.models import ControlledDocument, ReviewRequest
from chuan.documents.services import DocumentData
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.services import legal_relation_add
from chuan.legal.symbols import parse_symbol
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess
from chuan.procedures.selectors import version_in_force

# Recorded only once the documents exist, so that the change opens their reviews.
DEFERRED_RELATION = ("07/2025/NĐ-CP", "amends", "123/2015/NĐ-CP")
FIRST_APPROVED = datetime.date(2025, 7, 10)
FIRST_EFFECTIVE = datetime.date(2025, 7, 15)
SYSTEM = (
    ("CS-01", "Chính sách chất lượng", K.QUALITY_POLICY, None),
    ("MT-2026", "Mục tiêu chất lượng năm 2026", K.QUALITY_OBJECTIVES, None),
    ("MH-01", "Mô hình hệ thống quản lý chất lượng", K.QMS_MODEL, None),
    ("QT-HT-01", "Quy trình kiểm soát thông tin dạng văn bản", K.SYSTEM_PROCEDURE, None),
    ("QT-HT-02", "Quy trình quản lý rủi ro và cơ hội", K.SYSTEM_PROCEDURE, None),
    ("QT-HT-03", "Quy trình đánh giá nội bộ", K.SYSTEM_PROCEDURE, None),
    (
        "QT-HT-04",
        "Quy trình kiểm soát sự không phù hợp và hành động khắc phục",
        K.SYSTEM_PROCEDURE,
        None,
    ),
    ("QT-HT-05", "Quy trình xem xét của lãnh đạo", K.SYSTEM_PROCEDURE, None),
    ("QT-HT-06", "Quy trình đo lường sự hài lòng của người dân", K.SYSTEM_PROCEDURE, None),
    ("BM-01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", K.FORM, None),
    ("BM-02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", K.FORM, None),
    ("BM-05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", K.FORM, None),
    ("HS-01", "Sổ theo dõi hồ sơ", K.RECORD_TYPE, 5),
    ("HS-02", "Hồ sơ đánh giá nội bộ", K.RECORD_TYPE, 5),
)
SECTIONS = ("1. Mục đích", "2. Phạm vi", "3. Tài liệu viện dẫn", "4. Định nghĩa", "5. Nội dung")


def _file(code: str, title: str, edition: int) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_heading(f"{code} {title}", level=1)
    document.add_paragraph(f"Lần ban hành: {edition:02d}")
    for section in SECTIONS:
        document.add_heading(section, level=2)
        document.add_paragraph(f"{title}: nội dung {section.lower()} theo TCVN ISO 9001:2015.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(f"{code}.docx", buffer.getvalue())


def _edition(
    document: ControlledDocument,
    people: dict[str, Any],
    approved: datetime.date | None,
    effective: datetime.date | None,
    change: dict[str, str] | None = None,
) -> Any:
    revision = services.revision_draft(
        document=document,
        changes=[change] if change else [],
        file=_file(document.code, document.title, document.revisions.count() + 1),
        actor=people["doccontrol"],
    )
    services.revision_submit(
        revision=revision, reviewer=people["secretary"], actor=people["doccontrol"]
    )
    if approved is None or effective is None:
        return revision
    services.revision_sign_off(
        revision=revision,
        actor=people["secretary"],
        at=timezone.make_aware(datetime.datetime.combine(approved, datetime.time(8))),
    )
    return services.revision_approve(
        revision=revision,
        effective_date=effective,
        actor=people["leader"],
        approved_on=approved,
    )


def load_documents(*, stdout: Any = None) -> int:
    """Create the ward's document set; return how many documents were created."""
    if ControlledDocument.objects.exists():
        return 0
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=("doccontrol", "secretary", "leader", "desk", "official", "viewer")
        )
    }
    if len(people) < 6:
        return 0
    membership = people["doccontrol"].memberships.select_related("agency").first()
    if membership is None:
        return 0
    agency = membership.agency
    law = {d.symbol: d for d in LegalDocument.objects.all()}
    created = []
    for code, title, kind, retention in SYSTEM:
        document = services.document_create(
            agency=agency,
            data=DocumentData(code=code, title=title, kind=kind, retention_years=retention),
            actor=people["doccontrol"],
        )
        _edition(document, people, FIRST_APPROVED, FIRST_EFFECTIVE, {"what": "Ban hành lần đầu"})
        created.append(document)
    external = services.document_create(
        agency=agency,
        data=DocumentData(
            code="TL-BN-01",
            title="Luật Hộ tịch",
            kind=K.EXTERNAL,
            legal_basis=[law[s] for s in ("60/2014/QH13",) if s in law],
        ),
        actor=people["doccontrol"],
    )
    _edition(external, people, FIRST_APPROVED, FIRST_EFFECTIVE, {"what": "Cập nhật danh mục"})
    created.append(external)
    processes = InternalProcess.objects.filter(agency=agency, status=ProcessStatus.APPROVED)
    for number, process in enumerate(processes.select_related("procedure").order_by("code"), 1):
        version = version_in_force(process.procedure, FIRST_EFFECTIVE)
        if version is None:
            continue
        document = services.document_create(
            agency=agency,
            data=DocumentData(
                code=f"QT-TN-{number:02d}",
                title=f"Quy trình {version.name[0].lower()}{version.name[1:]}",
                kind=K.OPERATIONAL_PROCEDURE,
                legal_basis=list(version.legal_basis.all()),
            ),
            actor=people["doccontrol"],
        )
        ControlledDocument.objects.filter(pk=document.pk).update(procedure=process.procedure)
        _edition(document, people, FIRST_APPROVED, FIRST_EFFECTIVE, {"what": "Ban hành lần đầu"})
        created.append(document)
    by_code = {d.code: d for d in created}
    # Later editions: the internal audit procedure revised in March 2026, and a revision of
    # the satisfaction procedure waiting for the leader's approval.
    _edition(
        by_code["QT-HT-03"],
        people,
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 9),
        {
            "what": "Bổ sung đánh giá viên",
            "where": "Mục 5.2",
            "why": "Kết quả xem xét của lãnh đạo",
        },
    )
    _edition(
        by_code["QT-HT-06"],
        people,
        None,
        None,
        {"what": "Đo lường qua Cổng dịch vụ công", "where": "Mục 5", "why": "NĐ 118/2025/NĐ-CP"},
    )
    policy = by_code["CS-01"].revisions.get()
    services.revision_distribute(
        revision=policy,
        users=[people["desk"], people["official"], people["viewer"]],
        actor=people["doccontrol"],
    )
    services.revision_acknowledge(revision=policy, actor=people["desk"])
    source, relation, target = (
        parse_symbol(DEFERRED_RELATION[0]).text,
        DEFERRED_RELATION[1],
        parse_symbol(DEFERRED_RELATION[2]).text,
    )
    recorded = LegalRelation.objects.filter(
        source__symbol=source, kind=relation, target__symbol=target
    ).exists()
    if source in law and target in law and not recorded:
        legal_relation_add(source=law[source], kind=relation, target=law[target], actor=None)
        review = (
            ReviewRequest.objects.filter(legal_document=law[target], process__agency=agency)
            .order_by("pk")
            .first()
        )
        if review is not None:
            services.review_close_no_change(
                review=review,
                decision="Nghị định 07/2025/NĐ-CP không thay đổi các bước của quy trình nội bộ.",
                actor=people["doccontrol"],
            )
    if stdout is not None:
        stdout.write(f"Documents: {len(created)} controlled documents created.\n")
    return len(created)
