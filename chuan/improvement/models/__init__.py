"""Models of the agency's improvement cycle, one module per concern."""

from chuan.improvement.models.nonconformities import Action, Nonconformity

__all__ = ["Action", "Nonconformity"]
