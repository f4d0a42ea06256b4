"""The plan's services: proposal, edits, the one-third rule, approval, amendments, who
inspects. Every refusal changes nothing."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.inspections.choices import Conclusion, InspectionState, PlanState, RequestState
from chuan.inspections.models import (
    CorrectionRequest,
    InspectingArrangement,
    Inspection,
    InspectionPlan,
    PlanAmendment,
    PlanLine,
)
from chuan.inspections.plan_rules import Reason
from chuan.inspections.selectors.plans import inspecting_unit_on, plan_counts
from chuan.inspections.services import plans as services
from chuan.inspections.services import plans_amend as amend
from chuan.inspections.services import plans_units as units
from chuan.inspections.services.plans import LineData
from chuan.inspections.tests import plans_support as support
from chuan.inspections.tests.plans_support import ON_SITE, RECORDS, YEAR

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _propose(world: Any, **kwargs: Any) -> InspectionPlan:
    return services.plan_propose(
        province=world.gia_lai_2025, year=YEAR, actor=world.coordinator, **kwargs
    )


def _snapshot(plan: InspectionPlan) -> list[tuple[Any, ...]]:
    return sorted(
        PlanLine.objects.filter(plan=plan).values_list(
            "agency_id", "form", "planned_quarter", "budget", "removed_on"
        )
    )


def test_proposal_puts_exactly_one_third_on_site(world: Any) -> None:
    support.arrangement(world)
    support.agencies(world, 10)  # + DOST and the Pleiku ward: 12 agencies
    plan = _propose(world)
    counts = plan_counts(plan)
    assert (counts.total, counts.on_site) == (12, 4)
    lines = list(plan.lines.all())
    assert {line.inspecting_unit for line in lines} == {"Phòng Tiêu chuẩn Đo lường Chất lượng"}
    assert {line.planned_quarter for line in lines} == {1, 2, 3, 4}
    assert all(Reason.NEVER_ON_SITE in line.reasons for line in lines)
    assert plan.drafted_by_unit == "Phòng Tiêu chuẩn Đo lường Chất lượng"
    assert ActivityEntry.objects.filter(verb="inspection_plan.proposed").count() == 1


def test_proposal_leaves_out_the_peoples_committee_and_other_provinces(world: Any) -> None:
    from chuan.organisations.tests.factories import AgencyFactory

    AgencyFactory(
        name="UBND tỉnh Gia Lai",
        unit=world.gia_lai_2025,
        kind="provincial_peoples_committee",
    )
    ended = AgencyFactory(name="Sở đã giải thể", unit=world.gia_lai_2025)
    ended.valid_to = datetime.date(2025, 6, 30)
    ended.save()
    plan = _propose(world)
    assert set(plan.lines.values_list("agency_id", flat=True)) == {
        world.dost_2025.pk,
        world.ward_pc.pk,
    }


def test_proposal_prefers_agencies_whose_last_inspection_found_problems(world: Any) -> None:
    agencies = support.agencies(world, 7)  # 9 agencies: 3 on site
    troubled = agencies[4]
    for agency in agencies:
        Inspection.objects.create(
            agency=agency,
            province=world.gia_lai_2025,
            year=2025,
            form=ON_SITE,
            state=InspectionState.CONCLUDED,
            conclusion=Conclusion.CONFORMS if agency != troubled else Conclusion.CORRECTIONS_NEEDED,
        )
    open_one = Inspection.objects.create(
        agency=agencies[6],
        province=world.gia_lai_2025,
        year=2024,
        form=InspectionForm_RECORDS(),
        state=InspectionState.CLOSED,
        conclusion=Conclusion.CONFORMS,
    )
    CorrectionRequest.objects.create(inspection=open_one, text="x", state=RequestState.NOT_ACCEPTED)
    plan = _propose(world)
    on_site = set(plan.lines.filter(form=ON_SITE).values_list("agency_id", flat=True))
    assert len(on_site) == 3
    assert troubled.pk in on_site
    line = plan.lines.get(agency=troubled)
    assert Reason.LAST_FOUND_PROBLEMS in line.reasons
    assert Reason.NEVER_ON_SITE not in line.reasons
    # The third goes to one never visited (DOST or the ward), ahead of the visited ones.
    assert len(on_site & {world.dost_2025.pk, world.ward_pc.pk}) == 1
    assert Reason.CORRECTIONS_OPEN in plan.lines.get(agency=agencies[6]).reasons


def InspectionForm_RECORDS() -> str:  # noqa: N802 - reads as the constant it returns
    return RECORDS


def test_refresh_keeps_what_dost_typed(world: Any) -> None:
    support.agencies(world, 4)
    plan = _propose(world)
    line = plan.lines.filter(form=RECORDS).first()
    assert line is not None
    services.line_update(
        line=line,
        data=LineData(form=RECORDS, budget=5_000_000, note="Ghi chú", coordinating_unit="VP"),
        actor=world.coordinator,
    )
    support.agencies(world, 1)
    _propose(world)
    line.refresh_from_db()
    assert (line.budget, line.note, line.coordinating_unit) == (5_000_000, "Ghi chú", "VP")
    assert plan_counts(plan).total == 7
    assert plan_counts(plan).on_site == 3


def test_only_the_provinces_dost_proposes(world: Any) -> None:
    for actor in (world.leader, support.other_dost(world), support.inspector(world)):
        with pytest.raises(PermissionDenied):
            services.plan_propose(province=world.gia_lai_2025, year=YEAR, actor=actor)
    assert not InspectionPlan.objects.exists()
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize("year", [2014, TODAY.year + 2])
def test_year_bounded(world: Any, year: int) -> None:
    with pytest.raises(ValidationError):
        services.plan_propose(province=world.gia_lai_2025, year=year, actor=world.coordinator)
    assert not InspectionPlan.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (LineData(form="both"), "form"),
        (LineData(form=RECORDS, planned_month=13), "planned_month"),
        (LineData(form=RECORDS, planned_quarter=5), "planned_quarter"),
        (LineData(form=RECORDS, planned_month=5, planned_quarter=1), "planned_month"),
        (LineData(form=RECORDS, budget=-1), "budget"),
        (LineData(form=RECORDS, budget=10**12 + 1), "budget"),
        (LineData(form=RECORDS, note="x" * 501), "note"),
    ],
)
def test_bad_line_refused_and_nothing_changes(world: Any, data: LineData, field: str) -> None:
    plan = _propose(world)
    before = _snapshot(plan)
    line = plan.lines.first()
    assert line is not None
    with pytest.raises(ValidationError) as refused:
        services.line_update(line=line, data=data, actor=world.coordinator)
    assert field in refused.value.message_dict
    assert _snapshot(plan) == before


def test_month_sets_its_quarter_and_budget_up_to_a_trillion(world: Any) -> None:
    plan = _propose(world)
    line = plan.lines.get(agency=world.ward_pc)
    services.line_update(
        line=line,
        data=LineData(form=ON_SITE, planned_month=8, budget=10**12),
        actor=world.coordinator,
    )
    line.refresh_from_db()
    assert (line.planned_quarter, line.planned_month, line.budget) == (3, 8, 10**12)


def test_submit_refused_below_one_third_with_the_count(world: Any) -> None:
    support.agencies(world, 10)
    plan = _propose(world)
    for line in plan.lines.filter(form=ON_SITE)[:2]:
        services.line_update(line=line, data=LineData(form=RECORDS), actor=world.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(plan=plan, actor=world.coordinator)
    assert services.shortfall_message(2) in refused.value.messages
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_submit_refused_without_lines(world: Any) -> None:
    plan = InspectionPlan.objects.create(province=world.gia_lai_2025, year=YEAR)
    with pytest.raises(ValidationError):
        services.plan_submit(plan=plan, actor=world.coordinator)


def test_dost_may_add_more_on_site(world: Any) -> None:
    support.agencies(world, 4)
    plan = _propose(world)
    for line in plan.lines.filter(form=RECORDS):
        services.line_update(line=line, data=LineData(form=ON_SITE), actor=world.coordinator)
    services.plan_submit(plan=plan, actor=world.coordinator)
    assert plan_counts(plan).on_site == 6


def test_add_and_remove_lines_while_draft(world: Any) -> None:
    plan = _propose(world)
    extra = support.agencies(world, 1)[0]
    line = services.line_add(
        plan=plan, agency=extra, data=LineData(form=RECORDS), actor=world.coordinator
    )
    with pytest.raises(ValidationError):
        services.line_add(
            plan=plan, agency=extra, data=LineData(form=RECORDS), actor=world.coordinator
        )
    with pytest.raises(ValidationError):
        services.line_add(
            plan=plan,
            agency=world.kon_tum_dept,
            data=LineData(form=RECORDS),
            actor=world.coordinator,
        )
    services.line_delete(line=line, actor=world.coordinator)
    assert not plan.lines.filter(agency=extra).exists()


def test_return_then_edit_then_approve(world: Any) -> None:
    support.agencies(world, 4)
    plan = _propose(world)
    services.plan_submit(plan=plan, actor=world.coordinator)
    line = plan.lines.first()
    assert line is not None
    with pytest.raises(ConflictError):
        services.line_update(line=line, data=LineData(form=RECORDS), actor=world.coordinator)
    services.plan_return(plan=plan, actor=world.coordinator, note="Bổ sung kinh phí")
    services.line_update(
        line=line, data=LineData(form=line.form, budget=1), actor=world.coordinator
    )
    services.plan_submit(plan=plan, actor=world.coordinator)
    plan = services.plan_approve(plan=plan, data=support.decision(), actor=world.coordinator)
    assert plan.state == PlanState.APPROVED
    assert plan.decision_file.name.endswith(".pdf")
    inspections = Inspection.objects.filter(line__plan=plan)
    assert inspections.count() == 6
    assert set(inspections.values_list("state", "year", "province_id")) == {
        (InspectionState.PLANNED, YEAR, world.gia_lai_2025.pk)
    }
    assert inspections.filter(form=ON_SITE).count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": TODAY + datetime.timedelta(days=1)}, "decision_date"),
        ({"date": datetime.date(YEAR - 2, 12, 31)}, "decision_date"),
        ({"date": None}, "decision_date"),
        ({"number": " "}, "decision_number"),
        ({"signer": ""}, "decision_signer"),
        (
            {"file": SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf")},
            "decision_file",
        ),
        ({"file": SimpleUploadedFile("qd.pdf", bad_files.pdf_with_javascript())}, "decision_file"),
    ],
)
def test_bad_decision_refused_and_nothing_changes(
    world: Any, changes: dict[str, Any], field: str
) -> None:
    support.agencies(world, 1)
    plan = _propose(world)
    services.plan_submit(plan=plan, actor=world.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(plan=plan, data=support.decision(**changes), actor=world.coordinator)
    assert field in refused.value.message_dict
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert not plan.decision_number
    assert not Inspection.objects.exists()


def test_approve_only_when_submitted(world: Any) -> None:
    plan = _propose(world)
    with pytest.raises(ConflictError):
        services.plan_approve(plan=plan, data=support.decision(), actor=world.coordinator)


def _reason() -> dict[str, Any]:
    return {"reason": "Cơ quan sáp nhập", "amended_on": TODAY}


def test_amend_add_opens_an_inspection(world: Any) -> None:
    plan = support.approved_plan(world)
    extra = support.agencies(world, 1)[0]
    amendment = amend.plan_amend_add(
        plan=plan, agency=extra, data=LineData(form=RECORDS), actor=world.coordinator, **_reason()
    )
    assert amendment.changes == {"added": extra.name, "form": RECORDS}
    assert Inspection.objects.get(agency=extra).state == InspectionState.PLANNED


def test_amend_remove_cancels_a_planned_inspection(world: Any) -> None:
    plan = support.approved_plan(world, count=7)  # 9 agencies, 3 on site
    line = plan.lines.filter(form=RECORDS).first()
    assert line is not None
    amend.plan_amend_remove(line=line, actor=world.coordinator, **_reason())
    line.refresh_from_db()
    assert line.removed_on == TODAY
    assert Inspection.objects.get(line=line).state == InspectionState.CANCELLED
    assert PlanAmendment.objects.filter(plan=plan).count() == 1


def test_amend_remove_refused_once_started(world: Any) -> None:
    plan = support.approved_plan(world)
    line = plan.lines.first()
    assert line is not None
    Inspection.objects.filter(line=line).update(state=InspectionState.ANSWERED)
    with pytest.raises(ConflictError):
        amend.plan_amend_remove(line=line, actor=world.coordinator, **_reason())
    line.refresh_from_db()
    assert line.removed_on is None
    assert not PlanAmendment.objects.exists()


def test_amend_refused_below_one_third(world: Any) -> None:
    plan = support.approved_plan(world, count=4)  # 6 agencies, 2 on site
    line = plan.lines.filter(form=ON_SITE).first()
    assert line is not None
    with pytest.raises(ValidationError) as refused:
        amend.plan_amend_line(
            line=line, data=LineData(form=RECORDS), actor=world.coordinator, **_reason()
        )
    assert services.shortfall_message(1) in refused.value.messages
    with pytest.raises(ValidationError):
        amend.plan_amend_remove(line=line, actor=world.coordinator, **_reason())
    assert Inspection.objects.get(line=line).form == ON_SITE
    assert not PlanAmendment.objects.exists()


def test_amend_line_needs_a_reason_and_changes_the_inspection(world: Any) -> None:
    plan = support.approved_plan(world)
    line = plan.lines.filter(form=RECORDS).first()
    assert line is not None
    with pytest.raises(ValidationError) as refused:
        amend.plan_amend_line(
            line=line,
            data=LineData(form=ON_SITE),
            reason=" ",
            amended_on=TODAY + datetime.timedelta(days=1),
            actor=world.coordinator,
        )
    assert set(refused.value.message_dict) == {"reason", "amended_on"}
    amendment = amend.plan_amend_line(
        line=line, data=LineData(form=ON_SITE, budget=9), actor=world.coordinator, **_reason()
    )
    assert amendment is not None
    assert amendment.changes["form"] == [RECORDS, ON_SITE]
    assert Inspection.objects.get(line=line).form == ON_SITE
    assert ActivityEntry.objects.filter(verb="inspection_plan.amended").count() == 1


def test_arrangements_never_overlap(world: Any) -> None:
    first = support.arrangement(world)
    with pytest.raises(ValidationError) as refused:
        support.arrangement(world, valid_from=datetime.date(2026, 1, 1))
    assert "01/07/2025" in refused.value.message_dict["valid_from"][0]
    assert InspectingArrangement.objects.count() == 1
    units.arrangement_end(
        arrangement=first, valid_to=datetime.date(2025, 12, 31), actor=world.coordinator
    )
    second = support.arrangement(
        world, valid_from=datetime.date(2026, 1, 1), unit_name="Sở Khoa học và Công nghệ"
    )
    assert inspecting_unit_on(world.gia_lai_2025, datetime.date(2025, 9, 1)) == first
    assert inspecting_unit_on(world.gia_lai_2025, datetime.date(2026, 3, 1)) == second
    assert inspecting_unit_on(world.gia_lai_2025, datetime.date(2025, 1, 1)) is None
    with pytest.raises(ValidationError):
        units.arrangement_end(
            arrangement=first, valid_to=datetime.date(2026, 5, 1), actor=world.coordinator
        )


def test_arrangement_refusals(world: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        support.arrangement(
            world, valid_to=datetime.date(2025, 1, 1), unit_kind="ministry", unit_name=""
        )
    assert set(refused.value.message_dict) == {"valid_to", "unit_kind", "unit_name"}
    with pytest.raises(PermissionDenied):
        units.arrangement_create(
            province=world.gia_lai_2025,
            data=units.ArrangementData(
                valid_from=TODAY, lead_unit="x", unit_kind="dost", unit_name="y"
            ),
            actor=support.other_dost(world),
        )
    assert not InspectingArrangement.objects.exists()
