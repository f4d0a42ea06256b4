"""The DOST dashboard (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse


def dashboard_view(request: HttpRequest) -> HttpResponse:
    raise Http404


def dashboard_export_view(request: HttpRequest) -> HttpResponse:
    raise Http404


def group_detail_view(request: HttpRequest, group_id: int) -> HttpResponse:
    raise Http404
