"""QMS documents under TCVN ISO 9001:2015 for the demo ward, a commune and a provincial
department: policy, objectives, the QMS model, the six system procedures, an operational
procedure per administrative procedure each handles, forms, external documents and record
types, with their editions, a revision in review and a distribution. Then two real changes
of the law recorded afterwards so that they open reviews: Decree 118/2025/NĐ-CP replacing
Decree 61/2018/NĐ-CP on the one-stop desk (learnt a month ago: answered by new editions or a
decision, one review of the ward overdue) and Decree 07/2025/NĐ-CP amending Decree
123/2015/NĐ-CP on civil status (learnt today: open). Idempotent: skipped once documents exist.
"""

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import docx

from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.accounts.services import user_create
from chuan.core.text import fold
from chuan.demo.gialai import DEMO_PASSWORD
from chuan.documents import services
from chuan.documents.choices import DocumentKind as K
from chuan.documents.models import ControlledDocument, ReviewRequest
from chuan.documents.services import DocumentData
from chuan.legal.choices import RelationKind
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.services import legal_relation_add
from chuan.legal.symbols import parse_symbol
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import Agency
from chuan.organisations.services import membership_create
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess
from chuan.procedures.selectors import version_in_force

# Recorded only once the documents exist, so that the change opens their reviews.
DEFERRED_RELATION = ("07/2025/NĐ-CP", "amends", "123/2015/NĐ-CP")
FIRST_APPROVED = datetime.date(2025, 7, 10)
FIRST_EFFECTIVE = datetime.date(2025, 7, 15)
ONE_STOP = ("61/2018/NĐ-CP",)
SYSTEM = (
    ("CS-01", "Chính sách chất lượng", K.QUALITY_POLICY, None, ()),
    ("MT-2026", "Mục tiêu chất lượng năm 2026", K.QUALITY_OBJECTIVES, None, ()),
    ("MH-01", "Mô hình hệ thống quản lý chất lượng", K.QMS_MODEL, None, ()),
    ("QT-HT-01", "Quy trình kiểm soát thông tin dạng văn bản", K.SYSTEM_PROCEDURE, None, ()),
    ("QT-HT-02", "Quy trình quản lý rủi ro và cơ hội", K.SYSTEM_PROCEDURE, None, ()),
    ("QT-HT-03", "Quy trình đánh giá nội bộ", K.SYSTEM_PROCEDURE, None, ()),
    (
        "QT-HT-04",
        "Quy trình kiểm soát sự không phù hợp và hành động khắc phục",
        K.SYSTEM_PROCEDURE,
        None,
        (),
    ),
    ("QT-HT-05", "Quy trình xem xét của lãnh đạo", K.SYSTEM_PROCEDURE, None, ()),
    ("QT-HT-06", "Quy trình đo lường sự hài lòng của người dân", K.SYSTEM_PROCEDURE, None, ()),
    ("BM-01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", K.FORM, None, ONE_STOP),
    ("BM-02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", K.FORM, None, ONE_STOP),
    ("BM-05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", K.FORM, None, ONE_STOP),
    ("HS-01", "Sổ theo dõi hồ sơ", K.RECORD_TYPE, 5, ONE_STOP),
    ("HS-02", "Hồ sơ đánh giá nội bộ", K.RECORD_TYPE, 5, ()),
)
EXTERNAL = (
    ("TL-BN-01", "Luật Hộ tịch", "60/2014/QH13"),
    ("TL-BN-02", "Nghị định về cơ chế một cửa, một cửa liên thông", "61/2018/NĐ-CP"),
)
# Recorded a month before the demo was loaded, so that one of its reviews is overdue.
REPLACEMENT = ("118/2025/NĐ-CP", "61/2018/NĐ-CP")
STAFF = (
    ("doccontrol", "vanthu", Role.DOCUMENT_CONTROLLER, "Công chức văn thư"),
    ("secretary", "thuky", Role.ISO_SECRETARY, "Thư ký ISO"),
    ("leader", "lanhdao", Role.AGENCY_LEADER, "Thủ trưởng cơ quan"),
)
STAFF_NAMES = (
    ("Lê Thị Hồng", "Nguyễn Văn Sơn", "Rơ Châm Tuấn"),
    ("Trương Thị Mỹ Linh", "Đỗ Quang Huy", "Nguyễn Đình Khoa"),
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


def _document_set(agency: Agency, people: dict[str, Any]) -> dict[str, ControlledDocument]:
    """The agency's QMS documents, each with its first edition approved in July 2025."""
    law = {d.symbol: d for d in LegalDocument.objects.all()}
    created: list[ControlledDocument] = []

    def add(code: str, title: str, kind: str, **extra: Any) -> ControlledDocument:
        document = services.document_create(
            agency=agency,
            data=DocumentData(code=code, title=title, kind=kind, **extra),
            actor=people["doccontrol"],
        )
        first = {"what": "Ban hành lần đầu"}
        _edition(document, people, FIRST_APPROVED, FIRST_EFFECTIVE, first)
        created.append(document)
        return document

    for code, title, kind, retention, cites in SYSTEM:
        add(
            code,
            title,
            kind,
            retention_years=retention,
            legal_basis=[law[s] for s in cites if s in law],
        )
    for code, title, symbol in EXTERNAL:
        if symbol in law:
            add(code, title, K.EXTERNAL, legal_basis=[law[symbol]])
    processes = InternalProcess.objects.filter(agency=agency, status=ProcessStatus.APPROVED)
    for number, process in enumerate(processes.select_related("procedure").order_by("code"), 1):
        version = version_in_force(process.procedure, FIRST_EFFECTIVE)
        if version is None:
            continue
        document = add(
            f"QT-TN-{number:02d}",
            f"Quy trình {version.name[0].lower()}{version.name[1:]}",
            K.OPERATIONAL_PROCEDURE,
            legal_basis=list(version.legal_basis.all()),
        )
        ControlledDocument.objects.filter(pk=document.pk).update(procedure=process.procedure)
    return {d.code: d for d in created}


def _later_editions(by_code: dict[str, ControlledDocument], people: dict[str, Any]) -> None:
    """The internal audit procedure revised in March 2026, and a revision of the
    satisfaction procedure waiting for the leader's approval."""
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
    waiting = _edition(
        by_code["QT-HT-06"],
        people,
        None,
        None,
        {"what": "Đo lường qua Cổng dịch vụ công", "where": "Mục 5", "why": "NĐ 118/2025/NĐ-CP"},
    )
    services.revision_sign_off(revision=waiting, actor=people["secretary"])


def _staff(agency: Agency, names: tuple[str, ...]) -> dict[str, Any]:
    """A document controller, an ISO secretary and a leader for another demo agency; they
    sign in with the demo password as `<place>.vanthu`, `<place>.thuky`, `<place>.lanhdao`
    (`anbinh.vanthu`, `sotaichinh.vanthu`)."""
    name = agency.name if agency.level == UnitLevel.PROVINCE else agency.unit.short_name
    place = "".join(fold(name).split())
    people = {}
    for (key, suffix, role, position), full_name in zip(STAFF, names, strict=True):
        username = f"{place}.{suffix}"
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            full_name=full_name,
            password=DEMO_PASSWORD,
            email=f"{username}@example.com",
            roles=[role],
            actor=None,
        )
        if not user.memberships.filter(agency=agency).exists():
            membership_create(user=user, agency=agency, position=position, actor=None)
        people[key] = user
    return people


