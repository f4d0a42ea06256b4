"""The citizen's side: the form under the dossier found on the lookup page, the form to an
agency, bad input refused with the field named, five a hour per address, CSRF, and the
agency's page of published replies (nothing personal on it)."""

from django.test import Client

import pytest

from chuan.dossiers.tests.factories import at, make_desk, receive
from chuan.feedback import services
from chuan.feedback.choices import Channel, Classification
from chuan.feedback.models import Feedback
from chuan.feedback.tests.factories import receive_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return make_desk(world)


@pytest.fixture
def dossier(desk):
    return receive(desk, desk.land, at(2, 9))


def _form(dossier, **changes):
    values = {
        "code": dossier.code,
        "phone_tail": "3456",
        "content_type": "conduct",
        "content": "Tôi đã đến ba lần nhưng chưa nhận được kết quả.",
        "sender_name": "Nguyễn Thị Hoa",
        "sender_phone": "0905 123 456",
        "sender_email": "",
        "sender_address": "",
    }
    values.update(changes)
    return values


def test_the_lookup_page_offers_the_form_under_the_dossier_found(client, dossier):
    empty = client.get("/tra-cuu/")
    assert empty.context["panels"] == []
    found = client.post("/tra-cuu/", {"code": dossier.code, "phone_tail": "3456"})
    html = found.content.decode()
    assert 'data-testid="public-feedback-form"' in html
    assert f'action="/phan-anh/gui/{dossier.agency_id}/"' in html
    assert f'value="{dossier.code}"' in html


def test_a_citizen_sends_feedback_about_their_dossier(client, dossier):
    response = client.post(f"/phan-anh/gui/{dossier.agency_id}/", _form(dossier))
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert (feedback.channel, feedback.dossier, feedback.received_by) == (
        Channel.PUBLIC_FORM,
        dossier,
        None,
    )
    assert feedback.procedure_id == dossier.version.procedure_id
    assert feedback.code in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"content": ""}, "content"),
        ({"content": "x" * 4001}, "content"),
        ({"sender_name": ""}, "sender_name"),
        ({"sender_name": "n" * 201}, "sender_name"),
        ({"content_type": "spam"}, "content_type"),
        ({"sender_phone": "abc"}, "sender_phone"),
        ({"sender_phone": ""}, "sender_phone"),
        ({"sender_email": "no-at-sign"}, "sender_email"),
    ],
)
def test_bad_input_is_refused_with_the_field(client, dossier, changes, field):
    response = client.post(f"/phan-anh/gui/{dossier.agency_id}/", _form(dossier, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Feedback.objects.exists()


def test_a_wrong_phone_ending_or_another_agency_is_refused(client, dossier, world):
    wrong = client.post(f"/phan-anh/gui/{dossier.agency_id}/", _form(dossier, phone_tail="0000"))
    assert wrong.status_code == 400 and wrong.context["error"]
    other = client.post(f"/phan-anh/gui/{world.chu_se_pc.pk}/", _form(dossier))
    assert other.status_code == 400
    assert client.get("/phan-anh/gui/99999999999999999999/").status_code == 404
    assert not Feedback.objects.exists()


def test_feedback_to_an_agency_without_a_dossier(client, desk):
    page = client.get(f"/phan-anh/gui/{desk.agency.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/phan-anh/gui/{desk.agency.pk}/",
        {
            "content_type": "initiative",
            "content": "Đề nghị cho nộp bản điện tử giấy khai sinh.",
            "sender_name": "Lê Văn Tám",
            "sender_email": "tam@example.vn",
        },
    )
    assert response.status_code == 200
    assert Feedback.objects.get().dossier is None


def test_five_an_hour_per_address_whatever_x_forwarded_for_says(client, dossier):
    url = f"/phan-anh/gui/{dossier.agency_id}/"
    for n in range(5):
        assert (
            client.post(url, _form(dossier), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code == 200
        )
    response = client.post(url, _form(dossier), HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429
    assert Feedback.objects.count() == 5
    # Bad input counts too: flooding with rubbish is held back the same way.
    assert client.post(url, {}).status_code == 429


def test_the_form_needs_its_csrf_token(dossier):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/phan-anh/gui/{dossier.agency_id}/", _form(dossier))
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_the_published_replies_page(client, desk, django_assert_max_num_queries):
    for n in range(3):
        feedback = receive_feedback(desk, sender_name=f"Bí Mật {n}", sender_phone="0911 222 333")
        services.feedback_classify(
            feedback=feedback, classification=Classification.IN_COMPETENCE, actor=desk.officer
        )
        services.feedback_reply(feedback=feedback, reply=f"Trả lời số {n}", actor=desk.officer)
        if n:
            services.feedback_publish(feedback=feedback, summary=f"Tóm tắt {n}", actor=desk.officer)
    with django_assert_max_num_queries(6):
        response = client.get(f"/phan-anh/{desk.agency.pk}/")
    html = response.content.decode()
    assert "Trả lời số 1" in html and "Trả lời số 2" in html and "Trả lời số 0" not in html
    assert "Bí Mật" not in html and "0911" not in html
    assert client.get("/phan-anh/99999999999999999999/").status_code == 404
