"""Browser tests: Playwright (Python) driving Debian's Chromium against the live server."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by
# fixtures in that same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHUAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


INSTALL_HINT = (
    "The browser tests need Debian's Chromium at {path}: sudo apt-get install -y chromium"
    " (make test installs it when run as root)."
)


def missing_chromium(path: str = CHROMIUM) -> str | None:
    """One line saying how to get Chromium when it is not there, else None."""
    if Path(path).exists():
        return None
    return INSTALL_HINT.format(path=path)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Without Chromium every browser test would fail with the same Playwright traceback:
    # stop the run once, with one line saying what to do.
    hint = missing_chromium()
    if hint is not None:
        pytest.exit(hint, returncode=1)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            pytest.exit(f"Chromium at {CHROMIUM} would not start: {first}", returncode=1)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


PASSWORD = "mật-khẩu-thử-2026"  # the password UserFactory gives every official


def login(page: Any, live_server: Any, user: Any) -> None:
    """Sign in through the Vietnamese sign-in page and wait to leave it."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shoot(page: Any, name: str) -> None:
    """Keep a screenshot of what the test saw, for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _activity_flush_allowed(transactional_db: Any) -> Iterator[None]:
    """Let the live-server test flush its data afterwards.

    SQLite's append-only trigger refuses the DELETE that Django's flush uses between
    transactional tests (PostgreSQL's TRUNCATE does not fire row triggers). The trigger is
    put back before each test and lifted only for the flush.
    """
    import importlib

    from django.db import connection

    migration = importlib.import_module("chuan.core.migrations.0002_activity_append_only")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS core_activityentry_no_delete")
            cursor.execute(migration.SQLITE_FORWARD[1])
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS core_activityentry_no_delete")
