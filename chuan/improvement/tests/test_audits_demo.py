"""The demo's internal audits load on the demo, once: the ward's approved 2026 programme with
two audits held (two minor nonconformities raised and an observation), its qualified
auditors, and the Department of Finance's 2025 audit."""

from django.db import transaction

import pytest

from chuan.demo.loader import load_demo
from chuan.demo.qms_audits import load_audits
from chuan.improvement.choices import AuditState, NcSource, ProgrammeState, Severity
from chuan.improvement.models import Audit, AuditorQualification, AuditProgramme, Nonconformity
from chuan.improvement.selectors import audits as selectors


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(whole_country=False, dossiers=0)
        created = load_audits()
        yield created
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_audits_load_once(demo):
    assert demo == 3
    assert load_audits() == 0
    assert Audit.objects.count() == 3


@pytest.mark.django_db
def test_the_ward_programme(demo):
    programme = AuditProgramme.objects.get(agency__name="Ủy ban nhân dân phường Pleiku")
    assert programme.year == 2026 and programme.state == ProgrammeState.APPROVED
    audits = list(programme.audits.order_by("round"))
    assert [a.state for a in audits] == [AuditState.REPORTED, AuditState.CLOSED]
    ncs = Nonconformity.objects.filter(agency=programme.agency, source=NcSource.INTERNAL_AUDIT)
    assert sorted(nc.severity for nc in ncs) == [Severity.MINOR, Severity.MINOR]
    assert audits[0].checklist.filter(result="observation").count() == 1
    assert AuditorQualification.objects.filter(agency=programme.agency).count() == 4
    assert selectors.last_internal_audit(programme.agency_id).isoformat() == "2026-10-20"


@pytest.mark.django_db
def test_the_department_of_finance(demo):
    programme = AuditProgramme.objects.get(agency__code="000.00.44.H21")
    assert programme.year == 2025 and programme.audits.count() == 1
