"""Writes on the improvement cycle's reviews."""


def register_activity_labels() -> None:
    """Labels of the activity this module records."""
