"""Writes to units, agencies, departments and memberships. Each runs in one transaction and
leaves an activity entry naming the actor."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chuan.accounts.roles import PROVINCE_WIDE_ROLES, grantable_roles
from chuan.accounts.services import user_create
from chuan.core.activity import activity_record
from chuan.core.text import fold
from chuan.organisations.choices import AGENCY_KIND_LEVELS, AgencyKind, UnitLevel
from chuan.organisations.models import AdministrativeUnit, Agency, Department, Membership
from chuan.organisations.validators import normalise_agency_code, validate_agency_code


def unit_search_name(name: str, short_name: str, code: str) -> str:
    return fold(f"{name} {short_name} {code}")


def agency_search_name(name: str, short_name: str, code: str | None) -> str:
    return fold(f"{name} {short_name} {code or ''}")


@dataclass
class AgencyData:
    """What an agency is made of, as a form, the API or an import row supplies it."""

    name: str
    kind: str
    unit: AdministrativeUnit
    level: str = ""
    short_name: str = ""
    parent: Agency | None = None
    code: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


def _add(errors: dict[str, list[str]], name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def agency_clean(data: AgencyData, *, instance: Agency | None = None) -> AgencyData:
    """Check an agency's data against the registry's rules; raise ValidationError per field.

    An agency works at its unit's level, so the level is taken from the unit (a level given
    by an import row must agree with it). The end date is filled from a unit that ceased to
    exist (a district PC ended with its district on 30/6/2025).
    """
    errors: dict[str, list[str]] = {}
    data.name = " ".join(data.name.split())
    data.short_name = " ".join(data.short_name.split())
    if not data.name:
        _add(errors, "name", _("Enter the agency's name."))
    elif len(data.name) > 255:
        _add(errors, "name", _("The name is longer than 255 characters."))
    if len(data.short_name) > 100:
        _add(errors, "short_name", _("The short name is longer than 100 characters."))
    if data.kind not in AgencyKind.values:
        _add(errors, "kind", _("Choose a kind of agency."))
    if data.level and data.level != data.unit.level:
        _add(errors, "level", _("The level does not match the unit's level."))
    data.level = data.unit.level
    allowed_levels = AGENCY_KIND_LEVELS.get(data.kind, ())
    if data.kind in AgencyKind.values and data.level not in allowed_levels:
        _add(
            errors,
            "unit",
            _("This kind of agency sits on a unit of %(levels)s; %(unit)s is of %(level)s.")
            % {
                "levels": ", ".join(str(UnitLevel(lv).label).lower() for lv in allowed_levels),
                "unit": data.unit.name,
                "level": str(UnitLevel(data.level).label).lower(),
            },
        )
    if data.code:
        data.code = normalise_agency_code(data.code)
        try:
            validate_agency_code(data.code)
        except ValidationError as exc:
            _add(errors, "code", exc.messages[0])
        else:
            clash = Agency.objects.filter(code=data.code)
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                _add(errors, "code", _("Another agency already has this code."))
    else:
        data.code = None
    unit_end = data.unit.valid_to
    if unit_end and data.valid_to is None:
        data.valid_to = unit_end
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        _add(errors, "valid_to", _("The end date cannot be before the start date."))
    if unit_end and data.valid_to and data.valid_to > unit_end:
        _add(
            errors,
            "valid_to",
            _("The unit ceased to exist on %(date)s; the agency cannot outlive it.")
            % {"date": unit_end.strftime("%d/%m/%Y")},
        )
    if data.unit.valid_from and data.valid_to and data.valid_to < data.unit.valid_from:
        _add(errors, "valid_to", _("The agency would end before its unit existed."))
    if data.parent is not None:
        ancestor: Agency | None = data.parent
        depth = 0
        while ancestor is not None and depth < 20:
            if instance is not None and ancestor.pk == instance.pk:
                _add(errors, "parent", _("An agency cannot be placed under itself."))
                break
            ancestor = ancestor.parent
            depth += 1
    if data.name:
        # Folded, so "Hòa"/"Hoà" and case differences (which SQLite's iexact misses for
        # Vietnamese letters) count as the same name.
        folded = fold(data.name)
        same_name = Agency.objects.filter(unit=data.unit, search_name__startswith=folded)
        if instance is not None:
            same_name = same_name.exclude(pk=instance.pk)
        if any(fold(name) == folded for name in same_name.values_list("name", flat=True)):
            _add(errors, "name", _("An agency with this name already exists on this unit."))
    if errors:
        raise ValidationError(errors)
    return data


def _agency_fields(data: AgencyData) -> dict[str, Any]:
    return {
        "name": data.name,
        "short_name": data.short_name,
        "kind": data.kind,
        "level": data.level,
        "unit": data.unit,
        "parent": data.parent,
        "code": data.code,
        "valid_from": data.valid_from,
        "valid_to": data.valid_to,
        "search_name": agency_search_name(data.name, data.short_name, data.code),
    }


def _snapshot(agency: Agency) -> dict[str, Any]:
    return {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "level": agency.level,
        # Names, not ids, so the history reads well even after the rows change.
        "unit": agency.unit.name,
        "parent": agency.parent.name if agency.parent else None,
        "code": agency.code,
        "valid_from": agency.valid_from,
        "valid_to": agency.valid_to,
    }


def _unique_clash(exc: IntegrityError) -> ValidationError:
    # Two officials saved the same code or name at the same moment; the checks in
    # agency_clean ran before either insert, so the database had the last word.
    return ValidationError({"name": [_("Another agency took this name or code a moment ago.")]})


def agency_create(*, data: AgencyData, actor: Any) -> Agency:
    """Register a new agency after checking it against the registry's rules."""
    try:
        return _agency_create(data=data, actor=actor)
    except IntegrityError as exc:
        raise _unique_clash(exc) from exc


