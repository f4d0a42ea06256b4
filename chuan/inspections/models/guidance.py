"""DOST's guidance to the province's agencies (QĐ 19/2014/QĐ-TTg Art. 12: DOST guides the
building, applying and maintaining of the QMS; TT 26/2014/TT-BKHCN Art. 33).

A guidance letter (công văn hướng dẫn) with its files — the signed letter and templates to
fill in — goes to all agencies of the province or to one level or kind of them; publishing
it creates one receipt per agency of the audience, which an official of the agency
acknowledges. Agencies ask DOST questions in threads; an answer may be published, rewritten
without the agency's name, as a FAQ entry for every agency of the province.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.models import TimeStampedModel
from chuan.inspections.guidance_states import FileRole, LetterState, QuestionState
from chuan.organisations.choices import AgencyKind, UnitLevel
from chuan.organisations.models import AdministrativeUnit, Agency

_USER = settings.AUTH_USER_MODEL


class GuidanceLetter(TimeStampedModel):
    """One guidance letter of a province's DOST. `audience_level` and `audience_kind` narrow
    the audience (blank: any); both blank is every agency of the province."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    audience_level = models.CharField(
        _("level"), max_length=10, choices=UnitLevel.choices, blank=True
    )
    audience_kind = models.CharField(
        _("kind of agency"), max_length=40, choices=AgencyKind.choices, blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=LetterState.choices, default=LetterState.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        _USER, verbose_name=_("created by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    search_text = models.CharField(max_length=600, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("guidance letter")
        verbose_name_plural = _("guidance letters")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["province", "state"], name="inspections_guid_prov_state")]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspections:guidance_detail", args=[self.pk])


class GuidanceFile(TimeStampedModel):
    """A file of a letter, checked by content before it is stored."""

    letter = models.ForeignKey(
        GuidanceLetter,
        verbose_name=_("guidance letter"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    role = models.CharField(_("file"), max_length=10, choices=FileRole.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="inspections/guidance/%Y/")

    class Meta:
        verbose_name = _("guidance file")
        verbose_name_plural = _("guidance files")
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return self.title


class GuidanceReceipt(models.Model):
    """One agency's copy of a published letter: who acknowledged it for the agency, when."""

    letter = models.ForeignKey(
        GuidanceLetter,
        verbose_name=_("guidance letter"),
        on_delete=models.CASCADE,
        related_name="receipts",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        _USER,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("guidance receipt")
        verbose_name_plural = _("guidance receipts")
        ordering = ["letter_id", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "agency"], name="inspections_receipt_once")
        ]
        indexes = [
            models.Index(fields=["agency", "acknowledged_at"], name="inspections_receipt_agency")
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.agency_id}"


class GuidanceQuestion(TimeStampedModel):
    """An agency's question to its province's DOST; the thread is its messages."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=255)
    state = models.CharField(
        _("state"), max_length=20, choices=QuestionState.choices, default=QuestionState.OPEN
    )
    asked_by = models.ForeignKey(
        _USER, verbose_name=_("asked by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Since when DOST owes an answer (the question, or the agency's last follow-up).
    awaiting_since = models.DateTimeField(_("awaiting an answer since"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question to DOST")
        verbose_name_plural = _("questions to DOST")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["province", "state"], name="inspections_question_state"),
            models.Index(fields=["agency", "created_at"], name="inspections_question_agency"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspections:guidance_question", args=[self.pk])


class GuidanceMessage(models.Model):
    """One message of a question's thread, from the agency or from DOST."""

    question = models.ForeignKey(
        GuidanceQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        _USER, verbose_name=_("author"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_dost = models.BooleanField(_("from DOST"), default=False)
    text = models.TextField(_("text"))
    file = models.FileField(_("file"), upload_to="inspections/guidance/questions/%Y/", blank=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["question_id", "sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.text[:40]}"


class GuidanceFaq(TimeStampedModel):
    """A question and its answer rewritten without the asking agency's identity, for every
    agency of the province."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.OneToOneField(
        GuidanceQuestion,
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faq",
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    published_by = models.ForeignKey(
        _USER,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"))
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.question[:80]
