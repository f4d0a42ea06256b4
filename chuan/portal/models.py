"""The link to the National Public Service Portal (Cổng DVCQG, dichvucong.gov.vn): the online
submissions the portal hands the desk, the files that came with them, the outbox of the
messages the desk sends back (dossier synchronisation and progress updates), and what the
portal was last found to hold for each dossier.

Legal basis: Decree 118/2025/NĐ-CP (online dossiers through the portal; provincial systems
as its back office, Art. 27), Circular 03/2025/TT-VPCP Art. 13 as completed by Circular
04/2025/TT-VPCP (dossier codes; data shared with the portal), QCVN 120:2019/BTTTT (data
packets between the portal and one-stop systems)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chuan.dossiers.models import Dossier, DossierEvent
from chuan.organisations.models import Agency
from chuan.portal.choices import MessageState, Service, SubmissionState
from chuan.procedures.models import ProcedureVersion


class OnlineSubmission(models.Model):
    """A dossier a citizen or business submitted online on the portal (status 1), waiting in
    the desk's queue until the desk receives it, asks for its completion online or refuses
    it. A delivery the desk cannot read is kept too (malformed) with the reasons, for review.
    The portal's code (`portal_code`) is the portal's key: a second delivery under the same
    code is the same submission, not a new one."""

    portal_code = models.CharField(_("portal's dossier code"), max_length=40, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure_code = models.CharField(_("procedure code"), max_length=20, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=SubmissionState.choices, default=SubmissionState.WAITING
    )
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    applicant_id_number = models.CharField(_("citizen ID number"), max_length=12, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=15, blank=True)
    applicant_email = models.CharField(_("email"), max_length=254, blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    # A procedure run on a centralised national system: its code already follows TT 04/2025.
    centralised = models.BooleanField(_("centralised service"), default=False)
    by_post = models.BooleanField(_("result by post"), default=False)
    submitted_at = models.DateTimeField(_("submitted on the portal"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), auto_now_add=True)
    deliveries = models.PositiveIntegerField(_("deliveries"), default=1)
    payload = models.JSONField(_("as delivered"), default=dict)
    payload_hash = models.CharField(max_length=64)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    missing = models.JSONField(_("papers to complete"), default=list, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossier = models.OneToOneField(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_submission",
    )

    class Meta:
        verbose_name = _("online submission")
        verbose_name_plural = _("online submissions")
        ordering = ["-arrived_at", "-id"]
        constraints = [
            # One submission per portal code; deliveries that could not be read are kept
            # apart (their code may be missing or wrong), once per content.
            models.UniqueConstraint(
                fields=["portal_code"],
                condition=~Q(state=SubmissionState.MALFORMED),
                name="portal_one_submission_per_code",
            ),
            models.UniqueConstraint(
                fields=["payload_hash"],
                condition=Q(state=SubmissionState.MALFORMED),
                name="portal_malformed_once",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "arrived_at"], name="portal_queue_idx"),
        ]
        permissions = [("reconcile_portal", _("Can reconcile the desk with the national portal"))]

    def __str__(self) -> str:
        return self.portal_code or f"#{self.pk}"


class SubmissionFile(models.Model):
    """A file the citizen attached to a component on the portal, fetched and checked by its
    content as the desk's uploads are (`core.files`)."""

    submission = models.ForeignKey(OnlineSubmission, on_delete=models.CASCADE, related_name="files")
    component_code = models.CharField(_("component code"), max_length=50, blank=True)
    component_name = models.CharField(_("paper"), max_length=500)
    portal_file_id = models.CharField(max_length=100, blank=True)
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to="portal/%Y/%m/")
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")
        ordering = ["submission_id", "id"]

    def __str__(self) -> str:
        return self.name


class PullCursor(models.Model):
    """How far the desk has read the portal's feed of online submissions (one row)."""

    name = models.CharField(max_length=20, unique=True, default="submissions")
    position = models.BigIntegerField(default=0)
    pulled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.position}"


class PortalMessage(models.Model):
    """A message to the portal in the outbox, written in the same transaction as the change
    at the desk that caused it and sent by the background worker.

    `message_id` is fixed when the message is written: the portal keeps the first delivery
    of an id and answers later ones as duplicates, so a retry after a lost answer is never
    seen twice. A dossier's messages go in the order they were written (by `id`): one waits
    while an earlier one of its dossier is not delivered."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        DossierEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    message_id = models.CharField(_("message id"), max_length=80, unique=True)
    event_kind = models.CharField(_("event"), max_length=30, blank=True)
    status_code = models.PositiveSmallIntegerField(_("portal status"), null=True, blank=True)
    mapping_version = models.CharField(_("mapping version"), max_length=20, blank=True)
    payload = models.JSONField(default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState.choices, default=MessageState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message to the portal")
        verbose_name_plural = _("messages to the portal")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="portal_outbox_due"),
            models.Index(fields=["dossier", "state"], name="portal_outbox_dossier"),
            models.Index(fields=["agency", "state"], name="portal_outbox_agency"),
        ]

    def __str__(self) -> str:
        return self.message_id


class PortalDossier(models.Model):
    """A dossier as the portal knows it: the code the portal holds it under, the status the
    desk last delivered, and what the portal answered when last asked (reconciliation)."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="portal_link"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    portal_code = models.CharField(_("portal's dossier code"), max_length=40, blank=True)
    delivered_status = models.PositiveSmallIntegerField(
        _("status delivered"), null=True, blank=True
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    portal_status = models.PositiveSmallIntegerField(
        _("status on the portal"), null=True, blank=True
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    differs = models.BooleanField(_("differs"), default=False)
    difference = models.CharField(_("difference"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("dossier on the portal")
        verbose_name_plural = _("dossiers on the portal")
        indexes = [
            models.Index(fields=["agency", "differs"], name="portal_link_differs"),
            models.Index(fields=["checked_at"], name="portal_link_checked"),
        ]

    def __str__(self) -> str:
        return self.portal_code
