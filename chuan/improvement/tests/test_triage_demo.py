"""The demo's triage list loads over the demo's dossiers: real late dossiers of the ward of
Pleiku, one accepted as a nonconformity, one dismissed with its reason."""

import io

from django.db import transaction

import pytest

from chuan.demo.loader import load_demo
from chuan.demo.qms_triage import WARD, load_triage
from chuan.improvement.choices import CandidateState, TriageKind
from chuan.improvement.models import TriageCandidate


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(whole_country=False, dossiers=200)
        out = io.StringIO()
        yield load_triage(stdout=out), out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_ward_has_real_late_dossiers_one_accepted_one_dismissed(demo):
    report, printed = demo
    assert report["found"] > 0 and report["accepted"] == 1 and report["dismissed"] == 1
    assert WARD in printed
    ward = TriageCandidate.objects.filter(agency__name=WARD)
    late = ward.filter(kind=TriageKind.LATE_FINISH)
    assert late.exists()
    assert all(c.dossier.timeliness == "late" for c in late.select_related("dossier"))
    accepted = ward.get(state=CandidateState.ACCEPTED)
    assert accepted.nonconformity is not None
    assert accepted.dossier in accepted.nonconformity.dossiers.all()
    dismissed = ward.get(state=CandidateState.DISMISSED)
    assert dismissed.reason and dismissed.decided_by.username == "secretary"
    # Again: nothing new, nothing decided twice.
    assert load_triage() == {"found": 0, "accepted": 0, "dismissed": 0}
