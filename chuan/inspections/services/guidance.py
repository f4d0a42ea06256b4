"""Writes of DOST's year: guidance."""


def register_activity_labels() -> None:
    """Labels of the activity this module records (called by InspectionsConfig.ready)."""
