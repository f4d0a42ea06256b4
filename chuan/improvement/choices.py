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


# --- triage: what the desk proposes to the QMS -------------------------------------------


class TriageKind(models.TextChoices):
    """Why the desk proposes a candidate nonconformity to the ISO secretary."""

    LATE_FINISH = "late_finish", _("Dossier finished late")
    OVERDUE = "overdue", _("Dossier overdue")
    NOT_SATISFIED = "not_satisfied", _("Citizen not satisfied")
    BELOW_TARGET = "below_target", _("Monthly on-time rate below target")


class CandidateState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted as a nonconformity")
    DISMISSED = "dismissed", _("Dismissed")
