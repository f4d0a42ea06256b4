"""The demo's QMS in use: phường Pleiku's 2026 improvement cycle (objectives, risks, internal
audits, corrective actions, the desk's triage list, the December management review) and Sở
Tài chính's internal audit. Each part is idempotent; the review comes last, as its input
pack reads all the others."""

from typing import Any

from chuan.demo.qms_audits import load_audits
from chuan.demo.qms_nonconformities import load_nonconformities
from chuan.demo.qms_objectives import load_objectives
from chuan.demo.qms_reviews import TITLE, load_reviews
from chuan.demo.qms_risks import load_risks
from chuan.demo.qms_triage import load_triage
from chuan.improvement.models import ManagementReview


def load_qms(*, stdout: Any = None) -> dict[str, Any]:
    """What each part created; nothing, in one query, once the review (the last part,
    loaded in the same transaction as the rest) is there."""
    if ManagementReview.objects.filter(title=TITLE).exists():
        return {}
    return {
        "audits": load_audits(stdout=stdout),
        "nonconformities": load_nonconformities(stdout=stdout),
        "objectives": load_objectives(stdout=stdout),
        "risks": load_risks(stdout=stdout),
        "triage": load_triage(stdout=stdout),
        "management_reviews": load_reviews(stdout=stdout),
    }
