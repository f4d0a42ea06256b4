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


# --- Internal audit (ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg Art. 4.4b) ---------------------


class ProgrammeState(models.TextChoices):
    """The yearly audit programme: drafted by the ISO secretary, approved by the agency's
    leader."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class AuditState(models.TextChoices):
    """One audit of the programme: planned → in progress (opening meeting held) → report
    issued (closing meeting held, findings raised as nonconformities) → closed."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Report issued")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ChecklistResult(models.TextChoices):
    """What the auditor concluded on one question of the checklist."""

    PENDING = "", _("Not yet assessed")
    CONFORMING = "conforming", _("Conforming")
    OBSERVATION = "observation", _("Observation")
    MINOR_NC = "minor_nc", _("Minor nonconformity")
    MAJOR_NC = "major_nc", _("Major nonconformity")
    OPPORTUNITY = "opportunity", _("Opportunity for improvement")
