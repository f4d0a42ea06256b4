"""Choices of the QMS roll-out: lifecycle events, derived statuses, ISO editions, levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What happened to an agency's QMS, in the order it usually happens (QĐ 19/2014/QĐ-TTg)."""

    COMMITTEE_APPOINTED = "committee_appointed", _("Steering committee and ISO secretary appointed")
    BUILDING_STARTED = "building_started", _("Building started")
    DOCUMENTS_ISSUED = "documents_issued", _("Documents issued")
    ANNOUNCED = "announced", _("Announced")
    REANNOUNCED = "reannounced", _("Re-announced")
    APPLYING_CONFIRMED = "applying_confirmed", _("Applying, confirmed by inspection")
    LAPSED = "lapsed", _("Lapsed")


class QmsStatus(models.TextChoices):
    """Where an agency's QMS stands on a date, derived from its events, never stored."""

    NOT_STARTED = "not_started", _("Not started")
    BUILDING = "building", _("Building")
    ANNOUNCED = "announced", _("Announced")
    APPLYING = "applying", _("Applying")
    LAPSED = "lapsed", _("Lapsed")


# The statuses that count towards coverage: the QMS has been announced and not lapsed.
COUNTED_STATUSES = frozenset({QmsStatus.ANNOUNCED, QmsStatus.APPLYING})


class IsoEdition(models.TextChoices):
    ISO_9001_2008 = "2008", "TCVN ISO 9001:2008"
    ISO_9001_2015 = "2015", "TCVN ISO 9001:2015"


class CoverageLevel(models.TextChoices):
    """The groups targets and the coverage dashboard count over."""

    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")
    DEPARTMENT_AND_DISTRICT = "department_and_district", _("Departments and districts")
