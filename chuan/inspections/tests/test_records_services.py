"""Records-based inspections' services: request, answer, assess, conclude (TT 26/2014
Arts. 35–37); refusals change nothing; activity entries name the actor."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.improvement.models import Nonconformity
from chuan.inspections import article36
from chuan.inspections.choices import (
    Conclusion,
    InspectionForm,
    InspectionState,
    ItemResult,
    RequestState,
)
from chuan.inspections.models import CorrectionRequest, Inspection, ItemAnswer
from chuan.inspections.services import records as services
from chuan.inspections.services import records_answers as answers
from chuan.inspections.services import records_assess as assess
from chuan.inspections.tests.records_support import DUE, LETTER, make_inspection, other_dost

pytestmark = pytest.mark.django_db


def _request(world: Any, inspection: Inspection, **overrides: Any) -> Inspection:
    values = {"number": "123/SKHCN-TĐC", "letter_date": LETTER, "reply_due": DUE}
    return services.inspection_request_report(
        inspection=inspection, **{**values, **overrides}, actor=world.coordinator
    )


def _answer_all(world: Any, inspection: Inspection) -> None:
    answers.inspection_answer_save(
        inspection=inspection,
        items={
            code: answers.ItemData(answer=f"Đã thực hiện {code}", confirmed=True)
            for code in article36.CODES
        },
        actor=world.secretary,
    )


def _snapshot(inspection: Inspection) -> tuple[Any, ...]:
    inspection.refresh_from_db()
    return (
        inspection.state,
        inspection.request_number,
        inspection.reply_due,
        ItemAnswer.objects.filter(inspection=inspection).count(),
        ActivityEntry.objects.count(),
    )


def test_request_opens_the_thirteen_items_and_records_activity(world: Any) -> None:
    inspection = _request(world, make_inspection(world.chu_se_pc))
    assert inspection.state == InspectionState.REQUESTED
    assert inspection.request_number == "123/SKHCN-TĐC"
    assert ItemAnswer.objects.filter(inspection=inspection).count() == 13
    entry = ActivityEntry.objects.filter(verb="inspection.report_requested").get()
    assert entry.actor == world.coordinator
    assert entry.changes["reply_due"] == "2026-03-31"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"number": "  "}, "number"),
        ({"reply_due": LETTER}, "reply_due"),
        ({"reply_due": LETTER - datetime.timedelta(days=1)}, "reply_due"),
        ({"reply_due": LETTER + datetime.timedelta(days=91)}, "reply_due"),
        ({"letter_date": timezone.localdate() + datetime.timedelta(days=2)}, "letter_date"),
    ],
)
def test_request_refusals_change_nothing(world: Any, overrides: Any, field: str) -> None:
    inspection = make_inspection(world.chu_se_pc)
    before = _snapshot(inspection)
    with pytest.raises(ValidationError) as caught:
        _request(world, inspection, **overrides)
    assert field in caught.value.message_dict
    assert _snapshot(inspection) == before


def test_request_is_refused_to_others_and_twice(world: Any) -> None:
    inspection = make_inspection(world.chu_se_pc)
    before = _snapshot(inspection)
    for actor in (world.secretary, world.leader, other_dost(world), world.outsider):
        with pytest.raises(PermissionDenied):
            services.inspection_request_report(
                inspection=inspection, number="1", letter_date=LETTER, reply_due=DUE, actor=actor
            )
    assert _snapshot(inspection) == before
    _request(world, inspection)
    after = _snapshot(inspection)
    with pytest.raises(ConflictError):
        _request(world, inspection)
    assert _snapshot(inspection) == after


def test_bulk_request_goes_in_batches(world: Any) -> None:
    planned = [make_inspection(world.chu_se_pc, year=2026)]
    planned.append(make_inspection(world.ward_pc, year=2026))
    planned.append(make_inspection(world.binh_dinh_dept, year=2026))
    other_year = make_inspection(world.chu_se_pc, year=2025)
    province = world.gia_lai_legacy
    done = services.inspections_request_reports(
        province=province,
        year=2026,
        number="9/SKHCN",
        letter_date=LETTER,
        reply_due=DUE,
        actor=world.coordinator,
        limit=1,
    )
    assert done["requested"] == 1
    total = done["requested"]
    while done["remaining"]:
        done = services.inspections_request_reports(
            province=province,
            year=2026,
            number="9/SKHCN",
            letter_date=LETTER,
            reply_due=DUE,
            actor=world.coordinator,
            limit=1,
        )
        total += done["requested"]
    same_province = [i for i in planned if i.province_id == province.pk]
    assert total == len(same_province)
    other_year.refresh_from_db()
    assert other_year.state == InspectionState.PLANNED


def test_answer_draft_then_submit_names_missing_items(world: Any) -> None:
    inspection = _request(world, make_inspection(world.chu_se_pc))
    answers.inspection_answer_save(
        inspection=inspection,
        items={"1a": answers.ItemData(answer="Phạm vi đủ", confirmed=True)},
        actor=world.secretary,
    )
    before = _snapshot(inspection)
    with pytest.raises(ValidationError) as caught:
        answers.inspection_answer_submit(inspection=inspection, actor=world.leader)
    message = caught.value.message_dict["items"][0]
    assert "1.b" in message and "2.đ" in message and "1.a," not in message
    assert _snapshot(inspection) == before
    _answer_all(world, inspection)
    answers.inspection_answer_submit(inspection=inspection, actor=world.leader)
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.ANSWERED
    assert inspection.answered_by == world.leader
    entry = ActivityEntry.objects.filter(verb="inspection.answered").get()
    assert entry.actor == world.leader and entry.changes["late"] is True  # DUE is past


def test_answer_refused_to_others_and_after_sending(world: Any) -> None:
    inspection = _request(world, make_inspection(world.chu_se_pc))
    item = {"1a": answers.ItemData(answer="x", confirmed=True)}
    for actor in (world.outsider, world.viewer, world.coordinator):
        with pytest.raises(PermissionDenied):
            answers.inspection_answer_save(inspection=inspection, items=item, actor=actor)
    _answer_all(world, inspection)
    answers.inspection_answer_submit(inspection=inspection, actor=world.secretary)
    with pytest.raises(ConflictError):
        answers.inspection_answer_save(inspection=inspection, items=item, actor=world.secretary)


def test_evidence_file_is_checked_by_content(world: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    inspection = _request(world, make_inspection(world.chu_se_pc))
    before = _snapshot(inspection)
    fake = SimpleUploadedFile("bang-chung.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError) as caught:
        answers.inspection_answer_save(
            inspection=inspection,
            items={"2c": answers.ItemData(answer="x", evidence_file=fake)},
            actor=world.secretary,
        )
    assert "2c-evidence_file" in caught.value.message_dict
    assert _snapshot(inspection) == before
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    answers.inspection_answer_save(
        inspection=inspection,
        items={"2c": answers.ItemData(answer="x", evidence_file=png)},
        actor=world.secretary,
    )
    assert ItemAnswer.objects.get(inspection=inspection, code="2c").evidence_file.name.endswith(
        ".png"
    )


def _answered(world: Any) -> Inspection:
    inspection = _request(world, make_inspection(world.chu_se_pc))
    _answer_all(world, inspection)
    return answers.inspection_answer_submit(inspection=inspection, actor=world.secretary)


def test_assess_draft_and_conclude_issue_nonconformities(world: Any) -> None:
    inspection = _answered(world)
    results = {code: assess.ItemResultData(result=ItemResult.MET) for code in article36.CODES}
    results["2d"] = assess.ItemResultData(result=ItemResult.NOT_MET, finding="Chưa cập nhật")
    assess.inspection_assess(inspection=inspection, results=results, actor=world.coordinator)
    before = _snapshot(inspection)
    with pytest.raises(ValidationError):
        assess.inspection_conclude(
            inspection=inspection,
            conclusion=Conclusion.CONFORMS,
            text="",
            concluded_on=timezone.localdate(),
            actor=world.coordinator,
        )
    with pytest.raises(ValidationError):  # corrections need a drafted request
        assess.inspection_conclude(
            inspection=inspection,
            conclusion=Conclusion.CORRECTIONS_NEEDED,
            text="",
            concluded_on=timezone.localdate(),
            actor=world.coordinator,
        )
    assert _snapshot(inspection) == before
    assess.correction_request_draft(
        inspection=inspection, code="2d", text="Cập nhật Luật mới", actor=world.coordinator
    )
    assess.inspection_conclude(
        inspection=inspection,
        conclusion=Conclusion.CORRECTIONS_NEEDED,
        text="Có áp dụng",
        concluded_on=timezone.localdate(),
        actor=world.coordinator,
    )
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED
    request = CorrectionRequest.objects.get(inspection=inspection)
    assert request.state == RequestState.OPEN
    nc = Nonconformity.objects.get(pk=request.nonconformity_id)
    assert nc.agency_id == world.chu_se_pc.pk and nc.found_by == world.coordinator
    verbs = set(ActivityEntry.objects.values_list("verb", flat=True))
    assert {"inspection.assessed", "inspection.request_drafted"} <= verbs
    assert {"inspection.records_concluded", "inspection.concluded"} <= verbs


def test_conclude_needs_every_result_and_the_manager(world: Any) -> None:
    inspection = _answered(world)
    before = _snapshot(inspection)
    with pytest.raises(ValidationError) as caught:
        assess.inspection_conclude(
            inspection=inspection,
            conclusion=Conclusion.CONFORMS,
            text="",
            concluded_on=timezone.localdate(),
            actor=world.coordinator,
        )
    assert "1.a" in caught.value.message_dict["conclusion"][0]
    for actor in (world.leader, other_dost(world)):
        with pytest.raises(PermissionDenied):
            assess.inspection_assess(
                inspection=inspection,
                results={"1a": assess.ItemResultData(result=ItemResult.MET)},
                actor=actor,
            )
    with pytest.raises(ValidationError):
        assess.inspection_assess(
            inspection=inspection,
            results={"1a": assess.ItemResultData(result=ItemResult.NOT_MET)},
            actor=world.coordinator,
        )
    assert _snapshot(inspection) == before


def test_on_site_inspection_is_not_assessed_here(world: Any) -> None:
    inspection = make_inspection(world.chu_se_pc, form=InspectionForm.ON_SITE)
    _request(world, inspection)
    with pytest.raises(ConflictError):
        assess.correction_request_draft(
            inspection=inspection, code="1a", text="x", actor=world.coordinator
        )


def test_demo_round_requests_all_and_answers_the_first(world: Any) -> None:
    from chuan.demo.dost_records import load_records_round

    inspections = [make_inspection(world.chu_se_pc), make_inspection(world.chu_se_pc, year=2025)]
    done = load_records_round(
        inspections=inspections,
        number="3/SKHCN",
        letter_date=LETTER,
        reply_due=DUE,
        answered=1,
        actor=world.coordinator,
        answerer=world.secretary,
    )
    assert [i.state for i in done] == [InspectionState.ANSWERED, InspectionState.REQUESTED]
