"""Screens of DOST's guidance (QĐ 19/2014/QĐ-TTg Art. 12): the letters (an agency's, unread
first; DOST's, with acknowledgement counts), a letter's page with its files and the
acknowledge button (HTMX), the publish form, who acknowledged (paginated, XLSX). Questions
and the FAQ are in `guidance_questions`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.exports import Column, XlsxBook, xlsx_response
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.inspections.forms_guidance import LetterForm, WithdrawForm
from chuan.inspections.guidance_permissions import (
    can_publish_guidance,
    can_read_guidance_province,
    user_agency_id,
)
from chuan.inspections.guidance_states import FileRole, LetterState
from chuan.inspections.models import GuidanceFile, GuidanceLetter
from chuan.inspections.selectors import guidance as selectors
from chuan.inspections.services import guidance as services
from chuan.inspections.views import guidance_questions

_READ = "inspections.view_inspections"


def audience_label(letter: GuidanceLetter) -> str:
    """The audience in words: all agencies, or a level and/or a kind."""
    parts = [str(letter.get_audience_level_display()) if letter.audience_level else ""]
    parts.append(str(letter.get_audience_kind_display()) if letter.audience_kind else "")
    words = " · ".join(part for part in parts if part)
    return words or _("All agencies of the province")


@login_required
def letter_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, _READ)
    user: Any = request.user
    province = selectors.home_province(user)
    dost = selectors.is_dost(user)
    if dost:
        page = paginate(
            request, selectors.letter_list_dost(user=user, state=request.GET.get("state", ""))
        )
        for letter in page.object_list:
            letter.audience_text = audience_label(letter)
    else:
        page = paginate(request, selectors.receipt_list_agency(user=user))
    return render(
        request,
        "inspections/guidance/list.html",
        {
            "page": page,
            "page_query": query_without_page(request),
            "dost": dost,
            "may_publish": province is not None and can_publish_guidance(user, province.pk),
            "states": LetterState.choices,
            "state": request.GET.get("state", ""),
            "section": "inspections",
        },
    )


@login_required
def letter_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "inspections.publish_guidance")
    user: Any = request.user
    province = selectors.home_province(user)
    if province is None or not can_publish_guidance(user, province.pk):
        raise PermissionDenied
    form = LetterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files: list[tuple[str, str, Any]] = [
            (
                FileRole.LETTER,
                _("Guidance letter %(number)s") % {"number": data["number"]},
                data["letter_file"],
            )
        ]
        files += [
            (FileRole.TEMPLATE, upload.name.rsplit(".", 1)[0], upload)
            for upload in data["templates"]
        ]
        try:
            letter = services.guidance_create(
                province=province,
                data=services.LetterData(
                    number=data["number"],
                    issued_on=data["issued_on"],
                    title=data["title"],
                    summary=data["summary"],
                    audience_level=data["audience_level"],
                    audience_kind=data["audience_kind"],
                    files=files,
                ),
                actor=user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if data["publish_now"]:
                try:
                    count = services.guidance_publish(letter=letter, actor=user)
                except (ValidationError, DomainError) as exc:
                    message_errors(request, exc)
                else:
                    messages.success(
                        request, _("Published to %(count)s agencies.") % {"count": count}
                    )
            else:
                messages.success(request, _("The letter was saved as a draft."))
            return redirect(letter)
    return render(
        request,
        "inspections/guidance/form.html",
        {"form": form, "province": province, "section": "inspections"},
    )


def _letter(request: HttpRequest, pk: int) -> GuidanceLetter:
    require_perm(request.user, _READ)
    letter = selectors.letter_get(user=request.user, pk=pk)
    if letter is None:
        raise Http404
    return letter


@login_required
def letter_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    user: Any = request.user
    dost = can_read_guidance_province(user, letter.province_id)
    receipt = selectors.receipt_of(letter=letter, agency_id=user_agency_id(user))
    context: dict[str, Any] = {
        "letter": letter,
        "audience": audience_label(letter),
        "files": list(letter.files.all()),
        "receipt": receipt,
        "dost": dost,
        "may_publish": can_publish_guidance(user, letter.province_id),
        "withdraw_form": WithdrawForm(),
        "section": "inspections",
    }
    if dost:
        unread = request.GET.get("unread") == "1"
        context["unread"] = unread
        context["page"] = paginate(request, selectors.receipt_list(letter=letter, unread=unread))
        context["page_query"] = query_without_page(request)
    return render(request, "inspections/guidance/detail.html", context)


@login_required
@require_POST
def letter_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        receipt = services.guidance_acknowledge(letter=letter, actor=request.user)
    except (DomainError, PermissionDenied) as exc:
        if request.headers.get("HX-Request"):
            return render(
                request,
                "inspections/guidance/_acknowledge.html",
                {"letter": letter, "receipt": None, "error": str(exc)},
                status=200,
            )
        messages.error(request, str(exc))
        return redirect(letter)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "inspections/guidance/_acknowledge.html",
            {"letter": letter, "receipt": receipt},
        )
    messages.success(request, _("Acknowledged for your agency."))
    return redirect(letter)


@login_required
@require_POST
def letter_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    letter = _letter(request, pk)
    if step not in ("publish", "withdraw"):
        raise Http404
    if not can_publish_guidance(request.user, letter.province_id):
        raise PermissionDenied
    try:
        if step == "publish":
            count = services.guidance_publish(letter=letter, actor=request.user)
            messages.success(request, _("Published to %(count)s agencies.") % {"count": count})
        else:
            services.guidance_withdraw(
                letter=letter, reason=request.POST.get("reason", "")[:2000], actor=request.user
            )
            messages.success(request, _("The letter was withdrawn."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(letter)


@login_required
def letter_receipts_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    if not can_read_guidance_province(request.user, letter.province_id):
        raise PermissionDenied
    receipts = selectors.receipt_list(letter=letter, unread=request.GET.get("unread") == "1")
    book = XlsxBook(title=letter.title)
    book.sheet(
        _("Acknowledgements"),
        [
            Column(_("Agency"), 50),
            Column(_("Acknowledged"), 14),
            Column(_("Acknowledged at"), 18),
            Column(_("Acknowledged by"), 30),
        ],
        (
            (
                receipt.agency.name,
                _("Yes") if receipt.acknowledged_at else _("No"),
                receipt.acknowledged_at,
                (receipt.acknowledged_by.get_full_name() or receipt.acknowledged_by.get_username())
                if receipt.acknowledged_by
                else "",
            )
            for receipt in receipts.iterator(chunk_size=1000)
        ),
        before=[[f"{letter.number} — {letter.title}"], [_("Date"), letter.issued_on]],
        auto_filter=True,
    )
    return xlsx_response(book.to_bytes(), f"huong-dan-{letter.pk}-xac-nhan.xlsx")


@login_required
def letter_file_view(request: HttpRequest, pk: int) -> FileResponse:
    item = GuidanceFile.objects.filter(pk=pk).only("letter_id", "file").first()
    if item is None:
        raise Http404
    _letter(request, item.letter_id)
    return download(item.file)


urlpatterns = [
    path("guidance/", letter_list_view, name="guidance_list"),
    path("guidance/new/", letter_create_view, name="guidance_create"),
    path("guidance/<int:pk>/", letter_detail_view, name="guidance_detail"),
    path("guidance/<int:pk>/acknowledge/", letter_acknowledge_view, name="guidance_acknowledge"),
    path(
        "guidance/<int:pk>/receipts.xlsx", letter_receipts_xlsx_view, name="guidance_receipts_xlsx"
    ),
    path("guidance/<int:pk>/<slug:step>/", letter_step_view, name="guidance_step"),
    path("guidance/files/<int:pk>/", letter_file_view, name="guidance_file"),
    *guidance_questions.urlpatterns,
]
