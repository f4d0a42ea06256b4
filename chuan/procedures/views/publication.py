"""Publication of the catalogue (công khai thủ tục hành chính, Decree 63/2010/NĐ-CP Art. 8):
a public page per agency, without an account, listing the procedures in force it receives
with their components, fees, time, result, legal basis and online level. It reads the very
selector the desk receives from (`selectors.versions_in_force`, the agency's province and
level), so what the citizen reads and what the desk receives cannot differ."""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_cookie

from chuan.core.pagination import paginate, query_without_page
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Agency
from chuan.organisations.scoping import province_family_ids
from chuan.procedures.publication import MISSING_LABELS
from chuan.procedures.selectors import versions_in_force

PER_PAGE = 20


@cache_control(public=True, max_age=300)
@vary_on_cookie  # the language is chosen by a cookie
def publication_view(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The agency's procedures in force today, searched without diacritics, 20 a page."""
    agency = Agency.objects.select_related("unit").filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    province = agency.unit.province_id or agency.unit_id
    query = request.GET.get("q", "")[:100]
    versions = versions_in_force(
        province_ids=province_family_ids(province),
        on=timezone.localdate(),
        query=query,
        level=agency.level,
    ).prefetch_related(
        "components",
        Prefetch("legal_basis", LegalDocument.objects.order_by("-issue_date")),
    )
    return render(
        request,
        "procedures/publication.html",
        {
            "agency": agency,
            "page": paginate(request, versions, per_page=PER_PAGE),
            "q": query,
            "query": query_without_page(request),
            "today": timezone.localdate(),
            "missing_labels": MISSING_LABELS,
        },
    )
