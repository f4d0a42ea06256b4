"""The catalogue and internal processes through services, screens and API."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.accounts.roles import Role
from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.legal.choices import DocumentKind
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures import selectors, services
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess, Procedure, ProcedureVersion
from chuan.procedures.tests.factories import (
    approved_process,
    make_procedure,
    procedure_data,
    steps,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def birth(world):
    legal(world.admin, "60/2014/QH13", DocumentKind.LAW, D(2014, 11, 20), title="Luật Hộ tịch")
    return make_procedure(world.gia_lai_2025)


@pytest.fixture
def doccontrol(world):
    return member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), world.ward_pc)


def test_a_new_version_ends_the_previous_one_and_dossiers_bind_by_date(world, birth):
    v2 = services.procedure_revise(
        procedure=birth.procedure,
        data=procedure_data(
            time_amount=Decimal(1), time_unit="working_days", valid_from=D(2026, 1, 1)
        ),
        actor=world.coordinator,
    )
    birth.refresh_from_db()
    assert birth.valid_to == D(2025, 12, 31)
    assert selectors.version_in_force(birth.procedure, D(2025, 12, 31)) == birth
    assert selectors.version_in_force(birth.procedure, D(2026, 1, 1)) == v2
    assert selectors.version_in_force(birth.procedure, D(2025, 6, 30)) is None
    assert [c.name for c in v2.components.all()] == [c.name for c in birth.components.all()]
    entry = ActivityEntry.objects.get(verb="procedure.revised")
    assert entry.actor == world.coordinator and entry.changes["version"] == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valid_from": D(2025, 7, 1)}, "valid_from"),
        ({"name": " "}, "name"),
        ({"levels": []}, "levels"),
        ({"levels": ["hamlet"]}, "levels"),
        ({"time_unit": "working_days", "time_amount": Decimal(0)}, "time_amount"),
        ({"time_unit": "calendar_days", "time_amount": Decimal("1.5")}, "time_amount"),
        ({"time_unit": "fortnights"}, "time_unit"),
    ],
)
def test_bad_versions_change_nothing(world, birth, changes, field):
    changes.setdefault("valid_from", D(2026, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.procedure_revise(
            procedure=birth.procedure, data=procedure_data(**changes), actor=world.coordinator
        )
    assert field in caught.value.message_dict
    assert ProcedureVersion.objects.count() == 1
    birth.refresh_from_db()
    assert birth.valid_to is None


def test_codes_are_unique_per_province_and_only_its_coordinator_edits(world, birth):
    with pytest.raises(ValidationError):
        make_procedure(world.gia_lai_2025)
    with pytest.raises(PermissionDenied):
        services.procedure_create(
            province=world.kon_tum_legacy,
            code="1.001193",
            data=procedure_data(),
            actor=world.coordinator,
        )
    with pytest.raises(PermissionDenied):
        services.procedure_revise(
            procedure=birth.procedure,
            data=procedure_data(valid_from=D(2026, 1, 1)),
            actor=world.leader,
        )
    assert Procedure.objects.count() == 1


def test_search_without_diacritics(world, birth):
    make_procedure(
        world.gia_lai_2025,
        "2.000815",
        name="Chứng thực bản sao từ bản chính",
        field_name="Chứng thực",
    )

    def codes(query, user=world.viewer):
        return [
            v.procedure.code
            for v in selectors.catalogue_versions(user=user, on=D(2026, 1, 5), query=query)
        ]

    assert codes("khai sinh") == ["1.001193"]
    assert codes("CHUNG THUC") == ["2.000815"]
    assert codes("1.001193") == ["1.001193"]
    assert codes("ho tich") == ["1.001193"]
    assert codes("") == ["2.000815", "1.001193"]  # by field name: Chứng thực, Hộ tịch
    assert codes("", world.outsider) == []  # Kon Tum's officials see Quảng Ngãi's catalogue


def test_a_process_is_drafted_approved_and_revised(world, birth, doccontrol):
    process = services.process_draft_create(
        agency=world.ward_pc,
        procedure=birth.procedure,
        code="QT-HT-01",
        steps=steps("1", "4", "2"),
        actor=doccontrol,
    )
    assert process.edition == 1 and process.status == ProcessStatus.DRAFT
    fit = selectors.process_time_fit(process, birth)
    assert (fit.total_hours, fit.statutory_hours, fit.exceeds) == (Decimal(7), Decimal(8), False)
    with pytest.raises(ValidationError):  # one draft at a time
        services.process_draft_create(
            agency=world.ward_pc,
            procedure=birth.procedure,
            code="QT-HT-01",
            steps=steps("1"),
            actor=doccontrol,
        )
    services.process_approve(
        process=process,
        decision_number="15/QĐ-UBND",
        decision_date=D(2025, 7, 10),
        valid_from=D(2025, 7, 15),
        actor=doccontrol,
    )
    with pytest.raises(ValidationError):  # approved editions never change
        services.process_draft_update(
            process=process, code="QT", steps=steps("1"), actor=doccontrol
        )
    draft = services.process_revise(process=process, actor=doccontrol)
    assert draft.edition == 2 and [s.name for s in draft.steps.all()] == [
        "Bước 1",
        "Bước 2",
        "Bước 3",
    ]
    services.process_draft_update(
        process=draft, code="QT-HT-01", steps=steps("2", "8"), actor=doccontrol
    )
    assert selectors.process_time_fit(draft, birth).exceeds
    services.process_approve(
        process=draft,
        decision_number="40/QĐ-UBND",
        decision_date=D(2026, 1, 2),
        valid_from=D(2026, 1, 5),
        actor=member(UserFactory(roles=[Role.AGENCY_LEADER]), world.ward_pc),
    )
    process.refresh_from_db()
    assert process.valid_to == D(2026, 1, 4)
    verbs = list(
        ActivityEntry.objects.filter(verb__startswith="process.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "process.drafted",
        "process.approved",
        "process.drafted",
        "process.changed",
        "process.approved",
    ]


def test_process_rules(world, birth, doccontrol):
    with pytest.raises(ValidationError) as caught:
        services.process_draft_create(
            agency=world.ward_pc, procedure=birth.procedure, code="QT", steps=[], actor=doccontrol
        )
    assert "steps" in caught.value.message_dict
    with pytest.raises(PermissionDenied):  # another agency's process
        services.process_draft_create(
            agency=world.chu_se_pc,
            procedure=birth.procedure,
            code="QT",
            steps=steps("1"),
            actor=doccontrol,
        )
    process = services.process_draft_create(
        agency=world.ward_pc,
        procedure=birth.procedure,
        code="QT",
        steps=steps("1"),
        actor=doccontrol,
    )
    with pytest.raises(ValidationError) as caught:
        services.process_approve(
            process=process,
            decision_number="1/QĐ-UBND",
            decision_date=D(2025, 7, 10),
            valid_from=D(2025, 7, 1),
            actor=doccontrol,
        )
    assert "valid_from" in caught.value.message_dict
    with pytest.raises(PermissionDenied):  # a viewer records no decision
        services.process_approve(
            process=process,
            decision_number="1/QĐ-UBND",
            decision_date=D(2025, 7, 10),
            valid_from=D(2025, 7, 10),
            actor=world.viewer,
        )
    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT


def test_catalogue_screens(client, world, birth, django_assert_max_num_queries):
    approved_process(world.chu_se_pc, birth, "2", "4", "4")  # 10 h > 8 h: over the time
    assert_permission_matrix(client, "/procedures/?q=khai+sinh", allowed=world.viewer)
    with django_assert_max_num_queries(15):
        response = client.get("/procedures/?q=khai+sinh")
    assert [v.procedure.code for v in response.context["page"].object_list] == ["1.001193"]
    # A constant budget whatever the number of versions and processes; it includes building
    # the province's working calendar (three queries, cached afterwards).
    with django_assert_max_num_queries(20):
        response = client.get(f"/procedures/{birth.procedure_id}/")
    html = response.content.decode()
    assert "60/2014/QH13" in html and "Giấy chứng sinh" in html
    assert 'data-exceeds="1"' in html  # the viewer's own agency's process
    client.force_login(world.outsider)
    assert client.get(f"/procedures/{birth.procedure_id}/").status_code == 404


def test_process_screens(client, world, birth, doccontrol, django_assert_max_num_queries):
    client.force_login(doccontrol)
    url = f"/procedures/{birth.procedure_id}/processes/new/"
    form = {
        "code": "QT-HT-01",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-0-name": "Tiếp nhận, kiểm tra hồ sơ",
        "steps-0-responsible": "desk",
        "steps-0-time_amount": "1",
        "steps-0-time_unit": "working_hours",
        "steps-1-name": "Giải quyết, trình ký",
        "steps-1-responsible": "department",
        "steps-1-time_amount": "0.5",
        "steps-1-time_unit": "working_days",
        "steps-2-name": "",
        "steps-2-responsible": "desk",
        "steps-2-time_unit": "working_hours",
    }
    assert_permission_matrix(
        client,
        url,
        allowed=doccontrol,
        member_without_right=world.viewer,
        method="post",
        data=form,
        allowed_status=302,
    )
    process = InternalProcess.objects.get()
    assert [s.name for s in process.steps.all()] == [
        "Tiếp nhận, kiểm tra hồ sơ",
        "Giải quyết, trình ký",
    ]
    # The signing step and the step giving the result are marked on the screen; marks that
    # cannot stand come back with the reason and change nothing.
    edit = f"/processes/{process.pk}/edit/"
    bad = {**form, "steps-1-signs": "on"}  # a department's step cannot be signed
    response = client.post(edit, bad)
    assert response.status_code == 200 and "Bước 2" in response.content.decode()
    assert not process.steps.filter(signs=True).exists()
    marked = {
        **form,
        "steps-1-responsible": "leader",
        "steps-1-signs": "on",
        "steps-1-gives_result": "on",
    }
    assert client.post(edit, marked).status_code == 302
    assert list(process.steps.values_list("signs", "gives_result")) == [
        (False, False),
        (True, True),
    ]
    with django_assert_max_num_queries(20):
        response = client.get(f"/processes/{process.pk}/")
    assert response.context["fit"].total_hours == Decimal(5)
    response = client.post(
        f"/processes/{process.pk}/approve/",
        {
            "decision_number": "15/QĐ-UBND",
            "decision_date": "2025-07-10",
            "valid_from": "2025-07-15",
        },
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == ProcessStatus.APPROVED
    client.force_login(world.outsider)
    assert client.get(f"/processes/{process.pk}/").status_code == 404


def test_api(client, world, birth):
    approved_process(world.chu_se_pc, birth, "2", "4")
    assert_permission_matrix(
        client, "/api/v1/procedures/?q=khai+sinh", allowed=world.viewer, api=True
    )
    body = client.get("/api/v1/procedures/?q=khai+sinh").json()
    assert body["results"][0]["code"] == "1.001193"
    detail = client.get(f"/api/v1/procedures/{birth.procedure_id}/?on=2025-08-01").json()
    assert detail["components"][1]["name"] == "Giấy chứng sinh"
    assert detail["legal_basis"] == ["60/2014/QH13"]
    assert client.get(f"/api/v1/procedures/{birth.procedure_id}/?on=2025-06-01").status_code == 404
    processes = client.get(f"/api/v1/procedures/{birth.procedure_id}/processes/").json()
    assert [len(p["steps"]) for p in processes] == [2]
    client.force_login(world.outsider)
    assert client.get(f"/api/v1/procedures/{birth.procedure_id}/").status_code == 404


@pytest.mark.parametrize(
    ("kept", "shown"),
    [
        ("20 working_days", "20 ngày làm việc"),
        ("Bước 1 (1.00 working_hours)", "Bước 1 (1 giờ làm việc)"),
        ("Bước 2 (1.50 working_hours)", "Bước 2 (1,5 giờ làm việc)"),
    ],
)
def test_activity_writes_times_in_words_with_a_decimal_comma(kept, shown):
    from django.utils import translation

    from chuan.procedures.apps import _amount_in_words

    with translation.override("vi"):
        assert _amount_in_words(kept) == shown
