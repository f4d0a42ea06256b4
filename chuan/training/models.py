"""Courses DOST and agencies run, their sessions and lecturers, the learners agencies
register, attendance and scores, and the certificates issued (TT 26/2014 Chapter IV;
QĐ 19/2014 Art. 12.4b)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.organisations.models import AdministrativeUnit, Agency, Department
from chuan.training.choices import MAX_MODULE, CourseKind, CourseState, RegistrationState

_USER = settings.AUTH_USER_MODEL
SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


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
    state = models.CharField(
        _("state"), max_length=12, choices=CourseState.choices, default=CourseState.PLANNED
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    lecturers = models.ManyToManyField(
        "training.Lecturer", verbose_name=_("lecturers"), blank=True, related_name="courses"
    )

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


class Lecturer(TimeStampedModel):
    """A lecturer of the province's courses, with the qualification TT 26/2014 Art. 24 asks
    of those teaching the regulated courses."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("workplace"), max_length=255, blank=True)
    qualification = models.CharField(_("qualification"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Session(TimeStampedModel):
    """One teaching session of a course: a module's topic, on a day, for some periods."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    module = models.PositiveSmallIntegerField(
        _("module"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MODULE)]
    )
    topic = models.CharField(_("topic"), max_length=255)
    periods = models.PositiveSmallIntegerField(
        _("periods"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    lecturer = models.ForeignKey(
        Lecturer,
        verbose_name=_("lecturer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["held_on", "starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.topic}"


class Registration(TimeStampedModel):
    """A learner an agency registers for a course: one of its officials (an account, or
    only a name), with their position; DOST confirms or declines. Scores are out of 100."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="registrations"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        _USER,
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("learner's name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=RegistrationState.choices,
        default=RegistrationState.PENDING,
    )
    mid_score = models.DecimalField(
        _("mid-course score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )
    final_score = models.DecimalField(
        _("final score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["agency__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=models.Q(user__isnull=False),
                name="training_registration_one_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(final_score__isnull=True)
                | models.Q(final_score__gte=0, final_score__lte=100),
                name="training_registration_final_range",
            ),
            models.CheckConstraint(
                condition=models.Q(mid_score__isnull=True)
                | models.Q(mid_score__gte=0, mid_score__lte=100),
                name="training_registration_mid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """Whether a registered learner was present at a session."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="training_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}@{self.session_id}"


class Certificate(TimeStampedModel):
    """A training certificate (chứng chỉ / giấy chứng nhận) issued to a learner who passed:
    its number is public, and its verification page shows the name, course and date only.
    An auditor course's certificate is what qualifies internal auditors and inspectors."""

    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="certificates"
    )
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
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
    revoked_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number
