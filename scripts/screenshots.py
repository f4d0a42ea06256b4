"""Screenshot every screen in Vietnamese at desktop and phone widths.

Run against a server started with `make run`:
    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000] [out-dir]
Pictures go to docs/screenshots/ by default; the README shows some of them.
"""

import re
import shutil
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
PASSWORD = "chuan-demo-2026"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def sign_in(page: Any, username: str) -> None:
    """Sign out whoever is signed in and sign in as one of the demo accounts."""
    page.context.clear_cookies()
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--lang=vi-VN",
            ],
        )
        for size_name, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            # Phones are judged by what fits on the screen; desktops by the whole page.
            full = size_name == "desktop"
            page.goto(f"{BASE}/accounts/login/")
            page.screenshot(path=str(OUT / f"login-{size_name}.png"), full_page=full)
            sign_in(page, "dost")
            shots = {
                "rollout-dashboard": "/rollout/",
                "rollout-dashboard-2018": "/rollout/?on=2018-01-31&level=commune",
                "rollout-agencies": "/rollout/agencies/",
                "rollout-targets": "/rollout/targets/",
                "rollout-import": "/rollout/import/",
                "home": "/overview/",
                "units": "/units/",
                "units-search": "/units/?set=legacy&q=chu+se",
                "agencies": "/agencies/?q=so",
                "agency-new": "/agencies/new/",
                "agency-import": "/agencies/import/",
                "activity": "/activity/",
                "users": "/accounts/users/",
                "calendar": "/calendar/?year=2026",
                "legal": "/legal/",
                "legal-search": "/legal/?q=mot+cua",
                "legal-new": "/legal/new/",
                "procedures": "/procedures/",
                "procedures-search": "/procedures/?q=khai+sinh",
                "procedure-new": "/procedures/new/",
                "procedures-import": "/procedures/import/",
                "desk-dashboard": "/desk/dashboard/",
                "desk-report": "/desk/report/?start=2026-01-01&end=2026-10-31&by=agency",
            }
            for name, path in shots.items():
                page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/units/?set=legacy&q=gia+lai")
            page.click("text=Tỉnh Gia Lai")
            page.click("text=Huyện Chư Sê")
            page.screenshot(path=str(OUT / f"unit-detail-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/agencies/?q=khoa+hoc")
            page.locator("[data-testid=agency-table] a").first.click()
            page.screenshot(path=str(OUT / f"agency-detail-{size_name}.png"), full_page=full)
            match = re.search(r"/agencies/(\d+)/", page.url)
            if match:
                page.goto(f"{BASE}/agencies/{match.group(1)}/edit/")
                page.screenshot(path=str(OUT / f"agency-edit-{size_name}.png"), full_page=full)
                page.goto(f"{BASE}/agencies/{match.group(1)}/officials/new/")
                page.screenshot(path=str(OUT / f"official-new-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/calendar/?year=2026")
            page.get_by_test_id("add-day").click()
            page.screenshot(path=str(OUT / f"calendar-day-new-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/legal/?q=61+2018")
            page.locator("[data-testid=legal-table] a").first.click()
            page.screenshot(path=str(OUT / f"legal-detail-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/procedures/?q=1.001193")
            page.locator("[data-testid=procedure-table] a").first.click()
            page.screenshot(path=str(OUT / f"procedure-detail-{size_name}.png"), full_page=full)
            page.locator("[data-testid=process-card] a").first.click()
            page.screenshot(path=str(OUT / f"process-detail-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/procedures/?q=2.001035")
            page.locator("[data-testid=procedure-table] a").first.click()
            page.locator("[data-testid=process-card] a").first.click()
            page.screenshot(path=str(OUT / f"process-over-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/accounts/users/")
            page.locator("table a").first.click()
            page.screenshot(path=str(OUT / f"user-detail-{size_name}.png"), full_page=full)
            # The ward's QMS documents as its document controller sees them.
            sign_in(page, "doccontrol")
            for name, path in {
                "documents-home": "/overview/",
                "documents": "/documents/",
                "documents-search": "/documents/?q=danh+gia+noi+bo",
                "documents-reviews": "/documents/reviews/",
                "documents-reviews-overdue": "/documents/reviews/?mine=1&overdue=1",
                "documents-reviews-revised": "/documents/reviews/?status=revised",
            }.items():
                page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/documents/?q=QT-HT-03")
            page.locator("[data-testid=document-table] a").first.click()
            page.screenshot(path=str(OUT / f"document-detail-{size_name}.png"), full_page=full)
            # The satisfaction procedure's new edition as its reviewer sees it.
            sign_in(page, "secretary")
            page.goto(f"{BASE}/documents/?q=QT-HT-06")
            page.locator("[data-testid=document-table] a").first.click()
            page.screenshot(path=str(OUT / f"document-review-{size_name}.png"), full_page=full)
            # The ward's QMS in use, as its ISO secretary runs it.
            for name, path in {
                "qms-home": "/qms/",
                "qms-objectives": "/qms/objectives/",
                "qms-risks": "/qms/risks/",
                "qms-audits": "/qms/audits/",
                "qms-nonconformities": "/qms/nonconformities/",
                "qms-triage": "/qms/triage/",
                "qms-reviews": "/qms/reviews/",
            }.items():
                page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{size_name}.png"), full_page=full)
            for name, listing in {
                "qms-objective": "/qms/objectives/",
                "qms-nonconformity": "/qms/nonconformities/",
                "qms-review": "/qms/reviews/",
            }.items():
                page.goto(BASE + listing)
                page.locator("main table a").first.click()
                page.screenshot(path=str(OUT / f"{name}-{size_name}.png"), full_page=full)
            # The desk as the ward's one-stop officer sees it.
            sign_in(page, "desk")
            for name, path in {
                "desk": "/desk/?whose=agency",
                "desk-receive": "/desk/receive/?q=khai+sinh",
                "dossiers": "/dossiers/",
                "lookup": "/tra-cuu/",
            }.items():
                page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{size_name}.png"), full_page=full)
            page.goto(f"{BASE}/desk/?whose=agency")
            page.locator("[data-testid=worklist] a").first.click()
            page.screenshot(path=str(OUT / f"dossier-detail-{size_name}.png"), full_page=full)
            match = re.search(r"/dossiers/(\d+)/", page.url)
            if match:
                page.goto(f"{BASE}/dossiers/{match.group(1)}/slip/receipt/")
                page.screenshot(path=str(OUT / f"receipt-slip-{size_name}.png"), full_page=full)
            # A dossier of the demo's last days on Circular 01/2018's forms (received on
            # 12/09/2025) and one on Circular 03/2025's: each prints its own set.
            page.goto(f"{BASE}/dossiers/?q=250912")
            page.locator("[data-testid=dossier-table] a").first.click()
            pk = re.search(r"/dossiers/(\d+)/", page.url)
            if pk:
                page.goto(f"{BASE}/dossiers/{pk.group(1)}/slip/control/")
                shot = OUT / f"control-slip-2018-{size_name}.png"
                page.screenshot(path=str(shot), full_page=full)
            if match:
                page.goto(f"{BASE}/dossiers/{match.group(1)}/slip/control/")
                shot = OUT / f"control-slip-2025-{size_name}.png"
                page.screenshot(path=str(shot), full_page=full)
            page.goto(f"{BASE}/procedures/form-sets/")
            page.screenshot(path=str(OUT / f"form-sets-{size_name}.png"), full_page=full)
            # The citizen's lookup of a returned dossier, as a citizen (signed out) sees it.
            page.goto(f"{BASE}/dossiers/?status=10")
            page.locator("[data-testid=dossier-table] a").first.click()
            code = page.get_by_test_id("dossier-code").inner_text().strip()
            phone = page.locator("dt:has-text('Số điện thoại') + dd").first.inner_text().strip()
            page.context.clear_cookies()
            page.goto(f"{BASE}/tra-cuu/")
            page.fill("input[name=code]", code.lower())
            page.fill("input[name=phone_tail]", phone[-4:])
            page.locator("main button[type=submit]").first.click()
            page.wait_for_load_state()
            page.screenshot(path=str(OUT / f"lookup-found-{size_name}.png"), full_page=full)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
