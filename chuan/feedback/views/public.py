"""The citizen's side, without an account: sending a feedback from the lookup page (about
the dossier found, its code and the phone's last four digits checked again) or to an agency,
and the agency's page of published replies (NĐ 20/2008 Art. 19).

No captcha: every submission is counted per client address in the shared cache (five an
hour, like the lookup's guesses), every field is bounded, and the form carries Django's
CSRF token."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.throttling import Limit, address_key, rate_hit
from chuan.dossiers.selectors import lookup
from chuan.feedback import selectors, services
from chuan.feedback.forms import PublicFeedbackForm
from chuan.organisations.models import Agency

# Five feedbacks an hour from one address: more than a citizen writes, too few to flood the
# register.
PER_ADDRESS = Limit(5, 3600)


def _agency_or_404(agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first() if id_param(str(agency_id)) else None
    if agency is None:
        raise Http404
    return agency


def _dossier(form: PublicFeedbackForm, agency: Agency) -> tuple[Any, bool]:
    """The dossier named by the hidden code and phone ending; (None, True) when none was
    named, (None, False) when they do not match a dossier of this agency."""
    code, tail = form.cleaned_data["code"].strip(), form.cleaned_data["phone_tail"].strip()
    if not code and not tail:
        return None, True
    dossier = lookup(code, tail)
    if dossier is None or dossier.agency_id != agency.pk:
        return None, False
    return dossier, True


@never_cache
def send_view(request: HttpRequest, agency_id: int) -> HttpResponse:
    """GET: the form to an agency; POST: register it (from here or the lookup page)."""
    agency = _agency_or_404(agency_id)
    form = PublicFeedbackForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "agency": agency}
    if request.method == "POST":
        if not rate_hit(f"feedback-address:{address_key(request)}", PER_ADDRESS):
            context["error"] = _("Too many attempts. Please try again later.")
            return render(request, "feedback/public_send.html", context, status=429)
        if form.is_valid():
            dossier, matched = _dossier(form, agency)
            if not matched:
                context["error"] = _("No dossier matches this code and phone number.")
                return render(request, "feedback/public_send.html", context, status=400)
            data = form.cleaned_data
            try:
                feedback = services.feedback_submit(
                    agency=agency,
                    data=services.FeedbackData(
                        channel="public_form",
                        sender_name=data["sender_name"],
                        sender_phone=data["sender_phone"],
                        sender_email=data["sender_email"],
                        sender_address=data["sender_address"],
                        content_type=data["content_type"],
                        content=data["content"],
                        dossier=dossier,
                    ),
                )
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            else:
                return render(
                    request, "feedback/public_sent.html", {"feedback": feedback, "agency": agency}
                )
        return render(request, "feedback/public_send.html", context, status=400)
    return render(request, "feedback/public_send.html", context)


def published_view(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The agency's published replies, newest first (no names, no contacts)."""
    agency = _agency_or_404(agency_id)
    return render(
        request,
        "feedback/public_replies.html",
        {
            "agency": agency,
            "page": paginate(request, selectors.published_replies(agency_id=agency.pk)),
            "query": query_without_page(request),
        },
    )


def lookup_panel(request: HttpRequest, dossier: Any, context: dict[str, Any]) -> Any:
    """The feedback form under the dossier the citizen found on the lookup page."""
    from chuan.dossiers.extensions import Panel

    if dossier is None or not context.get("code"):
        return None
    form = PublicFeedbackForm(
        initial={"code": context["code"], "phone_tail": context.get("phone_tail", "")}
    )
    return Panel(
        "feedback/_lookup_panel.html",
        {"form": form, "agency": dossier.agency, "days": services.reply_days()},
    )
