"""The 766 index as a workbook (`core.exports.XlsxBook`): the month's groups and indicators,
the averages of 2.2, the agencies of the province and the twelve months' points."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from chuan.core.exports import Column, Row, XlsxBook
from chuan.servicesindex.compute import MonthIndex


def _number(value: Decimal | None, places: str = "0.01") -> Any:
    return None if value is None else float(value.quantize(Decimal(places)))


def index_workbook(
    *,
    title: str,
    index: MonthIndex,
    trend: Sequence[MonthIndex],
    agencies: Sequence[tuple[Any, MonthIndex]] = (),
) -> bytes:
    book = XlsxBook(title=title)
    not_available = _("not available")
    lines: list[Any] = []
    for result in index.groups:
        lines.append(
            Row(
                [
                    f"{result.group.number}. {result.group.label}",
                    "",
                    "",
                    _number(result.points) if result.available else not_available,
                    result.group.points,
                    str(result.note),
                ],
                bold=True,
            )
        )
        lines.extend(
            [
                f"{indicator.code} {indicator.label}",
                _number(indicator.percent, "0.1") if indicator.available else not_available,
                f"{indicator.numerator}/{indicator.denominator}"
                if indicator.available and indicator.denominator
                else "",
                "",
                "",
                str(indicator.reason),
            ]
            for indicator in result.indicators
        )
    book.sheet(
        _("Index"),
        [
            Column(_("Group / indicator"), 60, wrap=True),
            Column(_("Value (%)"), 12),
            Column(_("Count"), 14),
            Column(_("Points"), 10),
            Column(_("Maximum"), 10),
            Column(_("Note"), 60, wrap=True),
        ],
        lines,
        before=[[title], [_("Month %(month)s") % {"month": f"{index.month:%m/%Y}"}]],
        after=[
            Row(
                [
                    _("Total"),
                    "",
                    "",
                    _number(index.points),
                    index.possible,
                    _("Points of the groups Chuẩn can compute."),
                ],
                bold=True,
            )
        ],
    )
    book.sheet(
        _("Average handling time"),
        [
            Column(_("Procedure code"), 14),
            Column(_("Procedure"), 60, wrap=True),
            Column(_("Dossiers"), 10),
            Column(_("Average"), 10),
            Column(_("Statutory time"), 12),
            Column(_("Unit"), 16),
        ],
        [
            [a.code, a.name, a.count, float(a.average), float(a.statutory), a.unit_label]
            for a in index.averages
        ],
    )
    if agencies:
        book.sheet(
            _("Agencies"),
            [
                Column(_("Agency"), 50, wrap=True),
                *[Column(str(g.group.label), 14) for g in index.groups],
                Column(_("Total"), 10),
            ],
            [
                [
                    agency.name,
                    *[_number(g.points) if g.available else not_available for g in one.groups],
                    _number(one.points),
                ]
                for agency, one in agencies
            ],
            auto_filter=True,
        )
    book.sheet(
        _("Twelve months"),
        [
            Column(_("Month"), 10),
            *[Column(str(g.group.label), 14) for g in index.groups],
            Column(_("Total"), 10),
        ],
        [
            [
                f"{one.month:%m/%Y}",
                *[_number(g.points) if g.available else not_available for g in one.groups],
                _number(one.points),
            ]
            for one in trend
        ],
    )
    return book.to_bytes()
