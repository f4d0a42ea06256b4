"""Loading Vietnam's official lists of administrative units into the unit registry.

Two lists exist side by side: the three-tier one in force until 30 June 2025 (63 provinces,
their districts and communes) and the two-tier one since 1 July 2025 (34 provinces and their
communes, wards and special zones). Both come from the `vietnamadminunits` package, as does
the lineage saying which former commune or province went into which new one, so that
dossiers, announcements and targets from before the reorganisation can be followed forward.

The import is a reconciliation, not a reload: a unit is found by its list and official code,
created when missing, updated when the package says something else, and never deleted.
"""

import datetime
import functools
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction
from django.utils.translation import gettext as _

from vietnamadminunits.database.main import MODULE_DIR, query

from chuan.core.activity import activity_record
from chuan.core.exceptions import DomainError
from chuan.core.text import fold
from chuan.organisations.choices import (
    LEGACY_LAST_DAY,
    REFORM_2025,
    LineageKind,
    UnitKind,
    UnitLevel,
    UnitSet,
)
from chuan.organisations.models import AdministrativeUnit, UnitLineage
from chuan.organisations.services import unit_search_name

LEGACY = UnitSet.LEGACY.value
REFORM = UnitSet.REFORM_2025.value
BOTH = "both"
UNIT_SET_CHOICES = (LEGACY, REFORM, BOTH)

_BATCH_SIZE = 1000
_LEVEL_ORDER = (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE)

# The unit's type as the official lists write it in front of the name. "Thành phố" means a
# centrally-run city at province level but a provincial city at district level.
_KINDS: dict[str, dict[str, str]] = {
    UnitLevel.PROVINCE: {"Tỉnh": UnitKind.PROVINCE, "Thành phố": UnitKind.MUNICIPALITY},
    UnitLevel.DISTRICT: {
        "Huyện": UnitKind.RURAL_DISTRICT,
        "Quận": UnitKind.URBAN_DISTRICT,
        "Thị xã": UnitKind.DISTRICT_TOWN,
        "Thành phố": UnitKind.PROVINCIAL_CITY,
    },
    UnitLevel.COMMUNE: {
        "Xã": UnitKind.COMMUNE,
        "Phường": UnitKind.WARD,
        "Thị trấn": UnitKind.TOWNSHIP,
        "Đặc khu": UnitKind.SPECIAL_ZONE,
    },
}

_VALIDITY: dict[str, tuple[datetime.date | None, datetime.date | None]] = {
    LEGACY: (None, LEGACY_LAST_DAY),
    REFORM: (REFORM_2025, None),
}

# The columns compared to decide whether a stored unit must be updated.
_UNIT_FIELDS = (
    "name",
    "short_name",
    "level",
    "kind",
    "parent_id",
    "province_id",
    "valid_from",
    "valid_to",
    "search_name",
)
_UPDATE_FIELDS = [name.removesuffix("_id") for name in _UNIT_FIELDS]


class _Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


@dataclass
class SetCounts:
    """What an import did to the units of one list."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class UnitImportReport:
    """The outcome of one import: counts per list, lineage links, and how long it took.

    `provinces` names, per list, the provinces a narrowed import took (empty: all of them).
    `lineage_waiting` counts links the package knows of whose other end is not in the
    registry yet (one list imported without the other); a later import of that list adds them.
    """

    units: dict[str, SetCounts] = field(default_factory=dict)
    provinces: dict[str, list[str]] = field(default_factory=dict)
    lineage_created: int = 0
    lineage_updated: int = 0
    lineage_unchanged: int = 0
    lineage_waiting: int = 0
    seconds: float = 0.0

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self.units.values())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self.units.values())

    @property
    def unchanged(self) -> int:
        return sum(counts.unchanged for counts in self.units.values())

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.lineage_created or self.lineage_updated)

    def as_changes(self) -> dict[str, Any]:
        """The counts as the activity entry keeps them."""
        return {
            "units": {
                unit_set: {
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
                for unit_set, counts in self.units.items()
            },
            "provinces": self.provinces,
            "lineage": {
                "created": self.lineage_created,
                "updated": self.lineage_updated,
                "unchanged": self.lineage_unchanged,
                "waiting": self.lineage_waiting,
            },
        }


@dataclass(frozen=True)
class _SourceUnit:
    """A unit as the package lists it, before it is matched with the registry."""

    code: str
    name: str
    short_name: str
    level: str
    kind: str
    parent_code: str | None
    province_key: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class _SourceLink:
    """One line of the package's lineage: a former unit and one unit it went into."""

    old_province_key: str
    old_code: str
    new_province_key: str
    new_code: str
    kind: str
    is_main: bool


