"""Writes of the province's catalogue of administrative procedures: a procedure and its
versions by effective date, with dossier components, fees and legal basis."""

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.params import MAX_MONEY
from chuan.core.text import fold
from chuan.legal.models import LegalDocument
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit
from chuan.procedures import hooks
from chuan.procedures.choices import (
    OnlineLevel,
    TimeUnit,
)
from chuan.procedures.models import (
    DossierComponent,
    Field,
    Procedure,
    ProcedureVersion,
)
from chuan.procedures.permissions import (
    may_edit_catalogue,
)

CODE_MAX = 20
MAX_DAYS = Decimal(3650)


@dataclass
class ComponentData:
    name: str
    originals: int = 1
    certified_copies: int = 0
    photocopies: int = 0
    required: bool = True


@dataclass
class ProcedureData:
    """A version of a procedure as a screen or an import row supplies it."""

    name: str
    field_name: str
    levels: list[str]
    time_amount: Decimal
    time_unit: str
    valid_from: datetime.date
    time_note: str = ""
    fee: str = ""
    fee_amount: int = 0
    result: str = ""
    online_level: str = OnlineLevel.NONE
    cross_boundary: bool = False
    components: list[ComponentData] = field(default_factory=list)
    legal_basis: list[LegalDocument] = field(default_factory=list)


def procedure_data_errors(data: ProcedureData) -> dict[str, str]:
    errors: dict[str, str] = {}
    data.name = " ".join(data.name.split())
    data.field_name = " ".join(data.field_name.split())
    if not data.name:
        errors["name"] = _("Give the procedure's name.")
    if not data.field_name:
        errors["field_name"] = _("Give the field (lĩnh vực).")
    if not data.levels or any(level not in UnitLevel.values for level in data.levels):
        errors["levels"] = _("Choose the levels where the procedure applies.")
    if data.time_unit not in TimeUnit.values:
        errors["time_unit"] = _("Choose the unit of the statutory time.")
    elif data.time_amount < 0 or data.time_amount > MAX_DAYS:
        errors["time_amount"] = _("Give a statutory time from 0 to %(max)s.") % {"max": MAX_DAYS}
    elif data.time_unit != TimeUnit.SAME_DAY and data.time_amount == 0:
        errors["time_amount"] = _("Give the statutory time, or choose “same day”.")
    elif data.time_unit != TimeUnit.WORKING_DAYS and data.time_amount % 1:
        errors["time_amount"] = _("Only working days may be given in halves.")
    if data.online_level not in OnlineLevel.values:
        errors["online_level"] = _("Choose the online service level.")
    if data.fee_amount < 0:
        errors["fee_amount"] = _("A fee cannot be negative.")
    elif data.fee_amount > MAX_MONEY:
        errors["fee_amount"] = _("A fee is at most %(max)s đồng.") % {
            "max": f"{MAX_MONEY:,}".replace(",", ".")
        }
    for index, component in enumerate(data.components, start=1):
        component.name = " ".join(component.name.split())
        counts = (component.originals, component.certified_copies, component.photocopies)
        if not component.name or min(counts) < 0 or max(counts) > 99:
            errors["components"] = _("Dossier component %(n)s needs a name and counts of 0–99.") % {
                "n": index
            }
            break
    return errors


def _search_text(code: str, data: ProcedureData) -> str:
    return f" {fold(' '.join((code, data.name, data.field_name)))} "


def _new_version(
    procedure: Procedure, number: int, data: ProcedureData, actor: Any
) -> ProcedureVersion:
    field_row, _created = Field.objects.get_or_create(name=data.field_name)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        valid_from=data.valid_from,
        name=data.name,
        field=field_row,
        levels=" ".join(level for level in UnitLevel.values if level in data.levels),
        time_amount=data.time_amount,
        time_unit=data.time_unit,
        time_note=data.time_note.strip(),
        fee=data.fee.strip(),
        fee_amount=data.fee_amount,
        result=data.result.strip(),
        online_level=data.online_level,
        cross_boundary=data.cross_boundary,
        search_text=_search_text(procedure.code, data),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    DossierComponent.objects.bulk_create(
        DossierComponent(version=version, order=index, **asdict(component))
        for index, component in enumerate(data.components, start=1)
    )
    version.legal_basis.set(data.legal_basis)
    return version


def _summary(version: ProcedureVersion, data: ProcedureData) -> dict[str, Any]:
    return {
        "code": version.procedure.code,
        "version": version.number,
        "name": data.name,
        "valid_from": data.valid_from.isoformat(),
        "time": f"{data.time_amount} {data.time_unit}",
        "legal_basis": [document.symbol for document in data.legal_basis],
    }


def procedure_create(
    *, province: AdministrativeUnit, code: str, data: ProcedureData, actor: Any
) -> ProcedureVersion:
    """Add a procedure to a province's catalogue with its first version."""
    if not may_edit_catalogue(actor, province):
        raise PermissionDenied(_("You may not change this province's catalogue."))
    code = code.strip()
    errors = procedure_data_errors(data)
    if not code or len(code) > CODE_MAX or " " in code:
        errors["code"] = _("Give the procedure's code as in the national database, e.g. 1.001193.")
    elif Procedure.objects.filter(province=province, code=code).exists():
        errors["code"] = _("The catalogue already has procedure %(code)s; change it instead.") % {
            "code": code
        }
    if province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Choose a province.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    with transaction.atomic():
        try:
            with transaction.atomic():
                procedure = Procedure.objects.create(province=province, code=code)
        except IntegrityError as exc:
            raise ValidationError(
                {"code": [_("This code was just added by someone else.")]}
            ) from exc
        version = _new_version(procedure, 1, data, actor)
        activity_record(
            actor=actor, verb="procedure.created", target=version, changes=_summary(version, data)
        )
    return version


def procedure_revise(*, procedure: Procedure, data: ProcedureData, actor: Any) -> ProcedureVersion:
    """Make a new version of a procedure from `data.valid_from`; the version in force until
    then ends the day before. Dossiers received earlier keep their version."""
    if not may_edit_catalogue(actor, procedure.province_id):
        raise PermissionDenied(_("You may not change this province's catalogue."))
    errors = procedure_data_errors(data)
    with transaction.atomic():
        versions = list(
            ProcedureVersion.objects.select_for_update()
            .filter(procedure=procedure)
            .order_by("-number")
        )
        latest = versions[0]
        if data.valid_from <= latest.valid_from:
            errors["valid_from"] = _(
                "A new version must apply after the latest one (from %(date)s)."
            ) % {"date": latest.valid_from.strftime("%d/%m/%Y")}
        if errors:
            raise ValidationError({name: [message] for name, message in errors.items()})
        latest.valid_to = data.valid_from - datetime.timedelta(days=1)
        latest.save(update_fields=["valid_to", "updated_at"])
        version = _new_version(procedure, latest.number + 1, data, actor)
        activity_record(
            actor=actor, verb="procedure.revised", target=version, changes=_summary(version, data)
        )
        hooks.replaced(old=latest, new=version, actor=actor)
    return version
