"""Fixtures shared by every app's tests: a small real slice of Gia Lai and its officials."""

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import settings

from chuan.accounts.roles import Role
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.tests.factories import (
    AgencyFactory,
    UserFactory,
    lineage,
    make_unit,
    member,
)

# Property tests judge rules, not speed: a loaded CI machine must not fail them on time.
settings.register_profile("chuan", deadline=None)
settings.load_profile("chuan")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The test databases get the shared cache's table, as `make run` does after migrating."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_working_calendars() -> None:
    """Each test starts without the calendars an earlier test built (its rows rolled back)."""
    from chuan.calendars.selectors import calendar_cache_clear

    calendar_cache_clear()


@pytest.fixture(autouse=True)
def _fresh_form_sets() -> None:
    """Each test reads the form sets of its own database (an earlier test's rolled back)."""
    from chuan.procedures.selectors import form_sets_cache_clear, process_cache_clear

    form_sets_cache_clear()
    process_cache_clear()


@pytest.fixture(autouse=True)
def _fresh_identities() -> None:
    """Each test reads roles, permissions and provinces' lineage of its own database."""
    from chuan.accounts.identity import identity_cache_clear
    from chuan.organisations.scoping import lineage_cache_clear

    identity_cache_clear()
    lineage_cache_clear()


@dataclass
class World:
    """Gia Lai before and after 1 July 2025, with one official per role that tests need."""

    gia_lai_legacy: AdministrativeUnit
    binh_dinh_legacy: AdministrativeUnit
    gia_lai_2025: AdministrativeUnit
    kon_tum_legacy: AdministrativeUnit
    chu_se: AdministrativeUnit
    chu_se_town: AdministrativeUnit
    pleiku: AdministrativeUnit
    pleiku_ward_2025: AdministrativeUnit
    dost: Agency
    dost_2025: Agency
    chu_se_pc: Agency
    binh_dinh_dept: Agency
    kon_tum_dept: Agency
    ward_pc: Agency
    admin: Any
    coordinator: Any
    leader: Any
    secretary: Any
    viewer: Any
    outsider: Any


@pytest.fixture
def world(db: Any) -> World:
    gia_lai = make_unit(
        unit_set="legacy",
        code="64",
        name="Tỉnh Gia Lai",
        short_name="Gia Lai",
        level="province",
        kind="province",
    )
    binh_dinh = make_unit(
        unit_set="legacy",
        code="52",
        name="Tỉnh Bình Định",
        short_name="Bình Định",
        level="province",
        kind="province",
    )
    kon_tum = make_unit(
        unit_set="legacy",
        code="62",
        name="Tỉnh Kon Tum",
        short_name="Kon Tum",
        level="province",
        kind="province",
    )
    gia_lai_2025 = make_unit(
        unit_set="2025",
        code="52",
        name="Tỉnh Gia Lai",
        short_name="Gia Lai",
        level="province",
        kind="province",
    )
    lineage(gia_lai, gia_lai_2025)
    lineage(binh_dinh, gia_lai_2025)
    chu_se = make_unit(
        unit_set="legacy",
        code="633",
        name="Huyện Chư Sê",
        short_name="Chư Sê",
        level="district",
        kind="rural_district",
        parent=gia_lai,
    )
    chu_se_town = make_unit(
        unit_set="legacy",
        code="23941",
        name="Thị trấn Chư Sê",
        short_name="Chư Sê",
        level="commune",
        kind="township",
        parent=chu_se,
    )
    pleiku = make_unit(
        unit_set="legacy",
        code="622",
        name="Thành phố Pleiku",
        short_name="Pleiku",
        level="district",
        kind="provincial_city",
        parent=gia_lai,
    )
    pleiku_ward = make_unit(
        unit_set="2025",
        code="23575",
        name="Phường Pleiku",
        short_name="Pleiku",
        level="commune",
        kind="ward",
        parent=gia_lai_2025,
    )
    dost = AgencyFactory(name="Sở Khoa học và Công nghệ", unit=gia_lai, code="000.00.13.H21")
    dost_2025 = AgencyFactory(name="Sở Khoa học và Công nghệ", unit=gia_lai_2025)
    chu_se_pc = AgencyFactory(
        name="Ủy ban nhân dân huyện Chư Sê",
        unit=chu_se,
        kind="district_peoples_committee",
        level="district",
    )
    binh_dinh_dept = AgencyFactory(name="Sở Tư pháp tỉnh Bình Định", unit=binh_dinh)
    kon_tum_dept = AgencyFactory(name="Sở Tư pháp tỉnh Kon Tum", unit=kon_tum)
    ward_pc = AgencyFactory(
        name="Ủy ban nhân dân phường Pleiku",
        unit=pleiku_ward,
        kind="commune_peoples_committee",
        level="commune",
    )
    return World(
        gia_lai_legacy=gia_lai,
        binh_dinh_legacy=binh_dinh,
        gia_lai_2025=gia_lai_2025,
        kon_tum_legacy=kon_tum,
        chu_se=chu_se,
        chu_se_town=chu_se_town,
        pleiku=pleiku,
        pleiku_ward_2025=pleiku_ward,
        dost=dost,
        dost_2025=dost_2025,
        chu_se_pc=chu_se_pc,
        binh_dinh_dept=binh_dinh_dept,
        kon_tum_dept=kon_tum_dept,
        ward_pc=ward_pc,
        admin=UserFactory(username="admin1", roles=[Role.SYSTEM_ADMIN]),
        coordinator=member(UserFactory(roles=[Role.DOST_COORDINATOR]), dost_2025),
        leader=member(UserFactory(roles=[Role.AGENCY_LEADER]), chu_se_pc),
        secretary=member(UserFactory(roles=[Role.ISO_SECRETARY]), chu_se_pc),
        viewer=member(UserFactory(roles=[Role.VIEWER]), chu_se_pc),
        outsider=member(UserFactory(roles=[Role.AGENCY_LEADER]), kon_tum_dept),
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: Any) -> Any:
    """After every test that used the database, every activity entry the services recorded
    must read in words: its verb, each field and each coded value has a label
    (`chuan.core.activity_format`). The core's own tests record made-up entries directly."""
    outcome = yield
    if outcome.excinfo is not None or item.nodeid.startswith("chuan/core/tests/"):
        return
    uses_db = {"db", "transactional_db", "live_server"} & set(item.fixturenames)
    if not uses_db and item.get_closest_marker("django_db") is None:
        return
    from django.db import DatabaseError

    from chuan.core.activity_format import unlabelled
    from chuan.core.models import ActivityEntry

    try:
        rows = list(ActivityEntry.objects.values_list("verb", "changes").distinct())
    except DatabaseError:
        return
    missing = sorted({gap for verb, changes in rows for gap in unlabelled(verb, changes)})
    if missing:
        pytest.fail(
            "Activity shown without labels (register them in the app's AppConfig.ready() "
            "with chuan.core.activity_format.register_*): " + ", ".join(missing),
            pytrace=False,
        )
