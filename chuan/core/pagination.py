"""Pagination for HTML lists: every list in Chuẩn is paginated."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from chuan.core.params import int_param

PAGE_SIZE = 50


def paginate(request: HttpRequest, items: Any, *, per_page: int = PAGE_SIZE) -> Page:
    """Return the requested page; a bad or too-large page number gives the nearest valid page."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(int_param(request.GET.get("page"), minimum=1) or 1)


def query_without_page(request: HttpRequest) -> str:
    """The current query string minus `page`, for building page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
