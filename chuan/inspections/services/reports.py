"""Writes of DOST's year: reports."""


def register_activity_labels() -> None:
    """Labels of the activity this module records (called by InspectionsConfig.ready)."""
