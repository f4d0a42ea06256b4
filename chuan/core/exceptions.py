"""Domain errors raised by services and mapped to form errors, messages or HTTP statuses."""


class DomainError(Exception):
    """A request the rules refuse; nothing was changed. `field` names the input at fault."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(DomainError):
    """The object is not in a state that allows the action (HTTP 409)."""

    status_code = 409


class ForbiddenError(DomainError):
    """The actor may not take this action here, with the reason (HTTP 403): for example a
    step only a leader of the agency may sign."""

    status_code = 403
