"""The demo province's QMS roll-out: the 2018 article's Gia Lai, and Gia Lai since 2025.

What the article reports, on the day it was written (taken here as 31 January 2018):

* **53 of 53** department- and district-level agencies (the 36 provincial departments, boards
  and sub-departments and the 17 district People's Committees of the legacy list) built,
  announced and apply their QMS under TCVN ISO 9001:2008. Here each has a steering committee,
  a build (some with a consultant), its documents issued, an announcement decision between
  2013 and mid-2017 and an inspection confirming it applies, all by 31 December 2017. Each
  moved to TCVN ISO 9001:2015 between 2019 and mid-2021 (CV 419/BKHCN-TĐC, 21/02/2018: existing
  systems transition before 30/6/2021), which the article could not know but a dashboard
  opened on a later date should show.
* **11 communes** had announced one: five wards of Thành phố Pleiku first (from late 2016),
  then An Khê, Ayun Pa, Chư Sê and Đak Đoa. The rest of Pleiku, An Khê and Ayun Pa, every
  other district's township and one commune per other district started building in 2017; the
  others had not started. The rest of Pleiku announced in spring 2018 under the 2015 edition
  (first-time adopters use it, CV 419), so the end-of-Q2 2018 target is still missed (27 of
  218): the demo stops where the article's story does, it does not invent 2018–2025 figures.
* **Decision 658/QĐ-UBND** of the Provincial People's Committee: 90% of communes by the end
  of 2017, 100% by the end of Q2 2018.
* **Since 1 July 2025**: the new Gia Lai's agencies start again — a handful of departments and
  wards (among them phường Pleiku, where the demo accounts work) announce under TCVN ISO
  9001:2015 in late 2025 and 2026, others are building, and an illustrative 2026 plan asks for
  every commune by the end of 2026.

Everything goes through the roll-out services (`event_record`, `target_create`) with no actor
(the system), so the lifecycle rules check every event and each leaves its activity entry.
`make run` calls this on every start: what exists is read in two queries (the events of the
agencies concerned and the province's targets) and skipped. An agency whose history holds an
event this file does not plan (someone recorded it by hand) is left alone, and planned events
dated before the last recorded one are skipped, so that a run never fails on a changed history.

Decision numbers, dates, signers' titles and consultants are plausible but illustrative: they
are not the province's records.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chuan.core.exceptions import DomainError
from chuan.organisations.choices import REFORM_2025, AgencyKind
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.rollout.choices import CoverageLevel, EventKind, IsoEdition
from chuan.rollout.models import QmsEvent, Target
from chuan.rollout.services import EventData, event_record, target_create

D = datetime.date
ISO_2008 = IsoEdition.ISO_9001_2008.value
ISO_2015 = IsoEdition.ISO_9001_2015.value

# The day the article is taken to describe: 53 of 53 departments and districts, 11 communes.
ARTICLE_DAY = D(2018, 1, 31)

# --- Targets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetSpec:
    decision_number: str
    decision_date: datetime.date
    legacy: bool  # on the legacy Gia Lai (True) or the 2025 one
    level: str
    percent: Decimal
    deadline: datetime.date
    note: str


# The article names decision 658/QĐ-UBND but not its date: 24 April 2017 is assumed (a date in
# 2017 before the first deadline); no reference found gives a better one.
DECISION_658 = "658/QĐ-UBND"
DECISION_658_DATE = D(2017, 4, 24)
# Illustrative: no 2026 plan of the new Gia Lai is in the references; this one stands for the
# kind of plan a province issues after the 2025 reorganisation.
PLAN_2026 = "45/KH-UBND"
PLAN_2026_DATE = D(2026, 2, 23)

TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec(
        DECISION_658,
        DECISION_658_DATE,
        True,
        CoverageLevel.COMMUNE,
        Decimal(90),
        D(2017, 12, 31),
        "Ký: Chủ tịch UBND tỉnh. Ít nhất 90% số xã, phường, thị trấn xây dựng, công bố và áp "
        "dụng HTQLCL theo TCVN ISO 9001:2008 đến hết năm 2017.",
    ),
    TargetSpec(
        DECISION_658,
        DECISION_658_DATE,
        True,
        CoverageLevel.COMMUNE,
        Decimal(100),
        D(2018, 6, 30),
        "Ký: Chủ tịch UBND tỉnh. 100% số xã, phường, thị trấn xây dựng, công bố và áp dụng "
        "HTQLCL theo TCVN ISO 9001:2008 đến hết quý II năm 2018.",
    ),
    TargetSpec(
        PLAN_2026,
        PLAN_2026_DATE,
        False,
        CoverageLevel.COMMUNE,
        Decimal(100),
        D(2026, 12, 31),
        "Ký: Chủ tịch UBND tỉnh. Kế hoạch xây dựng, áp dụng HTQLCL theo TCVN ISO 9001:2015 "
        "tại 100% xã, phường sau sắp xếp đơn vị hành chính, đến hết năm 2026 (minh họa).",
    ),
)

# --- Who, when --------------------------------------------------------------------------------

DOST = "Sở Khoa học và Công nghệ"
TDC = "Chi cục Tiêu chuẩn Đo lường Chất lượng"
PROVINCIAL_OFFICE = "Văn phòng Ủy ban nhân dân tỉnh"
PLEIKU_CITY = "Ủy ban nhân dân thành phố Pleiku"
AN_KHE = "Ủy ban nhân dân thị xã An Khê"
AYUN_PA = "Ủy ban nhân dân thị xã Ayun Pa"
CHU_SE = "Ủy ban nhân dân huyện Chư Sê"
DAK_DOA = "Ủy ban nhân dân huyện Đak Đoa"

# DOST went first, its sub-department next, then the Office of the People's Committee; the
# other departments follow in the order of the province's list. Announcements are spread over
# these dates.
DEPARTMENTS_FIRST = (DOST, TDC, PROVINCIAL_OFFICE)
DEPARTMENTS_ANNOUNCED = (D(2013, 3, 18), D(2016, 9, 26))
# Pleiku, then the two towns, then the rural districts in the order of their codes.
DISTRICTS_FIRST = (PLEIKU_CITY, AN_KHE, AYUN_PA)
DISTRICTS_ANNOUNCED = (D(2014, 5, 19), D(2017, 6, 15))

# The 11 communes of the article: (district People's Committee, commune People's Committee,
# announcement date). Their order is the order they announced in.
COMMUNES_ANNOUNCED: tuple[tuple[str, str, datetime.date], ...] = (
    (PLEIKU_CITY, "Ủy ban nhân dân phường Hội Thương", D(2016, 11, 21)),
    (PLEIKU_CITY, "Ủy ban nhân dân phường Tây Sơn", D(2016, 12, 20)),
    (PLEIKU_CITY, "Ủy ban nhân dân phường Diên Hồng", D(2017, 3, 15)),
    (PLEIKU_CITY, "Ủy ban nhân dân phường Yên Đỗ", D(2017, 5, 18)),
    (PLEIKU_CITY, "Ủy ban nhân dân phường Hoa Lư", D(2017, 6, 20)),
    (AN_KHE, "Ủy ban nhân dân phường An Bình", D(2017, 7, 25)),
    (AN_KHE, "Ủy ban nhân dân phường Ngô Mây", D(2017, 9, 12)),
    (AYUN_PA, "Ủy ban nhân dân phường Cheo Reo", D(2017, 10, 17)),
    (AYUN_PA, "Ủy ban nhân dân phường Đoàn Kết", D(2017, 11, 14)),
    (CHU_SE, "Ủy ban nhân dân thị trấn Chư Sê", D(2017, 12, 19)),
    (DAK_DOA, "Ủy ban nhân dân thị trấn Đak Đoa", D(2018, 1, 16)),
)
# Where every commune started building in 2017, and where the rest followed in spring 2018.
DISTRICTS_BUILDING_ALL = (PLEIKU_CITY, AN_KHE, AYUN_PA)
COMMUNES_BUILDING_STARTED = (D(2017, 3, 6), D(2017, 10, 30))
PLEIKU_2018_ANNOUNCED = (D(2018, 3, 12), D(2018, 6, 22))
TOWNSHIP = "Ủy ban nhân dân thị trấn "

# Consulting organisations, named as such bodies are (illustrative).
CONSULTANTS = (
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Gia Lai",
    "Trung tâm Năng suất Việt Nam",
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3",
)

# The new Gia Lai since 1 July 2025: (name, events as (kind, date, decision number)).
WARD_PLEIKU = "Ủy ban nhân dân phường Pleiku"
_C, _B, _DOC, _A, _R, _OK = (
    EventKind.COMMITTEE_APPOINTED,
    EventKind.BUILDING_STARTED,
    EventKind.DOCUMENTS_ISSUED,
    EventKind.ANNOUNCED,
    EventKind.REANNOUNCED,
    EventKind.APPLYING_CONFIRMED,
)
Reform = tuple[tuple[str, tuple[tuple[str, datetime.date, str], ...]], ...]
REFORM_DEPARTMENTS: Reform = (
    (
        DOST,
        (
            (_C, D(2025, 7, 14), "85/QĐ-SKHCN"),
            (_DOC, D(2025, 9, 5), "118/QĐ-SKHCN"),
            (_A, D(2025, 9, 22), "126/QĐ-SKHCN"),
            (_OK, D(2026, 10, 15), ""),
        ),
    ),
    (
        PROVINCIAL_OFFICE,
        (
            (_C, D(2025, 7, 21), "52/QĐ-VPUBND"),
            (_DOC, D(2025, 10, 10), "96/QĐ-VPUBND"),
            (_A, D(2025, 10, 27), "104/QĐ-VPUBND"),
        ),
    ),
    (
        "Trung tâm Phục vụ hành chính công tỉnh",
        (
            (_C, D(2025, 7, 8), "12/QĐ-TTPVHCC"),
            (_DOC, D(2025, 8, 15), "27/QĐ-TTPVHCC"),
            (_A, D(2025, 8, 29), "31/QĐ-TTPVHCC"),
            (_OK, D(2026, 9, 24), ""),
        ),
    ),
    (
        "Sở Tư pháp",
        (
            (_C, D(2025, 7, 28), "64/QĐ-STP"),
            (_DOC, D(2025, 9, 26), "102/QĐ-STP"),
            (_A, D(2025, 10, 13), "110/QĐ-STP"),
        ),
    ),
    ("Sở Nội vụ", ((_C, D(2025, 8, 4), "71/QĐ-SNV"), (_B, D(2025, 8, 18), ""))),
    (
        "Sở Nông nghiệp và Môi trường",
        ((_C, D(2025, 9, 8), "143/QĐ-SNNMT"), (_B, D(2025, 9, 22), "")),
    ),
)
REFORM_COMMUNES: Reform = (
    (
        WARD_PLEIKU,
        (
            (_C, D(2025, 7, 21), "28/QĐ-UBND"),
            (_B, D(2025, 8, 4), ""),
            (_DOC, D(2025, 11, 14), "131/QĐ-UBND"),
            (_A, D(2025, 12, 8), "156/QĐ-UBND"),
            (_OK, D(2026, 10, 20), ""),
        ),
    ),
    (
        "Ủy ban nhân dân phường Quy Nhơn",
        (
            (_C, D(2025, 7, 25), "31/QĐ-UBND"),
            (_DOC, D(2025, 12, 1), "188/QĐ-UBND"),
            (_A, D(2025, 12, 22), "204/QĐ-UBND"),
        ),
    ),
    (
        "Ủy ban nhân dân phường Diên Hồng",
        (
            (_C, D(2025, 8, 11), "40/QĐ-UBND"),
            (_DOC, D(2025, 12, 29), "162/QĐ-UBND"),
            (_A, D(2026, 1, 19), "12/QĐ-UBND"),
        ),
    ),
    (
        "Ủy ban nhân dân phường Thống Nhất",
        (
            (_C, D(2025, 9, 3), "52/QĐ-UBND"),
            (_DOC, D(2026, 2, 27), "30/QĐ-UBND"),
            (_A, D(2026, 3, 16), "41/QĐ-UBND"),
        ),
    ),
    (
        "Ủy ban nhân dân phường Ayun Pa",
        (
            (_C, D(2025, 10, 6), "77/QĐ-UBND"),
            (_DOC, D(2026, 4, 20), "58/QĐ-UBND"),
            (_A, D(2026, 5, 11), "66/QĐ-UBND"),
        ),
    ),
    (
        "Ủy ban nhân dân phường Quy Nhơn Nam",
        (
            (_C, D(2025, 10, 13), "83/QĐ-UBND"),
            (_DOC, D(2026, 5, 25), "92/QĐ-UBND"),
            (_A, D(2026, 6, 15), "101/QĐ-UBND"),
        ),
    ),
    (
        "Ủy ban nhân dân phường Hội Phú",
        ((_C, D(2025, 10, 20), "91/QĐ-UBND"), (_B, D(2025, 11, 3), "")),
    ),
    (
        "Ủy ban nhân dân phường An Khê",
        ((_C, D(2025, 11, 10), "104/QĐ-UBND"), (_B, D(2025, 11, 24), "")),
    ),
    ("Ủy ban nhân dân xã Chư Sê", ((_C, D(2026, 3, 9), "37/QĐ-UBND"), (_B, D(2026, 3, 23), ""))),
    ("Ủy ban nhân dân xã Biển Hồ", ((_C, D(2026, 4, 6), "45/QĐ-UBND"), (_B, D(2026, 4, 20), ""))),
)

# --- Dates ------------------------------------------------------------------------------------

# Decisions are not signed at weekends, on fixed holidays or in the Tết week (first day of the
# lunar year, 2013–2026). A small table rather than the `holidays` package keeps a second run
# of the loader fast.
_TET = {
    2013: D(2013, 2, 10), 2014: D(2014, 1, 31), 2015: D(2015, 2, 19), 2016: D(2016, 2, 8),
    2017: D(2017, 1, 28), 2018: D(2018, 2, 16), 2019: D(2019, 2, 5), 2020: D(2020, 1, 25),
    2021: D(2021, 2, 12), 2022: D(2022, 2, 1), 2023: D(2023, 1, 22), 2024: D(2024, 2, 10),
    2025: D(2025, 1, 29), 2026: D(2026, 2, 17),
}  # fmt: skip
_FIXED_HOLIDAYS = {(1, 1), (4, 30), (5, 1), (9, 2)}


def _is_working_day(day: datetime.date) -> bool:
    if day.weekday() >= 5 or (day.month, day.day) in _FIXED_HOLIDAYS:
        return False
    tet = _TET.get(day.year)
    return tet is None or not (-3 <= (day - tet).days <= 6)


def working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the next one."""
    while not _is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def spread(first: datetime.date, last: datetime.date, count: int) -> list[datetime.date]:
    """`count` working days spread evenly from `first` to about `last`."""
    if count <= 1:
        return [working_day(first)] * count
    span = (last - first).days
    return [
        working_day(first + datetime.timedelta(days=round(i * span / (count - 1))))
        for i in range(count)
    ]


