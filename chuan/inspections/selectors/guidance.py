"""Reads of DOST's guidance (QĐ 19/2014/QĐ-TTg Art. 12): letters as an agency and as DOST,
who acknowledged a letter, questions and their threads, the FAQ, and what is overdue for
the reminders. Each list is one query (plus the paginator's count)."""

import datetime
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.core.text import search_tokens
from chuan.inspections.guidance_permissions import (
    can_read_guidance_province,
    can_read_question,
    user_agency_id,
)
from chuan.inspections.guidance_states import LetterState, QuestionState
from chuan.inspections.models import (
    GuidanceFaq,
    GuidanceLetter,
    GuidanceMessage,
    GuidanceQuestion,
    GuidanceReceipt,
)
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import active_membership, province_family_ids, user_province_ids


def home_province(user: Any) -> AdministrativeUnit | None:
    """The province of the user's agency (DOST publishes for it)."""
    membership = active_membership(user)
    if membership is None:
        return None
    unit = membership.agency.unit
    return unit.province if unit.province_id and unit.province_id != unit.pk else unit


def agency_province_id(agency: Agency) -> int:
    unit = agency.unit
    return unit.province_id or unit.pk


def audience_agencies(
    *, province_id: int, level: str = "", kind: str = "", on: datetime.date | None = None
) -> QuerySet[Agency]:
    """The agencies a letter reaches: those of the province (with the units it merged from
    or into in 2025) in existence on `on`, of the level and kind asked (blank: any)."""
    day = on or timezone.localdate()
    agencies = Agency.objects.filter(unit__province_id__in=province_family_ids(province_id)).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )
    if level:
        agencies = agencies.filter(level=level)
    if kind:
        agencies = agencies.filter(kind=kind)
    return agencies


def _dost_provinces(user: Any) -> Q:
    if user_scope(user) == Scope.ALL:
        return Q()
    return Q(province_id__in=user_province_ids(user))


def is_dost(user: Any) -> bool:
    """Whether the user reads guidance as DOST (a province-wide role)."""
    return bool(user.is_authenticated and user_scope(user) in {Scope.PROVINCE, Scope.ALL})


def letter_list_dost(*, user: Any, state: str = "") -> QuerySet[GuidanceLetter]:
    """Every letter of DOST's province with its count of agencies and of acknowledgements."""
    letters = (
        GuidanceLetter.objects.filter(_dost_provinces(user))
        .select_related("province")
        .annotate(
            receipt_count=Count("receipts"),
            acknowledged_count=Count("receipts", filter=Q(receipts__acknowledged_at__isnull=False)),
        )
        .order_by("-issued_on", "-id")
    )
    if state in LetterState.values:
        letters = letters.filter(state=state)
    return letters


def receipt_list_agency(*, user: Any) -> QuerySet[GuidanceReceipt]:
    """The letters addressed to the user's agency, the unacknowledged first."""
    agency_id = user_agency_id(user)
    if agency_id is None:
        return GuidanceReceipt.objects.none()
    return (
        GuidanceReceipt.objects.filter(agency_id=agency_id)
        .exclude(letter__state=LetterState.DRAFT)
        .select_related("letter", "acknowledged_by")
        .order_by(
            "letter__state",  # published before withdrawn
            F("acknowledged_at").desc(nulls_first=True),
            "-letter__published_at",
            "-id",
        )
    )


def letter_get(*, user: Any, pk: int) -> GuidanceLetter | None:
    """A letter the user may read: DOST of its province, or an agency it was sent to."""
    letter = GuidanceLetter.objects.select_related("province").filter(pk=pk).first()
    if letter is None:
        return None
    if can_read_guidance_province(user, letter.province_id):
        return letter
    agency_id = user_agency_id(user)
    if (
        agency_id is not None
        and letter.state != LetterState.DRAFT
        and user.has_perm("inspections.view_inspections")
        and letter.receipts.filter(agency_id=agency_id).exists()
    ):
        return letter
    return None


def receipt_of(*, letter: GuidanceLetter, agency_id: int | None) -> GuidanceReceipt | None:
    if agency_id is None:
        return None
    return (
        GuidanceReceipt.objects.select_related("acknowledged_by")
        .filter(letter=letter, agency_id=agency_id)
        .first()
    )


