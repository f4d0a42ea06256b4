"""What the training services share: refusals and the course's guard."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from chuan.training.models import Course
from chuan.training.permissions import can_manage

TEXT_MAX = 500


def require_manager(actor: Any, province_id: int) -> None:
    if not can_manage(actor, province_id):
        raise PermissionDenied(_("Only DOST's training managers of the province may do this."))


def lock_course(course: Course) -> Course:
    """The course row locked for the rest of the transaction: capacity and state checks
    made under it hold against concurrent registrations."""
    return Course.objects.select_for_update().get(pk=course.pk)
