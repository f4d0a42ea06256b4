"""The Content-Security-Policy in a real browser: the API documentation renders from this
server alone, and the pages with charts and HTMX run without a single violation."""

import datetime as dt

from django.test import Client

import pytest

from chuan.accounts.roles import Role
from chuan.core.tests.test_security_headers import _paths
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures.models import InternalProcess
from tests.browser.conftest import ARTIFACTS, PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page, live_server):
    """Refuse every request to another server (as offline) and collect what went wrong."""
    seen = {"outside": [], "errors": []}

    def route(request_route):
        if request_route.request.url.startswith(live_server.url):
            request_route.continue_()
        else:
            seen["outside"].append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: message.type == "error" and seen["errors"].append(message.text),
    )
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_the_api_documentation_renders_offline_within_the_policy(page, live_server, db):
    seen = _watch(page, live_server)
    page.goto(f"{live_server.url}/api/docs/")
    page.get_by_role("heading", name="Chuẩn API").first.wait_for()
    page.get_by_text("/api/v1/dossiers/").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs-desktop.png"))
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "api-docs-phone.png"))
    assert seen == {"outside": [], "errors": []}


def test_charts_and_htmx_pages_run_within_the_policy(page, live_server, world):
    official = member(UserFactory(roles=[Role.SYSTEM_ADMIN], is_superuser=True), world.chu_se_pc)
    seen = _watch(page, live_server)
    login(page, live_server, official)
    for path in ("/", "/rollout/", "/desk/dashboard/", "/chi-so-766/", "/agencies/new/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert seen == {"outside": [], "errors": []}


# Pages that are not screens: files, a health answer, sign-out, the language switch (post
# targets, which answer GET with 405, are left out by the test itself).
NOT_SCREENS = (
    "/api/",
    ".xlsx",
    ".docx",
    "/file/",
    "/qms/triage/run/",
    "/healthz",
    "/accounts/logout/",
    "/i18n/",
    "/accounts/language/",
)


def test_every_screen_runs_within_the_policy_with_no_inline_style(page, live_server, world):
    """Every screen without parameters, a dossier's page and its slips, a process and its
    form, at desktop and phone widths: not one violation of the policy (a style attribute
    would be one, now that the policy refuses them)."""
    from chuan.dossiers.rules import VIETNAM
    from chuan.dossiers.tests.factories import make_desk, receive

    desk = make_desk(world)
    dossier = receive(desk, desk.birth, dt.datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM))
    official = member(UserFactory(roles=[Role.SYSTEM_ADMIN], is_superuser=True), world.ward_pc)
    seen = _watch(page, live_server)
    login(page, live_server, official)
    browser = Client()
    browser.force_login(official)
    paths = [
        path
        for path in _paths()
        if not any(part in path for part in NOT_SCREENS)
        and browser.get(path).status_code != 405  # a post target, not a screen
    ]
    paths += [f"/dossiers/{dossier.pk}/"]
    paths += [f"/dossiers/{dossier.pk}/slip/{slip}/" for slip in ("receipt", "control")]
    process = InternalProcess.objects.filter(agency=desk.agency).first()
    paths += [f"/processes/{process.pk}/", f"/procedures/{process.procedure_id}/"]
    visited = []
    for viewport in ({"width": 1366, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            if response is not None and response.status == 200:
                visited.append(path)
    assert len(set(visited)) >= 30, visited
    assert seen == {"outside": [], "errors": []}
