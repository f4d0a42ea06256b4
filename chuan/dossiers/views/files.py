"""A dossier's files at the desk: the scan (or electronic original) of each paper received and
the result's file, uploaded through the content checks of `core.files` and downloaded by the
officials who see the dossier, always as attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import message_errors
from chuan.core.permissions import require_perm
from chuan.dossiers import services
from chuan.dossiers.forms import DossierFileForm
from chuan.dossiers.views.dossier import dossier_or_404


def _upload(request: HttpRequest, pk: int, order: int | None) -> HttpResponse:
    require_perm(request.user, "dossiers.change_dossier")
    dossier = dossier_or_404(request, pk)
    form = DossierFileForm(request.POST, request.FILES)
    if not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return redirect(dossier)
    data = form.cleaned_data
    try:
        if order is None:
            services.result_attach_file(
                dossier=dossier, file=data["file"], origin=data["origin"], actor=request.user
            )
        else:
            services.component_attach_file(
                dossier=dossier,
                order=order,
                file=data["file"],
                origin=data["origin"],
                actor=request.user,
            )
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(dossier)
    messages.success(request, _("The file was attached."))
    return redirect(dossier)


@login_required
@require_http_methods(["GET", "POST"])
def component_file_view(request: HttpRequest, pk: int, order: int) -> HttpResponseBase:
    """GET: the paper's file; POST: attach or replace it."""
    if request.method == "POST":
        return _upload(request, pk, order)
    require_perm(request.user, "dossiers.view_dossier")
    dossier = dossier_or_404(request, pk)
    component = dossier.components.filter(order=order).first()
    if component is None:
        raise Http404
    return download(component.file)


@login_required
@require_http_methods(["GET", "POST"])
def result_file_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """GET: the result's file; POST: attach or replace it."""
    if request.method == "POST":
        return _upload(request, pk, None)
    require_perm(request.user, "dossiers.view_dossier")
    return download(dossier_or_404(request, pk).result_file)
