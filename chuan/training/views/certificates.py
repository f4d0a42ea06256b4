"""Screens of certificates: the list, issuing for a finished course, revoking, the DOCX
with its QR code, and the public verification page — no sign-in, showing the name, the
course and the date only (and whether it was revoked), with wrong guesses limited per
address as on the public dossier lookup."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.forms import message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.core.qr import qr_svg
from chuan.core.throttling import Limit, address_key, rate_hit, rate_refund
from chuan.core.word import docx_response
from chuan.training import selectors
from chuan.training.certificate_word import certificate_docx, verify_url
from chuan.training.forms import IssueForm, RevokeForm
from chuan.training.models import Certificate
from chuan.training.permissions import can_manage
from chuan.training.services import certificates as services
from chuan.training.views.common import course_or_404

# As the public dossier lookup (chuan/dossiers/views/public.py): ten misses in fifteen
# minutes from one address — enough for typing mistakes, far too few to walk the numbers.
PER_ADDRESS = Limit(10, 15 * 60)


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "training.view_training")
    page = paginate(request, selectors.certificate_list(request.user))
    return render(
        request,
        "training/certificates.html",
        {"page": page, "query": query_without_page(request), "section": "training"},
    )


def _certificate(request: HttpRequest, pk: int) -> Certificate:
    certificate_id = id_param(str(pk))
    certificate = (
        selectors.certificate_list(request.user).filter(pk=certificate_id).first()
        if certificate_id
        else None
    )
    if certificate is None:
        raise Http404
    return certificate


@login_required
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "training.view_training")
    certificate = _certificate(request, pk)
    filename = "certificate-" + certificate.number.replace("/", "-") + ".docx"
    return docx_response(certificate_docx(certificate), filename)


@login_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as a page (printable), with its QR code and, for DOST, revocation."""
    require_perm(request.user, "training.view_training")
    certificate = _certificate(request, pk)
    url = verify_url(certificate.number)
    return render(
        request,
        "training/certificate_detail.html",
        {
            "certificate": certificate,
            "verify_url": url,
            "qr": qr_svg(url),
            "may_manage": can_manage(request.user, certificate.course.province_id),
            "form": RevokeForm(),
            "section": "training",
        },
    )


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    certificate = _certificate(request, pk)
    if not can_manage(request.user, certificate.course.province_id):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, reason=form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("The certificate was revoked."))
        except (DomainError, ValidationError) as exc:
            message_errors(request, exc)
    else:
        messages.error(request, _("Give the reason for revoking the certificate."))
    return redirect("training:certificate", pk=certificate.pk)


@login_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "training.manage_training")
    course = course_or_404(request, pk)
    if not can_manage(request.user, course.province_id):
        raise PermissionDenied
    form = IssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("training:course", pk=course.pk)
    try:
        issued = services.certificate_issue(course=course, actor=request.user, **form.cleaned_data)
        if issued:
            messages.success(request, _("%(n)s certificate(s) were issued.") % {"n": len(issued)})
        else:
            messages.info(request, _("No learner passed without a certificate."))
    except (DomainError, ValidationError) as exc:
        message_errors(request, exc)
    return redirect("training:course", pk=course.pk)


@never_cache
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """The public page a certificate's QR code opens: name, course, date — nothing else."""
    number = number.strip()[:40]
    counter = f"certificate-verify:{address_key(request)}"
    context: dict[str, object] = {"number": number}
    if not rate_hit(counter, PER_ADDRESS):
        context["error"] = _("Too many attempts. Please try again later.")
        return render(request, "training/verify.html", context, status=429)
    found = selectors.certificate_public(number)
    if found is None:
        context["error"] = _("No certificate has this number.")
        return render(request, "training/verify.html", context, status=404)
    # Only misses are held against an address: a room verifying its certificates is fine.
    rate_refund(counter, PER_ADDRESS)
    context["certificate"] = found
    return render(request, "training/verify.html", context)
