"""The demo's QMS in use, loaded once with the rest of the demo: phường Pleiku's approved
2026 audit programme with two audits held (two minor nonconformities and an observation),
Sở Tài chính's audit, the triage list holding real late dossiers (one accepted, one
dismissed) and the December management review, approved; a second load adds nothing."""

import datetime as dt
import io

from django.db import transaction

import pytest

from chuan.demo.loader import load_demo
from chuan.demo.qms import load_qms
from chuan.demo.qms_audits import load_audits
from chuan.demo.qms_nonconformities import load_nonconformities
from chuan.demo.qms_reviews import TITLE, load_reviews
from chuan.demo.qms_risks import load_risks
from chuan.demo.qms_triage import WARD, load_triage
from chuan.improvement.choices import (
    AuditState,
    CandidateState,
    NcSource,
    ProgrammeState,
    ReviewState,
    Severity,
    TriageKind,
)
from chuan.improvement.models import (
    Audit,
    AuditorQualification,
    AuditProgramme,
    ManagementReview,
    Nonconformity,
    TriageCandidate,
)
from chuan.improvement.selectors.audits import last_internal_audit
from chuan.improvement.selectors.reviews import last_management_review

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        report = load_demo(whole_country=False, dossiers=200, stdout=out)
        yield report["qms_records"], out.getvalue()
        transaction.set_rollback(True)


def test_a_second_load_adds_nothing(demo):
    loaded, _said = demo
    assert loaded > 0
    assert load_qms() == {}
    # Each part, asked again on its own, finds everything there.
    assert load_audits() == 0 and load_nonconformities() == 0 and load_risks() == 0
    assert load_reviews() == 0
    assert load_triage() == {"found": 0, "accepted": 0, "dismissed": 0}


def test_the_ward_audit_programme(demo):
    programme = AuditProgramme.objects.get(agency__name="Ủy ban nhân dân phường Pleiku")
    assert programme.year == 2026 and programme.state == ProgrammeState.APPROVED
    audits = list(programme.audits.order_by("round"))
    assert [a.state for a in audits] == [AuditState.REPORTED, AuditState.CLOSED]
    ncs = Nonconformity.objects.filter(
        pk__in=audits[0].checklist.values("nonconformity"), source=NcSource.INTERNAL_AUDIT
    )
    assert sorted(nc.severity for nc in ncs) == [Severity.MINOR, Severity.MINOR]
    assert audits[0].checklist.filter(result="observation").count() == 1
    assert AuditorQualification.objects.filter(agency=programme.agency).count() == 4
    assert last_internal_audit(programme.agency_id) == dt.date(2026, 10, 20)
    finance = AuditProgramme.objects.get(agency__code="000.00.44.H21")
    assert finance.year == 2025 and finance.audits.count() == 1
    assert Audit.objects.count() == 3


def test_the_triage_list_holds_real_late_dossiers(demo):
    _loaded, said = demo
    assert WARD in said
    ward = TriageCandidate.objects.filter(agency__name=WARD)
    late = ward.filter(kind=TriageKind.LATE_FINISH).select_related("dossier")
    assert late.exists() and all(c.dossier.timeliness == "late" for c in late)
    accepted = ward.get(state=CandidateState.ACCEPTED)
    assert accepted.dossier in accepted.nonconformity.dossiers.all()
    dismissed = ward.get(state=CandidateState.DISMISSED)
    assert dismissed.reason and dismissed.decided_by.username == "secretary"


def test_the_december_management_review(demo, client):
    review = ManagementReview.objects.get(title=TITLE)
    assert review.agency.name == "Ủy ban nhân dân phường Pleiku"
    assert review.state == ReviewState.APPROVED and review.chair.username == "leader"
    assert review.actions.count() == 2 and review.decisions.count() == 2
    sections = {s.key: s for s in review.sections.all()}
    assert sections["e"].rows  # the demo desk's figures
    assert sections["d"].rows and sections["f"].rows and sections["g"].rows and sections["h"].rows
    assert last_management_review(review.agency_id) == dt.date(2026, 12, 2)
    client.force_login(review.chair)
    page = client.get(f"/rollout/agencies/{review.agency_id}/")
    assert 'data-testid="qms-cycle-panel"' in page.content.decode()
    assert 'data-testid="review-late"' not in page.content.decode()
