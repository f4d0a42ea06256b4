"""The improvement cycle in a browser, in Vietnamese (ISO 9001:2015, 9.2 and 10.2; QĐ
19/2014/QĐ-TTg Art. 4.4b): an internal audit finds a minor nonconformity, the report opens
the corrective-action request, the department plans, the leader approves, the owner acts;
the first verification finds the actions ineffective and reopens the request, the second
round is verified effective and closes it; the request's DOCX reads back both rounds."""

import importlib
import io

from django.apps import apps
from django.utils import timezone

import docx
import pytest

from chuan.improvement.models import ChecklistLine, Nonconformity
from chuan.improvement.services import audits as audit_services
from chuan.improvement.tests.test_audits_services import Office
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _national_template() -> None:
    """The clause-based checklist the migration loads (a transactional test's flush may
    have removed it)."""
    migration = importlib.import_module("chuan.improvement.migrations.0005_audits")
    migration.load_template(apps, None)


def _as(page, live_server, user, url):
    page.context.clear_cookies()
    login(page, live_server, user)
    page.goto(url)


def _state(page, test_id="nc-state"):
    return page.get_by_test_id(test_id).first.inner_text().strip()


def _click(page, locator):
    with page.expect_navigation():
        locator.click()


def _plan(page, *, correction, whys, root_cause, action, owner):
    _click(page, page.get_by_test_id("step-plan"))
    form = page.get_by_test_id("plan-form")
    form.locator("[name=correction]").fill(correction)
    for number, why in enumerate(whys, start=1):
        form.locator(f"[name=why_{number}]").fill(why)
    form.locator("[name=root_cause]").fill(root_cause)
    form.locator("[name=action_1]").fill(action)
    form.locator("[name=owner_1]").select_option(str(owner.pk))
    form.locator("[name=days_1]").fill("5")
    _click(page, form.locator("button[type=submit]"))


def _approve_today(page):
    form = page.get_by_test_id("step-approve")
    form.locator("[name=check_on]").fill(timezone.localdate().strftime("%d/%m/%Y"))
    _click(page, form.locator("button[type=submit]"))


def _complete(page, result):
    row = page.get_by_test_id("action-row").filter(has=page.get_by_test_id("complete-form"))
    row.locator("summary").click()
    form = row.get_by_test_id("complete-form")
    form.locator("[name=result]").fill(result)
    _click(page, form.locator("button[type=submit]"))


def _verify(page, *, effective, note):
    form = page.get_by_test_id("step-verify")
    form.locator(f"[name=effective][value='{1 if effective else 0}']").check()
    form.locator("[name=note]").fill(note)
    _click(page, form.locator("button[type=submit]"))


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts)


