"""Models of DOST's year, one module per concern."""

from chuan.inspections.models.followup import CorrectionRequest, InspectionFileItem
from chuan.inspections.models.inspections import Inspection, ItemAnswer
from chuan.inspections.models.plans import InspectionPlan, PlanLine

__all__ = [
    "CorrectionRequest",
    "Inspection",
    "InspectionFileItem",
    "InspectionPlan",
    "ItemAnswer",
    "PlanLine",
]
