"""The portal link in a browser: an online submission arrives from the (simulated) national
portal, the desk receives it from its queue, hands it over, and the progress reaches the
portal; the reconciliation page shows what failed. Screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from chuan.dossiers.tests.factories import make_desk
from chuan.portal.models import OnlineSubmission, PortalMessage
from chuan.portal.services import outbox_send, submissions_pull
from chuan.portal.testing.data import MALFORMATIONS, submission_data
from chuan.portal.testing.simulator import PortalSimulator
from tests.browser.conftest import login, shoot
from tests.browser.test_desk import _act

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def simulated(settings):
    with PortalSimulator(token="browser-token") as portal:
        settings.CHUAN_PORTAL_URL = portal.url
        settings.CHUAN_PORTAL_TOKEN = "browser-token"
        settings.CHUAN_PORTAL_TIMEOUT = 2
        yield portal


def _both_widths(page, name):
    for width, suffix in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        shoot(page, f"{name}-{suffix}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_online_dossier_is_received_and_its_progress_reaches_the_portal(
    page, live_server, world, simulated
):
    desk = make_desk(world)
    code = "G22.99-260302-0042"
    for index, (portal_code, change) in enumerate(
        [(code, {}), ("G22.99-260302-0043", MALFORMATIONS[1][1])]
    ):
        simulated.submit(
            submission_data(
                simulated,
                code=portal_code,
                agency_code=desk.agency.code,
                procedure_code=desk.land.procedure.code,
                files=2 + index,
                **change,
            )
        )
    submissions_pull()  # what the worker does every few minutes
    login(page, live_server, desk.officer)
    page.goto(f"{live_server.url}/desk/")
    page.get_by_test_id("online-queue").click()
    expect(page.get_by_test_id("submission-row")).to_have_count(1)
    _both_widths(page, "portal-queue")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_test_id("submission-files").locator("tbody tr")).to_have_count(2)
    _both_widths(page, "portal-submission")
    page.get_by_test_id("action-refuse").click()
    expect(page.locator("#action-refuse.collapse.show")).to_be_visible()
    _both_widths(page, "portal-submission-refuse")
    page.get_by_test_id("receive").click()
    expect(page.get_by_test_id("dossier-status")).to_have_attribute("data-status", "2")
    dossier = OnlineSubmission.objects.get(portal_code=code).dossier
    _act(page, "hand_over", to_user=str(desk.official.pk))
    expect(page.get_by_test_id("dossier-status")).to_have_attribute("data-status", "4")

    page.goto(f"{live_server.url}/desk/online/?state=malformed")
    expect(page.get_by_test_id("submission-row")).to_have_count(1)
    _both_widths(page, "portal-malformed")

    outbox_send()  # what the worker does when the desk's transaction commits
    sent = list(PortalMessage.objects.filter(dossier=dossier).values_list("message_id", flat=True))
    assert simulated.order_of(code) == sent and len(sent) == 2
    assert simulated.held(code)["TrangThaiHoSo"] == 4
    body = simulated.delivered()[sent[1]]
    assert body["service"] == "CapNhatTienDoHoSoMC"
    assert body["data"]["NguoiXuLy"] == desk.officer.full_name

    # The portal now holds something else: the leader sees it on the reconciliation page.
    simulated.hold(code, TrangThaiHoSo=9)
    page.context.clear_cookies()
    login(page, live_server, desk.leader)
    page.goto(f"{live_server.url}/portal/reconcile/?tab=differs")
    page.get_by_test_id("check-now").click()
    expect(page.get_by_test_id("resync")).to_have_count(1)
    _both_widths(page, "portal-reconcile")
    page.get_by_test_id("resync").click()
    outbox_send()
    assert simulated.held(code)["TrangThaiHoSo"] == 4
