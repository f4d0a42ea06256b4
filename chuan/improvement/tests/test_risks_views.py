"""The register's screens: the permission matrix of each, query budgets, filters and the
heat map's links, the XLSX with every column, the card, and bad input that never 500s."""

import datetime
import io
import re

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.improvement.choices import RiskState
from chuan.improvement.models import Risk, RiskAssessment
from chuan.improvement.services.risks import risk_action_add
from chuan.improvement.tests.test_risks_services import DAY, make_risk
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_rights(world):
    """An official of the agency whose account has no role at all."""
    return member(UserFactory(), world.chu_se_pc)


def _register(world):
    desk = Department.objects.create(agency=world.chu_se_pc, name="Bộ phận một cửa")
    high = make_risk(world, department=desk)
    low = make_risk(world, likelihood=1, impact=2, description="Mất điện ngắn")
    chance = make_risk(
        world,
        kind="opportunity",
        treatment="exploit",
        likelihood=3,
        impact=3,
        description="Thanh toán trực tuyến",
        on=timezone.localdate(),
    )
    return desk, high, low, chance


def test_the_register_and_its_filters(client, world, no_rights, django_assert_max_num_queries):
    desk, high, _low, chance = _register(world)
    for text in ("Một", "Hai"):  # two actions must not count the item twice on the map
        risk_action_add(risk=high, description=text, due_on=DAY, actor=world.secretary)
    for n in range(20):
        make_risk(world, likelihood=2, impact=2, description=f"Rủi ro {n}")
    assert_permission_matrix(
        client, "/qms/risks/", allowed=world.viewer, member_without_right=no_rights
    )
    with django_assert_max_num_queries(14):
        response = client.get("/qms/risks/")
    page = response.content.decode()
    assert response.context["page"].paginator.count == 23
    assert 'style="' not in page and "<script>" not in page
    assert "Rất cao &gt; 16" in page and "Trung bình 5–9" in page  # the thresholds' legend
    codes = [r.code for r in response.context["page"].object_list]
    assert codes[0] == high.code  # most serious first
    old = make_risk(world, on=timezone.localdate() - datetime.timedelta(days=400))
    due = client.get("/qms/risks/?due=1")
    assert [r.pk for r in due.context["page"].object_list] == [old.pk]
    assert 'data-testid="risk-due"' in due.content.decode()
    old.delete()
    filtered = client.get(f"/qms/risks/?kind=opportunity&department={desk.pk}")
    assert list(filtered.context["page"].object_list) == []
    assert [r.pk for r in client.get("/qms/risks/?kind=opportunity").context["page"]] == [chance.pk]
    assert [r.pk for r in client.get(f"/qms/risks/?department={desk.pk}").context["page"]] == [
        high.pk
    ]
    both = client.get("/qms/risks/?level=high&treatment=reduce")
    assert [r.pk for r in both.context["page"]] == [high.pk]
    # A heat-map cell links to the list filtered to it, keeping the other filters.
    cell = client.get("/qms/risks/?kind=risk")
    html = cell.content.decode()
    assert re.search(r'href="\?kind=risk&amp;likelihood=4&amp;impact=4"', html)
    rows = cell.context["heat"].rows
    assert rows[0][0].likelihood == 5 and rows[4][0].likelihood == 1
    assert rows[1][3].count == 1 and rows[1][3].level == "high"  # likelihood 4, impact 4
    assert cell.context["heat"].total == 22
    picked = client.get("/qms/risks/?likelihood=4&impact=4")
    assert [r.pk for r in picked.context["page"].object_list] == [high.pk]
    assert picked.context["heat"].total == 23  # the map keeps every cell
    # Nonsense in the query string is ignored, never a 500.
    for query in [
        "likelihood=0",
        "likelihood=6&impact=99999999999999999999999",
        "kind=<b>&level=x&treatment=1&state=zzz",
        "process=-1&department=٣",
        "page=999999999999999999999",
        "agency=abc",
    ]:
        assert client.get(f"/qms/risks/?{query}").status_code == 200, query


