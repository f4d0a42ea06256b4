"""The province's commune kit in the demo (`data/kits.json`): today's Gia Lai DOST keeps a
model set for its communes and wards — the policy and objectives templates, the QMS model,
the six system procedures, three one-stop forms and model internal processes for fifteen
commune procedures of the catalogue. Forty communes and wards adopted it (five the whole
set, the others its model processes), five of them with local changes. Decree
07/2025/NĐ-CP amending Decree 123/2015/NĐ-CP on civil status, recorded in the legal
library, opens the keeper's reviews of the processes citing it; the province revised two
of them (birth and marriage registration) and the dashboard shows the revision being
adopted: most communes adopted it, some have not answered yet, one kept its own with a
reason.

The keeper's writes go through the kit's services as the system (`actor=None`, the paper
decisions recorded afterwards); the communes' drafts need an author, the administrator.
Idempotent: skipped once the set exists.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from chuan.accounts.models import User
from chuan.demo import gialai
from chuan.documents.models import ControlledDocument
from chuan.kits import services
from chuan.kits.models import AdoptedItem, ModelSet, UpdateRequest
from chuan.kits.services import EditionData, ModelStepData
from chuan.kits.services.common import latest_processes, process_units, step_data
from chuan.legal.models import LegalDocument
from chuan.legal.symbols import parse_symbol
from chuan.organisations.choices import AgencyKind, UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.procedures.models import InternalProcess, Procedure

DATA = Path(__file__).resolve().parent / "data" / "kits.json"
CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.json"


def _symbol(text: str) -> str:
    return parse_symbol(text).text


def _steps(rows: list[dict[str, Any]]) -> list[ModelStepData]:
    return [
        ModelStepData(
            name=row["name"],
            responsible=row["responsible"],
            time_amount=Decimal(str(row["amount"])),
            time_unit=row["unit"],
            department_name=row.get("department", ""),
            output=row.get("output", ""),
            forms=row.get("forms", ""),
            signs=bool(row.get("signs")),
            gives_result=bool(row.get("gives_result")),
        )
        for row in rows
    ]


def _adopters(province: AdministrativeUnit, count: int) -> list[Agency]:
    """Communes and wards of the province that keep no documents or processes of their
    own yet (the demo ward and the communes of the other demos keep theirs)."""
    busy = set(InternalProcess.objects.values_list("agency_id", flat=True))
    busy |= set(ControlledDocument.objects.values_list("agency_id", flat=True))
    agencies = (
        Agency.objects.filter(
            unit__province=province,
            kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
            level=UnitLevel.COMMUNE,
            valid_to__isnull=True,
        )
        .exclude(pk__in=busy)
        .select_related("unit")
        .order_by("unit__code")
    )
    return list(agencies[:count])


def load_kits(*, stdout: Any = None) -> dict[str, int]:
    """Load the commune kit, its adoption and the revision after the law changed; returns
    what it created (nothing on a second run)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    spec = data["set"]
    province = AdministrativeUnit.objects.filter(
        unit_set=UnitSet.REFORM_2025, level=UnitLevel.PROVINCE, short_name=gialai.PROVINCE
    ).first()
    if province is None or ModelSet.objects.filter(province=province, code=spec["code"]).exists():
        return {"model_items": 0, "adoptions": 0, "update_requests": 0}
    keeper = Agency.objects.get(unit=province, short_name=spec["keeper"])
    law = {d.symbol: d for d in LegalDocument.objects.all()}
    procedures = {p.code: p for p in Procedure.objects.filter(province=province)}
    first_approved = datetime.date.fromisoformat(spec["first_approved"])
    names = {p["code"]: p["name"] for p in catalogue["procedures"]}

    model_set = services.model_set_create(
        province=province,
        keeper=keeper,
        code=spec["code"],
        name=spec["name"],
        scope=spec["scope"],
        description=spec["description"],
        actor=None,
    )
    items: dict[str, Any] = {}
    order = 0
    for row in data["documents"]:
        order += 1
        items[row["code"]] = services.model_item_create(
            model_set=model_set,
            kind="document",
            code=row["code"],
            title=row["title"],
            document_kind=row["document_kind"],
            content=EditionData(
                body=row["body"],
                legal_basis=[law[_symbol(s)] for s in row["legal_basis"] if _symbol(s) in law],
            ),
            order=order,
            actor=None,
        )
    for row in data["processes"]:
        procedure = procedures.get(row["procedure"])
        if procedure is None:
            continue
        order += 1
        steps = row.get("steps") or catalogue["process_steps"][row["procedure"]]
        items[row["procedure"]] = services.model_item_create(
            model_set=model_set,
            kind="process",
            code=row["code"],
            title=f"Quy trình giải quyết {names[row['procedure']][0].lower()}"
            f"{names[row['procedure']][1:]}"[:300],
            procedure=procedure,
            content=EditionData(
                steps=_steps(steps),
                legal_basis=[law[_symbol(s)] for s in row["legal_basis"] if _symbol(s) in law],
            ),
            order=order,
            actor=None,
        )
    for item in items.values():
        services.edition_approve(
            edition=item.editions.get(), actor=None, approved_on=first_approved
        )
    if stdout is not None:
        stdout.write(f"Kit: {len(items)} models in {model_set.code}.\n")

    adoption = data["adoption"]
    adopters = _adopters(province, adoption["adopters"])
    # The communes' drafts need an author: the administrator records what their ISO
    # secretaries sent on paper.
    clerk = User.objects.filter(username="admin").first()
    # The five communes that adapt their copy adopted the whole set; the others, which
    # keep the documents they already wrote, adopted the model processes only (a draft of
    # each document is a file written and read back, the longest part of the load).
    whole = adopters[-adoption["whole_set"] :]
    processes = [item for item in items.values() if item.kind == "process"]
    for agency in adopters:
        chosen = None if agency in whole else processes
        services.model_set_adopt(agency=agency, model_set=model_set, items=chosen, actor=clerk)
    _adapt(adopters, items, adoption["adapted"], clerk)

    revision = data["revision"]
    amended = law.get(_symbol(revision["amends"]))
    amending = _symbol(revision["legal_document"])
    if amended is not None:
        services.model_reviews_open(
            document=amended,
            reason=f"Được sửa đổi, bổ sung bởi Nghị định {amending}"[:300],
            actor=None,
        )
    approved_on = timezone.localdate() + datetime.timedelta(days=revision["approved_offset_days"])
    revised = []
    for row in revision["items"]:
        item = items.get(row["procedure"])
        if item is None:
            continue
        current = item.editions.get(number=1)
        steps = [
            ModelStepData(
                name=row["name"] if step.order == row["step"] else step.name,
                responsible=step.responsible,
                time_amount=step.time_amount,
                time_unit=step.time_unit,
                department_name=step.department_name,
                output=step.output,
                forms=step.forms,
                signs=step.signs,
                gives_result=step.gives_result,
            )
            for step in current.steps.order_by("order")
        ]
        draft = services.edition_draft(
            item=item,
            content=EditionData(
                steps=steps,
                legal_basis=[*current.legal_basis.all()]
                + ([law[amending]] if amending in law else []),
                changes=[
                    {
                        "what": row["change"],
                        "where": f"Bước {row['step']}",
                        "why": f"Nghị định {amending}",
                    }
                ],
            ),
            actor=None,
        )
        revised.append(services.edition_approve(edition=draft, actor=None, approved_on=approved_on))
    answered = _answer(revised, revision, clerk, first=whole)
    if stdout is not None:
        stdout.write(
            f"Kit: {len(adopters)} communes and wards adopted it; the revision after "
            f"{amending}: {answered} answers.\n"
        )
    return {
        "model_items": len(items),
        "adoptions": len(adopters),
        "update_requests": UpdateRequest.objects.filter(edition__in=revised).count(),
        "answered": answered,
    }


