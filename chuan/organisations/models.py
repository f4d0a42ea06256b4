"""Administrative units, the agencies placed on them, their departments and members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.organisations.choices import AgencyKind, LineageKind, UnitKind, UnitLevel, UnitSet


class AdministrativeUnit(models.Model):
    """A province, district or commune as an official list names it, for the dates it existed.

    Units are never deleted: dossiers, announcements and reports from before the 2025
    reorganisation still point at the districts and communes of their time. `province` is the
    root of the unit's tree (itself for a province), kept for one-join scoping.
    """

    unit_set = models.CharField(_("list"), max_length=10, choices=UnitSet.choices)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["unit_set", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_set", "code"], name="organisations_unit_unique_code_in_set"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisations_unit_valid_to_after_from",
            ),
        ]
        indexes = [models.Index(fields=["province", "level"], name="organisations_unit_prov_lvl")]

    def __str__(self) -> str:
        return self.name


class UnitLineage(models.Model):
    """How a unit of one list became a unit of the next: merged into, split into, renamed."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("former unit"),
        on_delete=models.CASCADE,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("successor unit"),
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    kind = models.CharField(_("change"), max_length=20, choices=LineageKind.choices)
    effective_on = models.DateField(_("effective on"))
    is_main = models.BooleanField(
        _("main successor"),
        default=True,
        help_text=_("For a split, the successor that took the unit's seat."),
    )

    class Meta:
        verbose_name = _("unit lineage")
        verbose_name_plural = _("unit lineages")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="organisations_lineage_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Agency(TimeStampedModel):
    """A state administrative agency (cơ quan) that runs a QMS or a one-stop desk.

    A provincial department or board (sở, ban, ngành), a People's Committee of a province,
    district or commune, or a public administrative service centre, placed at a level and on
    an administrative unit. `code` is the national electronic agency code of QCVN 102:2016/
    BTTTT (form `000.00.31.H21`), which prefixes its dossier codes.
    """

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("electronic agency code"), max_length=13, null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_name = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        permissions = [("import_agencies", _("Can import agencies from a spreadsheet"))]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="organisations_agency_unique_code"),
            models.UniqueConstraint(
                fields=["unit", "name"], name="organisations_agency_unique_name_on_unit"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisations_agency_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Department(TimeStampedModel):
    """A department (phòng, ban, bộ phận) inside an agency, such as its one-stop desk."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="organisations_department_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A user's place in an agency (and optionally one of its departments), with a position."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "department"],
                name="organisations_membership_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.agency}"
