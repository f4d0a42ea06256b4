"""A year of dossiers at the demo desks: the ward and two communes of Gia Lai since 2025 and
the provincial departments with internal processes, in every state (returned early, on
time or late, withdrawn, stopped, not received, still open, paused for a supplement or a
financial obligation, extended), and a few older ones still on Circular 01/2018's forms, all
through the desk's services so that steps, events, daily figures and activity are what real
work leaves.

Deterministic (a seeded random), idempotent (skipped when the desks already have dossiers).
"""

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.demo.catalogue import PROCESSES_FROM
from chuan.dossiers import services
from chuan.dossiers.choices import Channel, NotReceivedKind
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.services import Applicant, Counted, ReceiptData
from chuan.procedures.choices import ProcessStatus, Responsible
from chuan.procedures.models import InternalProcess
from chuan.procedures.route import result_order, return_order
from chuan.procedures.selectors import form_sets, version_in_force

MINUTE = datetime.timedelta(minutes=1)
FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Rơ Mah",
    "Siu",
    "Ksor",
)
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Đức", "Thu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Nam", "H'Blin")
STREETS = ("Trần Hưng Đạo", "Hùng Vương", "Lê Lợi", "Phạm Văn Đồng", "Nguyễn Tất Thành")


@dataclass
class DossierReport:
    dossiers: int = 0


def _person(rng: random.Random) -> Applicant:
    # Citizen IDs issued in Gia Lai (064) or Bình Định (052), born 1950–2005.
    province = rng.choice(("064", "052"))
    year = rng.randint(50, 105)
    century = ("0", "1") if year < 100 else ("2", "3")
    number = f"{province}{rng.choice(century)}{year % 100:02d}{rng.randint(0, 999999):06d}"
    return Applicant(
        name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        id_number=number,
        phone=f"09{rng.randint(0, 99999999):08d}",
        address=f"{rng.randint(1, 300)} {rng.choice(STREETS)}, Pleiku",
    )


def _moment(rng: random.Random, calendar: Any, day: datetime.date) -> datetime.datetime:
    day = calendar.working_day_on_or_after(day)
    hour = rng.choice((7, 8, 8, 9, 9, 10, 13, 14, 14, 15, 16))
    return datetime.datetime.combine(day, datetime.time(hour, rng.randint(0, 59)), tzinfo=VIETNAM)