@dataclass(frozen=True)
class _Source:
    """Both official lists and the lineage between them, as the package ships them."""

    units: dict[str, tuple[_SourceUnit, ...]]  # by unit set, provinces first
    provinces: dict[str, dict[str, _SourceUnit]]  # by unit set, then province key
    merged_into: dict[str, str]  # former province key -> 2025 province key
    merged_from: dict[str, tuple[str, ...]]  # 2025 province key -> former province keys
    links: tuple[_SourceLink, ...]


def _kind(level: str, unit_type: str | None, name: str) -> str:
    kinds = _KINDS[level]
    if unit_type in kinds:
        return kinds[unit_type]
    for prefix, kind in kinds.items():
        if name.startswith(f"{prefix} "):
            return kind
    raise DomainError(
        _("The unit list names an unknown kind of unit: “%(name)s”.") % {"name": name}
    )


def _aliases(raw: str | None) -> tuple[str, ...]:
    return tuple(json.loads(raw)) if raw else ()


def _province_from(row: dict[str, Any]) -> _SourceUnit:
    """A province as a row of either list names it."""
    return _SourceUnit(
        code=row["provinceCode"],
        name=row["province"],
        short_name=row["provinceShort"],
        level=UnitLevel.PROVINCE,
        kind=_kind(UnitLevel.PROVINCE, None, row["province"]),
        parent_code=None,
        province_key=row["provinceKey"],
        aliases=_aliases(row["provinceAlias"]),
    )


def _commune_from(row: dict[str, Any], *, parent_code: str) -> _SourceUnit:
    """A commune, ward, township or special zone as a row of either list names it."""
    return _SourceUnit(
        code=row["wardCode"],
        name=row["ward"],
        short_name=row["wardShort"],
        level=UnitLevel.COMMUNE,
        kind=_kind(UnitLevel.COMMUNE, row["wardType"], row["ward"]),
        parent_code=parent_code,
        province_key=row["provinceKey"],
    )


