"""Screens of learners: an agency registers its officials for a course; DOST confirms or
declines, takes attendance per session and records scores (HTMX: the grid or the row is
redrawn in place)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.organisations.models import Department
from chuan.organisations.scoping import active_membership
from chuan.organisations.selectors import agency_officials
from chuan.training.forms import RegistrationForm, ScoreForm
from chuan.training.models import Registration
from chuan.training.permissions import can_manage, can_register
from chuan.training.services import registrations as services
from chuan.training.views.common import course_or_404, is_htmx
from chuan.training.views.courses import course_context


@login_required
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency's form: register one of its officials (an account, or a name)."""
    require_perm(request.user, "training.register_learners")
    course = course_or_404(request, pk)
    membership = active_membership(request.user)
    if membership is None or not can_register(request.user, membership.agency_id):
        raise PermissionDenied
    agency = membership.agency
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        officials=agency_officials(agency.pk),
        departments=Department.objects.filter(agency=agency, is_active=True).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_create(
                course=course, agency=agency, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("The learner was registered; DOST will confirm."))
            return redirect("training:course", pk=course.pk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "training/registration_form.html",
        {
            "form": form,
            "course": course,
            "agency": agency,
            "open": services.registration_open(course),
            "taken": services.taken_places(course),
            "section": "training",
        },
    )


def _registration(request: HttpRequest, pk: int) -> Registration:
    registration_id = id_param(str(pk))
    registration = (
        Registration.objects.select_related("course").filter(pk=registration_id).first()
        if registration_id
        else None
    )
    if registration is None:
        raise Http404
    course_or_404(request, registration.course_id)
    if not can_manage(request.user, registration.course.province_id):
        raise PermissionDenied
    return registration


@login_required
@require_POST
def registration_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    registration = _registration(request, pk)
    decide = {
        "confirm": services.registration_confirm,
        "decline": services.registration_decline,
    }.get(decision)
    if decide is None:
        raise Http404
    try:
        decide(registration=registration, actor=request.user)
        messages.success(request, _("The registration was answered."))
    except (DomainError, ValidationError) as exc:
        message_errors(request, exc)
    return redirect("training:course", pk=registration.course_id)


@login_required
@require_POST
def attendance_take(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """Take one session's attendance from the grid's checkboxes (HTMX: the grid redraws)."""
    require_perm(request.user, "training.manage_training")
    course = course_or_404(request, pk)
    session_id = id_param(str(session_pk))
    session = course.sessions.filter(pk=session_id).first() if session_id else None
    if session is None:
        raise Http404
    if not can_manage(request.user, course.province_id):
        raise PermissionDenied
    present = {
        number
        for value in request.POST.getlist("present")[:1000]
        if (number := id_param(value)) is not None
    }
    error = ""
    try:
        services.attendance_take(session=session, present_ids=present, actor=request.user)
    except (DomainError, ValidationError) as exc:
        error = exc.message if isinstance(exc, DomainError) else " ".join(exc.messages)
    if is_htmx(request):
        context = course_context(request, course)
        context["grid_error"] = error
        return render(request, "training/_attendance.html", context)
    if error:
        messages.error(request, error)
    return redirect("training:course", pk=course.pk)


@login_required
@require_POST
def score_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a learner's scores (HTMX: the row redraws with its outcome)."""
    require_perm(request.user, "training.manage_training")
    registration = _registration(request, pk)
    form = ScoreForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.score_record(
                registration=registration, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except DomainError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if is_htmx(request):
        context = course_context(request, registration.course)
        context["score_error"] = error
        context["score_error_for"] = registration.pk
        return render(request, "training/_scores.html", context)
    if error:
        messages.error(request, error)
    return redirect("training:course", pk=registration.course_id)
