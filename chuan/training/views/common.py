"""What the training screens share: the course a request names, the manager's province."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id
from chuan.core.params import id_param
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import active_membership
from chuan.training import selectors
from chuan.training.models import Course


def course_or_404(request: HttpRequest, pk: Any) -> Course:
    course_id = id_param(str(pk))
    course = selectors.course_get(request.user, course_id) if course_id else None
    if course is None:
        raise Http404
    return course


def home_province(request: HttpRequest) -> AdministrativeUnit:
    """The province of the user's agency: where a DOST manager creates courses."""
    membership = active_membership(request.user)
    if membership is None:
        raise PermissionDenied(_("Your account belongs to no agency."))
    return AdministrativeUnit.objects.get(pk=agency_province_id(membership.agency))


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