def _other_agencies(ward: Agency) -> list[Agency]:
    """A commune and a provincial department that have internal processes, besides the ward."""
    agencies = Agency.objects.filter(
        pk__in=InternalProcess.objects.filter(status=ProcessStatus.APPROVED).values("agency_id")
    ).exclude(pk=ward.pk)
    chosen = [
        agencies.filter(level=level).select_related("unit").order_by("name").first()
        for level in (UnitLevel.COMMUNE, UnitLevel.PROVINCE)
    ]
    return [agency for agency in chosen if agency is not None]


def _replacement(agencies: list[Agency], people: dict[int, dict[str, Any]]) -> None:
    """Decree 118/2025/NĐ-CP replacing Decree 61/2018/NĐ-CP on the one-stop desk, recorded in
    the library a month ago: most reviews were answered by new editions or a decision, one of
    the ward's is overdue."""
    source, target = LegalDocument.objects.filter(symbol__in=REPLACEMENT).order_by("symbol")
    new, old = (source, target) if source.symbol == REPLACEMENT[0] else (target, source)
    if LegalRelation.objects.filter(source=new, target=old).exists():
        return
    learnt = timezone.now() - datetime.timedelta(days=30)
    reason = "Nghị định 118/2025/NĐ-CP thay thế Nghị định 61/2018/NĐ-CP"
    services.reviews_open(
        document=old, reason=reason, actor=None, at=learnt, effective_on=new.effective_date
    )
    legal_relation_add(source=new, kind=RelationKind.REPLACES, target=old, actor=None)
    reviews = ReviewRequest.objects.filter(legal_document=old, document__isnull=False)
    answered = timezone.localdate(learnt) + datetime.timedelta(days=7)
    for review in reviews.select_related("document").order_by("agency_id", "document__code"):
        document = review.document
        assert document is not None
        if (review.agency_id, document.code) == (agencies[0].pk, "BM-02"):
            continue  # the one left waiting: overdue
        if document.code == "BM-01":
            services.review_close_no_change(
                review=review,
                decision="Mẫu giấy tiếp nhận giữ nguyên theo Thông tư 03/2025/TT-VPCP.",
                actor=people[document.agency_id]["doccontrol"],
            )
            continue
        _edition(
            document,
            people[document.agency_id],
            answered,
            answered,
            {"what": "Thay căn cứ pháp lý", "where": "Mục 3", "why": reason},
        )


