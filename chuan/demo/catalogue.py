"""The demo's legal library and procedure catalogue: the legal documents and administrative
procedures of `catalogue_data` in the catalogue of Gia Lai since 2025, and internal processes
for the demo ward, two more communes and the provincial departments that handle them.

Idempotent like the rest of the loader: what exists is read in a few queries and skipped.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chuan.demo import catalogue_data as data
from chuan.demo.documents import DEFERRED_RELATION
from chuan.demo.rollout import WARD_PLEIKU
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.services import LegalDocumentData, legal_document_create, legal_relation_add
from chuan.legal.symbols import parse_symbol
from chuan.organisations.choices import UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency, Department
from chuan.procedures.models import InternalProcess, Procedure
from chuan.procedures.services import (
    ComponentData,
    ProcedureData,
    StepData,
    procedure_create,
    process_approve,
    process_draft_create,
)

# The two-tier catalogue of the province applies from the reform; the agencies approved
# their internal processes a fortnight later.
CATALOGUE_FROM = datetime.date(2025, 7, 1)
PROCESSES_FROM = datetime.date(2025, 7, 15)
# Provincial departments that handle a field's procedures since 2025.
DEPARTMENT_BY_FIELD = {
    "Xây dựng": "Sở Xây dựng",
    "Hoạt động xây dựng": "Sở Xây dựng",
    "Đất đai": "Sở Nông nghiệp và Môi trường",
    "Thành lập và hoạt động doanh nghiệp": "Sở Tài chính",
    "Hộ tịch": "Sở Tư pháp",
}
STEP_DEPARTMENTS = {"desk": "Bộ phận Một cửa", "department": "Phòng Kinh tế"}


@dataclass
class CatalogueReport:
    legal_documents: int = 0
    procedures: int = 0
    processes: int = 0


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _symbol(text: str) -> str:
    return parse_symbol(text).text


def _legal(report: CatalogueReport) -> dict[str, LegalDocument]:
    documents = {document.symbol: document for document in LegalDocument.objects.all()}
    for spec in data.LEGAL_DOCUMENTS:
        if _symbol(spec["symbol"]) in documents:
            continue
        issued = _date(spec["issued"])
        assert issued is not None
        document = legal_document_create(
            data=LegalDocumentData(
                symbol=spec["symbol"],
                kind=spec["kind"],
                title=spec["title"],
                issuer=spec["issuer"],
                signer=spec.get("signer", ""),
                issue_date=issued,
                effective_date=_date(spec.get("effective")),
                end_date=_date(spec.get("ended")),
                status=spec["status"],
                summary=spec.get("summary", ""),
            ),
            actor=None,
        )
        documents[document.symbol] = document
        report.legal_documents += 1
    existing = set(LegalRelation.objects.values_list("source__symbol", "kind", "target__symbol"))
    for relation in data.LEGAL_RELATIONS:
        if relation == DEFERRED_RELATION:
            continue  # recorded by the documents demo, to open its reviews
        source, kind, target = relation
        source, target = _symbol(source), _symbol(target)
        if (source, kind, target) not in existing:
            legal_relation_add(
                source=documents[source], kind=kind, target=documents[target], actor=None
            )
    return documents


def _procedure_data(spec: dict[str, Any], library: dict[str, LegalDocument]) -> ProcedureData:
    same_day = spec["time_unit"] == "same_day"
    return ProcedureData(
        name=spec["name"],
        field_name=spec["field"],
        levels=list(spec["levels"]),
        time_amount=Decimal(0) if same_day else Decimal(str(spec["time_amount"])),
        time_unit=spec["time_unit"],
        valid_from=CATALOGUE_FROM,
        time_note=spec.get("time_note", ""),
        fee=spec.get("fee", ""),
        fee_amount=spec.get("fee_amount", 0),
        result=spec.get("result", ""),
        online_level=spec.get("online", "none"),
        cross_boundary=spec.get("cross_boundary", False),
        components=[
            ComponentData(
                name=c["name"],
                originals=c.get("originals", 0),
                certified_copies=c.get("certified_copies", 0),
                photocopies=c.get("photocopies", 0),
                required=c.get("required", True),
            )
            for c in spec.get("components", [])
        ],
        legal_basis=[library[_symbol(symbol)] for symbol in spec.get("legal_basis", [])],
    )


def _steps(agency: Agency, specs: list[dict[str, Any]]) -> list[StepData]:
    departments = {d.name: d for d in Department.objects.filter(agency=agency)}
    return [
        StepData(
            name=spec["name"],
            responsible=spec["responsible"],
            time_amount=Decimal(str(spec["amount"])),
            time_unit=spec["unit"],
            department=departments.get(STEP_DEPARTMENTS.get(spec["responsible"], "")),
            output=spec.get("output", ""),
            forms=spec.get("forms", ""),
            signs=spec.get("signs", False),
            gives_result=spec.get("gives_result", False),
        )
        for spec in specs
    ]


def _handlers(
    spec: dict[str, Any], communes: list[Agency], departments: dict[str, Agency]
) -> list[Agency]:
    if "commune" in spec["levels"]:
        return communes
    department = departments.get(DEPARTMENT_BY_FIELD.get(spec["field"], ""))
    return [department] if department else []


def load_catalogue(*, stdout: Any = None) -> CatalogueReport:
    """Load the library, Gia Lai's catalogue and the demo agencies' internal processes."""
    report = CatalogueReport()
    library = _legal(report)
    province = AdministrativeUnit.objects.get(
        unit_set=UnitSet.REFORM_2025, level=UnitLevel.PROVINCE, short_name="Gia Lai"
    )
    procedures = {p.code: p for p in Procedure.objects.filter(province=province)}
    for spec in data.PROCEDURES:
        if spec["code"] not in procedures:
            version = procedure_create(
                province=province,
                code=spec["code"],
                data=_procedure_data(spec, library),
                actor=None,
            )
            procedures[spec["code"]] = version.procedure
            report.procedures += 1
    reformed = list(Agency.objects.filter(unit__unit_set=UnitSet.REFORM_2025))
    communes = sorted(
        (a for a in reformed if a.level == UnitLevel.COMMUNE),
        key=lambda a: (a.name != WARD_PLEIKU, a.name),
    )[:3]
    departments = {a.name: a for a in reformed if a.level == UnitLevel.PROVINCE}
    existing = set(InternalProcess.objects.values_list("agency_id", "procedure_id"))
    specs = {spec["code"]: spec for spec in data.PROCEDURES}
    for number, (code, steps) in enumerate(data.PROCESS_STEPS.items(), start=1):
        procedure = procedures[code]
        for agency in _handlers(specs[code], communes, departments):
            if (agency.pk, procedure.pk) in existing:
                continue
            process = process_draft_create(
                agency=agency,
                procedure=procedure,
                code=f"QT-{number:02d}",
                steps=_steps(agency, steps),
                actor=None,
            )
            process_approve(
                process=process,
                decision_number=f"{100 + number}/QĐ-UBND",
                decision_date=PROCESSES_FROM,
                valid_from=PROCESSES_FROM,
                actor=None,
            )
            report.processes += 1
    if stdout is not None:
        stdout.write(
            f"Catalogue: {report.legal_documents} legal documents, {report.procedures} "
            f"procedures, {report.processes} internal processes created.\n"
        )
    return report
