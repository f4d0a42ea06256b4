"""Writes of DOST's year: the province's yearly inspection plan (kế hoạch kiểm tra, Mẫu 19,
TT 26/2014 Arts. 33–34) — proposed by Chuẩn, edited by DOST while draft, submitted through
DOST, approved by the provincial People's Committee's decision, which opens one inspection
per line; afterwards changed only by recorded amendments (`services.plans_amend`). Who
inspects is kept in `services.plans_units`."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.inspections import permissions, plan_rules, plan_states
from chuan.inspections.choices import InspectionForm, InspectionState, PlanState
from chuan.inspections.models import Inspection, InspectionPlan, PlanLine
from chuan.inspections.selectors.plans import agencies_in_scope, inspecting_unit_on, plan_signals
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.rollout.services import decision_file_check

# TT 26/2014 took effect in 2014: no plan before its first full year; none beyond next year.
FIRST_YEAR = 2015
ENTITY = "inspection_plan"


def may_manage(province_id: int, actor: Any) -> None:
    if not permissions.can_manage(actor, province_id):
        raise PermissionDenied(_("Only DOST's coordinators of the province may change its plan."))


def step(plan: InspectionPlan, action: str) -> str:
    """The state `action` leads to, or a 409 naming the plan's state."""
    to = plan_states.next_state(plan.state, action)
    if to is None:
        raise ConflictError(
            _("Not possible while the plan is “%(state)s”.")
            % {"state": PlanState(plan.state).label}
        )
    return to


def locked(plan: InspectionPlan) -> InspectionPlan:
    return InspectionPlan.objects.select_for_update().get(pk=plan.pk)


def shortfall_message(needed: int) -> str:
    return _(
        "At least one third of the agencies must be inspected on site "
        "(TT 26/2014, Art. 33): %(needed)s more agency(ies) needed on site."
    ) % {"needed": needed}


def check_one_third(plan: InspectionPlan, *, extra_total: int = 0, extra_on_site: int = 0) -> None:
    """Refuse (by `form`) a plan that, with the change described, inspects fewer than a
    third of its agencies on site, naming how many more are needed."""
    lines = PlanLine.objects.filter(plan=plan, removed_on__isnull=True)
    total = lines.count() + extra_total
    on_site = lines.filter(form=InspectionForm.ON_SITE).count() + extra_on_site
    needed = plan_rules.onsite_shortfall(total, on_site)
    if needed:
        raise ValidationError({"form": [shortfall_message(needed)]})


# --- Proposal ---------------------------------------------------------------------------------


def default_as_of(year: int, today: datetime.date | None = None) -> datetime.date:
    """What the proposal reads the signs on: the end of the year before the plan's (when
    plans are drawn up), or today if that is earlier."""
    today = today or timezone.localdate()
    return min(today, datetime.date(year - 1, 12, 31))


def check_year(year: Any) -> int:
    last = timezone.localdate().year + 1
    if not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise ValidationError(
            {
                "year": [
                    _("Choose a year from %(first)s to %(last)s.")
                    % {"first": FIRST_YEAR, "last": last}
                ]
            }
        )
    return year


