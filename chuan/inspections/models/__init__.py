"""Models of DOST's year, one module per concern."""

from chuan.inspections.models.followup import CorrectionRequest, InspectionFileItem
from chuan.inspections.models.guidance import (
    GuidanceFaq,
    GuidanceFile,
    GuidanceLetter,
    GuidanceMessage,
    GuidanceQuestion,
    GuidanceReceipt,
)
from chuan.inspections.models.inspections import Inspection, ItemAnswer
from chuan.inspections.models.plans import (
    InspectingArrangement,
    InspectingUnitKind,
    InspectionPlan,
    PlanAmendment,
    PlanLine,
)
from chuan.inspections.models.reports import ProvinceReport

__all__ = [
    "CorrectionRequest",
    "GuidanceFaq",
    "GuidanceFile",
    "GuidanceLetter",
    "GuidanceMessage",
    "GuidanceQuestion",
    "GuidanceReceipt",
    "InspectingArrangement",
    "InspectingUnitKind",
    "Inspection",
    "InspectionFileItem",
    "InspectionPlan",
    "ItemAnswer",
    "PlanAmendment",
    "PlanLine",
    "ProvinceReport",
]
