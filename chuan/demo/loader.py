"""Loading the demo province and the demo accounts (`manage.py load_demo`).

`make run` calls it on every start, so it is idempotent and quick once loaded: everything that
exists is read in a handful of queries (agencies by unit and name, departments by agency and
name, users by username, memberships by user, agency and department) and skipped; only what is
missing goes through the services, which leave the usual activity entries with no actor (the
system). What exists is never changed, even where it differs from the data here.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.accounts.services import user_create
from chuan.core.exceptions import DomainError
from chuan.demo import gialai
from chuan.demo.catalogue import load_catalogue
from chuan.demo.documents import load_documents
from chuan.demo.dossiers import load_dossiers
from chuan.demo.dost import load_dost
from chuan.demo.gialai import AgencySpec
from chuan.demo.kits import load_kits
from chuan.demo.progress import one_hash_per_password
from chuan.demo.qms import load_qms
from chuan.demo.rollout import load_rollout
from chuan.organisations.choices import REFORM_2025, AgencyKind, UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency, Department, Membership
from chuan.organisations.services import (
    AgencyData,
    agency_create,
    department_create,
    membership_create,
)
from chuan.organisations.units_import import import_units

# A year of work at the demo desks: enough for every screen and report to show something
# real, few enough to load in well under a minute.
DEMO_DOSSIERS = 2000


class _Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


@dataclass
class _Counts:
    agencies: int = 0
    departments: int = 0
    users: int = 0
    memberships: int = 0


@dataclass
class _Loader:
    """One run of the loader; holds what exists so that nothing is looked up row by row."""

    stdout: _Writer | None = None
    counts: _Counts = field(default_factory=_Counts)
    agencies: dict[tuple[int, str], Agency] = field(default_factory=dict)
    codes_in_use: set[str] = field(default_factory=set)
    departments: dict[tuple[int, str], Department] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    # --- units ----------------------------------------------------------------------------

    @staticmethod
    def province(unit_set: str) -> AdministrativeUnit:
        unit = AdministrativeUnit.objects.filter(
            unit_set=unit_set, level=UnitLevel.PROVINCE, short_name=gialai.PROVINCE
        ).first()
        if unit is None:
            raise DomainError(
                _("The unit registry has no province %(name)s in the %(list)s list.")
                % {"name": gialai.PROVINCE, "list": unit_set}
            )
        return unit

    @staticmethod
    def units_of(province: AdministrativeUnit, level: str) -> list[AdministrativeUnit]:
        return list(
            AdministrativeUnit.objects.filter(
                unit_set=province.unit_set, province=province, level=level
            ).order_by("code")
        )

    # --- agencies -------------------------------------------------------------------------

    def preload_agencies(self, provinces: Iterable[AdministrativeUnit]) -> None:
        for agency in Agency.objects.filter(unit__province__in=list(provinces)).order_by():
            self.agencies[(agency.unit_id, agency.name.casefold())] = agency
        self.codes_in_use = {
            code
            for code in Agency.objects.exclude(code=None).order_by().values_list("code", flat=True)
            if code
        }

    def agency(
        self,
        *,
        unit: AdministrativeUnit,
        name: str,
        kind: str,
        short_name: str = "",
        code: str | None = None,
        parent: Agency | None = None,
        valid_from: Any = None,
    ) -> Agency:
        """The agency of this name on this unit, created if missing."""
        key = (unit.pk, name.casefold())
        existing = self.agencies.get(key)
        if existing is not None:
            return existing
        if code in self.codes_in_use:
            code = None  # someone gave the code to another agency; the demo does without
        agency = agency_create(
            data=AgencyData(
                name=name,
                kind=kind,
                unit=unit,
                short_name=short_name,
                parent=parent,
                code=code,
                valid_from=valid_from,
            ),
            actor=None,
        )
        self.agencies[key] = agency
        if agency.code:
            self.codes_in_use.add(agency.code)
        self.counts.agencies += 1
        return agency

    def from_spec(
        self, spec: AgencySpec, *, unit: AdministrativeUnit, parent: Agency | None, valid_from: Any
    ) -> Agency:
        return self.agency(
            unit=unit,
            name=spec.name,
            kind=spec.kind,
            short_name=spec.short_name,
            code=spec.code,
            parent=parent,
            valid_from=valid_from,
        )

    def provincial(
        self,
        *,
        unit: AdministrativeUnit,
        committee: AgencySpec,
        specs: Iterable[AgencySpec],
        valid_from: Any = None,
    ) -> dict[str, Agency]:
        """The People's Committee and the provincial agencies, by short name."""
        peoples_committee = self.from_spec(committee, unit=unit, parent=None, valid_from=valid_from)
        by_short: dict[str, Agency] = {committee.short_name: peoples_committee}
        for spec in specs:
            parent = by_short[spec.parent] if spec.parent else peoples_committee
            by_short[spec.short_name] = self.from_spec(
                spec, unit=unit, parent=parent, valid_from=valid_from
            )
        return by_short

    def peoples_committee(
        self,
        unit: AdministrativeUnit,
        *,
        kind: str,
        parent: Agency,
        code: str | None,
        valid_from: Any = None,
    ) -> Agency:
        name = gialai.peoples_committee_name(unit.name, unit.short_name, unit.kind)
        return self.agency(
            unit=unit,
            name=name,
            kind=kind,
            short_name=gialai.peoples_committee_short_name(name),
            code=code,
            parent=parent,
            valid_from=valid_from,
        )

    # --- departments ----------------------------------------------------------------------

    def ensure_departments(self, wanted: list[tuple[Agency, Iterable[str]]]) -> None:
        for department in Department.objects.filter(
            agency_id__in=[agency.pk for agency, _names in wanted]
        ):
            self.departments[(department.agency_id, department.name.casefold())] = department
        for agency, names in wanted:
            for name in names:
                key = (agency.pk, name.casefold())
                if key in self.departments:
                    continue
                self.departments[key] = department_create(agency=agency, name=name, actor=None)
                self.counts.departments += 1

    # --- accounts -------------------------------------------------------------------------

    def ensure_accounts(self, places: dict[str, Agency]) -> None:
        usernames = [account.username.lower() for account in gialai.DEMO_ACCOUNTS]
        users: dict[str, User] = {
            user.username.lower(): user
            for user in User.objects.annotate(lower_name=Lower("username")).filter(
                lower_name__in=usernames
            )
        }
        memberships: set[tuple[int, int, int | None]] = set(
            Membership.objects.filter(user__in=list(users.values())).values_list(
                "user_id", "agency_id", "department_id"
            )
        )
        for account in gialai.DEMO_ACCOUNTS:
            user = users.get(account.username.lower())
            if user is None:
                user = user_create(
                    username=account.username,
                    full_name=account.full_name,
                    password=gialai.DEMO_PASSWORD,
                    email=f"{account.username}@example.com",
                    roles=[account.role],
                    superuser=account.role == Role.SYSTEM_ADMIN,
                    actor=None,
                )
                self.counts.users += 1
            agency = places[account.place]
            department = (
                self.departments[(agency.pk, account.department.casefold())]
                if account.department
                else None
            )
            if (user.pk, agency.pk, department.pk if department else None) in memberships:
                continue
            membership_create(
                user=user,
                agency=agency,
                department=department,
                position=account.position,
                make_active=user.active_membership_id is None,
                actor=None,
            )
            self.counts.memberships += 1

    # --- the whole province ---------------------------------------------------------------

    def run(self) -> None:
        legacy = self.province(UnitSet.LEGACY)
        reform = self.province(UnitSet.REFORM_2025)
        self.preload_agencies([legacy, reform])

        self.say("Gia Lai 2017: provincial agencies, district and commune People's Committees…")
        legacy_agencies = self.provincial(
            unit=legacy,
            committee=gialai.LEGACY_PEOPLES_COMMITTEE,
            specs=gialai.LEGACY_PROVINCIAL_AGENCIES,
        )
        legacy_committee = legacy_agencies[gialai.LEGACY_PEOPLES_COMMITTEE.short_name]
        district_committees: dict[int, tuple[Agency, int]] = {}
        pleiku_city: Agency | None = None
        for number, district in enumerate(
            self.units_of(legacy, UnitLevel.DISTRICT), start=gialai.LEGACY_DISTRICT_CODE_START
        ):
            committee = self.peoples_committee(
                district,
                kind=AgencyKind.DISTRICT_PEOPLES_COMMITTEE,
                parent=legacy_committee,
                code=f"000.00.{number:02d}.H21" if number <= 99 else None,
            )
            district_committees[district.pk] = (committee, number)
            if district.short_name == gialai.DESK_WARD:
                pleiku_city = committee
        seen_in_district: dict[int, int] = {}
        for commune in self.units_of(legacy, UnitLevel.COMMUNE):
            if commune.parent_id not in district_committees:
                continue
            district_committee, number = district_committees[commune.parent_id]
            rank = seen_in_district[commune.parent_id] = (
                seen_in_district.get(commune.parent_id, 0) + 1
            )
            self.peoples_committee(
                commune,
                kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
                parent=district_committee,
                code=f"000.{rank:02d}.{number:02d}.H21" if rank <= 99 and number <= 99 else None,
            )

        self.say("Gia Lai since 1 July 2025: provincial agencies and commune People's Committees…")
        reform_agencies = self.provincial(
            unit=reform,
            committee=gialai.REFORM_PEOPLES_COMMITTEE,
            specs=gialai.REFORM_PROVINCIAL_AGENCIES,
            valid_from=REFORM_2025,
        )
        reform_committee = reform_agencies[gialai.REFORM_PEOPLES_COMMITTEE.short_name]
        desk_ward: Agency | None = None
        for rank, commune in enumerate(self.units_of(reform, UnitLevel.COMMUNE), start=1):
            committee = self.peoples_committee(
                commune,
                kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
                parent=reform_committee,
                code=f"{rank:03d}.00.00.H21" if rank <= 999 else None,
                valid_from=REFORM_2025,
            )
            if commune.short_name == gialai.DESK_WARD and commune.level == UnitLevel.COMMUNE:
                desk_ward = committee
        if desk_ward is None:
            raise DomainError(
                _("The unit registry has no ward %(name)s in Gia Lai since 1 July 2025.")
                % {"name": gialai.DESK_WARD}
            )

        self.say("Departments…")
        wanted: list[tuple[Agency, Iterable[str]]] = [
            (legacy_agencies["Sở KH&CN"], gialai.DOST_2017_DEPARTMENTS),
            (legacy_agencies["CC TĐC"], gialai.TDC_2017_DEPARTMENTS),
            (reform_agencies["Sở KH&CN"], gialai.DOST_2025_DEPARTMENTS),
            (reform_agencies["TT PVHCC tỉnh"], gialai.PROVINCIAL_CENTRE_2025_DEPARTMENTS),
            (desk_ward, gialai.DESK_WARD_2025_DEPARTMENTS),
        ]
        if pleiku_city is not None:
            wanted.append((pleiku_city, gialai.PLEIKU_CITY_2017_DEPARTMENTS))
        self.ensure_departments(wanted)

        self.say("Demo accounts…")
        self.ensure_accounts(
            {gialai.AT_DOST: reform_agencies["Sở KH&CN"], gialai.AT_WARD: desk_ward}
        )


