"""Pure rules of the desk: the dossier code, the citizen ID number, and whether a dossier or
a step finished early, on time or late."""

import datetime
import re
from zoneinfo import ZoneInfo

from chuan.dossiers.choices import Timeliness

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


def dossier_code(agency_code: str, day: datetime.date, number: int) -> str:
    """`{agency code}-{yyMMdd}-{NNNN}`, the national form (e.g. 000.00.06.H56-231027-0361)."""
    if not 1 <= number <= 9999:
        raise ValueError("a day's dossier number runs from 1 to 9999")
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


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
