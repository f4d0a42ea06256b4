"""Pure rules of DOST's guidance (QĐ 19/2014/QĐ-TTg Art. 12): what a guidance letter's
fields must be, and that a FAQ entry does not name the agency that asked."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.text import fold
from chuan.organisations.choices import AgencyKind, UnitLevel
from chuan.organisations.models import Agency

TEXT_MAX = 20_000


def letter_check(data: Any) -> None:
    """Refuse a letter's fields, naming each one at fault (ValidationError)."""
    errors: dict[str, list[str]] = {}
    if not data.number.strip():
        errors["number"] = [_("Enter the letter's number.")]
    elif len(data.number) > 60:
        errors["number"] = [_("At most 60 characters.")]
    if not data.title.strip():
        errors["title"] = [_("Enter the letter's title.")]
    elif len(data.title) > 255:
        errors["title"] = [_("At most 255 characters.")]
    if len(data.summary) > TEXT_MAX:
        errors["summary"] = [_("At most 20,000 characters.")]
    if data.audience_level and data.audience_level not in UnitLevel.values:
        errors["audience_level"] = [_("Choose a level from the list.")]
    if data.audience_kind and data.audience_kind not in AgencyKind.values:
        errors["audience_kind"] = [_("Choose a kind of agency from the list.")]
    if data.issued_on > timezone.localdate():
        errors["issued_on"] = [_("The letter's date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)


def names_agency(text: str, agency: Agency) -> bool:
    """Whether `text` names the agency (without diacritics): a FAQ entry must not."""
    folded = fold(text)
    names = {fold(agency.name), fold(agency.short_name)} - {""}
    return any(name in folded for name in names)
