"""The index of one month for one scope (an agency, or the province's agencies together),
computed from plain inputs (`MonthInputs`, read by `figures`), so every cell can be checked
by hand. Indicators Chuẩn cannot know are returned as not available with the reason."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from chuan.procedures.choices import OnlineLevel
from chuan.servicesindex import rules

FULL_ONLINE_OFFER = Decimal("0.8")  # 3.1: full at ≥ 80 % of procedures online
FULL_ONLINE_DOSSIERS = Decimal("0.5")  # 3.3: full at ≥ 50 % of dossiers online
FULL_DIGITISED = Decimal("0.8")  # 4.2: full at ≥ 80 % of dossiers digitised
FULL_SATISFACTION = Decimal("0.9")  # 5.4: full at ≥ 90 %

NOT_HELD = {
    "1.1": _(
        "The dates of the announcing decisions against the legal basis's effect are not "
        "recorded in the catalogue."
    ),
    "1.2": _("Publication on the national procedure database happens outside Chuẩn."),
    "1.4": _("Synchronisation with the national portal is counted by the portal link."),
    "3.5": _(
        "Online payment is made on the national portal's payment platform; Chuẩn does not "
        "receive its payment records."
    ),
    "3.6": _(
        "Online payment is made on the national portal's payment platform; Chuẩn does not "
        "receive its payment records."
    ),
    "4.3": _("The reuse of digitised data is measured on the national portal."),
    "4.4": _("Links to the citizen's data store are kept on the national portal."),
    "4.5": _("VNeID authentication and population data are checked on the national portal."),
    "5.13": _(
        "Feedback handling (categories, on-time replies, satisfaction with replies) is "
        "scored from the feedback register."
    ),
}
NO_DOSSIERS = _("No dossiers in the month.")
NO_PROCEDURES = _("No procedures in the catalogue.")
FEEDBACK_MISSING = _(
    'The feedback register is not installed: only the late share and the "not '
    'satisfied" ratings are counted.'
)


@dataclass
class ProcedureMonth:
    """One procedure's sums over the scope's monthly figures for the month."""

    procedure_id: int
    received_online: int = 0
    received_direct: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    digitised: int = 0
    electronic_result: int = 0
    not_satisfied: int = 0
    handled: int = 0
    handled_minutes: int = 0

    def add(self, other: "ProcedureMonth") -> None:
        for name in (
            "received_online",
            "received_direct",
            "early",
            "on_time",
            "late",
            "digitised",
            "electronic_result",
            "not_satisfied",
            "handled",
            "handled_minutes",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class CatalogueEntry:
    """A procedure in force in the scope's catalogue at the month's end."""

    procedure_id: int
    code: str
    name: str
    time_amount: Decimal
    time_unit: str
    online_level: str
    levels: str
    missing: tuple[str, ...] = ()


@dataclass
class MonthInputs:
    month: datetime.date
    procedures: dict[int, ProcedureMonth]
    catalogue: list[CatalogueEntry]
    open_within: int = 0
    open_overdue: int = 0
    # Dossiers finished in the month with feedback or a "not satisfied" rating, counted
    # once; None when the feedback register is not installed (ratings only then).
    feedback_or_dislike: int = 0
    feedback_available: bool = True
    day_minutes: int = 8 * 60


@dataclass
class Indicator:
    code: str
    label: object
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    score: Decimal | None = None
    full_at: Decimal | None = None
    available: bool = True
    reason: object = ""
    drill: str = ""  # which dossiers stand behind the figure (`selectors.DRILLS`)

    @property
    def full_at_percent(self) -> int | None:
        return None if self.full_at is None else int(self.full_at * 100)

    @property
    def percent(self) -> Decimal | None:
        return None if self.value is None else (self.value * 100).quantize(Decimal("0.1"))


@dataclass
class GroupResult:
    group: rules.Group
    indicators: list[Indicator]
    points: Decimal | None = None
    note: object = ""

    @property
    def available(self) -> bool:
        return self.points is not None


@dataclass
class Average:
    """A procedure's average handling time in its unit, against its statutory time."""

    code: str
    name: str
    unit: str
    average: Decimal
    statutory: Decimal
    count: int

    @property
    def within(self) -> bool:
        return self.average <= self.statutory

    @property
    def unit_label(self) -> str:
        from chuan.procedures.choices import TimeUnit

        return str(TimeUnit(self.unit).label)


@dataclass
class MonthIndex:
    month: datetime.date
    groups: list[GroupResult]
    averages: list[Average] = field(default_factory=list)
    received: int = 0
    finished: int = 0

    @property
    def points(self) -> Decimal:
        return rules.total_points([g.points for g in self.groups])[0]

    @property
    def possible(self) -> int:
        return rules.total_points([g.points for g in self.groups])[1]

    def group(self, key: str) -> GroupResult:
        return next(g for g in self.groups if g.group.key == key)


def _not_held(code: str, label: object) -> Indicator:
    return Indicator(code, label, available=False, reason=NOT_HELD[code])


def _measured(
    code: str,
    label: object,
    numerator: int,
    denominator: int,
    *,
    full_at: Decimal = Decimal(1),
    drill: str = "",
    empty: object = NO_DOSSIERS,
) -> Indicator:
    value = rules.share(numerator, denominator)
    if value is None:
        return Indicator(code, label, available=False, reason=empty, drill=drill)
    return Indicator(
        code,
        label,
        value=value,
        numerator=numerator,
        denominator=denominator,
        score=rules.proportional_score(value, full_at),
        full_at=full_at if full_at != 1 else None,
        drill=drill,
    )


