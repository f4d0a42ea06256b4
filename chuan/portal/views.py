"""Screens of the portal link: the desk's queue of online submissions (list, detail with its
papers and files, receive / ask for completion / refuse), and the reconciliation page
(messages not delivered, messages waiting, dossiers the portal holds differently; send
again)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import MAX_ID, int_param
from chuan.core.permissions import require_perm
from chuan.portal import selectors, services
from chuan.portal.choices import MessageState, SubmissionState
from chuan.portal.client import PortalError, portal_enabled
from chuan.portal.forms import CompletionForm, RefuseForm
from chuan.portal.permissions import RECONCILE, may_take_in

QUEUE_PERM = "dossiers.add_dossier"


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    """The online submissions of the user's agencies, by state (waiting first)."""
    require_perm(request.user, QUEUE_PERM)
    state = request.GET.get("state", SubmissionState.WAITING)
    state = state if state in SubmissionState.values else SubmissionState.WAITING
    counts = selectors.submission_counts(user=request.user)
    return render(
        request,
        "portal/queue.html",
        {
            "page": paginate(request, selectors.submission_queue(user=request.user, state=state)),
            "query": query_without_page(request),
            "state": state,
            "states": [(value, label, counts[value]) for value, label in SubmissionState.choices],
            "enabled": portal_enabled(),
        },
    )


def _submission(request: HttpRequest, pk: int) -> Any:
    submission = selectors.submission_get(user=request.user, pk=pk)
    if submission is None:
        raise Http404
    require_perm(request.user, QUEUE_PERM)
    return submission


@login_required
def submission_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    may_decide = (
        submission.state == SubmissionState.WAITING
        and submission.agency is not None
        and may_take_in(request.user, submission.agency)
    )
    return render(
        request,
        "portal/submission.html",
        {
            "submission": submission,
            "files": list(submission.files.all()),
            "may_decide": may_decide,
            "completion_form": CompletionForm(),
            "refuse_form": RefuseForm(),
        },
    )


@login_required
@require_POST
def submission_decide_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Receive it, ask for its completion online, or refuse it."""
    submission = _submission(request, pk)
    try:
        if action == "receive":
            dossier = services.submission_receive(submission=submission, actor=request.user)
            messages.success(
                request,
                _("Received as dossier %(code)s; the portal will be told.")
                % {"code": dossier.code},
            )
            return redirect(dossier.get_absolute_url())
        if action == "completion":
            form = CompletionForm(request.POST)
            if not form.is_valid():
                raise ValidationError([m for errors in form.errors.values() for m in errors])
            services.submission_request_completion(
                submission=submission,
                reason=form.cleaned_data["reason"],
                missing=form.missing_list(),
                actor=request.user,
            )
            messages.success(request, _("Completion asked for; the portal will tell the citizen."))
        elif action == "refuse":
            refusal = RefuseForm(request.POST)
            if not refusal.is_valid():
                raise ValidationError([m for errors in refusal.errors.values() for m in errors])
            services.submission_refuse(
                submission=submission, reason=refusal.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("Refused; the portal will tell the citizen why."))
        else:
            raise Http404
    except PermissionDenied:
        raise
    except (DomainError, ValidationError) as exc:
        message_errors(request, exc)
    return redirect("portal:submission", pk=submission.pk)


@login_required
def submission_file_view(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    row = selectors.submission_file_get(user=request.user, pk=pk, file_pk=file_pk)
    if row is None:
        raise Http404
    require_perm(request.user, QUEUE_PERM)
    return download(row.file)


TABS = ("failed", "waiting", "differs")


@login_required
def reconcile_view(request: HttpRequest) -> HttpResponse:
    """What failed, what waits and what the portal holds differently, with a resend."""
    require_perm(request.user, RECONCILE)
    tab = request.GET.get("tab", "failed")
    tab = tab if tab in TABS else "failed"
    if tab == "differs":
        items: Any = selectors.links_differing(user=request.user)
    else:
        state = MessageState.FAILED if tab == "failed" else MessageState.PENDING
        items = selectors.messages_in(user=request.user, state=state)
    return render(
        request,
        "portal/reconcile.html",
        {
            "page": paginate(request, items),
            "query": query_without_page(request),
            "tab": tab,
            "counts": selectors.reconciliation_counts(user=request.user),
            "enabled": portal_enabled(),
        },
    )


def _posted_id(request: HttpRequest, name: str) -> int:
    value = int_param(request.POST.get(name), minimum=1, maximum=MAX_ID)
    if value is None:
        raise Http404
    return value


@login_required
@require_POST
def resend_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, RECONCILE)
    message = selectors.message_get(user=request.user, pk=_posted_id(request, "message"))
    if message is None:
        raise Http404
    try:
        services.message_resend(message=message, actor=request.user)
        messages.success(request, _("The message is back in the outbox."))
    except DomainError as exc:
        message_errors(request, exc)
    return redirect(f"{_reconcile_url()}?tab=failed")


@login_required
@require_POST
def resync_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, RECONCILE)
    link = selectors.link_get(user=request.user, pk=_posted_id(request, "link"))
    if link is None:
        raise Http404
    try:
        services.dossier_resync(dossier=link.dossier, actor=request.user)
        messages.success(request, _("The dossier will be sent to the portal again."))
    except DomainError as exc:
        message_errors(request, exc)
    return redirect(f"{_reconcile_url()}?tab=differs")


@login_required
@require_POST
def check_view(request: HttpRequest) -> HttpResponse:
    """Ask the portal now what it holds of the dossiers delivered since the last check."""
    require_perm(request.user, RECONCILE)
    if not portal_enabled():
        messages.error(request, _("No portal is configured."))
    else:
        try:
            result = services.links_check(limit=200)
            messages.success(
                request,
                _("%(checked)s dossiers checked, %(differing)s differ.")
                % {"checked": result.checked, "differing": result.differing},
            )
        except PortalError:
            messages.error(request, _("The portal cannot be reached; try again later."))
    return redirect(f"{_reconcile_url()}?tab=differs")


def _reconcile_url() -> str:
    from django.urls import reverse

    return reverse("portal:reconcile")