def test_outsiders_see_their_own_register_only(client, world):
    _desk, high, _low, _chance = _register(world)
    client.force_login(world.outsider)
    assert client.get("/qms/risks/").context["page"].paginator.count == 0
    asked = client.get(f"/qms/risks/?agency={world.chu_se_pc.pk}")
    assert asked.context["page"].paginator.count == 0
    # DOST reads the province's agencies when it names one.
    client.force_login(world.coordinator)
    response = client.get(f"/qms/risks/?agency={world.chu_se_pc.pk}")
    assert response.context["page"].paginator.count == 3
    assert not response.context["may_manage"]
    assert client.get(f"/qms/risks/{high.pk}/").status_code == 200


def test_xlsx_holds_every_column(client, world):
    _desk, high, _low, _chance = _register(world)
    risk_action_add(
        risk=high,
        description="=HYPERLINK(1)",
        due_on=datetime.date(2026, 4, 30),
        owner=world.secretary,
        actor=world.secretary,
    )
    client.force_login(world.viewer)
    response = client.get("/qms/risks/?format=xlsx&kind=risk")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value == "Sổ theo dõi rủi ro và cơ hội"
    assert sheet["A2"].value == world.chu_se_pc.name
    header = [c.value for c in sheet[4]]
    assert len(header) == 21 and all(header) and header[:3] == ["Mã", "Loại", "Quy trình nội bộ"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert len(rows) == 2
    first = rows[0]
    assert first[0] == high.code and first[8:11] == [4, 4, 16]
    assert "HYPERLINK" in first[13] and first[13].startswith("=HYPERLINK") is True
    assert first[17] == datetime.datetime(2026, 3, 2)


def test_detail_create_edit_reassess_and_close_by_clicks(
    client, world, no_rights, django_assert_max_num_queries
):
    desk = Department.objects.create(agency=world.chu_se_pc, name="Bộ phận một cửa")
    assert_permission_matrix(
        client, "/qms/risks/new/", allowed=world.secretary, member_without_right=world.viewer
    )
    response = client.post(
        "/qms/risks/new/",
        {
            "kind": "risk",
            "department": desk.pk,
            "context": "Người dân nộp hồ sơ đất đai",
            "description": "Hồ sơ đất đai dồn vào cuối năm, trễ hạn",
            "cause": "Thiếu công chức địa chính",
            "consequence": "Hồ sơ trễ hạn, phải xin lỗi",
            "likelihood": "4",
            "impact": "4",
            "assessed_on": "02/03/2026",
            "treatment": "reduce",
            "owner": world.secretary.pk,
            "due_on": "30/06/2026",
            "next_review_on": "",
            "note": "",
        },
    )
    risk = Risk.objects.get()
    assert response["Location"] == f"/qms/risks/{risk.pk}/"
    assert (risk.score, risk.level, risk.department) == (16, "high", desk)
    url = f"/qms/risks/{risk.pk}/"
    assert_permission_matrix(
        client, url, allowed=world.viewer, member_without_right=no_rights, outsider=world.outsider
    )
    page = client.get(url).content.decode()
    assert "risk-reassess-form" not in page  # a viewer reads, does not write
    client.force_login(world.secretary)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert "risk-reassess-form" in page and "02/03/2026" in page
    assert_permission_matrix(
        client,
        f"{url}edit/",
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    client.post(
        f"{url}actions/",
        {"description": "Tăng cường 1 công chức vào cuối năm", "due_on": "31/10/2026"},
    )
    action = risk.actions.get()
    client.post(f"{url}actions/{action.pk}/done/", {"done_on": "15/10/2026"})
    action.refresh_from_db()
    assert action.done_on == datetime.date(2026, 10, 15)
    refused = client.post(
        f"{url}reassess/",
        {"likelihood": "9", "impact": "0", "assessed_on": "31/02/2026", "note": ""},
    )
    assert refused.status_code == 400
    assert set(refused.context["reassess_form"].errors) == {
        "likelihood",
        "impact",
        "assessed_on",
        "note",
    }
    client.post(
        f"{url}reassess/",
        {
            "likelihood": "2",
            "impact": "4",
            "assessed_on": "20/11/2026",
            "note": "Hồ sơ cuối năm đúng hạn",
        },
    )
    risk.refresh_from_db()
    assert (risk.score, risk.level) == (8, "medium")
    assert RiskAssessment.objects.filter(risk=risk).count() == 2
    client.post(f"{url}treat/")
    client.post(f"{url}close/", {"note": ""})  # refused: no reason
    risk.refresh_from_db()
    assert risk.state == RiskState.TREATED
    client.post(f"{url}close/", {"note": "Đã khắc phục"})
    risk.refresh_from_db()
    assert risk.state == RiskState.CLOSED
    assert client.post(f"{url}close/", {"note": "x"}).status_code == 302  # 409 as a message
    assert client.post(f"{url}explode/").status_code == 404
    client.force_login(world.viewer)
    assert client.post(f"{url}reopen/").status_code == 403
    assert client.post(f"{url}reassess/", {}).status_code == 403


def test_bad_form_input_never_500s(client, world):
    client.force_login(world.secretary)
    for likelihood, impact in [("0", "6"), ("99999999999999999999999", "3"), ("٣", "3")]:
        response = client.post(
            "/qms/risks/new/",
            {
                "kind": "risk",
                "description": "x",
                "treatment": "reduce",
                "likelihood": likelihood,
                "impact": impact,
                "assessed_on": "02/03/2026",
                "owner": "99999999999999999999999",
                "department": "-5",
            },
        )
        assert response.status_code == 400
        assert {"likelihood", "owner", "department"} <= set(response.context["form"].errors)
    response = client.post(
        "/qms/risks/new/",
        {
            "kind": "opportunity",
            "description": "x",
            "treatment": "avoid",
            "likelihood": "2",
            "impact": "2",
            "assessed_on": "02/03/2026",
        },
    )
    assert response.status_code == 400 and "treatment" in response.context["form"].errors
    assert not Risk.objects.exists()
    risk = make_risk(world)
    action = risk_action_add(risk=risk, description="A", due_on=DAY, actor=world.secretary)
    for path, data in [
        (f"/qms/risks/{risk.pk}/actions/", {"description": "", "due_on": "x", "owner": "٣"}),
        (f"/qms/risks/{risk.pk}/actions/{action.pk}/done/", {"done_on": "99/99/9999"}),
        (f"/qms/risks/{risk.pk}/close/", {"note": "x" * 5000}),
    ]:
        assert client.post(path, data).status_code in (302, 400)
    assert client.post(f"/qms/risks/{risk.pk}/actions/99999/done/").status_code == 404


def test_the_card_on_the_cycle_page(client, world, django_assert_max_num_queries):
    _register(world)
    client.force_login(world.viewer)
    with django_assert_max_num_queries(20):
        page = client.get("/qms/").content.decode()
    assert 'data-testid="risks-card"' in page
    assert re.search(r'data-testid="risks-level-high">1<', page)
    assert re.search(r'data-testid="risks-level-low">1<', page)
    assert 'data-testid="risks-due"' not in page
    make_risk(world, on=timezone.localdate() - datetime.timedelta(days=366))
    page = client.get("/qms/").content.decode()
    assert 'data-testid="risks-due"' in page
    assert "state=live&amp;likelihood=4&amp;impact=4" in page


def test_an_empty_register_says_so(client, world):
    client.force_login(world.viewer)
    page = client.get("/qms/").content.decode()
    assert 'data-testid="risks-card"' in page and 'data-testid="risk-heatmap"' not in page
    listing = client.get("/qms/risks/")
    assert listing.context["heat"].total == 0
    assert 'data-testid="new-risk"' not in listing.content.decode()  # a viewer adds nothing
