"""DOST's adoption table: for a model set, every agency it is made for with the edition of
each item it runs on and where it stands (current, behind, adapted, kept its own, not
adopted), filtered, paginated and counted, and the same as a workbook."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exports import Column, XlsxBook, xlsx_response
from chuan.core.pagination import paginate, query_without_page
from chuan.core.text import fold
from chuan.kits import selectors_screens as screens
from chuan.kits.choices import AdoptionState
from chuan.kits.models import ModelSet
from chuan.kits.views.common import model_set_or_404

PER_PAGE = 25
EXPORT_MAX_AGENCIES = 2000


def _filtered(request: HttpRequest, model_set: ModelSet, today: datetime.date) -> tuple:
    agencies = screens.expected_agencies(model_set, today).select_related("unit")
    query = request.GET.get("q", "")[:100].strip()
    if query:
        agencies = agencies.filter(search_name__contains=fold(query))
    ordered = list(agencies.order_by("name", "pk").values_list("pk", flat=True))
    states = screens.whole_states(model_set, ordered)
    state = request.GET.get("state", "")
    state = state if state in AdoptionState.values else ""
    shown = [pk for pk in ordered if not state or states[pk] == state]
    return agencies, query, state, states, shown


@login_required
def adoption_table_view(request: HttpRequest, pk: int) -> HttpResponse:
    model_set = model_set_or_404(request, pk)
    if not screens.sees_table(request.user, model_set):
        raise PermissionDenied
    today = timezone.localdate()
    agencies, query, state, states, shown = _filtered(request, model_set, today)
    items = list(model_set.items.order_by("order", "code"))
    if request.GET.get("format") == "xlsx":
        return _export(model_set, agencies, shown[:EXPORT_MAX_AGENCIES], items, today)
    page = paginate(request, shown, per_page=PER_PAGE)
    by_pk = agencies.in_bulk(list(page.object_list))
    rows = screens.adoption_rows(model_set, [by_pk[pk] for pk in page.object_list], items)
    counts = screens.table_counts(states)
    return render(
        request,
        "kits/adoption_table.html",
        {
            "model_set": model_set,
            "page": page,
            "rows": rows,
            "items": items,
            "q": query,
            "state": state,
            "states": [
                (value, label, counts.get(value, 0), screens.STATE_BADGES[value])
                for value, label in AdoptionState.choices
            ],
            "total": len(states),
            "query": query_without_page(request),
            "export_query": query_without_page(request),
            "today": today,
        },
    )


def _export(
    model_set: ModelSet,
    agencies: object,
    shown: list[int],
    items: list,
    today: datetime.date,
) -> HttpResponse:
    book = XlsxBook(title=model_set.name)
    by_pk = agencies.in_bulk(shown)  # type: ignore[attr-defined]
    lines: list[list[object]] = []
    chunk = 200
    for start in range(0, len(shown), chunk):
        part = [by_pk[pk] for pk in shown[start : start + chunk]]
        lines.extend(
            [
                row.agency.name,
                row.agency.code or "",
                cell.item.code,
                cell.item.title,
                cell.edition or "",
                cell.latest or "",
                cell.label,
                cell.kept_reason,
            ]
            for row in screens.adoption_rows(model_set, part, items)
            for cell in row.cells
        )
    book.sheet(
        _("Adoption"),
        [
            Column(_("Agency"), 40),
            Column(_("Code"), 16),
            Column(_("Model code"), 14),
            Column(_("Model item"), 48, wrap=True),
            Column(_("Edition adopted"), 10),
            Column(_("Newest edition"), 10),
            Column(_("State"), 26),
            Column(_("Reason to keep its own"), 48, wrap=True),
        ],
        lines,
        before=[
            [model_set.name],
            [_("On %(date)s") % {"date": today.strftime("%d/%m/%Y")}],
        ],
        auto_filter=True,
    )
    return xlsx_response(book.to_bytes(), f"ap-dung-bo-mau-{model_set.code}.xlsx")