def load_documents(*, stdout: Any = None) -> int:
    """Create the document sets of the ward and two other agencies, then record the law's
    changes that open their reviews; return how many documents were created."""
    if ControlledDocument.objects.exists():
        return 0
    ward_people = {
        u.username: u
        for u in User.objects.filter(
            username__in=("doccontrol", "secretary", "leader", "desk", "official", "viewer")
        )
    }
    if len(ward_people) < 6:
        return 0
    membership = ward_people["doccontrol"].memberships.select_related("agency").first()
    if membership is None:
        return 0
    ward = membership.agency
    agencies = [ward, *_other_agencies(ward)]
    people = {ward.pk: ward_people} | {
        agency.pk: _staff(agency, names)
        for agency, names in zip(agencies[1:], STAFF_NAMES, strict=False)
    }
    count = 0
    for agency in agencies:
        by_code = _document_set(agency, people[agency.pk])
        _later_editions(by_code, people[agency.pk])
        count += len(by_code)
    ward_set = {d.code: d for d in ControlledDocument.objects.filter(agency=ward)}
    policy = ward_set["CS-01"].revisions.get()
    services.revision_distribute(
        revision=policy,
        users=[ward_people["desk"], ward_people["official"], ward_people["viewer"]],
        actor=ward_people["doccontrol"],
    )
    services.revision_acknowledge(revision=policy, actor=ward_people["desk"])
    _replacement(agencies, people)
    _amendment(ward, ward_people)
    if stdout is not None:
        stdout.write(f"Documents: {count} controlled documents in {len(agencies)} agencies.\n")
    return count


def _amendment(ward: Agency, people: dict[str, Any]) -> None:
    """Decree 07/2025/NĐ-CP amending Decree 123/2015/NĐ-CP on civil status, recorded today:
    its reviews are open, one already decided."""
    law = {d.symbol: d for d in LegalDocument.objects.filter(symbol__in=DEFERRED_RELATION[::2])}
    source, relation, target = (
        parse_symbol(DEFERRED_RELATION[0]).text,
        DEFERRED_RELATION[1],
        parse_symbol(DEFERRED_RELATION[2]).text,
    )
    recorded = LegalRelation.objects.filter(
        source__symbol=source, kind=relation, target__symbol=target
    ).exists()
    if source not in law or target not in law or recorded:
        return
    legal_relation_add(source=law[source], kind=relation, target=law[target], actor=None)
    review = (
        ReviewRequest.objects.filter(legal_document=law[target], process__agency=ward)
        .order_by("pk")
        .first()
    )
    if review is not None:
        services.review_close_no_change(
            review=review,
            decision="Nghị định 07/2025/NĐ-CP không thay đổi các bước của quy trình nội bộ.",
            actor=people["doccontrol"],
        )
