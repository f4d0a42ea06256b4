"""The register's screens for officials: the list with its filters, recording a feedback,
one feedback with the actions its state allows (each a small form posting to one view)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from chuan.calendars.selectors import agency_province_id
from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.dossiers.models import Dossier
from chuan.feedback import rules, selectors, services
from chuan.feedback.choices import Channel, Classification, ContentType, State
from chuan.feedback.forms import (
    AssignForm,
    ClassifyForm,
    FeedbackForm,
    ForwardForm,
    PublishForm,
    ReplyForm,
)
from chuan.feedback.models import Feedback
from chuan.feedback.permissions import actions_offered, may_manage
from chuan.organisations.scoping import active_membership, visible_agencies
from chuan.organisations.selectors import agency_officials
from chuan.procedures.models import Procedure

ACTION_FORMS: dict[str, Any] = {
    "classify": ClassifyForm,
    "assign": AssignForm,
    "forward": ForwardForm,
    "reply": ReplyForm,
    "publish": PublishForm,
}


def _action_labels() -> dict[str, str]:
    return {
        "classify": _("Classify"),
        "assign": _("Assign"),
        "forward": _("Record the forwarding"),
        "reply": pgettext("feedback", "Reply"),
        "publish": _("Publish the reply"),
    }


def feedback_or_404(request: HttpRequest, pk: int) -> Feedback:
    feedback = selectors.feedback_get(user=request.user, pk=pk)
    if feedback is None:
        raise Http404
    return feedback


@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    """The register: searched by code, sender or dossier, filtered by state,
    classification, content type, channel, overdue or assigned to me."""
    require_perm(request.user, "feedback.view_feedback")
    params = request.GET
    agencies = visible_agencies(request.user)
    agency_id = id_param(params.get("agency"))
    filters = selectors.Filters(
        query=params.get("q", "")[:100],
        state=params.get("state", "")[:30],
        classification=params.get("classification", "")[:30],
        content_type=params.get("content_type", "")[:30],
        channel=params.get("channel", "")[:30],
        agency_id=agency_id,
        overdue=params.get("overdue") == "1",
        mine=params.get("mine") == "1",
    )
    membership = active_membership(request.user)
    return render(
        request,
        "feedback/list.html",
        {
            "page": paginate(request, selectors.feedback_list(user=request.user, filters=filters)),
            "query": query_without_page(request),
            "filters": filters,
            "states": State.choices,
            "classifications": Classification.choices,
            "content_types": ContentType.choices,
            "channels": Channel.choices,
            "many_agencies": agencies.count() > 1,
            "may_create": membership is not None and may_manage(request.user, membership.agency_id),
            "now": timezone.now(),
        },
    )


def _related(form: FeedbackForm, agency: Any) -> tuple[Dossier | None, Procedure | None]:
    code = form.cleaned_data["dossier_code"].strip().upper()
    dossier = procedure = None
    if code:
        dossier = (
            Dossier.objects.select_related("version__procedure")
            .filter(agency=agency, code=code)
            .first()
        )
        if dossier is None:
            form.add_error("dossier_code", _("No dossier of the agency has this code."))
    procedure_code = form.cleaned_data["procedure_code"].strip()
    if procedure_code:
        procedure = Procedure.objects.filter(
            code=procedure_code, province_id=agency_province_id(agency)
        ).first()
        if procedure is None:
            form.add_error("procedure_code", _("No procedure of the catalogue has this code."))
    return dossier, procedure


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    """Record a feedback that arrived at the desk, by post, e-mail or telephone (a call on
    the published number is written down here, NĐ 20/2008 Art. 7)."""
    require_perm(request.user, "feedback.manage_feedback")
    membership = active_membership(request.user)
    if membership is None or not may_manage(request.user, membership.agency_id):
        raise PermissionDenied
    agency = membership.agency
    form = FeedbackForm(request.POST or None, officials=agency_officials(agency.pk))
    if request.method == "POST" and form.is_valid():
        dossier, procedure = _related(form, agency)
        if not form.errors:
            data = form.cleaned_data
            try:
                feedback = services.feedback_receive(
                    agency=agency,
                    data=services.FeedbackData(
                        channel=data["channel"],
                        sender_name=data["sender_name"],
                        sender_phone=data["sender_phone"],
                        sender_email=data["sender_email"],
                        sender_address=data["sender_address"],
                        content_type=data["content_type"],
                        content=data["content"],
                        dossier=dossier,
                        procedure=procedure,
                        official=data["official"],
                    ),
                    actor=request.user,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Feedback %(code)s was registered.") % {"code": feedback.code}
                )
                return redirect(feedback)
    return render(request, "feedback/create.html", {"form": form, "agency": agency})


def _form(action: str, feedback: Feedback, data: Any = None) -> Any:
    form_class = ACTION_FORMS[action]
    if form_class is AssignForm:
        return AssignForm(data, officials=agency_officials(feedback.agency_id), prefix=action)
    initial = {"summary": feedback.content} if action == "publish" else None
    return form_class(data, prefix=action, initial=initial)


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "feedback.view_feedback")
    feedback = feedback_or_404(request, pk)
    offered = actions_offered(feedback, request.user)
    actions = [(name, _form(name, feedback)) for name in ACTION_FORMS if name in offered]
    return render(
        request,
        "feedback/detail.html",
        {
            "feedback": feedback,
            "actions": actions,
            "action_labels": _action_labels(),
            "overdue": rules.is_overdue(feedback.state, feedback.due_at, timezone.now()),
        },
    )


@login_required
@require_POST
def action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one action; refusals come back as messages and change nothing."""
    require_perm(request.user, "feedback.view_feedback")
    feedback = feedback_or_404(request, pk)
    if action not in ACTION_FORMS:
        raise Http404
    form = _form(action, feedback, request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return redirect(feedback)
    data, actor = form.cleaned_data, request.user
    try:
        if action == "classify":
            services.feedback_classify(
                feedback=feedback,
                classification=data["classification"],
                note=data["note"],
                actor=actor,
            )
        elif action == "assign":
            services.feedback_assign(feedback=feedback, assignee=data["assignee"], actor=actor)
        elif action == "forward":
            services.feedback_forward(
                feedback=feedback,
                forwarded_to=data["forwarded_to"],
                reference=data["reference"],
                actor=actor,
            )
        elif action == "reply":
            services.feedback_reply(feedback=feedback, reply=data["reply"], actor=actor)
        else:
            services.feedback_publish(feedback=feedback, summary=data["summary"], actor=actor)
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(feedback)
    messages.success(request, _("Done: %(action)s.") % {"action": _action_labels()[action]})
    return redirect(feedback)
