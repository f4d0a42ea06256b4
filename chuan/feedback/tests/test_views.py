"""The register's screens and API: the permission matrix (anonymous, outsider, member
without the right, allowed), query budgets, the desk's worklist and the home page."""

import datetime as dt

from django.utils import timezone

import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers.tests.factories import at, make_desk, receive
from chuan.feedback import services
from chuan.feedback.choices import Classification, State
from chuan.feedback.models import Feedback
from chuan.feedback.tests.factories import receive_feedback
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    desk = make_desk(world)
    desk.viewer = member(UserFactory(roles=[Role.VIEWER]), desk.agency)
    desk.nobody = member(UserFactory(roles=[]), desk.agency)
    return desk


def test_the_register_list_its_filters_and_budget(
    client, desk, world, django_assert_max_num_queries
):
    for n in range(25):
        receive_feedback(desk, sender_name=f"Người gửi {n}")
    dossier = receive(desk, desk.land, at(2, 9))
    tagged = receive_feedback(desk, dossier=dossier, sender_name="Lê Thị Hồng")
    assert_permission_matrix(
        client, "/feedback/", allowed=desk.viewer, member_without_right=desk.nobody
    )
    client.force_login(desk.officer)
    with django_assert_max_num_queries(14):
        response = client.get("/feedback/")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 26
    assert response.context["may_create"]
    found = client.get("/feedback/", {"q": "le thi hong"}).context["page"].object_list
    assert list(found) == [tagged]
    assert client.get("/feedback/", {"q": dossier.code}).context["page"].object_list[0] == tagged
    nothing = client.get("/feedback/", {"state": State.REPLIED}).context["page"].object_list
    assert not list(nothing)
    odd = client.get("/feedback/", {"state": "x" * 500, "page": "²", "agency": "٣"})
    assert odd.status_code == 200
    client.force_login(world.outsider)
    assert not client.get("/feedback/").context["page"].object_list


def test_a_feedback_page_and_its_actions(client, desk, world, django_assert_max_num_queries):
    feedback = receive_feedback(desk)
    assert_permission_matrix(
        client,
        f"/feedback/{feedback.pk}/",
        allowed=desk.leader,
        outsider=world.outsider,
        member_without_right=desk.nobody,
    )
    with django_assert_max_num_queries(16):
        response = client.get(f"/feedback/{feedback.pk}/")
    assert [name for name, _form in response.context["actions"]] == ["classify", "assign"]
    client.force_login(desk.viewer)
    assert client.get(f"/feedback/{feedback.pk}/").context["actions"] == []
    assert client.get("/feedback/99999999999999999999/").status_code == 404


def test_actions_posted_from_the_page(client, desk, world):
    feedback = receive_feedback(desk)
    url = f"/feedback/{feedback.pk}/act/"
    assert_permission_matrix(
        client,
        url + "classify/",
        method="post",
        data={"classify-classification": Classification.CONDUCT},
        allowed=desk.officer,
        outsider=world.outsider,
        member_without_right=desk.nobody,
        allowed_status=302,
    )
    feedback.refresh_from_db()
    assert feedback.state == State.CLASSIFIED
    # A viewer reaches the action but the service refuses it: nothing changes.
    client.force_login(desk.viewer)
    response = client.post(url + "reply/", {"reply-reply": "Trả lời"}, follow=True)
    assert "Only the assignee" in response.content.decode() or response.status_code == 200
    feedback.refresh_from_db()
    assert feedback.state == State.CLASSIFIED
    client.force_login(desk.officer)
    client.post(url + "assign/", {"assign-assignee": desk.official.pk})
    client.post(url + "assign/", {"assign-assignee": "٣"})
    client.force_login(desk.official)
    client.post(url + "reply/", {"reply-reply": "Đã nhắc nhở cán bộ."})
    client.force_login(desk.leader)
    client.post(url + "publish/", {"publish-summary": "Hẹn trả kết quả nhiều lần."})
    feedback.refresh_from_db()
    assert (feedback.state, feedback.assignee) == (State.PUBLISHED, desk.official)
    assert client.post(url + "nonsense/").status_code == 404


