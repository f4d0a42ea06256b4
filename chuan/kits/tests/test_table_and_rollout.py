"""DOST's adoption table, the roll-out link ("documents issued" through the lifecycle, the
edition each agency runs on), and the keeper's reviews opened by a change of the law."""

import datetime as dt

from django.utils import timezone

import pytest

from chuan.kits import selectors, services
from chuan.kits.choices import AdoptionState, ReviewStatus
from chuan.kits.models import AdoptedItem, ModelReview, UpdateRequest
from chuan.kits.services import EditionData
from chuan.kits.tests.factories import BODY, approve, approve_process, approve_revision
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.choices import RelationKind
from chuan.legal.services import legal_relation_add
from chuan.legal.tests.factories import legal
from chuan.rollout.choices import EventKind
from chuan.rollout.models import QmsEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "newest,base,kept,adapted,expected",
    [
        (1, None, None, False, AdoptionState.NOT_ADOPTED),
        (1, 1, None, False, AdoptionState.CURRENT),
        (1, 1, None, True, AdoptionState.DIVERGED),
        (2, 1, None, False, AdoptionState.BEHIND),
        (2, 1, None, True, AdoptionState.BEHIND),
        (2, 1, 2, False, AdoptionState.KEPT_OWN),
        (3, 1, 2, False, AdoptionState.BEHIND),
        (None, 1, None, False, AdoptionState.CURRENT),
    ],
)
def test_item_state(newest, base, kept, adapted, expected):
    assert selectors.item_state(newest=newest, base=base, kept=kept, adapted=adapted) == expected


def test_agency_state_is_the_worst_of_its_items():
    assert selectors.agency_state([]) == AdoptionState.NOT_ADOPTED
    assert selectors.agency_state(["not_adopted", "current"]) == AdoptionState.CURRENT
    assert selectors.agency_state(["current", "diverged"]) == AdoptionState.DIVERGED
    assert selectors.agency_state(["kept_own", "diverged"]) == AdoptionState.KEPT_OWN
    assert selectors.agency_state(["kept_own", "behind"]) == AdoptionState.BEHIND


def test_the_adoption_table(kit, world, django_assert_max_num_queries):
    first, second = kit.communes
    services.model_set_adopt(agency=first.agency, model_set=kit.model_set, actor=first.secretary)
    services.model_set_adopt(
        agency=second.agency,
        model_set=kit.model_set,
        items=[kit.document],
        actor=second.secretary,
    )
    with django_assert_max_num_queries(8):
        table = selectors.adoption_table(kit.model_set)
    by_name = {row.agency.name: row for row in table.rows}
    # The ward of the shared world is a commune-level agency too: not adopted.
    assert by_name[world.ward_pc.name].state == AdoptionState.NOT_ADOPTED
    assert [c.edition for c in by_name[first.agency.name].cells] == [1, 1]
    assert by_name[second.agency.name].cells[1].state == AdoptionState.NOT_ADOPTED
    assert by_name[first.agency.name].state == AdoptionState.CURRENT
    assert table.counts["current"] == 2 and table.counts["not_adopted"] == 1
    assert table.counts["approved"] == 0
    new = approve(
        services.edition_draft(
            item=kit.document,
            content=EditionData(body=BODY + "\n6. Phụ lục.", changes=[{"what": "Thêm phụ lục"}]),
            actor=kit.coordinator,
        ),
        kit,
    )
    request = UpdateRequest.objects.get(edition=new, agency=second.agency)
    services.request_keep(request=request, reason="Chưa cần phụ lục.", actor=second.secretary)
    table = selectors.adoption_table(kit.model_set)
    by_name = {row.agency.name: row for row in table.rows}
    assert by_name[first.agency.name].state == AdoptionState.BEHIND
    kept = by_name[second.agency.name]
    assert kept.state == AdoptionState.KEPT_OWN
    assert kept.cells[0].kept_reason == "Chưa cần phụ lục."
    assert table.counts["behind"] == 1 and table.counts["kept_own"] == 1
    only_behind = selectors.adoption_table(kit.model_set, state="behind")
    assert [row.agency for row in only_behind.rows] == [first.agency]
    runs = selectors.runs_on([first.agency.pk, second.agency.pk, world.ward_pc.pk])
    assert world.ward_pc.pk not in runs
    assert runs[first.agency.pk][0].editions == [("QT-HT-01", 1), ("QT-TP-01", 1)]
    assert runs[first.agency.pk][0].state == AdoptionState.BEHIND
    assert runs[second.agency.pk][0].state == AdoptionState.KEPT_OWN


def test_an_agency_that_approved_its_kit_has_issued_its_documents(kit):
    commune = kit.communes[0]
    services.model_set_adopt(
        agency=commune.agency, model_set=kit.model_set, actor=commune.secretary
    )
    document = AdoptedItem.objects.get(agency=commune.agency, item=kit.document)
    process = AdoptedItem.objects.get(agency=commune.agency, item=kit.process)
    approve_revision(document.document.revisions.get(), commune)
    assert not QmsEvent.objects.filter(agency=commune.agency).exists()  # the process waits
    approve_process(process.process, commune)
    event = QmsEvent.objects.get(agency=commune.agency)
    assert event.kind == EventKind.DOCUMENTS_ISSUED and event.recorded_by == commune.leader
    table = selectors.adoption_table(kit.model_set)
    assert table.counts["approved"] == 1
    # A later approval records nothing more.
    services.adopted_text_adapt(
        adopted=document,
        text=document.text + "\n6. Ghi chú của xã.",
        changes=[{"what": "Thêm ghi chú", "where": "6", "why": "Thực tế xã"}],
        actor=commune.secretary,
    )
    document.refresh_from_db()
    approve_revision(
        document.document.revisions.get(edition=2),
        commune,
        effective=timezone.localdate() + dt.timedelta(days=1),
    )
    assert QmsEvent.objects.filter(agency=commune.agency).count() == 1


def test_a_change_of_the_law_opens_the_keepers_review_closed_by_the_new_edition(kit, world):
    commune = kit.communes[0]
    services.model_set_adopt(
        agency=commune.agency, model_set=kit.model_set, actor=commune.secretary
    )
    amending = legal(
        world.admin,
        "123/2025/NĐ-CP",
        LegalKind.DECREE,
        dt.date(2025, 5, 1),
        effective_date=dt.date(2025, 7, 1),
    )
    legal_relation_add(source=amending, target=kit.law, kind=RelationKind.AMENDS, actor=world.admin)
    reviews = ModelReview.objects.filter(legal_document=kit.law, status=ReviewStatus.OPEN)
    assert {review.item for review in reviews} == {kit.document, kit.process}
    assert reviews.first().legal_due_on == dt.date(2025, 10, 1)
    new = approve(
        services.edition_draft(
            item=kit.process,
            content=EditionData(changes=[{"what": "Theo Nghị định 123/2025/NĐ-CP"}]),
            actor=kit.coordinator,
        ),
        kit,
    )
    review = ModelReview.objects.get(item=kit.process)
    assert review.status == ReviewStatus.REVISED and review.edition == new
    request = UpdateRequest.objects.get(edition=new, agency=commune.agency)
    assert request.legal_document == kit.law
    other = ModelReview.objects.get(item=kit.document)
    services.model_review_close_no_change(
        review=other, decision="Quy trình hệ thống không đổi.", actor=kit.coordinator
    )
    other.refresh_from_db()
    assert other.status == ReviewStatus.NO_CHANGE
