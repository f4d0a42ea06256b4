"""Checks on the identifiers agencies carry."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# QCVN 102:2016/BTTTT electronic agency identifier: four dot-separated groups, the last a letter
# and two digits (H21 is Gia Lai), at most 13 characters, e.g. 000.00.31.H21.
AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def normalise_agency_code(value: str) -> str:
    return value.strip().upper()


def validate_agency_code(value: str) -> None:
    """Raise a Vietnamese message unless `value` has the QCVN 102 form `000.00.31.H21`."""
    if not AGENCY_CODE_RE.fullmatch(value):
        raise ValidationError(
            _(
                "The electronic agency code must have the form 000.00.31.H21 "
                "(QCVN 102:2016/BTTTT); “%(value)s” does not."
            ),
            code="invalid_agency_code",
            params={"value": value},
        )
