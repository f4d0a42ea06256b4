"""Factories for units, agencies and officials, shaped like Gia Lai's real registry."""

import datetime
from typing import Any

from django.contrib.auth.models import Group

import factory

from chuan.accounts.models import User
from chuan.accounts.services import user_search_name
from chuan.organisations.choices import LEGACY_LAST_DAY, REFORM_2025, LineageKind
from chuan.organisations.models import AdministrativeUnit, Agency, Department, Membership
from chuan.organisations.services import agency_search_name, unit_search_name


def make_unit(
    *,
    unit_set: str,
    code: str,
    name: str,
    short_name: str,
    level: str,
    kind: str,
    parent: AdministrativeUnit | None = None,
) -> AdministrativeUnit:
    legacy = unit_set == "legacy"
    unit = AdministrativeUnit.objects.create(
        unit_set=unit_set,
        code=code,
        name=name,
        short_name=short_name,
        level=level,
        kind=kind,
        parent=parent,
        province=parent.province if parent is not None else None,
        valid_from=None if legacy else REFORM_2025,
        valid_to=LEGACY_LAST_DAY if legacy else None,
        search_name=unit_search_name(name, short_name, code),
    )
    if parent is None:
        unit.province = unit
        unit.save(update_fields=["province"])
    return unit


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"official{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.vn")
    search_name = factory.LazyAttribute(
        lambda o: user_search_name(o.username, o.full_name, o.email)
    )
    password = factory.django.Password("mật-khẩu-thử-2026")

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class AgencyFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = "provincial_department"
    level = "province"
    search_name = factory.LazyAttribute(lambda o: agency_search_name(o.name, "", o.code))
    code = None


def member(user: User, agency: Agency, department: Department | None = None) -> User:
    membership = Membership.objects.create(user=user, agency=agency, department=department)
    user.active_membership = membership
    user.save(update_fields=["active_membership"])
    return user


def lineage(old: AdministrativeUnit, new: AdministrativeUnit) -> None:
    from chuan.organisations.models import UnitLineage

    UnitLineage.objects.create(
        predecessor=old,
        successor=new,
        kind=LineageKind.MERGED_INTO,
        effective_on=datetime.date(2025, 7, 1),
    )
