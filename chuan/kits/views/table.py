"""DOST's adoption table: for a model set, every agency it is made for with the edition of
each item it runs on and where it stands (current, behind, adapted, kept its own, not
adopted), filtered, paginated and counted, and the same as a workbook."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exports import Column, XlsxBook, xlsx_response
from chuan.core.pagination import paginate, query_without_page
from chuan.core.text import fold
from chuan.kits import selectors
from chuan.kits import selectors_screens as screens
from chuan.kits.choices import AdoptionState
from chuan.kits.models import ModelSet
from chuan.kits.views.common import model_set_or_404

PER_PAGE = 25
EXPORT_MAX_AGENCIES = 2000


def _table(request: HttpRequest, model_set: ModelSet, today: datetime.date) -> tuple:
    """The table for the filters asked: the state (validated) and a name typed."""
    state = request.GET.get("state", "")
    state = state if state in AdoptionState.values else ""
    table = selectors.adoption_table(model_set, state=state, on=today)
    query = " ".join(request.GET.get("q", "").split())[:100]
    rows = table.rows
    if query:
        folded = fold(query)
        rows = [row for row in rows if folded in fold(row.agency.name)]
    return table, rows, state, query


@login_required
def adoption_table_view(request: HttpRequest, pk: int) -> HttpResponse:
    model_set = model_set_or_404(request, pk)
    if not screens.sees_table(request.user, model_set):
        raise PermissionDenied
    today = timezone.localdate()
    table, rows, state, query = _table(request, model_set, today)
    if request.GET.get("format") == "xlsx":
        return _export(model_set, table, rows[:EXPORT_MAX_AGENCIES], today)
    page = paginate(request, rows, per_page=PER_PAGE)
    items = {item.pk: item for item in table.items}
    return render(
        request,
        "kits/adoption_table.html",
        {
            "model_set": model_set,
            "page": page,
            "rows": [
                {
                    "row": row,
                    "badge": screens.badge(row.state),
                    "label": screens.state_label(row.state),
                    "counts": screens.row_counts(row),
                    "cells": [
                        {
                            "cell": cell,
                            "title": items[cell.item_id].title,
                            "badge": screens.badge(cell.state),
                            "label": screens.state_label(cell.state),
                        }
                        for cell in row.cells
                    ],
                }
                for row in page.object_list
            ],
            "q": query,
            "state": state,
            "states": [
                (value, label, table.counts.get(value, 0), screens.badge(value))
                for value, label in AdoptionState.choices
            ],
            "approved": table.counts.get("approved", 0),
            "total": sum(table.counts.get(value, 0) for value in AdoptionState.values),
            "query": query_without_page(request),
            "export_query": query_without_page(request),
            "today": today,
        },
    )


def _export(model_set: ModelSet, table: Any, rows: list[Any], today: datetime.date) -> HttpResponse:
    book = XlsxBook(title=model_set.name)
    items = {item.pk: item for item in table.items}
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
        (
            [
                row.agency.name,
                row.agency.code or "",
                cell.code,
                items[cell.item_id].title,
                cell.edition or "",
                cell.newest or "",
                screens.state_label(cell.state),
                cell.kept_reason,
            ]
            for row in rows
            for cell in row.cells
        ),
        before=[
            [model_set.name],
            [_("On %(date)s") % {"date": today.strftime("%d/%m/%Y")}],
        ],
        auto_filter=True,
    )
    return xlsx_response(book.to_bytes(), f"ap-dung-bo-mau-{model_set.code}.xlsx")