def _before(day: datetime.date, days: int) -> datetime.date:
    return working_day(day - datetime.timedelta(days=days))


def _inspection_day(announced: datetime.date, index: int) -> datetime.date:
    """The yearly inspection (September to November) that first confirms the QMS applies: the
    same year for an announcement of the first half, the next year otherwise."""
    year = announced.year if announced.month <= 6 else announced.year + 1
    return working_day(D(year, 9, 8) + datetime.timedelta(days=(index * 11) % 75))


# --- Who signs, what it covers ----------------------------------------------------------------

_HEAD_TITLES = (
    ("Ủy ban nhân dân ", "Chủ tịch "),
    ("Sở ", "Giám đốc "),
    ("Chi cục ", "Chi cục trưởng "),
    ("Ban ", "Trưởng "),
    ("Thanh tra", "Chánh "),
    ("Văn phòng", "Chánh "),
    ("Trung tâm", "Giám đốc "),
)


def head_title(agency_name: str) -> str:
    """The title of the head who signs the agency's decisions: "Giám đốc Sở Y tế"."""
    for prefix, title in _HEAD_TITLES:
        if agency_name.startswith(prefix):
            if prefix == "Ủy ban nhân dân ":
                return title + "UBND " + agency_name[len(prefix) :]
            return title + agency_name
    return "Thủ trưởng " + agency_name


