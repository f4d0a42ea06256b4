"""The citizen's lookup page: a code typed as people type it, the rating once given, the
agency and a language switch in the header, and guessing held back per address and per
dossier code whatever X-Forwarded-For says."""

from django.test import override_settings

import pytest

from chuan.dossiers import services
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return make_desk(world)


@pytest.fixture
def returned(desk):
    dossier = receive(desk, desk.birth, at(2, 8))
    finish_through(desk, dossier, at(2, 10))
    services.dossier_return(dossier=dossier, method="in_person", actor=desk.officer, at=at(2, 11))
    return dossier


def test_a_code_typed_in_lower_case_with_spaces_is_found(client, returned):
    response = client.post(
        "/tra-cuu/", {"code": f"  {returned.code.lower()} ", "phone_tail": "3456"}
    )
    assert response.context["dossier"] == returned


def test_after_rating_the_page_shows_the_rating_given(client, returned):
    response = client.post(
        "/tra-cuu/",
        {
            "code": returned.code,
            "phone_tail": "3456",
            "satisfaction": "very_satisfied",
            "comment": "Nhanh gọn",
        },
    )
    html = response.content.decode()
    assert 'data-testid="rating-given"' in html
    assert "Rất hài lòng" in html and "Nhanh gọn" in html
    # Coming back later shows it too, and no second form.
    again = client.post("/tra-cuu/", {"code": returned.code, "phone_tail": "3456"}).content
    assert "Rất hài lòng" in again.decode() and b'data-testid="rating-form"' not in again


def test_the_header_names_the_agency_and_offers_both_languages(client, returned):
    empty = client.get("/tra-cuu/").content.decode()
    assert 'data-testid="public-header"' in empty and 'data-testid="language-switch"' in empty
    # Arriving from the slip's QR code: the agency is known from the code alone.
    from_slip = client.get(f"/tra-cuu/?code={returned.code}").content.decode()
    assert returned.agency.name in from_slip
    assert f'name="next" value="/tra-cuu/?code={returned.code}"' in from_slip
    found = client.post("/tra-cuu/", {"code": returned.code, "phone_tail": "3456"})
    assert returned.agency.name in found.content.decode()
    english = client.post(
        "/accounts/language/", {"language": "en", "next": f"/tra-cuu/?code={returned.code}"}
    )
    assert english.url == f"/tra-cuu/?code={returned.code}"
    assert "Look up a dossier" in client.get(english.url).content.decode()


def test_guessing_from_one_address_stops_even_with_a_forged_forwarded_header(client, returned):
    for tail in range(10):
        client.post(
            "/tra-cuu/",
            {"code": returned.code, "phone_tail": f"{tail:04d}"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{tail}",
        )
    response = client.post(
        "/tra-cuu/",
        {"code": returned.code, "phone_tail": "3456"},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert "dossier" not in response.context and response.context["error"]


def test_found_lookups_do_not_count_against_the_citizen(client, returned):
    for _ in range(15):
        response = client.post("/tra-cuu/", {"code": returned.code, "phone_tail": "3456"})
        assert response.context["dossier"] == returned


def test_guessing_one_code_from_many_addresses_stops(client, returned):
    for n in range(20):
        client.post(
            "/tra-cuu/",
            {"code": returned.code, "phone_tail": f"{n:04d}"},
            REMOTE_ADDR=f"203.0.113.{n}",
        )
    response = client.post(
        "/tra-cuu/", {"code": returned.code, "phone_tail": "3456"}, REMOTE_ADDR="192.0.2.1"
    )
    assert "dossier" not in response.context and response.context["error"]


@override_settings(CHUAN_TRUSTED_PROXIES=["10.0.0.5"])
def test_behind_a_trusted_proxy_each_citizen_is_counted_apart(client, returned):
    for tail in range(10):
        client.post(
            "/tra-cuu/",
            {"code": "000.00.00.H00-260101-0001", "phone_tail": f"{tail:04d}"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    neighbour = client.post(
        "/tra-cuu/",
        {"code": returned.code, "phone_tail": "3456"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert neighbour.context["dossier"] == returned
    guesser = client.post(
        "/tra-cuu/",
        {"code": returned.code, "phone_tail": "3456"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert "dossier" not in guesser.context
