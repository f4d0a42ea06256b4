"""Writes on the improvement cycle's audits."""


def register_activity_labels() -> None:
    """Labels of the activity this module records."""