def _adapt(
    adopters: list[Agency], items: dict[str, Any], changes: list[dict[str, Any]], clerk: Any
) -> None:
    """Five communes change their copy: four a line of a document, one (the last) step 2 of
    its birth registration process, so that the revision meets a conflict there."""
    for agency, change in zip(adopters[-len(changes) :], changes, strict=True):
        item = items[change["item"]]
        adopted = AdoptedItem.objects.get(agency=agency, item=item)
        old, new = change["replace"]
        services.adopted_text_adapt(
            adopted=adopted,
            text=adopted.text.replace(old, new),
            actor=clerk,
            changes=[{"what": "Điều chỉnh cho phù hợp với địa phương", "where": "", "why": ""}],
        )
    birth = items.get("1.001193")
    if birth is None:
        return
    agency = adopters[-1]
    adopted = AdoptedItem.objects.get(agency=agency, item=birth)
    key = (agency.pk, birth.procedure_id)
    units = [list(unit) for unit in process_units(latest_processes([key]).get(key))]
    units[1][0] = (
        "Tra cứu Cơ sở dữ liệu hộ tịch điện tử, thẩm tra hồ sơ, ghi Sổ đăng ký khai sinh, "
        "lấy số định danh cá nhân cho trẻ em người dân tộc thiểu số tại nhà văn hóa thôn"
    )
    services.adopted_steps_adapt(
        adopted=adopted, steps=step_data([tuple(u) for u in units], agency), actor=clerk
    )


def _answer(revised: list[Any], revision: dict[str, Any], clerk: Any, first: list[Agency]) -> int:
    """The revision progressing: the communes that adapted their copy answered first (their
    local changes carried over), then others; one kept its own with a reason (the one whose
    step conflicts); the rest have not answered yet."""
    progress = revision["progress"]
    early = {agency.pk for agency in first}
    answered = 0
    for edition in revised:
        requests = sorted(
            UpdateRequest.objects.filter(edition=edition, status="open").select_related(
                "agency__unit"
            ),
            key=lambda r: (r.agency_id not in early, r.agency.unit.code),
        )
        conflicted = [r for r in requests if r.conflicts]
        clean = [r for r in requests if not r.conflicts]
        for request in conflicted[: progress["kept"]]:
            services.request_keep(request=request, reason=revision["kept_reason"], actor=clerk)
            answered += 1
        for request in clean[: progress["adopted"]]:
            services.request_adopt(request=request, actor=clerk)
            answered += 1
    return answered