def compute(inputs: MonthInputs) -> MonthIndex:
    """The six groups of the month from the inputs."""
    total = ProcedureMonth(0)
    for line in inputs.procedures.values():
        total.add(line)
    received = total.received_online + total.received_direct
    finished = total.early + total.on_time + total.late
    catalogue = inputs.catalogue

    complete = sum(1 for entry in catalogue if not entry.missing)
    transparency = [
        _not_held("1.1", _("Procedures announced on time")),
        _not_held("1.2", _("Procedures published on the national database on time")),
        _measured(
            "1.3",
            _("Procedures published with complete components"),
            complete,
            len(catalogue),
            drill="",
            empty=NO_PROCEDURES,
        ),
        _not_held("1.4", _("Dossiers synchronised to the national portal")),
    ]

    good = total.early + total.on_time + inputs.open_within
    considered = finished + inputs.open_within + inputs.open_overdue
    averages = _averages(inputs)
    progress = [
        _measured(
            "2.1",
            _("Dossiers handled early or on time (open ones within time included)"),
            good,
            considered,
            drill="late",
        ),
        _measured(
            "2.2",
            _("Procedures whose average handling time is within the statutory time"),
            sum(1 for a in averages if a.within),
            len(averages),
            drill="",
        ),
    ]

    offering = [e for e in catalogue if e.online_level != OnlineLevel.NONE]
    used = sum(
        1
        for entry in offering
        if inputs.procedures.get(entry.procedure_id, ProcedureMonth(0)).received_online > 0
    )
    online = [
        _measured(
            "3.1",
            _("Procedures offering an online service"),
            len(offering),
            len(catalogue),
            full_at=FULL_ONLINE_OFFER,
            empty=NO_PROCEDURES,
        ),
        _measured(
            "3.2",
            _("Online services that received dossiers"),
            used,
            len(offering),
            empty=_("No procedure offers an online service."),
        ),
        _measured(
            "3.3",
            _("Dossiers received online"),
            total.received_online,
            received,
            full_at=FULL_ONLINE_DOSSIERS,
            drill="online",
        ),
    ]
    payment = [
        _not_held("3.5", _("Procedures with fees payable online")),
        _not_held("3.6", _("Dossiers paid online")),
    ]

    value = rules.satisfaction_value(finished, total.late, inputs.feedback_or_dislike)
    satisfaction_indicator = Indicator(
        "5.4",
        _("Satisfaction with the handling of procedures"),
        value=value,
        numerator=inputs.feedback_or_dislike,
        denominator=finished or None,
        score=rules.proportional_score(value, FULL_SATISFACTION),
        full_at=FULL_SATISFACTION,
        available=value is not None,
        reason="" if value is not None else NO_DOSSIERS,
        drill="dislike",
    )
    satisfaction = [
        _not_held("5.13", _("Feedback handled: categories, on time, satisfaction")),
        satisfaction_indicator,
    ]

    digitisation = [
        _measured(
            "4.1",
            _("Dossiers finished with an electronic result"),
            total.electronic_result,
            finished,
            drill="no_result_file",
        ),
        _measured(
            "4.2",
            _("Dossiers received with digitised components"),
            total.digitised,
            received,
            full_at=FULL_DIGITISED,
            drill="not_digitised",
        ),
        _not_held("4.3", _("Reuse of digitised data")),
        _not_held("4.4", _("Digitised dossiers linked to the citizen's data store")),
        _not_held("4.5", _("Use of population data (VNeID)")),
    ]

    by_group = {
        "transparency": transparency,
        "progress": progress,
        "online": online,
        "payment": payment,
        "satisfaction": satisfaction,
        "digitisation": digitisation,
    }
    groups = []
    for group in rules.GROUPS:
        indicators = by_group[group.key]
        points = rules.group_points(group, [i.score for i in indicators if i.available])
        note: object = ""
        if group.key == "payment":
            note = NOT_HELD["3.5"]
        elif group.key == "satisfaction" and not inputs.feedback_available:
            note = FEEDBACK_MISSING
        groups.append(GroupResult(group, indicators, points, note))
    return MonthIndex(inputs.month, groups, averages, received=received, finished=finished)


def _averages(inputs: MonthInputs) -> list[Average]:
    """Each procedure with dossiers finished in the month: its average handling time in its
    unit against its statutory time (2.2)."""
    entries = {entry.procedure_id: entry for entry in inputs.catalogue}
    result = []
    for procedure_id, line in sorted(inputs.procedures.items()):
        entry = entries.get(procedure_id)
        if entry is None or not line.handled:
            continue
        average = rules.average_in_unit(
            line.handled_minutes, line.handled, entry.time_unit, inputs.day_minutes
        )
        if average is None:
            continue
        result.append(
            Average(
                code=entry.code,
                name=entry.name,
                unit=rules.unit_shown(entry.time_unit),
                average=average.quantize(Decimal("0.01")),
                statutory=rules.statutory_in_unit(
                    entry.time_amount, entry.time_unit, inputs.day_minutes
                ),
                count=line.handled,
            )
        )
    return result
