"""Courses DOST and agencies run, and the certificates they issue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.training.choices import CourseKind

_USER = settings.AUTH_USER_MODEL


class Course(TimeStampedModel):
    """A course for officials of the province's agencies: QMS awareness, the ISO secretary's
    documentation work, internal auditors, inspection skills (QĐ 19/2014 Art. 12.4b), or a
    regulated consultant or auditor course of TT 26/2014 Chapter IV."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=CourseKind.choices)
    title = models.CharField(_("title"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=255)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    max_learners = models.PositiveSmallIntegerField(_("at most learners"), default=25)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (out of 100)"), default=70)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "id"]
        permissions = [
            ("view_training", _("Can read courses and certificates")),
            ("manage_training", _("Can run courses and issue certificates")),
            ("register_learners", _("Can register the agency's officials for courses")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="training_course_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="training_course_pass_mark_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Certificate(TimeStampedModel):
    """A training certificate (chứng chỉ / giấy chứng nhận) issued to a learner who passed:
    its number is public, and its verification page shows the name, course and date only.
    An auditor course's certificate is what qualifies internal auditors and inspectors."""

    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="certificates"
    )
    holder = models.ForeignKey(
        _USER,
        verbose_name=_("holder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder_name = models.CharField(_("holder's name"), max_length=150)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number
