"""Choices for administrative units and agencies."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# The two-tier local government began on this day (Law on Organisation of Local Government
# 2025; NQ 202/2025/QH15): districts ceased, provinces and communes were merged.
REFORM_2025 = datetime.date(2025, 7, 1)
LEGACY_LAST_DAY = datetime.date(2025, 6, 30)


class UnitSet(models.TextChoices):
    """Which official list a unit comes from."""

    LEGACY = "legacy", _("Before 1 July 2025 (63 provinces)")
    REFORM_2025 = "2025", _("Since 1 July 2025 (34 provinces)")


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")


class UnitKind(models.TextChoices):
    """The unit's own type, as its name carries it (Tỉnh, Huyện, Phường, Đặc khu…)."""

    PROVINCE = "province", _("Province")
    MUNICIPALITY = "municipality", _("Centrally-run city")
    RURAL_DISTRICT = "rural_district", _("Rural district")
    URBAN_DISTRICT = "urban_district", _("Urban district")
    DISTRICT_TOWN = "district_town", _("District-level town")
    PROVINCIAL_CITY = "provincial_city", _("Provincial city")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")


class LineageKind(models.TextChoices):
    MERGED_INTO = "merged_into", _("Merged into")
    SPLIT_INTO = "split_into", _("Split into")
    RENAMED_TO = "renamed_to", _("Renamed to")


class AgencyKind(models.TextChoices):
    PROVINCIAL_DEPARTMENT = "provincial_department", _("Provincial department or board")
    PROVINCIAL_PEOPLES_COMMITTEE = (
        "provincial_peoples_committee",
        _("Provincial People's Committee"),
    )
    DISTRICT_PEOPLES_COMMITTEE = "district_peoples_committee", _("District People's Committee")
    COMMUNE_PEOPLES_COMMITTEE = "commune_peoples_committee", _("Commune People's Committee")
    PUBLIC_SERVICE_CENTRE = (
        "public_service_centre",
        _("Public administrative service centre"),
    )
    OTHER = "other", _("Other")


# The levels at which each kind of agency can sit; the first is the usual one.
AGENCY_KIND_LEVELS: dict[str, tuple[str, ...]] = {
    AgencyKind.PROVINCIAL_DEPARTMENT: (UnitLevel.PROVINCE,),
    AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE: (UnitLevel.PROVINCE,),
    AgencyKind.DISTRICT_PEOPLES_COMMITTEE: (UnitLevel.DISTRICT,),
    AgencyKind.COMMUNE_PEOPLES_COMMITTEE: (UnitLevel.COMMUNE,),
    AgencyKind.PUBLIC_SERVICE_CENTRE: (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE),
    AgencyKind.OTHER: (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE),
}
