"""The demo's management review: Ủy ban nhân dân phường Pleiku reviews its QMS for the year on
02/12/2026 (ISO 9001:2015, 9.3; QĐ 19/2014/QĐ-TTg Art. 4.4b), with its input pack compiled
from the demo's figures and the other concerns' records, comments, decisions, two actions,
and the minutes approved by the ward's chairman. Run after the other areas' demos, so the
pack has their objectives, nonconformities, audits and risks to show."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from chuan.accounts.models import User
from chuan.improvement.models import ManagementReview
from chuan.improvement.services import reviews as services

TITLE = "Hội nghị xem xét của lãnh đạo đối với Hệ thống quản lý chất lượng năm 2026"
USERNAMES = ("leader", "secretary", "doccontrol", "desk", "official", "viewer")

COMMENTS = {
    "a": "Các hành động của kỳ xem xét trước đã được theo dõi; tiếp tục đôn đốc hành động còn mở.",
    "b": "Tiếp tục rà soát quy trình nội bộ theo các văn bản pháp luật mới và việc sắp xếp "
    "đơn vị hành chính từ 01/07/2025.",
    "c": "Tỷ lệ người dân hài lòng trở lên đạt yêu cầu; phân tích các lượt không hài lòng "
    "để khắc phục.",
    "d": "Đánh giá mức độ đạt mục tiêu chất lượng năm 2026 theo số liệu trên hệ thống.",
    "e": "Một số thủ tục lĩnh vực đất đai còn hồ sơ quá hạn; cần giao rõ trách nhiệm.",
    "f": "Các phiếu yêu cầu hành động khắc phục được xử lý theo quy trình QT-HT-04.",
    "g": "Đánh giá nội bộ đã thực hiện theo chương trình năm; chưa có kết quả kiểm tra "
    "của Sở Khoa học và Công nghệ trong kỳ.",
    "h": "Các rủi ro mức cao đã có biện pháp xử lý; tiếp tục theo dõi hiệu lực.",
    "i": "Bộ phận Một cửa cần bổ sung 01 máy quét tài liệu và 01 công chức trong giờ cao "
    "điểm; kinh phí duy trì ISO năm 2027 đã đưa vào dự toán.",
    "j": "Số hóa toàn bộ hồ sơ tiếp nhận trực tiếp; nhắn tin báo kết quả cho người dân.",
}
MINUTES = (
    "Hội nghị nghe Thư ký ISO báo cáo tình hình duy trì Hệ thống quản lý chất lượng năm 2026 "
    "theo các đầu vào của điều 9.3.2 TCVN ISO 9001:2015. Các thành viên thảo luận, thống nhất "
    "đánh giá Hệ thống quản lý chất lượng của phường phù hợp, thỏa đáng và có hiệu lực. "
    "Chủ tịch Ủy ban nhân dân phường kết luận và giao nhiệm vụ như dưới đây."
)
DECISIONS = (
    "Duy trì chính sách chất lượng; giữ nguyên mục tiêu chất lượng năm 2027 về tỷ lệ hồ sơ "
    "giải quyết đúng hạn (≥ 98%) và tỷ lệ người dân hài lòng (≥ 90%).",
    "Bổ sung 01 công chức hỗ trợ Bộ phận Một cửa vào giờ cao điểm từ tháng 01/2027.",
)


def load_reviews(*, stdout: Any = None) -> int:
    """Create the ward's December 2026 management review; return how many reviews were
    created (0 on a second run, or without the demo's accounts)."""
    people = {u.username: u for u in User.objects.filter(username__in=USERNAMES)}
    if len(people) < len(USERNAMES):
        return 0
    membership = people["leader"].memberships.select_related("agency").first()
    if membership is None:
        return 0
    ward = membership.agency
    if ManagementReview.objects.filter(agency=ward, title=TITLE).exists():
        return 0
    secretary, leader = people["secretary"], people["leader"]
    with transaction.atomic():
        review = services.review_create(
            agency=ward,
            data=services.ReviewData(
                title=TITLE,
                period_start=datetime.date(2025, 12, 1),
                period_end=datetime.date(2026, 11, 30),
                held_at=timezone.make_aware(
                    datetime.datetime.combine(datetime.date(2026, 12, 2), datetime.time(8))
                ),
                place="Phòng họp Ủy ban nhân dân phường Pleiku",
                chair=leader,
                secretary=secretary,
                attendees=[people[name] for name in ("doccontrol", "desk", "official", "viewer")],
                guests="Đại diện Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Gia Lai (khách mời)",
            ),
            actor=secretary,
        )
        review = services.review_compile(review=review, actor=secretary)
        for key, comment in COMMENTS.items():
            services.review_comment(review=review, key=key, comment=comment, actor=secretary)
        services.review_record_minutes(review=review, minutes=MINUTES, actor=secretary)
        for text in DECISIONS:
            services.review_decision_add(review=review, text=text, actor=secretary)
        services.review_action_add(
            review=review,
            description="Rà soát, sửa đổi quy trình giải quyết thủ tục lĩnh vực đất đai để "
            "giảm hồ sơ quá hạn",
            owner=people["official"],
            due_on=datetime.date(2027, 1, 29),
            actor=secretary,
        )
        services.review_action_add(
            review=review,
            description="Trang bị máy quét tài liệu và số hóa hồ sơ tại Bộ phận Một cửa",
            owner=people["desk"],
            due_on=datetime.date(2027, 2, 26),
            actor=secretary,
        )
        services.review_approve(review=review, actor=leader)
    if stdout is not None:
        stdout.write("Management review: 1 created (phường Pleiku, 02/12/2026).\n")
    return 1
