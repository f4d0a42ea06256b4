"""The keeper's screens (DOST, or a department for its field): the province's model sets,
a set with its items, an item with its editions, drafting an edition and approving it
(a leader of the keeping agency). Approving propagates the edition to every adopting
agency in the same step."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.params import int_param
from chuan.core.permissions import require_perm
from chuan.kits import permissions, placeholders, services
from chuan.kits import selectors_screens as screens
from chuan.kits.choices import EditionState, ItemKind
from chuan.kits.forms import (
    ApproveForm,
    EditionForm,
    ItemForm,
    ReasonForm,
    StepFormSet,
    content_of,
    steps_initial,
)
from chuan.kits.models import Adoption, ModelEdition, ModelSet
from chuan.kits.views.common import attempt, item_or_404, model_set_or_404
from chuan.procedures.models import Procedure


@login_required
def set_list_view(request: HttpRequest) -> HttpResponse:
    """The model sets of the province, each with its items and how many agencies adopted
    it; an agency's official sees which one its agency runs on."""
    require_perm(request.user, permissions.VIEW)
    sets = list(screens.visible_sets(request.user).order_by("province_id", "code"))
    ids = [s.pk for s in sets]
    items = screens.item_counts(ids)
    adopters = screens.adopter_counts(ids)
    agency = screens.own_agency(request.user)
    mine: set[int] = set()
    if agency is not None:
        mine = set(
            Adoption.objects.filter(agency=agency, model_set_id__in=ids).values_list(
                "model_set_id", flat=True
            )
        )
    return render(
        request,
        "kits/set_list.html",
        {
            "lines": [
                {
                    "set": s,
                    "items": items.get(s.pk, 0),
                    "adopters": adopters.get(s.pk, 0),
                    "mine": s.pk in mine,
                }
                for s in sets
            ],
            "may_adopt": agency is not None and permissions.may_adopt(request.user, agency),
        },
    )


@login_required
def set_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    model_set = model_set_or_404(request, pk)
    with_drafts = permissions.sees_drafts(request.user, model_set)
    lines = screens.item_lines(model_set, with_drafts=with_drafts)
    agency = screens.own_agency(request.user)
    adopted = (
        Adoption.objects.filter(agency=agency, model_set=model_set).exists() if agency else False
    )
    return render(
        request,
        "kits/set_detail.html",
        {
            "model_set": model_set,
            "lines": lines,
            "documents": [line for line in lines if line.item.kind == ItemKind.DOCUMENT],
            "processes": [line for line in lines if line.item.kind == ItemKind.PROCESS],
            "may_keep": permissions.may_keep(request.user, model_set),
            "sees_table": screens.sees_table(request.user, model_set),
            "may_adopt": agency is not None and permissions.may_adopt(request.user, agency),
            "adopted": adopted,
        },
    )


def _body_lines(body: str) -> list[list[tuple[str, bool]]]:
    """The model's text line by line, each placeholder marked so the screen shows it."""
    lines = []
    for line in body.splitlines() or [""]:
        parts: list[tuple[str, bool]] = []
        last = 0
        for match in placeholders.PATTERN.finditer(line):
            parts.append((line[last : match.start()], False))
            parts.append((match.group(1), True))
            last = match.end()
        parts.append((line[last:], False))
        lines.append([p for p in parts if p[0]])
    return lines


@login_required
def item_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(request, pk)
    model_set = item.model_set
    sees_drafts = permissions.sees_drafts(request.user, model_set)
    editions = list(item.editions.select_related("prepared_by", "approved_by").order_by("-number"))
    if not sees_drafts:
        editions = [e for e in editions if e.state == EditionState.APPROVED]
    number = int_param(request.GET.get("edition"), minimum=1, maximum=32767)
    edition = screens.edition_with_content(item, number)
    if edition is not None and edition.state != EditionState.APPROVED and not sees_drafts:
        raise Http404
    draft = next((e for e in editions if e.state == EditionState.DRAFT), None)
    counts = screens.item_line(item, with_drafts=sees_drafts)
    return render(
        request,
        "kits/item_detail.html",
        {
            "item": item,
            "model_set": model_set,
            "editions": editions,
            "edition": edition,
            "body_lines": _body_lines(edition.body) if edition and edition.body else [],
            "steps": list(edition.steps.all()) if edition else [],
            "draft": draft,
            "counts": counts,
            "may_keep": permissions.may_keep(request.user, model_set),
            "may_approve": permissions.may_approve(request.user, model_set),
            "approve_form": ApproveForm(),
            "withdraw_form": ReasonForm(),
        },
    )


