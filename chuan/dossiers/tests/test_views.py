"""The desk's screens: worklists, receipt, a dossier's actions, slips, the citizen's page
and the reports; who may see what."""

import datetime as dt
import re

from django.core.cache import cache

import pytest

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers import services
from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return make_desk(world)


def _receipt_post(desk, **changes):
    data = {
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_id_number": "064095000123",
        "applicant_phone": "0905123456",
        "channel": "1",
        "sets": "1",
        "fee_amount": "0",
        "c-TOTAL_FORMS": "2",
        "c-INITIAL_FORMS": "2",
        "c-0-name": "Tờ khai đăng ký khai sinh theo mẫu",
        "c-0-received": "on",
        "c-0-originals": "1",
        "c-0-certified_copies": "0",
        "c-0-photocopies": "0",
        "c-1-name": "Giấy chứng sinh",
        "c-1-originals": "1",
        "c-1-certified_copies": "0",
        "c-1-photocopies": "0",
    }
    data.update(changes)
    return data


def test_receiving_at_the_desk_prints_the_slip(client, desk, world):
    url = f"/desk/receive/{desk.birth.pk}/"
    response = assert_permission_matrix(
        client,
        url,
        allowed=desk.officer,
        member_without_right=world.viewer,
        method="post",
        data=_receipt_post(desk),
        allowed_status=302,
    )
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/dossiers/{dossier.pk}/slip/receipt/"
    assert [c.name for c in dossier.components.all()] == ["Tờ khai đăng ký khai sinh theo mẫu"]
    slip = client.get(response["Location"])
    html = slip.content.decode()
    assert dossier.code in html and "<svg" in html and "Nguyễn Thị Hoa" in html
    assert "/tra-cuu/?code=" in html


