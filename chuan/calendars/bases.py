"""Where a computed day of the calendar comes from: which legal document decides it.

Public holidays are those of the Labour Code 2019 (Luật 45/2019/QH14, Art. 112(1)); a holiday
falling on the weekly rest day is made up on the next working day (Art. 111(3)). The exact Tết
days, the second day of National Day and the swaps of a weekday off against a Saturday worked
are fixed each year by a notice for the civil service (Art. 112(3)): by the Labour ministry up to
2025, by the Ministry of Home Affairs (Bộ Nội vụ) from 2026. Vietnamese Culture Day (24/11) is a
day off from 2026 by Resolution 28/2026/QH16, not one of Art. 112's holidays.

Pure functions: they read the name the `holidays` package gives a day in Vietnamese.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

LABOUR_CODE = "45/2019/QH14"
CULTURE_DAY_RESOLUTION = "28/2026/QH16"

# The notice of each year that fixed the civil service's Tết days and swaps (2024 had two,
# 5015 and 1570/TB-LĐTBXH, each for different days: left generic rather than guessed).
YEARLY_NOTICES: dict[int, str] = {
    2021: "4875/TB-LĐTBXH",
    2022: "119/TB-LĐTBXH",
    2023: "5034/TB-LĐTBXH",
    2025: "6150/TB-BLĐTBXH",
    2026: "9441/TB-BNV",
}

_TET_MARKERS = ("tết nguyên đán", "giao thừa", "29 tết")


@dataclass(frozen=True)
class Basis:
    """A day's legal basis: the words shown and the symbol of the document, when known."""

    label: str
    symbol: str = ""


def _notice_basis(year: int) -> Basis:
    symbol = YEARLY_NOTICES.get(year, "")
    if symbol:
        return Basis(_("Notice %(symbol)s") % {"symbol": symbol}, symbol)
    return Basis(_("The year's notice on holidays for the civil service"))


def computed_basis(day: datetime.date, vi_name: str, *, working: bool) -> Basis:
    """The basis of a day Chuẩn computes: `vi_name` is the Vietnamese name the holidays
    package gives it ("" for a Saturday worked in exchange)."""
    name = vi_name.casefold()
    if working or "thay cho" in name:
        # A Saturday worked, or the weekday off it buys: a swap only the notice decides.
        return _notice_basis(day.year)
    if "nghỉ bù" in name:
        return Basis(
            _("Labour Code 2019 (%(symbol)s), Art. 111(3): make-up day") % {"symbol": LABOUR_CODE},
            LABOUR_CODE,
        )
    if "văn hóa" in name or "văn hoá" in name:
        return Basis(
            _("Resolution %(symbol)s") % {"symbol": CULTURE_DAY_RESOLUTION},
            CULTURE_DAY_RESOLUTION,
        )
    if any(marker in name for marker in _TET_MARKERS) and day.year in YEARLY_NOTICES:
        return _notice_basis(day.year)  # the Labour Code gives five days; the notice which
    return Basis(
        _("Labour Code 2019 (%(symbol)s), Art. 112") % {"symbol": LABOUR_CODE}, LABOUR_CODE
    )
