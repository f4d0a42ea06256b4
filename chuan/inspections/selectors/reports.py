"""Reads of DOST's year: the province's reports and the figures they are compiled from.

`report_figures` gathers, for a province and a year, what every agency required to apply a
QMS did — its roll-out status (through `chuan.rollout`'s lifecycle rules), its inspections and
their conclusions, the requests for correction and their corrective actions, the officials
trained — in a fixed number of queries whatever the number of agencies, then adds them up by
the blocks and columns of the report's template (`report_template`: the field list of
QĐ 19/2014 Appendix II is not confirmed, so it is data). Each column names a function of
`COLUMN_SELECTORS`.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from chuan.accounts.roles import Scope, user_scope
from chuan.inspections import article36
from chuan.inspections.choices import Conclusion, InspectionForm, InspectionState, RequestState
from chuan.inspections.models import (
    CorrectionRequest,
    Inspection,
    ItemAnswer,
    PlanLine,
    ProvinceReport,
)
from chuan.inspections.report_states import ReportKind
from chuan.inspections.report_template import Template, label, template
from chuan.organisations.choices import UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import province_family_ids, user_province_ids
from chuan.rollout.choices import COUNTED_STATUSES, EventKind, QmsStatus
from chuan.rollout.lifecycle import status_on
from chuan.rollout.selectors import agency_histories
from chuan.training.models import Certificate

DONE = frozenset({InspectionState.CONCLUDED, InspectionState.CLOSED})
OPEN_REQUESTS = frozenset({RequestState.OPEN, RequestState.REPORTED, RequestState.NOT_ACCEPTED})


# --- The reports themselves -------------------------------------------------------------------


def report_provinces(user: Any) -> set[int] | None:
    """Ids of the provinces whose reports `user` reads; None for every province (a system
    administrator); empty for an agency's own officials, whatever their permissions."""
    if not (
        user.is_authenticated and user.is_active and user.has_perm("inspections.view_inspections")
    ):
        return set()
    scope = user_scope(user)
    if scope == Scope.ALL:
        return None
    if scope == Scope.PROVINCE:
        return user_province_ids(user)
    return set()


def report_list(*, user: Any, year: int | None = None) -> QuerySet[ProvinceReport]:
    """The reports `user` may read, newest year first."""
    provinces = report_provinces(user)
    reports = ProvinceReport.objects.select_related("province")
    if provinces is not None:
        reports = reports.filter(province_id__in=provinces)
    if year is not None:
        reports = reports.filter(year=year)
    return reports.order_by("-year", "kind", "province__name", "pk")


def report_get(*, user: Any, pk: int) -> ProvinceReport | None:
    """The report if `user` may read it (else None: the caller answers 404)."""
    return report_list(user=user).select_related("created_by", "issued_by").filter(pk=pk).first()


# --- The facts a report is compiled from ------------------------------------------------------


def reference_date(province: AdministrativeUnit, year: int) -> datetime.date:
    """The day the report's figures stand on: the year's last day, or the province's last
    day when it ended earlier (a province of the legacy list in 2025)."""
    on = datetime.date(year, 12, 31)
    if province.valid_to is not None and province.valid_to < on:
        on = province.valid_to
    return on


def province_agencies(province: AdministrativeUnit, on: datetime.date) -> QuerySet[Agency]:
    """The agencies of the province that exist on `on`. A province of the 2025 list also
    reaches the agencies of the provinces merged into it (their history is its history); a
    province of the legacy list only its own."""
    if province.unit_set == UnitSet.REFORM_2025:
        agencies = Agency.objects.filter(unit__province_id__in=province_family_ids(province.pk))
    else:
        agencies = Agency.objects.filter(unit__province_id=province.pk)
    return agencies.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )


@dataclass
class AgencyFacts:
    """What one agency did in the year, as the column selectors read it."""

    id: int
    name: str
    block: str
    status: str = QmsStatus.NOT_STARTED
    reannounced_in_year: bool = False
    inspections: list[tuple[str, str, str]] = field(default_factory=list)  # form, state, concl.
    requests: Counter[str] = field(default_factory=Counter)
    planned: str = ""  # the plan line's form
    trained_in_year: int = 0
    trained_ever: int = 0


@dataclass
class Facts:
    template: Template
    year: int
    on: datetime.date
    agencies: list[AgencyFacts]


def _done(facts: AgencyFacts, form: str | None = None) -> list[tuple[str, str, str]]:
    return [i for i in facts.inspections if i[1] in DONE and (form is None or i[0] == form)]


