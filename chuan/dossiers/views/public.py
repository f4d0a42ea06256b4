"""The citizen's page, without an account: a dossier code and the last four digits of the
applicant's phone show its status, dates and current step, nothing personal; once the
result is returned, one rating and the result's file to download. Wrong guesses are limited
per client address and per dossier code, counted in the shared cache so that every worker
and restart sees them."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.throttling import Limit, address_key, rate_hit, rate_refund
from chuan.dossiers import selectors, services
from chuan.dossiers.choices import Status
from chuan.dossiers.extensions import lookup_panels
from chuan.dossiers.forms import LookupForm, RatingForm
from chuan.dossiers.models import Dossier

# Ten wrong guesses in fifteen minutes from one address: enough for typing mistakes, far too
# few to walk through codes and phone endings.
PER_ADDRESS = Limit(10, 15 * 60)
# Twenty wrong phone endings a day for one dossier, from anywhere: a guesser with many
# addresses needs years for the 10,000 endings; the citizen rarely mistypes twenty times.
PER_CODE = Limit(20, 24 * 3600)


@never_cache
def lookup_view(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if data is None and request.GET.get("code"):
        form = LookupForm(initial={"code": request.GET["code"][:40].strip()})
    else:
        form = LookupForm(data)
    context: dict[str, object] = {"form": form}
    typed = (data or request.GET).get("code", "")[:40]
    if data is not None and form.is_valid():
        context.update(_look_up(request, form))
    found = context.get("dossier")
    context["panels"] = lookup_panels(request, found, context) if isinstance(found, Dossier) else []
    context["agency"] = found.agency if isinstance(found, Dossier) else _agency(typed)
    # Switching the language comes back to the same dossier code (never the phone ending).
    context["language_next"] = reverse("dossiers:lookup") + (
        "?" + urlencode({"code": selectors.public_code(typed)}) if typed.strip() else ""
    )
    return render(request, "dossiers/public_lookup.html", context)


def _agency(code: str) -> object:
    return selectors.agency_of_code(code) if code.strip() else None


def _find(request: HttpRequest, form: LookupForm) -> Dossier | str:
    """The dossier the code and phone ending name, or why not. Count the attempt first, so
    that requests sent together see one another, and give it back when it finds the dossier:
    only misses are held against anyone."""
    code = selectors.public_code(form.cleaned_data["code"])
    counters = [f"lookup-address:{address_key(request)}"]
    if selectors.code_exists(code):
        counters.append(f"lookup-code:{code}")
    allowed = rate_hit(counters[0], PER_ADDRESS)
    if len(counters) > 1:
        allowed = rate_hit(counters[1], PER_CODE) and allowed
    if not allowed:
        return _("Too many attempts. Please try again later.")
    dossier = selectors.lookup(code, form.cleaned_data["phone_tail"])
    if dossier is None:
        return _("No dossier matches this code and phone number.")
    rate_refund(counters[0], PER_ADDRESS)
    if len(counters) > 1:
        rate_refund(counters[1], PER_CODE)
    return dossier


def _look_up(request: HttpRequest, form: LookupForm) -> dict[str, object]:
    found = _find(request, form)
    if isinstance(found, str):
        return {"error": found}
    code = selectors.public_code(form.cleaned_data["code"])
    return _found(request, found, code, form.cleaned_data["phone_tail"])


@never_cache
@require_POST
def lookup_result_view(request: HttpRequest) -> HttpResponseBase:
    """The result's file, for the citizen who names the dossier by its code and phone ending
    (the same limits on wrong guesses as the lookup), once the result was returned; another
    dossier's file is never reachable, since the file is found from the dossier found."""
    form = LookupForm(request.POST)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        found = _find(request, form)
        if isinstance(found, Dossier):
            result = selectors.citizen_result_file(found)
            if result is not None:
                return download(result.file)
            context["error"] = _("This dossier has no result file to download.")
        else:
            context["error"] = found
    context["agency"] = None
    context["language_next"] = reverse("dossiers:lookup")
    return render(request, "dossiers/public_lookup.html", context)


def _found(request: HttpRequest, dossier: Dossier, code: str, phone_tail: str) -> dict[str, object]:
    step = (
        dossier.steps.filter(order=dossier.current_step).first() if dossier.current_step else None
    )
    result: dict[str, object] = {"step": step, "code": code, "phone_tail": phone_tail}
    if dossier.status == Status.RETURNED and not dossier.satisfaction:
        rating = RatingForm(request.POST if "satisfaction" in request.POST else None)
        if "satisfaction" in request.POST and rating.is_valid():
            try:
                dossier = services.dossier_rate(
                    dossier=dossier,
                    satisfaction=rating.cleaned_data["satisfaction"],
                    comment=rating.cleaned_data["comment"],
                )
            except (DomainError, ValidationError):
                # Rated meanwhile (another tab): show the rating that stands.
                dossier.refresh_from_db(fields=["satisfaction", "satisfaction_comment"])
            result["rated"] = True
        else:
            result["rating"] = rating
    result["dossier"] = dossier
    result["result_file"] = selectors.citizen_result_file(dossier)
    return result
