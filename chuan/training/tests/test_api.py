"""/api/v1/training/: scoped like the screens; registration by POST with the service's
refusals as 400/403/409; verification open to anyone."""

from django.core.cache import cache

import pytest
from rest_framework.test import APIClient

from chuan.training.choices import CourseKind
from chuan.training.services import certificates
from chuan.training.tests.support import make_course, run_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_courses_and_registrations(api, world, django_assert_max_num_queries):
    course = make_course(world, kind=CourseKind.AWARENESS, max_learners=1)
    assert api.get("/api/v1/training/courses/").status_code == 401
    api.force_authenticate(world.secretary)
    with django_assert_max_num_queries(10):
        body = api.get("/api/v1/training/courses/").json()
    assert [c["id"] for c in body["results"]] == [course.pk]
    assert api.get(f"/api/v1/training/courses/{course.pk}/").json()["sessions"] == []
    url = "/api/v1/training/registrations/"
    response = api.post(
        url, {"course": course.pk, "name": "Đỗ Thị G", "position": "Văn thư"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert api.post(url, {"course": course.pk, "name": "Hai"}, format="json").status_code == 409
    assert api.post(url, {"course": course.pk, "name": ""}, format="json").status_code == 400
    assert len(api.get(url, {"course": course.pk}).json()["results"]) == 1
    assert api.get(url, {"course": "٣"}).status_code == 400
    api.force_authenticate(world.outsider)
    assert api.get(f"/api/v1/training/courses/{course.pk}/").status_code == 404
    assert api.get(url).json()["results"] == []
    assert api.post(url, {"course": course.pk, "name": "X"}, format="json").status_code == 400
    api.force_authenticate(world.viewer)
    assert api.post(url, {"course": course.pk, "name": "X"}, format="json").status_code == 403


def test_certificates_and_verification(api, world):
    cache.clear()
    course, _people = run_course(world)
    issued = certificates.certificate_issue(course=course, actor=world.coordinator)
    api.force_authenticate(world.secretary)
    numbers = {c["number"] for c in api.get("/api/v1/training/certificates/").json()["results"]}
    assert numbers == {c.number for c in issued}
    api.force_authenticate(world.outsider)
    assert api.get("/api/v1/training/certificates/").json()["results"] == []
    api.force_authenticate(None)
    body = api.get("/api/v1/training/verify/", {"number": issued[0].number}).json()
    assert body == {
        "number": issued[0].number,
        "holder_name": issued[0].holder_name,
        "course": course.title,
        "issued_on": issued[0].issued_on.isoformat(),
        "revoked": False,
    }
    assert api.get("/api/v1/training/verify/", {"number": "x"}).status_code == 404