def _concluded(conclusion: str) -> Callable[[AgencyFacts], int]:
    return lambda f: int(any(i[2] == conclusion for i in _done(f)))


# Each column of a template names one of these: what one agency contributes to its cell.
COLUMN_SELECTORS: dict[str, Callable[[AgencyFacts], int]] = {
    "required": lambda f: 1,
    "building": lambda f: int(f.status == QmsStatus.BUILDING),
    "announced": lambda f: int(f.status in COUNTED_STATUSES),
    "applying": lambda f: int(f.status == QmsStatus.APPLYING),
    "reannounced_in_year": lambda f: int(f.reannounced_in_year),
    "planned_records": lambda f: int(f.planned == InspectionForm.RECORDS),
    "planned_on_site": lambda f: int(f.planned == InspectionForm.ON_SITE),
    "inspected_records": lambda f: int(bool(_done(f, InspectionForm.RECORDS))),
    "inspected_on_site": lambda f: int(bool(_done(f, InspectionForm.ON_SITE))),
    "conclusion_conforms": _concluded(Conclusion.CONFORMS),
    "conclusion_corrections": _concluded(Conclusion.CORRECTIONS_NEEDED),
    "conclusion_not_conforming": _concluded(Conclusion.NOT_CONFORMING),
    "requests_issued": lambda f: sum(n for s, n in f.requests.items() if s != RequestState.DRAFT),
    "requests_reported": lambda f: f.requests[RequestState.REPORTED],
    "requests_accepted": lambda f: f.requests[RequestState.ACCEPTED],
    "requests_not_accepted": lambda f: f.requests[RequestState.NOT_ACCEPTED],
    "requests_open": lambda f: sum(f.requests[s] for s in OPEN_REQUESTS),
    "trained_officials": lambda f: f.trained_in_year,
    "nobody_trained": lambda f: int(f.trained_ever == 0),
}


def report_facts(*, province: AdministrativeUnit, year: int, kind: str) -> Facts:
    """Every agency required to apply a QMS in the province on the reference date, with what
    it did in the year: six queries whatever the number of agencies."""
    shape = template(kind)
    on = reference_date(province, year)
    agencies = province_agencies(province, on)
    rows = agencies.order_by().values_list("id", "name", "kind", "level", "parent_id")
    by_id: dict[int, AgencyFacts] = {}
    for pk, name, agency_kind, level, parent_id in rows:
        block = shape.block_of(agency_kind, level, parent_id is not None, name)
        if block is not None:
            by_id[pk] = AgencyFacts(id=pk, name=name, block=block)
    start = datetime.date(year, 1, 1)
    # The roll-out's own rules decide each agency's status (one query for all histories).
    for agency_id, history in agency_histories(agencies).items():
        if agency_id not in by_id:
            continue
        facts = by_id[agency_id]
        facts.status = status_on(history, on, presorted=True)
        facts.reannounced_in_year = any(
            e.kind == EventKind.REANNOUNCED and start <= e.on <= on for e in history
        )
    inspections = Inspection.objects.filter(year=year, agency__in=agencies).order_by()
    for agency_id, form, state, conclusion in inspections.values_list(
        "agency_id", "form", "state", "conclusion"
    ):
        if agency_id in by_id:
            by_id[agency_id].inspections.append((form, state, conclusion))
    requests = (
        CorrectionRequest.objects.filter(inspection__in=inspections)
        .order_by()
        .values_list("inspection__agency_id", "state")
        .annotate(n=Count("id"))
    )
    for agency_id, state, count in requests:
        if agency_id in by_id:
            by_id[agency_id].requests[state] += count
    lines = PlanLine.objects.filter(
        plan__year=year, agency__in=agencies, removed_on__isnull=True
    ).order_by()
    for agency_id, form in lines.values_list("agency_id", "form"):
        if agency_id in by_id:
            by_id[agency_id].planned = form
    certificates = Certificate.objects.filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on),
        agency__in=agencies,
        issued_on__lte=on,
    ).order_by()
    for agency_id, issued_on in certificates.values_list("agency_id", "issued_on"):
        if agency_id in by_id:
            by_id[agency_id].trained_ever += 1
            by_id[agency_id].trained_in_year += issued_on >= start
    ordered = sorted(by_id.values(), key=lambda f: (f.name, f.id))
    return Facts(template=shape, year=year, on=on, agencies=ordered)


