"""The slips as a citizen holds them, on both form sets: the form's number and circular
stand above the letterhead, never over it, the national motto keeps one line and the QR
code stays clear of the text, on a desktop, on a phone and on A4 paper."""

import datetime as dt

import pytest

from chuan.dossiers import services
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.services import Applicant
from chuan.dossiers.tests.factories import make_desk, receipt
from chuan.legal.models import LegalDocument
from chuan.procedures import form_sets
from chuan.procedures.models import FormSet, FormSetItem
from chuan.procedures.selectors import form_sets_cache_clear
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Boxes that must not meet: the form's mark and each letterhead cell, the QR code and the
# lines of text. The motto must fit its cell on one line.
LOOK = """() => {
  const meets = (a, b) => a.width && b.width && a.right > b.left + 1 && a.left < b.right - 1
    && a.bottom > b.top + 1 && a.top < b.bottom - 1;
  const found = [];
  const mark = document.querySelector('.form-mark');
  const cells = [...document.querySelectorAll('.letterhead td')];
  if (mark) {
    const head = document.querySelector('.letterhead').getBoundingClientRect();
    if (mark.getBoundingClientRect().bottom > head.top + 1) found.push('mark not above letterhead');
    for (const cell of cells) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      for (const line of range.getClientRects()) {
        if (meets(mark.getBoundingClientRect(), line)) found.push('mark over letterhead');
      }
    }
  }
  const qr = document.querySelector('.qr');
  if (qr) {
    for (const p of document.querySelectorAll('main p, main h1, .letterhead td')) {
      const range = document.createRange();
      range.selectNodeContents(p);
      for (const line of range.getClientRects()) {
        if (meets(line, qr.getBoundingClientRect())) {
          found.push('qr over ' + p.textContent.slice(0, 30));
        }
      }
    }
  }
  const motto = document.querySelector('.letterhead .nowrap');
  const line = parseFloat(getComputedStyle(motto).lineHeight) || motto.offsetHeight;
  if (motto.scrollWidth > motto.closest('td').clientWidth + 1) found.push('motto overflows');
  if (motto.getClientRects().length !== 1 || motto.offsetHeight > line * 1.5) {
    found.push('motto wraps');
  }
  return found;
}"""


@pytest.fixture
def sets(db):
    # A transactional test's database was flushed of what the migrations loaded.
    form_sets.load(
        form_sets.read(), legal_model=LegalDocument, set_model=FormSet, form_model=FormSetItem
    )
    form_sets_cache_clear()


def test_every_slip_of_both_form_sets_keeps_its_layout(page, phone_page, live_server, world, sets):
    desk = make_desk(world)
    applicant = Applicant(
        name="Nguyễn Thị Hoàng Phương Thảo Nguyên Ngọc Bích Lan Hương Trà My Kiều Oanh",
        id_number="064095000123",
        phone="0905 123 456",
        address="Số 123 đường Trần Hưng Đạo, tổ dân phố 7, phường Hội Phú, Pleiku, Gia Lai",
    )
    paths = []
    # Friday 12/09/2025 on Circular 01/2018's forms, Monday 15/09/2025 on Circular 03/2025's.
    for day in (12, 15):
        received = dt.datetime(2025, 9, day, 9, 0, tzinfo=VIETNAM)
        dossier = services.dossier_receive(
            agency=desk.agency,
            data=receipt(desk.land, applicant=applicant),
            actor=desk.officer,
            at=received,
        )
        paths += [f"/dossiers/{dossier.pk}/slip/{slip}/" for slip in ("receipt", "control")]
        stopped = services.dossier_receive(
            agency=desk.agency, data=receipt(desk.land), actor=desk.officer, at=received
        )
        services.dossier_stop(
            dossier=stopped,
            reason="Hồ sơ không đủ điều kiện giải quyết",
            actor=desk.leader,
            at=received + dt.timedelta(hours=2),
        )
        paths.append(f"/dossiers/{stopped.pk}/slip/stop/")
    problems = []
    for view, width in ((page, "desktop"), (phone_page, "phone")):
        login(view, live_server, desk.officer)
        for path in paths:
            view.goto(f"{live_server.url}{path}")
            problems += [f"{width} {path}: {fault}" for fault in sorted(set(view.evaluate(LOOK)))]
    shoot(phone_page, "slip-stop-phone")
    # A4: the printable width of the page between its margins (210 - 25 - 18 mm).
    page.set_viewport_size({"width": 631, "height": 994})
    page.emulate_media(media="print")
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        problems += [f"print {path}: {fault}" for fault in sorted(set(page.evaluate(LOOK)))]
    assert not problems, "\n".join(problems)
