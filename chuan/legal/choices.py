"""Choices of the legal library."""

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The type of a legal document (Law on Promulgation of Legal Documents 2025, Art. 4;
    administrative documents per Decree 30/2020/NĐ-CP, Appendix III)."""

    CONSTITUTION = "constitution", _("Constitution")
    LAW = "law", _("Law")
    RESOLUTION = "resolution", _("Resolution")
    ORDINANCE = "ordinance", _("Ordinance")
    DECREE = "decree", _("Decree")
    DECISION = "decision", _("Decision")
    CIRCULAR = "circular", _("Circular")
    JOINT_CIRCULAR = "joint_circular", _("Joint circular")
    DIRECTIVE = "directive", _("Directive")
    PLAN = "plan", _("Plan")
    NOTICE = "notice", _("Notice")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PARTLY_IN_FORCE = "partly_in_force", _("Partly in force")
    NO_LONGER_IN_FORCE = "no_longer_in_force", _("No longer in force")


class ShownStatus(models.TextChoices):
    """The status a document has today, as shown and filtered: the recorded status, except
    that a document whose effective date is still to come is not yet in force (a decree
    issued in 2026 that takes effect in 2027 binds nobody yet)."""

    IN_FORCE = "in_force", _("In force")
    PARTLY_IN_FORCE = "partly_in_force", _("Partly in force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    NO_LONGER_IN_FORCE = "no_longer_in_force", _("No longer in force")


def shown_status(status: str, effective_date: datetime.date | None, today: datetime.date) -> str:
    """The status of a document on `today` from its recorded status and effective date."""
    if (
        status != DocumentStatus.NO_LONGER_IN_FORCE
        and effective_date is not None
        and effective_date > today
    ):
        return ShownStatus.NOT_YET_IN_FORCE
    return status


class RelationKind(models.TextChoices):
    """How one legal document acts on another, read from the acting document."""

    AMENDS = "amends", _("Amends")
    REPLACES = "replaces", _("Replaces")
    REPEALS = "repeals", _("Repeals")
    GUIDES = "guides", _("Guides")


# The same relations read from the document acted upon.
RELATION_INVERSE_LABELS: dict[str, Any] = {
    RelationKind.AMENDS: _("Amended by"),
    RelationKind.REPLACES: _("Replaced by"),
    RelationKind.REPEALS: _("Repealed by"),
    RelationKind.GUIDES: _("Guided by"),
}
