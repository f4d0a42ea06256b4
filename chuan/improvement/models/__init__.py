"""Models of the agency's improvement cycle, one module per concern."""

from chuan.improvement.models.nonconformities import Action, Nonconformity
from chuan.improvement.models.triage import TriageCandidate, TriageCursor

__all__ = ["Action", "Nonconformity", "TriageCandidate", "TriageCursor"]
