"""Models of the agency's improvement cycle, one module per concern."""

from chuan.improvement.models.nonconformities import Action, Nonconformity
from chuan.improvement.models.objectives import Objective, ObjectiveMeasurement, ObjectivePlanLine
from chuan.improvement.models.risks import Risk, RiskAction, RiskAssessment

__all__ = [
    "Action",
    "Nonconformity",
    "Objective",
    "ObjectiveMeasurement",
    "ObjectivePlanLine",
    "Risk",
    "RiskAction",
    "RiskAssessment",
]