def _agency_create(*, data: AgencyData, actor: Any) -> Agency:
    with transaction.atomic():
        agency_clean(data)
        agency = Agency.objects.create(**_agency_fields(data))
        activity_record(
            actor=actor,
            verb="agency.created",
            target=agency,
            agency_id=agency.pk,
            changes=_snapshot(agency),
        )
    return agency


def agency_update(*, agency: Agency, data: AgencyData, actor: Any) -> Agency:
    """Change an agency; the activity entry keeps each changed field's old and new value."""
    with transaction.atomic():
        agency_clean(data, instance=agency)
        before = _snapshot(agency)
        for name, value in _agency_fields(data).items():
            setattr(agency, name, value)
        after = _snapshot(agency)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changed:
            return agency
        try:
            with transaction.atomic():
                agency.save()
        except IntegrityError as exc:
            raise _unique_clash(exc) from exc
        activity_record(
            actor=actor, verb="agency.updated", target=agency, agency_id=agency.pk, changes=changed
        )
    return agency


def department_create(*, agency: Agency, name: str, actor: Any) -> Department:
    """Add a department (phòng, ban, bộ phận) to an agency."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": [_("Enter the department's name.")]})
    with transaction.atomic():
        existing = Department.objects.filter(agency=agency).values_list("name", flat=True)
        if any(fold(other) == fold(name) for other in existing):
            raise ValidationError(
                {"name": [_("This agency already has a department with this name.")]}
            )
        try:
            with transaction.atomic():
                department = Department.objects.create(agency=agency, name=name)
        except IntegrityError as exc:
            raise ValidationError(
                {"name": [_("This agency already has a department with this name.")]}
            ) from exc
        activity_record(
            actor=actor,
            verb="department.created",
            target=department,
            agency_id=agency.pk,
            changes={"name": name},
        )
    return department


def official_register(
    *,
    agency: Agency,
    department: Department | None,
    position: str,
    username: str,
    full_name: str,
    password: str,
    email: str = "",
    phone: str = "",
    roles: list[str],
    actor: Any,
) -> Any:
    """Open an account for an official of `agency`, with roles and their place in it.

    Roles beyond what the actor may grant are refused; the account, its roles and its
    membership are created together or not at all.
    """
    allowed = set(grantable_roles(actor))
    refused = [role for role in roles if role not in allowed]
    if refused:
        raise ValidationError({"roles": [_("You cannot give these roles.")]})
    # Province-wide roles open a whole province's data: only for officials of a provincial
    # agency (the DOST and its sub-department), never for a commune's.
    if agency.level != UnitLevel.PROVINCE and set(roles) & PROVINCE_WIDE_ROLES:
        raise ValidationError(
            {"roles": [_("Province-wide roles are only for officials of provincial agencies.")]}
        )
    if department is not None and department.agency_id != agency.pk:
        raise ValidationError({"department": [_("The department belongs to another agency.")]})
    with transaction.atomic():
        user = user_create(
            username=username,
            full_name=full_name,
            password=password,
            email=email,
            phone=phone,
            roles=roles,
            agency_id=agency.pk,
            actor=actor,
        )
        membership_create(
            user=user, agency=agency, department=department, position=position, actor=actor
        )
    return user


def membership_create(
    *,
    user: Any,
    agency: Agency,
    department: Department | None = None,
    position: str = "",
    make_active: bool = True,
    actor: Any,
) -> Membership:
    """Place a user in an agency (and department); by default it becomes their active one."""
    if department is not None and department.agency_id != agency.pk:
        raise ValidationError({"department": [_("The department belongs to another agency.")]})
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            agency=agency,
            department=department,
            defaults={"position": position.strip()},
        )
        reactivated = not created and not membership.is_active
        if reactivated:
            membership.is_active = True
            membership.save(update_fields=["is_active", "updated_at"])
        switched = make_active and user.active_membership_id != membership.pk
        if switched:
            user.active_membership = membership
            user.save(update_fields=["active_membership"])
        if not (created or reactivated):
            if switched:
                activity_record(
                    actor=actor, verb="membership.activated", target=membership, agency_id=agency.pk
                )
            return membership
        activity_record(
            actor=actor,
            verb="membership.created" if created else "membership.reactivated",
            target=membership,
            agency_id=agency.pk,
            changes={
                "user": user.username,
                "department": department.name if department else None,
                "position": membership.position,
            },
        )
    return membership