def load_demo(
    *, stdout: _Writer | None = None, whole_country: bool = True, dossiers: int = DEMO_DOSSIERS
) -> dict[str, Any]:
    """Load Gia Lai (2017 and since 2025) with its agencies, their QMS roll-out (histories and
    targets, `chuan.demo.rollout`) and the demo accounts.

    Imports the units first: the whole country's two lists by default, so that search and the
    unit browser show what a province really works with; with `whole_country=False` only the
    former Gia Lai and Bình Định and the 2025 Gia Lai, with their lineage. Returns how many
    units, lineage links, agencies, departments, users, memberships, QMS events and targets it
    created, and how long it took in seconds. A second run creates nothing.
    """
    started = time.perf_counter()
    loader = _Loader(stdout=stdout)
    with one_hash_per_password(), transaction.atomic():
        report = import_units(
            unit_set="both",
            province=None if whole_country else gialai.PROVINCE,
            stdout=stdout,
        )
        loader.say(f"Units: {report.created} created, {report.lineage_created} lineage links.")
        loader.run()
        counts = loader.counts
        loader.say(
            f"Agencies: {counts.agencies} created, {counts.departments} departments, "
            f"{counts.users} accounts, {counts.memberships} memberships."
        )
        rollout = load_rollout(agencies=loader.agencies.values(), stdout=stdout)
        loader.say(f"QMS roll-out: {rollout.events} events, {rollout.targets} targets created.")
        catalogue = load_catalogue(stdout=stdout)
        documents = load_documents(stdout=stdout)
        desk = load_dossiers(count=dossiers, stdout=stdout)
        qms = load_qms(stdout=stdout)
        dost = load_dost(stdout=stdout)
        kits = load_kits(stdout=stdout)
    counts = loader.counts
    return {
        "units": report.created,
        "lineage": report.lineage_created,
        "agencies": counts.agencies,
        "departments": counts.departments,
        "users": counts.users,
        "memberships": counts.memberships,
        "qms_events": rollout.events,
        "qms_targets": rollout.targets,
        "legal_documents": catalogue.legal_documents,
        "procedures": catalogue.procedures,
        "internal_processes": catalogue.processes,
        "dossiers": desk.dossiers,
        "documents": documents,
        "qms_records": sum(
            sum(part.values()) if isinstance(part, dict) else part for part in qms.values()
        ),
        "dost_year": sum(dost.values()),
        "kit": kits["model_items"] + kits["adoptions"] + kits["update_requests"],
        "seconds": time.perf_counter() - started,
    }
