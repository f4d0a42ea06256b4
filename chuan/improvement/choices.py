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


# Quality objectives (ISO 9001:2015, 6.2) -------------------------------------------------


class ObjectiveState(models.TextChoices):
    """A quality objective's life in its year: drafted by the ISO secretary, approved by the
    agency's leader (a change of what is aimed at sends it back for approval), evaluated at
    the year's end (value reached, met or not, frozen)."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    EVALUATED = "evaluated", _("Evaluated")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("at least (≥)")
    AT_MOST = "lte", _("at most (≤)")
    EQUAL = "eq", _("exactly (=)")


class ObjectiveUnit(models.TextChoices):
    PERCENT = "percent", _("%")
    COUNT = "count", _("count")
    DAYS = "days", _("days")


class Measure(models.TextChoices):
    """How an objective's value is known: typed by the agency (per month or quarter) or read
    live from Chuẩn's own figures."""

    MANUAL_MONTH = "manual_month", _("Recorded by hand each month")
    MANUAL_QUARTER = "manual_quarter", _("Recorded by hand each quarter")
    ON_TIME = "on_time", _("Dossiers finished early or on time (%)")
    EARLY = "early", _("Dossiers finished early (%)")
    SATISFIED = "satisfied", _("Ratings satisfied or very satisfied (%)")
    NOT_SATISFIED = "not_satisfied", _("Ratings not satisfied (%)")
    OVERDUE_NOW = "overdue_now", _("Dossiers overdue now")
    REVIEWS_ON_TIME = (
        "reviews_on_time",
        _("Reviews of legal changes closed by the legal deadline (%)"),
    )
    ACTIONS_ON_TIME = "actions_on_time", _("Corrective actions closed on time (%)")


class ObjectiveStatus(models.TextChoices):
    """Where an objective stands against its target."""

    MET = "met", _("Met")
    AT_RISK = "at_risk", _("At risk")
    NOT_MET = "not_met", _("Not met")
    NO_DATA = "no_data", _("No data yet")


# --- Risks and opportunities (ISO 9001:2015, 6.1) -------------------------------------------


class RiskKind(models.TextChoices):
    RISK = "risk", _("Risk")
    OPPORTUNITY = "opportunity", _("Opportunity")


class RiskLevel(models.TextChoices):
    """How much a risk or opportunity matters, from its score (likelihood × impact)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class RiskTreatment(models.TextChoices):
    """What the agency decides to do about it: accept a risk or an opportunity as it is,
    reduce a risk (act on its cause or its consequence), avoid it (stop or change the work
    that carries it), exploit an opportunity."""

    ACCEPT = "accept", _("Accept")
    REDUCE = "reduce", _("Reduce")
    AVOID = "avoid", _("Avoid")
    EXPLOIT = "exploit", _("Exploit")


class RiskState(models.TextChoices):
    """Open (identified, treatment under way) → treated (the actions are in place, the
    effect is being watched) → closed (no longer relevant); a treated or closed item can be
    reopened."""

    OPEN = "open", _("Open")
    TREATED = "treated", _("Treated")
    CLOSED = "closed", _("Closed")


class RiskLikelihood(models.IntegerChoices):
    """How likely it is to happen, on the register's 1–5 scale."""

    RARE = 1, _("1 · Rare")
    UNLIKELY = 2, _("2 · Unlikely")
    POSSIBLE = 3, _("3 · Possible")
    LIKELY = 4, _("4 · Likely")
    ALMOST_CERTAIN = 5, _("5 · Almost certain")


class RiskImpact(models.IntegerChoices):
    """How much it would weigh on the agency's results and citizens, on a 1–5 scale."""

    NEGLIGIBLE = 1, _("1 · Negligible")
    MINOR = 2, _("2 · Minor")
    MODERATE = 3, _("3 · Moderate")
    MAJOR = 4, _("4 · Major")
    SEVERE = 5, _("5 · Severe")


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


# --- triage: what the desk proposes to the QMS -------------------------------------------


class TriageKind(models.TextChoices):
    """Why the desk proposes a candidate nonconformity to the ISO secretary."""

    LATE_FINISH = "late_finish", _("Dossier finished late")
    OVERDUE = "overdue", _("Dossier overdue")
    NOT_SATISFIED = "not_satisfied", _("Citizen not satisfied")
    BELOW_TARGET = "below_target", _("Monthly on-time rate below target")
    # A citizen's feedback classified as being about the conduct of the agency or its
    # officials (NĐ 20/2008/NĐ-CP Art. 5.1, 9.4).
    CONDUCT_FEEDBACK = "conduct_feedback", _("Citizen's feedback on conduct")


class CandidateState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted as a nonconformity")
    DISMISSED = "dismissed", _("Dismissed")


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
