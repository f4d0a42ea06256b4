"""Screens of courses: the list by year, a course's page (sessions, lecturers, learners,
attendance grid, scores, certificates), new and edit, sessions, state changes, lecturers
(QĐ 19/2014 Art. 12.4b; TT 26/2014 Arts. 29–30)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param, int_param
from chuan.core.permissions import require_perm
from chuan.organisations.scoping import active_membership
from chuan.training import course_states, rules, selectors
from chuan.training.choices import ATTENDANCE_PERCENT, REGULATED_KINDS, REGULATED_PERIODS
from chuan.training.forms import CourseForm, IssueForm, LecturerForm, SessionForm
from chuan.training.models import Course, Lecturer
from chuan.training.permissions import can_manage, can_register
from chuan.training.services import courses as services
from chuan.training.services.registrations import registration_open, taken_places
from chuan.training.views.common import course_or_404, home_province

ACTIONS = {
    course_states.START: services.course_start,
    course_states.FINISH: services.course_finish,
    course_states.CANCEL: services.course_cancel,
    course_states.REOPEN: services.course_reopen,
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The courses of the user's province by year, latest first."""
    require_perm(request.user, "training.view_training")
    years = selectors.course_years(request.user)
    year = int_param(request.GET.get("year"), minimum=1900, maximum=9999)
    page = paginate(request, selectors.course_list(request.user, year=year))
    membership = active_membership(request.user)
    province_id = None
    if membership is not None:
        unit = membership.agency.unit
        province_id = unit.province_id or unit.pk
    return render(
        request,
        "training/home.html",
        {
            "page": page,
            "query": query_without_page(request),
            "years": years,
            "year": year,
            "may_manage": province_id is not None and can_manage(request.user, province_id),
            "section": "training",
        },
    )


def course_context(request: HttpRequest, course: Course) -> dict[str, object]:
    """Everything the course page shows, in a fixed number of queries."""
    sessions = selectors.sessions_of(course)
    registrations = list(selectors.registrations_visible(request.user, course))
    may_manage = can_manage(request.user, course.province_id)
    confirmed = [r for r in registrations if r.state == "confirmed"]
    results = selectors.course_results(course, confirmed) if confirmed else []
    grid = selectors.attendance_grid(course) if may_manage and sessions else {}
    for result in results:
        result.cells = [  # type: ignore[attr-defined]
            (session, grid.get((result.registration.pk, session.pk))) for session in sessions
        ]
    membership = active_membership(request.user)
    own_agency = membership.agency if membership is not None else None
    return {
        "course": course,
        "sessions": sessions,
        "total_periods": sum(s.periods for s in sessions),
        "shortfalls": rules.plan_shortfalls(course.kind, [(s.module, s.periods) for s in sessions])
        if course.state == "planned"
        else [],
        "regulated": course.kind in REGULATED_KINDS,
        "required_periods": REGULATED_PERIODS,
        "attendance_percent": ATTENDANCE_PERCENT,
        "lecturers": list(course.lecturers.all()),
        "registrations": registrations,
        "results": results,
        "capacity": rules.capacity(course.kind, course.max_learners),
        "taken": taken_places(course),
        "open": registration_open(course),
        "may_manage": may_manage,
        "may_register": own_agency is not None and can_register(request.user, own_agency.pk),
        "actions": course_states.allowed(course.state) if may_manage else [],
        "session_form": SessionForm(province_id=course.province_id) if may_manage else None,
        "issue_form": IssueForm(initial={"issued_on": timezone.localdate()})
        if may_manage
        else None,
        "certificates": selectors.certificate_list(request.user, course=course)[:200],
        "section": "training",
    }


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "training.view_training")
    course = course_or_404(request, pk)
    return render(request, "training/course_detail.html", course_context(request, course))


def _form_view(request: HttpRequest, course: Course | None) -> HttpResponse:
    province = course.province if course else home_province(request)
    if not can_manage(request.user, province.pk):
        raise PermissionDenied
    initial = {}
    if course is not None:
        initial = {
            name: getattr(course, name)
            for name in (
                "kind",
                "title",
                "organiser",
                "venue",
                "starts_on",
                "ends_on",
                "max_learners",
                "pass_mark",
            )
        }
        initial["lecturers"] = list(course.lecturers.all())
    form = CourseForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        province_id=province.pk,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if course is None:
                course = services.course_create(
                    province=province, data=form.data_object(), actor=request.user
                )
                messages.success(request, _("The course was created."))
            else:
                services.course_update(course=course, data=form.data_object(), actor=request.user)
                messages.success(request, _("The course was saved."))
            return redirect("training:course", pk=course.pk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "training/course_form.html",
        {"form": form, "course": course, "section": "training"},
    )


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    return _form_view(request, None)


@login_required
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    return _form_view(request, course_or_404(request, pk))


@login_required
@require_POST
def course_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    course = course_or_404(request, pk)
    if action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](course=course, actor=request.user)
        messages.success(request, _("The course's state was changed."))
    except (DomainError, ValidationError) as exc:
        message_errors(request, exc)
    return redirect("training:course", pk=course.pk)


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    course = course_or_404(request, pk)
    if not can_manage(request.user, course.province_id):
        raise PermissionDenied
    form = SessionForm(request.POST, province_id=course.province_id)
    if form.is_valid():
        try:
            services.session_add(course=course, data=form.data_object(), actor=request.user)
            messages.success(request, _("The session was added."))
            return redirect("training:course", pk=course.pk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
    context = course_context(request, course)
    context["session_form"] = form
    return render(request, "training/course_detail.html", context, status=400)


@login_required
@require_POST
def session_remove(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    course = course_or_404(request, pk)
    session_id = id_param(str(session_pk))
    session = course.sessions.filter(pk=session_id).first() if session_id else None
    if session is None:
        raise Http404
    try:
        services.session_remove(session=session, actor=request.user)
        messages.success(request, _("The session was removed."))
    except (DomainError, ValidationError) as exc:
        message_errors(request, exc)
    return redirect("training:course", pk=course.pk)


@login_required
def lecturer_list(request: HttpRequest) -> HttpResponse:
    """The province's lecturers, and a form to record one."""
    require_perm(request.user, "training.manage_training")
    province = home_province(request)
    if not can_manage(request.user, province.pk):
        raise PermissionDenied
    form = LecturerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lecturer_create(province=province, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The lecturer was recorded."))
            return redirect("training:lecturers")
        except ValidationError as exc:
            apply_service_errors(form, exc)
    page = paginate(request, Lecturer.objects.filter(province=province).order_by("name", "pk"))
    return render(
        request,
        "training/lecturers.html",
        {"page": page, "query": query_without_page(request), "form": form, "section": "training"},
    )
