"""Models of DOST's year, one module per concern."""

from chuan.inspections.models.followup import CorrectionRequest
from chuan.inspections.models.inspections import Inspection, ItemAnswer
from chuan.inspections.models.plans import InspectionPlan, PlanLine
from chuan.inspections.models.reports import ProvinceReport

__all__ = [
    "CorrectionRequest",
    "Inspection",
    "InspectionPlan",
    "ItemAnswer",
    "PlanLine",
    "ProvinceReport",
]
