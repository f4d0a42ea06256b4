"""The province's QMS kits (bộ mẫu): model sets kept by DOST or a department for its field,
their model documents and model internal processes versioned as editions approved by the
keeper's leader, the agencies that adopted them, the update requests a new model edition
opens in each adopting agency, and the keeper's own reviews a change of the law opens.

Legal basis: QĐ 19/2014/QĐ-TTg (each agency builds, announces and maintains its own QMS:
the agency stays the owner of what it issues), TT 26/2014/TT-BKHCN Art. 41.6 (agencies with
similar administrative procedures may share one work-handling process per heading), QĐ
101/QĐ-BKHCN (the framework model a province already uses as a template)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.documents.choices import DocumentKind
from chuan.documents.models import ControlledDocument, Revision
from chuan.kits.choices import EditionState, ItemKind, RequestStatus, ReviewStatus, SetScope
from chuan.legal.models import LegalDocument
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.procedures.choices import Responsible, StepUnit
from chuan.procedures.models import InternalProcess, Procedure


class ModelSet(TimeStampedModel):
    """A set of model documents and processes a province keeps for agencies of one kind
    (the communes and wards, say), kept by DOST or by a department for its own field."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    keeper = models.ForeignKey(
        Agency,
        verbose_name=_("kept by"),
        on_delete=models.PROTECT,
        related_name="kept_model_sets",
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    scope = models.CharField(_("made for"), max_length=20, choices=SetScope.choices)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("model set")
        verbose_name_plural = _("model sets")
        ordering = ["province_id", "code"]
        permissions = [
            ("keep_models", _("Can keep the province's model sets")),
            ("adopt_models", _("Can adopt and adapt model sets for the agency")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="kits_set_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ModelItem(TimeStampedModel):
    """One model of a set: a controlled document (policy and objectives templates, the QMS
    model, the six system procedures, forms) or an internal process for a procedure of the
    province's catalogue. Its content lives in editions."""

    model_set = models.ForeignKey(
        ModelSet, verbose_name=_("model set"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    code = models.CharField(_("document code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    document_kind = models.CharField(
        _("kind of document"), max_length=30, choices=DocumentKind.choices, blank=True
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("model item")
        verbose_name_plural = _("model items")
        ordering = ["model_set_id", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["model_set", "code"], name="kits_item_unique_code"),
            models.UniqueConstraint(
                fields=["model_set", "procedure"],
                condition=models.Q(procedure__isnull=False),
                name="kits_item_one_process_per_procedure",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="process") & models.Q(procedure__isnull=False))
                | (models.Q(kind="document") & models.Q(procedure__isnull=True)),
                name="kits_item_process_has_procedure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ModelEdition(TimeStampedModel):
    """An edition (lần ban hành) of a model item: the text with its placeholders (a model
    document) or the steps (a model process), the change table, the legal basis it rests
    on; drafted by the keeper, approved by a leader of the keeping agency. Approving it
    opens an update request in every agency that adopted the item."""

    item = models.ForeignKey(
        ModelItem, verbose_name=_("model item"), on_delete=models.CASCADE, related_name="editions"
    )
    number = models.PositiveSmallIntegerField(_("edition"))
    state = models.CharField(
        _("state"), max_length=10, choices=EditionState.choices, default=EditionState.DRAFT
    )
    body = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="kits/%Y/", blank=True)
    changes = models.JSONField(_("change table"), default=list, blank=True)
    legal_basis = models.ManyToManyField(
        LegalDocument, verbose_name=_("legal basis"), related_name="kit_editions", blank=True
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("model edition")
        verbose_name_plural = _("model editions")
        ordering = ["item_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="kits_edition_unique_number"),
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(state="draft"),
                name="kits_edition_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} ({self.number})"


class ModelStep(models.Model):
    """One step of a model process. The department is named, not chosen: each adopting
    agency's own department of that name (if it has one) takes the step."""

    edition = models.ForeignKey(
        ModelEdition,
        verbose_name=_("model edition"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    order = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("what is done"), max_length=500)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices)
    department_name = models.CharField(_("department"), max_length=255, blank=True)
    time_amount = models.DecimalField(_("allotted time"), max_digits=6, decimal_places=2)
    time_unit = models.CharField(_("time unit"), max_length=20, choices=StepUnit.choices)
    output = models.CharField(_("output"), max_length=500, blank=True)
    forms = models.CharField(_("forms"), max_length=300, blank=True)
    signs = models.BooleanField(_("signed by a leader"), default=False)
    gives_result = models.BooleanField(_("gives the result"), default=False)

    class Meta:
        verbose_name = _("model step")
        verbose_name_plural = _("model steps")
        ordering = ["edition_id", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Adoption(TimeStampedModel):
    """An agency's adoption of a model set (all its items or chosen ones)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    model_set = models.ForeignKey(
        ModelSet, verbose_name=_("model set"), on_delete=models.PROTECT, related_name="adoptions"
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["model_set_id", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "model_set"], name="kits_adoption_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency} ← {self.model_set}"


class AdoptedItem(TimeStampedModel):
    """A model item an agency adopted: the model edition its own text derives from
    (`base_edition`), the agency's controlled document or internal process made from it,
    and, for a document, the agency's working text (placeholders filled, local changes
    included), which the diff and the three-way merge read."""

    adoption = models.ForeignKey(
        Adoption, verbose_name=_("adoption"), on_delete=models.CASCADE, related_name="items"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        ModelItem, verbose_name=_("model item"), on_delete=models.PROTECT, related_name="adopted"
    )
    base_edition = models.ForeignKey(
        ModelEdition,
        verbose_name=_("derived from edition"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document = models.ForeignKey(
        ControlledDocument,
        verbose_name=_("controlled document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("internal process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("the agency's text"), blank=True)
    # Whether the agency's text (or steps) differs from the filled model edition it derives
    # from; kept by the kit's writes so the adoption table needs no diff.
    adapted = models.BooleanField(_("adapted locally"), default=False)
    kept_edition = models.ForeignKey(
        ModelEdition,
        verbose_name=_("kept its own against edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kept_reason = models.TextField(_("reason to keep its own"), blank=True)

    class Meta:
        verbose_name = _("adopted item")
        verbose_name_plural = _("adopted items")
        ordering = ["agency_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "item"], name="kits_adopted_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.item_id}"


class UpdateRequest(TimeStampedModel):
    """What a new model edition opens in every agency that adopted the item: adopt it (a
    draft is prepared with the agency's local changes carried over by a three-way merge,
    conflicts shown) or keep its own with a reason. A request not yet answered when the
    model is revised again is superseded by the newer edition's request (kept in the
    history)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    adopted_item = models.ForeignKey(
        AdoptedItem,
        verbose_name=_("adopted item"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    edition = models.ForeignKey(
        ModelEdition,
        verbose_name=_("new model edition"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    base_edition = models.ForeignKey(
        ModelEdition,
        verbose_name=_("derived from edition"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("legal document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    due_at = models.DateTimeField(_("due"))
    # The draft prepared when the request was opened: the merge's pieces, for showing.
    merged = models.JSONField(_("prepared draft"), default=list, blank=True)
    conflicts = models.PositiveSmallIntegerField(_("conflicts"), default=0)
    decision = models.TextField(_("decision"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("draft revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("draft process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("model update request")
        verbose_name_plural = _("model update requests")
        ordering = ["status", "due_at", "id"]
        indexes = [models.Index(fields=["agency", "status"], name="kits_request_agency_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["adopted_item"],
                condition=models.Q(status="open"),
                name="kits_request_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition} → {self.agency_id}"


class ModelReview(TimeStampedModel):
    """A review a change of the law opened on a model item whose newest approved edition
    cites it, for the keeper: closed by approving a new edition (whose update requests carry
    the legal document to every adopting agency) or by a reasoned "no change needed"."""

    item = models.ForeignKey(
        ModelItem, verbose_name=_("model item"), on_delete=models.CASCADE, related_name="reviews"
    )
    legal_document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("legal document"),
        on_delete=models.CASCADE,
        related_name="kit_reviews",
    )
    reason = models.CharField(_("what changed"), max_length=300)
    due_at = models.DateTimeField(_("due"))
    legal_due_on = models.DateField(_("legal deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    decision = models.TextField(_("decision"), blank=True)
    edition = models.ForeignKey(
        ModelEdition,
        verbose_name=_("answered by edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("model review")
        verbose_name_plural = _("model reviews")
        ordering = ["status", "due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "legal_document"],
                condition=models.Q(status="open"),
                name="kits_review_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.legal_document.symbol}: {self.item.code}"
