"""The one-stop desk's dossiers (hồ sơ): receipt, the steps of the internal process they go
through, what happened to them, and the daily figures the statistics read."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chuan.dossiers.choices import (
    OPEN_STATUSES,
    Channel,
    EventKind,
    FileOrigin,
    NotReceivedKind,
    Result,
    ReturnMethod,
    Satisfaction,
    Status,
    Timeliness,
)
from chuan.organisations.models import Agency, Department
from chuan.procedures.choices import Responsible
from chuan.procedures.models import (
    Field,
    FormSet,
    InternalProcess,
    Procedure,
    ProcedureVersion,
)


class Dossier(models.Model):
    """A citizen's or business's dossier for an administrative procedure at an agency's
    desk, bound at receipt to the procedure version, internal process and form set then in
    force."""

    # Set on the dossier `dossier_receive` returns for an idempotency key already used.
    replayed: bool = False

    code = models.CharField(_("dossier code"), max_length=40, unique=True, null=True, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    field = models.ForeignKey(
        Field, verbose_name=_("field"), on_delete=models.PROTECT, related_name="+"
    )
    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("internal process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    # The forms its slips print on: the set in force at receipt, kept for the dossier's life
    # (Circular 01/2018/TT-VPCP's before Circular 03/2025/TT-VPCP took effect).
    form_set = models.ForeignKey(
        FormSet,
        verbose_name=_("form set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.PositiveSmallIntegerField(_("status"), choices=Status.choices)
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    not_received_kind = models.CharField(
        _("not received because"), max_length=20, choices=NotReceivedKind.choices, blank=True
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_id_number = models.CharField(_("citizen ID number"), max_length=12)
    applicant_phone = models.CharField(_("phone"), max_length=15)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    # The applicant agreed to be told of receipt, supplement requests and the result by SMS
    # and e-mail (Decree 13/2023/NĐ-CP on personal data: processing for a notice needs the
    # subject's consent); without it nothing is sent.
    applicant_notices = models.BooleanField(_("notices by SMS and e-mail"), default=False)
    owner_name = models.CharField(_("dossier owner"), max_length=200, blank=True)
    owner_address = models.CharField(_("owner's address"), max_length=300, blank=True)
    sets = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    fee_amount = models.PositiveBigIntegerField(_("fee collected (VND)"), default=0)
    note = models.TextField(_("note"), blank=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_due_at = models.DateTimeField(_("first due time"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("paused since"), null=True, blank=True)
    status_before_pause = models.PositiveSmallIntegerField(null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(default=0)
    # The time the clock stood still (supplements, financial obligations) in the clock the
    # procedure counts in: working minutes for working days and hours, calendar minutes for
    # days and months. Deducted from the handling time the 766 index averages.
    paused_minutes = models.PositiveIntegerField(default=0, editable=False)
    current_step = models.PositiveSmallIntegerField(_("current step"), null=True, blank=True)
    # The current step's holder, kept on the dossier so worklists need no join.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder_department = models.ForeignKey(
        Department,
        verbose_name=_("held by department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, blank=True)
    timeliness = models.CharField(
        _("timeliness"), max_length=10, choices=Timeliness.choices, blank=True
    )
    result_note = models.TextField(_("result"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_method = models.CharField(
        _("returned"), max_length=10, choices=ReturnMethod.choices, blank=True
    )
    satisfaction = models.CharField(
        _("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    satisfaction_comment = models.CharField(_("comment"), max_length=1000, blank=True)
    # The result's file (kết quả điện tử or its scan), what the citizen downloads from the
    # lookup page once it is returned and what the portal receives (DuongDanTepTinKetQua).
    result_file = models.FileField(
        _("result file"), upload_to="dossiers/results/%Y/%m/", blank=True
    )
    result_file_origin = models.CharField(
        _("result file is"), max_length=12, choices=FileOrigin.choices, blank=True
    )
    result_file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    result_file_at = models.DateTimeField(_("result file attached"), null=True, blank=True)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"], name="dossiers_unique_idempotency_key"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="dossiers_worklist_idx"),
            models.Index(fields=["agency", "-received_at"], name="dossiers_agency_recent_idx"),
            # The dossiers still open, a small fraction of all (about 1% of a province's
            # history), by desk and due time: the worklists' pages in due order, the
            # dashboard's overdue counts and form 06's split into within time and overdue,
            # read from the index alone, whatever the years of finished dossiers behind them.
            models.Index(
                fields=["agency", "due_at", "field", "received_at", "status"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="dossiers_open_idx",
            ),
        ]

    def __str__(self) -> str:
        # A dossier not received has no code: it is known by who brought it and when.
        if self.code:
            return self.code
        day = timezone.localtime(self.received_at) if self.received_at else None
        return f"{self.applicant_name} · {day:%d/%m/%Y}" if day else self.applicant_name

    def get_absolute_url(self) -> str:
        return reverse("dossiers:dossier_detail", args=[self.pk])


class ReceivedComponent(models.Model):
    """A paper received with the dossier, copied from the procedure version at receipt."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("paper"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("certified copies"), default=0)
    photocopies = models.PositiveSmallIntegerField(_("photocopies"), default=0)
    # The paper digitised (TaiLieuNop.DuocSoHoa): its scan or the electronic original.
    file = models.FileField(_("file"), upload_to="dossiers/components/%Y/%m/", blank=True)
    file_origin = models.CharField(
        _("file is"), max_length=12, choices=FileOrigin.choices, blank=True
    )
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    file_at = models.DateTimeField(_("digitised at"), null=True, blank=True)

    class Meta:
        ordering = ["dossier_id", "order"]

    def __str__(self) -> str:
        return self.name