def plan_propose(
    *,
    province: AdministrativeUnit,
    year: int,
    actor: Any,
    as_of: datetime.date | None = None,
) -> InspectionPlan:
    """Create the plan of `province` for `year` (or refresh it while draft): one line per
    agency that must apply a QMS, on its records by default, and exactly one third (rounded
    up) on site, those with the most warning signs (`plan_rules`). Refreshing keeps what DOST
    typed on a line (units, budget, note) but proposes the forms and quarters afresh, adds
    the agencies that appeared and drops those that no longer exist in the year."""
    may_manage(province.pk, actor)
    check_year(year)
    if province.level != UnitLevel.PROVINCE:
        raise ValidationError({"province": [_("Choose a province.")]})
    as_of = as_of or default_as_of(year)
    with transaction.atomic():
        plan, _created = InspectionPlan.objects.select_for_update().get_or_create(
            province=province, year=year, defaults={"created_by": actor if actor else None}
        )
        step(plan, "propose")
        scope = list(agencies_in_scope(province, year).order_by().values_list("pk", "name"))
        signals = plan_signals([pk for pk, _name in scope], year=year, as_of=as_of)
        candidates = [
            plan_rules.Candidate(
                agency_id=pk,
                name=name,
                reasons=tuple(plan_rules.reasons_of(signals[pk], as_of=as_of)),
                last_on_site_year=signals[pk].last_on_site_year,
            )
            for pk, name in scope
        ]
        chosen = plan_rules.choose_on_site(candidates)
        chosen_set = set(chosen)
        ranked = sorted(candidates, key=plan_rules.priority)
        records = [c.agency_id for c in ranked if c.agency_id not in chosen_set]
        quarters = {
            **dict(zip(chosen, plan_rules.spread_quarters(len(chosen)), strict=True)),
            **dict(zip(records, plan_rules.spread_quarters(len(records)), strict=True)),
        }
        arrangement = inspecting_unit_on(province, datetime.date(year, 1, 1)) or inspecting_unit_on(
            province, as_of
        )
        unit_name = arrangement.unit_name if arrangement else ""
        existing = {line.agency_id: line for line in PlanLine.objects.filter(plan=plan)}
        in_scope = {c.agency_id for c in candidates}
        dropped = [line.pk for agency_id, line in existing.items() if agency_id not in in_scope]
        PlanLine.objects.filter(pk__in=dropped).delete()
        new: list[PlanLine] = []
        changed: list[PlanLine] = []
        for candidate in candidates:
            pk = candidate.agency_id
            line = existing.get(pk) or PlanLine(plan=plan, agency_id=pk)
            before = _proposed(line)
            line.form = InspectionForm.ON_SITE if pk in chosen_set else InspectionForm.RECORDS
            line.reasons = list(candidate.reasons)
            line.planned_quarter, line.planned_month = quarters[pk], None
            line.inspecting_unit = line.inspecting_unit or unit_name
            if not line.pk:
                new.append(line)
            elif _proposed(line) != before:
                changed.append(line)  # a refresh writes only the lines it changes
        PlanLine.objects.bulk_create(new, batch_size=500)
        PlanLine.objects.bulk_update(
            changed,
            list(PROPOSED_FIELDS),
            batch_size=100,
        )
        if arrangement and not plan.drafted_by_unit:
            plan.drafted_by_unit = arrangement.unit_name
            plan.save(update_fields=["drafted_by_unit", "updated_at"])
        activity_record(
            actor=actor,
            verb="inspection_plan.proposed",
            target=plan,
            changes={
                "year": year,
                "agencies": len(candidates),
                "on_site": len(chosen),
                "as_of": as_of,
            },
        )
    return plan


# --- Lines ------------------------------------------------------------------------------------


PROPOSED_FIELDS = ("form", "reasons", "planned_quarter", "planned_month", "inspecting_unit")


def _proposed(line: PlanLine) -> tuple[Any, ...]:
    return tuple(getattr(line, name) for name in PROPOSED_FIELDS)


@dataclass
class LineData:
    """What DOST writes on a line (Mẫu 19's columns)."""

    form: str
    inspecting_unit: str = ""
    coordinating_unit: str = ""
    planned_month: int | None = None
    planned_quarter: int | None = None
    budget: int = 0
    note: str = ""


def check_line(data: LineData) -> LineData:
    """The data cleaned, or ValidationError by field; a month gives its quarter."""
    errors: dict[str, list[str]] = {}
    if data.form not in InspectionForm.values:
        errors["form"] = [_("Choose the form of inspection.")]
    month, quarter = data.planned_month, data.planned_quarter
    if month is not None and not (isinstance(month, int) and 1 <= month <= 12):
        errors["planned_month"] = [_("Choose a month from 1 to 12.")]
    elif quarter is not None and not (isinstance(quarter, int) and 1 <= quarter <= 4):
        errors["planned_quarter"] = [_("Choose a quarter from 1 to 4.")]
    elif (
        month is not None and quarter is not None and plan_rules.quarter_of_month(month) != quarter
    ):
        errors["planned_month"] = [_("The month is not in the quarter chosen.")]
    elif month is not None:
        quarter = plan_rules.quarter_of_month(month)
    budget = data.budget
    if not isinstance(budget, int) or not 0 <= budget <= plan_rules.BUDGET_MAX:
        errors["budget"] = [_("The budget must be between 0 and 1,000,000,000,000 VND.")]
    for name, limit in (("inspecting_unit", 255), ("coordinating_unit", 255), ("note", 500)):
        if len(getattr(data, name).strip()) > limit:
            errors[name] = [_("At most %(n)s characters.") % {"n": limit}]
    if errors:
        raise ValidationError(errors)
    return LineData(
        form=data.form,
        inspecting_unit=data.inspecting_unit.strip(),
        coordinating_unit=data.coordinating_unit.strip(),
        planned_month=month,
        planned_quarter=quarter,
        budget=budget,
        note=data.note.strip(),
    )


