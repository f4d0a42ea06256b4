"""The checklist templates' screens: the national template is read, an agency copies it as
its own version and edits its questions; nobody edits the national one or another agency's."""

from django.urls import reverse

import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.improvement.models import ChecklistTemplate
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.tests.test_audits_services import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(world):
    return Office(world)


def test_read_copy_and_edit(client, office, django_assert_max_num_queries):
    world = office.world
    national = ChecklistTemplate.objects.get(agency__isnull=True)
    response = assert_permission_matrix(
        client, reverse("improvement:audit_templates"), allowed=world.viewer
    )
    assert b"copy-template" not in response.content
    assert_permission_matrix(
        client, reverse("improvement:audit_template", args=[national.pk]), allowed=world.viewer
    )
    assert_permission_matrix(
        client,
        reverse("improvement:audit_template_copy", args=[national.pk]),
        method="post",
        data={},
        allowed=world.secretary,
        member_without_right=world.viewer,
        allowed_status=302,
    )
    copy = ChecklistTemplate.objects.get(agency=office.agency)
    line = copy.lines.get(order=1)
    url = reverse("improvement:audit_template_line", args=[copy.pk, line.pk])
    client.force_login(world.outsider)
    assert client.get(reverse("improvement:audit_template", args=[copy.pk])).status_code == 404
    assert client.post(url, {"question": "x"}).status_code == 404
    client.force_login(world.viewer)
    assert client.post(url, {"question": "x"}).status_code == 403
    client.force_login(world.secretary)
    assert client.post(url, {"question": " "}).status_code == 302
    line.refresh_from_db()
    assert line.question != " "
    client.post(url, {"question": "Câu hỏi riêng của huyện"})
    line.refresh_from_db()
    assert line.question == "Câu hỏi riêng của huyện"
    national_line = national.lines.get(order=1)
    response = client.post(
        reverse("improvement:audit_template_line", args=[national.pk, national_line.pk]),
        {"question": "x"},
    )
    assert response.status_code == 403
    with django_assert_max_num_queries(20):
        response = client.get(reverse("improvement:audit_template", args=[copy.pk]))
    assert "Câu hỏi riêng của huyện" in response.content.decode()
    assert checklist.template_for(office.agency.pk) == copy