def decision_suffix(agency: Agency) -> str:
    """What follows "QĐ-" in the agency's decision numbers: UBND for a People's Committee,
    else its short name without spaces or signs ("Sở KH&CN" → "SKHCN")."""
    if agency.kind in (
        AgencyKind.DISTRICT_PEOPLES_COMMITTEE,
        AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
        AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
    ):
        return "UBND"
    words = [w for w in (agency.short_name or agency.name).split() if not w[:1].islower()]
    if words and words[0] in ("Sở", "Ban") and len(words) > 1:
        words[0] = words[0][0]
    return "".join(ch for ch in "".join(words) if ch.isalnum()) or "QĐ"


def scope_text(agency: Agency, edition: str) -> str:
    desk = (
        "tiếp nhận, giải quyết và trả kết quả thủ tục hành chính tại Bộ phận tiếp nhận và trả "
        "kết quả, và "
        if "peoples_committee" in agency.kind
        else "giải quyết thủ tục hành chính và "
    )
    return (
        f"Áp dụng HTQLCL theo TCVN ISO 9001:{edition} cho hoạt động {desk}các công việc thuộc "
        f"chức năng, nhiệm vụ của {agency.name}."
    )


# --- Plans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One planned event of an agency's history."""

    kind: str
    on: datetime.date
    number: str = ""
    signer: str = ""
    edition: str = ""
    scope: str = ""
    consultant: str = ""
    note: str = ""

    def data(self) -> EventData:
        return EventData(
            kind=self.kind,
            occurred_on=self.on,
            decision_number=self.number,
            decision_date=self.on if self.number else None,
            signer=self.signer,
            iso_edition=self.edition,
            scope=self.scope,
            consultant=self.consultant,
            note=self.note,
        )


