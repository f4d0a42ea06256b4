"""The life of a course in one table: (state, action) → next state. Registration is open
while it is planned; a regulated course starts only with its 36 periods planned (checked by
`services.courses.course_start`); certificates are issued once it has finished."""

from chuan.core.exceptions import ConflictError
from chuan.training.choices import CourseState

START, FINISH, CANCEL, REOPEN = "start", "finish", "cancel", "reopen"
ACTIONS = (START, FINISH, CANCEL, REOPEN)

TRANSITIONS: dict[tuple[str, str], str] = {
    (CourseState.PLANNED, START): CourseState.RUNNING,
    (CourseState.PLANNED, CANCEL): CourseState.CANCELLED,
    (CourseState.RUNNING, FINISH): CourseState.FINISHED,
    (CourseState.RUNNING, CANCEL): CourseState.CANCELLED,
    (CourseState.CANCELLED, REOPEN): CourseState.PLANNED,
}


def next_state(state: str, action: str) -> str:
    """The state `action` leads to, or ConflictError naming why it may not be taken."""
    from django.utils.translation import gettext as _

    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise ConflictError(
            _("A course in the state “%(state)s” cannot do that.")
            % {"state": CourseState(state).label}
        ) from None


def allowed(state: str) -> list[str]:
    return [action for (s, action) in TRANSITIONS if s == state]
