"""Writes of the desk's form sets: a new set of forms recorded on the circular that issues
it, taking over from the set before on its first day (TT 03/2025/TT-VPCP)."""

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.legal.models import LegalDocument
from chuan.procedures import hooks
from chuan.procedures.choices import (
    FormSlip,
)
from chuan.procedures.models import (
    FormSet,
    FormSetItem,
)
from chuan.procedures.permissions import (
    may_keep_form_sets,
)
from chuan.procedures.selectors import form_sets_cache_clear


@dataclass
class FormData:
    """One form of a new set: its number, official title and the paper it is."""

    number: str
    title: str
    slip: str
    title_en: str = ""


def _form_set_errors(
    old: FormSet | None, code: str, name: str, valid_from: datetime.date, forms: list[FormData]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = _("Give the set a code.")
    elif FormSet.objects.filter(code=code).exists():
        errors["code"] = _("A form set with this code exists already.")
    if not name:
        errors["name"] = _("Give the set a name.")
    slips, numbers = [f.slip for f in forms], [f.number for f in forms]
    if (
        any(slip not in FormSlip.values for slip in slips)
        or len(set(slips)) < len(slips)
        or len(set(numbers)) < len(numbers)
        or not all(f.number and f.title for f in forms)
    ):
        errors["forms"] = _("Each form needs a number and a title, and is a different paper.")
    elif FormSlip.RECEIPT not in slips:
        errors["forms"] = _("A form set holds at least the receipt and appointment slip.")
    if old is not None and valid_from <= old.valid_from:
        errors["valid_from"] = _("The new set must apply after the one it replaces began.")
    return errors


def form_set_replace(
    *,
    old: FormSet | None,
    code: str,
    name: str,
    legal_document: LegalDocument,
    valid_from: datetime.date,
    forms: list[FormData],
    actor: Any,
) -> FormSet:
    """Record the desk's new form set as a circular issues it, applying from `valid_from`:
    the set it replaces ends the day before (dossiers received earlier keep printing on it),
    and the reviews the change of the law opened on that set close, answered by this one."""
    if not may_keep_form_sets(actor):
        raise PermissionDenied(_("You may not change the desk's form sets."))
    code, name = code.strip(), " ".join(name.split())
    for form in forms:
        form.number, form.title = form.number.strip(), " ".join(form.title.split())
    errors = _form_set_errors(old, code, name, valid_from, forms)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    with transaction.atomic():
        if old is not None:
            old = FormSet.objects.select_for_update().get(pk=old.pk)
            old.valid_to = min(old.valid_to or valid_from, valid_from - datetime.timedelta(days=1))
            old.save(update_fields=["valid_to", "updated_at"])
        new = FormSet.objects.create(
            code=code, name=name, legal_document=legal_document, valid_from=valid_from
        )
        FormSetItem.objects.bulk_create(
            FormSetItem(form_set=new, **asdict(form))
            for form in sorted(forms, key=lambda f: f.number)
        )
        activity_record(
            actor=actor,
            verb="form_set.created",
            target=new,
            changes={
                "legal_document": legal_document.symbol,
                "valid_from": valid_from.isoformat(),
                "replaces": old.code if old else "",
                "forms": [f"{f.number} {f.title}" for f in forms],
            },
        )
        if old is not None:
            hooks.replaced(old=old, new=new, actor=actor)
        transaction.on_commit(form_sets_cache_clear)
    return new
