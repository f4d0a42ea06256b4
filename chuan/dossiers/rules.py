"""Pure rules of the desk: the dossier code, the citizen ID number, whether a dossier or a
step finished early, on time or late, which steps a dossier has still to pass before it may
be finished, and how far an extension may move its due time."""

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from chuan.core.working_time import Unit, WorkingCalendar
from chuan.dossiers.choices import Timeliness
from chuan.procedures.route import result_order
from chuan.procedures.timing import engine_amount

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Province codes opening a 12-digit citizen ID (Circular 59/2021/TT-BCA, Annex I): the
# 63 provinces as they were when the numbers were issued.
ID_PROVINCES = frozenset(
    f"{code:03d}"
    for code in (
        *(1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34),
        *(35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67),
        *(68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96),
    )
)
_PHONE = re.compile(r"^(?:\+84|0)(\d{9,10})$")


# A day's numbers have at least four digits (Circular 04/2025/TT-VPCP's dossier code), so a
# desk numbers 0001…9999 and then 10000…: a province's centre taking a few receipts a second
# passes 9,999 in a busy day. The bound keeps a code within its column (a 13-character
# agency code, the date and six digits) and is far beyond any desk's day.
LAST_DAY_NUMBER = 999_999
_CODE = re.compile(r"^(?P<agency>.+)-(?P<day>\d{6})-(?P<number>\d{4,6})$")


def dossier_code(agency_code: str, day: datetime.date, number: int) -> str:
    """`{agency code}-{yyMMdd}-{NNNN}`, the national form (e.g. 000.00.06.H56-231027-0361);
    the number takes a fifth (sixth) digit past 9,999 (99,999)."""
    if not 1 <= number <= LAST_DAY_NUMBER:
        raise ValueError(f"a day's dossier number runs from 1 to {LAST_DAY_NUMBER}")
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


# Circular 04/2025/TT-VPCP adds Art. 13.3 to Circular 03/2025/TT-VPCP: a procedure provided as
# a centralised national service is coded `MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX` by its system
# (the handling agency's electronic ID, the receipt date, AA from the ID of the agency owning
# the centralised system, XXXX the day's sequence, at least four digits).
_CENTRALISED = re.compile(
    r"^(?P<agency>[^-]+)-(?P<day>\d{6})-(?P<system>\d{2})(?P<number>\d{4,8})$"
)


def centralised_code_problem(code: str, agency_code: str, day: datetime.date) -> str | None:
    """Why `code` is not a centralised service's code for this agency received on or before
    `day`, or None: `{agency code}-{yyMMdd}-{AA}{XXXX}`."""
    match = _CENTRALISED.match(code)
    if match is None:
        return "pattern"
    if match.group("agency") != agency_code:
        return "agency"
    try:
        issued = datetime.date(
            2000 + int(match.group("day")[:2]),
            int(match.group("day")[2:4]),
            int(match.group("day")[4:]),
        )
    except ValueError:
        return "date"
    if issued > day:
        return "date"
    return None


def parse_dossier_code(code: str) -> tuple[str, datetime.date, int] | None:
    """The agency code, day and number a dossier code is made of, or None when `code` is
    not one (`dossier_code` read backwards, four to six digits of number)."""
    match = _CODE.match(code)
    if not match or (len(match["number"]) > 4 and match["number"].startswith("0")):
        return None
    digits = match["day"]
    try:  # codes are of this century: "690101" is 2069, not strptime's 1969
        day = datetime.date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    number = int(match["number"])
    return (match["agency"], day, number) if number >= 1 else None


def citizen_id_problem(number: str) -> str | None:
    """Why `number` is not a 12-digit citizen ID number, or None: twelve digits, a province
    code of issue, and a century-and-sex digit."""
    if not re.fullmatch(r"\d{12}", number):
        return "digits"
    if number[:3] not in ID_PROVINCES:
        return "province"
    return None


def normalised_phone(text: str) -> str | None:
    """A Vietnamese phone number as ten or eleven digits starting with 0, or None."""
    match = _PHONE.match(re.sub(r"[\s.\-()]", "", text))
    return f"0{match.group(1)}" if match else None


def finish_timeliness(finished_at: datetime.datetime, due_at: datetime.datetime) -> str:
    """Early if finished on a day before the due day, on time on the due day, late after it:
    compared by calendar date in Vietnam, as report form 06 and the national 766 index do."""
    finished = finished_at.astimezone(VIETNAM).date()
    due = due_at.astimezone(VIETNAM).date()
    if finished < due:
        return Timeliness.EARLY
    return Timeliness.ON_TIME if finished == due else Timeliness.LATE


def step_timeliness(finished_at: datetime.datetime, due_at: datetime.datetime) -> str:
    """A step handed over after its due time is late; on its due day, on time; before, early."""
    if finished_at > due_at:
        return Timeliness.LATE
    return finish_timeliness(finished_at, due_at)


def unpassed_steps(steps: Sequence[Any], current: int | None) -> list[Any]:
    """The steps a dossier standing at step `current` has not yet been through up to the
    step giving the result: empty when it may be finished where it stands."""
    if not steps:
        return []
    result = result_order(steps)
    return [
        step
        for step in sorted(steps, key=lambda step: step.order)
        if step.order <= result and step.order != current and step.finished_at is None
    ]