def _number(agency: Agency, seq: int) -> str:
    """A decision number that looks like one of the year's: scattered, not sequential."""
    if agency.kind == AgencyKind.DISTRICT_PEOPLES_COMMITTEE:
        return f"{100 + (seq * 53 + 17) % 900:03d}/QĐ-UBND"
    return f"{10 + (seq * 37 + 13) % 190:02d}/QĐ-{decision_suffix(agency)}"


def _committee(agency: Agency, on: datetime.date, number: str) -> Step:
    return Step(
        _C,
        on,
        number,
        signer=head_title(agency.name),
        note="Thành lập Ban chỉ đạo ISO, cử thư ký ISO.",
    )


def _announcement(
    agency: Agency,
    on: datetime.date,
    number: str,
    edition: str,
    *,
    kind: str = _A,
    note: str = "",
) -> Step:
    return Step(
        kind,
        on,
        number,
        signer=head_title(agency.name),
        edition=edition,
        scope=scope_text(agency, edition),
        note=note or f"Công bố HTQLCL phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:{edition}.",
    )


def _documents(on: datetime.date, number: str = "", signer: str = "") -> Step:
    return Step(
        _DOC,
        on,
        number,
        signer,
        note="Ban hành chính sách, mục tiêu chất lượng, sổ tay và các quy trình giải quyết "
        "công việc.",
    )


