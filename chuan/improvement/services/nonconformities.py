"""Writes on nonconformities and their corrective-action requests (ISO 9001:2015, 10.2)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.dossiers.models import Dossier
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.models import Nonconformity
from chuan.improvement.permissions import can_raise_nonconformity
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import Procedure


def register_activity_labels() -> None:
    register_verb_labels({"nonconformity.raised": gettext_lazy("Recorded a nonconformity")})
    register_field_labels(
        {
            "source": gettext_lazy("Source"),
            "severity": gettext_lazy("Severity"),
            "clause": gettext_lazy("ISO 9001 clause"),
            "dossiers": gettext_lazy("Dossiers"),
        },
        entity="nonconformity",
    )
    register_value_labels("source", NcSource, entity="nonconformity")
    register_value_labels("severity", Severity, entity="nonconformity")
    register_value_labels("state", NcState, entity="nonconformity")


@dataclass
class NonconformityData:
    """Part 1 of the request: what was found, where, against which requirement."""

    source: str
    severity: str
    description: str
    found_on: datetime.date
    clause: str = ""
    evidence: str = ""
    department: Department | None = None
    procedure: Procedure | None = None
    dossiers: list[Dossier] = field(default_factory=list)


def nonconformity_raise(
    *, agency: Agency, data: NonconformityData, actor: Any, found_by: Any = None
) -> Nonconformity:
    """Record a nonconformity of `agency` (part 1 of the form), numbered in the agency's
    yearly sequence. `found_by` defaults to the actor; the system (a triage or an audit
    finding) passes who found it."""
    if not can_raise_nonconformity(actor, agency.pk):
        raise PermissionDenied(_("You may not record nonconformities of this agency."))
    errors: dict[str, str] = {}
    description = data.description.strip()
    if not description:
        errors["description"] = _("Describe what does not conform.")
    if data.source not in NcSource.values:
        errors["source"] = _("Choose where the nonconformity was found.")
    if data.severity not in Severity.values:
        errors["severity"] = _("Choose how serious it is.")
    if len(data.clause) > 20:
        errors["clause"] = _("Give the clause as in the standard, e.g. 8.5.1.")
    if data.department is not None and data.department.agency_id != agency.pk:
        errors["department"] = _("Choose a department of this agency.")
    if any(dossier.agency_id != agency.pk for dossier in data.dossiers):
        errors["dossiers"] = _("Only this agency's dossiers can be linked.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The agency row is the lock that keeps the yearly numbers without gaps or repeats.
        Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
        year = data.found_on.year
        last = Nonconformity.objects.filter(agency=agency, year=year).aggregate(n=Max("number"))
        nc = Nonconformity.objects.create(
            agency=agency,
            department=data.department,
            year=year,
            number=(last["n"] or 0) + 1,
            source=data.source,
            severity=data.severity,
            clause=data.clause.strip(),
            procedure=data.procedure,
            description=description,
            evidence=data.evidence.strip(),
            found_on=data.found_on,
            found_by=found_by or actor,
        )
        if data.dossiers:
            nc.dossiers.set(data.dossiers)
        activity_record(
            actor=actor,
            verb="nonconformity.raised",
            target=nc,
            agency_id=agency.pk,
            changes={
                "source": nc.source,
                "severity": nc.severity,
                "clause": nc.clause,
                "dossiers": [d.code for d in data.dossiers],
            },
        )
    return nc
