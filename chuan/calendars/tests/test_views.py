"""The calendar screens: a year at a glance for everyone, changes for those who may."""

import datetime as dt

from django.utils import timezone

import pytest

from chuan.calendars.choices import DayKind
from chuan.calendars.models import CalendarDay, OfficeHours
from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix

pytestmark = pytest.mark.django_db


def test_everyone_signed_in_sees_the_year(client, world, django_assert_max_num_queries):
    client.force_login(world.viewer)
    # 16: the library's documents the days' bases name are read once, to link them.
    with django_assert_max_num_queries(17):
        response = client.get("/calendar/?year=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tết Nguyên Đán" in html
    assert 'data-date="2026-08-22"' in html  # the Saturday worked in exchange
    # The viewer works in Gia Lai (legacy): its calendar is shown, without edit buttons.
    assert response.context["province"] == world.gia_lai_legacy
    assert 'data-testid="add-day"' not in html
    assert response.context["working_count"] == 365 - 104 - 13 + 1


def test_bad_year_and_province_fall_back_or_404(client, world):
    client.force_login(world.viewer)
    assert client.get("/calendar/?year=abcd").context["year"] == timezone.localdate().year
    assert client.get("/calendar/?province=999999").status_code == 404
    assert client.get("/calendar/?province=x").context["province"] is None


def test_a_coordinator_adds_changes_and_removes_a_day(client, world):
    url = f"/calendar/days/new/?province={world.gia_lai_2025.pk}"
    data = {
        "date": "2026-12-04",
        "kind": DayKind.DAY_OFF,
        "name": "Nghỉ kỷ niệm ngày thành lập tỉnh",
        "legal_basis": "12/QĐ-UBND",
    }
    response = assert_permission_matrix(
        client,
        url,
        allowed=world.coordinator,
        member_without_right=world.leader,
        method="post",
        data=data,
        allowed_status=302,
    )
    row = CalendarDay.objects.get()
    assert row.province == world.gia_lai_2025 and row.name == data["name"]
    assert response["Location"] == f"/calendar/?year=2026&province={world.gia_lai_2025.pk}"
    response = client.post(f"/calendar/days/{row.pk}/edit/", {**data, "name": "Nghỉ lễ"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.name == "Nghỉ lễ"
    assert client.post(f"/calendar/days/{row.pk}/delete/").status_code == 302
    assert not CalendarDay.objects.exists()
    verbs = list(ActivityEntry.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["calendar_day.created", "calendar_day.changed", "calendar_day.deleted"]


def test_a_bad_day_reshows_the_form_in_vietnamese(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        f"/calendar/days/new/?province={world.gia_lai_2025.pk}",
        {"date": "2026-02-17", "kind": DayKind.DAY_OFF, "name": "Tết", "legal_basis": "x"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    assert "Ngày này đã là ngày nghỉ." in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_only_the_province_s_coordinator_changes_its_rows(client, world):
    row = CalendarDay.objects.create(
        province=world.kon_tum_legacy,
        date=dt.date(2026, 12, 4),
        kind=DayKind.DAY_OFF,
        name="Nghỉ",
        legal_basis="1/QĐ-UBND",
    )
    client.force_login(world.coordinator)
    assert client.get(f"/calendar/days/{row.pk}/edit/").status_code == 403
    assert client.post(f"/calendar/days/{row.pk}/delete/").status_code == 403
    assert client.get("/calendar/days/new/").status_code == 403  # nationwide rows
    assert CalendarDay.objects.filter(pk=row.pk).exists()
    client.force_login(world.admin)
    assert client.get(f"/calendar/days/{row.pk}/edit/").status_code == 200


def test_office_hours_screen(client, world):
    url = f"/calendar/hours/{world.gia_lai_2025.pk}/"
    data = {
        "morning_start": "07:00",
        "morning_end": "11:00",
        "afternoon_start": "13:30",
        "afternoon_end": "17:30",
        "same_day_cutoff": "15:00",
        "legal_basis": "25/QĐ-UBND",
    }
    assert_permission_matrix(
        client,
        url,
        allowed=world.coordinator,
        member_without_right=world.leader,
        method="post",
        data=data,
        allowed_status=302,
    )
    hours = OfficeHours.objects.get(province=world.gia_lai_2025)
    assert hours.morning_start == dt.time(7, 0) and hours.legal_basis == "25/QĐ-UBND"
    response = client.post(url, {**data, "same_day_cutoff": "19:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["same_day_cutoff"]
