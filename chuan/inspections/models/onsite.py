"""On-site inspections (kiểm tra tại cơ quan, TT 26/2014/TT-BKHCN Arts. 35–37, 40): the
registry of qualified inspectors, the inspection decision (Mẫu 20) with its team and
schedule, and the minutes (biên bản kiểm tra, Mẫu 21) signed by the team head and the
agency."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.inspections.choices import Conclusion
from chuan.inspections.models.inspections import Inspection
from chuan.organisations.models import AdministrativeUnit
from chuan.training.models import Certificate

_USER = settings.AUTH_USER_MODEL


class Inspector(TimeStampedModel):
    """A person DOST may put on an inspection team, with what Art. 40 asks of them (from
    01/06/2016): a university degree, a state-management certificate (specialist level or
    higher; graduates of the National Academy of Public Administration are exempt), a QMS
    auditor certificate (TT 26 Chapter IV) and three years' experience in quality management
    or standards. `qualification.missing_qualifications` judges it on a given day."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        _USER,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspector_entries",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    unit = models.CharField(_("work unit"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    has_degree = models.BooleanField(_("university degree or higher"), default=False)
    degree_field = models.CharField(_("field of study"), max_length=255, blank=True)
    state_management_number = models.CharField(
        _("state-management certificate number"), max_length=60, blank=True
    )
    state_management_date = models.DateField(
        _("state-management certificate date"), null=True, blank=True
    )
    napa_graduate = models.BooleanField(
        _("graduate of the National Academy of Public Administration"), default=False
    )
    auditor_number = models.CharField(_("auditor certificate number"), max_length=60, blank=True)
    auditor_date = models.DateField(_("auditor certificate date"), null=True, blank=True)
    auditor_certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("auditor certificate in Chuẩn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    experience_since = models.DateField(
        _("working in quality management or standards since"), null=True, blank=True
    )
    is_active = models.BooleanField(_("in the registry"), default=True)

    class Meta:
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "user"],
                condition=models.Q(user__isnull=False),
                name="inspections_inspector_user_once",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class TeamRole(models.TextChoices):
    HEAD = "head", _("Team head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")


class InspectionDecision(TimeStampedModel):
    """The inspection decision (quyết định kiểm tra, Mẫu 20 QĐKT, Art. 35.2): issued by the
    inspecting unit (or DOST on its proposal); it sets up the team and the agencies it visits,
    each on a day, at a time and place."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("decision number"), max_length=60)
    issued_on = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=255)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    content = models.TextField(_("content of the inspection"), blank=True)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        Inspector, through="DecisionMember", related_name="decisions", verbose_name=_("team")
    )
    created_by = models.ForeignKey(
        _USER,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspection decision")
        verbose_name_plural = _("inspection decisions")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number", "issued_on"], name="inspections_decision_unique"
            )
        ]

    def __str__(self) -> str:
        return self.number


class DecisionMember(models.Model):
    """One person on a decision's team: head, deputy or member, and the unit they come from
    (the Sub-Department, DOST, the PC's office, Home Affairs…)."""

    decision = models.ForeignKey(InspectionDecision, on_delete=models.CASCADE, related_name="team")
    inspector = models.ForeignKey(
        Inspector, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role in the team"), max_length=10, choices=TeamRole.choices)
    unit = models.CharField(_("work unit"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["decision_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "inspector"], name="inspections_member_once"
            ),
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(role="head"),
                name="inspections_member_one_head",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspector} ({self.role})"


class DecisionInspection(models.Model):
    """An inspection the decision covers, with its day, time and place."""

    decision = models.ForeignKey(
        InspectionDecision, on_delete=models.CASCADE, related_name="visits"
    )
    inspection = models.OneToOneField(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="visit",
    )
    scheduled_at = models.DateTimeField(_("scheduled at"))
    place = models.CharField(_("place"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("scheduled inspection")
        verbose_name_plural = _("scheduled inspections")
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.inspection}"


class InspectionMinutes(TimeStampedModel):
    """The minutes of an on-site inspection (biên bản kiểm tra, Mẫu 21 BBKT, Art. 37.2):
    agreed inside the team, then announced to the agency; signed by the team head and the
    agency's representative (two copies). Signing concludes the inspection, and the two
    months for corrective actions run from it."""

    inspection = models.OneToOneField(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    held_at = models.DateTimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    # [{"name": "...", "position": "..."}]: the agency's representatives who attended.
    representatives = models.JSONField(_("agency representatives"), default=list, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.CharField(
        _("conclusion"), max_length=30, choices=Conclusion.choices, blank=True
    )
    conclusion_text = models.TextField(_("conclusion in words"), blank=True)
    agency_opinion = models.TextField(_("agency's opinion"), blank=True)
    team_head_signed_on = models.DateField(_("team head signed on"), null=True, blank=True)
    agency_signed_on = models.DateField(_("agency signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection minutes")
        verbose_name_plural = _("inspection minutes")

    def __str__(self) -> str:
        return str(self.inspection)


class SiteObservation(models.Model):
    """What the team saw for one Article 36 item on site (records, interviews, observation,
    Art. 37.2): kept apart from `ItemAnswer.evidence`, which is the agency's own evidence."""

    answer = models.OneToOneField(
        "inspections.ItemAnswer",
        verbose_name=_("Article 36 item"),
        on_delete=models.CASCADE,
        related_name="site",
    )
    evidence_seen = models.TextField(_("evidence seen"), blank=True)

    class Meta:
        verbose_name = _("evidence seen on site")
        verbose_name_plural = _("evidence seen on site")

    def __str__(self) -> str:
        return self.evidence_seen[:60]