LINE_FIELDS = (
    "form",
    "inspecting_unit",
    "coordinating_unit",
    "planned_month",
    "planned_quarter",
    "budget",
    "note",
)


def line_changes(line: PlanLine, data: LineData) -> dict[str, list[Any]]:
    """What `data` changes on the line, as {field: [old, new]}."""
    return {
        name: [getattr(line, name), getattr(data, name)]
        for name in LINE_FIELDS
        if getattr(line, name) != getattr(data, name)
    }


def line_update(*, line: PlanLine, data: LineData, actor: Any) -> PlanLine:
    """Edit a line of a draft plan (an approved plan is amended instead)."""
    may_manage(line.plan.province_id, actor)
    data = check_line(data)
    with transaction.atomic():
        plan = locked(line.plan)
        step(plan, "edit")
        line = PlanLine.objects.select_for_update().get(pk=line.pk)
        changes = line_changes(line, data)
        for name, (_old, new) in changes.items():
            setattr(line, name, new)
        if changes:
            line.save()
            activity_record(
                actor=actor,
                verb="inspection_plan.line_updated",
                target=plan,
                agency_id=line.agency_id,
                changes={"agency": str(line.agency), **changes},
            )
    return line


def check_agency(plan: InspectionPlan, agency: Agency) -> None:
    if agency.unit.province_id != plan.province_id:
        raise ValidationError({"agency": [_("Choose an agency of the plan's province.")]})
    line = PlanLine.objects.filter(plan=plan, agency=agency).first()
    if line is not None and line.removed_on is None:
        raise ValidationError({"agency": [_("This agency already has a line in the plan.")]})
    if line is not None:
        raise ValidationError(
            {
                "agency": [
                    _("This agency was removed from the plan on %(day)s; it cannot be added again.")
                    % {"day": f"{line.removed_on:%d/%m/%Y}"}
                ]
            }
        )


def line_add(*, plan: InspectionPlan, agency: Agency, data: LineData, actor: Any) -> PlanLine:
    """Add an agency to a draft plan."""
    may_manage(plan.province_id, actor)
    data = check_line(data)
    with transaction.atomic():
        plan = locked(plan)
        step(plan, "edit")
        check_agency(plan, agency)
        if not data.inspecting_unit:
            arrangement = inspecting_unit_on(plan.province, datetime.date(plan.year, 1, 1))
            data.inspecting_unit = arrangement.unit_name if arrangement else ""
        line = PlanLine.objects.create(plan=plan, agency=agency, **data.__dict__)
        activity_record(
            actor=actor,
            verb="inspection_plan.line_added",
            target=plan,
            agency_id=agency.pk,
            changes={"agency": str(agency), "form": line.form},
        )
    return line


def line_delete(*, line: PlanLine, actor: Any) -> None:
    """Take an agency off a draft plan."""
    may_manage(line.plan.province_id, actor)
    with transaction.atomic():
        plan = locked(line.plan)
        step(plan, "edit")
        agency = line.agency
        PlanLine.objects.filter(pk=line.pk).delete()
        activity_record(
            actor=actor,
            verb="inspection_plan.line_removed",
            target=plan,
            agency_id=agency.pk,
            changes={"agency": str(agency)},
        )


# --- Submission and approval ------------------------------------------------------------------


