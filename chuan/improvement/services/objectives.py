"""Writes on the improvement cycle's objectives."""


def register_activity_labels() -> None:
    """Labels of the activity this module records."""
