"""Models of the agency's improvement cycle, one module per concern."""

from chuan.improvement.models.nonconformities import Action, Nonconformity

__all__ = ["Action", "Nonconformity"]

from chuan.improvement.models.audits import (
    Audit,
    AuditorQualification,
    AuditProgramme,
    AuditScheduleLine,
    ChecklistLine,
    ChecklistTemplate,
    ChecklistTemplateLine,
)

__all__ += [
    "Audit",
    "AuditProgramme",
    "AuditScheduleLine",
    "AuditorQualification",
    "ChecklistLine",
    "ChecklistTemplate",
    "ChecklistTemplateLine",
]
