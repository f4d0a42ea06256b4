"""Internal audit (đánh giá nội bộ) of the agency's QMS: the yearly programme the leader
approves, its audits with their team, schedule and checklist, the checklist templates and the
registry of qualified internal auditors (ISO 9001:2015, 9.2 and 7.2; QĐ 19/2014/QĐ-TTg Art.
4.4b: at least once a year; TT 26/2014/TT-BKHCN Art. 7.2c: the agency trains its auditors)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.improvement.choices import AuditState, ChecklistResult, ProgrammeState
from chuan.improvement.models.nonconformities import Nonconformity
from chuan.organisations.models import Agency, Department
from chuan.procedures.models import InternalProcess

_USER = settings.AUTH_USER_MODEL


class AuditorQualification(TimeStampedModel):
    """An internal-auditor training certificate an official holds (chứng chỉ đào tạo chuyên
    gia đánh giá nội bộ): what lets them be assigned to an audit team."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        _USER, verbose_name=_("auditor"), on_delete=models.PROTECT, related_name="+"
    )
    certificate_number = models.CharField(_("certificate number"), max_length=60)
    issuer = models.CharField(_("certificate issued by"), max_length=255)
    issued_on = models.DateField(_("certificate issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("auditor qualification")
        verbose_name_plural = _("auditor qualifications")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "issuer", "certificate_number"],
                name="improvement_qualification_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_number} ({self.issuer})"


class AuditProgramme(TimeStampedModel):
    """The agency's internal audit programme for a year (chương trình đánh giá nội bộ):
    drafted by the ISO secretary, approved by the head of the agency; changes after the
    approval are recorded in `changes`."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    purpose = models.TextField(_("purpose"))
    criteria = models.TextField(_("audit criteria"))
    state = models.CharField(
        _("state"), max_length=20, choices=ProgrammeState.choices, default=ProgrammeState.DRAFT
    )
    approved_by = models.ForeignKey(
        _USER,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # After approval: [{"on": ISO date, "by": name, "what": text}].
    changes = models.JSONField(_("changes after approval"), default=list, blank=True)

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="improvement_programme_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:audit_programme_detail", args=[self.pk])


class Audit(TimeStampedModel):
    """One audit (cuộc đánh giá) of the programme: its scope (departments, internal
    processes, clauses), criteria, team, opening and closing meetings, and its report."""

    programme = models.ForeignKey(
        AuditProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="audits"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    title = models.CharField(_("title"), max_length=255)
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments audited"), blank=True, related_name="+"
    )
    processes = models.ManyToManyField(
        InternalProcess, verbose_name=_("processes audited"), blank=True, related_name="+"
    )
    clauses = models.JSONField(_("ISO 9001:2015 clauses"), default=list, blank=True)
    criteria = models.TextField(_("audit criteria"), blank=True)
    lead = models.ForeignKey(
        _USER,
        verbose_name=_("team lead"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    auditors: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        _USER, verbose_name=_("auditors"), blank=True, related_name="+"
    )
    opening_at = models.DateTimeField(_("opening meeting"), null=True, blank=True)
    closing_at = models.DateTimeField(_("closing meeting"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=AuditState.choices, default=AuditState.PLANNED
    )
    summary = models.TextField(_("summary"), blank=True)
    conclusion = models.TextField(_("conclusion on conformity and effectiveness"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    report_issued_on = models.DateField(_("report issued on"), null=True, blank=True)

    class Meta:
        verbose_name = _("internal audit")
        verbose_name_plural = _("internal audits")
        ordering = ["programme_id", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "round"], name="improvement_audit_unique_round"
            )
        ]
        indexes = [models.Index(fields=["agency", "state"], name="improvement_audit_state")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("improvement:audit_detail", args=[self.pk])


class AuditScheduleLine(models.Model):
    """A line of the audit plan: when, which department, which process or clause, by whom."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="schedule"
    )
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clause = models.CharField(_("clause"), max_length=10, blank=True)
    auditor = models.ForeignKey(
        _USER, verbose_name=_("auditor"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("schedule line")
        verbose_name_plural = _("schedule lines")
        ordering = ["day", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.day} {self.starts_at}"


class ChecklistTemplate(TimeStampedModel):
    """A checklist template (phiếu hỏi mẫu) by clause, versioned: the national one (no
    agency) loaded from the data file, or an agency's own copy with its prompts edited."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=models.Q(agency__isnull=True),
                name="improvement_template_national_version",
            ),
            models.UniqueConstraint(
                fields=["agency", "code", "version"], name="improvement_template_agency_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class ChecklistTemplateLine(models.Model):
    """One question prompt of a template, under its clause."""

    template = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    order = models.PositiveSmallIntegerField(_("no."))
    clause = models.CharField(_("clause"), max_length=10)
    question = models.TextField(_("question"))

    class Meta:
        verbose_name = _("template question")
        verbose_name_plural = _("template questions")
        ordering = ["template_id", "order"]

    def __str__(self) -> str:
        return f"{self.clause}: {self.question[:60]}"


class ChecklistLine(TimeStampedModel):
    """A line of the audit's checklist (phiếu ghi chép): the question asked in a department,
    the evidence seen, the result; a minor or major nonconformity opens a nonconformity
    when the report is issued (`nonconformity`)."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="checklist"
    )
    order = models.PositiveSmallIntegerField(_("no."))
    clause = models.CharField(_("clause"), max_length=10)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    question = models.TextField(_("question"))
    evidence = models.TextField(_("evidence seen"), blank=True)
    result = models.CharField(
        _("result"), max_length=20, choices=ChecklistResult.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="audits/%Y/", blank=True)
    auditor = models.ForeignKey(
        _USER,
        verbose_name=_("auditor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    nonconformity = models.ForeignKey(
        Nonconformity,
        verbose_name=_("nonconformity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("checklist line")
        verbose_name_plural = _("checklist lines")
        ordering = ["audit_id", "order"]

    def __str__(self) -> str:
        return f"{self.clause}: {self.question[:60]}"
