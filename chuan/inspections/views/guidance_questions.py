"""Screens of agencies' questions to DOST and the FAQ (QĐ 19/2014/QĐ-TTg Art. 12): the
questions (an agency's own; DOST's, the province's), asking, a question's thread with the
replies, closing and publishing the answer as a FAQ entry, and the searchable FAQ."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.inspections.forms_guidance import FaqForm, MessageForm, QuestionForm
from chuan.inspections.guidance_permissions import (
    can_ask,
    can_publish_guidance,
    user_agency_id,
)
from chuan.inspections.guidance_states import QuestionState, question_next
from chuan.inspections.models import GuidanceMessage, GuidanceQuestion
from chuan.inspections.selectors import guidance as selectors
from chuan.inspections.services import guidance as services
from chuan.organisations.scoping import active_membership

_READ = "inspections.view_inspections"


@login_required
def question_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, _READ)
    user: Any = request.user
    state = request.GET.get("state", "")
    agency_id = user_agency_id(user)
    page = paginate(request, selectors.question_list(user=user, state=state))
    return render(
        request,
        "inspections/guidance/questions.html",
        {
            "page": page,
            "page_query": query_without_page(request),
            "dost": selectors.is_dost(user),
            "may_ask": agency_id is not None and can_ask(user, agency_id),
            "states": QuestionState.choices,
            "state": state,
            "section": "inspections",
        },
    )


@login_required
def question_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "inspections.ask_guidance")
    user: Any = request.user
    membership = active_membership(user)
    if membership is None or not can_ask(user, membership.agency_id):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_ask(
                agency=membership.agency,
                subject=data["subject"],
                text=data["text"],
                upload=data["file"],
                actor=user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your question was sent to DOST."))
            return redirect(question)
    return render(
        request,
        "inspections/guidance/question_form.html",
        {"form": form, "agency": membership.agency, "section": "inspections"},
    )


def _question(request: HttpRequest, pk: int) -> GuidanceQuestion:
    require_perm(request.user, _READ)
    question = selectors.question_get(user=request.user, pk=pk)
    if question is None:
        raise Http404
    return question


@login_required
def question_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    user: Any = request.user
    own = user_agency_id(user) == question.agency_id
    dost_side = not own and can_publish_guidance(user, question.province_id)
    may_write = (own and can_ask(user, question.agency_id)) or dost_side
    first = question.messages.order_by("sent_at", "id").first()
    answer = question.messages.filter(from_dost=True).order_by("-sent_at", "-id").first()
    faq = getattr(question, "faq", None) if hasattr(question, "faq") else None
    return render(
        request,
        "inspections/guidance/question.html",
        {
            "question": question,
            "thread": list(selectors.message_list(question=question)),
            "may_reply": may_write and question.state != QuestionState.CLOSED,
            "may_close": may_write and question_next(question.state, "close") is not None,
            "may_faq": dost_side
            and faq is None
            and question_next(question.state, "publish_faq") is not None,
            "faq": faq,
            "message_form": MessageForm(),
            "faq_form": FaqForm(
                initial={
                    "question_text": first.text if first else "",
                    "answer_text": answer.text if answer else "",
                }
            ),
            "dost_side": dost_side,
            "section": "inspections",
        },
    )


@login_required
@require_POST
def question_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    question = _question(request, pk)
    user: Any = request.user
    if step not in ("reply", "close", "faq"):
        raise Http404
    try:
        if step == "reply":
            form: Any = MessageForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
            services.question_reply(
                question=question,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
                actor=user,
            )
            messages.success(request, _("Your message was sent."))
        elif step == "close":
            services.question_close(question=question, actor=user)
            messages.success(request, _("The question was closed."))
        else:
            form = FaqForm(request.POST)
            if not form.is_valid():
                raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
            services.faq_publish(
                question=question,
                question_text=form.cleaned_data["question_text"],
                answer_text=form.cleaned_data["answer_text"],
                actor=user,
            )
            messages.success(request, _("The answer was published in the FAQ."))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(question)


@login_required
def message_file_view(request: HttpRequest, pk: int) -> FileResponse:
    message = GuidanceMessage.objects.filter(pk=pk).only("question_id", "file").first()
    if message is None:
        raise Http404
    _question(request, message.question_id)
    return download(message.file)


@login_required
def faq_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, _READ)
    query = request.GET.get("q", "")[:200]
    page = paginate(request, selectors.faq_list(user=request.user, query=query), per_page=20)
    return render(
        request,
        "inspections/guidance/faq.html",
        {
            "page": page,
            "page_query": query_without_page(request),
            "q": query,
            "section": "inspections",
        },
    )


urlpatterns = [
    path("guidance/questions/", question_list_view, name="guidance_questions"),
    path("guidance/questions/new/", question_create_view, name="guidance_ask"),
    path("guidance/questions/<int:pk>/", question_detail_view, name="guidance_question"),
    path(
        "guidance/questions/<int:pk>/<slug:step>/",
        question_step_view,
        name="guidance_question_step",
    ),
    path("guidance/messages/<int:pk>/file/", message_file_view, name="guidance_message_file"),
    path("guidance/faq/", faq_list_view, name="guidance_faq"),
]
