"""The screens: the permission matrix of each, query budgets, HTMX attendance and scores,
the certificate's DOCX with its QR code, and the public verification page — no sign-in,
the name, course and date only, wrong guesses limited."""

import io
import re

from django.core.cache import cache
from django.urls import reverse

import pytest
from docx import Document

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.tests.factories import UserFactory, member
from chuan.training.choices import CourseKind
from chuan.training.models import Course, Registration
from chuan.training.services import certificates, courses, registrations
from chuan.training.tests.support import make_course, plan_36, register, run_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_rights(world):
    return member(UserFactory(), world.chu_se_pc)


@pytest.fixture
def issued(world):
    course, _people = run_course(world)
    return course, certificates.certificate_issue(course=course, actor=world.coordinator)


def test_home_lists_courses_by_year(client, world, no_rights, django_assert_max_num_queries):
    for n in range(12):
        make_course(world, kind=CourseKind.AWARENESS, max_learners=30 + n)
    assert_permission_matrix(
        client, reverse("training:home"), allowed=world.secretary, member_without_right=no_rights
    )
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("training:home"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="course-row"') == 12
    assert 'data-testid="new-course"' in response.content.decode()
    assert client.get(reverse("training:home") + "?year=abc&page=999").status_code == 200


def test_course_page_and_its_budget(client, world, no_rights, django_assert_max_num_queries):
    course, _people = run_course(world, learners=10, final=(80,) * 10)
    url = reverse("training:course", args=[course.pk])
    assert_permission_matrix(
        client,
        url,
        allowed=world.coordinator,
        member_without_right=no_rights,
        outsider=world.outsider,
    )
    with django_assert_max_num_queries(20):
        response = client.get(url)
    html = response.content.decode()
    assert html.count('data-testid="score-row"') == 10
    assert 'id="attendance"' in html
    assert "table-responsive" in html
    # The agency sees its own registrations, no grid.
    client.force_login(world.secretary)
    html = client.get(url).content.decode()
    assert 'id="attendance"' not in html
    assert client.get(reverse("training:course", args=[99999999999999999999])).status_code == 404


def test_manager_screens_are_dost_only(client, world, no_rights):
    course = make_course(world)
    for name, args in (
        ("training:course_create", []),
        ("training:course_edit", [course.pk]),
        ("training:lecturers", []),
        ("training:competence", []),
    ):
        assert_permission_matrix(
            client,
            reverse(name, args=args),
            allowed=world.coordinator,
            member_without_right=world.secretary,
        )


def test_create_a_course_and_plan_it(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("training:course_create"),
        {
            "kind": CourseKind.TT26_AUDITING,
            "title": "Chuyên gia đánh giá",
            "organiser": "Chi cục TĐC",
            "starts_on": "01/12/2099",
            "ends_on": "05/12/2099",
            "max_learners": "30",
            "pass_mark": "70",
        },
    )
    assert response.status_code == 200 and "25" in response.content.decode()  # refused: 30 > 25
    response = client.post(
        reverse("training:course_create"),
        {
            "kind": CourseKind.TT26_AUDITING,
            "title": "Chuyên gia đánh giá",
            "organiser": "Chi cục TĐC",
            "starts_on": "01/12/2099",
            "ends_on": "05/12/2099",
            "max_learners": "25",
            "pass_mark": "70",
        },
    )
    assert response.status_code == 302
    course = Course.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="shortfalls"' in page
    response = client.post(
        reverse("training:course_action", args=[course.pk, "start"]), follow=True
    )
    assert "36" in response.content.decode()
    response = client.post(
        reverse("training:session_add", args=[course.pk]),
        {"held_on": "01/12/2099", "module": "9", "periods": "99", "topic": "x"},
    )
    assert response.status_code == 400
    assert not course.sessions.exists()


def test_agency_registration_form(client, world, no_rights):
    course = make_course(world, kind=CourseKind.AWARENESS, max_learners=1)
    url = reverse("training:register", args=[course.pk])
    assert_permission_matrix(
        client,
        url,
        allowed=world.secretary,
        member_without_right=no_rights,
        outsider=world.outsider,
    )
    response = client.post(url, {"name": "Nguyễn Văn E", "position": "Chuyên viên"})
    assert response.status_code == 302
    response = client.post(url, {"name": "Nguyễn Văn F"})
    assert response.status_code == 200
    assert 'data-testid="registration-error"' in response.content.decode()
    assert Registration.objects.count() == 1
    assert client.post(url, {"user": "٣", "name": ""}).status_code == 200


def test_htmx_attendance_and_scores(client, world):
    course = make_course(world)
    plan_36(world, course)
    person = register(world, course)
    registrations.registration_confirm(registration=person, actor=world.coordinator)
    courses.course_start(course=course, actor=world.coordinator)
    session = course.sessions.first()
    client.force_login(world.coordinator)
    headers = {"HTTP_HX_REQUEST": "true"}
    response = client.post(
        reverse("training:attendance", args=[course.pk, session.pk]),
        {"present": [str(person.pk), "x"]},
        **headers,
    )
    assert response.status_code == 200 and 'id="attendance"' in response.content.decode()
    assert person.attendance.get().present
    response = client.post(
        reverse("training:scores", args=[person.pk]), {"final_score": "120"}, **headers
    )
    assert 'data-testid="score-error"' in response.content.decode()
    response = client.post(
        reverse("training:scores", args=[person.pk]),
        {"mid_score": "60", "final_score": "88.5"},
        **headers,
    )
    assert 'data-testid="score-error"' not in response.content.decode()
    person.refresh_from_db()
    assert str(person.final_score) == "88.50"
    client.force_login(world.secretary)
    assert (
        client.post(reverse("training:scores", args=[person.pk]), {"final_score": "1"}).status_code
        == 403
    )


def test_certificate_pages_and_docx(client, world, no_rights, issued):
    _course, certs = issued
    certificate = certs[0]
    assert_permission_matrix(
        client,
        reverse("training:certificates"),
        allowed=world.secretary,
        member_without_right=no_rights,
    )
    url = reverse("training:certificate", args=[certificate.pk])
    assert_permission_matrix(client, url, allowed=world.coordinator, outsider=world.outsider)
    assert "<svg" in client.get(url).content.decode()
    response = client.get(reverse("training:certificate_docx", args=[certificate.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert certificate.number in text and certificate.holder_name in text
    assert "/training/verify/" in text
    assert document.inline_shapes  # the QR code
    response = client.post(
        reverse("training:certificate_revoke", args=[certificate.pk]), {"reason": "Sai sót"}
    )
    certificate.refresh_from_db()
    assert certificate.revoked_on is not None
    client.force_login(world.secretary)
    assert (
        client.post(
            reverse("training:certificate_revoke", args=[certs[1].pk]), {"reason": "x"}
        ).status_code
        == 403
    )


def test_verification_page_needs_no_login_and_shows_nothing_else(client, world, issued):
    cache.clear()
    _course, certs = issued
    certificate = certs[0]
    certificate.agency  # noqa: B018
    url = reverse("training:verify", args=[certificate.number])
    assert url == f"/training/verify/{certificate.number}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert certificate.holder_name in html and certificate.course.title in html
    assert certificate.issued_on.strftime("%d/%m/%Y") in html
    facts = re.search(r'data-testid="verify-facts">(.*?)</dl>', html, re.S).group(1)
    assert facts.count("<dd") == 3
    assert world.chu_se_pc.name not in html  # no agency
    assert "Chuyên viên" not in html  # no position
    assert "85" not in facts  # no score
    certificates.certificate_revoke(
        certificate=certificate, reason="Gian lận", actor=world.coordinator
    )
    html = client.get(url).content.decode()
    assert 'data-testid="verify-revoked"' in html and "Gian lận" not in html
    assert client.get(reverse("training:verify", args=["0009/1999/CCDT-52"])).status_code == 404


def test_verification_misses_are_rate_limited(client, world):
    cache.clear()
    statuses = [
        client.get(reverse("training:verify", args=[f"{n:04d}/2026/CCDT-52"])).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [404] * 10 and statuses[-1] == 429
    cache.clear()


def test_competence_pages(client, world, no_rights, issued, django_assert_max_num_queries):
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("training:competence"))
    html = response.content.decode()
    assert 'data-testid="nobody-flag"' in html
    assert client.get(reverse("training:competence") + "?nobody=1").status_code == 200
    url = reverse("training:agency_competence")
    assert_permission_matrix(client, url, allowed=world.secretary, member_without_right=no_rights)
    assert "Học viên 0" in client.get(url).content.decode()
    client.force_login(world.outsider)
    assert client.get(url + f"?agency={world.chu_se_pc.pk}").status_code == 404
    client.force_login(world.coordinator)
    assert client.get(url + f"?agency={world.chu_se_pc.pk}").status_code == 200