def _confirmed(on: datetime.date) -> Step:
    return Step(
        _OK,
        on,
        note=f"Đoàn kiểm tra theo Kế hoạch kiểm tra năm {on.year} của UBND tỉnh xác nhận cơ "
        "quan áp dụng HTQLCL; các điểm chưa phù hợp đã được khắc phục.",
    )


def announced_history(
    agency: Agency,
    *,
    announced: datetime.date,
    index: int,
    lead_days: int = 150,
    consultant: str = "",
    confirmed: datetime.date | None = None,
    transition: datetime.date | None = None,
    edition: str = ISO_2008,
) -> list[Step]:
    """Committee → building → documents → announced (→ applying, → 2015 re-announcement)."""
    committee_on = _before(announced, lead_days)
    building_on = max(committee_on, _before(announced, lead_days - 14))
    documents_on = max(building_on, _before(announced, 30))
    seq = index * 7
    steps = [
        _committee(agency, committee_on, _number(agency, seq)),
        Step(
            _B,
            building_on,
            consultant=consultant,
            note="Tự xây dựng theo hướng dẫn của Sở KH&CN." if not consultant else "",
        ),
        _documents(documents_on),
        _announcement(agency, announced, _number(agency, seq + 11), edition),
    ]
    if confirmed is not None:
        steps.append(_confirmed(max(confirmed, announced)))
    if transition is not None:
        steps.append(
            _announcement(
                agency,
                max(transition, steps[-1].on),
                _number(agency, seq + 5),
                ISO_2015,
                kind=_R,
                note="Công bố lại HTQLCL khi chuyển đổi sang TCVN ISO 9001:2015 "
                "(CV 419/BKHCN-TĐC).",
            )
        )
    return steps