def receipt_list(*, letter: GuidanceLetter, unread: bool = False) -> QuerySet[GuidanceReceipt]:
    """Who has acknowledged the letter and who not, by agency name."""
    receipts = GuidanceReceipt.objects.filter(letter=letter).select_related(
        "agency", "acknowledged_by"
    )
    if unread:
        receipts = receipts.filter(acknowledged_at__isnull=True)
    return receipts.order_by("agency__name", "id")


def question_list(*, user: Any, state: str = "") -> QuerySet[GuidanceQuestion]:
    """DOST: the province's questions; an agency: its own."""
    questions = GuidanceQuestion.objects.select_related("agency", "asked_by")
    if is_dost(user):
        questions = questions.filter(_dost_provinces(user))
    else:
        agency_id = user_agency_id(user)
        if agency_id is None:
            return GuidanceQuestion.objects.none()
        questions = questions.filter(agency_id=agency_id)
    if state in QuestionState.values:
        questions = questions.filter(state=state)
    return questions.order_by("state", "-created_at", "-id")


def question_get(*, user: Any, pk: int) -> GuidanceQuestion | None:
    question = (
        GuidanceQuestion.objects.select_related("agency", "asked_by", "province")
        .filter(pk=pk)
        .first()
    )
    if question is None or not can_read_question(user, question.agency_id, question.province_id):
        return None
    return question


def message_list(*, question: GuidanceQuestion) -> QuerySet[GuidanceMessage]:
    return question.messages.select_related("author").order_by("sent_at", "id")


def faq_list(*, user: Any, query: str = "") -> QuerySet[GuidanceFaq]:
    """The FAQ of the user's province, searched without diacritics ("ho so" finds "hồ sơ")."""
    if not user.is_authenticated or not user.has_perm("inspections.view_inspections"):
        return GuidanceFaq.objects.none()
    faqs = GuidanceFaq.objects.filter(_dost_provinces(user))
    for token in search_tokens(query):
        faqs = faqs.filter(search_text__contains=token)
    return faqs.order_by("-published_at", "-id")


def unacknowledged_since(*, before: datetime.datetime) -> list[tuple[int, int, Any, Any]]:
    """(receipt's letter id, agency id, letter's province id, published at) of every open
    receipt of a letter published before `before`, in one query."""
    return list(
        GuidanceReceipt.objects.filter(
            acknowledged_at__isnull=True,
            letter__state=LetterState.PUBLISHED,
            letter__published_at__lt=before,
        ).values_list("letter_id", "agency_id", "letter__province_id", "letter__published_at")
    )


def unanswered_since(*, before: datetime.datetime) -> list[tuple[int, int, Any, str]]:
    """(question id, province id, awaiting since, subject) of every open question waiting
    since before `before`."""
    return list(
        GuidanceQuestion.objects.filter(
            state=QuestionState.OPEN, awaiting_since__lt=before
        ).values_list("pk", "province_id", "awaiting_since", "subject")
    )


def letter_list_api(*, user: Any) -> QuerySet[GuidanceLetter]:
    """The letters the caller reads: DOST's with their counts; an agency's (published or
    withdrawn) with when it acknowledged them, the unacknowledged first."""
    if is_dost(user):
        return letter_list_dost(user=user).annotate(
            own_acknowledged_at=Value(None, output_field=DateTimeField())
        )
    agency_id = user_agency_id(user)
    if agency_id is None:
        return GuidanceLetter.objects.none()
    own = GuidanceReceipt.objects.filter(letter=OuterRef("pk"), agency_id=agency_id)
    return (
        GuidanceLetter.objects.filter(receipts__agency_id=agency_id)
        .exclude(state=LetterState.DRAFT)
        .select_related("province")
        .annotate(
            own_acknowledged_at=Subquery(own.values("acknowledged_at")[:1]),
            receipt_count=Value(None, output_field=IntegerField()),
            acknowledged_count=Value(None, output_field=IntegerField()),
        )
        .order_by(F("own_acknowledged_at").desc(nulls_first=True), "-published_at", "-id")
    )
