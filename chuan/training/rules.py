"""Pure rules of training: the 36-period plan of the regulated courses (TT 26/2014
Arts. 29–30), the learner cap, the pass rule, and certificate numbers."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from chuan.training.choices import (
    ATTENDANCE_PERCENT,
    REGULATED_KINDS,
    REGULATED_MAX_LEARNERS,
    REGULATED_MODULES,
    REGULATED_PERIODS,
)

# "0007/2026/CCĐT-52": sequence in the year, year, "chứng chỉ đào tạo", the province's unit
# code — the way Vietnamese bodies number what they issue (number/year/symbol-issuer),
# ASCII so that it reads the same in a URL and a QR code.
NUMBER_RE = re.compile(r"^(?P<seq>\d{4,6})/(?P<year>\d{4})/CCDT-(?P<province>[0-9A-Za-z]{1,10})$")


def capacity(kind: str, max_learners: int) -> int:
    """How many learners a course may take: 25 at most for a regulated course."""
    if kind in REGULATED_KINDS:
        return min(max_learners or REGULATED_MAX_LEARNERS, REGULATED_MAX_LEARNERS)
    return max_learners


def plan_shortfalls(kind: str, sessions: Iterable[tuple[int, int]]) -> list[str]:
    """What a course's sessions (module, periods) lack before it can start, in words; empty
    when it may start. A regulated course needs each of its four modules taught and 36
    periods in all over them (an optional fifth module does not count towards the 36)."""
    by_module: dict[int, int] = {}
    for module, periods in sessions:
        by_module[module] = by_module.get(module, 0) + periods
    if not by_module:
        return [_("The course has no session.")]
    if kind not in REGULATED_KINDS:
        return []
    problems = []
    missing = [m for m in range(1, REGULATED_MODULES + 1) if not by_module.get(m)]
    if missing:
        problems.append(
            _("Module(s) %(modules)s have no session.")
            % {"modules": ", ".join(str(m) for m in missing)}
        )
    total = sum(p for m, p in by_module.items() if m <= REGULATED_MODULES)
    if total != REGULATED_PERIODS:
        problems.append(
            _("The four modules total %(total)s periods; TT 26/2014 requires %(required)s.")
            % {"total": total, "required": REGULATED_PERIODS}
        )
    return problems


def attendance_rate(attended_periods: int, total_periods: int) -> int:
    """The percentage (rounded down) of the course's periods a learner attended."""
    if total_periods <= 0:
        return 0
    return attended_periods * 100 // total_periods


@dataclass(frozen=True)
class Outcome:
    passed: bool
    reason: str = ""


def outcome(
    final_score: Decimal | None, pass_mark: int, attended_periods: int, total_periods: int
) -> Outcome:
    """Pass = final score ≥ the pass mark and attendance ≥ ATTENDANCE_PERCENT of the periods."""
    if final_score is None:
        return Outcome(False, _("No final score."))
    if final_score < pass_mark:
        return Outcome(False, _("Final score below %(mark)s.") % {"mark": pass_mark})
    if attendance_rate(attended_periods, total_periods) < ATTENDANCE_PERCENT:
        return Outcome(
            False,
            _("Attended less than %(percent)s%% of periods.") % {"percent": ATTENDANCE_PERCENT},
        )
    return Outcome(True)


def certificate_number(province_code: str, year: int, sequence: int) -> str:
    """The number of the `sequence`-th certificate issued in the province in `year`."""
    if sequence < 1 or not 1900 < year < 10000:
        raise ValueError("sequence and year out of range")
    code = re.sub(r"[^0-9A-Za-z]", "", province_code)[:10] or "0"
    return f"{sequence:04d}/{year}/CCDT-{code}"


def number_sequence(number: str) -> int | None:
    """The sequence of a number this pattern made, else None."""
    match = NUMBER_RE.match(number)
    return int(match["seq"]) if match else None


def next_sequence(numbers: Iterable[str]) -> int:
    """One more than the highest sequence among `numbers` (1 if none)."""
    return max((number_sequence(n) or 0 for n in numbers), default=0) + 1