def _ordered(agencies: list[Agency], first: Iterable[str]) -> list[Agency]:
    """The named agencies first (in that order), then the rest by code and name."""
    rank = {name.casefold(): i for i, name in enumerate(first)}
    return sorted(
        agencies,
        key=lambda a: (rank.get(a.name.casefold(), len(rank)), a.code or "~", a.name, a.pk),
    )


@dataclass
class _Gialai:
    """The demo's agencies of Gia Lai, sorted into what the plan needs."""

    legacy_committee: Agency
    reform_committee: Agency
    departments: list[Agency] = field(default_factory=list)
    districts: list[Agency] = field(default_factory=list)
    communes: dict[int, list[Agency]] = field(default_factory=dict)  # by district PC
    reform: dict[str, Agency] = field(default_factory=dict)  # by folded name

    @classmethod
    def sort(cls, agencies: Iterable[Agency]) -> "_Gialai":
        everyone = list(agencies)
        committees = [a for a in everyone if a.kind == AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE]
        legacy = [a for a in committees if not a.valid_from or a.valid_from < REFORM_2025]
        reform = [a for a in committees if a.valid_from and a.valid_from >= REFORM_2025]
        if not legacy or not reform:
            raise DomainError(_("Load the demo agencies before their QMS roll-out."))
        world = cls(legacy_committee=legacy[0], reform_committee=reform[0])
        legacy_unit, reform_unit = legacy[0].unit_id, reform[0].unit_id
        district_ids = set()
        for agency in everyone:
            if agency.kind == AgencyKind.PROVINCIAL_DEPARTMENT and agency.unit_id == legacy_unit:
                world.departments.append(agency)
            elif (
                agency.kind == AgencyKind.DISTRICT_PEOPLES_COMMITTEE
                and agency.parent_id == legacy[0].pk
            ):
                world.districts.append(agency)
                district_ids.add(agency.pk)
            elif agency.unit_id == reform_unit or agency.parent_id == reform[0].pk:
                world.reform[agency.name.casefold()] = agency
        for agency in everyone:
            if agency.kind == AgencyKind.COMMUNE_PEOPLES_COMMITTEE and agency.parent_id in (
                district_ids
            ):
                world.communes.setdefault(agency.parent_id, []).append(agency)
        for communes in world.communes.values():
            communes.sort(key=lambda a: (a.code or "~", a.name, a.pk))
        world.departments = _ordered(world.departments, DEPARTMENTS_FIRST)
        world.districts = _ordered(world.districts, DISTRICTS_FIRST)
        return world

    def district(self, name: str) -> Agency:
        for agency in self.districts:
            if agency.name.casefold() == name.casefold():
                return agency
        raise DomainError(_("The demo has no agency %(name)s.") % {"name": name})

    def commune(self, district: str, name: str) -> Agency:
        for agency in self.communes.get(self.district(district).pk, ()):
            if agency.name.casefold() == name.casefold():
                return agency
        raise DomainError(_("The demo has no agency %(name)s.") % {"name": name})

    def reform_agency(self, name: str) -> Agency:
        agency = self.reform.get(name.casefold())
        if agency is None:
            raise DomainError(_("The demo has no agency %(name)s.") % {"name": name})
        return agency


