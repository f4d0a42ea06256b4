"""Feedback to test with, on the test desk of `dossiers.tests.factories`."""

import datetime as dt
from typing import Any

from chuan.feedback import services
from chuan.feedback.choices import Channel, ContentType


def data(**changes: Any) -> services.FeedbackData:
    values: dict[str, Any] = {
        "channel": Channel.PHONE,
        "sender_name": "Trần Văn Bình",
        "sender_phone": "0912 345 678",
        "content_type": ContentType.CONDUCT,
        "content": "Cán bộ hẹn trả kết quả ba lần vẫn chưa trả.",
    }
    values.update(changes)
    return services.FeedbackData(**values)


def receive_feedback(desk: Any, at: dt.datetime | None = None, **changes: Any) -> Any:
    return services.feedback_receive(
        agency=desk.agency, data=data(**changes), actor=desk.officer, at=at
    )
