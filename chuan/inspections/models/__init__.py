"""Models of DOST's year, one module per concern."""

from chuan.inspections.models.followup import CorrectionRequest
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
from chuan.inspections.models.plans import InspectionPlan, PlanLine

__all__ = [
    "CorrectionRequest",
    "DecisionInspection",
    "DecisionMember",
    "Inspection",
    "InspectionDecision",
    "InspectionMinutes",
    "InspectionPlan",
    "Inspector",
    "ItemAnswer",
    "PlanLine",
    "SiteObservation",
    "TeamRole",
]
