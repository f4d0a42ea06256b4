"""Whole-number query parameters of the API, declared once: the same object documents the
parameter in the schema (with its range) and reads it (400 naming it when it is wrong)."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from chuan.core.params import int_param


def int_error(minimum: int, maximum: int) -> str:
    return _("Give a whole number from %(minimum)s to %(maximum)s, in digits 0–9.") % {
        "minimum": minimum,
        "maximum": maximum,
    }


@dataclass(frozen=True)
class IntQuery:
    """A whole-number query parameter and its range."""

    name: str
    minimum: int
    maximum: int
    description: str = ""
    required: bool = False
    enum: list[int] = field(default_factory=list)

    def parameter(self) -> OpenApiParameter:
        schema: dict[str, Any] = {
            "type": "integer",
            "minimum": self.minimum,
            "maximum": self.maximum,
        }
        if self.enum:
            schema["enum"] = sorted(self.enum)
        return OpenApiParameter(
            self.name, schema, required=self.required, description=self.description
        )

    def read(self, params: Any) -> int | None:
        """The value, None when absent (and not required); 400 naming the parameter otherwise."""
        raw = params.get(self.name)
        if raw is None or (raw == "" and not self.required):
            if self.required:
                raise ValidationError({self.name: [int_error(self.minimum, self.maximum)]})
            return None
        number = int_param(raw, minimum=self.minimum, maximum=self.maximum)
        if number is None or (self.enum and number not in self.enum):
            if self.enum:
                message = _("Choose one of: %(values)s.") % {
                    "values": ", ".join(str(value) for value in sorted(self.enum))
                }
            else:
                message = int_error(self.minimum, self.maximum)
            raise ValidationError({self.name: [message]})
        return number
