"""Reviews after a change of the law: closed by what replaces the reviewed thing, decided
only by who keeps it, and shown to whom they wait on, their agency and DOST when overdue."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest

from chuan.accounts.roles import Role
from chuan.documents import services
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.documents.selectors import decidable_reviews, document_work
from chuan.documents.tests.test_services import _approved, _document, _docx, office  # noqa: F401
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.choices import RelationKind
from chuan.legal.services import legal_relation_add
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures.services import procedure_revise, process_approve, process_revise
from chuan.procedures.tests.factories import approved_process, make_procedure, procedure_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def amended(office, world):  # noqa: F811
    """Luật Hộ tịch amended: reviews open on a document, the catalogue's version and the
    ward's internal process that cite it."""
    document = _document(office)
    version = make_procedure(world.gia_lai_2025, legal_basis=[office["law"]])
    process = approved_process(office["agency"], version, "2", "4")
    # In effect since last week: the law's three months are still running.
    amending = legal(
        world.admin,
        "59/2025/QH15",
        LegalKind.LAW,
        dt.date(2025, 6, 16),
        effective_date=timezone.localdate() - dt.timedelta(days=7),
    )
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=office["law"], actor=world.admin
    )
    return {"document": document, "version": version, "process": process}


def test_a_new_edition_or_version_closes_its_review(office, world, amended):  # noqa: F811
    draft = process_revise(process=amended["process"], actor=office["controller"])
    process_review = ReviewRequest.objects.get(process=amended["process"])
    assert process_review.status == ReviewStatus.OPEN  # a draft answers nothing yet
    process_approve(
        process=draft,
        decision_number="45/QĐ-UBND",
        decision_date=timezone.localdate(),
        valid_from=timezone.localdate() + dt.timedelta(days=1),
        actor=office["leader"],
    )
    process_review.refresh_from_db()
    assert (process_review.status, process_review.new_process) == (ReviewStatus.REVISED, draft)
    new_version = procedure_revise(
        procedure=amended["version"].procedure,
        data=procedure_data(valid_from=dt.date(2026, 1, 1), legal_basis=[office["law"]]),
        actor=world.coordinator,
    )
    version_review = ReviewRequest.objects.get(procedure_version=amended["version"])
    assert version_review.new_version == new_version
    assert version_review.closed_by == world.coordinator
    document_review = ReviewRequest.objects.get(document=amended["document"])
    assert document_review.status == ReviewStatus.OPEN  # its own revision will close it


def test_only_who_keeps_it_decides(office, world, amended):  # noqa: F811
    version_review = ReviewRequest.objects.get(procedure_version=amended["version"])
    with pytest.raises(PermissionDenied):  # the ward does not keep the province's catalogue
        services.review_close_no_change(
            review=version_review, decision="Không ảnh hưởng", actor=office["controller"]
        )
    elsewhere = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
    with pytest.raises(PermissionDenied):  # another province's coordinator
        services.review_close_no_change(
            review=version_review, decision="Không ảnh hưởng", actor=elsewhere
        )
    document_review = ReviewRequest.objects.get(document=amended["document"])
    with pytest.raises(PermissionDenied):  # a leader approves, the controller decides
        services.review_close_no_change(
            review=document_review, decision="Không ảnh hưởng", actor=office["clerk"]
        )
    services.review_close_no_change(
        review=version_review, decision="Sửa đổi không đụng thủ tục", actor=world.coordinator
    )
    assert ReviewRequest.objects.get(pk=version_review.pk).status == ReviewStatus.NO_CHANGE
    assert set(decidable_reviews(office["controller"])) == set(
        ReviewRequest.objects.filter(status=ReviewStatus.OPEN)
    )  # the document and the process, both kept by the ward's document controller


def test_what_waits_on_each_official(office, world, amended):  # noqa: F811
    later = timezone.now() + dt.timedelta(days=30)
    work = document_work(user=office["controller"], now=later)
    assert (work.reviews_count, work.reviews_overdue) == (2, 2)
    assert (work.agency_open, work.agency_overdue) == (2, 2)
    assert document_work(user=office["controller"], now=timezone.now()).reviews_overdue == 0
    revision = services.revision_draft(
        document=amended["document"],
        changes=[],
        file=_docx("Quy trình"),
        actor=office["controller"],
    )
    services.revision_submit(
        revision=revision, reviewer=office["reviewer"], actor=office["controller"]
    )
    assert document_work(user=office["reviewer"], now=later).to_sign_off == [revision]
    assert document_work(user=office["leader"], now=later).to_approve == []
    services.revision_sign_off(revision=revision, actor=office["reviewer"])
    assert document_work(user=office["leader"], now=later).to_approve == [revision]
    services.revision_approve(
        revision=revision, effective_date=timezone.localdate(), actor=office["leader"]
    )
    services.revision_distribute(
        revision=revision, users=[office["clerk"]], actor=office["controller"]
    )
    clerk = document_work(user=office["clerk"], now=later)
    assert clerk.to_read == [revision] and clerk.reviews_count == 0
    services.revision_acknowledge(revision=revision, actor=office["clerk"])
    assert document_work(user=office["clerk"], now=later).to_read == []
    assert document_work(user=office["controller"], now=later).reviews_count == 1  # process


