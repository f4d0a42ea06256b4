"""The demo's triage list: what the desk of the ward of Pleiku proposes to its QMS, found by
the triage run over the demo's dossiers (late finishes, dossiers still overdue, "not
satisfied" ratings), with one candidate accepted as a nonconformity and one dismissed with a
reason, as the ward's ISO secretary would.

Call after the demo's dossiers are loaded: `load_triage(stdout=…)`.
"""

import datetime
from typing import Any

from django.utils import timezone

from chuan.accounts.models import User
from chuan.demo.gialai import AT_WARD, PLACE_NAMES
from chuan.improvement.choices import CandidateState, TriageKind
from chuan.improvement.models import TriageCandidate
from chuan.improvement.services.triage import candidate_accept, candidate_dismiss, triage_run
from chuan.organisations.models import Agency

WARD = PLACE_NAMES[AT_WARD].split(",")[0]  # "Ủy ban nhân dân phường Pleiku"
DISMISSAL = (
    "Hồ sơ quá hạn do chờ kết quả đo đạc của Chi nhánh Văn phòng đăng ký đất đai; đã có văn "
    "bản xin lỗi người dân, không phải lỗi của bộ phận."
)


def load_triage(*, stdout: Any = None) -> dict[str, int]:
    """Run the triage over the demo's dossiers; at the ward, accept the earliest late
    dossier as a nonconformity and dismiss another candidate with a reason. Idempotent: a
    second call finds nothing new and decides nothing again."""
    now = timezone.now()
    # The demo's desk has a year of dossiers: look back over all of it, not one month.
    result = triage_run(now=now, since=now - datetime.timedelta(days=400))
    agency = Agency.objects.filter(name=WARD).order_by("pk").first()
    report = {"found": result.found, "accepted": 0, "dismissed": 0}
    secretary = User.objects.filter(username="secretary").first()
    if agency is None or secretary is None:
        return report
    proposed = TriageCandidate.objects.filter(agency=agency, state=CandidateState.PROPOSED)
    decided = TriageCandidate.objects.filter(agency=agency).exclude(state=CandidateState.PROPOSED)
    if not decided.exists():
        late = proposed.filter(kind=TriageKind.LATE_FINISH).order_by("occurred_at", "pk").first()
        if late is None:
            late = proposed.order_by("occurred_at", "pk").first()
        if late is not None:
            candidate_accept(candidate=late, actor=secretary)
            report["accepted"] = 1
        other = proposed.order_by("-occurred_at", "pk")  # the accepted one is no longer there
        other_one = (
            other.filter(kind=TriageKind.OVERDUE).first()
            or other.exclude(kind=TriageKind.NOT_SATISFIED).first()
            or other.first()
        )
        if other_one is not None:
            candidate_dismiss(candidate=other_one, reason=DISMISSAL, actor=secretary)
            report["dismissed"] = 1
    if stdout is not None:
        stdout.write(
            f"Triage: {result.found} candidates found; at {WARD}: "
            f"{TriageCandidate.objects.filter(agency=agency).count()} in the list, "
            f"{report['accepted']} accepted, {report['dismissed']} dismissed.\n"
        )
    return report
