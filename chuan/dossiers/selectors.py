"""Reads of the desk: dossiers in the user's scope, worklists, one dossier with its history,
and the citizen's lookup (which shows nothing personal)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chuan.accounts.roles import Role
from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.text import search_tokens
from chuan.dossiers.choices import OPEN_STATUSES, Status
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import VIETNAM, parse_dossier_code
from chuan.organisations.scoping import active_membership, scope_queryset

OPEN = OPEN_STATUSES
RUNNING = (Status.RECEIVED, Status.PROCESSING)


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    return scope_queryset(Dossier.objects.all(), user)


def dossier_list(
    *, user: Any, query: str = "", status: int | None = None, agency_id: int | None = None
) -> QuerySet[Dossier]:
    """Dossiers the user may see, newest first; `query` matches code, applicant, owner and
    procedure without diacritics."""
    dossiers = visible_dossiers(user).select_related("agency", "version__procedure")
    for token in search_tokens(query):
        dossiers = dossiers.filter(search_text__contains=f" {token}")
    if status:
        dossiers = dossiers.filter(status=status)
    if agency_id:
        dossiers = dossiers.filter(agency_id=agency_id)
    return dossiers.order_by("-received_at", "-id")


def register_dossiers(*, user: Any, start: datetime.date, end: datetime.date) -> QuerySet[Dossier]:
    """The dossiers the user may see received from `start` to `end` (days in Vietnam),
    oldest first: the dossier register. Asked as a range of instants, not of dates, so the
    index on the time of receipt finds them among millions."""
    since = datetime.datetime.combine(start, datetime.time(0), tzinfo=VIETNAM)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(0), VIETNAM)
    return (
        visible_dossiers(user)
        .filter(received_at__gte=since, received_at__lt=until)
        .select_related("version")
        .order_by("received_at", "id")
    )


def dossier_get(*, user: Any, pk: int) -> Dossier | None:
    return (
        visible_dossiers(user)
        .select_related(
            "agency__unit",
            "version__procedure",
            "version__field",
            "process",
            "received_by",
            "holder",
            "holder_department",
        )
        .filter(pk=pk)
        .first()
    )


class Queue:
    """The worklist tabs."""

    TODO = "todo"
    DUE_TODAY = "today"
    DUE_SOON = "soon"
    OVERDUE = "overdue"
    TO_RETURN = "return"
    ALL = (TODO, DUE_TODAY, DUE_SOON, OVERDUE, TO_RETURN)


class Whose:
    MINE = "mine"
    DEPARTMENT = "department"
    AGENCY = "agency"


@dataclass(frozen=True)
class Worklist:
    dossiers: QuerySet[Dossier]
    counts: dict[str, int]


def worklist(
    *, user: Any, whose: str, queue: str, now: datetime.datetime | None = None
) -> Worklist:
    """The dossiers waiting on the user (`mine`: held by them, or by their department with no
    one named), their department, or their agency (leaders), by queue: to do, due today, due
    within two working days, overdue, and results to return at the desk."""
    now = now or timezone.now()
    membership = active_membership(user)
    base = visible_dossiers(user).select_related("version__procedure", "holder")
    if membership is None:
        base = base.none()
    elif whose == Whose.MINE:
        mine = Q(holder=user)
        if membership.department_id:
            mine |= Q(holder__isnull=True, holder_department_id=membership.department_id)
        if user.has_perm("dossiers.add_dossier"):
            mine |= Q(status=Status.FINISHED)
        base = base.filter(mine, agency_id=membership.agency_id)
    elif whose == Whose.DEPARTMENT:
        if membership.department_id is None:
            base = base.none()  # an official outside any department has no department list
        else:
            base = base.filter(
                agency_id=membership.agency_id, holder_department_id=membership.department_id
            )
    else:
        base = base.filter(agency_id=membership.agency_id)
    calendar = working_calendar(agency_province_id(membership.agency) if membership else None)
    today = timezone.localtime(now).date()
    end_today = calendar.close_of(today)
    soon = calendar.close_of(calendar.working_day_after(today, 2))
    # The open statuses are the partial index's condition: the planner takes it in due order
    # instead of walking every dossier by due time.
    running = Q(status__in=OPEN) & Q(status__in=RUNNING)
    conditions = {
        Queue.TODO: Q(status__in=OPEN),
        Queue.DUE_TODAY: running & Q(due_at__gte=now, due_at__lte=end_today),
        Queue.DUE_SOON: running & Q(due_at__gte=now, due_at__lte=soon),
        Queue.OVERDUE: running & Q(due_at__lt=now),
        Queue.TO_RETURN: Q(status=Status.FINISHED),
    }
    # Every tab's count in one pass over the open and finished dossiers (was five queries).
    counts = base.filter(status__in=(*OPEN, Status.FINISHED)).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
    )
    chosen = base.filter(conditions.get(queue, conditions[Queue.TODO])).order_by("due_at", "id")
    return Worklist(chosen, counts)


def default_whose(user: Any) -> str:
    """Leaders start from the agency's worklist, everyone else from their own."""
    names = set(user.groups.values_list("name", flat=True))
    return Whose.AGENCY if Role.AGENCY_LEADER in names else Whose.MINE


