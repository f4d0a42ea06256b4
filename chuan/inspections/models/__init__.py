"""Models of DOST's year, one module per concern."""

from chuan.inspections.models.followup import CorrectionRequest
from chuan.inspections.models.inspections import Inspection, ItemAnswer
from chuan.inspections.models.plans import (
    InspectingArrangement,
    InspectionPlan,
    PlanAmendment,
    PlanLine,
)

__all__ = [
    "CorrectionRequest",
    "InspectingArrangement",
    "Inspection",
    "InspectionPlan",
    "ItemAnswer",
    "PlanAmendment",
    "PlanLine",
]
