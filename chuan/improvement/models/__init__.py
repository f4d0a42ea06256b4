"""Models of the agency's improvement cycle, one module per concern."""

from chuan.improvement.models.nonconformities import Action, Nonconformity
from chuan.improvement.models.reviews import ManagementReview, ReviewDecision, ReviewSection

__all__ = ["Action", "ManagementReview", "Nonconformity", "ReviewDecision", "ReviewSection"]
