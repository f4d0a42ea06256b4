"""Choices of document control (ISO 9001:2015, clause 7.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The kinds of documented information an agency's QMS holds (QĐ 101/QĐ-BKHCN)."""

    QUALITY_POLICY = "quality_policy", _("Quality policy")
    QUALITY_OBJECTIVES = "quality_objectives", _("Quality objectives")
    QMS_MODEL = "qms_model", _("QMS model / quality manual")
    SYSTEM_PROCEDURE = "system_procedure", _("System procedure")
    OPERATIONAL_PROCEDURE = "operational_procedure", _("Operational procedure")
    FORM = "form", _("Form")
    WORK_INSTRUCTION = "work_instruction", _("Work instruction")
    EXTERNAL = "external", _("External document")
    RECORD_TYPE = "record_type", _("Record type")


class RevisionState(models.TextChoices):
    """What is stored; whether an approved revision is effective, scheduled or superseded is
    read from the dates (`states.shown_state`)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ShownState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Approved, not yet effective")
    EFFECTIVE = "effective", _("Effective")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn (obsolete)")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REVISED = "revised", _("Closed by a new revision")
    NO_CHANGE = "no_change", _("Closed: no change needed")