def plan(world: _Gialai) -> list[tuple[Agency, list[Step]]]:
    """Every agency's planned history, in a fixed order."""
    plans: list[tuple[Agency, list[Step]]] = []
    transitions = spread(
        D(2019, 3, 4), D(2021, 6, 14), len(world.departments) + len(world.districts)
    )

    # The 53: departments 2013–2016, districts 2014–mid-2017, all confirmed by the end of 2017.
    announced = spread(*DEPARTMENTS_ANNOUNCED, len(world.departments))
    for i, agency in enumerate(world.departments):
        plans.append(
            (
                agency,
                announced_history(
                    agency,
                    announced=announced[i],
                    index=i,
                    consultant=CONSULTANTS[i % 2] if i % 3 == 1 else "",
                    confirmed=_inspection_day(announced[i], i),
                    transition=transitions[i],
                ),
            )
        )
    announced = spread(*DISTRICTS_ANNOUNCED, len(world.districts))
    for i, agency in enumerate(world.districts):
        j = len(world.departments) + i
        plans.append(
            (
                agency,
                announced_history(
                    agency,
                    announced=announced[i],
                    index=j,
                    consultant=CONSULTANTS[(i + 1) % 3] if i % 2 == 0 else "",
                    confirmed=_inspection_day(announced[i], j),
                    transition=transitions[j],
                ),
            )
        )

    # The article's 11 communes; those announced by mid-2017 were inspected that autumn.
    chosen: set[int] = set()
    for i, (district_name, name, announced_on) in enumerate(COMMUNES_ANNOUNCED):
        agency = world.commune(district_name, name)
        chosen.add(agency.pk)
        confirmed = _inspection_day(announced_on, i) if announced_on <= D(2017, 6, 30) else None
        plans.append(
            (
                agency,
                announced_history(
                    agency,
                    announced=announced_on,
                    index=i,
                    lead_days=200,
                    consultant=CONSULTANTS[0] if i % 2 == 0 else "",
                    confirmed=confirmed,
                ),
            )
        )

    # Started building in 2017: the rest of Pleiku, An Khê and Ayun Pa, every township, and
    # the first commune of every other district. The rest of Pleiku announced in spring 2018.
    all_in = {world.district(name).pk for name in DISTRICTS_BUILDING_ALL}
    pleiku = world.district(PLEIKU_CITY).pk
    building: list[Agency] = []
    for district in world.districts:
        first_commune_taken = district.pk in all_in
        for agency in world.communes.get(district.pk, ()):
            if agency.pk in chosen:
                continue
            if district.pk in all_in or agency.name.startswith(TOWNSHIP):
                building.append(agency)
            elif not first_commune_taken:
                building.append(agency)
                first_commune_taken = True
    started = spread(*COMMUNES_BUILDING_STARTED, len(building))
    pleiku_rest = [a for a in building if a.parent_id == pleiku]
    pleiku_announced = dict(
        zip(
            (a.pk for a in pleiku_rest),
            spread(*PLEIKU_2018_ANNOUNCED, len(pleiku_rest)),
            strict=True,
        )
    )
    for i, agency in enumerate(building):
        steps = [
            _committee(agency, started[i], _number(agency, i * 5)),
            Step(
                _B,
                working_day(started[i] + datetime.timedelta(days=14)),
                consultant=CONSULTANTS[0] if i % 4 == 0 else "",
            ),
        ]
        spring_2018 = pleiku_announced.get(agency.pk)
        if spring_2018 is not None:
            steps.append(_documents(_before(spring_2018, 21)))
            steps.append(
                _announcement(
                    agency,
                    spring_2018,
                    _number(agency, i * 5 + 3),
                    ISO_2015,
                    note="Công bố HTQLCL phù hợp TCVN ISO 9001:2015 (đơn vị xây dựng mới áp "
                    "dụng phiên bản 2015 theo CV 419/BKHCN-TĐC).",
                )
            )
        plans.append((agency, steps))

    # Since 1 July 2025.
    for name, events in REFORM_DEPARTMENTS + REFORM_COMMUNES:
        agency = world.reform_agency(name)
        plans.append((agency, [_reform_step(agency, *event) for event in events]))
    return plans


