"""Reading numbers and dates from query strings without trusting them."""

import datetime
import re

# Database keys are 64-bit signed integers; anything larger cannot name a row.
MAX_ID = 2**63 - 1


def id_param(value: str | None) -> int | None:
    """A positive database id from a query-string value, or None if it cannot be one."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


# Dates outside these years are typing mistakes, not the history Chuẩn keeps (the QMS
# programme began with QĐ 144/2006/QĐ-TTg); callers fall back to a default instead.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_VN_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


def date_param(value: str | None, *, iso_only: bool = False) -> datetime.date | None:
    """A date typed as YYYY-MM-DD (the date picker, the API) or, unless `iso_only`,
    dd/mm/yyyy as Vietnamese write it; None if it is not one."""
    text = (value or "").strip()[:20]
    iso, vn = _ISO_DATE.match(text), None if iso_only else _VN_DATE.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif vn:
        day, month, year = (int(part) for part in vn.groups())
    else:
        return None
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