def _procedures(model_set: ModelSet) -> Any:
    taken = model_set.items.exclude(procedure=None).values_list("procedure_id", flat=True)
    return Procedure.objects.exclude(pk__in=taken).order_by("code")


@login_required
def item_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A new model item with its first edition (a draft for the leader to approve)."""
    model_set = model_set_or_404(request, pk)
    require_perm(request.user, permissions.KEEP)
    if not permissions.may_keep(request.user, model_set):
        raise PermissionDenied
    form = ItemForm(request.POST or None, procedures=_procedures(model_set))
    edition_form = EditionForm(request.POST or None)
    steps = StepFormSet(request.POST or None, prefix="steps")
    if (
        request.method == "POST"
        and form.is_valid()
        and edition_form.is_valid()
        and steps.is_valid()
    ):
        data = form.cleaned_data
        try:
            item = services.model_item_create(
                model_set=model_set,
                kind=data["kind"],
                code=data["code"],
                title=data["title"],
                document_kind=data.get("document_kind") or "",
                procedure=data.get("procedure"),
                content=content_of(edition_form, steps, data["kind"]),
                order=model_set.items.count() + 1,
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except (DomainError, PermissionDenied) as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("The model item was added with its first draft."))
            return redirect("kits:item_detail", item.pk)
    return render(
        request,
        "kits/item_form.html",
        {"model_set": model_set, "form": form, "edition_form": edition_form, "steps": steps},
    )


@login_required
def edition_form_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the item's next edition (from the newest approved one) or change the open
    draft: the text or steps, the legal basis and what changes, where and why."""
    item = item_or_404(request, pk)
    require_perm(request.user, permissions.KEEP)
    if not permissions.may_keep(request.user, item.model_set):
        raise PermissionDenied
    draft = item.editions.filter(state=EditionState.DRAFT).first()
    source = draft or screens.edition_with_content(item, None)
    initial: dict[str, Any] = {}
    steps_start: list[dict[str, Any]] = []
    if source is not None:
        initial = {
            "body": source.body,
            "legal_basis": "\n".join(d.symbol for d in source.legal_basis.all()),
        }
        if draft is not None and draft.changes:
            first = draft.changes[0]
            initial.update({k: first.get(k, "") for k in ("what", "where", "why")})
        steps_start = steps_initial(source)
    form = EditionForm(request.POST or None, initial=initial)
    steps = StepFormSet(request.POST or None, prefix="steps", initial=steps_start)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        content = content_of(form, steps, item.kind)
        try:
            if draft is None:
                edition = services.edition_draft(item=item, content=content, actor=request.user)
            else:
                edition = services.edition_update(
                    edition=draft, content=content, actor=request.user
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except (DomainError, PermissionDenied) as exc:
            message_errors(request, exc)
        else:
            messages.success(
                request, _("The draft was saved; a leader of the keeping agency approves it.")
            )
            return redirect(
                f"{reverse('kits:item_detail', args=[item.pk])}?edition={edition.number}"
            )
    return render(
        request,
        "kits/edition_form.html",
        {
            "item": item,
            "model_set": item.model_set,
            "draft": draft,
            "source": source,
            "form": form,
            "steps": steps,
        },
    )


def _edition(request: HttpRequest, pk: int) -> ModelEdition:
    require_perm(request.user, permissions.VIEW)
    edition = get_object_or_404(
        ModelEdition.objects.select_related("item__model_set").filter(
            item__model_set__in=screens.visible_sets(request.user)
        ),
        pk=pk,
    )
    if edition.state != EditionState.APPROVED and not permissions.sees_drafts(
        request.user, edition.item.model_set
    ):
        raise Http404
    return edition


def _back(edition: ModelEdition) -> HttpResponse:
    return redirect(
        f"{reverse('kits:item_detail', args=[edition.item_id])}?edition={edition.number}"
    )


@login_required
@require_POST
def edition_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader approves the draft; every adopting agency gets its update request."""
    edition = _edition(request, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return _back(edition)
    attempt(
        request,
        lambda: services.edition_approve(
            edition=edition,
            approved_on=form.cleaned_data.get("approved_on"),
            actor=request.user,
        ),
        _("The edition was approved and sent to every agency that adopted the model."),
    )
    return _back(edition)


@login_required
@require_POST
def edition_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return _back(edition)
    attempt(
        request,
        lambda: services.edition_withdraw(
            edition=edition, reason=form.cleaned_data["reason"], actor=request.user
        ),
        _("The draft was withdrawn."),
    )
    return _back(edition)
