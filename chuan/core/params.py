"""Reading numbers from query strings without trusting them."""

# Database keys are 64-bit signed integers; anything larger cannot name a row.
MAX_ID = 2**63 - 1


def id_param(value: str | None) -> int | None:
    """A positive database id from a query-string value, or None if it cannot be one."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