def test_a_bad_citizen_id_reshows_the_form_and_writes_nothing(client, desk):
    client.force_login(desk.officer)
    response = client.post(
        f"/desk/receive/{desk.birth.pk}/", _receipt_post(desk, applicant_id_number="123")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["applicant_id_number"]
    assert not Dossier.objects.exists()


def test_not_receiving_at_the_desk(client, desk):
    client.force_login(desk.officer)
    response = client.post(
        f"/desk/receive/{desk.birth.pk}/",
        _receipt_post(
            desk, outcome="1", kind="incomplete", reason="Thiếu giấy", missing="Giấy chứng sinh"
        ),
    )
    dossier = Dossier.objects.get()
    assert dossier.status == Status.NOT_RECEIVED
    assert response["Location"] == f"/dossiers/{dossier.pk}/slip/not-received/"
    assert "Giấy chứng sinh" in client.get(response["Location"]).content.decode()


def test_procedure_search_at_receipt(client, desk):
    client.force_login(desk.officer)
    response = client.get("/desk/receive/?q=khai+sinh")
    assert [v.procedure.code for v in response.context["versions"]] == ["1.001193"]
    response = client.get("/desk/receive/?q=dat+dai", HTTP_HX_REQUEST="true")
    assert "1.012787" in response.content.decode() and "<html" not in response.content.decode()


def test_worklists_and_their_budget(client, desk, django_assert_max_num_queries):
    dossier = receive(desk, desk.land, at(2, 8))
    services.dossier_hand_over(dossier=dossier, actor=desk.officer, to_user=desk.official)
    client.force_login(desk.official)
    # 16 for the desk, one for the lines the apps above add (the feedback register's count).
    with django_assert_max_num_queries(17):
        response = client.get("/desk/?whose=mine&queue=overdue")
    assert response.status_code == 200
    assert [d.pk for d in response.context["page"].object_list] == [dossier.pk]
    counts = {name: count for name, _label, count in response.context["queues"]}
    assert counts["todo"] == 1 and counts["overdue"] == 1 and counts["today"] == 0
    client.force_login(desk.officer)
    assert client.get("/desk/?whose=mine").context["queues"][0][2] == 0
    client.force_login(desk.leader)
    assert client.get("/desk/").context["whose"] == "agency"


def test_a_dossier_page_and_its_actions(client, desk, world, django_assert_max_num_queries):
    dossier = receive(desk, desk.land, dt.datetime.now(tz=at(1, 0).tzinfo))
    assert_permission_matrix(
        client, f"/dossiers/{dossier.pk}/", allowed=desk.official, outsider=world.outsider
    )
    with django_assert_max_num_queries(20):
        response = client.get(f"/dossiers/{dossier.pk}/")
    names = [name for name, _form in response.context["actions"]]
    assert "hand_over" in names and "return" not in names
    response = client.post(
        f"/dossiers/{dossier.pk}/act/request_supplement/",
        {"request_supplement-reason": "Thiếu", "request_supplement-missing": "Mảnh trích đo"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    response = client.post(f"/dossiers/{dossier.pk}/act/finish/", {"finish-result": "approved"})
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED  # refused: the clock is stopped
    assert client.get(f"/dossiers/{dossier.pk}/slip/supplement/").status_code == 200
    client.force_login(world.viewer)
    assert client.post(f"/dossiers/{dossier.pk}/act/supplement/").status_code in (403, 404)


def test_the_citizen_sees_nothing_personal_and_rates_once(client, desk):
    cache.clear()
    dossier = receive(desk, desk.birth, at(2, 8))
    finish_through(desk, dossier, at(2, 10))
    services.dossier_return(dossier=dossier, method="in_person", actor=desk.officer, at=at(2, 11))
    response = client.post("/tra-cuu/", {"code": dossier.code, "phone_tail": "3456"})
    html = response.content.decode()
    assert response.context["dossier"] == dossier
    for secret in ("Nguyễn Thị Hoa", "064095000123", "0905123456", "Tổ 3"):
        assert secret not in html
    response = client.post(
        "/tra-cuu/", {"code": dossier.code, "phone_tail": "3456", "satisfaction": "satisfied"}
    )
    assert response.context["rated"]
    dossier.refresh_from_db()
    assert dossier.satisfaction == "satisfied"
    wrong = client.post("/tra-cuu/", {"code": dossier.code, "phone_tail": "0000"})
    assert "dossier" not in wrong.context and wrong.context["error"]


def test_the_lookup_slows_down_guessing(client, desk):
    cache.clear()
    dossier = receive(desk, desk.birth, at(2, 8))
    for tail in range(10):
        client.post("/tra-cuu/", {"code": dossier.code, "phone_tail": f"{tail:04d}"})
    response = client.post("/tra-cuu/", {"code": dossier.code, "phone_tail": "3456"})
    assert "dossier" not in response.context
    cache.clear()


def test_reports(client, desk, world):
    receive(desk, desk.birth, at(2, 8))
    response = assert_permission_matrix(
        client, "/desk/report/?start=2026-03-01&end=2026-03-31&by=field", allowed=desk.leader
    )
    assert response.context["report"].total.received == 1
    xlsx = client.get("/desk/report/?start=2026-03-01&end=2026-03-31&by=field&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    register = client.get("/desk/register.xlsx?start=2026-03-01&end=2026-03-31&by=field")
    assert register.status_code == 200
    bad = client.get("/desk/report/?start=2026-03-31&end=2026-03-01&by=field")
    assert bad.context["report"] is None and bad.context["form"].errors["end"]
    assert client.get("/desk/dashboard/").status_code == 200
    client.force_login(world.outsider)
    outsider = client.get("/desk/report/?start=2026-03-01&end=2026-03-31&by=field")
    assert outsider.context["report"].total.received == 0


def test_report_and_dashboard_budgets(client, desk, django_assert_max_num_queries):
    """Form 06 reads a fixed number of statements whatever the period: monthly figures for
    whole months, daily ones for the two cut months, open dossiers twice, labels."""
    receive(desk, desk.birth, at(2, 8))
    client.force_login(desk.leader)
    for period in ("start=2026-02-15&end=2026-04-14", "start=2026-03-01&end=2026-03-31"):
        with django_assert_max_num_queries(18):
            response = client.get(f"/desk/report/?{period}&by=field")
        assert response.context["report"].total.received == 1
    with django_assert_max_num_queries(11):
        assert client.get("/desk/dashboard/").status_code == 200


def test_every_slip_prints(client, desk):
    extended = receive(desk, desk.land, dt.datetime.now(tz=at(1, 0).tzinfo))
    calendar = working_calendar(agency_province_id(desk.agency))
    old_due = extended.due_at
    new_due = calendar.close_of(calendar.working_day_after(old_due.astimezone(VIETNAM).date(), 3))
    services.dossier_extend(
        dossier=extended, new_due_at=new_due, reason="Chờ xác minh", actor=desk.leader
    )
    stopped = receive(desk, desk.birth, at(2, 8))
    services.dossier_stop(dossier=stopped, reason="Giấy tờ giả", actor=desk.leader, at=at(2, 9))
    withdrawn = receive(desk, desk.birth, at(2, 10))
    services.dossier_withdraw(dossier=withdrawn, reason="Xin rút", actor=desk.officer, at=at(2, 11))
    client.force_login(desk.officer)
    for dossier, slip, text in (
        (extended, "apology", "Chờ xác minh"),
        (extended, "control", "Bước 1"),
        (stopped, "stop", "Giấy tờ giả"),
        (withdrawn, "withdrawal", "Xin rút"),
    ):
        response = client.get(f"/dossiers/{dossier.pk}/slip/{slip}/")
        assert response.status_code == 200 and text in response.content.decode(), slip
    assert client.get(f"/dossiers/{stopped.pk}/slip/apology/").status_code == 404
    assert client.get(f"/dossiers/{stopped.pk}/slip/nonsense/").status_code == 404
    # Form 04 prints its dates as dd/mm/yyyy HH:MM, never as ISO (it printed "2026-12-07").
    html = client.get(f"/dossiers/{extended.pk}/slip/apology/").content.decode()
    assert f"{old_due.astimezone(VIETNAM):%d/%m/%Y %H:%M}" in html
    assert f"{new_due:%d/%m/%Y %H:%M}" in html
    assert not re.search(r"\d{4}-\d{2}-\d{2}", html)


def test_slips_print_dates_day_first(client, desk):
    dossier = receive(desk, desk.land, at(2, 8))
    client.force_login(desk.officer)
    for slip in ("receipt", "control"):
        html = client.get(f"/dossiers/{dossier.pk}/slip/{slip}/").content.decode()
        assert "02/03/2026 08:00" in html and "16/03/2026 17:00" in html, slip
        assert "08:00 02/03/2026" not in html and not re.search(r"\d{4}-\d{2}-\d{2}", html)


def test_a_reprinted_paper_keeps_the_day_it_was_issued(client, desk):
    dossier = receive(desk, desk.land, at(2, 8))
    services.dossier_stop(dossier=dossier, reason="Giấy tờ giả", actor=desk.leader, at=at(4, 9))
    client.force_login(desk.officer)
    for slip, day in (("receipt", "02/03/2026"), ("stop", "04/03/2026")):
        place = client.get(f"/dossiers/{dossier.pk}/slip/{slip}/").content.decode()
        assert f", {day}</div>" in place, slip


def test_the_control_slip_fills_both_sides_and_ends_with_the_return(client, desk):
    dossier = receive(desk, desk.land, at(2, 8))
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.officer, to_user=desk.official, at=at(2, 9)
    )
    dossier = services.dossier_accept(dossier=dossier, actor=desk.official, at=at(2, 9, 15))
    dossier = services.dossier_hand_over(
        dossier=dossier, actor=desk.official, to_user=desk.leader, at=at(3, 9)
    )
    dossier = services.dossier_finish(
        dossier=dossier, result="approved", note="", actor=desk.leader, at=at(3, 10)
    )
    services.dossier_return(dossier=dossier, method="in_person", actor=desk.officer, at=at(3, 14))
    client.force_login(desk.officer)
    response = client.get(f"/dossiers/{dossier.pk}/slip/control/")
    rows = response.context["rows"]
    assert [row.order for row in rows] == [1, 2, 3, 4]
    assert [(row.received_by, row.received_at) for row in rows] == [
        (desk.official.full_name, at(2, 9, 15)),
        (desk.leader.full_name, at(3, 10)),  # took it when signing at the latest
        (desk.officer.full_name, at(3, 14)),  # the desk took the result when returning it
        ("Nguyễn Thị Hoa (người nộp hồ sơ)", at(3, 14)),  # the return to the citizen
    ]
    html = response.content.decode()
    assert html.count('data-testid="control-received">…') == 0


def test_without_a_return_step_the_return_is_the_slip_s_last_row(client, desk):
    dossier = receive(desk, desk.birth, at(2, 8))
    dossier = finish_through(desk, dossier, at(2, 10))
    services.dossier_return(dossier=dossier, method="postal", actor=desk.officer, at=at(2, 11))
    client.force_login(desk.officer)
    rows = client.get(f"/dossiers/{dossier.pk}/slip/control/").context["rows"]
    assert len(rows) == 3
    assert (rows[1].received_by, rows[2].given_by, rows[2].received_at) == (
        desk.officer.full_name,
        desk.officer.full_name,
        at(2, 11),
    )


def test_finish_is_offered_only_where_the_process_allows_it(client, desk):
    dossier = receive(desk, desk.land, dt.datetime.now(tz=VIETNAM))
    services.dossier_hand_over(dossier=dossier, actor=desk.officer, to_user=desk.official)
    url = f"/dossiers/{dossier.pk}/"

    def offered(user):
        client.force_login(user)
        response = client.get(url)
        return {name for name, _form in response.context["actions"]}, response

    names, response = offered(desk.official)
    assert {"accept", "hand_over"} <= names and "finish" not in names
    assert 'data-testid="finish-hint"' in response.content.decode()
    # Posted all the same, finishing is refused with the steps missing and changes nothing.
    response = client.post(url + "act/finish/", {"finish-result": "approved"}, follow=True)
    assert "3. Bước 3" in " ".join(str(m) for m in response.context["messages"])
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and dossier.current_step == 2
    client.post(url + "act/accept/")
    assert dossier.steps.get(order=2).accepted_by == desk.official
    client.post(url + "act/hand_over/", {"hand_over-to_user": desk.leader.pk})
    names, _response = offered(desk.official)
    assert not names & {"finish", "hand_over", "accept"}  # step 3 is signed by a leader
    names, _response = offered(desk.leader)
    assert {"finish", "accept"} <= names and "hand_over" not in names
    client.post(url + "act/finish/", {"finish-result": "approved"})
    dossier.refresh_from_db()
    assert dossier.status == Status.FINISHED
    names, _response = offered(desk.officer)
    assert names == {"accept", "return"}


@pytest.mark.parametrize("day", ["9999-12-31", "2031-01-01"])
def test_the_screen_refuses_an_extension_past_its_limit(client, desk, day):
    dossier = receive(desk, desk.land, dt.datetime.now(tz=VIETNAM))
    client.force_login(desk.leader)
    response = client.post(
        f"/dossiers/{dossier.pk}/act/extend/",
        {"extend-new_due_date": day, "extend-reason": "Chờ xác minh"},
        follow=True,
    )
    assert response.status_code == 200
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "muộn nhất là" in messages
    dossier.refresh_from_db()
    assert dossier.due_at == dossier.first_due_at
    assert not dossier.events.filter(kind="extended").exists()
