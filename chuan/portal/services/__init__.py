"""Writes of the portal link: the outbox, online submissions coming in, reconciliation."""

from chuan.portal.services.inbound import (
    Ingested,
    PullResult,
    submission_ingest,
    submission_read,
    submission_receive,
    submission_refuse,
    submission_request_completion,
    submissions_pull,
)
from chuan.portal.services.outbox import (
    SendResult,
    dossier_resync,
    message_resend,
    outbox_send,
    outbox_write,
)
from chuan.portal.services.reconcile import CheckResult, links_check

__all__ = [
    "CheckResult",
    "Ingested",
    "PullResult",
    "SendResult",
    "dossier_resync",
    "links_check",
    "message_resend",
    "outbox_send",
    "outbox_write",
    "submission_ingest",
    "submission_read",
    "submission_receive",
    "submission_refuse",
    "submission_request_completion",
    "submissions_pull",
]
