from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InspectionForm(models.TextChoices):
    """How an agency is inspected (TT 26/2014 Art. 33): every agency on its records and
    reports each year, at least a third of them at their office."""

    RECORDS = "records", _("Records and reports")
    ON_SITE = "on_site", _("On site")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REQUESTED = "requested", _("Report requested")
    DECIDED = "decided", _("Inspection decided")
    ANSWERED = "answered", _("Report received")
    CONCLUDED = "concluded", _("Concluded")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ItemResult(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Conclusion(models.TextChoices):
    """The inspection's overall conclusion on the agency's QMS."""

    CONFORMS = "conforms", _("The QMS is applied and maintained")
    CORRECTIONS_NEEDED = "corrections_needed", _("Applied, with corrections required")
    NOT_CONFORMING = "not_conforming", _("Not applied or not maintained")


class RequestState(models.TextChoices):
    """A request for correction (yêu cầu khắc phục) and the corrective action that answers it:
    the agency reports within two months of the minutes' signing (TT 26/2014 Art. 37.3);
    the inspecting unit accepts it or sends a notice of non-acceptance."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Awaiting corrective action")
    REPORTED = "reported", _("Corrective action reported")
    # "Accepted" alone is a dossier received at the desk; here DOST accepts the action.
    ACCEPTED = "accepted", pgettext_lazy("corrective action", "Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
