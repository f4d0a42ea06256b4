"""Screens of document control: the agency's master list (and its XLSX), a document with
its revisions and the actions each allows, and the reviews the law's changes opened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.db_router import reads_from_replica
from chuan.core.exceptions import DomainError
from chuan.core.exports import xlsx_response
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.documents import selectors, services
from chuan.documents.choices import DocumentKind, ReviewStatus
from chuan.documents.exports import master_list_workbook
from chuan.documents.forms import (
    ApproveForm,
    CommentsForm,
    DecisionForm,
    DistributeForm,
    DocumentForm,
    DraftForm,
    SubmitForm,
    WithdrawForm,
)
from chuan.documents.models import ControlledDocument, Revision
from chuan.documents.permissions import may_edit_documents, reads_all_documents
from chuan.documents.search import highlight
from chuan.organisations.models import Department
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import active_membership, visible_agencies
from chuan.organisations.selectors import agency_officials


def _agency_id(request: HttpRequest) -> int | None:
    asked = id_param(request.GET.get("agency"))
    if asked and visible_agencies(request.user).filter(pk=asked).exists():
        return asked
    membership = active_membership(request.user)
    return membership.agency_id if membership else None


@login_required
@reads_from_replica()
def master_list_view(request: HttpRequest) -> HttpResponse:
    """The agency's documents with their current edition (ISO 9001 7.5.3 master list)."""
    require_perm(request.user, "documents.view_controlleddocument")
    agency_id = _agency_id(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in DocumentKind.values else ""
    query = request.GET.get("q", "")[:100]
    documents = selectors.master_list(
        user=request.user, agency_id=agency_id, query=query, kind=kind
    )
    today = timezone.localdate()
    pending = agency_id is None or reads_all_documents(request.user, agency_id)
    if request.GET.get("format") == "xlsx":
        return _master_xlsx(selectors.lines(list(documents[:5000]), today, with_pending=pending))
    page = paginate(request, documents)
    lines = selectors.lines(list(page.object_list), today, with_pending=pending)
    snippets = {}
    if query:
        for line in lines:
            newest = line.current or line.pending
            body = f"{line.document.title}. {newest.file_text if newest else ''}"
            snippets[line.document.pk] = highlight(body, query)
    return render(
        request,
        "documents/master_list.html",
        {
            "page": page,
            "lines": lines,
            "snippets": snippets,
            "query": query_without_page(request),
            "q": query,
            "kind": kind,
            "kinds": DocumentKind.choices,
            "may_edit": agency_id is not None and may_edit_documents(request.user, agency_id),
        },
    )


def _master_xlsx(lines: list[selectors.Line]) -> HttpResponse:
    return xlsx_response(master_list_workbook(lines), "danh-muc-tai-lieu.xlsx")


@login_required
def document_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "documents.add_controlleddocument")
    membership = active_membership(request.user)
    if membership is None or not may_edit_documents(request.user, membership.agency):
        raise PermissionDenied
    departments = Department.objects.filter(agency=membership.agency).order_by("name")
    form = DocumentForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                agency=membership.agency, data=form.data_object(), actor=request.user
            )
            messages.success(request, _("The document was registered; draft its first edition."))
            return redirect(document)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(request, "documents/document_form.html", {"form": form})


def _document(request: HttpRequest, pk: int) -> ControlledDocument:
    document = selectors.document_get(user=request.user, pk=pk)
    if document is None:
        raise Http404
    return document


@login_required
def document_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "documents.view_controlleddocument")
    return _detail(request, _document(request, pk), DraftForm())


def _detail(
    request: HttpRequest, document: ControlledDocument, draft_form: DraftForm
) -> HttpResponse:
    """The document's page; `draft_form` is bound when a refused draft is shown again with
    what the user typed."""
    today = timezone.localdate()
    revisions = selectors.revisions_shown(document, today, request.user)
    officials = agency_officials(document.agency_id)
    my_copies = set(
        document.revisions.filter(
            recipients__user_id=request.user.pk or 0, recipients__acknowledged_at__isnull=True
        ).values_list("pk", flat=True)
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "revisions": revisions,
            "has_open": any(shown in ("draft", "in_review") for _r, shown in revisions),
            "may_edit": may_edit_documents(request.user, document.agency_id),
            "is_leader": is_leader_of(request.user, document.agency_id),
            "draft_form": draft_form,
            "submit_form": SubmitForm(officials=officials),
            "comments_form": CommentsForm(),
            "withdraw_form": WithdrawForm(),
            "approve_form": ApproveForm(initial={"effective_date": today}),
            "distribute_form": DistributeForm(
                officials=officials,
                departments=Department.objects.filter(agency_id=document.agency_id).order_by(
                    "name"
                ),
            ),
            "decision_form": DecisionForm(),
            "to_acknowledge": my_copies,
            "reviews": list(
                document.reviews.select_related("legal_document").order_by("status", "due_at")
            ),
            "recipients": {
                r.pk: list(r.recipients.select_related("user")) for r, _shown in revisions[:3]
            },
            "now": timezone.now(),
        },
    )


