"""The triage run on real dossiers of the test desk, with the Vietnamese working calendar:
late finishes, overdue dossiers, "not satisfied" ratings and procedures below their target,
found incrementally and proposed once."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.accounts.roles import Role
from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.dossiers import services as desk_services
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from chuan.improvement import triage_rules
from chuan.improvement.choices import CandidateState, NcSource, TriageKind
from chuan.improvement.models import TriageCandidate, TriageCursor
from chuan.improvement.selectors import objectives
from chuan.improvement.services.triage import (
    candidate_accept,
    candidate_dismiss,
    overdue_days,
    triage_run,
)
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    desk = make_desk(world)
    desk.secretary = member(UserFactory(roles=[Role.ISO_SECRETARY]), desk.agency)
    return desk


def _late(desk, day=2, finished=20, month=3):
    """A land dossier (10 working days) received on `day` and finished on `finished`."""
    dossier = receive(desk, desk.land, at(day, 9, month=month))
    return finish_through(desk, dossier, at(finished, 10, month=month))


def _kinds():
    return sorted(TriageCandidate.objects.values_list("kind", "dossier_id"))


def test_late_finish_is_found_once_and_a_new_one_next_time(desk):
    late = _late(desk)
    on_time = finish_through(desk, receive(desk, desk.land, at(2, 9)), at(10, 10))
    assert late.timeliness == "late" and on_time.timeliness != "late"
    first = triage_run(now=at(20, 12))
    assert first.found == 1 and first.by_agency == {desk.agency.pk: 1}
    candidate = TriageCandidate.objects.get()
    assert (candidate.kind, candidate.dossier_id, candidate.state) == (
        TriageKind.LATE_FINISH,
        late.pk,
        CandidateState.PROPOSED,
    )
    assert candidate.procedure_id == desk.land.procedure_id
    assert candidate.agency_id == desk.agency.pk
    # Nothing new: nothing found.
    assert triage_run(now=at(20, 13)).found == 0
    # A new late dossier is found, and only it.
    newer = _late(desk, day=3, finished=23)
    second = triage_run(now=at(23, 12))
    assert second.found == 1
    assert _kinds() == sorted(
        [(TriageKind.LATE_FINISH, late.pk), (TriageKind.LATE_FINISH, newer.pk)]
    )
    entry = ActivityEntry.objects.filter(verb="triage.run").last()
    assert entry.agency_id is None and entry.changes == {"found": 1, "late_finish": 1}


def test_dismissed_never_comes_back(desk):
    _late(desk)
    triage_run(now=at(20, 12))
    candidate = TriageCandidate.objects.get()
    candidate_dismiss(candidate=candidate, reason="Chờ bổ sung của Sở TN&MT", actor=desk.secretary)
    # Even a run that reads from the start again proposes nothing twice.
    TriageCursor.objects.update(last_event_id=0, overdue_before={})
    assert triage_run(now=at(24, 12)).found == 0
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.DISMISSED
    assert candidate.reason == "Chờ bổ sung của Sở TN&MT"
    assert candidate.decided_by == desk.secretary and candidate.decided_at is not None


def test_overdue_by_more_than_n_working_days_over_the_april_holidays(desk):
    """Received Tue 14/04/2026, 10 working days: due Wed 29/04 (Hùng Kings' day falls on Sun
    26/04 and is taken on Mon 27/04). 30/04 and 01/05 are holidays, so three working days
    overdue are 04, 05 and 06/05: proposed on Thu 07/05, not before."""
    dossier = receive(desk, desk.land, at(14, 9, month=4))
    assert dossier.due_at == at(29, 17, month=4)
    assert overdue_days() == 3
    assert triage_run(now=at(6, 16, month=5)).found == 0
    result = triage_run(now=at(7, 8, month=5))
    assert result.found == 1
    candidate = TriageCandidate.objects.get()
    assert candidate.kind == TriageKind.OVERDUE and candidate.occurred_at == dossier.due_at
    # Later runs read only the new window, and finishing it late proposes nothing more.
    assert triage_run(now=at(7, 15, month=5)).found == 0
    finish_through(desk, dossier, at(7, 16, month=5))
    assert triage_run(now=at(8, 9, month=5)).found == 0
    assert TriageCandidate.objects.count() == 1


def test_overdue_days_is_a_setting(settings, desk):
    settings.CHUAN_TRIAGE_OVERDUE_DAYS = 0
    assert overdue_days() == 0
    settings.CHUAN_TRIAGE_OVERDUE_DAYS = "many"
    assert overdue_days() == 3
    settings.CHUAN_TRIAGE_OVERDUE_DAYS = 10_000
    assert overdue_days() == 60


def test_not_satisfied_rating(desk):
    dossier = finish_through(desk, receive(desk, desk.land, at(2, 9)), at(10, 10))
    dossier = desk_services.dossier_return(dossier=dossier, method="in_person", actor=desk.officer)
    desk_services.dossier_rate(
        dossier=dossier, satisfaction="not_satisfied", comment="Phải đi lại ba lần"
    )
    other = finish_through(desk, receive(desk, desk.land, at(3, 9)), at(11, 10))
    other = desk_services.dossier_return(dossier=other, method="in_person", actor=desk.officer)
    desk_services.dossier_rate(dossier=other, satisfaction="satisfied")
    assert triage_run(now=at(20, 12)).found == 1
    candidate = TriageCandidate.objects.get()
    assert candidate.kind == TriageKind.NOT_SATISFIED and candidate.dossier_id == dossier.pk
    assert candidate.note == "Phải đi lại ba lần"
    nc = candidate_accept(candidate=candidate, actor=desk.secretary)
    assert nc.source == NcSource.CITIZEN


def test_procedure_below_its_target_once_per_month(desk, monkeypatch):
    asked = []

    def targets(*, agency_id, year):
        asked.append((agency_id, year))
        return {desk.land.procedure_id: 98.0, None: 10.0}

    monkeypatch.setattr(objectives, "on_time_targets", targets)
    _late(desk)  # March: one late…
    finish_through(desk, receive(desk, desk.land, at(2, 9)), at(10, 10))  # …one on time
    finish_through(desk, receive(desk, desk.birth, at(4, 9)), at(4, 10))  # birth: 100%
    triage_run(now=at(25, 12))  # in March: compares February only
    assert not TriageCandidate.objects.filter(kind=TriageKind.BELOW_TARGET).exists()
    result = triage_run(now=at(2, 9, month=4))
    assert result.by_kind == {TriageKind.BELOW_TARGET: 1}
    candidate = TriageCandidate.objects.get(kind=TriageKind.BELOW_TARGET)
    assert candidate.procedure_id == desk.land.procedure_id
    assert candidate.month == dt.date(2026, 3, 1)
    assert (candidate.rate, candidate.target, candidate.finished) == (50.0, 98.0, 2)
    assert asked == [(desk.agency.pk, 2026)]
    assert triage_run(now=at(20, 9, month=4)).found == 0
    nc = candidate_accept(candidate=candidate, actor=desk.secretary)
    assert nc.source == NcSource.OBJECTIVE and nc.procedure_id == desk.land.procedure_id
    assert "50.0%" in nc.description and "98.0%" in nc.description


def test_accept_raises_a_nonconformity_with_the_dossiers(desk):
    first, second = _late(desk), _late(desk, day=3, finished=23)
    triage_run(now=at(24, 12))
    one, two = TriageCandidate.objects.order_by("dossier_id")
    nc = candidate_accept(candidate=one, also=[two], actor=desk.secretary)
    assert nc.code == "KPH-2026-001" and nc.source == NcSource.LATE_DOSSIER
    assert set(nc.dossiers.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert first.code in nc.description and second.code in nc.evidence
    assert nc.found_by == desk.secretary and nc.procedure_id == desk.land.procedure_id
    for candidate in (one, two):
        candidate.refresh_from_db()
        assert candidate.state == CandidateState.ACCEPTED and candidate.nonconformity == nc
    assert ActivityEntry.objects.filter(verb="triage_candidate.accepted").count() == 1


def test_refusals_change_nothing(desk, world):
    _late(desk)
    triage_run(now=at(20, 12))
    candidate = TriageCandidate.objects.get()
    with pytest.raises(ValidationError) as error:
        candidate_dismiss(candidate=candidate, reason="   ", actor=desk.secretary)
    assert set(error.value.message_dict) == {"reason"}
    for user in (desk.officer, desk.official, world.secretary, None):
        with pytest.raises(PermissionDenied):
            candidate_dismiss(candidate=candidate, reason="Không", actor=user)
        with pytest.raises(PermissionDenied):
            candidate_accept(candidate=candidate, actor=user)
    with pytest.raises(ValidationError):
        candidate_accept(candidate=candidate, actor=desk.secretary, severity="huge")
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.PROPOSED
    assert not ActivityEntry.objects.filter(verb__startswith="triage_candidate").exists()


@pytest.mark.parametrize("state", CandidateState.values)
@pytest.mark.parametrize("action", sorted(triage_rules.TRANSITIONS))
def test_every_state_and_action(desk, state, action):
    _late(desk)
    triage_run(now=at(20, 12))
    candidate = TriageCandidate.objects.get()
    TriageCandidate.objects.update(state=state)
    candidate.refresh_from_db()
    expected = triage_rules.next_state(action, state)

    def act():
        if action == "accept":
            return candidate_accept(candidate=candidate, actor=desk.leader)
        return candidate_dismiss(candidate=candidate, reason="Lý do", actor=desk.leader)

    if expected is None:
        with pytest.raises(ConflictError):
            act()
        candidate.refresh_from_db()
        assert candidate.state == state
    else:
        act()
        candidate.refresh_from_db()
        assert candidate.state == expected


def test_rules():
    assert triage_rules.on_time_rate(1, 1, 2) == 50.0
    assert triage_rules.on_time_rate(0, 0, 0) is None
    march = dt.date(2026, 3, 1)
    assert triage_rules.months_closed(None, dt.date(2026, 3, 5)) == [dt.date(2026, 2, 1)]
    assert triage_rules.months_closed(march, dt.date(2026, 3, 31)) == []
    assert triage_rules.months_closed(dt.date(2025, 12, 1), dt.date(2026, 3, 2)) == [
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]


def test_the_first_run_looks_back_a_month_not_over_the_whole_history(desk):
    old = _late(desk, day=2, finished=20, month=1)  # finished late in January
    recent = _late(desk)  # finished late on 20 March
    result = triage_run(now=at(25, 12))
    assert result.found == 1
    assert _kinds() == [(TriageKind.LATE_FINISH, recent.pk)]
    # Told to look back further, a first run finds the older one too.
    TriageCandidate.objects.all().delete()
    TriageCursor.objects.all().delete()
    assert triage_run(now=at(25, 12), since=at(1, 0, month=1)).found == 2
    assert (TriageKind.LATE_FINISH, old.pk) in _kinds()


def test_the_command_runs_the_triage(desk):
    import io

    from django.core.management import call_command

    TriageCursor.objects.create(pk=1, ran_at=at(1, 9))  # ran before: read every new event
    _late(desk)
    out = io.StringIO()
    call_command("qms_triage", stdout=out)
    assert "1 new candidate(s) in 1 agency(ies)" in out.getvalue()
    assert TriageCandidate.objects.count() == 1
    quiet = io.StringIO()
    call_command("qms_triage", "--quiet", stdout=quiet)
    assert quiet.getvalue() == "" and TriageCandidate.objects.count() == 1
