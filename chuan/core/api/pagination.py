"""Pagination shared by every API list."""

from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from rest_framework import pagination
from rest_framework.request import Request
from rest_framework.response import Response

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


# Past this many results a list stops counting them exactly (see CappedCountPagination).
COUNT_CAP = 10_000


class _CappedPage(Page):
    more = False

    def has_next(self) -> bool:
        paginator: CappedCountPaginator = self.paginator  # type: ignore[assignment]
        return self.more if not paginator.exact else super().has_next()


class CappedCountPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows (a bounded `COUNT(*)` over a `LIMIT`ed subquery);
    past that, a page is read with one row more to know whether another follows."""

    exact = True

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        if isinstance(rows, QuerySet):  # only the ids, unsorted: the order changes no count
            rows = rows.order_by().values("pk")
        counted = int(rows[: COUNT_CAP + 1].count())
        self.exact = counted <= COUNT_CAP
        return counted

    def validate_number(self, number: Any) -> int:
        if self.exact or self.count == 0:
            return int(super().validate_number(number))
        number = int(number)
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number: Any) -> Page:
        if self.count == 0 or self.exact:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        page = _CappedPage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        return _CappedPage(*args, **kwargs)


class CappedCountPagination(PageNumberPagination):
    """Pages of a list that may hold millions of rows (the dossiers a province sees): `count`
    is exact up to 10,000 (`count_exact` true); past it `count` reads 10,001 and
    `count_exact` is false, and `next` leads on to the last page all the same. Counting a
    province's year exactly took longer than the page itself."""

    django_paginator_class = CappedCountPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        assert self.page is not None
        paginator: CappedCountPaginator = self.page.paginator  # type: ignore[assignment]
        response.data["count_exact"] = paginator.exact
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = (
            f"Number of results, exact up to {COUNT_CAP:,}; past it {COUNT_CAP + 1:,}."
        )
        described["properties"]["count_exact"] = {
            "type": "boolean",
            "description": f"Whether `count` is exact (at most {COUNT_CAP:,} results).",
        }
        described["required"] = [*described.get("required", []), "count_exact"]
        return described
