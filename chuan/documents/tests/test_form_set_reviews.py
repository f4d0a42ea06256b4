"""A change of the circular the desk's forms rest on opens a review of the form set, closed
by a new set or a reasoned "no change"; every review carries the law's deadline (QĐ 19/2014
Art. 4.4a: three months from the change taking effect) besides the agency's own, and is
overdue past the earlier."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest

from chuan.accounts.roles import Role
from chuan.documents import services
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.documents.selectors import document_work, overdue_review_count, review_list
from chuan.documents.services.reviews import legal_deadline
from chuan.documents.tests.test_services import _document, office  # noqa: F401
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.choices import RelationKind
from chuan.legal.models import LegalDocument
from chuan.legal.services import legal_relation_add
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures.models import FormSet
from chuan.procedures.selectors import form_set_on
from chuan.procedures.services import FormData, form_set_replace

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("effective", "deadline"),
    [
        (D(2025, 7, 1), D(2025, 10, 1)),  # Decree 118/2025 replacing 61/2018
        (D(2025, 11, 30), D(2026, 2, 28)),  # no 30 February: the month's last day
        (D(2027, 11, 30), D(2028, 2, 29)),  # a leap year
        (D(2025, 12, 31), D(2026, 3, 31)),  # across the year
    ],
)
def test_the_law_allows_three_months_from_the_change_taking_effect(effective, deadline):
    assert legal_deadline(effective) == deadline


def _circular(world, effective: dt.date) -> LegalDocument:
    return legal(
        world.admin,
        "05/2026/TT-VPCP",
        LegalKind.CIRCULAR,
        D(2026, 10, 20),
        title="Thông tư sửa đổi Thông tư 03/2025/TT-VPCP",
        issuer="Văn phòng Chính phủ",
        effective_date=effective,
    )


def test_amending_the_circular_opens_a_review_of_its_form_set_with_both_deadlines(world):
    new_set = FormSet.objects.get(code="TT03-2025")
    effective = timezone.localdate() - dt.timedelta(days=10)
    amending = _circular(world, effective)
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=new_set.legal_document, actor=world.admin
    )
    review = ReviewRequest.objects.get(form_set__isnull=False)
    assert review.form_set == new_set and review.status == ReviewStatus.OPEN
    assert (review.agency, review.province) == (None, None)  # the forms are national
    assert review.legal_due_on == legal_deadline(effective)
    assert review.due_at > timezone.now()  # ten working days from today
    # The set of Circular 01/2018, no longer in force, is not reviewed when its circular is.
    old_set = FormSet.objects.get(code="TT01-2018")
    replacing = legal(world.admin, "06/2026/TT-VPCP", LegalKind.CIRCULAR, D(2026, 10, 21))
    legal_relation_add(
        source=replacing,
        kind=RelationKind.REPLACES,
        target=old_set.legal_document,
        actor=world.admin,
    )
    assert not ReviewRequest.objects.filter(form_set=old_set).exists()


def test_a_new_set_answers_the_review_and_takes_over_from_its_day(world):
    current = FormSet.objects.get(code="TT03-2025")
    amending = _circular(world, D(2027, 1, 1))
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=current.legal_document, actor=world.admin
    )
    forms = [
        FormData(form.number, form.title, form.slip, form.title_en) for form in current.forms.all()
    ]
    forms[3].title = "Văn bản xin lỗi và đề nghị gia hạn (sửa đổi)"
    new = form_set_replace(
        old=current,
        code="TT05-2026",
        name="Bộ biểu mẫu một cửa theo Thông tư 05/2026/TT-VPCP",
        legal_document=amending,
        valid_from=D(2027, 1, 1),
        forms=forms,
        actor=world.coordinator,
    )
    review = ReviewRequest.objects.get(form_set=current)
    assert (review.status, review.new_form_set, review.closed_by) == (
        ReviewStatus.REVISED,
        new,
        world.coordinator,
    )
    current.refresh_from_db()
    assert current.valid_to == D(2026, 12, 31)
    assert form_set_on(D(2026, 12, 31)) == current
    assert form_set_on(D(2027, 1, 1)) == new


def test_only_who_keeps_the_central_library_decides_on_a_form_set(world, office):  # noqa: F811
    current = FormSet.objects.get(code="TT03-2025")
    amending = _circular(world, timezone.localdate())
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=current.legal_document, actor=world.admin
    )
    review = ReviewRequest.objects.get(form_set=current)
    desk = member(UserFactory(roles=[Role.DESK_OFFICER]), world.ward_pc)
    for outsider in (office["controller"], desk):
        with pytest.raises(PermissionDenied):
            services.review_close_no_change(review=review, decision="Không đổi", actor=outsider)
        with pytest.raises(PermissionDenied):
            form_set_replace(
                old=current,
                code="X",
                name="X",
                legal_document=amending,
                valid_from=D(2027, 1, 1),
                forms=[FormData("01", "Giấy tiếp nhận", "receipt")],
                actor=outsider,
            )
    services.review_close_no_change(
        review=review, decision="Sửa đổi không đụng các mẫu", actor=world.coordinator
    )
    assert ReviewRequest.objects.get(pk=review.pk).status == ReviewStatus.NO_CHANGE


def _reviews(office, world, *, effective: dt.date):  # noqa: F811
    document = _document(office)
    amending = legal(
        world.admin, "59/2025/QH15", LegalKind.LAW, D(2025, 6, 16), effective_date=effective
    )
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=office["law"], actor=world.admin
    )
    return ReviewRequest.objects.get(document=document)


def test_a_change_in_effect_for_over_three_months_is_overdue_the_day_it_is_learnt(
    client,
    office,  # noqa: F811
    world,
):
    """The agency's ten working days have barely started, but the law's three months from
    16/06/2025 ended on 16/09/2025: overdue by the earlier."""
    review = _reviews(office, world, effective=D(2025, 6, 16))
    now = timezone.now()
    assert review.due_at > now and review.legal_due_on == D(2025, 9, 16)
    assert review.overdue and review.deadline == D(2025, 9, 16)
    controller = office["controller"]
    listed = review_list(user=controller, status="open", mine=True, overdue=True, now=now)
    assert list(listed) == [review]
    work = document_work(user=controller, now=now)
    assert (work.reviews_overdue, work.agency_overdue) == (1, 1)
    assert overdue_review_count(world.coordinator, now) == 1
    client.force_login(controller)
    page = client.get("/documents/reviews/", {"overdue": "1"}).content.decode()
    assert 'data-overdue="1"' in page and "16/09/2025" in page
    api = client.get("/api/v1/documents/reviews/", {"overdue": "1"}).json()["results"]
    [row] = [row for row in api if row["id"] == review.pk]
    assert (row["legal_due_on"], row["deadline"], row["overdue"]) == (
        "2025-09-16",
        "2025-09-16",
        True,
    )
    assert row["due_at"] is not None
    home = client.get("/overview/").content.decode()
    assert 'data-testid="review-due-legal"' in home and "16/09/2025" in home


def test_within_both_deadlines_is_not_overdue_and_the_law_s_last_day_counts(office, world):  # noqa: F811
    review = _reviews(office, world, effective=timezone.localdate() - dt.timedelta(days=7))
    now = timezone.now()
    assert not review.overdue
    assert not review_list(
        user=office["controller"], status="open", mine=False, overdue=True, now=now
    )
    # On the law's last day it is not late yet; the next day it is (the agency's own due
    # time, ten working days, passed long before).
    last = timezone.make_aware(dt.datetime.combine(review.legal_due_on, dt.time(16, 0)))
    after = last + dt.timedelta(days=1)
    ReviewRequest.objects.filter(pk=review.pk).update(due_at=after + dt.timedelta(days=30))
    counts = [
        document_work(user=office["controller"], now=moment).reviews_overdue
        for moment in (last, after)
    ]
    assert counts == [0, 1]


def test_the_form_sets_page_and_a_form_set_review_on_screen(
    client, world, django_assert_max_num_queries
):
    from chuan.core.testing.matrix import assert_permission_matrix

    response = assert_permission_matrix(client, "/procedures/form-sets/", allowed=world.viewer)
    with django_assert_max_num_queries(10):
        response = client.get("/procedures/form-sets/")
    html = response.content.decode()
    assert [s.code for s in response.context["sets"]] == ["TT03-2025", "TT01-2018"]
    assert response.context["current"].code == "TT03-2025"
    assert "Thông báo dừng giải quyết hồ sơ" in html and "01/2018/TT-VPCP" in html
    current = FormSet.objects.get(code="TT03-2025")
    amending = _circular(world, timezone.localdate())
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=current.legal_document, actor=world.admin
    )
    client.force_login(world.coordinator)
    page = client.get("/documents/reviews/").content.decode()
    assert current.name in page and f'href="/procedures/form-sets/#set-{current.pk}"' in page
    assert "Không cần sửa đổi" in page  # the coordinator decides on it


def test_the_library_shows_the_set_that_rests_on_a_circular(client, world):
    current = FormSet.objects.get(code="TT03-2025")
    client.force_login(world.viewer)
    page = client.get(current.legal_document.get_absolute_url()).content.decode()
    assert f'href="/procedures/form-sets/#set-{current.pk}"' in page and current.name in page


def test_reviews_opened_before_keep_the_law_s_deadline_from_the_library(office, world):  # noqa: F811
    import importlib

    from django.apps import apps

    review = _reviews(office, world, effective=D(2026, 1, 15))
    ReviewRequest.objects.filter(pk=review.pk).update(legal_due_on=None)
    migration = importlib.import_module(
        "chuan.documents.migrations.0007_review_form_sets_and_legal_deadline"
    )
    migration.fill_legal_deadlines(apps, None)
    assert ReviewRequest.objects.get(pk=review.pk).legal_due_on == D(2026, 4, 15)


def test_a_new_set_arrives_as_data(world, tmp_path):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    current = FormSet.objects.get(code="TT03-2025")
    spec = {
        "legal_documents": [],
        "form_sets": [
            {
                "code": "TT05-2026",
                "name": "Bộ biểu mẫu một cửa theo Thông tư 05/2026/TT-VPCP",
                "legal_document": "05/2026/TT-VPCP",
                "replaces": "TT03-2025",
                "valid_from": "2027-01-01",
                "forms": [
                    {"number": f.number, "slip": f.slip, "title": f.title}
                    for f in current.forms.all()
                ],
            }
        ],
    }
    path = tmp_path / "sets.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError):  # the circular must be in the library first
        call_command("form_sets_load", str(path))
    _circular(world, D(2027, 1, 1))
    call_command("form_sets_load", str(path))
    call_command("form_sets_load", str(path))  # a second time changes nothing
    assert form_set_on(D(2027, 1, 1)).code == "TT05-2026"
    assert FormSet.objects.get(code="TT03-2025").valid_to == D(2026, 12, 31)
