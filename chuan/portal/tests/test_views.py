"""The desk's queue of online submissions and the reconciliation page: who may see and do
what, their query budgets, and the desk's menu."""

import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers.tests.factories import at, receive
from chuan.organisations.tests.factories import UserFactory, member
from chuan.portal.choices import MessageState, SubmissionState
from chuan.portal.models import OnlineSubmission, PortalDossier, PortalMessage
from chuan.portal.services import outbox_send, submissions_pull
from chuan.portal.testing.data import submission_data

pytestmark = pytest.mark.django_db


def _pull(portal, desk, client, count=1, **changes):
    for index in range(count):
        portal.submit(
            submission_data(
                portal,
                code=f"G22-V-{index:03d}",
                agency_code=desk.agency.code,
                procedure_code=desk.birth.procedure.code,
                **changes,
            )
        )
    submissions_pull(client=client)


@pytest.fixture
def viewer(desk):
    return member(UserFactory(roles=[Role.VIEWER]), desk.agency)


@pytest.fixture
def outsider_officer(world):
    return member(UserFactory(roles=[Role.DESK_OFFICER]), world.chu_se_pc)


def test_the_queue_and_its_budget(
    client, desk, portal, client_fast, viewer, outsider_officer, django_assert_max_num_queries
):
    _pull(portal, desk, client_fast, count=12)
    assert_permission_matrix(
        client, "/desk/online/", allowed=desk.officer, member_without_right=viewer
    )
    client.force_login(desk.officer)
    with django_assert_max_num_queries(14):
        html = client.get("/desk/online/").content.decode()
    assert html.count('data-testid="submission-row"') == 12 and "G22-V-000" in html
    assert 'data-testid="online-queue"' in client.get("/desk/").content.decode()
    client.force_login(outsider_officer)
    assert 'data-testid="submission-row"' not in client.get("/desk/online/").content.decode()


def test_a_submission_s_page_and_receiving_it(
    client, desk, portal, client_fast, viewer, outsider_officer, django_assert_max_num_queries
):
    _pull(portal, desk, client_fast)
    submission = OnlineSubmission.objects.get()
    url = f"/desk/online/{submission.pk}/"
    assert_permission_matrix(
        client,
        url,
        allowed=desk.officer,
        member_without_right=viewer,
        outsider=outsider_officer,
    )
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()
    assert "giay-to-1.png" in html and 'data-testid="receive"' in html
    file_row = submission.files.first()
    response = client.get(f"{url}files/{file_row.pk}/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    response = assert_permission_matrix(
        client,
        f"{url}receive/",
        allowed=desk.officer,
        member_without_right=viewer,
        outsider=outsider_officer,
        method="post",
        data={},
        allowed_status=302,
    )
    submission.refresh_from_db()
    assert submission.state == SubmissionState.RECEIVED
    assert response["Location"] == submission.dossier.get_absolute_url()
    # Again: refused with the reason, nothing changes.
    response = client.post(f"{url}receive/", follow=True)
    assert "không còn chờ" in response.content.decode()


def test_completion_and_refusal_need_their_reasons(client, desk, portal, client_fast):
    _pull(portal, desk, client_fast, count=2)
    first, second = OnlineSubmission.objects.order_by("id")
    client.force_login(desk.officer)
    response = client.post(f"/desk/online/{first.pk}/completion/", {"reason": "", "missing": ""})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == SubmissionState.WAITING
    client.post(
        f"/desk/online/{first.pk}/completion/",
        {"reason": "Thiếu giấy tờ", "missing": "Giấy chứng sinh\nTờ khai"},
    )
    first.refresh_from_db()
    assert first.state == SubmissionState.COMPLETION_REQUESTED
    assert first.missing == ["Giấy chứng sinh", "Tờ khai"]
    client.post(f"/desk/online/{second.pk}/refuse/", {"reason": "Sai thẩm quyền"})
    second.refresh_from_db()
    assert second.state == SubmissionState.REFUSED
    assert client.post(f"/desk/online/{second.pk}/nonsense/").status_code == 404


def test_the_reconciliation_page_lists_resends_and_checks(
    client, desk, portal, client_fast, world, django_assert_max_num_queries
):
    dossiers = [receive(desk, desk.birth, at(2, 9, minute)) for minute in range(3)]
    first = PortalMessage.objects.get(dossier=dossiers[0])
    first.payload = {**first.payload, "TrangThaiHoSo": 0}
    first.save()
    outbox_send(client=client_fast)
    first.refresh_from_db()
    assert first.state == MessageState.FAILED
    portal.hold(dossiers[1].code, TrangThaiHoSo=9)
    leader = desk.leader
    assert_permission_matrix(
        client, "/portal/reconcile/", allowed=leader, member_without_right=desk.officer
    )
    for tab in ("failed", "waiting", "differs"):
        with django_assert_max_num_queries(14):
            response = client.get(f"/portal/reconcile/?tab={tab}")
        assert response.status_code == 200
    assert first.message_id in client.get("/portal/reconcile/?tab=failed").content.decode()
    # Check with the portal: the second dossier is held at 9 there.
    client.post("/portal/reconcile/check/")
    link = PortalDossier.objects.get(dossier=dossiers[1])
    assert link.differs and "9" in link.difference
    html = client.get("/portal/reconcile/?tab=differs").content.decode()
    assert dossiers[1].code in html
    client.post("/portal/reconcile/resync/", {"link": link.pk})
    outbox_send(client=client_fast)
    assert portal.held(dossiers[1].code)["TrangThaiHoSo"] == 2
    # Resend the refused one once fixed: the same id, delivered once.
    first.payload = {**first.payload, "TrangThaiHoSo": 2}
    first.save()
    client.post("/portal/reconcile/resend/", {"message": first.pk})
    outbox_send(client=client_fast)
    assert portal.order_of(dossiers[0].code) == [first.message_id]
    assert client.post("/portal/reconcile/resend/", {"message": "٣"}).status_code == 404
    # DOST sees the province's page; an agency's officer from elsewhere does not.
    client.force_login(world.coordinator)
    assert client.get("/portal/reconcile/").status_code == 200
