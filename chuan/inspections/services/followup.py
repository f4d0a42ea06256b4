"""Writes of DOST's year: what follows a conclusion — requests for correction become
nonconformities of the agency, a confirmed QMS is recorded on the roll-out — and the
corrective actions that come back (TT 26/2014 Art. 37.3–37.4)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.working_time import add_months
from chuan.improvement.choices import NcSource, Severity
from chuan.improvement.services.nonconformities import NonconformityData, nonconformity_raise
from chuan.inspections import article36
from chuan.inspections.choices import Conclusion, RequestState
from chuan.inspections.models import CorrectionRequest, Inspection
from chuan.rollout.choices import EventKind
from chuan.rollout.services import EventData, event_check, event_record

# Art. 37.3: the agency reports its corrective actions within two months of the signing.
REPORT_MONTHS = 2


def report_due(issued_on: datetime.date) -> datetime.date:
    """Two months from the minutes' signing, the month's last day when it has no such day
    (signed 31/12 → due 28/02 or 29/02)."""
    return add_months(issued_on, REPORT_MONTHS)


def inspection_concluded(
    *, inspection: Inspection, issued_on: datetime.date, actor: Any
) -> dict[str, int]:
    """What a conclusion sets off, inside the caller's transaction (the minutes' signing or
    a records-based inspection's conclusion): each drafted request for correction is issued,
    due two months from `issued_on`, and opens a nonconformity in the agency's register
    (source "DOST inspection", found by the actor); a conclusion that the QMS is applied and
    maintained records "applying, confirmed by inspection" on the agency's roll-out when its
    lifecycle allows it (an agency that never announced cannot be confirmed). Returns the
    counts of what it did."""
    opened = 0
    with transaction.atomic():
        requests = list(
            CorrectionRequest.objects.select_for_update()
            .filter(inspection=inspection, state=RequestState.DRAFT)
            .order_by("id")
        )
        for request in requests:
            description = request.text
            if request.code:
                item = article36.item(request.code)
                description = f"{item.label}. {request.text}"
            nc = nonconformity_raise(
                agency=inspection.agency,
                data=NonconformityData(
                    source=NcSource.INSPECTION,
                    severity=Severity.MINOR,
                    description=description,
                    found_on=issued_on,
                ),
                actor=None,
                found_by=actor,
            )
            request.nonconformity = nc
            request.state = RequestState.OPEN
            request.due_on = report_due(issued_on)
            request.save(update_fields=["nonconformity", "state", "due_on", "updated_at"])
            opened += 1
        confirmed = 0
        if inspection.conclusion == Conclusion.CONFORMS:
            data = EventData(
                kind=EventKind.APPLYING_CONFIRMED,
                occurred_on=issued_on,
                note=_("Confirmed by the inspection of %(year)s.") % {"year": inspection.year},
            )
            try:
                event_check(agency=inspection.agency, data=data)
            except ValidationError:
                pass  # the lifecycle does not allow it (never announced, lapsed): no event
            else:
                event_record(agency=inspection.agency, data=data, actor=actor)
                confirmed = 1
        activity_record(
            actor=actor,
            verb="inspection.concluded",
            target=inspection,
            agency_id=inspection.agency_id,
            changes={"requests": opened, "conclusion": inspection.conclusion},
        )
    return {"requests": opened, "confirmed": confirmed}


def register_activity_labels() -> None:
    """Labels of the activity this module records (called by InspectionsConfig.ready)."""
    register_verb_labels({"inspection.concluded": gettext_lazy("Concluded an inspection")})
    register_field_labels(
        {
            "requests": gettext_lazy("Requests for correction issued"),
            "conclusion": gettext_lazy("Conclusion"),
        },
        entity="inspection",
    )
    register_value_labels("conclusion", Conclusion, entity="inspection")
