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
