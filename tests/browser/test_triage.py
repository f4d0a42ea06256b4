"""In a browser: the ISO secretary finds a late dossier in the triage list with the button
and accepts it as a nonconformity; the list then shows the nonconformity's code."""

import pytest

from chuan.accounts.roles import Role
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from chuan.improvement.models import Nonconformity, TriageCandidate, TriageCursor
from chuan.organisations.tests.factories import UserFactory, member
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_triage_accepts_a_late_dossier(page, live_server, world):
    desk = make_desk(world)
    secretary = member(UserFactory(roles=[Role.ISO_SECRETARY]), desk.agency)
    dossier = finish_through(desk, receive(desk, desk.land, at(2, 9)), at(20, 10))
    # The triage ran before (in March 2026), so the button reads the events since, not a
    # month back from today's date.
    TriageCursor.objects.create(pk=1, ran_at=at(20, 9), months_through=None)
    login(page, live_server, secretary)
    page.goto(f"{live_server.url}/qms/triage/")
    with page.expect_navigation():
        page.get_by_test_id("triage-run").click()
    assert "Tìm thấy 1 đề xuất mới." in page.content()
    row = page.get_by_test_id("triage-row")
    assert dossier.code in row.inner_text()
    with page.expect_navigation():
        row.get_by_test_id("triage-accept").click()
    page.get_by_label("Mô tả").fill("Hồ sơ đất đai trả kết quả trễ hạn 4 ngày làm việc")
    with page.expect_navigation():
        page.get_by_test_id("triage-accept-form").get_by_role("button").first.click()
    nc = Nonconformity.objects.get()
    assert nc.code in page.content()
    assert list(nc.dossiers.all()) == [dossier]
    assert TriageCandidate.objects.get().nonconformity == nc
    shoot(page, "triage-accepted")
