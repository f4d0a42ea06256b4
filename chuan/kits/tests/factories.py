"""A province's commune kit built through the services, for tests: the Gia Lai DOST keeps
a set with a model system procedure and a model process for birth registration; communes
with their ISO secretary, a reviewer and a leader adopt it."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from chuan.accounts.roles import Role
from chuan.documents import services as documents
from chuan.documents.models import Revision
from chuan.kits import services
from chuan.kits.models import ModelEdition, ModelItem, ModelSet
from chuan.kits.services import EditionData, ModelStepData
from chuan.legal.choices import DocumentKind as LegalKind
from chuan.legal.tests.factories import legal
from chuan.organisations.models import Agency, Department
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, make_unit, member
from chuan.procedures.services import process_approve
from chuan.procedures.tests.factories import make_procedure

BODY = """Quy trình kiểm soát tài liệu của {{ten_co_quan}}
1. Mục đích: thống nhất cách ban hành tài liệu.
2. Phạm vi: áp dụng tại {{dia_ban}}.
3. Trách nhiệm: {{thu_ky_iso}} theo dõi, {{lanh_dao}} phê duyệt.
4. Nội dung: soạn thảo, xem xét, phê duyệt.
5. Hồ sơ: lưu 5 năm."""


def model_steps(signing_days: str = "1") -> list[ModelStepData]:
    return [
        ModelStepData(
            "Tiếp nhận hồ sơ tại {{ten_co_quan}}",
            "desk",
            Decimal("0.5"),
            "working_days",
            "Bộ phận Một cửa",
        ),
        ModelStepData(
            "Thẩm định hồ sơ", "department", Decimal("2"), "working_days", "Tư pháp - Hộ tịch"
        ),
        ModelStepData("Ký kết quả", "leader", Decimal(signing_days), "working_days", signs=True),
        ModelStepData("Trả kết quả", "desk", Decimal("0.5"), "working_days", "Bộ phận Một cửa"),
    ]


@dataclass
class Commune:
    agency: Agency
    secretary: Any
    reviewer: Any
    leader: Any


@dataclass
class Kit:
    province: Any
    dost: Agency
    coordinator: Any
    dost_leader: Any
    law: Any
    version: Any
    model_set: ModelSet
    document: ModelItem
    process: ModelItem
    communes: list[Commune] = field(default_factory=list)


_counter = [0]


def commune(province: Any, name: str, kind: str = "commune") -> Commune:
    _counter[0] += 1
    unit = make_unit(
        unit_set="2025",
        code=f"9{_counter[0]:04d}",
        name=f"{'Xã' if kind == 'commune' else 'Phường'} {name}",
        short_name=name,
        level="commune",
        kind=kind,
        parent=province,
    )
    agency = AgencyFactory(
        name=f"Ủy ban nhân dân {'xã' if kind == 'commune' else 'phường'} {name}",
        unit=unit,
        kind="commune_peoples_committee",
        level="commune",
    )
    Department.objects.create(agency=agency, name="Bộ phận Một cửa")
    Department.objects.create(agency=agency, name="Tư pháp - Hộ tịch")
    return Commune(
        agency,
        member(UserFactory(roles=[Role.ISO_SECRETARY], full_name=f"Trần Thư Ký {name}"), agency),
        member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), agency),
        member(UserFactory(roles=[Role.AGENCY_LEADER], full_name=f"Lê Chủ Tịch {name}"), agency),
    )


def approve(edition: ModelEdition, kit: "Kit") -> ModelEdition:
    return services.edition_approve(edition=edition, actor=kit.dost_leader)


def make_kit(world: Any, communes: int = 2) -> Kit:
    province = world.gia_lai_2025
    dost = world.dost_2025
    coordinator = world.coordinator
    dost_leader = member(UserFactory(roles=[Role.AGENCY_LEADER]), dost)
    law = legal(world.admin, "60/2014/QH13", LegalKind.LAW, dt.date(2014, 11, 20))
    version = make_procedure(
        province, levels=["commune"], time_amount=Decimal(5), time_unit="working_days"
    )
    model_set = services.model_set_create(
        province=province,
        keeper=dost,
        code="BM-XA-2025",
        name="Bộ mẫu HTQLCL cấp xã",
        scope="commune_level",
        actor=coordinator,
    )
    document = services.model_item_create(
        model_set=model_set,
        kind="document",
        code="QT-HT-01",
        title="Quy trình kiểm soát tài liệu",
        document_kind="system_procedure",
        content=EditionData(body=BODY, legal_basis=[law]),
        actor=coordinator,
    )
    process = services.model_item_create(
        model_set=model_set,
        kind="process",
        code="QT-TP-01",
        title="Quy trình đăng ký khai sinh",
        procedure=version.procedure,
        content=EditionData(steps=model_steps(), legal_basis=[law]),
        actor=coordinator,
    )
    kit = Kit(province, dost, coordinator, dost_leader, law, version, model_set, document, process)
    for item in (document, process):
        approve(item.editions.get(), kit)
    kit.communes = [commune(province, f"Ia {n}") for n in range(communes)]
    return kit


def approve_revision(
    revision: Revision, commune: Commune, effective: dt.date | None = None
) -> Revision:
    """The commune's reviewer signs the draft off and its leader approves it."""
    revision = documents.revision_submit(
        revision=revision, reviewer=commune.reviewer, actor=commune.secretary
    )
    revision = documents.revision_sign_off(revision=revision, actor=commune.reviewer)
    return documents.revision_approve(
        revision=revision,
        effective_date=effective or timezone.localdate(),
        actor=commune.leader,
    )


def approve_process(process: Any, commune: Commune, valid_from: dt.date | None = None) -> Any:
    today = timezone.localdate()
    valid_from = valid_from or today
    return process_approve(
        process=process,
        decision_number=f"{process.edition}/QĐ-UBND",
        decision_date=min(today, valid_from),
        valid_from=valid_from,
        actor=commune.leader,
    )
