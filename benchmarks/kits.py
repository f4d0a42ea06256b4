"""How fast one revised model reaches every commune that adopted it.

Run from the project root:

    .venv/bin/python benchmarks/kits.py             # scratch SQLite
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_kits'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_kits \\
        .venv/bin/python benchmarks/kits.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_kits'

With DATABASE_URL the database must be an empty scratch one.

The generator makes a province with its DOST and AGENCIES (150) communes, each with its
departments, ISO secretary and leader, and a commune model set holding a model system
procedure and a model internal process, both approved. Every commune has adopted both, as
`model_set_adopt` would have left it (its controlled document, its process with steps, the
adoption rows: written by bulk_create, since adoption is not what is timed); a third of
them adapted the text or a step, half of those where the next revision will change too
(a conflict). Each run then drafts a new edition of one model and times its approval by
DOST's leader, which closes the model's reviews and propagates it: an update request
opened in every commune with its draft prepared by the three-way merge (and the previous
run's unanswered requests superseded). The target is < 5 s for 150 communes. It prints
figures and checks nothing.
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 4
AGENCIES = int(os.environ.get("AGENCIES", "150"))

BODY = "\n".join(
    ["Quy trình kiểm soát hồ sơ của {{ten_co_quan}}", "Thư ký ISO: {{thu_ky_iso}}"]
    + [f"{n}. Nội dung mục {n} của quy trình, áp dụng tại {{{{dia_ban}}}}." for n in range(1, 60)]
)


def _world() -> dict[str, Any]:
    from django.contrib.auth.models import Group

    from chuan.accounts.models import User
    from chuan.accounts.roles import Role
    from chuan.documents.models import ControlledDocument
    from chuan.kits import services
    from chuan.kits.models import AdoptedItem, Adoption
    from chuan.kits.services import EditionData, ModelStepData
    from chuan.kits.services.common import editions_with_steps, model_units, placeholder_values
    from chuan.organisations.models import AdministrativeUnit, Agency, Department, Membership
    from chuan.procedures.models import InternalProcess, ProcessStep
    from chuan.procedures.tests.factories import make_procedure

    province = AdministrativeUnit.objects.create(
        unit_set="2025",
        code="99",
        name="Tỉnh Thử",
        short_name="Thử",
        level="province",
        kind="province",
        search_name="tinh thu",
    )
    province.province = province
    province.save(update_fields=["province"])
    dost = Agency.objects.create(
        name="Sở Khoa học và Công nghệ",
        kind="provincial_department",
        level="province",
        unit=province,
        search_name="so khoa hoc",
    )
    units = AdministrativeUnit.objects.bulk_create(
        AdministrativeUnit(
            unit_set="2025",
            code=f"9{n:04d}",
            name=f"Xã Thử {n}",
            short_name=f"Thử {n}",
            level="commune",
            kind="commune",
            parent=province,
            province=province,
            search_name=f"xa thu {n}",
        )
        for n in range(AGENCIES)
    )
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"Ủy ban nhân dân xã Thử {n}",
            kind="commune_peoples_committee",
            level="commune",
            unit=unit,
            search_name=f"uy ban xa thu {n}",
        )
        for n, unit in enumerate(units)
    )
    Department.objects.bulk_create(
        Department(agency=agency, name=name)
        for agency in agencies
        for name in ("Bộ phận Một cửa", "Tư pháp - Hộ tịch")
    )
    users = User.objects.bulk_create(
        User(username=f"bench{n}-{role}", full_name=f"Cán bộ {n} {role}", email=f"b{n}{role}@x.vn")
        for n in range(AGENCIES)
        for role in ("iso", "leader")
    )
    groups = {g.name: g for g in Group.objects.all()}
    through = User.groups.through
    through.objects.bulk_create(
        through(
            user_id=user.pk,
            group_id=groups[
                Role.ISO_SECRETARY if user.username.endswith("iso") else Role.AGENCY_LEADER
            ].pk,
        )
        for user in users
    )
    Membership.objects.bulk_create(
        Membership(user=user, agency=agencies[n // 2], position="Chủ tịch" if n % 2 else "")
        for n, user in enumerate(users)
    )
    coordinator = User.objects.create(username="bench-dost", full_name="Điều phối", email="d@x.vn")
    coordinator.groups.add(groups[Role.DOST_COORDINATOR])
    leader = User.objects.create(username="bench-dost-leader", full_name="Giám đốc", email="g@x.vn")
    leader.groups.add(groups[Role.AGENCY_LEADER])
    for user in (coordinator, leader):
        user.active_membership = Membership.objects.create(user=user, agency=dost)
        user.save(update_fields=["active_membership"])
    version = make_procedure(
        province, levels=["commune"], time_amount=Decimal(5), time_unit="working_days"
    )
    model_set = services.model_set_create(
        province=province,
        keeper=dost,
        code="BM-XA",
        name="Bộ mẫu cấp xã",
        scope="commune_level",
        actor=coordinator,
    )
    steps = [
        ModelStepData(
            "Tiếp nhận hồ sơ tại {{ten_co_quan}}",
            "desk",
            Decimal("0.5"),
            "working_days",
            "Bộ phận Một cửa",
        ),
        ModelStepData("Thẩm định", "department", Decimal("2"), "working_days", "Tư pháp - Hộ tịch"),
        ModelStepData("Ký kết quả", "leader", Decimal("1"), "working_days", signs=True),
        ModelStepData("Trả kết quả", "desk", Decimal("0.5"), "working_days", "Bộ phận Một cửa"),
    ]
    document = services.model_item_create(
        model_set=model_set,
        kind="document",
        code="QT-HT-02",
        title="Kiểm soát hồ sơ",
        document_kind="system_procedure",
        content=EditionData(body=BODY),
        actor=coordinator,
    )
    process = services.model_item_create(
        model_set=model_set,
        kind="process",
        code="QT-TP-01",
        title="Đăng ký khai sinh",
        procedure=version.procedure,
        content=EditionData(steps=steps),
        actor=coordinator,
    )
    for item in (document, process):
        services.edition_approve(edition=item.editions.get(), actor=leader)
    # What adoption leaves, written in bulk.
    doc_edition = document.editions.get()
    proc_edition = process.editions.get()
    editions = editions_with_steps([doc_edition.pk, proc_edition.pk])
    values = placeholder_values(
        list(
            Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("unit__province")
        )
    )
    adoptions = Adoption.objects.bulk_create(
        Adoption(agency=a, model_set=model_set) for a in agencies
    )
    documents = ControlledDocument.objects.bulk_create(
        ControlledDocument(
            agency=a, code="QT-HT-02", title="Kiểm soát hồ sơ", kind="system_procedure"
        )
        for a in agencies
    )
    processes = InternalProcess.objects.bulk_create(
        InternalProcess(
            agency=a, procedure=version.procedure, code="QT-TP-01", edition=1, status="approved"
        )
        for a in agencies
    )
    departments = {(d.agency_id, d.name): d for d in Department.objects.all()}
    step_rows = []
    for n, (agency, proc) in enumerate(zip(agencies, processes, strict=True)):
        for order, unit in enumerate(model_units(editions[proc_edition.pk], values[agency.pk]), 1):
            amount = Decimal(unit[3])
            if n % 3 == 0 and order == 2:
                amount = Decimal("1.5")  # a local change
            step_rows.append(
                ProcessStep(
                    process=proc,
                    order=order,
                    name=unit[0],
                    responsible=unit[1],
                    department=departments.get((agency.pk, unit[2])),
                    time_amount=amount,
                    time_unit=unit[4],
                    signs=unit[7],
                )
            )
    ProcessStep.objects.bulk_create(step_rows)
    adopted = []
    for n, (agency, adoption, doc, proc) in enumerate(
        zip(agencies, adoptions, documents, processes, strict=True)
    ):
        text = "\n".join(model_units(editions[doc_edition.pk], values[agency.pk]))
        if n % 3 == 0:
            # A local change: line 10 (the next revisions change line 30: no conflict) or,
            # for half of them, line 30 itself (a conflict).
            line = 30 if n % 2 == 0 else 10
            text = text.replace(f"{line}. Nội dung", f"{line}. Nội dung (xã sửa)")
        adopted.append(
            AdoptedItem(
                adoption=adoption,
                agency=agency,
                item=document,
                base_edition=doc_edition,
                document=doc,
                text=text,
                adapted=n % 3 == 0,
            )
        )
        adopted.append(
            AdoptedItem(
                adoption=adoption,
                agency=agency,
                item=process,
                base_edition=proc_edition,
                process=proc,
                adapted=n % 3 == 0,
            )
        )
    AdoptedItem.objects.bulk_create(adopted)
    return {
        "document": document,
        "process": process,
        "coordinator": coordinator,
        "leader": leader,
        "steps": steps,
    }


def main() -> None:
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-kits-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chuan.kits import services
    from chuan.kits.models import UpdateRequest
    from chuan.kits.services import EditionData, ModelStepData

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        began = time.perf_counter()
        world = _world()
        print(
            f"{AGENCIES} communes with the kit adopted, made in {time.perf_counter() - began:.1f} s"
        )
        for label, item in (
            ("model document (60 lines)", world["document"]),
            ("model process (4 steps)", world["process"]),
        ):
            samples, cpu, queries = [], [], 0
            for run in range(RUNS):
                if item.kind == "document":
                    body = BODY.replace("30. Nội dung", f"30. Nội dung sửa lần {run}")
                    content = EditionData(body=body, changes=[{"what": f"Sửa lần {run}"}])
                else:
                    steps = [ModelStepData(**{**s.__dict__}) for s in world["steps"]]
                    steps[2].time_amount = Decimal("0.5") if run % 2 == 0 else Decimal("1")
                    content = EditionData(steps=steps, changes=[{"what": f"Sửa lần {run}"}])
                draft = services.edition_draft(
                    item=item, content=content, actor=world["coordinator"]
                )
                t0, c0 = time.perf_counter(), time.process_time()
                with CaptureQueriesContext(connection) as captured:
                    services.edition_approve(edition=draft, actor=world["leader"])
                samples.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                queries = len(captured.captured_queries)
            opened = UpdateRequest.objects.filter(edition__item=item, status="open").count()
            conflicts = UpdateRequest.objects.filter(
                edition__item=item, status="open", conflicts__gt=0
            ).count()
            print(
                f"{label}: approve + propagate to {opened} communes "
                f"({conflicts} drafts with conflicts), {RUNS} runs: "
                f"median {statistics.median(samples):.2f} s, max {max(samples):.2f} s wall; "
                f"median {statistics.median(cpu):.2f} s processor; {queries} queries"
            )
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
