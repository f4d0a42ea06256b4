"""The scoping hook core offers to apps below the domain layer.

`core` cannot import `organisations` (dependencies point down to core), yet the activity log
must be scoped by agency like everything else. The function that does it is named by the
`CHUAN_SCOPE_QUERYSET` setting and looked up at call time.
"""

from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string

M = TypeVar("M", bound=Model)


def scope_queryset(queryset: QuerySet[M], user: Any, *, agency_path: str) -> QuerySet[M]:
    """Filter `queryset` to the rows of agencies `user` may see."""
    scoper = import_string(settings.CHUAN_SCOPE_QUERYSET)
    result: QuerySet[M] = scoper(queryset, user, agency_path=agency_path)
    return result