def _load_legacy() -> tuple[list[_SourceUnit], dict[str, str]]:
    """The three-tier list, and the package's "province_district_ward" keys to ward codes."""
    rows = query(
        "SELECT province, provinceShort, provinceCode, provinceKey, provinceAlias,"
        " district, districtShort, districtType, districtCode, districtKey,"
        " ward, wardShort, wardType, wardCode, wardKey"
        " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    )
    units: dict[str, _SourceUnit] = {}
    codes_by_key: dict[str, str] = {}
    for row in rows:
        province_key = row["provinceKey"]
        province_code = row["provinceCode"]
        if province_code not in units:
            units[province_code] = _province_from(row)
        district_code = row["districtCode"]
        if district_code not in units:
            units[district_code] = _SourceUnit(
                code=district_code,
                name=row["district"],
                short_name=row["districtShort"],
                level=UnitLevel.DISTRICT,
                kind=_kind(UnitLevel.DISTRICT, row["districtType"], row["district"]),
                parent_code=province_code,
                province_key=province_key,
            )
        composite_key = f"{province_key}_{row['districtKey']}_{row['wardKey'] or ''}"
        if not row["wardCode"]:
            # An island district with no communes (Côn Đảo, Lý Sơn, Bạch Long Vĩ…): the
            # lineage names the district itself, which became a special zone.
            codes_by_key[composite_key] = district_code
            continue
        codes_by_key[composite_key] = row["wardCode"]
        units[row["wardCode"]] = _commune_from(row, parent_code=district_code)
    return list(units.values()), codes_by_key


def _load_2025() -> tuple[list[_SourceUnit], dict[tuple[str, str], str]]:
    """The two-tier list, and (province key, ward key) to ward codes."""
    rows = query(
        "SELECT province, provinceShort, provinceCode, provinceKey, provinceAlias,"
        " ward, wardShort, wardType, wardCode, wardKey"
        " FROM admin_units ORDER BY provinceCode, wardCode"
    )
    units: dict[str, _SourceUnit] = {}
    codes_by_key: dict[tuple[str, str], str] = {}
    for row in rows:
        province_key = row["provinceKey"]
        province_code = row["provinceCode"]
        if province_code not in units:
            units[province_code] = _province_from(row)
        codes_by_key[(province_key, row["wardKey"])] = row["wardCode"]
        units[row["wardCode"]] = _commune_from(row, parent_code=province_code)
    return list(units.values()), codes_by_key


def _by_level(units: Iterable[_SourceUnit]) -> tuple[_SourceUnit, ...]:
    return tuple(sorted(units, key=lambda unit: (_LEVEL_ORDER.index(unit.level), unit.code)))


def _lineage_links(
    converter: dict[str, Any],
    *,
    provinces: dict[str, dict[str, _SourceUnit]],
    ward_codes: tuple[dict[str, str], dict[tuple[str, str], str]],
) -> Iterator[_SourceLink]:
    """The package's lineage, with its name keys turned into official codes."""
    legacy_codes, new_codes = ward_codes
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            yield _SourceLink(
                old_province_key=old_key,
                old_code=provinces[LEGACY][old_key].code,
                new_province_key=new_key,
                new_code=provinces[REFORM][new_key].code,
                kind=LineageKind.MERGED_INTO,
                is_main=True,
            )
    # A former commune that went whole into one new commune; its only successor is the main.
    for new_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            for old_key in old_keys:
                yield _SourceLink(
                    old_province_key=old_key.split("_", 1)[0],
                    old_code=legacy_codes[old_key],
                    new_province_key=new_key,
                    new_code=new_codes[(new_key, new_ward_key)],
                    kind=LineageKind.MERGED_INTO,
                    is_main=True,
                )
    # A former commune divided between several new ones; the package marks the one that took
    # its seat ("default new ward"), which is where its unfinished business goes.
    for new_key, splits in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in splits.items():
            for part in parts:
                yield _SourceLink(
                    old_province_key=old_key.split("_", 1)[0],
                    old_code=legacy_codes[old_key],
                    new_province_key=new_key,
                    new_code=new_codes[(new_key, part["newWardKey"])],
                    kind=LineageKind.SPLIT_INTO,
                    is_main=bool(part["isDefaultNewWard"]),
                )


@functools.cache
def _load_source() -> _Source:
    # The package's data ships with it and does not change while the process runs.
    legacy_units, legacy_codes = _load_legacy()
    new_units, new_codes = _load_2025()
    provinces = {
        unit_set: {unit.province_key: unit for unit in units if unit.level == UnitLevel.PROVINCE}
        for unit_set, units in ((LEGACY, legacy_units), (REFORM, new_units))
    }
    with (MODULE_DIR / "data/converter_2025.json").open(encoding="utf-8") as handle:
        converter = json.load(handle)

    merged_from = {new: tuple(olds) for new, olds in converter["DICT_PROVINCE"].items()}
    merged_into = {old: new for new, olds in merged_from.items() for old in olds}
    links = tuple(
        _lineage_links(converter, provinces=provinces, ward_codes=(legacy_codes, new_codes))
    )
    return _Source(
        units={
            LEGACY: _by_level(legacy_units),
            REFORM: _by_level(new_units),
        },
        provinces=provinces,
        merged_into=merged_into,
        merged_from=merged_from,
        links=links,
    )


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


def _matching_provinces(source: _Source, unit_set: str, name: str) -> set[str]:
    wanted = _compact(name)
    return {
        key
        for key, unit in source.provinces[unit_set].items()
        if wanted in {_compact(unit.name), _compact(unit.short_name), *unit.aliases}
    }


def _select_provinces(source: _Source, unit_set: str, province: str | None) -> dict[str, set[str]]:
    """The province keys to import from each list for a run."""
    if province is None:
        if unit_set == BOTH:
            return {s: set(source.provinces[s]) for s in (LEGACY, REFORM)}
        return {unit_set: set(source.provinces[unit_set])}
    if not _compact(province):
        raise DomainError(_("Enter the name of a province."), field="province")
    legacy = _matching_provinces(source, LEGACY, province)
    reform = _matching_provinces(source, REFORM, province)
    if unit_set == LEGACY:
        if not legacy:
            raise DomainError(
                _("There is no province named “%(name)s” in the list before 1 July 2025.")
                % {"name": province},
                field="province",
            )
        return {LEGACY: legacy}
    if unit_set == REFORM:
        if not reform:
            message = _("There is no province named “%(name)s” in the list since 1 July 2025.") % {
                "name": province
            }
            successors = sorted(
                source.provinces[REFORM][source.merged_into[key]].name for key in legacy
            )
            if successors:
                message += " " + _("It was merged into %(successor)s.") % {
                    "successor": ", ".join(successors)
                }
            raise DomainError(message, field="province")
        return {REFORM: reform}
    # Both lists: the 2025 province of that name or the one a former province went into, and
    # every former province merged into it, so that its lineage is complete.
    reform |= {source.merged_into[key] for key in legacy}
    legacy |= {old for key in reform for old in source.merged_from[key]}
    if not reform:
        raise DomainError(
            _("There is no province named “%(name)s” in either list.") % {"name": province},
            field="province",
        )
    return {LEGACY: legacy, REFORM: reform}


def _upsert_units(
    unit_set: str,
    units: Iterable[_SourceUnit],
    stored: dict[tuple[str, str], dict[str, Any]],
    pks: dict[tuple[str, str], int],
) -> SetCounts:
    """Create or update one list's units level by level, so each parent exists first."""
    counts = SetCounts()
    valid_from, valid_to = _VALIDITY[unit_set]
    by_level: dict[str, list[_SourceUnit]] = {level: [] for level in _LEVEL_ORDER}
    for unit in units:
        by_level[unit.level].append(unit)
    province_codes: dict[str, str] = {}
    for level in _LEVEL_ORDER:
        to_create: list[AdministrativeUnit] = []
        to_update: list[AdministrativeUnit] = []
        for unit in by_level[level]:
            if level == UnitLevel.PROVINCE:
                province_codes[unit.province_key] = unit.code
            key = (unit_set, unit.code)
            wanted: dict[str, Any] = {
                "name": unit.name,
                "short_name": unit.short_name,
                "level": unit.level,
                "kind": unit.kind,
                "parent_id": pks[(unit_set, unit.parent_code)] if unit.parent_code else None,
                # A new province has no id until saved; it is pointed at itself below.
                "province_id": pks.get((unit_set, province_codes[unit.province_key])),
                "valid_from": valid_from,
                "valid_to": valid_to,
                "search_name": unit_search_name(unit.name, unit.short_name, unit.code),
            }
            current = stored.get(key)
            if current is None:
                to_create.append(AdministrativeUnit(unit_set=unit_set, code=unit.code, **wanted))
            elif any(current[name] != wanted[name] for name in _UNIT_FIELDS):
                to_update.append(
                    AdministrativeUnit(
                        pk=current["id"], unit_set=unit_set, code=unit.code, **wanted
                    )
                )
            else:
                counts.unchanged += 1
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
        AdministrativeUnit.objects.bulk_update(to_update, _UPDATE_FIELDS, batch_size=_BATCH_SIZE)
        for created in to_create:
            pks[(unit_set, created.code)] = created.pk
        if level == UnitLevel.PROVINCE and to_create:
            for created in to_create:
                created.province_id = created.pk
            AdministrativeUnit.objects.bulk_update(to_create, ["province"])
        counts.created += len(to_create)
        counts.updated += len(to_update)
    return counts


def _upsert_lineage(
    source: _Source,
    selected: dict[str, set[str]],
    pks: dict[tuple[str, str], int],
    report: UnitImportReport,
) -> None:
    """Create or update the lineage links touching the imported provinces."""
    legacy = selected.get(LEGACY, set())
    reform = selected.get(REFORM, set())
    wanted: dict[tuple[int, int], tuple[str, bool]] = {}
    for link in source.links:
        if link.old_province_key not in legacy and link.new_province_key not in reform:
            continue
        predecessor = pks.get((LEGACY, link.old_code))
        successor = pks.get((REFORM, link.new_code))
        if predecessor is None or successor is None:
            report.lineage_waiting += 1
            continue
        wanted[(predecessor, successor)] = (link.kind, link.is_main)
    if not wanted:
        return
    stored = {
        (predecessor, successor): (pk, (kind, effective_on, is_main))
        for pk, predecessor, successor, kind, effective_on, is_main in UnitLineage.objects.filter(
            predecessor__unit_set=LEGACY
        ).values_list("id", "predecessor_id", "successor_id", "kind", "effective_on", "is_main")
    }
    to_create: list[UnitLineage] = []
    to_update: list[UnitLineage] = []
    for (predecessor, successor), (kind, is_main) in wanted.items():
        values = {"kind": kind, "effective_on": REFORM_2025, "is_main": is_main}
        current = stored.get((predecessor, successor))
        if current is None:
            to_create.append(
                UnitLineage(predecessor_id=predecessor, successor_id=successor, **values)
            )
        elif current[1] != (kind, REFORM_2025, is_main):
            to_update.append(
                UnitLineage(
                    pk=current[0], predecessor_id=predecessor, successor_id=successor, **values
                )
            )
        else:
            report.lineage_unchanged += 1
    UnitLineage.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
    UnitLineage.objects.bulk_update(
        to_update, ["kind", "effective_on", "is_main"], batch_size=_BATCH_SIZE
    )
    # Other processes see the new rows by the table's stamp within a second.
    from chuan.organisations.scoping import lineage_cache_clear

    lineage_cache_clear()
    report.lineage_created = len(to_create)
    report.lineage_updated = len(to_update)


def import_units(
    *,
    unit_set: str = BOTH,
    province: str | None = None,
    actor: Any = None,
    stdout: _Writer | None = None,
) -> UnitImportReport:
    """Bring the registry in line with the official unit lists shipped with the package.

    `unit_set` is "legacy" (before 1 July 2025), "2025" or "both". `province` narrows the
    import to one province, named with or without diacritics and with or without its "Tỉnh"
    or "Thành phố" prefix. With both lists, the 2025 province of that name is imported together
    with every former province merged into it ("Gia Lai" brings the former Gia Lai and Bình
    Định), so the lineage of its communes is whole. Running it again changes nothing unless the
    package's data changed. One activity entry records what changed; a run that changed
    nothing leaves none.
    """
    started = time.perf_counter()
    if unit_set not in UNIT_SET_CHOICES:
        raise DomainError(_("Choose which list to import: legacy, 2025 or both."), field="unit_set")

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    source = _load_source()
    selected = _select_provinces(source, unit_set, province)
    report = UnitImportReport()
    if province is not None:
        report.provinces = {
            set_name: sorted(source.provinces[set_name][key].name for key in keys)
            for set_name, keys in selected.items()
        }
    with transaction.atomic():
        stored: dict[tuple[str, str], dict[str, Any]] = {}
        pks: dict[tuple[str, str], int] = {}
        for row in AdministrativeUnit.objects.values("id", "unit_set", "code", *_UNIT_FIELDS):
            stored[(row["unit_set"], row["code"])] = row
            pks[(row["unit_set"], row["code"])] = row["id"]
        for set_name in (LEGACY, REFORM):
            if set_name not in selected:
                continue
            units = [u for u in source.units[set_name] if u.province_key in selected[set_name]]
            say(f"Importing {len(units)} units of the {set_name} list…\n")
            report.units[set_name] = _upsert_units(set_name, units, stored, pks)
        say("Linking former units to their successors…\n")
        _upsert_lineage(source, selected, pks, report)
        if report.changed_anything:
            activity_record(actor=actor, verb="units.imported", changes=report.as_changes())
    report.seconds = time.perf_counter() - started
    return report
