"""Screens of the legal library: search and browse, a document with its relations both ways
and what cites it, recording and changing documents and relations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.accounts.roles import Scope, user_scope
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.legal import selectors, services
from chuan.legal.choices import RELATION_INVERSE_LABELS, DocumentKind, ShownStatus
from chuan.legal.forms import LegalDocumentForm, LegalRelationForm
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.permissions import may_edit_legal
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import user_province_ids

KIND_LABELS = dict(DocumentKind.choices)
STATUS_LABELS = dict(ShownStatus.choices)


@login_required
def legal_document_list_view(request: HttpRequest) -> HttpResponse:
    """Search the library and browse it by type, status and issuer."""
    require_perm(request.user, "legal.view_legaldocument")
    query = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind", "")
    kind = kind if kind in DocumentKind.values else ""
    status = request.GET.get("status", "")
    status = status if status in ShownStatus.values else ""
    issuer = request.GET.get("issuer", "")[:200]
    documents = selectors.legal_document_list(query=query, kind=kind, status=status, issuer=issuer)
    facets = selectors.legal_facets(documents)
    return render(
        request,
        "legal/document_list.html",
        {
            "page": paginate(request, documents),
            "query": query_without_page(request),
            "q": query,
            "kind": kind,
            "status": status,
            "issuer": issuer,
            "kinds": [(value, KIND_LABELS[value], n) for value, n in facets["kind"]],
            "statuses": [(value, STATUS_LABELS[value], n) for value, n in facets["status"]],
            "issuers": facets["issuer"],
            "may_add": request.user.has_perm("legal.add_legaldocument"),
        },
    )


def _document(pk: int) -> LegalDocument:
    document = selectors.legal_document_get(pk=pk)
    if document is None:
        raise Http404
    return document


@login_required
def legal_document_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A document with what it acts on, what acts on it, and what in Chuẩn cites it."""
    require_perm(request.user, "legal.view_legaldocument")
    document = _document(pk)
    outgoing, incoming = selectors.legal_relations(document)
    return render(
        request,
        "legal/document_detail.html",
        {
            "document": document,
            "outgoing": outgoing,
            "incoming": [(RELATION_INVERSE_LABELS[r.kind], r) for r in incoming],
            "citations": selectors.legal_citations(document),
            "may_edit": may_edit_legal(request.user, document.province_id),
            "relation_form": LegalRelationForm(),
        },
    )


def _provinces(request: HttpRequest) -> QuerySet[AdministrativeUnit]:
    # search_name is the folded name: Vietnamese order, not bytes (which put Đ last).
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by(
        "-unit_set", "search_name", "pk"
    )
    if user_scope(request.user) != Scope.ALL:
        provinces = provinces.filter(pk__in=user_province_ids(request.user))
    return provinces


def _document_form_view(request: HttpRequest, document: LegalDocument | None) -> HttpResponse:
    provinces = _provinces(request)
    if request.method == "POST":
        form = LegalDocumentForm(request.POST, request.FILES, provinces=provinces)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                if document is None:
                    document = services.legal_document_create(
                        data=form.data_object(), file=upload, actor=request.user
                    )
                    messages.success(request, _("The document was recorded."))
                else:
                    services.legal_document_update(
                        document=document, data=form.data_object(), file=upload, actor=request.user
                    )
                    messages.success(request, _("The document was changed."))
                return redirect(document)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        initial = {}
        if document is not None:
            initial = {
                name: getattr(document, name)
                for name in (
                    "symbol",
                    "kind",
                    "title",
                    "issuer",
                    "signer",
                    "issue_date",
                    "effective_date",
                    "end_date",
                    "status",
                    "summary",
                    "province",
                )
            }
        form = LegalDocumentForm(initial=initial, provinces=provinces)
    return render(request, "legal/document_form.html", {"form": form, "document": document})


@login_required
def legal_document_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "legal.add_legaldocument")
    return _document_form_view(request, None)


@login_required
def legal_document_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "legal.change_legaldocument")
    document = _document(pk)
    if not may_edit_legal(request.user, document.province_id):
        raise PermissionDenied
    return _document_form_view(request, document)


@login_required
@require_POST
def legal_relation_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that this document acts on another; errors come back as messages."""
    require_perm(request.user, "legal.change_legaldocument")
    document = _document(pk)
    form = LegalRelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the relation and give the other document's symbol."))
        return redirect(document)
    targets = selectors.legal_document_by_symbol(form.cleaned_data["target_symbol"])
    if len(targets) != 1:
        messages.error(
            request,
            _("No document in the library has this symbol; record it first.")
            if not targets
            else _("Several documents have this symbol; link it from the other document."),
        )
        return redirect(document)
    try:
        services.legal_relation_add(
            source=document,
            kind=form.cleaned_data["kind"],
            target=targets[0],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, _("The relation was recorded."))
    except ValidationError as exc:
        message_errors(request, exc)
    return redirect(document)


@login_required
@require_POST
def legal_relation_delete_view(request: HttpRequest, pk: int, relation_id: int) -> HttpResponse:
    require_perm(request.user, "legal.change_legaldocument")
    relation = get_object_or_404(
        LegalRelation.objects.select_related("source", "target"), pk=relation_id, source_id=pk
    )
    services.legal_relation_remove(relation=relation, actor=request.user)
    messages.success(request, _("The relation was removed."))
    return redirect(relation.source)


@login_required
def legal_document_file_view(request: HttpRequest, pk: int) -> FileResponse:
    """The document's file, as a download."""
    require_perm(request.user, "legal.view_legaldocument")
    document = _document(pk)
    return download(document.file)
