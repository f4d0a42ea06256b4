"""Screens of management reviews (ISO 9001:2015, 9.3; QĐ 19/2014/QĐ-TTg Art. 4.4b): the list,
planning a meeting, its page (the input pack with comments, the outputs) and every step, and
the minutes as DOCX."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.core.word import docx_response
from chuan.improvement.choices import ReviewInputKey, ReviewState
from chuan.improvement.forms_reviews import (
    ActionForm,
    CommentForm,
    CompleteForm,
    DecisionForm,
    MinutesForm,
    ReviewForm,
)
from chuan.improvement.models import Action, ManagementReview
from chuan.improvement.permissions import can_approve_qms, can_manage_qms
from chuan.improvement.review_minutes import minutes_docx
from chuan.improvement.review_states import next_state
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.selectors.reviews import review_get, review_list
from chuan.improvement.services import reviews as services
from chuan.organisations.selectors import agency_officials

_READ = "improvement.view_qms"


@login_required
def review_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, _READ)
    agency = agency_in_view(request)
    page = paginate(
        request, review_list(user=request.user, agency_id=agency.pk if agency else None)
    )
    return render(
        request,
        "improvement/reviews_list.html",
        {
            "agency": agency,
            "page": page,
            "page_query": query_without_page(request),
            "may_plan": agency is not None and can_manage_qms(request.user, agency.pk),
            "section": "improvement",
        },
    )


@login_required
def review_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "improvement.manage_qms")
    agency = agency_in_view(request)
    if agency is None:
        raise Http404
    if not can_manage_qms(request.user, agency.pk):
        raise PermissionDenied
    officials = agency_officials(agency.pk)
    form = ReviewForm(request.POST or None, officials=officials)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.review_create(
                agency=agency,
                data=services.ReviewData(
                    title=data["title"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    held_at=form.held_at(),
                    place=data["place"],
                    chair=data["chair"],
                    secretary=data["secretary"],
                    attendees=list(data["attendees"]),
                    guests=data["guests"],
                ),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The review was planned; compile its input pack."))
            return redirect(review)
    return render(
        request,
        "improvement/reviews_form.html",
        {"form": form, "agency": agency, "section": "improvement"},
    )


def _review(request: HttpRequest, pk: int) -> ManagementReview:
    require_perm(request.user, _READ)
    review = review_get(user=request.user, pk=pk)
    if review is None:
        raise Http404
    return review


@login_required
def review_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    manage = can_manage_qms(request.user, review.agency_id)
    allowed = {
        action: manage and next_state(review.state, action) is not None
        for action in ("compile", "comment", "record_minutes", "add_output")
    }
    allowed["approve"] = (
        review.state == ReviewState.HELD
        and can_approve_qms(request.user, review.agency_id)
        and request.user.pk == review.chair_id
    )
    officials = agency_officials(review.agency_id)
    sections = [(section, ReviewInputKey(section.key).label) for section in review.sections.all()]
    return render(
        request,
        "improvement/reviews_detail.html",
        {
            "review": review,
            "sections": sections,
            "allowed": allowed,
            "may_complete": manage,
            "minutes_form": MinutesForm(initial={"minutes": review.minutes}),
            "decision_form": DecisionForm(),
            "action_form": ActionForm(officials=officials),
            "state_label": ReviewState(review.state).label,
            "section": "improvement",
        },
    )


def _run(request: HttpRequest, review: ManagementReview, step: str) -> None:
    """One step posted from the review's page; refusals come back as messages."""
    actor: Any = request.user
    if step == "compile":
        services.review_compile(review=review, actor=actor)
    elif step == "approve":
        services.review_approve(review=review, actor=actor)
    elif step == "comment":
        form: Any = CommentForm(request.POST)
        _valid(form)
        services.review_comment(
            review=review,
            key=form.cleaned_data["key"],
            comment=form.cleaned_data["comment"],
            actor=actor,
        )
    elif step == "minutes":
        form = MinutesForm(request.POST)
        _valid(form)
        services.review_record_minutes(
            review=review, minutes=form.cleaned_data["minutes"], actor=actor
        )
    elif step == "decision":
        form = DecisionForm(request.POST)
        _valid(form)
        services.review_decision_add(review=review, text=form.cleaned_data["text"], actor=actor)
    elif step == "action":
        form = ActionForm(request.POST, officials=agency_officials(review.agency_id))
        _valid(form)
        data = form.cleaned_data
        services.review_action_add(
            review=review,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
            actor=actor,
        )
    else:
        form = CompleteForm(request.POST)
        _valid(form)
        action_id = id_param(request.POST.get("action"))
        action = Action.objects.filter(review=review, pk=action_id).first() if action_id else None
        if action is None:
            raise Http404
        services.review_action_complete(
            action=action, result=form.cleaned_data["result"], actor=actor
        )


def _may_take(request: HttpRequest, review: ManagementReview, step: str) -> None:
    """Who may take the step at all (403); which state allows it, the service says."""
    user: Any = request.user
    manage = can_manage_qms(user, review.agency_id)
    if step == "approve":
        allowed = can_approve_qms(user, review.agency_id) and user.pk == review.chair_id
    elif step == "complete":
        action_id = id_param(request.POST.get("action"))
        owner = review.actions.filter(pk=action_id, owner=user).exists() if action_id else False
        allowed = manage or owner
    else:
        allowed = manage
    if not allowed:
        raise PermissionDenied


def _valid(form: Any) -> None:
    if not form.is_valid():
        raise ValidationError([str(error) for errors in form.errors.values() for error in errors])


STEPS = ("compile", "comment", "minutes", "decision", "action", "complete", "approve")


@login_required
@require_POST
def review_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    review = _review(request, pk)
    if step not in STEPS:
        raise Http404
    _may_take(request, review, step)
    try:
        _run(request, review, step)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
        return redirect(review)
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(review)
    messages.success(request, _("Done."))
    return redirect(review)


@login_required
def review_minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return docx_response(minutes_docx(review), f"bien-ban-xem-xet-{review.pk}.docx")


urlpatterns = [
    path("qms/reviews/", review_list_view, name="review_list"),
    path("qms/reviews/new/", review_create_view, name="review_create"),
    path("qms/reviews/<int:pk>/", review_detail_view, name="review_detail"),
    path("qms/reviews/<int:pk>/minutes.docx", review_minutes_view, name="review_minutes"),
    path("qms/reviews/<int:pk>/<slug:step>/", review_step_view, name="review_step"),
]
