"""Writes of DOST's year: who inspects in a province, over which dates (TT 26/2014 Art. 34;
since the 2025 streamlining the inspecting unit may be the Sub-Department of Standards,
Metrology and Quality, a division of DOST or DOST itself). The ranges of one province never
overlap, so a date always names one unit: a new arrangement starts after the previous one
is ended."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.inspections.models import InspectingArrangement
from chuan.inspections.models.plans import InspectingUnitKind
from chuan.inspections.selectors.plans import overlapping
from chuan.inspections.services.plans import may_manage
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit

ENTITY = "inspecting_arrangement"


@dataclass
class ArrangementData:
    valid_from: datetime.date | None
    lead_unit: str
    unit_kind: str
    unit_name: str
    valid_to: datetime.date | None = None
    basis: str = ""


def _overlap_message(other: InspectingArrangement) -> str:
    until = f"{other.valid_to:%d/%m/%Y}" if other.valid_to else _("further notice")
    return _(
        "These dates overlap the arrangement of %(unit)s from %(start)s to %(end)s: end it "
        "first, or choose other dates."
    ) % {"unit": other.unit_name, "start": f"{other.valid_from:%d/%m/%Y}", "end": until}


def _check(data: ArrangementData) -> None:
    errors: dict[str, list[str]] = {}
    if data.valid_from is None:
        errors["valid_from"] = [_("Give the first day.")]
    elif data.valid_to is not None and data.valid_to < data.valid_from:
        errors["valid_to"] = [_("The last day is before the first.")]
    if data.unit_kind not in InspectingUnitKind.values:
        errors["unit_kind"] = [_("Choose what the inspecting unit is.")]
    for name in ("lead_unit", "unit_name"):
        value = getattr(data, name).strip()
        if not value:
            errors[name] = [_("This field is required.")]
        elif len(value) > 255:
            errors[name] = [_("At most %(n)s characters.") % {"n": 255}]
    if len(data.basis.strip()) > 255:
        errors["basis"] = [_("At most %(n)s characters.") % {"n": 255}]
    if errors:
        raise ValidationError(errors)


def arrangement_create(
    *, province: AdministrativeUnit, data: ArrangementData, actor: Any
) -> InspectingArrangement:
    """Record who inspects in the province from `valid_from` (to `valid_to`, or until
    further notice); refused when the dates meet another arrangement's."""
    may_manage(province.pk, actor)
    if province.level != UnitLevel.PROVINCE:
        raise ValidationError({"province": [_("Choose a province.")]})
    _check(data)
    assert data.valid_from is not None
    with transaction.atomic():
        # The province's row serialises writers, so two overlapping ranges cannot both pass.
        AdministrativeUnit.objects.select_for_update().filter(pk=province.pk).first()
        other = overlapping(province, data.valid_from, data.valid_to)
        if other is not None:
            raise ValidationError({"valid_from": [_overlap_message(other)]})
        arrangement = InspectingArrangement.objects.create(
            province=province,
            valid_from=data.valid_from,
            valid_to=data.valid_to,
            lead_unit=data.lead_unit.strip(),
            unit_kind=data.unit_kind,
            unit_name=data.unit_name.strip(),
            basis=data.basis.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        activity_record(
            actor=actor,
            verb="inspecting_arrangement.created",
            target=arrangement,
            changes={
                "valid_from": arrangement.valid_from,
                "valid_to": arrangement.valid_to,
                "lead_unit": arrangement.lead_unit,
                "unit_kind": arrangement.unit_kind,
                "unit_name": arrangement.unit_name,
            },
        )
    return arrangement


def arrangement_end(
    *, arrangement: InspectingArrangement, valid_to: datetime.date | None, actor: Any
) -> InspectingArrangement:
    """Set the last day of an arrangement (to make room for the next one)."""
    may_manage(arrangement.province_id, actor)
    if valid_to is None:
        raise ValidationError({"valid_to": [_("Give the last day.")]})
    if valid_to < arrangement.valid_from:
        raise ValidationError({"valid_to": [_("The last day is before the first.")]})
    with transaction.atomic():
        AdministrativeUnit.objects.select_for_update().filter(pk=arrangement.province_id).first()
        arrangement = InspectingArrangement.objects.select_for_update().get(pk=arrangement.pk)
        other = overlapping(
            arrangement.province, arrangement.valid_from, valid_to, exclude_pk=arrangement.pk
        )
        if other is not None:
            raise ValidationError({"valid_to": [_overlap_message(other)]})
        old = arrangement.valid_to
        arrangement.valid_to = valid_to
        arrangement.save(update_fields=["valid_to", "updated_at"])
        activity_record(
            actor=actor,
            verb="inspecting_arrangement.ended",
            target=arrangement,
            changes={"valid_to": [old, valid_to]},
        )
    return arrangement
