"""Every response carries the Content-Security-Policy and the Permissions-Policy, and no page
loads anything from another server or runs an inline script the policy would block.

The pages are discovered from the URL map (every route without parameters), so a new screen
is checked without touching this file.
"""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from chuan.accounts.roles import Role
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

OUTSIDE = re.compile(
    r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I
)
# Data blocks (`json_script`, type application/json) are never run, so CSP leaves them be.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
# A style attribute in a tag: the policy refuses it, so the page would lose that look.
INLINE_STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
TEMPLATES = Path(__file__).resolve().parents[2]


def _routes(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if "<" in route or "(?P" in route or route.startswith("admin/"):
                continue
            yield "/" + route.lstrip("^").rstrip("$").replace("\\", "")


def _paths():
    return sorted(set(_routes()))


def test_the_pages_are_discovered():
    paths = _paths()
    assert {"/", "/dossiers/", "/documents/", "/api/docs/", "/api/v1/units/"} <= set(paths)


@pytest.fixture
def official(world):
    return member(UserFactory(roles=[Role.SYSTEM_ADMIN], is_superuser=True), world.chu_se_pc)


def test_every_page_and_api_answer_carries_the_policies(client, official):
    client.force_login(official)
    missing = []
    for path in _paths():
        response = client.get(path)
        if response.status_code >= 500:
            missing.append(f"{path}: {response.status_code}")
            continue
        policy = response.get("Content-Security-Policy", "")
        if "default-src 'self'" not in policy or "frame-ancestors 'none'" not in policy:
            missing.append(f"{path}: CSP {policy!r}")
        if "camera=()" not in response.get("Permissions-Policy", ""):
            missing.append(f"{path}: no Permissions-Policy")
    assert not missing, "\n".join(missing)


def test_the_policy_is_strict_outside_the_api_documentation(client, official):
    client.force_login(official)
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    # No inline style of any kind: neither <style> elements nor style="…" attributes.
    assert "unsafe-inline" not in policy and "style-src-attr" not in directives
    assert "unsafe-eval" not in policy and "http" not in policy
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    docs = client.get("/api/docs/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in docs and "frame-ancestors 'none'" in docs


def test_no_page_loads_from_another_server_or_runs_inline_script(client, official):
    client.force_login(official)
    problems = []
    for path in _paths():
        response = client.get(path)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        for name, pattern in (
            ("outside host", OUTSIDE),
            ("inline script", INLINE_SCRIPT),
            ("<style> element", INLINE_STYLE_ELEMENT),
            ("inline event handler", INLINE_HANDLER),
            ("style attribute", INLINE_STYLE_ATTRIBUTE),
        ):
            for match in pattern.finditer(html):
                problems.append(f"{path}: {name}: {html[match.start() : match.start() + 80]!r}")
    assert not problems, "\n".join(problems)


def test_no_template_carries_a_style_attribute():
    """Pages with parameters (a dossier, its slips, a process) are not in the URL map's list
    above: their templates are read instead, so a `style="…"` anywhere fails here. E-mails
    (`…/mail/` templates) are not pages: no policy reaches a mail client, and most clients
    read only inline styles."""
    found = []
    for template in sorted(TEMPLATES.rglob("templates/**/*.html")):
        if template.parent.name == "mail":
            continue
        text = template.read_text(encoding="utf-8")
        for match in INLINE_STYLE_ATTRIBUTE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{template.relative_to(TEMPLATES.parent)}:{line}")
    assert not found, "style attributes the policy refuses:\n" + "\n".join(found)


def test_the_slips_and_a_dossier_s_page_carry_no_inline_style(client, world):
    import datetime as dt

    from chuan.dossiers.rules import VIETNAM
    from chuan.dossiers.tests.factories import make_desk, receive

    desk = make_desk(world)
    dossier = receive(desk, desk.birth, dt.datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM))
    client.force_login(desk.officer)
    problems = []
    paths = [f"/dossiers/{dossier.pk}/"] + [
        f"/dossiers/{dossier.pk}/slip/{kind}/" for kind in ("receipt", "control")
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for pattern in (INLINE_STYLE_ATTRIBUTE, INLINE_STYLE_ELEMENT, INLINE_SCRIPT):
            problems += [
                f"{path}: {html[m.start() : m.start() + 80]!r}" for m in pattern.finditer(html)
            ]
    assert not problems, "\n".join(problems)


def test_the_api_documentation_is_served_from_this_server(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script src="/api/docs/redoc.js">' in html
    assert "fonts.googleapis" not in html and "cdn." not in html
    bundle = client.get("/api/docs/redoc.js")
    assert bundle.status_code == 200 and b"Redoc" in bundle.content[:5000] + bundle.content[-5000:]
    assert b"cdn.redoc.ly" not in bundle.content


def test_api_errors_raised_before_the_api_are_json_too(client, official):
    client.force_login(official)
    response = client.get("/api/v1/agencies/-1/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json" and response.json()["detail"]
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")
