"""Models of the agency's improvement cycle, one module per concern."""

from chuan.improvement.models.audits import (
    Audit,
    AuditorQualification,
    AuditProgramme,
    AuditScheduleLine,
    ChecklistLine,
    ChecklistTemplate,
    ChecklistTemplateLine,
)
from chuan.improvement.models.nonconformities import Action, Nonconformity
from chuan.improvement.models.objectives import Objective, ObjectiveMeasurement, ObjectivePlanLine
from chuan.improvement.models.reviews import ManagementReview, ReviewDecision, ReviewSection
from chuan.improvement.models.risks import Risk, RiskAction, RiskAssessment
from chuan.improvement.models.triage import TriageCandidate, TriageCursor

__all__ = [
    "Action",
    "Audit",
    "AuditProgramme",
    "AuditScheduleLine",
    "AuditorQualification",
    "ChecklistLine",
    "ChecklistTemplate",
    "ChecklistTemplateLine",
    "ManagementReview",
    "Nonconformity",
    "Objective",
    "ObjectiveMeasurement",
    "ObjectivePlanLine",
    "ReviewDecision",
    "ReviewSection",
    "Risk",
    "RiskAction",
    "RiskAssessment",
    "TriageCandidate",
    "TriageCursor",
]
