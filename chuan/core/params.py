"""Reading numbers and dates from query strings without trusting them, and the bounds every
number Chuẩn accepts must stay within.

Python's `int()` reads "٣" and "３" as 3 and `str.isdigit()` calls "²" a digit that `int()`
then refuses; neither is what an official typed, so every whole number that comes from
outside (query strings here, serializers through `chuan.core.api.fields`, forms through
`chuan.core.forms.BoundedIntegerField`) is read by `int_param`: ASCII digits only, within
bounds.
"""

import datetime
import re

# Database keys are 64-bit signed integers; anything larger cannot name a row.
MAX_ID = 2**63 - 1
# Money in đồng. A land-use fee runs to billions; a thousand billion đồng is beyond any fee or
# charge a one-stop desk collects, and far within a 64-bit column.
MAX_MONEY = 10**12
# Counts of copies, sets and the like that a person hands over at a desk.
MAX_COPIES = 99


def int_param(value: object, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """A whole number written in ASCII digits (a leading minus allowed), within
    [minimum, maximum]; None if the value is absent or is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        digits = text[1:] if text.startswith("-") else text
        if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


def id_param(value: str | None) -> int | None:
    """A positive database id from a query-string value, or None if it cannot be one."""
    return int_param(value, minimum=1, maximum=MAX_ID)


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
