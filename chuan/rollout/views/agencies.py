"""Each agency's QMS history, targets and status import (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse


def agency_list_view(request: HttpRequest) -> HttpResponse:
    raise Http404


def agency_qms_view(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404


def event_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404


def target_list_view(request: HttpRequest) -> HttpResponse:
    raise Http404


def target_create_view(request: HttpRequest) -> HttpResponse:
    raise Http404


def status_import_view(request: HttpRequest) -> HttpResponse:
    raise Http404
