"""The minutes of an on-site inspection (biên bản kiểm tra, Mẫu 21 BBKT of TT 26/2014/
TT-BKHCN, Art. 37.2) as DOCX, through the project's Word helper (`chuan.core.word`).

The official form's fields were not obtained (wave 2 domain notes, §3.3); the minutes hold
what Art. 37 names: the legal basis (the circular and the decision), time and place, the
team, the agency's representatives, the result of each Article 36 item by group with the
evidence seen, the findings, the conclusion, the requests for correction, the agency's
opinion and the two signatures — made in two copies, one for the agency, one for the team.
Written in Vietnamese whatever the reader's language: it is the document the parties sign.
"""

from typing import Any

from django.utils import timezone, translation

from chuan.core.word import WordDocument
from chuan.inspections import article36
from chuan.inspections.choices import Conclusion, ItemResult
from chuan.inspections.models import Inspection, TeamRole

ROLE_TITLES: dict[str, str] = {TeamRole.HEAD: "Trưởng đoàn", TeamRole.DEPUTY: "Phó trưởng đoàn"}
RESULT_TITLES: dict[str, str] = {
    ItemResult.MET: "Đạt",
    ItemResult.NOT_MET: "Không đạt",
    ItemResult.NOT_APPLICABLE: "Không áp dụng",
}


def _when(moment: Any) -> str:
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M}, ngày {local:%d/%m/%Y}"


def minutes_docx(inspection: Inspection) -> bytes:
    """The minutes of `inspection` (fetched with `selectors.onsite.onsite_get`)."""
    with translation.override("vi"):
        return _write(inspection)


def _write(inspection: Inspection) -> bytes:
    visit = inspection.visit
    decision = visit.decision
    minutes = getattr(inspection, "minutes", None)
    team = sorted(decision.team.all(), key=lambda m: ("head", "deputy", "member").index(m.role))
    head = next((m for m in team if m.role == TeamRole.HEAD), None)
    doc = WordDocument()
    signed = minutes.agency_signed_on if minutes is not None else None
    doc.header(
        parent=decision.issuer,
        issuer="Đoàn kiểm tra",
        place=inspection.agency.unit.short_name or inspection.agency.unit.name,
        day=signed or timezone.localtime(visit.scheduled_at).date(),
    )
    doc.title(
        "Biên bản kiểm tra",
        "Việc xây dựng, áp dụng, duy trì và cải tiến hệ thống quản lý chất lượng "
        f"theo TCVN ISO 9001 tại {inspection.agency.name}",
    )
    doc.paragraph(
        "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ và "
        "Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa học và Công nghệ;"
    )
    doc.paragraph(
        f"Căn cứ Quyết định kiểm tra số {decision.number} ngày "
        f"{decision.issued_on:%d/%m/%Y} của {decision.issuer}.",
    )
    held = minutes.held_at if minutes is not None and minutes.held_at else visit.scheduled_at
    doc.paragraph(_when(held), label="Thời gian")
    place = (minutes.place if minutes is not None else "") or visit.place or "—"
    doc.paragraph(place, label="Địa điểm")
    doc.heading("I. THÀNH PHẦN")
    doc.paragraph("", label="1. Đoàn kiểm tra")
    doc.table(
        ["TT", "Họ và tên", "Chức danh trong đoàn", "Đơn vị công tác"],
        [
            [n, m.inspector.full_name, ROLE_TITLES.get(m.role, "Thành viên"), m.unit]
            for n, m in enumerate(team, start=1)
        ],
    )
    people = minutes.representatives if minutes is not None else []
    doc.paragraph("", label=f"2. Đại diện {inspection.agency.name}")
    if people:
        doc.table(
            ["TT", "Họ và tên", "Chức vụ"],
            [[n, p.get("name", ""), p.get("position", "")] for n, p in enumerate(people, 1)],
        )
    else:
        doc.paragraph("—")
    _results(doc, inspection)
    doc.heading("III. CÁC PHÁT HIỆN")
    doc.paragraph((minutes.findings if minutes is not None else "") or "—")
    doc.heading("IV. KẾT LUẬN")
    if minutes is not None and minutes.conclusion:
        doc.paragraph(str(Conclusion(minutes.conclusion).label))
    doc.paragraph((minutes.conclusion_text if minutes is not None else "") or "—")
    doc.heading("V. YÊU CẦU KHẮC PHỤC")
    requests = list(inspection.requests.all())
    for n, request in enumerate(requests, start=1):
        item = f" (nội dung {article36.item(request.code).label})" if request.code else ""
        doc.paragraph(f"{n}. {request.text}{item}")
    if requests:
        doc.paragraph(
            "Cơ quan báo cáo kết quả khắc phục trong thời hạn 02 tháng kể từ ngày ký biên bản."
        )
    else:
        doc.paragraph("Không có.")
    doc.heading("VI. Ý KIẾN CỦA CƠ QUAN ĐƯỢC KIỂM TRA")
    doc.paragraph((minutes.agency_opinion if minutes is not None else "") or "—")
    doc.paragraph(
        "Biên bản được lập thành 02 bản có giá trị như nhau, cơ quan được kiểm tra giữ 01 "
        "bản, Đoàn kiểm tra giữ 01 bản."
    )
    doc.signatures(
        [
            (
                "Đại diện cơ quan được kiểm tra",
                people[0].get("name", "") if people else "",
                minutes.agency_signed_on if minutes is not None else None,
            ),
            (
                "Trưởng đoàn kiểm tra",
                head.inspector.full_name if head is not None else "",
                minutes.team_head_signed_on if minutes is not None else None,
            ),
        ]
    )
    return doc.to_bytes()


def _results(doc: WordDocument, inspection: Inspection) -> None:
    """Section II: one table per group of Article 36 with each item's result."""
    answers = {answer.code: answer for answer in inspection.items.all()}
    doc.heading("II. KẾT QUẢ KIỂM TRA (Điều 36 Thông tư 26/2014/TT-BKHCN)")
    for group, title in article36.GROUPS.items():
        doc.heading(f"{group}. {title}")
        rows = []
        for item in article36.ITEMS:
            if item.group != group:
                continue
            answer = answers.get(item.code)
            site = getattr(answer, "site", None) if answer is not None else None
            rows.append(
                [
                    item.label,
                    str(item.text),
                    RESULT_TITLES.get(answer.result, "—") if answer else "—",
                    site.evidence_seen if site is not None else "",
                    answer.finding if answer else "",
                ]
            )
        doc.table(["Mục", "Nội dung", "Kết quả", "Bằng chứng", "Ghi chú"], rows)
    counts = dict.fromkeys(RESULT_TITLES, 0)
    for answer in answers.values():
        if answer.result in counts:
            counts[answer.result] += 1
    doc.paragraph(
        f"Đạt {counts[ItemResult.MET]}/{len(article36.ITEMS)} nội dung; không đạt "
        f"{counts[ItemResult.NOT_MET]}; không áp dụng {counts[ItemResult.NOT_APPLICABLE]}.",
        label="Tổng hợp",
    )
