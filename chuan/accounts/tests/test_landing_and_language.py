"""After signing in each role lands where its work is; the interface is Vietnamese unless the
official chose English, whatever the browser asks for."""

from django.conf import settings
from django.urls import reverse

import pytest

from chuan.accounts.roles import Role
from chuan.organisations.tests.factories import UserFactory
from chuan.reports.views import landing

PASSWORD = "mật-khẩu-thử-2026"
HOME = "/overview/"


@pytest.mark.parametrize(
    ("roles", "where"),
    [
        ([Role.DESK_OFFICER], "dossiers:worklist"),
        ([Role.PROCESSING_OFFICIAL], "dossiers:worklist"),
        ([Role.DOCUMENT_CONTROLLER], "documents"),
        ([Role.DOST_COORDINATOR], "rollout:dashboard"),
        ([Role.INSPECTOR], "rollout:dashboard"),
        ([Role.AGENCY_LEADER], "reports:home"),
        ([Role.ISO_SECRETARY], "reports:home"),
        ([Role.SYSTEM_ADMIN], "reports:home"),
        ([Role.VIEWER], "reports:home"),
        ([], "reports:home"),
        # The most pressing work wins: the desk before the documents, a leader's oversight
        # before the desk's worklist, the province before the agency.
        ([Role.DOCUMENT_CONTROLLER, Role.DESK_OFFICER], "dossiers:worklist"),
        ([Role.PROCESSING_OFFICIAL, Role.AGENCY_LEADER], "reports:home"),
        ([Role.AGENCY_LEADER, Role.INSPECTOR], "rollout:dashboard"),
    ],
)
def test_each_role_lands_where_its_work_is(roles, where, db):
    expected = (
        reverse("reports:home") + "#document-work-title" if where == "documents" else reverse(where)
    )
    assert landing(roles) == expected


def _sign_in(client, user, **extra):
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD, **extra}
    )


def test_signing_in_follows_the_role_and_a_safe_next(client, world):
    officer = UserFactory(username="motcua", roles=[Role.DESK_OFFICER])
    response = _sign_in(client, officer)
    assert client.get(response["Location"])["Location"] == reverse("dossiers:worklist")
    client.logout()
    response = _sign_in(client, officer, next="/documents/")
    assert response["Location"] == "/documents/"
    client.logout()
    response = _sign_in(client, officer, next="https://evil.example/")
    assert client.get(response["Location"])["Location"] == reverse("dossiers:worklist")


def test_a_browser_asking_for_english_gets_vietnamese(client, db):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in page.content.decode() and "Đăng nhập" in page.content.decode()
    lookup = client.get("/tra-cuu/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Tra cứu hồ sơ" in lookup.content.decode()


def test_an_official_who_chose_english_keeps_it_on_the_account_and_after_signing_out(client, world):
    official = UserFactory(username="thuky", roles=[Role.ISO_SECRETARY])
    _sign_in(client, official)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    official.refresh_from_db()
    assert official.language == "en"
    assert '<html lang="en">' in client.get(HOME).content.decode()
    client.post(reverse("accounts:logout"))
    # Signed out, the cookie still speaks English.
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get(reverse("accounts:login")).content.decode()
    # Another browser, asking for Vietnamese: the account's choice wins once signed in.
    other = client.__class__()
    _sign_in(other, official)
    assert other.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in other.get(HOME, HTTP_ACCEPT_LANGUAGE="vi").content.decode()


def test_the_api_still_reads_accept_language(client, db):
    english = client.get("/api/v1/calendar/days/?year=2026", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {d["date"]: d["name"] for d in english["days"]}["2026-09-02"] == "National Day"