class DossierStep(models.Model):
    """A step of the internal process as this dossier goes through it: who holds it, when it
    started and was accepted, its own due time, and when and how it was handed over."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("what is done"), max_length=500)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    allotted_minutes = models.PositiveIntegerField(_("allotted time"))
    started_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The receiving side of the hand-over into this step (the control slip's "Nhận"): who
    # took the dossier and when, recorded when they accept it or first act on it.
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Copied from the process at receipt, like the rest of the step.
    signs = models.BooleanField(_("signed by a leader"), default=False)
    gives_result = models.BooleanField(_("gives the result"), default=False)
    timeliness = models.CharField(max_length=10, choices=Timeliness.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["dossier_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "order"], name="dossiers_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class DossierEvent(models.Model):
    """One thing that happened to a dossier, with its reason and dates: the history the
    slips (forms 02, 03, 04, stop and withdrawal notices) print from."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dossier_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.at):%d/%m/%Y %H:%M}"


class DossierSequence(models.Model):
    """The last dossier number an agency gave on a day; locked while the next is taken, so
    codes are unique and without gaps."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossiers_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day} {self.last}"


class DailyFigure(models.Model):
    """How many dossiers an agency received, finished and ended otherwise on a day, per
    procedure and field: the rollup dashboards and report form 06 add up instead of counting
    dossiers."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    received_online = models.PositiveIntegerField(default=0)
    received_direct = models.PositiveIntegerField(default=0)
    finished_early = models.PositiveIntegerField(default=0)
    finished_on_time = models.PositiveIntegerField(default=0)
    finished_late = models.PositiveIntegerField(default=0)
    ended_otherwise = models.PositiveIntegerField(default=0)
    # Citizens' ratings, counted on the day they were given.
    rated_very_satisfied = models.PositiveIntegerField(default=0)
    rated_satisfied = models.PositiveIntegerField(default=0)
    rated_not_satisfied = models.PositiveIntegerField(default=0)
    # Dossiers whose papers were digitised (counted on their day of receipt, once, when the
    # first paper gets its file) and dossiers whose result has its file (on their finish day).
    digitised = models.PositiveIntegerField(default=0)
    electronic_result = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "field", "day"],
                name="dossiers_daily_figure_unique",
            )
        ]
        indexes = [models.Index(fields=["day", "agency"], name="dossiers_daily_day_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}"


class MonthlyFigure(models.Model):
    """The same counts per agency, procedure and month: what the dashboard reads, so a year
    is at most twelve rows per agency and procedure whatever the number of dossiers."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    received_online = models.PositiveIntegerField(default=0)
    received_direct = models.PositiveIntegerField(default=0)
    finished_early = models.PositiveIntegerField(default=0)
    finished_on_time = models.PositiveIntegerField(default=0)
    finished_late = models.PositiveIntegerField(default=0)
    ended_otherwise = models.PositiveIntegerField(default=0)
    # Citizens' ratings, counted on the day they were given.
    rated_very_satisfied = models.PositiveIntegerField(default=0)
    rated_satisfied = models.PositiveIntegerField(default=0)
    rated_not_satisfied = models.PositiveIntegerField(default=0)
    digitised = models.PositiveIntegerField(default=0)
    electronic_result = models.PositiveIntegerField(default=0)
    # The handling time of the dossiers finished in the month (receipt to finish, the clock's
    # pauses deducted), in the clock the procedure counts in (`rules.handling_clock`), and
    # how many dossiers it sums: the 766 index's average handling time (indicator 2.2).
    handled = models.PositiveIntegerField(default=0)
    handled_minutes = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "month"], name="dossiers_monthly_figure_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "agency"], name="dossiers_monthly_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.month:%Y-%m}"
