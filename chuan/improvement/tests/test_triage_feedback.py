"""Citizens' feedback classified as about conduct (NĐ 20/2008/NĐ-CP Art. 5.1, 9.4) is
proposed on the ISO secretary's triage list, once each, and accepted as a nonconformity
from a citizen."""

import datetime as dt

from django.utils import timezone

import pytest

from chuan.accounts.roles import Role
from chuan.dossiers.tests.factories import at, make_desk, receive
from chuan.feedback import services as feedback_services
from chuan.feedback.choices import Classification
from chuan.feedback.tests.factories import receive_feedback
from chuan.improvement.choices import NcSource, TriageKind
from chuan.improvement.models import TriageCandidate
from chuan.improvement.services.triage import candidate_accept, triage_run
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    desk = make_desk(world)
    desk.secretary = member(UserFactory(roles=[Role.ISO_SECRETARY]), desk.agency)
    return desk


def _classify(desk, feedback, classification):
    return feedback_services.feedback_classify(
        feedback=feedback, classification=classification, note="Lý do", actor=desk.officer
    )


def test_conduct_feedback_is_proposed_once_and_accepted(desk):
    dossier = receive(desk, desk.land, at(2, 9))
    conduct = _classify(desk, receive_feedback(desk, dossier=dossier), Classification.CONDUCT)
    also = _classify(desk, receive_feedback(desk, dossier=dossier), Classification.CONDUCT)
    _classify(desk, receive_feedback(desk), Classification.IN_COMPETENCE)
    _classify(desk, receive_feedback(desk), Classification.NOT_ACCEPTED)
    receive_feedback(desk)  # not classified yet
    now = timezone.now() + dt.timedelta(seconds=1)
    result = triage_run(now=now)
    assert result.by_kind.get(TriageKind.CONDUCT_FEEDBACK) == 2
    candidates = TriageCandidate.objects.filter(kind=TriageKind.CONDUCT_FEEDBACK).order_by("pk")
    assert [c.feedback_id for c in candidates] == [conduct.pk, also.pk]
    assert {c.dossier_id for c in candidates} == {dossier.pk}
    assert candidates[0].note.startswith("Cán bộ hẹn")
    # The next run proposes nothing again, even if the feedback is classified once more.
    _classify(desk, conduct, Classification.CONDUCT)
    again = triage_run(now=now + dt.timedelta(minutes=5))
    assert again.by_kind.get(TriageKind.CONDUCT_FEEDBACK) is None
    nc = candidate_accept(candidate=candidates[0], also=[candidates[1]], actor=desk.secretary)
    assert nc.source == NcSource.CITIZEN
    assert conduct.code in nc.description and also.code in nc.description
    assert list(nc.dossiers.all()) == [dossier]


def test_the_triage_list_shows_the_feedback(client, desk):
    feedback = _classify(desk, receive_feedback(desk), Classification.CONDUCT)
    triage_run(now=timezone.now() + dt.timedelta(seconds=1))
    client.force_login(desk.secretary)
    html = client.get("/qms/triage/").content.decode()
    assert feedback.code in html and f"/feedback/{feedback.pk}/" in html