def _findings(inspections: QuerySet[Inspection]) -> list[dict[str, Any]]:
    """How many inspections found each Article 36 item not met (the November report)."""
    counts = dict(
        ItemAnswer.objects.filter(inspection__in=inspections, result="not_met")
        .order_by()
        .values_list("code")
        .annotate(n=Count("id"))
    )
    return [{"code": item.code, "not_met": counts.get(item.code, 0)} for item in article36.ITEMS]


def report_figures(*, province: AdministrativeUnit, year: int, kind: str) -> dict[str, Any]:
    """The snapshot a report keeps: per block, its agencies' rows and the block's totals in
    the template's columns, the grand total, and for the November report the inspections done
    with their conclusions and the Article 36 items found not met. Stored as JSON, so it holds
    keys and numbers only; labels come from the template when it is shown."""
    facts = report_facts(province=province, year=year, kind=kind)
    shape = facts.template
    columns = [c["key"] for c in shape.columns]
    pick = [COLUMN_SELECTORS[c["selector"]] for c in shape.columns]
    rows_by_block: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for agency in facts.agencies:
        values = [select(agency) for select in pick]
        rows_by_block[agency.block].append({"id": agency.id, "name": agency.name, "values": values})
    blocks = []
    total = [0] * len(columns)
    for block in shape.blocks:
        rows = rows_by_block.get(block.key, [])
        if not rows and not block.shown_on(facts.on):
            continue
        sums = [sum(row["values"][i] for row in rows) for i in range(len(columns))]
        total = [a + b for a, b in zip(total, sums, strict=True)]
        blocks.append({"key": block.key, "totals": sums, "rows": rows})
    snapshot: dict[str, Any] = {
        "template": shape.code,
        "version": shape.version,
        "on": facts.on.isoformat(),
        "columns": columns,
        "blocks": blocks,
        "total": total,
    }
    if kind == ReportKind.NOVEMBER:
        inspections = Inspection.objects.filter(
            year=year, agency_id__in=[a.id for a in facts.agencies], state__in=DONE
        )
        snapshot["inspections"] = [
            {
                "agency": name,
                "form": form,
                "concluded_on": concluded.isoformat() if concluded else "",
                "conclusion": conclusion,
                "requests": requests,
            }
            for name, form, concluded, conclusion, requests in inspections.annotate(
                n=Count("requests", filter=~Q(requests__state=RequestState.DRAFT))
            )
            .order_by("agency__name", "pk")
            .values_list("agency__name", "form", "concluded_on", "conclusion", "n")
        ]
        snapshot["findings"] = _findings(inspections)
    return snapshot


# --- Figures as shown (corrections applied, labels attached) ----------------------------------


@dataclass
class ShownBlock:
    key: str
    label: str
    totals: list[int]
    rows: list[dict[str, Any]]
    corrected: dict[int, str]  # column index -> the correction's note


def shown_figures(report: ProvinceReport) -> dict[str, Any]:
    """The report's figures as printed: the compiled snapshot with the corrections made
    before issuing applied to the blocks' totals (the grand total follows), and labels."""
    shape = template(report.kind)
    compiled = report.compiled or {}
    keys = compiled.get("columns", [])
    by_key = {c["key"]: c for c in shape.columns}
    columns = [label(by_key[k]["label"]) if k in by_key else k for k in keys]
    block_labels = {b.key: label(b.label) for b in shape.blocks}
    corrections: dict[tuple[str, str], dict[str, Any]] = {
        (c["block"], c["column"]): c for c in report.corrections or []
    }
    blocks = []
    total = [0] * len(keys)
    for raw in compiled.get("blocks", []):
        totals = list(raw["totals"])
        corrected = {}
        for index, key in enumerate(keys):
            fix = corrections.get((raw["key"], key))
            if fix is not None:
                totals[index] = int(fix["value"])
                corrected[index] = str(fix.get("note", ""))
        total = [a + b for a, b in zip(total, totals, strict=True)]
        blocks.append(
            ShownBlock(
                raw["key"], block_labels.get(raw["key"], raw["key"]), totals, raw["rows"], corrected
            )
        )
    return {
        "columns": columns,
        "keys": keys,
        "blocks": blocks,
        "total": total,
        "on": compiled.get("on", ""),
        "inspections": compiled.get("inspections", []),
        "findings": [
            {
                **f,
                "label": article36.item(f["code"]).label,
                "text": str(article36.item(f["code"]).text),
            }
            for f in compiled.get("findings", [])
            if f["code"] in article36.BY_CODE
        ],
    }
