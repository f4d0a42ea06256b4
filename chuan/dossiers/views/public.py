"""The citizen's page, without an account: a dossier code and the last four digits of the
applicant's phone show its status, dates and current step, nothing personal; once the
result is returned, one rating. Failed lookups are counted per address and slowed down."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from chuan.core.exceptions import DomainError
from chuan.dossiers import selectors, services
from chuan.dossiers.choices import Status
from chuan.dossiers.forms import LookupForm, RatingForm

# Ten wrong guesses in fifteen minutes from one address: enough for typing mistakes, far too
# few to walk through codes and phone endings.
MAX_MISSES, WINDOW_SECONDS = 10, 15 * 60


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _misses_key(request: HttpRequest) -> str:
    return f"chuan:lookup-misses:{_client(request)}"


@never_cache
def lookup_view(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if data is None and request.GET.get("code"):
        form = LookupForm(initial={"code": request.GET["code"][:40]})
    else:
        form = LookupForm(data)
    context: dict[str, object] = {"form": form}
    if data is not None:
        blocked = cache.get(_misses_key(request), 0) >= MAX_MISSES
        if blocked:
            context["error"] = _("Too many attempts. Please try again in fifteen minutes.")
        elif form.is_valid():
            dossier = selectors.lookup(form.cleaned_data["code"], form.cleaned_data["phone_tail"])
            if dossier is None:
                cache.set(
                    _misses_key(request), cache.get(_misses_key(request), 0) + 1, WINDOW_SECONDS
                )
                context["error"] = _("No dossier matches this code and phone number.")
            else:
                context.update(_found(request, dossier, form))
    return render(request, "dossiers/public_lookup.html", context)


def _found(request: HttpRequest, dossier: object, form: LookupForm) -> dict[str, object]:
    from chuan.dossiers.models import Dossier

    assert isinstance(dossier, Dossier)
    step = (
        dossier.steps.filter(order=dossier.current_step).first() if dossier.current_step else None
    )
    result: dict[str, object] = {"dossier": dossier, "step": step}
    if dossier.status == Status.RETURNED and not dossier.satisfaction:
        rating = RatingForm(request.POST if "satisfaction" in request.POST else None)
        if "satisfaction" in request.POST and rating.is_valid():
            try:
                services.dossier_rate(
                    dossier=dossier,
                    satisfaction=rating.cleaned_data["satisfaction"],
                    comment=rating.cleaned_data["comment"],
                )
                result["rated"] = True
            except (DomainError, ValidationError):
                result["rated"] = True
        else:
            result["rating"] = rating
    result["code"] = form.cleaned_data["code"]
    result["phone_tail"] = form.cleaned_data["phone_tail"]
    return result
