from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    """What a course trains (QĐ 19/2014 Art. 12.4b; TT 26/2014 Chapter IV)."""

    AWARENESS = "awareness", _("QMS awareness")
    ISO_SECRETARY = "iso_secretary", _("ISO secretary and documentation")
    INTERNAL_AUDITOR = "internal_auditor", _("Internal auditor")
    INSPECTION_SKILLS = "inspection_skills", _("Inspection skills")
    TT26_CONSULTING = "tt26_consulting", _("Consultant course (TT 26/2014, Art. 29)")
    TT26_AUDITING = "tt26_auditing", _("Auditor course (TT 26/2014, Art. 30)")


# The regulated courses of TT 26/2014 Arts. 29–30: four modules, 36 periods, at most 25
# learners, a final test out of 100 passed at 70.
REGULATED_KINDS = frozenset({CourseKind.TT26_CONSULTING, CourseKind.TT26_AUDITING})
# Courses whose certificate qualifies its holder as an auditor (an internal auditor of
# their agency; with the rest of Art. 40, a DOST inspector).
AUDITOR_KINDS = frozenset({CourseKind.INTERNAL_AUDITOR, CourseKind.TT26_AUDITING})


class CourseState(models.TextChoices):
    """Where a course is in its life (one table: chuan/training/course_states.py)."""

    PLANNED = "planned", _("Planned, registration open")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationState(models.TextChoices):
    """An agency's registration of one learner, as DOST answers it."""

    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


# TT 26/2014 Arts. 29–30: four modules totalling 36 periods (a fifth module is optional, so
# modules 1–5 are accepted), at most 25 learners, a final test out of 100 passed at 70.
REGULATED_MODULES = 4
REGULATED_PERIODS = 36
REGULATED_MAX_LEARNERS = 25
REGULATED_PASS_MARK = 70
MAX_MODULE = 5
# Attendance a learner needs to pass, in percent of the course's periods. TT 26/2014 Art. 30
# grants the certificate "on participation plus both tests" without a figure, and no rule
# sets one for internal-auditor courses (wave2_domain.md §7.2, [?]): 80 % is Chuẩn's default,
# the common practice of training institutions, not a legal figure.
ATTENDANCE_PERCENT = 80
