"""Reads of training: courses of the user's province, a course's grid (sessions,
registrations, attendance, scores, outcomes), certificates, the public verification, and
competence by agency — who holds a valid certificate of which kind (QĐ 19/2014 Art. 12.4b;
TT 26/2014 Art. 40: inspectors hold an auditor course's certificate)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership, province_family_ids, user_province_ids
from chuan.training import rules
from chuan.training.choices import AUDITOR_KINDS, CourseKind, RegistrationState
from chuan.training.models import Attendance, Certificate, Course, Registration, Session
from chuan.training.permissions import can_manage, can_read_course


def _provinces(user: Any) -> set[int] | None:
    """The provinces whose courses `user` reads (None: all)."""
    if user_scope(user) == Scope.ALL:
        return None
    return user_province_ids(user)


def course_list(user: Any, *, year: int | None = None) -> QuerySet[Course]:
    """The courses of the user's province, latest first, with their learners counted."""
    courses = Course.objects.all()
    provinces = _provinces(user)
    if provinces is not None:
        courses = courses.filter(province_id__in=provinces)
    if year is not None:
        courses = courses.filter(starts_on__year=year)
    return courses.annotate(
        learners=Count("registrations", filter=~Q(registrations__state=RegistrationState.DECLINED))
    ).order_by("-starts_on", "-id")


def course_years(user: Any) -> list[int]:
    courses = Course.objects.all()
    provinces = _provinces(user)
    if provinces is not None:
        courses = courses.filter(province_id__in=provinces)
    return sorted({d.year for d in courses.dates("starts_on", "year")}, reverse=True)


def course_get(user: Any, pk: int) -> Course | None:
    course = Course.objects.select_related("province").filter(pk=pk).first()
    if course is None or not can_read_course(user, course.province_id):
        return None
    return course


def sessions_of(course: Course) -> list[Session]:
    return list(course.sessions.select_related("lecturer").order_by("held_on", "starts_at", "id"))


def registrations_visible(user: Any, course: Course) -> QuerySet[Registration]:
    """All of the course's learners for DOST; an agency's own otherwise."""
    registrations = course.registrations.select_related("agency", "department", "certificate")
    if can_manage(user, course.province_id):
        return registrations
    membership = active_membership(user)
    if membership is None:
        return registrations.none()
    return registrations.filter(agency_id=membership.agency_id)


def registration_list(user: Any, *, course_id: int | None = None) -> QuerySet[Registration]:
    """Learners the user may read: of the province's courses for DOST (and the system's
    administrators), of the user's own agency otherwise."""
    registrations = Registration.objects.select_related("agency", "department").order_by(
        "-course__starts_on", "course_id", "id"
    )
    if course_id is not None:
        registrations = registrations.filter(course_id=course_id)
    scope = user_scope(user)
    if scope == Scope.ALL:
        return registrations
    if scope == Scope.PROVINCE and user.has_perm("training.manage_training"):
        return registrations.filter(course__province_id__in=user_province_ids(user))
    membership = active_membership(user)
    if membership is None:
        return registrations.none()
    return registrations.filter(agency_id=membership.agency_id)


@dataclass
class Result:
    registration: Registration
    attended_periods: int
    total_periods: int
    outcome: rules.Outcome
    has_certificate: bool

    @property
    def rate(self) -> int:
        return rules.attendance_rate(self.attended_periods, self.total_periods)


def course_results(
    course: Course, registrations: Iterable[Registration] | None = None
) -> list[Result]:
    """Each confirmed learner's attendance, scores and outcome (two queries)."""
    total = course.sessions.aggregate(total=Sum("periods"))["total"] or 0
    if registrations is None:
        registrations = course.registrations.filter(state=RegistrationState.CONFIRMED)
    rows = (
        Registration.objects.filter(pk__in=[r.pk for r in registrations])
        .select_related("agency", "department")
        .annotate(
            attended=Sum(
                "attendance__session__periods", filter=Q(attendance__present=True), default=0
            ),
            certified=Count("certificate"),
        )
        .order_by("agency__name", "name", "id")
    )
    return [
        Result(
            registration=row,
            attended_periods=row.attended,
            total_periods=total,
            outcome=rules.outcome(row.final_score, course.pass_mark, row.attended, total),
            has_certificate=row.certified > 0,
        )
        for row in rows
        if row.state == RegistrationState.CONFIRMED
    ]


def attendance_grid(course: Course) -> dict[tuple[int, int], bool]:
    """(registration id, session id) → present, for the attendance grid (one query)."""
    return {
        (registration_id, session_id): present
        for registration_id, session_id, present in Attendance.objects.filter(
            session__course=course
        ).values_list("registration_id", "session_id", "present")
    }


