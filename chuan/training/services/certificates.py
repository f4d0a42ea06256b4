"""Writes on certificates: issued in bulk for a finished course to each confirmed learner who
passed (final score ≥ the course's pass mark and attendance ≥ ATTENDANCE_PERCENT of the
periods; TT 26/2014 Art. 30 grants the certificate on participation plus both tests), numbered
per province and year; revoked with a reason (cf. Art. 32 for the regulated courses)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import register_field_labels, register_verb_labels
from chuan.core.exceptions import ConflictError
from chuan.organisations.models import AdministrativeUnit
from chuan.training import rules
from chuan.training.choices import CourseState
from chuan.training.models import Certificate, Course
from chuan.training.services.common import TEXT_MAX, lock_course, require_manager


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "course.certificates_issued": gettext_lazy("Issued certificates"),
            "certificate.revoked": gettext_lazy("Revoked a certificate"),
        }
    )
    register_field_labels(
        {"count": gettext_lazy("Count"), "numbers": gettext_lazy("Certificate numbers")},
        entity="course",
    )
    register_field_labels(
        {"reason": gettext_lazy("Reason"), "revoked_on": gettext_lazy("Revoked on")},
        entity="certificate",
    )


def _sequence_start(province: AdministrativeUnit, year: int) -> int:
    suffix = rules.certificate_number(province.code, year, 1).split("/", 1)[1]
    numbers = Certificate.objects.filter(number__endswith="/" + suffix).values_list(
        "number", flat=True
    )
    return rules.next_sequence(numbers)


def certificate_issue(
    *,
    course: Course,
    actor: Any,
    issued_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> list[Certificate]:
    """Issue a certificate to each learner of the finished course who passed and holds none;
    returns those issued (none twice, whoever calls again)."""
    from chuan.training.selectors import course_results

    require_manager(actor, course.province_id)
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("A certificate cannot be dated in the future.")})
    if valid_until is not None and valid_until <= issued_on:
        raise ValidationError({"valid_until": _("The validity must end after the issue date.")})
    with transaction.atomic():
        course = lock_course(course)
        if course.state != CourseState.FINISHED:
            raise ConflictError(_("Certificates are issued once the course has finished."))
        if issued_on < course.ends_on:
            raise ValidationError(
                {"issued_on": _("A certificate cannot be dated before the course ends.")}
            )
        # One issuer numbers a province's year at a time: the province's row is the lock.
        province = AdministrativeUnit.objects.select_for_update().get(pk=course.province_id)
        passed = [
            result.registration
            for result in course_results(course)
            if result.outcome.passed and not result.has_certificate
        ]
        if not passed:
            return []
        sequence = _sequence_start(province, issued_on.year)
        certificates = []
        for offset, registration in enumerate(passed):
            certificates.append(
                Certificate(
                    number=rules.certificate_number(
                        province.code, issued_on.year, sequence + offset
                    ),
                    course=course,
                    registration=registration,
                    holder_id=registration.user_id,
                    holder_name=registration.name,
                    agency_id=registration.agency_id,
                    issued_on=issued_on,
                    valid_until=valid_until,
                )
            )
        Certificate.objects.bulk_create(certificates)
        activity_record(
            actor=actor,
            verb="course.certificates_issued",
            target=course,
            changes={"count": len(certificates), "numbers": [c.number for c in certificates]},
        )
    return certificates


def certificate_revoke(
    *, certificate: Certificate, reason: str, actor: Any, on: datetime.date | None = None
) -> Certificate:
    require_manager(actor, certificate.course.province_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking the certificate.")})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": _("Keep it under %(n)s characters.") % {"n": TEXT_MAX}})
    on = on or timezone.localdate()
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_on is not None:
            raise ConflictError(_("This certificate is already revoked."))
        if on < certificate.issued_on:
            raise ValidationError(
                {"reason": _("A certificate cannot be revoked before it was issued.")}
            )
        certificate.revoked_on = on
        certificate.revoked_reason = reason
        certificate.save(update_fields=["revoked_on", "revoked_reason", "updated_at"])
        activity_record(
            actor=actor,
            verb="certificate.revoked",
            target=certificate,
            agency_id=certificate.agency_id,
            changes={"reason": reason, "revoked_on": on},
        )
    return certificate
