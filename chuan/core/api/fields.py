"""Serializer fields for whole numbers that come from outside: ASCII digits only, always
bounded (DRF's own `IntegerField` reads "٣" as 3 and lets 2^63 through to the database)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chuan.core.params import MAX_ID, int_param

_WIDEST = 2**63 - 1


class BoundedIntegerField(serializers.IntegerField):
    """A whole number between `min_value` and `max_value`, both required."""

    default_error_messages = {
        "invalid": _("Give a whole number in digits 0–9."),
        "max_value": _("Give at most {max_value}."),
        "min_value": _("Give at least {min_value}."),
        "max_string_length": _("The number is too long."),
    }

    def __init__(self, *, min_value: int, max_value: int, **kwargs: Any) -> None:
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, float) and data.is_integer():
            data = int(data)
        number = None
        if isinstance(data, int | str) and not isinstance(data, bool):
            # The range is checked afterwards by the field's validators, with their messages.
            number = int_param(data, minimum=-_WIDEST, maximum=_WIDEST)
        if number is None:
            self.fail("invalid")
        assert number is not None
        return number


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A row named by its id: an id that cannot exist is refused before the database sees it."""

    default_error_messages = {
        "required": _("This field is required."),
        "does_not_exist": _("Nothing has the id {pk_value}."),
        "incorrect_type": _("Give an id: a whole number in digits 0–9."),
    }

    def to_internal_value(self, data: Any) -> Any:
        number = None if isinstance(data, bool) else int_param(data, minimum=1, maximum=MAX_ID)
        if number is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(number)
