"""Importing and exporting the catalogue as the XLSX list provinces publish."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.permissions import require_perm
from chuan.organisations.imports import ImportFileError, read_table
from chuan.procedures import selectors
from chuan.procedures.catalogue_io import build_preview, catalogue_import, catalogue_workbook
from chuan.procedures.forms import CatalogueImportForm
from chuan.procedures.permissions import may_edit_catalogue
from chuan.procedures.views.catalogue import catalogue_province

IMPORT_SESSION_KEY = "chuan_catalogue_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def catalogue_export_view(request: HttpRequest) -> HttpResponse:
    """The procedures in force today that the user sees, as the province's XLSX list."""
    require_perm(request.user, "procedures.view_procedure")
    today = timezone.localdate()
    versions = (
        selectors.catalogue_versions(user=request.user, on=today)
        .select_related("procedure", "field")
        .prefetch_related("components", "legal_basis")
    )
    response = HttpResponse(catalogue_workbook(list(versions[:5000])), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-muc-tthc-{today:%Y%m%d}.xlsx"'
    return response


@login_required
def catalogue_import_view(request: HttpRequest) -> HttpResponse:
    """Upload → a preview of what each row does and every bad row → confirm. Nothing is
    written unless every row is valid; the checked table waits in the session."""
    require_perm(request.user, "procedures.change_procedure")
    province = catalogue_province(request.user)
    if province is None or not may_edit_catalogue(request.user, province):
        raise PermissionDenied
    context: dict[str, Any] = {"province": province}
    form = CatalogueImportForm()
    if request.method == "POST" and "confirm" in request.POST:
        table = request.session.pop(IMPORT_SESSION_KEY, None)
        if not table:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("procedures:catalogue_import")
        try:
            preview = catalogue_import(table=table, province=province, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("procedures:catalogue_import")
        if preview.is_valid:
            messages.success(
                request,
                _(
                    "%(new)s procedures were added and %(versions)s revised; "
                    "%(same)s were unchanged."
                )
                % {
                    "new": preview.count("new"),
                    "versions": preview.count("version"),
                    "same": preview.count("unchanged"),
                },
            )
            return redirect("procedures:catalogue")
        context["preview"] = preview
    elif request.method == "POST":
        form = CatalogueImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = read_table(upload, upload.name or "")
                preview = build_preview(table, province=province, user=request.user)
            except (ImportFileError, ValidationError) as exc:
                form.add_error(
                    "file", str(exc) if isinstance(exc, ImportFileError) else " ".join(exc.messages)
                )
            else:
                context["preview"] = preview
                if preview.is_valid:
                    request.session[IMPORT_SESSION_KEY] = table
    context["form"] = form
    return render(request, "procedures/catalogue_import.html", context)
