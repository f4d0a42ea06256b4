"""The demo loader: Gia Lai's 53 agencies of 2017, its communes then and since 2025, one account
per role, and a second run that adds nothing."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.db import transaction

import pytest

from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.core.models import ActivityEntry
from chuan.demo import gialai
from chuan.demo.loader import load_demo
from chuan.organisations.choices import AgencyKind, UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency, Department, Membership
from chuan.organisations.scoping import visible_agencies
from chuan.organisations.validators import validate_agency_code


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo(dossiers=0)
        yield summary
        transaction.set_rollback(True)


def _province(unit_set):
    return AdministrativeUnit.objects.get(
        unit_set=unit_set, level=UnitLevel.PROVINCE, short_name="Gia Lai"
    )


def _counts():
    return {
        "units": AdministrativeUnit.objects.count(),
        "agencies": Agency.objects.count(),
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "activity": ActivityEntry.objects.count(),
    }


@pytest.mark.django_db
def test_first_run_reports_what_it_created(demo):
    assert demo["agencies"] == 1 + 36 + 17 + 218 + 1 + 16 + 135
    assert demo["users"] == len(Role.values)
    assert demo["memberships"] == len(gialai.DEMO_ACCOUNTS)
    assert demo["departments"] > 0


@pytest.mark.django_db
def test_legacy_gia_lai_has_the_53_agencies_of_the_article(demo):
    province = _province(UnitSet.LEGACY)
    departments = Agency.objects.filter(
        unit=province, kind=AgencyKind.PROVINCIAL_DEPARTMENT
    ).order_by("name")
    districts = Agency.objects.filter(
        unit__province=province, kind=AgencyKind.DISTRICT_PEOPLES_COMMITTEE
    )
    assert departments.count() == 36
    assert districts.count() == 17
    assert set(districts.values_list("unit__level", flat=True)) == {UnitLevel.DISTRICT}
    assert {a.valid_to for a in [*departments, *districts]} == {datetime.date(2025, 6, 30)}
    names = set(departments.values_list("name", flat=True))
    assert {"Sở Khoa học và Công nghệ", "Thanh tra tỉnh", "Ban Dân tộc"} <= names
    assert "Ủy ban nhân dân thành phố Pleiku" in set(districts.values_list("name", flat=True))
    tdc = departments.get(name="Chi cục Tiêu chuẩn Đo lường Chất lượng")
    assert tdc.parent.name == "Sở Khoa học và Công nghệ"


@pytest.mark.django_db
def test_one_peoples_committee_per_legacy_commune_under_its_district(demo):
    province = _province(UnitSet.LEGACY)
    communes = AdministrativeUnit.objects.filter(province=province, level=UnitLevel.COMMUNE)
    committees = Agency.objects.filter(
        unit__province=province, kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    ).select_related("unit", "parent")
    assert communes.count() == 218
    assert committees.count() == 218
    assert {c.unit_id for c in committees} == set(communes.values_list("pk", flat=True))
    for committee in committees:
        assert committee.parent.unit_id == committee.unit.parent_id
        assert committee.name.startswith("Ủy ban nhân dân ")


@pytest.mark.django_db
def test_gia_lai_since_2025_has_its_departments_and_135_communes(demo):
    province = _province(UnitSet.REFORM_2025)
    committees = Agency.objects.filter(
        unit__province=province, kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    )
    assert AdministrativeUnit.objects.filter(province=province, level="commune").count() == 135
    assert committees.count() == 135
    assert committees.filter(name="Ủy ban nhân dân phường Pleiku").exists()
    agencies = Agency.objects.filter(unit__province=province)
    assert set(agencies.values_list("valid_from", flat=True)) == {datetime.date(2025, 7, 1)}
    names = set(
        agencies.filter(unit=province, kind=AgencyKind.PROVINCIAL_DEPARTMENT).values_list(
            "name", flat=True
        )
    )
    assert {"Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường"} <= names
    assert "Sở Tài nguyên và Môi trường" not in names
    assert agencies.filter(kind=AgencyKind.PUBLIC_SERVICE_CENTRE).count() == 1


@pytest.mark.django_db
def test_codes_are_well_formed_and_departments_exist(demo):
    codes = list(Agency.objects.exclude(code=None).values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    for code in codes:
        validate_agency_code(code)
    ward = Agency.objects.get(name="Ủy ban nhân dân phường Pleiku")
    assert ward.code
    assert ward.departments.filter(name=gialai.WARD_DESK).exists()
    dost = Agency.objects.get(unit=_province(UnitSet.REFORM_2025), short_name="Sở KH&CN")
    assert dost.departments.filter(name=gialai.DOST_TDC).exists()


@pytest.mark.django_db
def test_every_role_has_an_account_that_signs_in(demo, client):
    accounts = {account.role: account for account in gialai.DEMO_ACCOUNTS}
    assert set(accounts) == set(Role.values)
    for role, account in accounts.items():
        user = User.objects.get(username=account.username)
        assert user.full_name == account.full_name
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.active_membership is not None
        assert user.active_membership.position == account.position
        assert client.login(username=account.username, password=gialai.DEMO_PASSWORD)
        client.logout()


@pytest.mark.django_db
def test_dost_sees_the_whole_province_and_the_ward_leader_only_the_ward(demo):
    dost = User.objects.get(username="dost")
    visible = visible_agencies(dost)
    legacy = _province(UnitSet.LEGACY)
    reform = _province(UnitSet.REFORM_2025)
    assert visible.filter(unit__province=legacy).count() == 1 + 36 + 17 + 218
    assert visible.filter(unit__province=reform).count() == 1 + 16 + 135
    leader = User.objects.get(username="leader")
    assert list(visible_agencies(leader)) == [
        Agency.objects.get(unit__province=reform, name="Ủy ban nhân dân phường Pleiku")
    ]


@pytest.mark.django_db
def test_a_second_run_adds_and_changes_nothing(demo, django_assert_max_num_queries):
    before = _counts()
    snapshot = list(Agency.objects.order_by("pk").values())
    # Each part reads what exists once (units, agencies, roll-out, library, catalogue, the QMS
    # in use, DOST's year, the commune kit).
    with django_assert_max_num_queries(29):
        summary = load_demo(dossiers=0)
    assert _counts() == before
    assert list(Agency.objects.order_by("pk").values()) == snapshot
    assert {k: v for k, v in summary.items() if k != "seconds"} == {
        "units": 0,
        "lineage": 0,
        "agencies": 0,
        "departments": 0,
        "users": 0,
        "memberships": 0,
        "qms_events": 0,
        "qms_targets": 0,
        "legal_documents": 0,
        "procedures": 0,
        "internal_processes": 0,
        "dossiers": 0,
        "documents": 0,
        "qms_records": 0,
        "dost_year": 0,
        "kit": 0,
    }


@pytest.mark.django_db
def test_a_second_run_of_the_command_says_nothing_to_add(demo):
    out = StringIO()
    call_command("load_demo", "--dossiers", "0", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert "nothing to add" in lines[-1]
    assert all(line.startswith("[") for line in lines[:-1])  # the stages, stamped
    quiet = StringIO()
    call_command("load_demo", "--dossiers", "0", "--verbosity", "0", stdout=quiet)
    assert len(quiet.getvalue().strip().splitlines()) == 1


def test_accounts_table_lists_every_account():
    table = gialai.markdown_accounts_table()
    for account in gialai.DEMO_ACCOUNTS:
        assert f"`{account.username}`" in table
    assert gialai.DEMO_PASSWORD in table


@pytest.mark.django_db
def test_dost_s_year_is_loaded_for_2018_and_2026(demo):
    from chuan.inspections.choices import InspectionForm, PlanState, RequestState
    from chuan.inspections.models import (
        CorrectionRequest,
        GuidanceLetter,
        Inspection,
        InspectionPlan,
        ProvinceReport,
    )
    from chuan.inspections.report_states import ReportKind, ReportState
    from chuan.training.models import Certificate, Course

    plans = {plan.year: plan for plan in InspectionPlan.objects.all()}
    assert set(plans) == {2018, 2026}
    for plan in plans.values():
        assert plan.state == PlanState.APPROVED and plan.decision_number
        inspections = Inspection.objects.filter(line__plan=plan)
        assert inspections.count() == 12
        assert inspections.filter(form=InspectionForm.ON_SITE).count() >= 4  # a third
        assert inspections.filter(concluded_on__isnull=False).count() >= 4
    ward = CorrectionRequest.objects.filter(inspection__year=2026)
    assert {r.inspection.agency.name for r in ward} == {"Ủy ban nhân dân phường Pleiku"}
    assert sorted(ward.values_list("state", flat=True)) == sorted(
        [RequestState.ACCEPTED, RequestState.NOT_ACCEPTED, RequestState.OPEN]
    )
    assert all(r.nonconformity_id for r in ward)
    reports = dict(ProvinceReport.objects.filter(year=2026).values_list("kind", "state"))
    assert reports == {
        ReportKind.NOVEMBER: ReportState.ISSUED,
        ReportKind.DECEMBER: ReportState.DRAFT,
    }
    assert Course.objects.filter(starts_on__year=2026).count() == 3
    assert Certificate.objects.filter(course__starts_on__year=2026).exists()
    assert GuidanceLetter.objects.count() == 2


@pytest.mark.django_db
def test_the_commune_kit_is_adopted_and_its_revision_progresses(demo):
    from chuan.kits import selectors
    from chuan.kits.models import AdoptedItem, ModelSet, UpdateRequest

    model_set = ModelSet.objects.get(code="BM-XA-2025")
    assert model_set.items.filter(kind="process").count() == 15
    assert model_set.items.filter(kind="document").count() == 12
    table = selectors.adoption_table(model_set)
    adopters = sum(
        n for state, n in table.counts.items() if state not in ("not_adopted", "approved")
    )
    assert adopters == 40
    assert AdoptedItem.objects.filter(adapted=True).values("agency_id").distinct().count() == 5
    requests = UpdateRequest.objects.filter(edition__item__model_set=model_set)
    assert requests.filter(status="adopted").count() == 44
    assert table.counts["diverged"] == 4
    assert requests.filter(status="kept").exclude(decision="").count() == 1
    assert requests.filter(status="open").count() == 80 - 44 - 1
    birth = model_set.items.get(procedure__code="1.001193")
    assert table.counts["behind"] > 0
    assert table.item_counts[birth.pk]["kept_own"] == 1
