"""Who may sit on an inspection team (TT 26/2014/TT-BKHCN Art. 40, from 01/06/2016).

An inspector must hold a university degree or higher; a state-management training
certificate at specialist level or higher (graduates of the National Academy of Public
Administration are exempt); a QMS auditor training certificate under Chapter IV of the
circular; and at least three years' experience in quality management or standards. (Good
conduct, the fifth condition, is not a record Chuẩn can hold.)

A pure rule: it reads the inspector's fields (and the linked training certificate, fetched
by the caller) and the day it is judged on, and returns what is missing, in the order above;
an empty list means the inspector may be assigned. A certificate dated after that day is
not held yet; a certificate issued in Chuẩn must come from an auditor course, be unrevoked
and within its validity.
"""

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.training.choices import AUDITOR_KINDS

EXPERIENCE_YEARS = 3


class Reason(models.TextChoices):
    """What an inspector lacks, named in a refusal."""

    DEGREE = "degree", _("no university degree")
    STATE_MANAGEMENT = "state_management", _("no state-management certificate")
    AUDITOR = "auditor", _("no QMS auditor certificate")
    AUDITOR_COURSE = "auditor_course", _("the certificate is not from an auditor course")
    AUDITOR_LAPSED = "auditor_lapsed", _("the auditor certificate is revoked or expired")
    EXPERIENCE = "experience", _("less than three years' experience in quality management")
    INACTIVE = "inactive", _("no longer in the inspector registry")


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _held(day: datetime.date | None, on: datetime.date) -> bool:
    return day is not None and day <= on


def _auditor_reasons(inspector: Any, on: datetime.date) -> list[Reason]:
    certificate = inspector.auditor_certificate  # fetched by the caller (select_related)
    if certificate is not None:
        if certificate.course.kind not in AUDITOR_KINDS:
            return [Reason.AUDITOR_COURSE]
        if certificate.issued_on > on:
            return [Reason.AUDITOR]
        revoked = certificate.revoked_on is not None and certificate.revoked_on <= on
        expired = certificate.valid_until is not None and certificate.valid_until < on
        return [Reason.AUDITOR_LAPSED] if revoked or expired else []
    # Issued elsewhere (a training institution's certificate): its number and date.
    if inspector.auditor_number.strip() and _held(inspector.auditor_date, on):
        return []
    return [Reason.AUDITOR]


def missing_qualifications(inspector: Any, on: datetime.date) -> list[Reason]:
    """What `inspector` lacks on day `on` to be assigned to a team (empty: qualified)."""
    missing: list[Reason] = []
    if not inspector.is_active:
        missing.append(Reason.INACTIVE)
    if not inspector.has_degree:
        missing.append(Reason.DEGREE)
    if not inspector.napa_graduate and not (
        inspector.state_management_number.strip() and _held(inspector.state_management_date, on)
    ):
        missing.append(Reason.STATE_MANAGEMENT)
    missing.extend(_auditor_reasons(inspector, on))
    since = inspector.experience_since
    if since is None or years_after(since, EXPERIENCE_YEARS) > on:
        missing.append(Reason.EXPERIENCE)
    return missing


def reasons_text(reasons: list[Reason]) -> str:
    """The reasons as one phrase, for a refusal or the registry's column."""
    return "; ".join(str(reason.label) for reason in reasons)
