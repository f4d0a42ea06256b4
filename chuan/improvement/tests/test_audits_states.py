"""Every state × action through the service: what the table allows moves the audit and
records it; anything else is a 409 and changes nothing."""

import itertools

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.improvement import audits_rules as rules
from chuan.improvement.choices import AuditState
from chuan.improvement.models import Audit
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.services.audits_checklist import ReportData
from chuan.improvement.tests.test_audits_services import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(world):
    return Office(world)


@pytest.mark.parametrize(("state", "action"), itertools.product(AuditState.values, rules.ACTIONS))
def test_every_state_and_action_through_the_service(office, state, action):
    audit = office.audit()
    Audit.objects.filter(pk=audit.pk).update(state=state)
    audit.refresh_from_db()
    before = ActivityEntry.objects.count()
    expected = rules.next_state(state, action)
    report = ReportData("Tóm tắt", "Phù hợp")
    if expected is None:
        with pytest.raises(ConflictError):
            checklist.audit_transition(
                audit=audit, action=action, actor=office.secretary, report=report
            )
        audit.refresh_from_db()
        assert audit.state == state and ActivityEntry.objects.count() == before
    else:
        audit = checklist.audit_transition(
            audit=audit, action=action, actor=office.secretary, report=report
        )
        assert audit.state == expected and ActivityEntry.objects.count() == before + 1


def test_screens_answer_a_refused_action_with_a_message(client, office):
    audit = office.audit()
    client.force_login(office.secretary)
    response = client.post(f"/qms/audits/{audit.pk}/close/", follow=True)
    assert response.status_code == 200
    assert "Đã lập kế hoạch" in response.content.decode()
    audit.refresh_from_db()
    assert audit.state == AuditState.PLANNED
    assert client.post(f"/qms/audits/{audit.pk}/approve/").status_code == 404
