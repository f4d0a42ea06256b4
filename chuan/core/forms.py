"""Form helpers shared by every app."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from chuan.core.params import MAX_ID, int_param


class StyledFormMixin:
    """Give every widget Bootstrap's classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BoundedIntegerField(forms.IntegerField):
    """A whole number typed in digits 0–9 between `min_value` and `max_value`, both required
    (Django's own field reads "٣" as 3 and lets a number too big for the column through)."""

    def __init__(self, *, min_value: int, max_value: int, **kwargs: Any) -> None:
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = int_param(value, minimum=-(2**63 - 1), maximum=2**63 - 1)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A row chosen by its id: a value that cannot be an id ("٣", 2^64) is an invalid
    choice before the database sees it."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values or self.to_field_name or isinstance(value, Model):
            return super().to_python(value)
        if int_param(value, minimum=1, maximum=MAX_ID) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen by their ids, each checked like `BoundedModelChoiceField`'s."""

    def _check_values(self, value: Any) -> Any:
        if not self.to_field_name:
            for pk in value if isinstance(value, list | tuple) else []:
                if int_param(pk, minimum=1, maximum=MAX_ID) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]


# Dates are typed and shown dd/mm/yyyy; yyyy-mm-dd is still read (links and scripts that send
# ISO dates). The US month-first default of Django must never read 05/03 as the third of May.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_PATTERN = "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
DATE_PLACEHOLDER = "dd/mm/yyyy"


def date_input_attrs() -> dict[str, Any]:
    """The attributes of every date box: typed dd/mm/yyyy, with the browser checking the
    shape before sending (the form still reads and checks the date)."""
    return {
        "placeholder": DATE_PLACEHOLDER,
        "pattern": DATE_PATTERN,
        "inputmode": "numeric",
        "maxlength": "10",
        "autocomplete": "off",
        "title": _("A date as dd/mm/yyyy, e.g. 02/09/2026"),
    }


class DateInput(forms.DateInput):
    """A date box showing dd/mm/yyyy. Not the browser's date picker (`type="date"`): it
    shows the date in the browser's own locale, month first in an English browser, where
    every date Chuẩn shows is dd/mm/yyyy."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**date_input_attrs(), **(attrs or {})}, format="%d/%m/%Y")


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput, input_formats=DATE_FORMATS
    )


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    for name, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


def message_errors(request: Any, exc: Exception) -> None:
    """Show a service's refusal as messages (for actions posted from a detail page)."""
    from django.contrib import messages

    from chuan.core.exceptions import DomainError

    if isinstance(exc, DomainError):
        messages.error(request, exc.message)
    elif isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
