"""Models of DOST's year, one module per concern."""

from chuan.inspections.models.inspections import Inspection, ItemAnswer
from chuan.inspections.models.plans import InspectionPlan, PlanLine

__all__ = ["Inspection", "InspectionPlan", "ItemAnswer", "PlanLine"]
