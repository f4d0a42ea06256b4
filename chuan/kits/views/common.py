"""What the kit's screens share: looking rows up inside the user's scope (404 outside it,
then 403 without the right, as `core.testing.matrix` expects) and running a service with
its refusals turned into messages."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from chuan.core.exceptions import DomainError
from chuan.core.forms import message_errors
from chuan.core.permissions import require_perm
from chuan.kits import permissions
from chuan.kits import selectors_screens as screens
from chuan.kits.models import ModelItem, ModelSet


def model_set_or_404(request: HttpRequest, pk: int) -> ModelSet:
    require_perm(request.user, permissions.VIEW)
    found = screens.set_get(request.user, pk)
    if found is None:
        raise Http404
    return found


def item_or_404(request: HttpRequest, pk: int) -> ModelItem:
    require_perm(request.user, permissions.VIEW)
    found = screens.item_get(request.user, pk)
    if found is None:
        raise Http404
    return found


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service; its refusal becomes an error message and nothing changes."""
    try:
        action()
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
        return False
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return False
    messages.success(request, success)
    return True