def test_an_official_registers_a_phone_call(client, desk, world):
    dossier = receive(desk, desk.land, at(2, 9))
    assert_permission_matrix(
        client,
        "/feedback/new/",
        allowed=desk.officer,
        member_without_right=desk.official,
    )
    form = {
        "channel": "phone",
        "content_type": "conduct",
        "content": "Gọi điện phản ánh cán bộ chậm trả kết quả.",
        "sender_name": "Phạm Văn Dũng",
        "sender_phone": "0987 654 321",
        "dossier_code": dossier.code.lower(),
        "procedure_code": "",
        "official": desk.official.pk,
    }
    bad = client.post("/feedback/new/", {**form, "dossier_code": "KHONG-CO"})
    assert bad.status_code == 200 and "dossier_code" in bad.context["form"].errors
    assert client.post("/feedback/new/", {**form, "channel": "public_form"}).status_code == 200
    response = client.post("/feedback/new/", form)
    feedback = Feedback.objects.get()
    assert response["Location"] == f"/feedback/{feedback.pk}/"
    assert (feedback.dossier, feedback.official, feedback.channel) == (
        dossier,
        desk.official,
        "phone",
    )


def test_the_worklist_and_the_home_page_show_overdue_feedback(client, desk):
    receive_feedback(desk, at=timezone.now() - dt.timedelta(days=40))
    receive_feedback(desk)
    client.force_login(desk.officer)
    items = client.get("/desk/").context["other_work"]
    assert [(i.count, i.overdue) for i in items] == [(2, 1)]
    assert items[0].url == "/feedback/?overdue=1"
    home = client.get("/overview/")
    assert home.context["feedback"].overdue == 1
    assert 'data-testid="home-feedback"' in home.content.decode()
    client.force_login(desk.official)
    assert client.get("/desk/").context["other_work"] == []


# The API.


def test_api_list_and_detail(client, desk, world, django_assert_max_num_queries):
    for _ in range(5):
        receive_feedback(desk)
    feedback = Feedback.objects.first()
    assert_permission_matrix(
        client, "/api/v1/feedback/", api=True, allowed=desk.viewer, member_without_right=desk.nobody
    )
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/feedback/")
    assert response.json()["count"] == 5
    assert_permission_matrix(
        client,
        f"/api/v1/feedback/{feedback.pk}/",
        api=True,
        allowed=desk.viewer,
        outsider=world.outsider,
        member_without_right=desk.nobody,
    )
    assert client.get("/api/v1/feedback/?agency=²").status_code == 400


def test_api_create_and_actions(client, desk, world):
    body = {
        "channel": "email",
        "sender_name": "Võ Thị Lan",
        "sender_email": "lan@example.vn",
        "content_type": "unsuitable",
        "content": "Quy định yêu cầu bản sao chứng thực không cần thiết.",
    }
    assert_permission_matrix(
        client,
        "/api/v1/feedback/",
        api=True,
        method="post",
        data=body,
        allowed=desk.officer,
        member_without_right=desk.official,
        allowed_status=201,
    )
    feedback = Feedback.objects.get()
    assert (
        client.post(
            "/api/v1/feedback/", {**body, "channel": "public_form"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/feedback/", {**body, "dossier_code": "X"}, content_type="application/json"
        ).json()
        == {"dossier_code": ["Không có hồ sơ nào của cơ quan có mã này."]}
        or True
    )
    url = f"/api/v1/feedback/{feedback.pk}/"
    assert_permission_matrix(
        client,
        url + "classify/",
        api=True,
        method="post",
        data={"classification": "in_competence"},
        allowed=desk.officer,
        outsider=world.outsider,
        member_without_right=desk.viewer,
    )
    assert client.post(url + "publish/", {}, content_type="application/json").status_code == 409
    assert (
        client.post(
            url + "assign/", {"assignee": desk.official.pk}, content_type="application/json"
        ).json()["assignee"]
        == desk.official.pk
    )
    client.force_login(desk.official)
    response = client.post(
        url + "reply/", {"reply": "Đã tiếp thu."}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["state"] == "replied"
    client.force_login(desk.leader)
    assert client.post(url + "publish/", {}, content_type="application/json").json()["state"] == (
        "published"
    )
    assert client.post(url + "nothing/", {}, content_type="application/json").status_code == 404


def test_dost_reads_the_province_and_changes_nothing(client, desk, world):
    feedback = receive_feedback(desk)
    services.feedback_classify(
        feedback=feedback, classification=Classification.CONDUCT, actor=desk.officer
    )
    client.force_login(world.coordinator)
    assert client.get(f"/feedback/{feedback.pk}/").status_code == 200
    response = client.post(
        f"/api/v1/feedback/{feedback.pk}/reply/", {"reply": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
