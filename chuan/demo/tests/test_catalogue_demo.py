"""The demo's library and catalogue: real procedures at every level with their legal basis,
and internal processes that fit their statutory time, but for one kept to show the warning."""

from django.db import transaction

import pytest

from chuan.demo import catalogue_data
from chuan.demo.loader import load_demo
from chuan.legal.choices import DocumentStatus
from chuan.legal.models import LegalDocument
from chuan.procedures import selectors
from chuan.procedures.models import InternalProcess, ProcedureVersion


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(whole_country=False, dossiers=200)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_catalogue_covers_every_level_with_its_legal_basis(demo):
    assert demo["procedures"] == len(catalogue_data.PROCEDURES) >= 25
    versions = ProcedureVersion.objects.prefetch_related("legal_basis")
    levels = {level for version in versions for level in version.level_list}
    assert levels == {"commune", "district", "province"}
    assert all(version.legal_basis.all() for version in versions)
    birth = versions.get(procedure__code="1.001193")
    assert birth.time_unit == "same_day"
    assert "60/2014/QH13" in {d.symbol for d in birth.legal_basis.all()}


@pytest.mark.django_db
def test_replaced_documents_are_no_longer_in_force(demo):
    assert LegalDocument.objects.count() == len(catalogue_data.LEGAL_DOCUMENTS)
    one_stop = LegalDocument.objects.get(symbol="61/2018/NĐ-CP")
    assert one_stop.status != DocumentStatus.IN_FORCE


@pytest.mark.django_db
def test_processes_fit_their_time_but_one(demo):
    over = []
    # Approved processes only: the communes' drafts from the province's kit await their leaders.
    processes = InternalProcess.objects.filter(valid_from__isnull=False).select_related(
        "agency__unit", "procedure"
    )
    assert processes.count() >= 12
    for process in processes:
        version = selectors.version_in_force(process.procedure, process.valid_from)
        if selectors.process_time_fit(process, version).exceeds:
            over.append(process.procedure.code)
    assert set(over) == {"2.001035"}


@pytest.mark.django_db
def test_the_desks_have_a_year_of_dossiers(demo):
    from django.db.models import Sum

    from chuan.accounts.models import User
    from chuan.dossiers.choices import Status
    from chuan.dossiers.models import DailyFigure, Dossier

    assert demo["dossiers"] >= 100
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {Status.RETURNED, Status.NOT_RECEIVED} <= statuses
    assert statuses & {Status.PROCESSING, Status.RECEIVED, Status.SUPPLEMENT_REQUESTED}
    received = Dossier.objects.exclude(status=Status.NOT_RECEIVED).count()
    sums = DailyFigure.objects.aggregate(a=Sum("received_online"), b=Sum("received_direct"))
    assert sums["a"] + sums["b"] == received
    assert set(Dossier.objects.exclude(timeliness="").values_list("timeliness", flat=True)) >= {
        "early",
        "late",
    }
    # Every result went through the process: finished at the signing step by a leader,
    # after every step before it; a returned result closed the desk's return step.
    from chuan.accounts.roles import Role
    from chuan.dossiers.models import DossierEvent, DossierStep

    finished = DossierEvent.objects.filter(kind="finished").select_related("actor")
    assert finished.exists()
    leaders = set(User.objects.filter(groups__name=Role.AGENCY_LEADER).values_list("pk", flat=True))
    assert {event.actor_id for event in finished} <= leaders
    result_steps = DossierStep.objects.filter(
        dossier__status__in=(Status.FINISHED, Status.RETURNED), gives_result=True
    )
    assert result_steps.exists() and not result_steps.filter(finished_at__isnull=True).exists()
    assert all(step.signs for step in result_steps)
    unpassed = DossierStep.objects.filter(
        dossier__status__in=(Status.FINISHED, Status.RETURNED),
        finished_at__isnull=True,
        order__lt=3,
    )
    assert not unpassed.exists()
    returned_open = DossierStep.objects.filter(
        dossier__status=Status.RETURNED, order=4, finished_at__isnull=True
    )
    assert not returned_open.exists()
    assert DossierStep.objects.filter(order=2, accepted_at__isnull=False).exists()


STAFF_SUFFIXES = ("vanthu", "thuky", "lanhdao")  # as the README lists them


@pytest.mark.django_db
def test_three_agencies_have_their_qms_documents_and_reviews(demo):
    from django.utils import timezone

    from chuan.documents.choices import ReviewStatus
    from chuan.documents.models import ControlledDocument, ReviewRequest

    assert demo["documents"] >= 50
    # Three agencies wrote their own; the communes that adopted the province's kit have drafts.
    from chuan.kits.models import AdoptedItem

    kit_drafts = AdoptedItem.objects.filter(document__isnull=False).values("document")
    own = ControlledDocument.objects.exclude(pk__in=kit_drafts)
    assert own.values("agency").distinct().count() == 3
    from chuan.accounts.models import User

    named = {f"{place}.{who}" for place in ("anbinh", "sotaichinh") for who in STAFF_SUFFIXES}
    assert set(User.objects.filter(username__in=named).values_list("username", flat=True)) == named
    kinds = set(ControlledDocument.objects.values_list("kind", flat=True))
    assert {"quality_policy", "system_procedure", "operational_procedure", "form"} <= kinds
    for audit in own.filter(code="QT-HT-03"):
        assert audit.revisions.count() == 2
    replaced = ReviewRequest.objects.filter(legal_document__symbol="61/2018/NĐ-CP")
    statuses = set(replaced.values_list("status", flat=True))
    assert statuses == {ReviewStatus.OPEN, ReviewStatus.REVISED, ReviewStatus.NO_CHANGE}
    [overdue] = ReviewRequest.objects.filter(status=ReviewStatus.OPEN, due_at__lt=timezone.now())
    assert overdue.legal_document.symbol == "61/2018/NĐ-CP"
    for review in replaced.filter(status=ReviewStatus.REVISED):
        assert review.revision is not None and review.revision.document_id == review.document_id


@pytest.mark.django_db
def test_older_dossiers_keep_the_2018_forms_and_newer_ones_the_2025_forms(demo):
    import datetime as dt

    from django.utils import timezone

    from chuan.documents.models import ReviewRequest
    from chuan.dossiers.models import Dossier

    library = set(LegalDocument.objects.values_list("symbol", flat=True))
    assert {"61/2018/NĐ-CP", "01/2018/TT-VPCP", "118/2025/NĐ-CP", "03/2025/TT-VPCP"} <= library
    sets = {}
    for received_at, code in Dossier.objects.values_list("received_at", "form_set__code"):
        before = timezone.localdate(received_at) < dt.date(2025, 9, 15)
        sets.setdefault(before, set()).add(code)
    assert sets == {True: {"TT01-2018"}, False: {"TT03-2025"}}
    # The replacement of Decree 61/2018 took effect on 01/07/2025: by law its reviews were
    # due three months later, whenever the agency learnt of it.
    replaced = ReviewRequest.objects.filter(legal_document__symbol="61/2018/NĐ-CP")
    assert set(replaced.values_list("legal_due_on", flat=True)) == {dt.date(2025, 10, 1)}