def plan_submit(*, plan: InspectionPlan, actor: Any) -> InspectionPlan:
    """Submit the draft through DOST to the People's Committee: refused without lines or
    below the one-third rule (with the count still needed)."""
    may_manage(plan.province_id, actor)
    with transaction.atomic():
        plan = locked(plan)
        to = step(plan, "submit")
        if not PlanLine.objects.filter(plan=plan, removed_on__isnull=True).exists():
            raise ValidationError({"form": [_("The plan has no agency yet: propose its lines.")]})
        check_one_third(plan)
        plan.state = to
        plan.save(update_fields=["state", "updated_at"])
        activity_record(
            actor=actor, verb="inspection_plan.submitted", target=plan, changes={"state": to}
        )
    return plan


def plan_return(*, plan: InspectionPlan, actor: Any, note: str = "") -> InspectionPlan:
    """Send a submitted plan back to draft (the Committee asked for changes)."""
    may_manage(plan.province_id, actor)
    with transaction.atomic():
        plan = locked(plan)
        to = step(plan, "return")
        plan.state = to
        plan.save(update_fields=["state", "updated_at"])
        activity_record(
            actor=actor,
            verb="inspection_plan.returned",
            target=plan,
            changes={"state": to, "note": note.strip()[:500]},
        )
    return plan


@dataclass
class DecisionData:
    """The People's Committee's decision approving the plan."""

    number: str
    date: datetime.date | None
    signer: str
    file: UploadedFile | None = None


def check_decision(plan: InspectionPlan, data: DecisionData) -> str:
    """Refuse a decision without number or signer, dated in the future or before the year
    before the plan's; check the file by its content. Returns the file's stored name."""
    errors: dict[str, list[str]] = {}
    if not data.number.strip():
        errors["decision_number"] = [_("Give the decision's number.")]
    elif len(data.number.strip()) > 60:
        errors["decision_number"] = [_("At most %(n)s characters.") % {"n": 60}]
    if not data.signer.strip():
        errors["decision_signer"] = [_("Name who signed the decision.")]
    elif len(data.signer.strip()) > 150:
        errors["decision_signer"] = [_("At most %(n)s characters.") % {"n": 150}]
    if data.date is None:
        errors["decision_date"] = [_("Give the decision's date.")]
    elif data.date > timezone.localdate():
        errors["decision_date"] = [_("The decision cannot be dated in the future.")]
    elif data.date < datetime.date(plan.year - 1, 1, 1):
        errors["decision_date"] = [
            _("A plan for %(year)s is approved from 01/01/%(before)s.")
            % {"year": plan.year, "before": plan.year - 1}
        ]
    name = ""
    if data.file is not None:
        try:
            name = decision_file_check(data.file)
        except ValidationError as exc:
            errors["decision_file"] = exc.message_dict.get("file", exc.messages)
    if errors:
        raise ValidationError(errors)
    return name


def plan_approve(*, plan: InspectionPlan, data: DecisionData, actor: Any) -> InspectionPlan:
    """Record the People's Committee's decision approving the submitted plan; open one
    planned inspection per line (its form, agency, province and year)."""
    may_manage(plan.province_id, actor)
    with transaction.atomic():
        plan = locked(plan)
        to = step(plan, "approve")
        name = check_decision(plan, data)
        check_one_third(plan)
        plan.state = to
        plan.decision_number = data.number.strip()
        plan.decision_date = data.date
        plan.decision_signer = data.signer.strip()
        plan.approved_at = timezone.now()
        if data.file is not None:
            plan.decision_file.save(name, data.file, save=False)
        plan.save()
        lines = list(PlanLine.objects.filter(plan=plan, removed_on__isnull=True))
        Inspection.objects.bulk_create(
            [inspection_for(line, plan) for line in lines], batch_size=500
        )
        activity_record(
            actor=actor,
            verb="inspection_plan.approved",
            target=plan,
            changes={
                "state": to,
                "decision_number": plan.decision_number,
                "decision_date": plan.decision_date,
                "decision_signer": plan.decision_signer,
                "inspections": len(lines),
            },
        )
    return plan


def inspection_for(line: PlanLine, plan: InspectionPlan) -> Inspection:
    return Inspection(
        line=line,
        agency_id=line.agency_id,
        province_id=plan.province_id,
        year=plan.year,
        form=line.form,
        state=InspectionState.PLANNED,
    )


def register_activity_labels() -> None:
    """Labels of the activity this area records (called by InspectionsConfig.ready)."""
    from chuan.inspections.services.plans_labels import register

    register()