def _revision(request: HttpRequest, pk: int, revision_id: int) -> Revision:
    document = _document(request, pk)
    return get_object_or_404(
        selectors.readable_revisions(document, request.user).select_related("document"),
        pk=revision_id,
    )


@login_required
@require_POST
def revision_action_view(
    request: HttpRequest, pk: int, revision_id: int, action: str
) -> HttpResponse:
    """One action on a revision; refusals come back as messages and change nothing."""
    require_perm(request.user, "documents.view_controlleddocument")
    revision = _revision(request, pk, revision_id)
    document = revision.document
    officials = agency_officials(document.agency_id)
    forms = {
        "submit": SubmitForm(request.POST, officials=officials),
        "sign_off": None,
        "send_back": CommentsForm(request.POST),
        "approve": ApproveForm(request.POST),
        "withdraw": WithdrawForm(request.POST),
        "distribute": DistributeForm(
            request.POST,
            officials=officials,
            departments=Department.objects.filter(agency_id=document.agency_id),
        ),
        "acknowledge": None,
    }
    if action not in forms:
        raise Http404
    form = forms[action]
    if form is not None and not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return redirect(document)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "submit":
            services.revision_submit(
                revision=revision, reviewer=data["reviewer"], actor=request.user
            )
        elif action == "sign_off":
            services.revision_sign_off(revision=revision, actor=request.user)
        elif action == "send_back":
            services.revision_send_back(
                revision=revision, comments=data["comments"], actor=request.user
            )
        elif action == "approve":
            services.revision_approve(
                revision=revision, effective_date=data["effective_date"], actor=request.user
            )
        elif action == "withdraw":
            services.revision_withdraw(
                revision=revision, reason=data["comments"], actor=request.user
            )
        elif action == "distribute" and isinstance(form, DistributeForm):
            services.revision_distribute(
                revision=revision, users=form.recipients(), actor=request.user
            )
        else:
            services.revision_acknowledge(revision=revision, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
        return redirect(document)
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(document)
    messages.success(request, _("Done."))
    return redirect(document)


@login_required
@require_POST
def revision_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "documents.change_controlleddocument")
    document = _document(request, pk)
    form = DraftForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.revision_draft(
                document=document,
                changes=form.changes(),
                file=form.cleaned_data["file"],
                actor=request.user,
            )
            messages.success(request, _("A new edition was drafted."))
            return redirect(document)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(document)
    # Shown again with what was typed (the change table): a refused file must not cost the
    # user their description of the edition.
    return _detail(request, document, form)


@login_required
def revision_file_view(request: HttpRequest, pk: int, revision_id: int) -> FileResponse:
    require_perm(request.user, "documents.view_controlleddocument")
    revision = _revision(request, pk, revision_id)
    return download(revision.file)


@login_required
def review_list_view(request: HttpRequest) -> HttpResponse:
    """Reviews the law's changes opened, open first and most urgent first."""
    require_perm(request.user, "documents.view_controlleddocument")
    status = request.GET.get("status", ReviewStatus.OPEN)
    status = status if status in ReviewStatus.values else ReviewStatus.OPEN
    mine = request.GET.get("mine") == "1"
    status = ReviewStatus.OPEN if mine else status
    overdue = status == ReviewStatus.OPEN and request.GET.get("overdue") == "1"
    agency_id = id_param(request.GET.get("agency"))
    now = timezone.now()
    reviews = selectors.review_list(
        user=request.user, status=status, mine=mine, overdue=overdue, now=now, agency_id=agency_id
    )
    page = paginate(request, reviews)
    shown = [review.pk for review in page.object_list]
    return render(
        request,
        "documents/review_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "status": status,
            "statuses": ReviewStatus.choices,
            "mine": mine,
            "overdue": overdue,
            "agency_query": f"agency={agency_id}&" if agency_id else "",
            "agency_name": visible_agencies(request.user)
            .filter(pk=agency_id)
            .values_list("name", flat=True)
            .first()
            if agency_id
            else None,
            "decidable": set(
                selectors.decidable_reviews(request.user)
                .filter(pk__in=shown)
                .values_list("pk", flat=True)
            ),
            "now": now,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def review_close_view(request: HttpRequest, review_id: int) -> HttpResponse:
    require_perm(request.user, "documents.view_controlleddocument")
    review = selectors.visible_reviews(request.user).filter(pk=review_id).first()
    if review is None:
        raise Http404
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"decision": [_("Say why no change is needed.")]})
        services.review_close_no_change(
            review=review, decision=form.cleaned_data["decision"], actor=request.user
        )
        messages.success(request, _("The review was closed."))
    except PermissionDenied:
        messages.error(request, _("You may not decide on this review."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("documents:review_list")
