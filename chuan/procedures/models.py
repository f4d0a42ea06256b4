"""The catalogue of administrative procedures (thủ tục hành chính) a province publishes,
versioned with effective dates, and each agency's internal process (quy trình nội bộ) for
the procedures it handles."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.legal.models import LegalDocument
from chuan.organisations.models import AdministrativeUnit, Agency, Department
from chuan.procedures.choices import (
    FormSlip,
    OnlineLevel,
    ProcessStatus,
    Responsible,
    StepUnit,
    TimeUnit,
)


class Field(TimeStampedModel):
    """A field of administrative procedures (lĩnh vực): civil status, land, construction…"""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(TimeStampedModel):
    """An administrative procedure of a province's catalogue, identified by its code in the
    national database (e.g. 1.001193, birth registration). Its content lives in versions."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("procedure code"), max_length=20)

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="procedures_unique_code")
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("procedures:procedure_detail", args=[self.pk])


class ProcedureVersion(TimeStampedModel):
    """What a procedure is from one date: a change of the law makes a new version, and a
    dossier binds to the version in force when it was received (NĐ 118/2025/NĐ-CP)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    valid_from = models.DateField(_("applies from"))
    valid_to = models.DateField(_("applies until"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("field"), on_delete=models.PROTECT, related_name="versions"
    )
    # Space-separated unit levels ("commune district"), so both engines filter with LIKE.
    levels = models.CharField(_("levels"), max_length=40)
    time_amount = models.DecimalField(_("statutory time"), max_digits=7, decimal_places=2)
    time_unit = models.CharField(_("time unit"), max_length=20, choices=TimeUnit.choices)
    time_note = models.TextField(_("time as published"), blank=True)
    fee = models.TextField(_("fees"), blank=True)
    fee_amount = models.PositiveBigIntegerField(_("fee (VND)"), default=0)
    result = models.TextField(_("result"), blank=True)
    online_level = models.CharField(
        _("online service"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    cross_boundary = models.BooleanField(_("received regardless of boundaries"), default=False)
    legal_basis = models.ManyToManyField(
        LegalDocument,
        verbose_name=_("legal basis"),
        related_name="procedure_versions",
        blank=True,
    )
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="procedures_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} {self.name}"[:300]

    def get_absolute_url(self) -> str:
        return reverse("procedures:procedure_detail", args=[self.procedure_id])

    @property
    def level_list(self) -> list[str]:
        return self.levels.split()


class DossierComponent(models.Model):
    """A paper the citizen hands in for a procedure version, with how many of each form."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure version"),
        on_delete=models.CASCADE,
        related_name="components",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("certified copies"), default=0)
    photocopies = models.PositiveSmallIntegerField(_("photocopies"), default=0)
    required = models.BooleanField(_("required"), default=True)
    template = models.FileField(_("template"), upload_to="procedures/templates/", blank=True)

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ["version_id", "order"]

    def __str__(self) -> str:
        return self.name


class InternalProcess(TimeStampedModel):
    """An agency's internal process for a procedure: who does what in how long, approved
    by the head's decision and versioned by edition (lần ban hành)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="processes"
    )
    code = models.CharField(_("document code"), max_length=40)
    edition = models.PositiveSmallIntegerField(_("edition"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProcessStatus.choices, default=ProcessStatus.DRAFT
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    valid_from = models.DateField(_("applies from"), null=True, blank=True)
    valid_to = models.DateField(_("applies until"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("internal process")
        verbose_name_plural = _("internal processes")
        ordering = ["agency_id", "procedure_id", "-edition"]
        permissions = [("approve_internalprocess", "Can approve internal processes")]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "edition"], name="procedures_process_unique_edition"
            ),
            models.UniqueConstraint(
                fields=["agency", "procedure"],
                condition=models.Q(status="draft"),
                name="procedures_process_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.edition})"

    def get_absolute_url(self) -> str:
        return reverse("procedures:process_detail", args=[self.pk])


class ProcessStep(models.Model):
    """One step of an internal process, in order."""

    process = models.ForeignKey(
        InternalProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("what is done"), max_length=500)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    time_amount = models.DecimalField(_("allotted time"), max_digits=6, decimal_places=2)
    time_unit = models.CharField(_("time unit"), max_length=20, choices=StepUnit.choices)
    output = models.CharField(_("output"), max_length=500, blank=True)
    forms = models.CharField(_("forms"), max_length=300, blank=True)
    # The step where a leader of the agency signs (the result, usually): only an official
    # holding the agency leader role completes it.
    signs = models.BooleanField(_("signed by a leader"), default=False)
    # The step whose output is the result, where a dossier is finished; when no step says so,
    # the last step before the return (`procedures.route.result_order`).
    gives_result = models.BooleanField(_("gives the result"), default=False)

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["process_id", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class FormSet(TimeStampedModel):
    """The set of forms (bộ biểu mẫu) the one-stop desk prints, as a circular issues them:
    Circular 01/2018/TT-VPCP's six forms, then Circular 03/2025/TT-VPCP's seven. It applies
    from a date until the next set; each dossier keeps the set in force at its receipt and
    prints from it for its whole life."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("issued with"),
        on_delete=models.PROTECT,
        related_name="form_sets",
    )
    valid_from = models.DateField(_("applies from"))
    valid_to = models.DateField(_("applies until"), null=True, blank=True)

    class Meta:
        verbose_name = _("form set")
        verbose_name_plural = _("form sets")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("procedures:form_sets") + f"#set-{self.pk}"

    def form_for(self, slip: str) -> "FormSetItem | None":
        """The form of this set printed as `slip`, if the set has one (Circular 01/2018 has
        no notice of stopping); reads the prefetched forms."""
        return next((form for form in self.forms.all() if form.slip == slip), None)


class FormSetItem(models.Model):
    """One form of a set: its number (mẫu số), its official title and which paper it is."""

    form_set = models.ForeignKey(
        FormSet, verbose_name=_("form set"), on_delete=models.CASCADE, related_name="forms"
    )
    number = models.CharField(_("form number"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    slip = models.CharField(_("printed as"), max_length=20, choices=FormSlip.choices)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["form_set_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["form_set", "slip"], name="procedures_form_one_slip"),
            models.UniqueConstraint(
                fields=["form_set", "number"], name="procedures_form_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def shown_title(self) -> str:
        """The official (Vietnamese) title, or its English rendering for English readers."""
        english = (get_language() or "vi").startswith("en")
        return self.title_en if english and self.title_en else self.title
