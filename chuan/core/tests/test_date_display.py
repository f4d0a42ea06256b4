"""Every date a user sees or types is dd/mm/yyyy (times HH:MM): in the date boxes of every
form (not the browser's picker, which shows month first in an English browser), in the
boxes the roll-out screens write by hand, in the text of the interface in both languages."""

import datetime as dt
import gettext
import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import pytest

from chuan.calendars.forms import CalendarDayForm, OfficeHoursForm
from chuan.core.forms import date_field

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
# A day or a month written with one digit: "1/7/2025", "01/7/2025", "1/07/2025".
SHORT_DATE = re.compile(r"(?<![0-9/])(?:[0-9]/[0-9]{1,2}|[0-9]{2}/[0-9])/[0-9]{4}(?![0-9])")


def _input(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, html
    return found[0]


def test_a_date_box_shows_and_reads_day_first():
    box = _input(str(CalendarDayForm(initial={"date": dt.date(2026, 2, 17)})["date"]), "date")
    assert 'type="text"' in box and 'value="17/02/2026"' in box
    assert 'placeholder="dd/mm/yyyy"' in box and 'pattern="[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"' in box
    field = date_field("Ngày")
    # 05/03 is the fifth of March, never the third of May; ISO from links still reads.
    assert field.clean("05/03/2026") == dt.date(2026, 3, 5)
    assert field.clean("2026-03-05") == dt.date(2026, 3, 5)


def test_office_hours_are_typed_on_the_24_hour_clock():
    box = _input(str(OfficeHoursForm()["afternoon_start"]), "afternoon_start")
    assert 'type="text"' in box and 'placeholder="HH:MM"' in box and 'value="13:00"' in box


def test_no_template_uses_the_browser_s_date_or_time_picker():
    offending = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "chuan").rglob("*.html")
        if re.search(r'type="(date|time|datetime-local)"', path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_the_interface_writes_no_date_with_a_one_digit_day_or_month():
    with (ROOT / "chuan/locale/vi/LC_MESSAGES/django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    offending = [
        (msgid, msgstr)
        for msgid, msgstr in catalogue.items()
        if SHORT_DATE.search(str(msgid)) or SHORT_DATE.search(str(msgstr))
    ]
    assert offending == []


def test_the_rollout_dashboard_groups_provinces_by_01_07_2025(client, world):
    client.force_login(world.coordinator)
    page = client.get("/rollout/", {"on": "31/01/2018"}).content.decode()
    assert "Từ ngày 01/07/2025" in page and "Trước ngày 01/07/2025" in page
    assert not SHORT_DATE.search(page)
    assert 'value="31/01/2018"' in _input(page, "on")


def test_the_report_s_period_is_shown_day_first(client, world):
    client.force_login(world.leader)
    page = client.get("/desk/report/").content.decode()
    today = timezone.localdate()
    assert f'value="{today.replace(day=1):%d/%m/%Y}"' in _input(page, "start")
    assert f'value="{today:%d/%m/%Y}"' in _input(page, "end")


def test_a_dossier_event_names_itself_in_words_and_vietnam_time(world):
    from chuan.dossiers.models import DossierEvent

    event = DossierEvent(kind="received", at=dt.datetime(2026, 2, 13, 2, 5, tzinfo=dt.UTC))
    assert str(event).endswith(" 13/02/2026 09:05") and not str(event).startswith("received")