def test_screens_show_reviews_and_who_is_late(
    client,
    office,  # noqa: F811
    world,
    amended,
    django_assert_max_num_queries,
):
    ReviewRequest.objects.filter(process=amended["process"]).update(
        due_at=timezone.now() - dt.timedelta(days=1)
    )
    client.force_login(office["controller"])
    with django_assert_max_num_queries(
        18
    ):  # 15, the official's own QMS actions, the kit's and the feedback's lines
        home = client.get("/overview/")
    assert len(home.context["document_work"].reviews) == 2
    assert 'data-testid="agency-overdue-reviews"' in home.content.decode()
    with django_assert_max_num_queries(15):
        mine = client.get("/documents/reviews/", {"mine": "1", "overdue": "1"})
    assert [r.process for r in mine.context["page"].object_list] == [amended["process"]]
    api = client.get("/api/v1/documents/reviews/", {"mine": "1", "overdue": "1"}).json()
    assert [r["process"] for r in api["results"]] == [amended["process"].pk]
    client.force_login(world.coordinator)
    overdue = client.get("/documents/reviews/", {"overdue": "1"}).context["page"].object_list
    assert [r.process for r in overdue] == [amended["process"]]  # the whole province
    dashboard = client.get("/rollout/").content.decode()
    assert 'data-testid="overdue-reviews"' in dashboard


def test_a_change_learnt_earlier_counts_its_due_time_from_then(office, world):  # noqa: F811
    """Learnt on Friday 13/2/2026, the eve of the Tết break (14–22/2): ten working days run
    from Monday 23/2 to Friday 6/3."""
    document = _document(office)
    learnt = timezone.make_aware(dt.datetime(2026, 2, 13, 9, 0))
    services.reviews_open(document=office["law"], reason="Luật sửa đổi", actor=None, at=learnt)
    review = ReviewRequest.objects.get(document=document)
    assert timezone.localtime(review.due_at).date() == dt.date(2026, 3, 6)
    assert review.created_at == learnt


def test_a_reader_sees_no_review_or_draft_hidden_from_them(client, office, world, amended):  # noqa: F811
    draft = services.revision_draft(
        document=amended["document"], changes=[], file=_docx("Dự thảo"), actor=office["controller"]
    )
    client.force_login(office["clerk"])
    listed = client.get("/documents/reviews/").context["page"].object_list
    assert all(review.document_id is None for review in listed)  # the document is not theirs
    page = client.get("/documents/reviews/").content.decode()
    assert "Không cần sửa đổi" not in page  # they decide nothing
    url = f"/api/v1/documents/{amended['document'].pk}/revisions/{draft.pk}/sign-off/"
    assert client.post(url, {}, content_type="application/json").status_code == 404
    review = ReviewRequest.objects.get(process=amended["process"])
    response = client.post(
        f"/documents/reviews/{review.pk}/close/",
        {"decision": "Không ảnh hưởng", "next": "/\\evil.example"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/documents/reviews/"  # not off the site
    assert response.context["messages"]  # told why, nothing changed
    assert ReviewRequest.objects.get(pk=review.pk).status == ReviewStatus.OPEN
    review.due_at = timezone.now() - dt.timedelta(days=1)
    review.save(update_fields=["due_at"])
    client.force_login(office["controller"])
    api = client.get("/api/v1/documents/reviews/", {"status": "revised", "overdue": "1"})
    assert [r["id"] for r in api.json()["results"]] == [review.pk]  # overdue means open ones


def test_a_process_review_names_its_procedure_not_its_agency_twice(client, office, amended):  # noqa: F811
    process = amended["process"]
    client.force_login(office["controller"])
    html = client.get("/documents/reviews/").content.decode()
    assert f"{process.code} · quy trình của thủ tục {process.procedure.code}" in html
    assert f"{process.code} · {process.agency.name}" not in html
