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
from chuan.inspections.models.onsite import (
    DecisionInspection,
    DecisionMember,
    InspectionDecision,
    InspectionMinutes,
    Inspector,
    SiteObservation,
    TeamRole,
)
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
    "DecisionInspection",
    "DecisionMember",
    "GuidanceFaq",
    "GuidanceFile",
    "GuidanceLetter",
    "GuidanceMessage",
    "GuidanceQuestion",
    "GuidanceReceipt",
    "InspectingArrangement",
    "InspectingUnitKind",
    "Inspection",
    "InspectionDecision",
    "InspectionFileItem",
    "InspectionMinutes",
    "InspectionPlan",
    "Inspector",
    "ItemAnswer",
    "PlanAmendment",
    "PlanLine",
    "ProvinceReport",
    "SiteObservation",
    "TeamRole",
]