def _reform_step(agency: Agency, kind: str, on: datetime.date, number: str) -> Step:
    if kind == _C:
        return _committee(agency, on, number)
    if kind == _DOC:
        return _documents(on, number, head_title(agency.name))
    if kind == _A:
        return _announcement(
            agency,
            on,
            number,
            ISO_2015,
            note="Công bố HTQLCL phù hợp TCVN ISO 9001:2015 sau sắp xếp tổ chức bộ máy và đơn "
            "vị hành chính từ ngày 01/7/2025 (công bố lại cho cơ quan mới).",
        )
    if kind == _OK:
        return _confirmed(on)
    return Step(kind, on, number, note="Tự xây dựng theo hướng dẫn của Sở KH&CN.")


# --- Loading ----------------------------------------------------------------------------------


class _Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


@dataclass
class RolloutCounts:
    events: int = 0
    targets: int = 0


def _gia_lai_agencies() -> list[Agency]:
    return list(
        Agency.objects.filter(
            unit__province__short_name="Gia Lai", unit__province__level="province"
        ).order_by()
    )


def load_rollout(
    *, agencies: Iterable[Agency] | None = None, stdout: _Writer | None = None
) -> RolloutCounts:
    """Record the demo's QMS histories and targets that are missing; return what was added.

    `agencies` are the demo's agencies of Gia Lai (both lists) as the demo loader holds them;
    without them they are read from the database. Call it inside the loader's transaction.
    """
    if stdout is not None:
        stdout.write("QMS roll-out: Gia Lai's histories and targets…")
    world = _Gialai.sort(agencies if agencies is not None else _gia_lai_agencies())
    plans = plan(world)
    counts = RolloutCounts()

    existing: dict[int, set[tuple[str, datetime.date]]] = {}
    for agency_id, kind, on in (
        QmsEvent.objects.in_force()
        .filter(agency_id__in=[agency.pk for agency, _steps in plans])
        .values_list("agency_id", "kind", "occurred_on")
    ):
        existing.setdefault(agency_id, set()).add((kind, on))
    for agency, steps in plans:
        recorded = existing.get(agency.pk, set())
        if recorded and not recorded <= {(s.kind, s.on) for s in steps}:
            continue  # someone else wrote this agency's history: leave it as it is
        last = max((on for _kind, on in recorded), default=None)
        for step in steps:
            if (step.kind, step.on) in recorded or (last is not None and step.on < last):
                continue
            try:
                event_record(agency=agency, data=step.data(), actor=None)
            except ValidationError as exc:
                raise DomainError(
                    _("The demo's QMS history of %(agency)s is refused: %(reason)s")
                    % {"agency": agency.name, "reason": " ".join(exc.messages)}
                ) from exc
            counts.events += 1

    provinces = {
        True: world.legacy_committee.unit_id,
        False: world.reform_committee.unit_id,
    }
    have = set(
        Target.objects.filter(province_id__in=provinces.values()).values_list(
            "province_id", "decision_number", "level", "deadline"
        )
    )
    units: dict[int, AdministrativeUnit] = {}
    for spec in TARGETS:
        province_id = provinces[spec.legacy]
        if (province_id, spec.decision_number, spec.level, spec.deadline) in have:
            continue
        if province_id not in units:
            units[province_id] = AdministrativeUnit.objects.get(pk=province_id)
        target_create(
            decision_number=spec.decision_number,
            decision_date=spec.decision_date,
            province=units[province_id],
            level=spec.level,
            percent=spec.percent,
            deadline=spec.deadline,
            note=spec.note,
            actor=None,
        )
        counts.targets += 1
    return counts