def lookup(code: str, phone_tail: str) -> Dossier | None:
    """The dossier with this code whose applicant's phone ends with these four digits (the
    citizen's lookup; nothing is said of which part was wrong). Codes are upper case; what
    the citizen typed is read without regard to case or surrounding spaces."""
    code, phone_tail = public_code(code), phone_tail.strip()
    if not code or len(phone_tail) != 4 or not phone_tail.isdigit():
        return None
    dossier = (
        Dossier.objects.select_related("agency", "version")
        .filter(code=code, applicant_phone__endswith=phone_tail)
        .first()
    )
    return dossier


def public_code(code: str) -> str:
    """A dossier code as a citizen may type it, in the form codes are stored."""
    return code.strip().upper()[:40]


def code_exists(code: str) -> bool:
    """Whether some dossier carries this code (the lookup counts wrong phone endings per
    existing code, so that guessing one dossier from many addresses is limited too)."""
    return Dossier.objects.filter(code=public_code(code)).exists()


def agency_of_code(code: str) -> Any:
    """The agency whose electronic code begins this dossier code (`{agency}-{yyMMdd}-{NNNN}`,
    five or six digits of number on a busy day), for the lookup page's header; None when
    no agency has it or the code is not one."""
    from chuan.organisations.models import Agency

    parts = parse_dossier_code(public_code(code))
    if parts is None:
        return None
    return Agency.objects.filter(code=parts[0]).select_related("unit").first()


@dataclass(frozen=True)
class ResultFile:
    """A dossier's result file as the citizen downloads it and the portal receives it
    (DuongDanTepTinKetQua): the stored file, whether it is a scan or the electronic
    original, its checksum and when it was attached."""

    file: Any
    name: str
    origin: str
    sha256: str
    attached_at: datetime.datetime | None

    @property
    def origin_label(self) -> str:
        from chuan.dossiers.choices import FileOrigin

        return str(FileOrigin(self.origin).label) if self.origin in FileOrigin.values else ""


def dossier_result_file(dossier: Dossier) -> ResultFile | None:
    """The dossier's result file, or None when it has none."""
    if not dossier.result_file:
        return None
    return ResultFile(
        file=dossier.result_file,
        name=dossier.result_file.name.rsplit("/", 1)[-1],
        origin=dossier.result_file_origin,
        sha256=dossier.result_file_sha256,
        attached_at=dossier.result_file_at,
    )


def citizen_result_file(dossier: Dossier) -> ResultFile | None:
    """The result file the citizen may download from the lookup page: only once the result
    was returned to them."""
    if dossier.status != Status.RETURNED:
        return None
    return dossier_result_file(dossier)
