"""The index read from a month the desk really recorded (March 2026 at the ward): dossiers
received, finished early, on time and late, one still running past its due time, papers
digitised, a result file, a "not satisfied" rating and feedback from a fake register; the
dashboard, its drill-down, the workbook and who may see what."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from openpyxl import load_workbook

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers import services
from chuan.dossiers.choices import FileOrigin
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from chuan.organisations.tests.factories import UserFactory, member
from chuan.servicesindex import feedback as feedback_adapter
from chuan.servicesindex import selectors

pytestmark = pytest.mark.django_db

MARCH = dt.date(2026, 3, 1)
NOW = dt.datetime(2026, 4, 10, 9, 0, tzinfo=VIETNAM)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def month(world):
    """Land (10 working days): one finished early, one late, one still running and overdue;
    birth registration (same day): one on time, returned and rated not satisfied."""
    desk = make_desk(world)
    early = receive(desk, desk.land, at(2, 8))
    early = finish_through(desk, early, at(5, 10))
    services.component_attach_file(
        dossier=early,
        order=1,
        file=SimpleUploadedFile("a.png", PNG),
        origin=FileOrigin.SCANNED,
        actor=desk.officer,
    )
    services.result_attach_file(
        dossier=early,
        file=SimpleUploadedFile("kq.png", PNG),
        origin=FileOrigin.ELECTRONIC,
        actor=desk.official,
    )
    late = receive(desk, desk.land, at(3, 8))
    finish_through(desk, late, at(20, 10))
    running = receive(desk, desk.land, at(4, 8))  # due 18/03, still running
    birth = receive(desk, desk.birth, at(9, 8))
    birth = finish_through(desk, birth, at(9, 11))
    services.dossier_return(dossier=birth, method="in_person", actor=desk.officer, at=at(9, 15))
    services.dossier_rate(dossier=birth, satisfaction="not_satisfied")
    return desk, early, late, running, birth


def _view(desk):
    return selectors.View(selectors._agency_scope(desk.agency), desk.agency, False)


def test_the_month_read_from_the_desk(month, monkeypatch):
    desk, _early, late, _running, birth = month
    # The rating was given today, not in March: move its event into March.
    from chuan.dossiers.models import DossierEvent

    DossierEvent.objects.filter(dossier=birth, kind="rated").update(at=at(9, 16))
    from chuan.dossiers.models import MonthlyFigure

    rated = MonthlyFigure.objects.filter(rated_not_satisfied=1).get()
    MonthlyFigure.objects.filter(pk=rated.pk).update(rated_not_satisfied=0)
    MonthlyFigure.objects.filter(
        agency=desk.agency, month=MARCH, procedure=birth.version.procedure
    ).update(rated_not_satisfied=1)

    def fake(*, agency_ids, start, end):
        assert (start, end) == (MARCH, dt.date(2026, 3, 31)) and agency_ids == [desk.agency.pk]
        return {late.pk, birth.pk}  # the birth dossier is counted once

    index = selectors.month_index(_view(desk), MARCH, feedback=fake, now=NOW)
    assert (index.received, index.finished) == (4, 3)
    on_time = index.group("progress").indicators[0]
    # early + on time, of 3 finished and the running one overdue at the month's end.
    assert (on_time.numerator, on_time.denominator) == (2, 4)
    satisfaction = index.group("satisfaction").indicators[1]
    # 1 − late 1/3 − (feedback on "late" + "birth", which was also rated) 2/3.
    assert satisfaction.value == Decimal(0)
    assert index.group("satisfaction").note == ""
    papers, results = (
        index.group("digitisation").indicators[1],
        index.group("digitisation").indicators[0],
    )
    assert (papers.numerator, papers.denominator) == (1, 4)
    assert (results.numerator, results.denominator) == (1, 3)
    dossiers = index.group("online").indicators[2]
    assert (dossiers.numerator, dossiers.denominator) == (0, 4)
    averages = {a.code: a for a in index.averages}
    assert set(averages) == {"1.001193", "1.012787"}
    assert averages["1.001193"].unit == "working_hours"
    assert averages["1.001193"].average == Decimal("3.00")  # 08:00 to 11:00


def test_without_the_feedback_register_only_ratings_count(month, monkeypatch):
    from django.apps import apps

    from chuan.feedback.selectors import dossier_ids_with_feedback

    desk = month[0]
    assert feedback_adapter.installed_source() is dossier_ids_with_feedback
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "chuan.feedback" and installed(name)
    )
    assert feedback_adapter.installed_source() is None
    index = selectors.month_index(_view(desk), MARCH, now=NOW)
    assert index.group("satisfaction").note  # says the register is missing
    found = feedback_adapter.dossiers_with_feedback(
        agency_ids=[1], start=MARCH, end=dt.date(2026, 3, 31)
    )
    assert not found.available and not found.ids


def test_the_dashboard_its_budget_and_who_sees_it(
    client, month, world, django_assert_max_num_queries
):
    desk = month[0]
    no_role = member(UserFactory(roles=[]), desk.agency)
    url = "/chi-so-766/?year=2026&month=3"
    response = assert_permission_matrix(
        client, url, allowed=desk.official, member_without_right=no_role
    )
    with django_assert_max_num_queries(30):
        response = client.get(url)
    html = response.content.decode()
    assert 'data-testid="group-payment"' in html and 'data-testid="group-not-available"' in html
    assert response.context["view"].agency == desk.agency
    # An official cannot look at another agency.
    assert client.get(f"/chi-so-766/?agency={world.chu_se_pc.pk}").status_code == 404
    assert client.get("/chi-so-766/?agency=²").status_code == 404


def test_dost_sees_the_province_and_drills_into_an_agency(
    client, month, world, django_assert_max_num_queries
):
    desk = month[0]
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(35):
        response = client.get("/chi-so-766/?year=2026&month=3")
    assert response.status_code == 200
    assert response.context["view"].agency is None
    names = [agency.name for agency, _index in response.context["agencies"]]
    assert desk.agency.name in names
    response = client.get(f"/chi-so-766/?agency={desk.agency.pk}&year=2026&month=3")
    assert response.context["view"].agency == desk.agency


def test_the_dossiers_behind_a_figure(client, month, django_assert_max_num_queries):
    desk, early, late, running, birth = month
    client.force_login(desk.official)
    with django_assert_max_num_queries(20):
        response = client.get("/chi-so-766/ho-so/?drill=late&year=2026&month=3")
    codes = [d.code for d in response.context["page"].object_list]
    assert sorted(codes) == sorted([late.code, running.code])
    response = client.get("/chi-so-766/ho-so/?drill=not_digitised&year=2026&month=3")
    assert early.code not in [d.code for d in response.context["page"].object_list]
    assert len(response.context["page"].object_list) == 3
    response = client.get("/chi-so-766/ho-so/?drill=no_result_file&year=2026&month=3")
    assert {d.code for d in response.context["page"].object_list} == {late.code, birth.code}
    assert client.get("/chi-so-766/ho-so/?drill=nothing").status_code == 404
    unnamed = client.get("/chi-so-766/ho-so/?year=2026&month=3")  # the late ones
    assert sorted(d.code for d in unnamed.context["page"].object_list) == sorted(codes)


def test_the_workbook(client, month):
    desk = month[0]
    client.force_login(desk.leader)
    response = client.get("/chi-so-766/?year=2026&month=3&format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="chi-so-766-2026-03.xlsx"'
    book = load_workbook(BytesIO(response.content))
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "không có số liệu" in " ".join(str(c) for c in cells).lower()
    assert len(book.worksheets) == 3


def test_a_dost_user_without_a_membership_is_refused(client, world):
    user = UserFactory(roles=[Role.DOST_COORDINATOR])
    client.force_login(user)
    assert client.get("/chi-so-766/").status_code in (200, 404)
