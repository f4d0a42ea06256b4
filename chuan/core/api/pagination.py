"""Pagination shared by every API list."""

from typing import Any

from rest_framework import pagination
from rest_framework.request import Request

from chuan.core.api.params import IntQuery

# No list holds more pages than this; a larger number is a mistake, not a page.
MAX_PAGE = 10**6


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 50 by default; a client may ask for up to 200 with `page_size`. A page or
    size that is not a whole number in range answers 400 naming it; a page past the last
    answers 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    page_param = IntQuery("page", 1, MAX_PAGE, "A page number within the paginated result set.")
    size_param = IntQuery("page_size", 1, max_page_size, "Number of results to return per page.")

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self.page_param.read(request.query_params)
        self.size_param.read(request.query_params)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": param.name,
                "required": False,
                "in": "query",
                "description": param.description,
                "schema": {"type": "integer", "minimum": param.minimum, "maximum": param.maximum},
            }
            for param in (self.page_param, self.size_param)
        ]


def check_page(request: Request) -> None:
    """A nested list's page and size checked before its parent is looked up: a bad page
    answers 400 naming it, not the 404 of a parent the caller cannot see."""
    PageNumberPagination.page_param.read(request.query_params)
    PageNumberPagination.size_param.read(request.query_params)
