"""The document-control API: scoping, revision transitions with 409, reviews."""

import datetime as dt

from django.utils import timezone

import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.documents import services
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.documents.tests.test_services import _document, _docx, office  # noqa: F401
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.choices import RelationKind
from chuan.legal.services import legal_relation_add
from chuan.legal.tests.factories import legal

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_documents_and_transitions(client, office, world):  # noqa: F811
    document = _document(office)
    revision = services.revision_draft(
        document=document, changes=[], file=_docx("x"), actor=office["controller"]
    )
    assert_permission_matrix(
        client,
        f"/api/v1/documents/{document.pk}/",
        allowed=office["leader"],
        outsider=world.outsider,
        api=True,
    )
    base = f"/api/v1/documents/{document.pk}/revisions/{revision.pk}/"
    client.force_login(office["controller"])
    response = _post(
        client, base + "approve/", {"effective_date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 403  # the controller does not approve, whatever the state
    client.force_login(office["leader"])
    response = _post(
        client, base + "approve/", {"effective_date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 409  # a draft is not approved
    client.force_login(office["controller"])
    response = _post(client, base + "submit/", {"reviewer": office["reviewer"].username})
    assert response.status_code == 200 and response.json()["revisions"][0]["state"] == "in_review"
    client.force_login(office["leader"])
    today = timezone.localdate().isoformat()
    response = _post(client, base + "approve/", {"effective_date": today})
    assert response.status_code == 409  # the reviewer has not signed off
    client.force_login(office["reviewer"])
    assert _post(client, base + "sign-off/", {}).status_code == 200
    assert _post(client, base + "sign-off/", {}).status_code == 409
    client.force_login(office["leader"])
    response = _post(client, base + "approve/", {})
    assert response.status_code == 400 and "effective_date" in response.json()
    response = _post(
        client, base + "approve/", {"effective_date": timezone.localdate().isoformat()}
    )
    assert response.json()["revisions"][0]["shown_state"] == "effective"
    assert client.get(base + "file/").status_code == 200
    assert [d["code"] for d in client.get("/api/v1/documents/").json()["results"]] == ["QT-HT-01"]


def test_reviews(client, office, world):  # noqa: F811
    document = _document(office)
    amending = legal(world.admin, "59/2025/QH15", LegalKind.LAW, dt.date(2025, 6, 16))
    legal_relation_add(
        source=amending, kind=RelationKind.AMENDS, target=office["law"], actor=world.admin
    )
    client.force_login(office["controller"])
    reviews = client.get("/api/v1/documents/reviews/").json()["results"]
    assert [r["document"] for r in reviews] == [document.pk]
    review_id = reviews[0]["id"]
    response = _post(client, f"/api/v1/documents/reviews/{review_id}/close/", {"decision": ""})
    assert response.status_code == 400
    response = _post(
        client, f"/api/v1/documents/reviews/{review_id}/close/", {"decision": "Không ảnh hưởng"}
    )
    assert response.json()["status"] == ReviewStatus.NO_CHANGE
    assert (
        _post(
            client, f"/api/v1/documents/reviews/{review_id}/close/", {"decision": "x"}
        ).status_code
        == 409
    )
    assert ReviewRequest.objects.get().closed_by == office["controller"]
