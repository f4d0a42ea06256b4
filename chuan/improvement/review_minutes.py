"""The minutes of a management review (biên bản họp xem xét của lãnh đạo) as DOCX, in the
Vietnamese administrative layout (`chuan.core.word`): the header block, time and place, chair,
secretary and attendees, each input of clause 9.3.2 with its figures and the meeting's
comment, the decisions and actions (owner, due date), and the signatures of the chair and the
secretary (ISO 9001:2015, 9.3.3: retained documented information of the review)."""

from django.utils import timezone

from chuan.core.word import WordDocument
from chuan.improvement.choices import ReviewInputKey
from chuan.improvement.models import ManagementReview


def _name(user: object) -> str:
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


def minutes_docx(review: ManagementReview) -> bytes:
    """The minutes of `review` (fetched with `selectors.reviews.review_get`)."""
    agency = review.agency
    held = timezone.localtime(review.held_at)
    doc = WordDocument()
    doc.header(
        issuer=agency.name, place=agency.unit.short_name or agency.unit.name, day=held.date()
    )
    doc.title("Biên bản họp xem xét của lãnh đạo", review.title)
    doc.paragraph(
        f"{review.period_start:%d/%m/%Y} – {review.period_end:%d/%m/%Y}", label="Kỳ xem xét"
    )
    doc.paragraph(f"{held:%H:%M} ngày {held:%d/%m/%Y}", label="Thời gian")
    doc.paragraph(review.place, label="Địa điểm")
    doc.paragraph(_name(review.chair), label="Chủ trì")
    doc.paragraph(_name(review.secretary), label="Thư ký")
    attendees = ", ".join(_name(user) for user in review.attendees.all())
    doc.paragraph(attendees or "—", label="Thành phần tham dự")
    if review.guests:
        doc.paragraph(review.guests, label="Khách mời")
    doc.heading("I. ĐẦU VÀO CỦA XEM XÉT (ISO 9001:2015, 9.3.2)")
    for section in review.sections.all():
        doc.heading(f"{section.key}) {ReviewInputKey(section.key).label}")
        if section.headers and section.rows:
            doc.table(section.headers, section.rows)
        if section.summary:
            doc.paragraph(section.summary, label="Tóm tắt")
        doc.paragraph(section.comment or "—", label="Ý kiến")
    doc.heading("II. DIỄN BIẾN VÀ KẾT LUẬN")
    doc.paragraph(review.minutes or "—")
    doc.heading("III. QUYẾT ĐỊNH")
    decisions = list(review.decisions.all())
    for decision in decisions:
        doc.paragraph(f"{decision.order}. {decision.text}")
    if not decisions:
        doc.paragraph("—")
    doc.heading("IV. HÀNH ĐỘNG")
    actions = list(review.actions.all())
    if actions:
        doc.table(
            ["TT", "Hành động", "Người thực hiện", "Thời hạn"],
            [[a.order, a.description, _name(a.owner), a.due_on] for a in actions],
        )
    else:
        doc.paragraph("—")
    approved = timezone.localtime(review.approved_at).date() if review.approved_at else None
    doc.signatures(
        [
            ("Thư ký", _name(review.secretary), None),
            ("Chủ trì", _name(review.chair), approved),
        ]
    )
    return doc.to_bytes()