def certificate_list(user: Any, *, course: Course | None = None) -> QuerySet[Certificate]:
    """Certificates the user may read: DOST its province's, an agency its own."""
    certificates = Certificate.objects.select_related("course", "agency")
    if course is not None:
        certificates = certificates.filter(course=course)
    scope = user_scope(user)
    if scope == Scope.ALL:
        return certificates
    if scope == Scope.PROVINCE:
        return certificates.filter(course__province_id__in=user_province_ids(user))
    membership = active_membership(user)
    if membership is None:
        return certificates.none()
    return certificates.filter(agency_id=membership.agency_id)


@dataclass(frozen=True)
class PublicCertificate:
    """What the public verification page may show: nothing else."""

    number: str
    holder_name: str
    course_title: str
    issued_on: datetime.date
    revoked: bool


def certificate_public(number: str) -> PublicCertificate | None:
    row = (
        Certificate.objects.filter(number=number[:40])
        .values("number", "holder_name", "course__title", "issued_on", "revoked_on")
        .first()
    )
    if row is None:
        return None
    return PublicCertificate(
        number=row["number"],
        holder_name=row["holder_name"],
        course_title=row["course__title"],
        issued_on=row["issued_on"],
        revoked=row["revoked_on"] is not None,
    )


def valid_certificates(on: datetime.date | None = None) -> QuerySet[Certificate]:
    """Certificates in force on `on`: issued by then, not revoked by then, not expired."""
    on = on or timezone.localdate()
    return Certificate.objects.filter(issued_on__lte=on).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
    )


def trained_officials(agency: Agency, on: datetime.date | None = None) -> QuerySet[Certificate]:
    """The agency's certificates in force, with their course and department."""
    return (
        valid_certificates(on)
        .filter(agency=agency)
        .select_related("course", "registration__department")
        .order_by("holder_name", "-issued_on")
    )


def qualified_user_ids(user_ids: Iterable[int], on: datetime.date) -> set[int]:
    """Those of `user_ids` holding an internal-auditor or auditor course's certificate in
    force on `on` (one query)."""
    return set(
        valid_certificates(on)
        .filter(holder_id__in=list(user_ids), course__kind__in=list(AUDITOR_KINDS))
        .values_list("holder_id", flat=True)
    )


def is_qualified_auditor(user: Any, on: datetime.date | None = None) -> bool:
    """Whether `user` holds an internal-auditor or auditor course's certificate in force."""
    if user is None or not getattr(user, "pk", None):
        return False
    return user.pk in qualified_user_ids([user.pk], on or timezone.localdate())


@dataclass
class Competence:
    """One agency's trained officials: internal auditors by department, the ISO secretary."""

    agency: Agency
    auditors: int = 0
    by_department: dict[str, int] = field(default_factory=dict)
    secretary_trained: bool = False
    trained: int = 0

    @property
    def nobody_trained(self) -> bool:
        return self.trained == 0


def province_agencies(province_id: int) -> QuerySet[Agency]:
    family = province_family_ids(province_id)
    return Agency.objects.filter(Q(unit__province_id__in=family) | Q(unit_id__in=family))


def agency_competence(
    province_id: int,
    on: datetime.date | None = None,
    agencies: QuerySet[Agency] | None = None,
    nobody_only: bool = False,
) -> list[Competence]:
    """Per agency of the province (or of `agencies`): its trained internal auditors by
    department, whether an ISO secretary was trained, whether nobody was (three queries,
    however many agencies)."""
    agencies = agencies if agencies is not None else province_agencies(province_id)
    rows = {a.pk: Competence(agency=a) for a in agencies.order_by("name", "pk")}
    certificates = (
        valid_certificates(on)
        .filter(agency_id__in=list(rows))
        .values("agency_id", "course__kind", "registration__department__name")
        .annotate(n=Count("holder_name", distinct=True))
    )
    for row in certificates:
        competence = rows[row["agency_id"]]
        competence.trained += row["n"]
        if row["course__kind"] in AUDITOR_KINDS:
            competence.auditors += row["n"]
            department = row["registration__department__name"] or ""
            competence.by_department[department] = (
                competence.by_department.get(department, 0) + row["n"]
            )
        if row["course__kind"] == CourseKind.ISO_SECRETARY:
            competence.secretary_trained = True
    result = list(rows.values())
    if nobody_only:
        result = [c for c in result if c.nobody_trained]
    return result


def competence_summary(rows: list[Competence]) -> dict[str, int]:
    return {
        "agencies": len(rows),
        "nobody": sum(1 for c in rows if c.nobody_trained),
        "with_auditors": sum(1 for c in rows if c.auditors),
        "with_secretary": sum(1 for c in rows if c.secretary_trained),
    }


def learners_by_course(course_ids: Iterable[int]) -> dict[int, list[int]]:
    """Course id → user ids of its confirmed or pending learners with an account."""
    result: dict[int, list[int]] = defaultdict(list)
    for course_id, user_id in (
        Registration.objects.filter(course_id__in=list(course_ids), user__isnull=False)
        .exclude(state=RegistrationState.DECLINED)
        .values_list("course_id", "user_id")
    ):
        result[course_id].append(user_id)
    return result
