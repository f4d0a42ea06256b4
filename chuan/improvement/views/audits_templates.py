"""Screens of the checklist templates (phiếu hỏi mẫu) an agency audits with: the national
template by clause of TCVN ISO 9001:2015 and the agency's own versions, copied from it and
with their prompts edited (ISO 9001:2015, 9.2.2). Wired by `views.audits.urlpatterns`."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chuan.core.forms import StyledFormMixin, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.improvement.models import ChecklistTemplate
from chuan.improvement.permissions import can_manage_qms
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.services import audits_checklist as checklist

VIEW = "improvement.view_qms"


class QuestionForm(StyledFormMixin, forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


def _templates(agency_id: int) -> object:
    return (
        ChecklistTemplate.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))
        .annotate(questions=Count("lines"))
        .order_by("agency_id", "code", "-version")
    )


def _template(request: HttpRequest, pk: int) -> ChecklistTemplate:
    require_perm(request.user, VIEW)
    agency = agency_in_view(request)
    template = get_object_or_404(ChecklistTemplate, pk=pk)
    if template.agency_id is not None and (agency is None or template.agency_id != agency.pk):
        raise Http404
    return template


@login_required
def template_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, VIEW)
    agency = agency_in_view(request)
    templates = _templates(agency.pk) if agency else ChecklistTemplate.objects.none()
    return render(
        request,
        "improvement/audits_templates.html",
        {
            "agency": agency,
            "page": paginate(request, templates),
            "query": query_without_page(request),
            "may_manage": agency is not None and can_manage_qms(request.user, agency.pk),
            "in_use": checklist.template_for(agency.pk) if agency else None,
            "section": "improvement",
        },
    )


@login_required
def template_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    agency = agency_in_view(request)
    editable = template.agency_id is not None and can_manage_qms(request.user, template.agency_id)
    return render(
        request,
        "improvement/audits_template_detail.html",
        {
            "template": template,
            "agency": agency,
            "page": paginate(request, template.lines.order_by("order"), per_page=100),
            "query": query_without_page(request),
            "editable": editable,
            "may_copy": agency is not None and can_manage_qms(request.user, agency.pk),
            "section": "improvement",
        },
    )


@login_required
@require_POST
def template_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    agency = agency_in_view(request)
    if agency is None or not can_manage_qms(request.user, agency.pk):
        raise PermissionDenied
    copy = checklist.template_copy(agency=agency, template=template, actor=request.user)
    messages.success(
        request,
        _("Version %(version)s is the agency's own: edit its questions.")
        % {"version": copy.version},
    )
    return redirect(f"{reverse('improvement:audit_template', args=[copy.pk])}?agency={agency.pk}")


@login_required
@require_POST
def template_line_view(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    template = _template(request, pk)
    if template.agency_id is None or not can_manage_qms(request.user, template.agency_id):
        raise PermissionDenied
    line = get_object_or_404(template.lines, pk=line_id)
    form = QuestionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors.values()))
        checklist.template_line_edit(
            line=line, question=form.cleaned_data["question"], actor=request.user
        )
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        message_errors(request, exc)
    url = reverse("improvement:audit_template", args=[template.pk])
    return redirect(f"{url}?agency={template.agency_id}#q-{line.pk}")


urlpatterns = [
    path("qms/audits/templates/", template_list_view, name="audit_templates"),
    path("qms/audits/templates/<int:pk>/", template_detail_view, name="audit_template"),
    path("qms/audits/templates/<int:pk>/copy/", template_copy_view, name="audit_template_copy"),
    path(
        "qms/audits/templates/<int:pk>/lines/<int:line_id>/",
        template_line_view,
        name="audit_template_line",
    ),
]