def step_label(step: Any) -> str:
    """ "3. Ký Giấy khai sinh — Lãnh đạo cơ quan": how a refusal names a step."""
    who = step.department.name if step.department_id else step.get_responsible_display()
    return f"{step.order}. {step.name} — {who}"


def is_working_time(calendar: WorkingCalendar, instant: datetime.datetime) -> bool:
    """Whether `instant` falls within office hours (ends included) on a working day."""
    local = instant.astimezone(calendar.timezone)
    return calendar.is_working_day(local.date()) and any(
        start <= local.time() <= end for start, end in calendar.intervals
    )


def extension_limit(
    calendar: WorkingCalendar,
    due_at: datetime.datetime,
    amount: Decimal,
    unit: str,
    factor: Decimal,
) -> datetime.datetime:
    """The latest due time an extension may set: the procedure's statutory time again (times
    `factor`) counted from the current due time; a same-day procedure counts one working
    day. Periods in days count from the due day, as the due time itself was counted."""
    if unit == Unit.SAME_DAY or amount <= 0:
        amount, unit = Decimal(1), Unit.WORKING_DAYS
    whole, engine_unit = engine_amount(amount * factor, unit, calendar)
    whole = max(whole, 1)
    if engine_unit == Unit.WORKING_HOURS:
        return calendar.add(due_at, datetime.timedelta(hours=whole))
    due_day = due_at.astimezone(calendar.timezone).date()
    start = datetime.datetime.combine(due_day, calendar.intervals[0][0], tzinfo=calendar.timezone)
    return calendar.due(start, whole, engine_unit)


def extension_problems(
    calendar: WorkingCalendar,
    *,
    new_due_at: datetime.datetime,
    now: datetime.datetime,
    due_at: datetime.datetime | None,
    limit: datetime.datetime | None,
) -> list[str]:
    """Why `new_due_at` cannot be a dossier's new due time, or nothing: it must come after
    now and after the current due time, within the limit, and in office hours on a working
    day of the province's calendar (the citizen comes back for the result then)."""
    problems = []
    if new_due_at <= now:
        problems.append(_("The new due time must be in the future."))
    elif due_at is not None and new_due_at <= due_at:
        problems.append(_("The new due time must be after the current one."))
    if limit is not None and new_due_at > limit:
        problems.append(
            _(
                "An extension may add at most the procedure's statutory time again: the new due "
                "time can be %(limit)s at the latest."
            )
            % {"limit": limit.astimezone(calendar.timezone).strftime("%d/%m/%Y %H:%M")}
        )
    # A date years past the limit is refused by the limit already; not looking up its
    # calendar keeps absurd years (9999) away from the engine.
    horizon = (limit or now).year + 10
    if new_due_at.year <= horizon:
        local = new_due_at.astimezone(calendar.timezone)
        if not calendar.is_working_day(local.date()):
            problems.append(
                _(
                    "%(date)s is not a working day by the province's calendar (a weekend, a "
                    "holiday or a day off): choose a working day."
                )
                % {"date": local.strftime("%d/%m/%Y")}
            )
        elif not is_working_time(calendar, new_due_at):
            problems.append(
                _("%(time)s is outside office hours: choose a time the office is open.")
                % {"time": local.strftime("%d/%m/%Y %H:%M")}
            )
    return problems


# Which clock a procedure's statutory time runs on (the catalogue's "đơn vị tính"): working
# days, working hours and same-day procedures count office time on working days; days and
# months count the calendar (QĐ 766/QĐ-TTg indicator 2.2 averages in the procedure's unit).
WORKING_CLOCK_UNITS = frozenset({Unit.WORKING_DAYS, Unit.WORKING_HOURS, Unit.SAME_DAY})


def handling_clock(time_unit: str) -> str:
    """`"working"` or `"calendar"`: the clock a procedure with this time unit counts in."""
    return "working" if time_unit in WORKING_CLOCK_UNITS else "calendar"


def clock_minutes(
    calendar: WorkingCalendar,
    time_unit: str,
    start: datetime.datetime,
    end: datetime.datetime,
) -> int:
    """The minutes between two instants on the procedure's clock: office time for working
    units (`WorkingCalendar.elapsed`), wall time otherwise; zero when `end` is not after."""
    if end <= start:
        return 0
    if handling_clock(time_unit) == "working":
        return int(calendar.elapsed(start, end) / datetime.timedelta(minutes=1))
    return int((end - start) / datetime.timedelta(minutes=1))


def handling_minutes(
    calendar: WorkingCalendar,
    time_unit: str,
    received_at: datetime.datetime,
    finished_at: datetime.datetime,
    paused_minutes: int,
) -> int:
    """How long the agency took over a dossier, from receipt to finish on the procedure's
    clock, less the time the clock stood still waiting for the citizen (766 rule: "the
    citizen's supplement time is deducted")."""
    spent = clock_minutes(calendar, time_unit, received_at, finished_at)
    return max(0, spent - paused_minutes)
