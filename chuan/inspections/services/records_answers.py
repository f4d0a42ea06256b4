"""The agency's report in a records-based inspection (TT 26/2014/TT-BKHCN Art. 35.2): its
leaders or ISO secretary confirm or correct, item by item, what Chuẩn pre-filled on the
thirteen Article 36 items, with evidence, save drafts, and send it. A report sent after the
deadline is still taken, and shown late."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name
from chuan.inspections import article36
from chuan.inspections.choices import InspectionState
from chuan.inspections.models import Inspection, ItemAnswer
from chuan.inspections.permissions import can_answer
from chuan.inspections.services.records import _activity, locked, step

TEXT_MAX = 5000
EVIDENCE_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
# The states in which the agency's report can still be written.
OPEN_FOR_ANSWER = frozenset({InspectionState.REQUESTED, InspectionState.DECIDED})


@dataclass
class ItemData:
    """What the agency says of one item."""

    answer: str = ""
    evidence: str = ""
    confirmed: bool = False
    evidence_file: UploadedFile | None = None


def _may_answer(inspection: Inspection, actor: Any) -> None:
    if not can_answer(actor, inspection.agency_id):
        raise PermissionDenied(_("Only the agency's leaders and ISO secretary may answer."))


def _open(inspection: Inspection) -> None:
    if inspection.state not in OPEN_FOR_ANSWER:
        raise ConflictError(
            _("Not possible while the inspection is “%(state)s”.")
            % {"state": InspectionState(inspection.state).label}
        )


def _check(items: dict[str, ItemData]) -> dict[str, str]:
    """Check every item before anything is stored: its texts bounded, its file's size
    first, then its content (`chuan.core.files.checked_upload`). The names to store the
    files under."""
    errors: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, data in items.items():
        if code not in article36.BY_CODE:
            errors[code] = _("There is no item %(code)s in Article 36.") % {"code": code}
            continue
        label = article36.item(code).label
        if len(data.answer) > TEXT_MAX or len(data.evidence) > TEXT_MAX:
            errors[f"{code}-answer"] = _("Item %(item)s: write at most %(n)d characters.") % {
                "item": label,
                "n": TEXT_MAX,
            }
        if data.evidence_file is not None:
            try:
                names[code] = checked_upload_name(
                    data.evidence_file, kinds=EVIDENCE_KINDS, field=f"{code}-evidence_file"
                )
            except ValidationError as exc:
                for message in exc.message_dict.get(f"{code}-evidence_file", []):
                    errors[f"{code}-evidence_file"] = f"{label}: {message}"
    if errors:
        raise ValidationError(errors)
    return names


def inspection_answer_save(
    *, inspection: Inspection, items: dict[str, ItemData], actor: Any
) -> list[ItemAnswer]:
    """Save the agency's draft of its report (any of the items; the others unchanged)."""
    _may_answer(inspection, actor)
    _open(inspection)
    names = _check(items)
    with transaction.atomic():
        inspection = locked(inspection)
        _open(inspection)
        rows = {
            row.code: row
            for row in ItemAnswer.objects.select_for_update().filter(
                inspection=inspection, code__in=list(items)
            )
        }
        saved = []
        for code, data in items.items():
            row = rows.get(code) or ItemAnswer(inspection=inspection, code=code)
            row.answer = data.answer.strip()
            row.evidence = data.evidence.strip()
            row.confirmed = bool(data.confirmed)
            if data.evidence_file is not None:
                row.evidence_file.save(names[code], data.evidence_file, save=False)
            row.save()
            saved.append(row)
        _activity(inspection, "inspection.answer_saved", actor, items=sorted(items))
    return saved


def missing_items(rows: list[ItemAnswer]) -> list[str]:
    """The items (as printed, "1.a") not yet confirmed with an answer, in the article's
    order; an item without a row is missing too."""
    ready = {row.code for row in rows if row.confirmed and row.answer.strip()}
    return [item.label for item in article36.ITEMS if item.code not in ready]


def inspection_answer_submit(*, inspection: Inspection, actor: Any) -> Inspection:
    """Send the report to DOST: report requested (or decided) → report received. Refused,
    naming them, while any item is unconfirmed or unanswered. After the deadline it is
    still sent; `selectors.records.is_late` shows it late."""
    _may_answer(inspection, actor)
    with transaction.atomic():
        inspection = locked(inspection)
        to = step(inspection, "answer")
        missing = missing_items(list(ItemAnswer.objects.filter(inspection=inspection)))
        if missing:
            raise ValidationError(
                {
                    "items": _("Confirm and answer every item before sending: %(items)s.")
                    % {"items": ", ".join(missing)}
                }
            )
        now = timezone.now()
        late = inspection.reply_due is not None and timezone.localdate(now) > inspection.reply_due
        inspection.state = to
        inspection.answered_at = now
        inspection.answered_by = actor if getattr(actor, "is_authenticated", False) else None
        inspection.save(update_fields=["state", "answered_at", "answered_by", "updated_at"])
        _activity(inspection, "inspection.answered", actor, state=to, late=late)
    return inspection