def load_dossiers(*, count: int = 2400, seed: int = 2026, stdout: Any = None) -> DossierReport:
    """Receive `count` dossiers over the last year at the agencies with internal processes
    and take each as far as its story goes."""
    from chuan.calendars.selectors import agency_province_id, working_calendar

    report = DossierReport()
    if count <= 0:
        return report
    processes = list(
        InternalProcess.objects.filter(status=ProcessStatus.APPROVED)
        .select_related("agency__unit", "procedure")
        .order_by("agency_id", "procedure_id")
    )
    agencies = {p.agency_id: p.agency for p in processes}
    if not processes or Dossier.objects.filter(agency_id__in=agencies).exists():
        return report
    staff = _staff(agencies)
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    now = timezone.now()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    if stdout is not None:
        stdout.write(f"Desk: receiving {count} dossiers over the last year…\n")

    # Read once, not per dossier: the version each procedure has in force on a day and the
    # papers of each version (speed only; the same rows as `version_in_force` gives).
    versions: dict[tuple[int, datetime.date], Any] = {}
    papers: dict[int, list[Any]] = {}

    def take(process: InternalProcess, day: datetime.date) -> None:
        agency = process.agency
        calendar = working_calendar(agency_province_id(agency))
        received_at = _moment(rng, calendar, day)
        if received_at >= now:
            return
        key = (process.procedure_id, received_at.date())
        if key not in versions:
            versions[key] = version_in_force(process.procedure, received_at.date())
        version = versions[key]
        if version is None:
            return
        if version.pk not in papers:
            papers[version.pk] = list(version.components.all())
        officer, official, leader = staff[agency.pk]
        data = ReceiptData(
            version=version,
            channel=rng.choices((Channel.IN_PERSON, Channel.ONLINE, Channel.POSTAL), (55, 40, 5))[
                0
            ],
            applicant=_person(rng),
            components=[Counted(c.name, originals=c.originals) for c in papers[version.pk]],
        )
        if rng.random() < 0.03:
            services.dossier_not_receive(
                agency=agency,
                data=data,
                kind=NotReceivedKind.INCOMPLETE,
                reason="Hồ sơ chưa đủ thành phần theo quy định",
                missing=[c.name for c in data.components[:1]] or ["Tờ khai"],
                actor=officer,
                at=received_at,
            )
            report.dossiers += 1
            return
        dossier = services.dossier_receive(agency=agency, data=data, actor=officer, at=received_at)
        report.dossiers += 1
        _story(rng, dossier, calendar, now, officer, official, leader)

    for index in range(count):
        if stdout is not None and index and index % 250 == 0:
            stdout.write(f"Desk: {index}/{count} dossiers…\n")
        process = rng.choice(processes)
        take(process, start + datetime.timedelta(days=int(365 * index / count) + rng.randint(0, 2)))
    # A few older dossiers, received before Circular 03/2025/TT-VPCP took effect, that keep
    # printing on Circular 01/2018's forms.
    for day in _before_the_2025_forms(rng, count // 50, today):
        take(rng.choice(processes), day)
    if stdout is not None:
        stdout.write(f"Desk: {report.dossiers} dossiers created.\n")
    return report


def _before_the_2025_forms(
    rng: random.Random, count: int, today: datetime.date
) -> list[datetime.date]:
    """`count` days in the eight weeks before the newest form set took effect (after the
    demo's processes applied), when that was before today."""
    sets = form_sets()
    if count <= 0 or not sets:
        return []
    cutoff = sets[-1].valid_from
    first = max(PROCESSES_FROM, cutoff - datetime.timedelta(weeks=8))
    span = (min(cutoff, today) - first).days
    if span <= 0:
        return []
    return sorted(first + datetime.timedelta(days=rng.randrange(span)) for _ in range(count))


def _staff(agencies: dict[int, Any]) -> dict[int, tuple[Any, Any, Any]]:
    """A one-stop officer, an official and a leader for each desk: the demo accounts where
    they work there, otherwise officials created for the demo."""
    from chuan.accounts.services import user_create
    from chuan.demo.gialai import DEMO_PASSWORD
    from chuan.organisations.services import membership_create

    staff = {}
    for agency in agencies.values():
        people = []
        for role, username in (
            (Role.DESK_OFFICER, "desk"),
            (Role.PROCESSING_OFFICIAL, "official"),
            (Role.AGENCY_LEADER, "leader"),
        ):
            member = (
                User.objects.filter(
                    groups__name=role, memberships__agency=agency, memberships__is_active=True
                )
                .order_by("pk")
                .first()
            )
            if member is None:
                member = user_create(
                    username=f"{username}-{agency.pk}",
                    full_name=f"{dict(Role.choices)[role]} · {agency.unit.short_name}",
                    password=DEMO_PASSWORD,
                    roles=[role],
                    agency_id=agency.pk,
                    actor=None,
                )
                membership_create(user=member, agency=agency, actor=None)
            people.append(member)
        staff[agency.pk] = tuple(people)
    return staff  # type: ignore[return-value]


def extended_due(calendar: Any, dossier: Any) -> datetime.datetime:
    """The new due time the demo's leader asks for: the close of the working day after the
    due day, or the latest an extension may set when that is earlier (a same-day procedure
    may add one working day only, counted from the due time)."""
    wanted = calendar.close_of(
        calendar.working_day_after(dossier.due_at.astimezone(VIETNAM).date(), 1)
    )
    return min(wanted, services.extension_limit_of(dossier, calendar))


def _story(
    rng: random.Random,
    dossier: Any,
    calendar: Any,
    now: datetime.datetime,
    officer: Any,
    official: Any,
    leader: Any,
) -> None:
    """Take a dossier through a plausible life: most end on time, some early, some late;
    some are paused, extended, withdrawn or stopped; recent ones are still open."""
    due = dossier.due_at
    budget = calendar.elapsed(dossier.received_at, due)
    fate = rng.random()
    # Late ones overrun by up to three working days.
    share = rng.uniform(0.2, 0.98) if fate < 0.88 else rng.uniform(1.02, 1.6)
    finish_at = calendar.add(dossier.received_at, budget * share)
    steps = list(dossier.steps.order_by("order"))
    # The dossier goes through its process up to the step giving the result (the leader's
    # signing step in the demo processes), each step completed by who holds it.
    route = [step for step in steps if 1 < step.order <= result_order(steps)]
    moments = sorted(
        calendar.add(dossier.received_at, budget * share * rng.uniform(0.05, 0.95)) for _ in route
    )

    def doer(step: Any) -> Any:
        if step.signs:
            return leader
        return officer if step.responsible == Responsible.DESK else official

    current = steps[0]
    delay = datetime.timedelta()  # working time the clock stood still, pushing what follows
    last = dossier.received_at  # each action comes after the one before
    # Half of the last fortnight's dossiers are still with the department: the backlog a
    # desk always has.
    backlog = dossier.received_at > now - datetime.timedelta(days=15) and rng.random() < 0.5
    for index, moment in enumerate(moments[:1] if backlog else moments):
        following = route[index]
        at = max(calendar.add(moment, delay) if delay else moment, last + MINUTE)
        if at >= now:
            return  # still being processed
        dossier = services.dossier_hand_over(
            dossier=dossier, actor=doer(current), to_user=doer(following), at=at
        )
        last, current = at, following
        # Most receivers sign for the dossier soon after it reaches them; the others are
        # recorded as receiving it when they complete their step.
        taken = calendar.add(at, datetime.timedelta(minutes=rng.randint(5, 50)))
        upcoming = moments[index + 1] if index + 1 < len(moments) else finish_at
        if rng.random() < 0.8 and taken < min(now, upcoming):
            dossier = services.dossier_accept(dossier=dossier, actor=doer(following), at=taken)
            last = taken
        if index == 0 and rng.random() < 0.08:
            paused = calendar.add(last, datetime.timedelta(hours=1))
            back = calendar.add(paused, datetime.timedelta(hours=rng.randint(8, 40)))
            if paused >= now:
                return
            services.dossier_request_supplement(
                dossier=dossier,
                reason="Thiếu giấy tờ chứng minh",
                missing=["Bản sao giấy tờ chứng minh nơi cư trú"],
                actor=official,
                at=paused,
            )
            if back >= now:
                return  # the citizen has not brought the papers yet
            dossier = services.dossier_supplement(dossier=dossier, actor=officer, at=back)
            delay = calendar.elapsed(paused, back)
            finish_at = calendar.add(finish_at, delay)
            last = back
    if backlog:
        return
    finish_at = max(finish_at, last + MINUTE)
    if rng.random() < 0.03:
        ended = min(finish_at, now - datetime.timedelta(minutes=5))
        if ended > last:
            services.dossier_withdraw(
                dossier=dossier, reason="Công dân có đơn xin rút hồ sơ", actor=officer, at=ended
            )
        return
    if rng.random() < 0.015:
        ended = min(finish_at, now - datetime.timedelta(minutes=5))
        if ended > last:
            services.dossier_stop(
                dossier=dossier,
                reason="Hồ sơ không đủ điều kiện giải quyết",
                actor=leader,
                at=ended,
            )
        return
    if finish_at > dossier.due_at and rng.random() < 0.4:
        asked = calendar.add(dossier.received_at, budget * 0.9)
        if last < asked < now and asked < dossier.due_at:
            dossier = services.dossier_extend(
                dossier=dossier,
                new_due_at=extended_due(calendar, dossier),
                reason="Cần xác minh thêm thông tin với cơ quan liên quan",
                actor=leader,
                at=asked,
            )
    if finish_at >= now:
        return
    dossier = services.dossier_finish(
        dossier=dossier,
        result="approved" if rng.random() > 0.04 else "refused",
        note="Đã giải quyết theo quy định",
        actor=doer(current),
        at=finish_at,
    )
    returned = calendar.add(finish_at, datetime.timedelta(hours=rng.randint(1, 24)))
    if returned < now and rng.random() < 0.93:
        taken = calendar.add(finish_at, datetime.timedelta(minutes=rng.randint(5, 50)))
        if return_order(steps) is not None and rng.random() < 0.7 and taken < returned:
            dossier = services.dossier_accept(dossier=dossier, actor=officer, at=taken)
        dossier = services.dossier_return(
            dossier=dossier,
            method=rng.choice(("in_person", "in_person", "postal", "online")),
            actor=officer,
            at=returned,
        )
        if rng.random() < 0.3:
            services.dossier_rate(
                dossier=dossier,
                satisfaction=rng.choices(
                    ("very_satisfied", "satisfied", "not_satisfied"), (50, 45, 5)
                )[0],
            )
