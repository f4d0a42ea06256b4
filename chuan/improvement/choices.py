"""Coded values of the agency's improvement cycle; every one has a Vietnamese label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NcSource(models.TextChoices):
    """Where a nonconformity was found (the paper form's "Nguồn")."""

    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    INSPECTION = "inspection", _("DOST inspection")
    LATE_DOSSIER = "late_dossier", _("Late or overdue dossier")
    CITIZEN = "citizen", _("Citizen's rating or complaint")
    MANAGEMENT_REVIEW = "management_review", _("Management review")
    OBJECTIVE = "objective", _("Quality objective not reached")
    STAFF = "staff", _("Found by staff")


class Severity(models.TextChoices):
    MAJOR = "major", _("Major nonconformity")
    MINOR = "minor", _("Minor nonconformity")
    OBSERVATION = "observation", _("Observation")


class NcState(models.TextChoices):
    """The four parts of the corrective-action request, as states: described (part 1, by who
    found it) → confirmed (the department head signed part 1) → planned (part 2: correction,
    root cause, actions) → approved (part 3, by the ISO head; actions under way) →
    implemented (every action done) → closed (part 4: verified effective) or reopened
    (verified ineffective: a new plan is needed)."""

    DESCRIBED = "described", _("Described")
    CONFIRMED = "confirmed", _("Confirmed by the department")
    PLANNED = "planned", _("Actions proposed")
    APPROVED = "approved", _("Actions approved")
    IMPLEMENTED = "implemented", _("Awaiting verification")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    CANCELLED = "cancelled", _("Cancelled")


class ActionState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ReviewState(models.TextChoices):
    """A management review's life (ISO 9001:2015, 9.3): planned → pack compiled → held (the
    minutes recorded) → approved by the chair, when its figures freeze."""

    PLANNED = "planned", _("Planned")
    COMPILED = "compiled", _("Input pack compiled")
    HELD = "held", _("Held, minutes recorded")
    APPROVED = "approved", _("Approved by the chair")


class ReviewInputKey(models.TextChoices):
    """The inputs of a management review, as ISO 9001:2015 clause 9.3.2 lists them."""

    PREVIOUS_ACTIONS = "a", _("Status of actions from previous management reviews")
    CHANGES = "b", _("Changes in external and internal issues")
    SATISFACTION = "c", _("Customer satisfaction and feedback")
    OBJECTIVES = "d", _("Extent to which quality objectives have been met")
    PERFORMANCE = "e", _("Process performance and conformity of services")
    NONCONFORMITIES = "f", _("Nonconformities and corrective actions")
    AUDITS = "g", _("Audit results and DOST inspection results")
    RISKS = "h", _("Risks and the effectiveness of actions taken on them")
    RESOURCES = "i", _("Adequacy of resources")
    OPPORTUNITIES = "j", _("Opportunities for improvement")
