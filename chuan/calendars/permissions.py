"""Who may change the working calendar: the system administrator everywhere (and for the
whole country), a provincial coordinator for their own province only."""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import user_province_ids


def may_edit_calendar(user: Any, province: AdministrativeUnit | None) -> bool:
    """Whether `user` may add, change or remove rows of `province`'s calendar (None: the
    rows that apply to the whole country)."""
    if user is None:
        return True  # the system itself: the demo loader, a management command
    if not user.is_authenticated or not user.has_perm("calendars.change_calendarday"):
        return False
    scope = user_scope(user)
    if scope == Scope.ALL:
        return True
    return (
        scope == Scope.PROVINCE and province is not None and province.pk in user_province_ids(user)
    )