def test_audit_finding_to_reopened_then_closed_request(page, phone_page, live_server, world):
    _national_template()
    office = Office(world)
    programme = office.programme(year=timezone.localdate().year)
    audit_services.programme_approve(programme=programme, actor=office.leader)
    # An (of the office) audits the justice department on clause 8.5; the lead has no
    # department, so neither audits their own work.
    audit = office.audit(
        programme, auditors=[office.an], departments=[office.justice], clauses=["8.5"]
    )
    audit_url = f"{live_server.url}{audit.get_absolute_url()}"

    # The ISO secretary prepares the checklist and opens the audit.
    _as(page, live_server, office.secretary, audit_url)
    assert _state(page, "audit-state") == "Đã lập kế hoạch"
    _click(page, page.get_by_test_id("prepare-checklist"))
    _click(page, page.get_by_test_id("action-start"))
    assert _state(page, "audit-state") == "Đang đánh giá"

    # A minor nonconformity with its evidence on the first line of the checklist.
    line = page.get_by_test_id("checklist-line").first
    _click(page, line.get_by_test_id("record-line"))
    form = page.get_by_test_id("line-form")
    form.locator("[name=result]").select_option("minor_nc")
    form.locator("[name=evidence]").fill("Sổ theo dõi hồ sơ tháng 3 không ghi ngày trả kết quả")
    form.locator("[name=note]").fill("Hồ sơ trả kết quả không được ghi sổ theo dõi đầy đủ")
    _click(page, form.locator("button[type=submit]"))
    line = page.get_by_test_id("checklist-line").first
    assert "Sự không phù hợp nhỏ" in line.inner_text()
    assert "Sổ theo dõi hồ sơ tháng 3" in line.inner_text()

    # Issuing the report opens the nonconformity, linked on the line.
    report = page.get_by_test_id("report-form")
    report.locator("[name=summary]").fill("Đánh giá phòng Tư pháp theo điều khoản 8.5")
    report.locator("[name=conclusion]").fill("HTQLCL phù hợp, cần khắc phục 01 điểm nhỏ")
    _click(page, page.get_by_test_id("action-issue_report"))
    assert _state(page, "audit-state") == "Đã ban hành báo cáo"
    nc = Nonconformity.objects.get()
    assert ChecklistLine.objects.get(nonconformity=nc).audit == audit
    line = page.get_by_test_id("checklist-line").first
    assert nc.code in line.inner_text()
    shoot(page, "improvement-audit-reported")

    # The request: described, then confirmed for the department.
    _click(page, line.get_by_role("link", name=nc.code))
    nc_url = page.url
    assert nc.code in page.get_by_test_id("nc-title").inner_text()
    assert _state(page) == "Đã mô tả"
    assert "Sổ theo dõi hồ sơ tháng 3" in page.get_by_test_id("part-1").inner_text()
    _click(page, page.get_by_test_id("step-confirm"))
    assert _state(page) == "Đơn vị đã xác nhận"

    # Round one: plan, approval, the owner's action, verified ineffective.
    _plan(
        page,
        correction="Bổ sung ngày trả kết quả vào sổ theo dõi tháng 3",
        whys=["Cán bộ quên ghi sổ", "Không có bước kiểm tra sổ cuối ngày"],
        root_cause="Quy trình không có bước kiểm tra sổ theo dõi cuối ngày",
        action="Nhắc cán bộ ghi sổ đầy đủ",
        owner=office.binh,
    )
    assert _state(page) == "Đã đề xuất hành động"
    assert page.get_by_test_id("step-approve").count() == 0  # the secretary does not approve
    _as(page, live_server, office.leader, nc_url)
    _approve_today(page)
    assert _state(page) == "Đã duyệt hành động"
    _as(page, live_server, office.binh, nc_url)
    assert page.get_by_test_id("step-verify").count() == 0
    _complete(page, "Đã nhắc nhở tại cuộc họp giao ban")
    assert _state(page) == "Chờ kiểm tra hiệu lực"
    _as(page, live_server, office.secretary, nc_url)
    _verify(page, effective=False, note="Sổ tháng 4 vẫn thiếu ngày trả kết quả")
    assert _state(page) == "Mở lại"
    assert "Không có hiệu lực: đã mở lại" in page.get_by_test_id("part-4").inner_text()
    shoot(page, "improvement-nc-reopened")

    # Round two: a new plan, approved, done by another official, verified effective.
    _plan(
        page,
        correction="Rà soát, bổ sung sổ theo dõi tháng 4",
        whys=["Nhắc nhở không thay đổi cách làm", "Quy trình không có bước kiểm tra sổ"],
        root_cause="Quy trình thiếu bước đối chiếu sổ theo dõi với phần mềm cuối ngày",
        action="Bổ sung bước đối chiếu sổ cuối ngày vào quy trình",
        owner=office.chi,
    )
    assert _state(page) == "Đã đề xuất hành động"
    _as(page, live_server, office.leader, nc_url)
    _approve_today(page)
    assert _state(page) == "Đã duyệt hành động"
    _as(page, live_server, office.chi, nc_url)
    _complete(page, "Đã ban hành quy trình sửa đổi, lần 2")
    assert _state(page) == "Chờ kiểm tra hiệu lực"
    _as(page, live_server, office.secretary, nc_url)
    _verify(page, effective=True, note="Sổ tháng 5 ghi đầy đủ, đối chiếu khớp")
    assert _state(page) == "Đã đóng"
    assert "Có hiệu lực: đã đóng" in page.get_by_test_id("part-4").inner_text()
    actions = page.get_by_test_id("action-row")
    assert actions.count() == 2
    shoot(page, "improvement-nc-closed")

    # The request's DOCX: its code, both rounds of actions and the closing verification.
    with page.expect_download() as download_info:
        page.get_by_test_id("nc-docx").click()
    download = download_info.value
    assert download.suggested_filename == f"{nc.code}.docx"
    with open(download.path(), "rb") as handle:
        text = _docx_text(handle.read())
    assert nc.code in text
    assert "Nhắc cán bộ ghi sổ đầy đủ" in text
    assert "Bổ sung bước đối chiếu sổ cuối ngày vào quy trình" in text
    assert "Có hiệu lực: đã đóng" in text
    assert "Sổ tháng 5 ghi đầy đủ, đối chiếu khớp" in text
    nc.refresh_from_db()
    assert nc.reopened_count == 1 and nc.closed_at is not None

    # The closed request on a phone.
    login(phone_page, live_server, office.secretary)
    phone_page.goto(nc_url)
    assert _state(phone_page) == "Đã đóng"
    shoot(phone_page, "improvement-nc-closed-phone")
